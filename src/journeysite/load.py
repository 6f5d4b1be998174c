"""Read a site's Markdown files into the model, collecting every structural problem.

Checks that need only the file itself (and the referential) live here; checks
across files (references, duplicates, targets, cycles) live in ``validate``.
"""
from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

from .config import SiteConfig, raw_html_option
from .directives import has_directive
from .docsfiles import docs_files
from .fields import Fields
from .frontmatter import Mapping, multimarkdown_meta, read_document, type_line
from .i18n import _
from .model import (CURRENT, OBJECTIVES, STATUSES, TARGET, ChannelPage, Chantier, Journey, Location,
                    Persona, Referential, SourcePage, Touchpoint)
from .pagemeta import THEME_KEYS, ThemeFiles, page_meta
from .problems import WARNING, Problem, did_you_mean, did_you_mean_or_choices
from .rawhtml import raw_html_problems
from .referential import ID_PATTERN, build_referential
from .textfile import decode_utf8

KINDS = ("persona", "journey", "chantier", "channel")
BROKEN = "broken"
IMPORTANCE_SIDES = ("customer", "business")
QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
REF = re.compile(r"^([a-z0-9][a-z0-9_-]*)#([a-z0-9][a-z0-9_-]*)$")
# Keys MkDocs and Material read from front matter: checked (pagemeta) and passed through.
PAGE_META = THEME_KEYS

PERSONA_KEYS = ("type", "id", "name", "segment", "quote", "photo", "goals", "expectations", "frustrations",
                "channels", "metrics")
JOURNEY_KEYS = ("type", "id", "title", "persona", "state", "target", "stages", "objectives", "tags", "touchpoints")
TOUCHPOINT_KEYS = ("id", "stage", "step", "channel", "action", "emotion", "moment_of_truth", "importance", "rupture",
                   "expectations", "irritants", "enchantements", "verbatims", "metrics", "data", "contact_reasons",
                   "owner", "chantiers")
CHANTIER_KEYS = ("type", "id", "title", "department", "owner", "status", "quarter", "budget", "scores",
                 "objectives", "touchpoints", "depends_on")
CHANNEL_KEYS = ("type", "id", "owner", "label")


def fold(text: str) -> str:
    """Lowercase without accents: how emotion labels are compared."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def resolve_emotion(value: Any, referential: Referential) -> tuple[str | None, str | None]:
    """(level id, None) for an id, label or score; (None, message) when it is none of them."""
    levels = referential.emotions
    if isinstance(value, bool):
        pass
    elif isinstance(value, (int, float)):
        match = next((e for e in levels if e.score == value), None)
        if match:
            return match.id, None
        scores = sorted(e.score for e in levels)
        return None, f"emotion score {value} is not on the scale ({scores[0]:g}..{scores[-1]:g})"
    elif isinstance(value, str):
        folded = fold(value)
        match = next((e for e in levels if fold(e.id) == folded or fold(e.label) == folded), None)
        if match:
            return match.id, None
    choices = [e.id for e in levels]
    return None, f"emotion {value!r} is not on the scale ({', '.join(choices)}){did_you_mean(fold(str(value)), choices)}"


class _Loader:
    """Builds the model file by file; one instance per load."""

    def __init__(self, config: SiteConfig, referential: Referential, problems: list[Problem]) -> None:
        self.config, self.referential, self.problems = config, referential, problems
        self.prefix = PurePosixPath(config.docs_dir).as_posix().strip("/")
        self.items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.pages: list[SourcePage] = []
        self.theme = ThemeFiles(config.theme_dirs)
        self.raw_html = raw_html_option(config)  # its problems are the options' (config.plugin_options)

    def meta(self, f: Fields) -> dict:
        """The keys of an item's front matter passed to the theme, each checked."""
        return page_meta(f, self.theme)

    def site_path(self, doc_path: str) -> str:
        return f"{self.prefix}/{doc_path}" if self.prefix and self.prefix != "." else doc_path

    def read_file(self, doc_path: str, raw: bytes) -> None:
        path = self.site_path(doc_path)
        text, problem = decode_utf8(raw, path)
        if text is None:
            self.problems.append(problem)
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        document = read_document(text)
        for line, message in document.problems + document.notes:
            self.problems.append(Problem(path, line, message))
        if document.problems:
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        if not self.raw_html:
            self.problems += [Problem(path, line, message)
                              for line, message in raw_html_problems(document.body, document.body_line)]
        data = document.data
        if data is None or (isinstance(data, dict) and "type" not in data):
            # MkDocs hands an ordinary page's front matter to the theme as it is: its theme keys are checked.
            page = Fields(data if data is not None else multimarkdown_meta(text), path, self.problems, "page")
            page_meta(page, self.theme, ("title", *THEME_KEYS) if data is not None else ("template", "icon"))
            self.pages.append(SourcePage(doc_path, path, None, text=text if has_directive(text) else ""))
            return
        if not isinstance(data, dict):
            self.problems.append(Problem(path, 2, "front matter must be a mapping of keys to values (key: value)"))
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        kind = data.get("type")
        if kind not in KINDS:
            self.problems.append(Problem(path, data.line_of("type"),
                                         f"unknown type {kind!r}; use one of {', '.join(KINDS)}{did_you_mean(kind, KINDS)}"))
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        item_id = self.item_id(data, doc_path, path)
        if item_id is None:
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        fields = Fields(data, path, self.problems, kind)
        location = Location(path, 1, dict(data.key_lines), document.body_line)
        build = getattr(self, f"build_{kind}")
        item = build(item_id, fields, location, document.body, doc_path)
        seen = self.items[kind].get(item_id)
        if seen is not None:  # both files are to blame: the first keeps the id, this one is left out
            self.problems += [_duplicate_id(kind, item_id, location, seen.location.path),
                              _duplicate_id(kind, item_id, seen.location, path)]
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        self.items[kind][item_id] = item
        self.pages.append(SourcePage(doc_path, path, kind, item_id))

    def item_id(self, data: Mapping, doc_path: str, path: str) -> str | None:
        raw = data.get("id", PurePosixPath(doc_path).stem)
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)  # id: 2024 is the id '2024', as for touchpoints
        if not isinstance(raw, str) or not ID_PATTERN.match(raw):
            where = "'id'" if "id" in data else "the file name (the default id)"
            self.problems.append(Problem(path, data.line_of("id"),
                                         f"bad id {raw!r} from {where}: ids are lowercase letters, digits, '-' and '_', "
                                         f"starting with a letter or digit (e.g. '{slug(str(raw))}')"))
            return None
        return raw

    # -- one builder per kind ----------------------------------------------------------

    def build_persona(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Persona:
        f.unknown_keys(PERSONA_KEYS, PAGE_META)
        photo = f.text("photo")
        if photo:
            photo = self.check_photo(photo, doc_path, f)
        return Persona(
            id=item_id, name=f.text("name", required=True, hint=", e.g. name: Quentin"), location=location,
            segment=f.text("segment"), quote=f.text("quote"), photo=photo, goals=f.texts("goals"),
            expectations=f.texts("expectations"), frustrations=f.texts("frustrations"),
            channels=f.texts("channels"), metrics=f.numbers("metrics"), body=body, meta=self.meta(f))

    def check_photo(self, photo: str, doc_path: str, f: Fields) -> str:
        """The photo path relative to docs_dir, or '' when it leaves docs_dir or is absolute."""
        if "://" in photo or photo.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", photo):
            f.error("photo", f"photo '{photo}' must be a path relative to this file, inside the docs folder")
            return ""
        joined = os.path.normpath(os.path.join(os.path.dirname(doc_path), photo)).replace(os.sep, "/")
        if joined == ".." or joined.startswith("../"):
            f.error("photo", f"photo '{photo}' leaves the docs folder; put the image inside '{self.config.docs_dir}'")
            return ""
        if not (self.config.docs_path / joined).is_file():
            f.error("photo", f"photo '{photo}' not found (looked for {self.site_path(joined)})", WARNING)
        return joined

    def build_journey(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Journey:
        f.unknown_keys(JOURNEY_KEYS, PAGE_META)
        state = f.text("state") or CURRENT
        aliases = {"actuel": CURRENT, "cible": TARGET}
        state = aliases.get(state, state)
        if state not in (CURRENT, TARGET):
            f.error("state", f"state '{state}' must be 'current' (actuel) or 'target' (cible){did_you_mean(state, (CURRENT, TARGET))}")
            state = CURRENT
        objectives = self.enum_list(f, "objectives", OBJECTIVES)
        stages = f.texts("stages")
        for stage, line in zip(stages, f.item_lines("stages")):
            if self.referential.stage(stage) is None:
                f.problems.append(Problem(f.path, line, f"stage '{stage}' is not in the referential's stages"
                                          f"{did_you_mean_or_choices(stage, [s.id for s in self.referential.stages])}"))
        stages = tuple(s for s in stages if self.referential.stage(s)) or tuple(s.id for s in self.referential.stages)
        touchpoints = self.build_touchpoints(f, stages)
        return Journey(
            id=item_id, title=f.text("title", required=True, hint=", e.g. title: Acheter un vélo"), location=location,
            personas=self.persona_ids(f), state=state, target=f.text("target") or None, stages=stages,
            objectives=objectives, tags=f.texts("tags"), touchpoints=touchpoints, body=body, meta=self.meta(f))

    def persona_ids(self, f: Fields) -> tuple[str, ...]:
        personas = f.texts("persona")
        if not personas:
            f.error(None, "journey needs 'persona': a persona id, or a list of ids")
        return personas

    def enum_list(self, f: Fields, key: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = f.texts(key)
        for value in values:
            if value not in allowed:
                f.error(key, f"'{key}' value '{value}' must be one of {', '.join(allowed)}{did_you_mean(value, allowed)}")
        return tuple(v for v in values if v in allowed)

    def build_touchpoints(self, f: Fields, stages: tuple[str, ...]) -> tuple[Touchpoint, ...]:
        raw = f.data.get("touchpoints")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            f.error("touchpoints", "'touchpoints' must be a list of touchpoints (each starting with '- id: ...')")
            return ()
        result, seen = [], {}
        for index, entry in enumerate(raw):
            if not isinstance(entry, dict):
                f.problems.append(Problem(f.path, raw.line_of(index), "each touchpoint must be a mapping (id, stage, channel, action, ...)"))
                continue
            t = Fields(entry, f.path, f.problems, "touchpoint")
            tid = self.touchpoint_id(t, index)
            if tid is None:
                continue
            touchpoint = self.build_touchpoint(tid, t, stages)  # a duplicate's fields are checked too
            if tid in seen:
                t.error("id", f"touchpoint id '{tid}' is already used at line {seen[tid]} of this journey")
            else:
                seen[tid] = t.line("id")
                result.append(touchpoint)
        return tuple(result)

    def touchpoint_id(self, t: Fields, index: int) -> str | None:
        """The id of the ``index``-th touchpoint, or None with a problem."""
        tid = t.data.get("id")
        if tid is None:
            t.error(None, f"touchpoint number {index + 1} needs an 'id' (e.g. id: t{index + 1})")
            return None
        tid = str(tid)
        if not ID_PATTERN.match(tid):
            t.error("id", f"bad touchpoint id {tid!r}: ids are lowercase letters, digits, '-' and '_'")
            return None
        return tid

    def build_touchpoint(self, tid: str, t: Fields, stages: tuple[str, ...]) -> Touchpoint:
        """The touchpoint ``tid`` of a journey whose stages are ``stages``, every bad field reported."""
        entry = t.data
        referential = self.referential
        t.what = f"touchpoint '{tid}'"
        t.unknown_keys(TOUCHPOINT_KEYS)
        stage = t.text("stage", required=True)
        if stage and stage not in stages:
            if referential.stage(stage):
                t.error("stage", f"touchpoint '{tid}' is in stage '{stage}', which this journey's 'stages' leaves out; add it there")
            else:
                choices = did_you_mean_or_choices(stage, [s.id for s in referential.stages])
                t.error("stage", f"touchpoint '{tid}' names stage '{stage}', which the referential lacks{choices}")
        channel = t.text("channel", required=True)
        if channel and referential.channel(channel) is None:
            choices = did_you_mean_or_choices(channel, [c.id for c in referential.channels])
            t.error("channel", f"touchpoint '{tid}' names channel '{channel}', which the referential lacks{choices}")
        emotion = None
        if entry.get("emotion") is not None:
            emotion, message = resolve_emotion(entry["emotion"], self.referential)
            if message:
                t.error("emotion", f"touchpoint '{tid}': {message}")
        importance = t.scale_map("importance", IMPORTANCE_SIDES, "{customer: 4, business: 3}",
                                 "importance has 'customer' and 'business', not '{name}'")
        return Touchpoint(
            id=tid, stage=stage, channel=channel,
            action=t.text("action", required=True, hint=", in the first person, e.g. action: Je paie en caisse"),
            location=Location(t.path, t.line(), dict(entry.key_lines)), step=t.text("step"), emotion=emotion,
            moment_of_truth=t.flag("moment_of_truth"), importance_customer=importance.get("customer"),
            importance_business=importance.get("business"), rupture=t.flag("rupture"),
            expectations=t.texts("expectations"), irritants=t.texts("irritants"),
            enchantements=t.texts("enchantements"), verbatims=t.texts("verbatims"), metrics=t.numbers("metrics"),
            data=t.texts("data"), contact_reasons=t.texts("contact_reasons"), owner=self.department(t, "owner"),
            chantiers=t.texts("chantiers"))

    def department(self, f: Fields, key: str) -> str:
        """The department ``key`` names: when the site lists departments, the id of the one it names (id,
        label or alias, matched like enumerated values), a name the list lacks being a warning (kept as
        written); as written when the site lists none."""
        value = f.text(key)
        departments = self.referential.departments
        if not value or not departments:
            return value
        found = self.referential.department(value)
        if found is not None:
            return found.id
        ids = [d.id for d in departments]
        f.error(key, _("'{key}' names department '{value}', which the site's 'departments' (mkdocs.yml) lack"
                       "{suggestion}; write one of {ids}, a label or an alias, or add it to the list",
                       key=key, value=value, suggestion=did_you_mean(value, ids), ids=", ".join(ids)), WARNING)
        return value

    def build_chantier(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Chantier:
        f.unknown_keys(CHANTIER_KEYS, PAGE_META)
        status = f.text("status") or "idea"
        if status not in STATUSES:
            f.error("status", f"status '{status}' must be one of {', '.join(STATUSES)}{did_you_mean(status, STATUSES)}")
            status = "idea"
        quarter = f.text("quarter")
        if quarter and not QUARTER.match(quarter):
            f.error("quarter", f"quarter '{quarter}' must be written YYYY-Qn, e.g. 2027-Q1")
            quarter = ""
        criteria = [c.id for c in self.referential.criteria]
        refs = f.texts("touchpoints")
        for ref, line in zip(refs, f.item_lines("touchpoints")):
            if not REF.match(ref):
                f.problems.append(Problem(f.path, line, f"touchpoint reference '{ref}' must be JOURNEY#TOUCHPOINT, e.g. achat-randonnee#t5"))
        return Chantier(
            id=item_id, title=f.text("title", required=True, hint=", e.g. title: Fiche client unique"),
            location=location, department=self.department(f, "department"), owner=f.text("owner"), status=status,
            quarter=quarter, budget=f.number("budget", minimum=0), scores=f.scale_map(
                "scores", criteria, "{customer_importance: 4, cost: 2}",
                f"score '{{name}}' is not a criterion of the referential ({', '.join(criteria)})"), objectives=self.enum_list(f, "objectives", OBJECTIVES),
            touchpoints=tuple(r for r in refs if REF.match(r)), depends_on=f.texts("depends_on"), body=body,
            meta=self.meta(f))

    def build_channel(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> ChannelPage:
        f.unknown_keys(CHANNEL_KEYS, PAGE_META)
        channel_ids = [c.id for c in self.referential.channels]
        if item_id not in channel_ids:
            f.error("id" if "id" in f.data else None,
                    f"channel '{item_id}' is not in the referential's channels{did_you_mean(item_id, channel_ids)}; "
                    "add it to 'channels' in mkdocs.yml or fix the id")
        return ChannelPage(id=item_id, location=location, owner=self.department(f, "owner"), body=body,
                           meta=self.meta(f))


def _duplicate_id(kind: str, item_id: str, location: Location, other: str) -> Problem:
    """The problem, at ``location``'s ``id`` (line 1 when the id is the file name), of an id ``other`` also has."""
    source = "" if "id" in location.key_lines else " (from the file name)"
    return Problem(location.path, location.at("id"), f"{kind} id '{item_id}'{source} is also used by {other}; "
                                                     "ids are unique within a kind: change one of them")


def slug(text: str) -> str:
    """An id made from ``text``: ``Direction des magasins`` -> ``direction-des-magasins``."""
    made = re.sub(r"[^a-z0-9_-]+", "-", fold(text)).strip("-_")
    return made or "my-id"


def load_site(config: SiteConfig) -> tuple["Site", list[Problem]]:
    """Read the whole site; problems hold everything wrong, and the model everything readable."""
    from .model import Site

    problems: list[Problem] = []
    referential, ref_problems = build_referential(config.options, config.language, config.config_path)
    problems += ref_problems
    loader = _Loader(config, referential, problems)
    docs = config.docs_path
    files = docs_files(docs, config.exclude_docs) if docs.is_dir() else None
    if files is None:
        problems.append(Problem(config.config_path, 1, f"docs_dir '{config.docs_dir}' is not a folder"))
    else:
        problems += [Problem(loader.site_path(path), 1, message) for path, message in files.problems]
        problems += _hidden_items(docs, files.hidden, loader)
        for doc_path in files.pages:
            try:
                raw = (docs / doc_path).read_bytes()
            except OSError as exc:  # a dangling link, no permission: one file, not the whole site
                problems.append(Problem(loader.site_path(doc_path), 1, f"cannot read this file ({exc.strerror})"))
                loader.pages.append(SourcePage(doc_path, loader.site_path(doc_path), BROKEN))
                continue
            loader.read_file(doc_path, raw)
    site = Site(
        referential=referential, language=config.language, personas=loader.items["persona"],
        journeys=loader.items["journey"], chantiers=loader.items["chantier"],
        channel_pages=loader.items["channel"], pages=tuple(loader.pages), docs_prefix=loader.prefix,
        files=tuple(files.static) if files else (), blocked=tuple(files.blocked) if files else ())
    return site, problems


def _hidden_items(docs: Path, hidden: list[str], loader: _Loader) -> list[Problem]:
    """A warning for each item file MkDocs leaves out by its name (it would be lost without a word)."""
    problems = []
    for doc_path in hidden:
        try:
            text, _problem = decode_utf8((docs / doc_path).read_bytes(), doc_path)
        except OSError:
            continue
        kind = type_line(text) if text else None
        kind = kind if kind in KINDS else None
        if kind:
            problems.append(Problem(loader.site_path(doc_path), 1, _(
                "this {kind} is not published: MkDocs leaves out every file or folder whose name starts with "
                "'.', and the folder 'templates' at the top of the docs folder; rename or move the file",
                kind=kind), WARNING))
    return problems
