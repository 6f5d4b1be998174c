"""Read a site's Markdown files into the model, collecting every structural problem.

Checks that need only the file itself (and the referential) live here; checks
across files (references, duplicates, targets, cycles) live in ``validate``.
"""
from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Protocol

from . import parallel
from .bounds import MAX_ID, bounded_id, id_too_long
from .config import SiteConfig, raw_html_option
from .directives import has_directive
from .docsfiles import docs_files
from .enumerations import OBJECTIVE, STATE, STATUS
from .fields import Fields
from .frontmatter import Document, Mapping, misplaced_fence, multimarkdown_meta, read_document, type_line
from .i18n import N_, _, translate, use_language
from .model import (BROKEN, CURRENT, ChannelPage, Chantier, Journey, Location, Persona, Referential, SourcePage,
                    Touchpoint)
from .pagemeta import THEME_KEYS, ThemeFiles, page_meta
from .problems import CONFIG, FILE, WARNING, Problem, did_you_mean, shown, suggestion
from .rawhtml import raw_html_problems
from .referential import ID_PATTERN, build_referential
from .staticfiles import unsafe_static_files
from .textfile import decode_utf8
from .vocabulary import Term, Vocabulary, closest
from .vocabulary import plain as _plain

# Keys whose value is looked for on disk (a photo, a theme's template or icon): an item holding one is
# built again on every build, whatever the cache.
ON_DISK = ("photo", "template", "icon")
KINDS = ("persona", "journey", "chantier", "channel")
# How a kind is named in a problem about one of its files ("unknown key 'x' in the persona").
KIND_NAMES = {"persona": N_("persona"), "journey": N_("journey"), "chantier": N_("workstream"),
              "channel": N_("channel page")}
# ``type:`` as people write it (``parcours`` is a journey).
KIND_WORDS = Vocabulary([Term("persona", ("personae",)), Term("journey", ("parcours",)),
                         Term("chantier", ("workstream",)), Term("channel", ("canal",))])
IMPORTANCE_SIDES = ("customer", "business")
QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
# A quarter as people also write it: 2027 Q1, T1 2027, q1-2027… (T for trimestre)
LOOSE_QUARTER = re.compile(r"^(?:(?P<year>\d{4})[\s/-]*[QT](?P<q>[1-4])|[QT](?P<q2>[1-4])[\s/-]*(?P<year2>\d{4}))$", re.I)
REF = re.compile(r"^([a-z0-9][a-z0-9_-]*)#([a-z0-9][a-z0-9_-]*)$")
# Keys MkDocs and Material read from front matter: checked (pagemeta) and passed through.
PAGE_META = THEME_KEYS
# The id a broken file says it has, as far as a line-by-line look can tell (its YAML cannot be read).
_DECLARED_ID = re.compile(r"^id[ \t]*:[ \t]*['\"]?([a-z0-9][a-z0-9_-]*)['\"]?[ \t]*(?:#.*)?$", re.M)

PERSONA_KEYS = ("type", "id", "name", "segment", "quote", "photo", "goals", "expectations", "frustrations",
                "channels", "metrics")
JOURNEY_KEYS = ("type", "id", "title", "persona", "state", "target", "stages", "objectives", "tags", "touchpoints")
TOUCHPOINT_KEYS = ("id", "stage", "step", "channel", "action", "emotion", "moment_of_truth", "importance", "rupture",
                   "expectations", "irritants", "enchantements", "verbatims", "metrics", "data", "contact_reasons",
                   "owner", "chantiers")
CHANTIER_KEYS = ("type", "id", "title", "department", "owner", "status", "quarter", "budget", "scores",
                 "objectives", "touchpoints", "depends_on")
CHANNEL_KEYS = ("type", "id", "owner", "label")
UNKNOWN_IN_REFERENTIAL = {
    "stage": N_("touchpoint '{id}' names stage '{value}', which the referential lacks{hint}"),
    "channel": N_("touchpoint '{id}' names channel '{value}', which the referential lacks{hint}"),
}


def resolve_emotion(value: Any, referential: Referential) -> tuple[str | None, str | None]:
    """(level id, None) for an id, label, alias or score; (None, message) when it is none of them."""
    levels = referential.emotions
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        match = next((e for e in levels if e.score == value), None)
        if match:
            return match.id, None
        scores = sorted(e.score for e in levels)
        return None, _("emotion score {value} is not on the scale ({low}..{high})", value=shown(value),
                       low=format(scores[0], "g"),
                       high=format(scores[-1], "g"))
    vocabulary = referential.vocabularies["emotions"]
    found = vocabulary.resolve(value)
    if found:
        return found, None
    return None, _("emotion '{value}' is not on the scale ({levels}){hint}", value=value,
                   levels=", ".join(e.label for e in levels), hint=suggestion(value, vocabulary, choices=False))


def declared(text: str, doc_path: str) -> tuple[str | None, str]:
    """(the kind, the id) a file that cannot be read says it has, as far as its lines tell: a reference to
    that id is about this file, not about an item that does not exist."""
    kind = type_line(text)
    item_id = _DECLARED_ID.search(text)
    return (closest(kind, KINDS) if kind else None, item_id.group(1) if item_id else PurePosixPath(doc_path).stem)


class _Loader:
    """Builds the model file by file; one instance per load."""

    def __init__(self, config: SiteConfig, referential: Referential, problems: list[Problem],
                 cache: LoadCache | None = None) -> None:
        self.config, self.referential, self.problems, self.cache = config, referential, problems, cache
        self.read_document = cache.document if cache is not None else read_document
        self.prefix = PurePosixPath(config.docs_dir).as_posix().strip("/")
        self.items: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.pages: list[SourcePage] = []
        self.theme = ThemeFiles(config.theme_dirs)
        self.raw_html = raw_html_option(config)  # its problems are the options' (config.plugin_options)
        self.chantier_data: list[tuple[str, Mapping]] = []  # (path, front matter) of each chantier read

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
            self.broken(doc_path, path, raw.decode("utf-8", "replace"))
            return
        document = self.read_document(text)
        for line, message, column in document.problems:
            self.problems.append(Problem(path, line, message, column=column, layer=FILE))
        self.problems += [Problem(path, line, message) for line, message in document.notes]
        self.problems += [Problem(path, line, message, WARNING, column) for line, column, message in document.warnings]
        if document.problems:
            self.broken(doc_path, path, text)
            return
        if not self.raw_html:
            self.problems += [Problem(path, line, message)
                              for line, message in raw_html_problems(document.body, document.body_line)]
        data = document.data
        if data is None or (isinstance(data, dict) and "type" not in data):
            kind = self.misread_item(text, data, path)
            if kind:  # never an ordinary page without a word: references to it wait for the fix
                self.broken(doc_path, path, text, kind)
                return
            # MkDocs hands an ordinary page's front matter to the theme as it is: its theme keys are checked.
            page = Fields(data if data is not None else multimarkdown_meta(text), path, self.problems, _("page"))
            page_meta(page, self.theme, ("title", *THEME_KEYS) if data is not None else ("template", "icon"))
            self.pages.append(SourcePage(doc_path, path, None, text=text if has_directive(text) else ""))
            return
        if not isinstance(data, dict):
            self.problems.append(Problem(path, 2, _("front matter must be a mapping of keys to values (key: value)"),
                                         layer=FILE))
            self.broken(doc_path, path, text)
            return
        kind = KIND_WORDS.resolve(data.get("type"))
        if kind is None:
            self.problems.append(Problem(path, data.line_of("type"), _(
                "unknown type {value}; use one of {kinds}{hint}", value=shown(data.get("type")), kinds=", ".join(KINDS),
                hint=suggestion(data.get("type"), KIND_WORDS, choices=False)), layer=FILE))
            self.broken(doc_path, path, text)
            return
        item_id = self.item_id(data, doc_path, path, kind)
        if item_id is None:
            self.broken(doc_path, path, text)
            return
        fields = Fields(data, path, self.problems, translate(KIND_NAMES[kind]))
        location = Location(path, 1, dict(data.key_lines), document.body_line)
        item = self.build_item(kind, item_id, fields, location, document.body, doc_path, text)
        seen = self.items[kind].get(item_id)
        if seen is not None:  # both files are to blame: the first keeps the id, this one is left out
            self.problems += [_duplicate_id(kind, item_id, location, seen.location.path),
                              _duplicate_id(kind, item_id, seen.location, path)]
            self.pages.append(SourcePage(doc_path, path, BROKEN))
            return
        self.items[kind][item_id] = item
        self.pages.append(SourcePage(doc_path, path, kind, item_id))
        if kind == "chantier":
            self.chantier_data.append((path, data))

    def check_touchpoint_refs(self) -> None:
        """Each touchpoint a chantier names that is not written JOURNEY#TOUCHPOINT, once every journey is read:
        the fix, with the site's own journeys (``[succession, t3]`` is ``succession#t3``; ``t5`` alone is
        ``JOURNEY#t5`` for the journeys that have a ``t5``)."""
        journeys = self.items["journey"]
        example = next((f"{j.id}#{j.touchpoints[0].id}" for _id, j in sorted(journeys.items()) if j.touchpoints),
                       None)
        for path, data in self.chantier_data:
            f = Fields(data, path, [], "")  # the list's own problems are build_chantier's
            refs = list(zip(f.texts("touchpoints"), f.item_lines("touchpoints")))
            index = 0
            while index < len(refs):
                value, line = refs[index]
                index += 1
                if REF.match(value):
                    continue
                following = refs[index][0] if index < len(refs) else ""
                if value in journeys and journeys[value].touchpoint(following) is not None:
                    index += 1  # one reference written as two items
                    message = _("'{journey}, {touchpoint}' is one touchpoint written as two items; write "
                                "{journey}#{touchpoint}", journey=value, touchpoint=following)
                elif examples := ", ".join([f"{j}#{value}" for j in sorted(journeys)
                                            if journeys[j].touchpoint(value) is not None][:3]) or example:
                    message = _("touchpoint reference '{value}' must be JOURNEY#TOUCHPOINT, e.g. {example}", value=value,
                                example=examples)
                else:
                    message = _("touchpoint reference '{value}' must be JOURNEY#TOUCHPOINT: a journey's id, '#', then "
                                "the id of one of its touchpoints", value=value)
                self.problems.append(Problem(path, line, message))

    def build_item(self, kind: str, item_id: str, fields: Fields, location: Location, body: str, doc_path: str,
                   text: str) -> Any:
        """The item of a file, with its problems; built once per text of the file with a cache (an item
        naming a file is built every time: the file is looked for on disk)."""
        build = getattr(self, f"build_{kind}")
        if self.cache is None or any(key in fields.data for key in ON_DISK):
            return build(item_id, fields, location, body, doc_path)
        key = (kind, item_id, doc_path, text)
        found = self.cache.item(key)
        if found is not None:
            self.problems += found[1]
            return found[0]
        start = len(self.problems)
        item = build(item_id, fields, location, body, doc_path)
        self.cache.keep_item(key, item, tuple(self.problems[start:]))
        return item

    def broken(self, doc_path: str, path: str, text: str, kind: str | None = None) -> None:
        """A file that cannot be read as an item: a page of its own, with what it says it defines (``kind``
        when known better than its ``type:`` line tells)."""
        found, item_id = declared(text, doc_path)
        self.pages.append(SourcePage(doc_path, path, BROKEN, item_id, declared=kind or found))

    def misread_item(self, text: str, data: Mapping | None, path: str) -> str | None:
        """The kind of item a file without a readable ``type:`` was meant as, with a problem saying why it is
        not read as one (its ``---`` misplaced, ``Type:`` capitalised, ``type:`` left out); None for a page
        that is meant as an ordinary page."""
        if data is None:
            misplaced = misplaced_fence(text)
            kind = KIND_WORDS.resolve(misplaced[1]) if misplaced else None
            if kind:
                self.problems.append(Problem(path, misplaced[0], _(
                    "this file is meant as a '{type}', but its front matter is not read: the line '---' that opens "
                    "it must be the very first line of the file, exactly three dashes, with no space or empty line "
                    "before it", type=misplaced[1]), layer=FILE))
            return kind
        typed = next((key for key in data if isinstance(key, str) and key.strip().casefold() == "type"), None)
        if typed is not None:
            kind = KIND_WORDS.resolve(data[typed])
            if kind:
                self.problems.append(Problem(path, data.line_of(typed), _(
                    "key '{key}' is written 'type', in lowercase: as it is, this file is read as an ordinary page, "
                    "not as a '{value}'", key=typed, value=data[typed]), layer=FILE))
            return kind
        kind, keys = looks_like(data)
        if kind:
            self.problems.append(Problem(path, data.line, _(
                "this page has no 'type:', yet its keys ({keys}) are those of a '{type}': it is read as an ordinary "
                "page and that data is left out; add 'type: {type}' if it is one", keys=", ".join(keys), type=kind),
                WARNING, layer=FILE))
        return kind

    def item_id(self, data: Mapping, doc_path: str, path: str, kind: str) -> str | None:
        """The id of an item (a channel page's may be written as the channel's label or an alias, like
        any channel), or None when it is not a valid id (reported)."""
        raw = data.get("id", PurePosixPath(doc_path).stem)
        if kind == "channel" and isinstance(raw, str):
            raw = self.referential.vocabularies["channels"].resolve(raw) or raw
        if isinstance(raw, int) and not isinstance(raw, bool):
            raw = str(raw)  # id: 2024 is the id '2024', as for touchpoints
        if not isinstance(raw, str) or not ID_PATTERN.match(raw):
            values = {"value": shown(raw), "example": slug(str(raw))}
            if "id" in data:
                message = _("bad id {value} from 'id': ids are lowercase letters, digits, '-' and '_', starting with a "
                            "letter or digit (e.g. '{example}')", **values)
            else:
                message = _("bad id {value} from the file name (the default id): ids are lowercase letters, digits, "
                            "'-' and '_', starting with a letter or digit (e.g. '{example}')", **values)
            self.problems.append(Problem(path, data.line_of("id"), message, layer=FILE))
            return None
        if len(raw) > MAX_ID:
            self.problems.append(Problem(path, data.line_of("id"), id_too_long(raw), layer=FILE))
            return None
        return raw

    # -- one builder per kind ----------------------------------------------------------

    def build_persona(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Persona:
        f.unknown_keys(PERSONA_KEYS, PAGE_META)
        photo = f.text("photo")
        if photo:
            photo = self.check_photo(photo, doc_path, f)
        return Persona(
            id=item_id, name=f.text("name", required=True, hint="name: " + named(doc_path)) or item_id,
            location=location,
            segment=f.text("segment"), quote=f.text("quote"), photo=photo, goals=f.texts("goals", free_text=True),
            expectations=f.texts("expectations", free_text=True),
            frustrations=f.texts("frustrations", free_text=True), channels=self.persona_channels(item_id, f),
            metrics=f.numbers("metrics"), body=body, meta=self.meta(f))

    def persona_channels(self, persona_id: str, f: Fields) -> tuple[str, ...]:
        """The ids of the persona's preferred channels (written as an id, a label or an alias; one the
        referential lacks is reported, and kept as written)."""
        vocabulary = self.referential.vocabularies["channels"]
        found = []
        for value, line in zip(f.texts("channels"), f.item_lines("channels")):
            channel = vocabulary.resolve(value)
            if channel is None:
                f.problem(line, _("persona '{id}' names channel '{value}', which the referential lacks{hint}; or add "
                                  "it to 'channels' in mkdocs.yml", id=persona_id, value=value,
                                  hint=suggestion(value, vocabulary)))
            found.append(channel or value)
        return tuple(dict.fromkeys(found))

    def check_photo(self, photo: str, doc_path: str, f: Fields) -> str:
        """The photo path relative to docs_dir, or '' when it leaves docs_dir or is absolute."""
        if "://" in photo or photo.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", photo):
            f.error("photo", _("photo '{value}' must be a path relative to this file, inside the docs folder",
                               value=photo))
            return ""
        joined = os.path.normpath(os.path.join(os.path.dirname(doc_path), photo)).replace(os.sep, "/")
        if joined == ".." or joined.startswith("../"):
            f.error("photo", _("photo '{value}' leaves the docs folder; put the image inside '{folder}'", value=photo,
                               folder=self.config.docs_dir))
            return ""
        if not (self.config.docs_path / joined).is_file():
            f.error("photo", _("photo '{value}' not found (looked for {path})", value=photo,
                               path=self.site_path(joined)), WARNING)
        return joined

    def build_journey(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Journey:
        f.unknown_keys(JOURNEY_KEYS, PAGE_META)
        written = f.text("state")
        state = STATE.vocabulary.resolve(written) if written else CURRENT
        if state is None:
            f.error("state", _("state '{value}' must be 'current' or 'target'{hint}", value=written,
                               hint=suggestion(written, STATE.vocabulary, choices=False)))
            state = CURRENT
        objectives = self.enum_list(f, "objectives", OBJECTIVE.vocabulary)
        vocabulary = self.referential.vocabularies["stages"]
        stages = []
        for value, line in zip(f.texts("stages"), f.item_lines("stages")):
            stage = vocabulary.resolve(value)
            if stage is None:
                f.problem(line, _("stage '{value}' is not in the referential's stages{hint}", value=value,
                                  hint=suggestion(value, vocabulary)))
            else:
                stages.append(stage)
        stages = tuple(dict.fromkeys(stages)) or tuple(s.id for s in self.referential.stages)
        touchpoints = self.build_touchpoints(f, stages)
        return Journey(
            id=item_id, title=f.text("title", required=True, hint="title: " + named(doc_path)) or item_id,
            location=location,
            personas=self.persona_ids(f), state=state, target=f.text("target") or None, stages=stages,
            objectives=objectives, tags=f.texts("tags"), touchpoints=touchpoints, body=body, meta=self.meta(f))

    def persona_ids(self, f: Fields) -> tuple[str, ...]:
        personas = f.texts("persona")
        if not personas:
            f.error(None, _("journey needs 'persona': a persona id, or a list of ids"))
        return personas

    def enum_list(self, f: Fields, key: str, vocabulary: Vocabulary) -> tuple[str, ...]:
        """The ids of a list of enumerated values (each an id, a label or an alias), unknown ones reported."""
        found = []
        for value, line in zip(f.texts(key), f.item_lines(key)):
            resolved = vocabulary.resolve(value)
            if resolved is None:
                f.problem(line, _(
                    "'{key}' value '{value}' must be one of {values}{hint}", key=key, value=value,
                    values=", ".join(vocabulary.ids), hint=suggestion(value, vocabulary, choices=False)))
            else:
                found.append(resolved)
        return tuple(dict.fromkeys(found))

    def build_touchpoints(self, f: Fields, stages: tuple[str, ...]) -> tuple[Touchpoint, ...]:
        raw = f.data.get("touchpoints")
        if raw is None:
            return ()
        if not isinstance(raw, list):
            f.error("touchpoints", _("'touchpoints' must be a list of touchpoints, each starting with '- id: ...'"))
            return ()
        result, seen = [], {}
        for index, entry in enumerate(raw):
            if not isinstance(entry, dict):
                f.problem(raw.line_of(index), _("each touchpoint must be a mapping (id, stage, channel, action, ...)"))
                continue
            t = Fields(entry, f.path, f.problems, _("touchpoint"))
            tid = self.touchpoint_id(t, index)
            if tid is None:
                continue
            touchpoint = self.build_touchpoint(tid, t, stages)  # a duplicate's fields are checked too
            if tid in seen:
                t.error("id", _("touchpoint id '{id}' is already used at line {line} of this journey", id=tid,
                                line=seen[tid]))
            else:
                seen[tid] = t.line("id")
                result.append(touchpoint)
        return tuple(result)

    def touchpoint_id(self, t: Fields, index: int) -> str | None:
        """The id of the ``index``-th touchpoint, or None with a problem."""
        tid = t.data.get("id")
        if tid is None:
            t.error(None, _("touchpoint number {number} needs an 'id' (e.g. id: t{number})", number=index + 1))
            return None
        tid = str(tid)
        if not ID_PATTERN.match(tid):
            t.error("id", _("bad touchpoint id {value}: ids are lowercase letters, digits, '-' and '_'",
                            value=shown(tid)))
            return None
        if len(tid) > MAX_ID:
            t.error("id", id_too_long(tid))
            return None
        return tid

    def build_touchpoint(self, tid: str, t: Fields, stages: tuple[str, ...]) -> Touchpoint:
        """The touchpoint ``tid`` of a journey whose stages are ``stages``, every bad field reported."""
        entry = t.data
        referential = self.referential
        t.what = _("touchpoint '{id}'", id=tid)
        t.unknown_keys(TOUCHPOINT_KEYS)
        stage = self.stage(tid, t, stages)
        channel = self.channel(tid, t)
        emotion = None
        if entry.get("emotion") is not None:
            emotion, message = resolve_emotion(entry["emotion"], referential)
            if message:
                t.error("emotion", _("touchpoint '{id}': {problem}", id=tid, problem=message))
        importance = t.scale_map("importance", IMPORTANCE_SIDES, "{customer: 4, business: 3}",
                                 N_("importance has 'customer' and 'business', not '{name}'{hint}"))
        return Touchpoint(
            id=tid, stage=stage, channel=channel,
            action=t.text("action", required=True, hint=_("action: Je paie en caisse (in the first person)")),
            location=Location(t.path, t.line(), dict(entry.key_lines)), step=t.text("step"), emotion=emotion,
            moment_of_truth=t.flag("moment_of_truth"), importance_customer=importance.get("customer"),
            importance_business=importance.get("business"), rupture=t.flag("rupture"),
            expectations=t.texts("expectations", free_text=True), irritants=t.texts("irritants", free_text=True),
            enchantements=t.texts("enchantements", free_text=True), verbatims=t.texts("verbatims", free_text=True),
            metrics=t.numbers("metrics"), data=t.texts("data"),
            contact_reasons=t.texts("contact_reasons", free_text=True), owner=self.department(t, "owner"),
            chantiers=t.texts("chantiers"))

    def stage(self, tid: str, t: Fields, stages: tuple[str, ...]) -> str:
        """The id of the touchpoint's stage (as written when the referential lacks it)."""
        stage, known = self.of_referential(tid, t, "stage")
        if known and stage not in stages:
            t.error("stage", _("touchpoint '{id}' is in stage '{value}', which this journey's 'stages' leaves out; "
                               "add it there", id=tid, value=stage))
        return stage

    def channel(self, tid: str, t: Fields) -> str:
        """The id of the touchpoint's channel (as written when the referential lacks it)."""
        return self.of_referential(tid, t, "channel")[0]

    def of_referential(self, tid: str, t: Fields, key: str) -> tuple[str, bool]:
        """(the id, True) of the stage or channel (``key``) a touchpoint names, or (what it wrote, False)
        with a problem when the referential lacks it."""
        written = t.text(key, required=True)
        if not written:
            return "", False
        vocabulary = self.referential.vocabularies[f"{key}s"]
        found = vocabulary.resolve(written)
        if found is None:
            t.error(key, translate(UNKNOWN_IN_REFERENTIAL[key], id=tid, value=written,
                                   hint=suggestion(written, vocabulary)))
            return written, False
        return found, True

    def department(self, f: Fields, key: str) -> str:
        """The department ``key`` names: when the site lists departments, the id of the one it names (id,
        label or alias, matched like every enumerated value), a name the list lacks being a warning (kept as
        written); as written when the site lists none."""
        value = f.text(key)
        if not value or not self.referential.departments:
            return value
        vocabulary = self.referential.vocabularies["departments"]
        found = vocabulary.resolve(value)
        if found is not None:
            return found
        f.error(key, _("'{key}' names department '{value}', which the site's 'departments' (mkdocs.yml) lack"
                       "{suggestion}; write one of {ids}, a label or an alias, or add it to the list", key=key,
                       value=value, suggestion=suggestion(value, vocabulary, choices=False),
                       ids=", ".join(vocabulary.ids)), WARNING)
        return value

    def build_chantier(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> Chantier:
        f.unknown_keys(CHANTIER_KEYS, PAGE_META)
        status = "idea"
        written = f.text("status")
        if written:
            resolved = STATUS.vocabulary.resolve(written)
            if resolved is None:
                f.error("status", _("status '{value}' must be one of {values} (or their labels: {labels}){hint}",
                                    value=written, values=", ".join(STATUS.ids),
                                    labels=", ".join(STATUS.label(s) for s in STATUS.ids),
                                    hint=suggestion(written, STATUS.vocabulary, choices=False)))
            status = resolved or status
        criteria = [c.id for c in self.referential.criteria]
        refs = f.texts("touchpoints")  # those not written JOURNEY#TOUCHPOINT: check_touchpoint_refs
        return Chantier(
            id=item_id, title=f.text("title", required=True, hint="title: " + named(doc_path)) or item_id,
            location=location, department=self.department(f, "department"), owner=f.text("owner"), status=status,
            quarter=self.quarter(f), budget=f.number("budget", minimum=0), scores=f.scale_map(
                "scores", criteria, "{customer_importance: 4, cost: 2}",
                N_("score '{name}' is not a criterion of the referential ({criteria}){hint}"),
                criteria=", ".join(criteria)),
            objectives=self.enum_list(f, "objectives", OBJECTIVE.vocabulary),
            touchpoints=tuple(r for r in refs if REF.match(r)), depends_on=f.texts("depends_on"), body=body,
            meta=self.meta(f))

    def quarter(self, f: Fields) -> str:
        """The planned quarter as ``YYYY-Qn`` (``T1 2027`` and ``2027 Q1`` are read too), or ''."""
        written = f.text("quarter")
        if not written or QUARTER.match(written):
            return written
        loose = LOOSE_QUARTER.match(written.strip())
        if loose:
            return f"{loose.group('year') or loose.group('year2')}-Q{loose.group('q') or loose.group('q2')}"
        f.error("quarter", _("quarter '{value}' must be written YYYY-Qn, e.g. 2027-Q1", value=written))
        return ""

    def build_channel(self, item_id: str, f: Fields, location: Location, body: str, doc_path: str) -> ChannelPage:
        f.unknown_keys(CHANNEL_KEYS, PAGE_META)
        channel_ids = [c.id for c in self.referential.channels]
        if item_id not in channel_ids:
            f.error("id" if "id" in f.data else None,
                    _("channel '{id}' is not in the referential's channels{hint}; add it to 'channels' in mkdocs.yml "
                      "or fix the id", id=item_id, hint=did_you_mean(item_id, channel_ids)))
        return ChannelPage(id=item_id, location=location, owner=self.department(f, "owner"), body=body,
                           meta=self.meta(f))


# Keys that show what kind of item a front matter without ``type:`` was meant as (keys that theme
# or ordinary pages also use, such as ``title`` and ``tags``, tell nothing).
_TELLING_KEYS = {kind: tuple(key for key in keys if key not in ("type", "id", "title", "tags", "status", "owner"))
                 for kind, keys in (("persona", PERSONA_KEYS), ("journey", JOURNEY_KEYS),
                                    ("chantier", CHANTIER_KEYS), ("channel", CHANNEL_KEYS))}


def looks_like(data: Mapping) -> tuple[str | None, list[str]]:
    """(the kind, the keys that tell it) of item a front matter without ``type:`` resembles: two keys or more
    of that kind, more than of any other; (None, []) when it resembles none."""
    ranked = sorted(((sum(key in data for key in keys), kind) for kind, keys in _TELLING_KEYS.items()),
                    reverse=True)
    (best, kind), (second, _other) = ranked[0], ranked[1]
    if best < 2 or best == second:
        return None, []
    return kind, [key for key in data if key in _TELLING_KEYS[kind]]


def _duplicate_id(kind: str, item_id: str, location: Location, other: str) -> Problem:
    """The problem, at ``location``'s ``id`` (line 1 when the id is the file name), of an id ``other`` also has."""
    values = {"kind": translate(KIND_NAMES[kind]), "id": item_id, "other": other}
    if "id" in location.key_lines:
        message = _("{kind} id '{id}' is also used by {other}; ids are unique within a kind: change one of them",
                    **values)
    else:
        message = _("{kind} id '{id}' (from the file name) is also used by {other}; ids are unique within a kind: "
                    "change one of them", **values)
    return Problem(location.path, location.at("id"), message, layer=FILE)


def named(doc_path: str) -> str:
    """A name made from a file's name, as an example of what to write: ``monique.md`` -> ``Monique``,
    ``courriers-deces.md`` -> ``Courriers deces``."""
    words = re.sub(r"[-_]+", " ", PurePosixPath(doc_path).stem).strip()
    return words[:1].upper() + words[1:] if words else "…"


def slug(text: str) -> str:
    """An id made from ``text``: ``Direction des magasins`` -> ``direction-des-magasins``."""
    made = bounded_id(re.sub(r"[^a-z0-9_-]+", "-", _plain(text)).strip("-_"))
    return made or "my-id"


class LoadCache(Protocol):
    """What a load may reuse of the loads before it (``incremental.BuildCache``)."""

    def document(self, text: str) -> Document: ...

    def items_for(self, context: str) -> None: ...

    def item(self, key: tuple) -> tuple[Any, tuple[Problem, ...]] | None: ...

    def keep_item(self, key: tuple, item: Any, problems: tuple[Problem, ...]) -> None: ...



def load_site(config: SiteConfig, cache: LoadCache | None = None) -> tuple["Site", list[Problem]]:
    """Read the whole site; problems hold everything wrong (in the site's language), and the model
    everything readable. With a ``cache``, a file's text is parsed, and its item built, once per
    version of the file."""
    with use_language(config.language):
        return _load_site(config, cache)


def _load_site(config: SiteConfig, cache: LoadCache | None) -> tuple["Site", list[Problem]]:
    from .model import Site

    problems: list[Problem] = []
    referential, ref_problems = build_referential(config.options, config.language, config.config_path)
    problems += ref_problems
    if cache is not None:  # an item depends on its file, the referential and the configuration
        cache.items_for(repr((referential, config)))
    loader = _Loader(config, referential, problems, cache)
    docs = config.docs_path
    files = docs_files(docs, config.exclude_docs) if docs.is_dir() else None
    if files is None:
        problems.append(Problem(config.config_path, 1, _("docs_dir '{folder}' is not a folder", folder=config.docs_dir),
                                layer=CONFIG))
    else:
        if not loader.raw_html:  # files that could run script are not published either
            unsafe = unsafe_static_files(docs, files.static)
            files.problems += unsafe
            files.blocked += [path for path, _message in unsafe]
            files.static = [path for path in files.static if path not in files.blocked]
        problems += [Problem(loader.site_path(path), 1, message) for path, message in files.problems]
        problems += _hidden_items(docs, files.hidden, loader)
        raws: dict[str, bytes | OSError] = {}
        for doc_path in files.pages:
            try:
                raws[doc_path] = (docs / doc_path).read_bytes()
            except OSError as exc:  # a dangling link, no permission: one file, not the whole site
                raws[doc_path] = exc
        if cache is None:
            loader.read_document = _parsed_on_two_cores(raws.values())
        for doc_path, raw in raws.items():
            if isinstance(raw, OSError):
                problems.append(Problem(loader.site_path(doc_path), 1, _("cannot read this file ({problem})",
                                                                         problem=raw.strerror), layer=FILE))
                loader.broken(doc_path, loader.site_path(doc_path), "")
                continue
            loader.read_file(doc_path, raw)
        loader.check_touchpoint_refs()
    site = Site(
        referential=referential, language=config.language, personas=loader.items["persona"],
        journeys=loader.items["journey"], chantiers=loader.items["chantier"],
        channel_pages=loader.items["channel"], pages=tuple(loader.pages), docs_prefix=loader.prefix,
        files=tuple(files.static) if files else (), blocked=tuple(files.blocked) if files else ())
    return site, problems


def _parsed_on_two_cores(raws: Iterable[bytes | OSError]) -> Callable[[str], Document]:
    """``read_document``, with the files' front matter parsed beforehand on two processes where that pays
    (``parallel``): each parsed text is handed out once, anything else is parsed when asked."""
    texts = [text for raw in raws if not isinstance(raw, OSError) and (text := decode_utf8(raw, "")[0])]
    documents = None
    if len(texts) >= parallel.MIN_PAGES and parallel.workers() > 1:
        documents = parallel.split(len(texts), lambda index: read_document(texts[index]), lambda: False)
    if not documents:
        return read_document
    parsed = dict(zip(texts, documents))
    return lambda text: parsed.pop(text, None) or read_document(text)


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
