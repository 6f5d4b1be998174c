"""Stages, channels, emotion scale, criteria, departments and currency: defaults and reading from mkdocs.yml."""
from __future__ import annotations

import re
from typing import Any, Callable

from babel.numbers import is_currency

from .bounds import MAX_ID, MAX_TEXT, cut, id_too_long, is_number
from .fields import line_of, out_of_bounds, too_long
from .i18n import N_, _, languages, translate
from .model import Channel, Criterion, Department, EmotionLevel, Referential, Stage
from .problems import CONFIG, WARNING, Problem, did_you_mean, shown
from .vocabulary import Vocabulary

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
DEFAULT_CURRENCY = "EUR"
# The keys an item of each list may have (any other is a warning: a typo loses data silently).
ITEM_KEYS = {"stages": ("id", "label", "aliases"), "channels": ("id", "label", "aliases"),
             "emotions": ("id", "label", "aliases", "score"),
             "criteria": ("id", "label", "aliases", "weight", "inverse"),
             "departments": ("id", "label", "aliases")}

# The defaults of docs/format.md: (id, label: an English message of the catalogue, [extra,] aliases). Every
# label is also understood in the catalogue's other languages (an English word on a French site).
_STAGES = [
    ("recherche", N_("Research"), ("découverte", "discovery")),
    ("choix", N_("Choice"), ("comparaison", "considération", "consideration")),
    ("achat", N_("Purchase"), ("commande", "order")),
    ("usage", N_("Use"), ("utilisation",)),
    ("apres-vente", N_("After-sales"), ("sav", "service après-vente", "after-sales service")),
]
_CHANNELS = [
    ("web", N_("Website"), ("site", "internet", "site internet")),
    ("appli", N_("Mobile app"), ("application", "app", "appli mobile")),
    ("email", N_("E-mail"), ("courriel",)),
    ("telephone", N_("Phone"), ("tel", "appel", "centre d'appels", "call centre", "call center")),
    ("reseaux", N_("Social media"), ("réseaux", "social", "social network")),
    ("magasin", N_("Store"), ("boutique", "point de vente", "shop")),
    ("courrier", N_("Postal mail"), ("lettre", "letter", "post")),
]
# The scale people write in their own words: no word names two levels ('satisfait' is satisfaction,
# 'content' is pleasure, 'ravi' delight, 'déçu' disappointment, 'énervé' irritation).
_EMOTIONS = [
    ("enchantement", N_("Delight"), 2, ("ravi", "ravie", "enchanté", "enchantée", "émerveillé", "émerveillée",
                                        "conquis", "conquise", "wow", "delighted", "thrilled", "amazed")),
    ("plaisir", N_("Pleasure"), 1, ("content", "contente", "heureux", "heureuse", "agréable", "happy", "pleased",
                                    "glad")),
    ("satisfaction", N_("Satisfaction"), 0, ("satisfait", "satisfaite", "neutre", "correct", "ok", "satisfied",
                                             "neutral", "fine")),
    ("deception", N_("Disappointment"), -1, ("déçu", "déçue", "décevant", "décevante", "bof", "disappointed",
                                             "disappointing", "meh")),
    ("irritant", N_("Irritation"), -2, ("irrité", "irritée", "énervé", "énervée", "agacé", "agacée", "frustré",
                                        "frustrée", "exaspéré", "exaspérée", "furieux", "furieuse", "en colère",
                                        "irritated", "annoyed", "frustrated", "angry", "furious")),
]
_CRITERIA = [
    ("customer_importance", N_("Customer importance"), 3, False),
    ("business_impact", N_("Business impact"), 3, False),
    ("feasibility", N_("Feasibility"), 2, False),
    ("cost", N_("Cost"), 2, True),
    ("delay", N_("Implementation delay"), 1, True),
]


def _words(label: str, aliases: tuple[str, ...] = ()) -> tuple[str, ...]:
    """A default item's aliases: its label in every language, and its own aliases."""
    return tuple(dict.fromkeys((*(translate(label, language) for language in languages()), *aliases)))


def default_referential(language: str = "fr") -> Referential:
    """The referential of docs/format.md, labelled in the site language."""
    def label(message: str) -> str:
        return translate(message, language)

    return Referential(
        stages=tuple(Stage(i, label(text), _words(text, aliases)) for i, text, aliases in _STAGES),
        channels=tuple(Channel(i, label(text), _words(text, aliases)) for i, text, aliases in _CHANNELS),
        emotions=tuple(EmotionLevel(i, label(text), score, _words(text, aliases))
                       for i, text, score, aliases in _EMOTIONS),
        criteria=tuple(Criterion(i, label(text), weight, inverse, _words(text))
                       for i, text, weight, inverse in _CRITERIA),
    )


def build_referential(options: Any, language: str, path: str) -> tuple[Referential, list[Problem]]:
    """The referential from the plugin options (lists replace defaults), with problems at ``path``."""
    default = default_referential(language)
    problems: list[Problem] = []
    options = options if isinstance(options, dict) else {}

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message, layer=CONFIG))

    def read(key: str, make: Callable[[dict, int], Any], fallback: tuple) -> tuple:
        value = options.get(key)
        if value is None:
            return fallback
        if not isinstance(value, list) or not value:
            problem(line_of(options, key), _("'{key}' must be a non-empty list of {{id, label}} items", key=key))
            return fallback
        items, seen = [], set()
        for index, entry in enumerate(value):
            line = line_of(value, index)
            if isinstance(entry, str):
                entry = {"id": entry, "label": entry}
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                problem(line, _("each item of '{key}' needs an 'id', e.g. {example}", key=key,
                                example="{id: web, label: Site web}"))
                continue
            item_id = entry["id"]
            if not ID_PATTERN.match(item_id):
                problem(line, _("{key} id '{id}' must be lowercase letters, digits, '-' or '_'", key=key,
                                id=cut(item_id)))
                continue
            if len(item_id) > MAX_ID:
                problem(line, id_too_long(item_id))
                continue
            if item_id in seen:
                problem(line, _("{key} id '{id}' is listed twice", key=key, id=item_id))
                continue
            seen.add(item_id)
            known = ITEM_KEYS.get(key, ("id", "label", "aliases"))
            problems.extend(Problem(path, line_of(entry, name, line), _(
                "unknown key '{name}' in an item of '{list}' (it takes {keys}){suggestion}", name=name, list=key,
                keys=", ".join(known), suggestion=did_you_mean(name, known)), WARNING, layer=CONFIG)
                for name in entry if name not in known)
            try:
                items.append(make(entry, line))
            except ValueError as exc:
                problem(line, _("{key} '{id}': {problem}", key=key, id=item_id, problem=str(exc)))
        result = tuple(items) if items else fallback
        if items:
            _clashes(key, result, value, problem)
        return result

    def label(entry: dict) -> str:
        text = str(entry.get("label") or entry["id"])
        if len(text) > MAX_TEXT:
            raise ValueError(too_long("label", text))
        return text

    def aliases(entry: dict) -> tuple[str, ...]:
        raw = entry.get("aliases", [])
        raw = [raw] if isinstance(raw, str) else raw
        if not isinstance(raw, list) or not all(isinstance(word, (str, int)) and not isinstance(word, bool)
                                                for word in raw):
            raise ValueError(_("'aliases' must be a list of words, e.g. {example}", example="aliases: [content, ravi]"))
        return tuple(str(word) for word in raw)

    def stage(entry: dict, line: int) -> Stage:
        return Stage(entry["id"], label(entry), aliases(entry))

    def channel(entry: dict, line: int) -> Channel:
        return Channel(entry["id"], label(entry), aliases(entry))

    def emotion(entry: dict, line: int) -> EmotionLevel:
        score = entry.get("score")
        if isinstance(score, bool) or not isinstance(score, (int, float)):
            raise ValueError(_("needs a numeric 'score' (best level highest)"))
        if not is_number(score):
            raise ValueError(out_of_bounds("score", score))
        return EmotionLevel(entry["id"], label(entry), score, aliases(entry))

    def criterion(entry: dict, line: int) -> Criterion:
        weight = entry.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0:
            raise ValueError(_("'weight' must be a positive number"))
        if not is_number(weight):
            raise ValueError(out_of_bounds("weight", weight))
        inverse = entry.get("inverse", False)
        if not isinstance(inverse, bool):
            raise ValueError(_("'inverse' must be true or false (a YAML boolean, unquoted), not {value}",
                               value=shown(inverse)))
        return Criterion(entry["id"], label(entry), weight, inverse, aliases(entry))

    def department(entry: dict, line: int) -> Department:
        return Department(entry["id"], label(entry), aliases(entry))

    referential = Referential(
        stages=read("stages", stage, default.stages),
        channels=read("channels", channel, default.channels),
        emotions=read("emotions", emotion, default.emotions),
        criteria=read("criteria", criterion, default.criteria),
        departments=read("departments", department, ()),
        currency=read_currency(options, path, problems),
    )
    return referential, problems


def _clashes(key: str, items: tuple, raw: list, problem: Callable[[int, str], None]) -> None:
    """A label or alias that names two items of one list is a problem at the second item."""
    lines = {entry.get("id"): line_of(raw, index) for index, entry in enumerate(raw) if isinstance(entry, dict)}
    for clash in Vocabulary.of(items).clashes:
        problem(lines.get(clash.other, line_of(raw, 0)), _(
            "'{word}' names both {key} '{kept}' and '{other}'; keep it on one of them, so that it means one thing",
            word=clash.word, key=key, kept=clash.kept, other=clash.other))


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
                              value=shown(value)), layer=CONFIG))
    return DEFAULT_CURRENCY
