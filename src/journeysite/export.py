"""The machine-readable export of a built site (docs/format.md, "Machine-readable export").

Pure functions of a ``SiteBuild``: ``to_data`` (plain Python data), ``to_json``
and ``to_csv``. The same sources give the same bytes: every list has a defined
order and every mapping its keys in a fixed order.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

from .build import SiteBuild
from .compute import Computed, Indicator
from .compute import finite_number as _number  # JSON holds finite numbers only
from .enumerations import OBJECTIVE, QUADRANT, STATUS
from .formatting import decimal_mark, quarter
from .i18n import N_, _, ngettext, translate, use_language
from .model import QUADRANTS, Chantier, Journey, Persona, Site, Touchpoint
from .problems import shown

FORMAT_VERSION = 1
JOIN = " | "
# Cells starting with one of these run as a formula in some spreadsheet (the
# full-width forms too, which some locales turn into the ASCII ones).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")

ROWS = ("touchpoints", "chantiers")  # what a CSV row is
# After these, one column per metric name that touchpoints use (sorted), headed by the name as written.
CSV_COLUMNS = ("journey", "personas", "state", "stage", "step", "channel", "touchpoint", "action", "emotion",
               "emotion_score", "moment_of_truth", "rupture", "expectations", "irritants", "chantiers",
               "criticality", "importance_customer", "importance_business", "touchpoint_department",
               "enchantements", "verbatims")
CHANTIER_COLUMNS = ("id", "title", "status", "department", "owner", "quarter", "budget", "priority", "quadrant")
CHANTIER_LISTS = ("objectives", "chantier_touchpoints", "depends_on")  # after a column per criterion's score
# The words of the CSV (headers, states, yes and no), translated into the site's language by the
# catalogue. Spreadsheets are built on them: tests pin the French and English words.
CSV_WORDS = {
    "journey": N_("Journey"), "personas": N_("Personas"), "state": N_("State"), "stage": N_("Stage"),
    "step": N_("Step"), "channel": N_("Channel"), "touchpoint": N_("Touchpoint"), "action": N_("Action"),
    "emotion": N_("Emotion"), "emotion_score": N_("Emotion score"), "moment_of_truth": N_("Moment of truth"),
    "rupture": N_("Breakpoint"), "expectations": N_("Expectations"), "irritants": N_("Pain points"),
    "chantiers": N_("Workstreams"), "current": N_("Current"), "target": N_("Target"), "yes": N_("yes"),
    "no": N_("no"),
    "id": N_("Id"), "title": N_("Title"), "status": N_("Status"), "department": N_("Department"),
    "owner": N_("Owner"), "quarter": N_("Planned delivery"), "budget": N_("Budget"), "priority": N_("Priority"),
    "quadrant": N_("Quadrant"), "objectives": N_("Objectives"), "chantier_touchpoints": N_("Touchpoints"),
    "depends_on": N_("Depends on"),
    "criticality": N_("Criticality"), "importance_customer": N_("Customer importance"),
    "importance_business": N_("Business importance"), "touchpoint_department": N_("Department"),
    "enchantements": N_("Delights"), "verbatims": N_("Verbatims"),
}


def csv_words(language: str) -> dict[str, str]:
    """The CSV's words in ``language`` (a site's ``theme.language``)."""
    return {key: translate(word, language) for key, word in CSV_WORDS.items()}


class ExportError(ValueError):
    """The build cannot be exported (it has errors, or nothing was computed)."""


# -- JSON ------------------------------------------------------------------------------

def to_json(build: SiteBuild) -> str:
    """The whole computed site as one JSON document (UTF-8 text, 2-space indent, final newline)."""
    return json_text(to_data(build))


def json_text(data: Any) -> str:
    """``data`` as the export writes it: UTF-8 characters kept, 2-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_data(build: SiteBuild) -> dict[str, Any]:
    """The export document as plain data: the keys of docs/format.md, in its order, and a few more."""
    site, computed = _checked(build)
    ref = site.referential
    return {
        "format": FORMAT_VERSION,
        "site": {"name": build.config.site_name or None, "language": site.language},
        "stages": [{"id": s.id, "label": s.label} for s in ref.stages],
        "channels": [{"id": c.id, "label": c.label} for c in ref.channels],
        "emotions": [{"id": e.id, "label": e.label, "score": _number(e.score)} for e in ref.emotions],
        "criteria": [{"id": c.id, "label": c.label, "weight": _number(c.weight), "inverse": c.inverse}
                     for c in ref.criteria],
        "personas": [_persona(site, computed, site.personas[pid]) for pid in sorted(site.personas)],
        "journeys": [_journey(site, computed, site.journeys[jid]) for jid in sorted(site.journeys)],
        "chantiers": [_chantier(site, computed, site.chantiers[cid]) for cid in computed.chantiers_by_priority(site)],
        "currency": ref.currency,
        "departments": [_department(computed, d.id) for d in computed.departments.departments],
        "roadmap": _roadmap(site, computed),
        "unaddressed_pains": list(computed.unaddressed),
    }


def _checked(build: SiteBuild) -> tuple[Site, Computed]:
    if build.errors:
        raise ExportError(ngettext("the site has {count} error; fix it before exporting",
                                   "the site has {count} errors; fix them before exporting", len(build.errors)))
    if build.computed is None:
        raise ExportError(_("nothing was computed for this site"))
    return build.site, build.computed


def _persona(site: Site, computed: Computed, persona: Persona) -> dict[str, Any]:
    return {
        "id": persona.id,
        "name": persona.name,
        "segment": persona.segment or None,
        "path": persona.location.path,
        "journeys": [j.id for j in site.journeys_of(persona.id)],
        "quote": persona.quote or None,
        "photo": persona.photo or None,
        "goals": list(persona.goals),
        "expectations": list(persona.expectations),
        "frustrations": list(persona.frustrations),
        "channels": list(persona.channels),
        "metrics": _metrics(persona.metrics),
        "indicators": _indicators(computed.persona_indicators.get(persona.id, ())),
    }


def _journey(site: Site, computed: Computed, journey: Journey) -> dict[str, Any]:
    return {
        "id": journey.id,
        "title": journey.title,
        "path": journey.location.path,
        "state": journey.state,
        "target": journey.target,
        "personas": list(journey.personas),
        "stages": list(journey.stages),
        "happiness": _number(computed.happiness.get(journey.id)),
        "progress": _number(computed.progress.get(journey.id)),
        "objectives": list(journey.objectives),
        "tags": list(journey.tags),
        "indicators": _indicators(computed.journey_indicators.get(journey.id, ())),
        "touchpoints": [_touchpoint(site, computed, journey, t) for t in journey.touchpoints],
    }


def _touchpoint(site: Site, computed: Computed, journey: Journey, touchpoint: Touchpoint) -> dict[str, Any]:
    level = site.referential.emotion(touchpoint.emotion)
    return {
        "id": touchpoint.id,
        "stage": touchpoint.stage,
        "step": touchpoint.step or None,
        "channel": touchpoint.channel,
        "action": touchpoint.action,
        "emotion": level.id if level else None,
        "emotion_score": _number(level.score) if level else None,
        "moment_of_truth": touchpoint.moment_of_truth,
        "rupture": touchpoint.rupture,
        "criticality": _number(computed.criticality.get(f"{journey.id}#{touchpoint.id}")),
        "chantiers": sorted(computed.index.chantiers_of(journey.id, touchpoint.id)),
        "line": touchpoint.location.line,
        "emotion_label": level.label if level else None,
        "importance": {"customer": touchpoint.importance_customer, "business": touchpoint.importance_business},
        "expectations": list(touchpoint.expectations),
        "irritants": list(touchpoint.irritants),
        "enchantements": list(touchpoint.enchantements),
        "verbatims": list(touchpoint.verbatims),
        "metrics": _metrics(touchpoint.metrics),
        "data": list(touchpoint.data),
        "contact_reasons": list(touchpoint.contact_reasons),
        "owner": touchpoint.owner or None,
        "department": computed.departments.of_touchpoint.get(f"{journey.id}#{touchpoint.id}"),
        "unaddressed": f"{journey.id}#{touchpoint.id}" in computed.unaddressed,
    }


def _chantier(site: Site, computed: Computed, chantier: Chantier) -> dict[str, Any]:
    quadrant = computed.quadrant.get(chantier.id)
    return {
        "id": chantier.id,
        "title": chantier.title,
        "path": chantier.location.path,
        "status": chantier.status,
        "department": chantier.department or None,
        "owner": chantier.owner or None,
        "quarter": chantier.quarter or None,
        "scores": {c.id: _number(chantier.scores[c.id]) for c in site.referential.criteria if c.id in chantier.scores},
        "priority": _number(computed.priority.get(chantier.id)),
        "quadrant": quadrant if quadrant in QUADRANTS else None,
        "depends_on": list(chantier.depends_on),
        "touchpoints": sorted(computed.index.touchpoints_of(chantier.id)),
        "required_by": sorted(c.id for c in site.chantiers.values() if chantier.id in c.depends_on),
        "objectives": list(chantier.objectives),
        "budget": _number(chantier.budget),
    }


def _department(computed: Computed, department_id: str) -> dict[str, Any]:
    departments = computed.departments
    department = departments.get(department_id)
    return {
        "id": department_id,
        "label": department.label if department else department_id,
        "aliases": list(department.aliases) if department else [],
        "chantiers": departments.chantiers(department_id),
        "touchpoints": departments.touchpoints(department_id),
        "channels": departments.channels(department_id),
    }


def _roadmap(site: Site, computed: Computed) -> dict[str, Any]:
    """Columns, lanes, where each chantier sits (by id), and the dependencies the plan contradicts."""
    roadmap = computed.roadmap
    return {
        "quarters": list(roadmap.quarters),
        "lanes": list(roadmap.lanes),
        "placement": [{"chantier": cid, "quarter": roadmap.at(cid).quarter, "lane": roadmap.at(cid).lane}
                      for cid in sorted(site.chantiers)],
        "dependency_issues": [{"chantier": i.chantier, "depends_on": i.dependency, "reason": i.reason}
                              for i in computed.dependency_issues],
    }


def _indicators(indicators: Iterable[Indicator]) -> list[dict[str, Any]]:
    return [{"id": str(i.id), "label": str(i.label), "value": _plain(i.value), "display": str(i.display)}
            for i in indicators]


def _metrics(metrics: Any) -> dict[str, Any]:
    return {str(name): _number(value) for name, value in dict(metrics).items()}


def _plain(value: Any) -> Any:
    """Any value a plugin computed, as JSON data (unknown objects become their text)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


# -- CSV -------------------------------------------------------------------------------

def to_csv(build: SiteBuild, sep: str | None = None, bom: bool = True, ids: bool = False,
           rows: str = "touchpoints") -> str:
    """One row per touchpoint (journeys by id, touchpoints in file order), or per chantier (``rows="chantiers"``:
    by priority, as in the JSON), header first.

    Headers and values are in the site language (labels of stages, channels,
    emotions, statuses, titles of journeys and chantiers, names of personas); ``ids``
    writes ids instead of labels. Multi-valued cells are joined with `` | ``;
    no text cell starts like a formula. ``bom`` puts a UTF-8 byte order mark
    first, so that spreadsheets read the file as UTF-8. Numbers have the site language's
    decimal mark (``93,2`` in French, ``93.2`` in English; ``.`` when the mark is the separator),
    and the separator is by default ``;`` where that mark is a comma, else ``,``.
    """
    if sep is None:
        sep = csv_separator(build.site.language)
    if len(sep) != 1 or sep in "\"'\r\n":
        raise ValueError(_("the CSV separator must be one character other than a quote or a newline, not {value}",
                           value=shown(sep)))
    if rows not in ROWS:
        raise ValueError(_("CSV rows are one of {rows}, not {value}", rows=", ".join(ROWS), value=shown(rows)))
    site, computed = _checked(build)
    words = csv_words(site.language)
    decimal = decimal_mark(site.language)
    decimal = "." if decimal == sep else decimal
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, quotechar='"', quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    if rows == "chantiers":
        header = [words[c] for c in CHANTIER_COLUMNS] + [c.label for c in site.referential.criteria] + \
            [words[c] for c in CHANTIER_LISTS]
        with use_language(site.language):  # statuses, quadrants, objectives, quarters: the site's words
            values = chantier_rows(site, computed, ids)
    else:
        metrics = metric_names(site)
        header = [words[column] for column in CSV_COLUMNS] + metrics
        values = csv_rows(site, computed, words, ids, metrics)
    writer.writerow([safe_cell(word) for word in header])
    for row in values:
        writer.writerow([number_cell(v, decimal) if isinstance(v, (int, float)) and not isinstance(v, bool)
                         else safe_cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()


def chantier_rows(site: Site, computed: Computed, ids: bool = False) -> list[list[Any]]:
    """The rows of the chantiers' CSV as values: id and title, every field, the budget, the priority
    (one decimal), the quadrant, a score per criterion, then objectives, touchpoints and dependencies."""
    rows = []
    for chantier_id in computed.chantiers_by_priority(site):
        chantier = site.chantiers[chantier_id]
        department = computed.departments.of_chantier.get(chantier_id, "")
        quadrant = computed.quadrant.get(chantier_id)
        priority = _number(computed.priority.get(chantier_id))
        scores = [_number(chantier.scores.get(c.id)) for c in site.referential.criteria]
        rows.append([
            chantier.id, chantier.title,
            chantier.status if ids else STATUS.label(chantier.status),
            department if ids or not department else computed.departments.label(department),
            chantier.owner,
            chantier.quarter if ids else quarter(chantier.quarter, site.language),
            "" if chantier.budget is None else _number(chantier.budget),
            "" if priority is None else round(priority, 1),
            "" if quadrant not in QUADRANTS else quadrant if ids else QUADRANT.label(quadrant),
            *("" if score is None else score for score in scores),
            JOIN.join(o if ids else OBJECTIVE.label(o) for o in chantier.objectives),
            JOIN.join(ref if ids else _touchpoint_title(site, ref) for ref in computed.index.touchpoints_of(chantier_id)),
            JOIN.join(d if ids or d not in site.chantiers else site.chantiers[d].title for d in chantier.depends_on),
        ])
    return rows


def _touchpoint_title(site: Site, ref: str) -> str:
    """``Journey title — action`` of a ``JOURNEY#TOUCHPOINT`` ref (the ref itself when it is unknown)."""
    journey = site.journeys.get(ref.partition("#")[0])
    touchpoint = site.touchpoint(ref)
    return f"{journey.title} — {touchpoint.action}" if journey and touchpoint else ref


def csv_separator(language: str) -> str:
    """The CSV separator a spreadsheet in ``language`` expects: ``;`` where numbers have a decimal comma."""
    return ";" if decimal_mark(language) == "," else ","


def metric_names(site: Site) -> list[str]:
    """The names of the metrics any touchpoint gives, sorted: a CSV column each."""
    return sorted({str(name) for journey in site.journeys.values() for t in journey.touchpoints for name in t.metrics})


def csv_rows(site: Site, computed: Computed, words: dict[str, str], ids: bool = False,
             metrics: Iterable[str] = ()) -> list[list[Any]]:
    """The rows of the CSV as values: text, or numbers where the cell is a number (``metrics``: the
    names of the metric columns)."""
    metrics = list(metrics)
    departments = computed.departments
    ref = site.referential
    rows = []

    def name(kind: str, item_id: str) -> str:
        if ids:
            return item_id
        items = {"persona": site.personas, "journey": site.journeys, "chantier": site.chantiers}[kind]
        item = items.get(item_id)
        return (getattr(item, "name", None) or getattr(item, "title", None) or item_id) if item else item_id

    def label(item: Any, item_id: str) -> str:
        return item_id if ids or item is None else item.label

    def flag(value: bool) -> str:
        return ("true" if value else "false") if ids else words["yes" if value else "no"]

    for journey_id in sorted(site.journeys):
        journey = site.journeys[journey_id]
        for t in journey.touchpoints:
            level = ref.emotion(t.emotion)
            department = departments.of_touchpoint.get(f"{journey.id}#{t.id}", "")
            rows.append([
                name("journey", journey.id),
                JOIN.join(name("persona", p) for p in journey.personas),
                journey.state if ids else words.get(journey.state, journey.state),
                label(ref.stage(t.stage), t.stage),
                t.step,
                label(ref.channel(t.channel), t.channel),
                t.id,
                t.action,
                (level.id if ids else level.label) if level else "",
                _number(level.score) if level else "",
                flag(t.moment_of_truth),
                flag(t.rupture),
                JOIN.join(t.expectations),
                JOIN.join(t.irritants),
                JOIN.join(name("chantier", c) for c in computed.index.chantiers_of(journey.id, t.id)),
                _rounded(computed.criticality.get(f"{journey.id}#{t.id}")),
                _rounded(t.importance_customer),
                _rounded(t.importance_business),
                department if ids or not department else departments.label(department),
                JOIN.join(t.enchantements),
                JOIN.join(t.verbatims),
                *(_rounded(dict(t.metrics).get(metric)) for metric in metrics),
            ])
    return rows


def _rounded(value: Any) -> Any:
    """A number for a CSV cell, to at most two decimals ('' when there is none)."""
    number = _number(value)
    return "" if number is None else round(number, 2) if isinstance(number, float) else number


def safe_cell(value: Any) -> str:
    """Text a spreadsheet shows as text: a cell that would start a formula gets a leading ``'``."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def number_cell(value: int | float, decimal: str = ".") -> str:
    """A number as a spreadsheet reads it: whole numbers without decimals, ``decimal`` as the mark."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", decimal) if isinstance(value, float) else str(value)
