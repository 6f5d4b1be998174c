"""Stages, channels, emotion scale, criteria, departments and currency: defaults and reading from mkdocs.yml."""
from __future__ import annotations

import math
import re
from typing import Any, Callable

from babel.numbers import is_currency

from .fields import line_of
from .i18n import _, site_language
from .model import Channel, Criterion, Department, EmotionLevel, Referential, Stage
from .problems import WARNING, Problem, did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_CURRENCY = "EUR"
# The keys an item of each list may have (any other is a warning: a typo loses data silently).
ITEM_KEYS = {"stages": ("id", "label", "aliases"), "channels": ("id", "label", "aliases"),
             "emotions": ("id", "label", "aliases", "score"),
             "criteria": ("id", "label", "aliases", "weight", "inverse"),
             "departments": ("id", "label", "aliases")}

# (id, French label, English label[, extra])
_STAGES = [
    ("recherche", "Recherche", "Research"),
    ("choix", "Choix", "Choice"),
    ("achat", "Achat", "Purchase"),
    ("usage", "Usage", "Use"),
    ("apres-vente", "Après-vente", "After-sales"),
]
_CHANNELS = [
    ("web", "Site web", "Website"),
    ("appli", "Application mobile", "Mobile app"),
    ("email", "E-mail", "E-mail"),
    ("telephone", "Téléphone", "Phone"),
    ("reseaux", "Réseaux sociaux", "Social media"),
    ("magasin", "Magasin", "Store"),
    ("courrier", "Courrier", "Mail"),
]
_EMOTIONS = [
    ("enchantement", "Enchantement", "Delight", 2),
    ("plaisir", "Plaisir", "Pleasure", 1),
    ("satisfaction", "Satisfaction", "Satisfaction", 0),
    ("deception", "Déception", "Disappointment", -1),
    ("irritant", "Irritant", "Irritation", -2),
]
_CRITERIA = [
    ("customer_importance", "Importance client", "Customer importance", 3, False),
    ("business_impact", "Impact entreprise", "Business impact", 3, False),
    ("feasibility", "Faisabilité", "Feasibility", 2, False),
    ("cost", "Coût", "Cost", 2, True),
    ("delay", "Délai de mise en œuvre", "Implementation delay", 1, True),
]


def default_referential(language: str = "fr") -> Referential:
    """The referential of FORMAT.md, labelled in the site language."""
    en = site_language(language) == "en"
    return Referential(
        stages=tuple(Stage(i, en_ if en else fr) for i, fr, en_ in _STAGES),
        channels=tuple(Channel(i, en_ if en else fr) for i, fr, en_ in _CHANNELS),
        emotions=tuple(EmotionLevel(i, en_ if en else fr, s) for i, fr, en_, s in _EMOTIONS),
        criteria=tuple(Criterion(i, en_ if en else fr, w, inv) for i, fr, en_, w, inv in _CRITERIA),
    )


def build_referential(options: Any, language: str, path: str) -> tuple[Referential, list[Problem]]:
    """The referential from the plugin options (lists replace defaults), with problems at ``path``."""
    default = default_referential(language)
    problems: list[Problem] = []
    options = options if isinstance(options, dict) else {}

    def read(key: str, make: Callable[[dict, int], Any], fallback: tuple) -> tuple:
        value = options.get(key)
        if value is None:
            return fallback
        if not isinstance(value, list) or not value:
            problems.append(Problem(path, line_of(options, key), f"'{key}' must be a non-empty list of {{id, label}} items"))
            return fallback
        items, seen = [], set()
        for index, entry in enumerate(value):
            line = line_of(value, index)
            if isinstance(entry, str):
                entry = {"id": entry, "label": entry}
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                problems.append(Problem(path, line, f"each item of '{key}' needs an 'id', e.g. {{id: web, label: Site web}}"))
                continue
            item_id = entry["id"]
            if not ID_PATTERN.match(item_id):
                problems.append(Problem(path, line, f"{key} id '{item_id}' must be lowercase letters, digits, '-' or '_'"))
                continue
            if item_id in seen:
                problems.append(Problem(path, line, f"{key} id '{item_id}' is listed twice"))
                continue
            seen.add(item_id)
            known = ITEM_KEYS.get(key, ("id", "label", "aliases"))
            problems.extend(Problem(path, line_of(entry, name, line), _(
                "unknown key '{name}' in an item of '{list}' (it takes {keys}){suggestion}", name=name, list=key,
                keys=", ".join(known), suggestion=did_you_mean(name, known)), WARNING)
                for name in entry if name not in known)
            try:
                items.append(make(entry, line))
            except ValueError as exc:
                problems.append(Problem(path, line, f"{key} '{item_id}': {exc}"))
        return tuple(items) if items else fallback

    def label(entry: dict) -> str:
        return str(entry.get("label") or entry["id"])

    def emotion(entry: dict, line: int) -> EmotionLevel:
        score = entry.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)):
            raise ValueError("needs a numeric 'score' (best level highest)")
        if not math.isfinite(score):
            raise ValueError(_("'score' must be a finite number, not {value}", value=score))
        return EmotionLevel(entry["id"], label(entry), score)

    def criterion(entry: dict, line: int) -> Criterion:
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0 or math.isinf(weight):
            raise ValueError("'weight' must be a positive number")
        inverse = entry.get("inverse", False)
        if not isinstance(inverse, bool):
            raise ValueError(_("'inverse' must be true or false (a YAML boolean, unquoted), not {value}",
                               value=repr(inverse)))
        return Criterion(entry["id"], label(entry), weight, inverse)

    def department(entry: dict, line: int) -> Department:
        aliases = entry.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(_("'aliases' must be a list of words, e.g. aliases: [DSI, informatique]"))
        return Department(entry["id"], label(entry), tuple(aliases))

    referential = Referential(
        stages=read("stages", lambda e, _line: Stage(e["id"], label(e)), default.stages),
        channels=read("channels", lambda e, _line: Channel(e["id"], label(e)), default.channels),
        emotions=read("emotions", emotion, default.emotions),
        criteria=read("criteria", criterion, default.criteria),
        departments=read("departments", department, ()),
        currency=read_currency(options, path, problems),
    )
    return referential, problems


def read_currency(options: dict, path: str, problems: list[Problem]) -> str:
    """The ``currency`` option: an ISO 4217 code (default EUR); a bad one is an error at its line."""
    value = options.get("currency")
    if value is None:
        return DEFAULT_CURRENCY
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) == 3 and is_currency(code):
        return code
    problems.append(Problem(path, line_of(options, "currency"),
                            _("'currency' must be an ISO 4217 currency code such as EUR, USD or CHF, not {value}",
                              value=repr(value))))
    return DEFAULT_CURRENCY
