"""A ``SiteDiff`` as Markdown for a pull-request comment or a CI job summary (GitHub-flavoured).

Written in the current language (``i18n.use_language``); every text an author
wrote is escaped (``gfm``), ids are shown as code. Values are shown as people
read them: labels from each side's referential, quarters, priorities and
figures in the language's formats.
"""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from babel.lists import format_list

from .. import formatting
from ..enumerations import OBJECTIVE, QUADRANT, STATE, STATUS
from ..i18n import N_, _, current_language, ngettext, translate
from ..model import Site
from ..sitediff import (Change, IndicatorChange, ItemDiff, ListDiff, ProblemEntry, SiteDiff, TouchpointChanges,
                        TouchpointDiff, closed)
from .mermaid import xychart

ARROW = "→"
MAX_ORDER = 20      # chantiers listed in a new priority order
MAX_MOVED = 50      # rows of the table of figures moved by other changes
BEFORE_COLOUR, AFTER_COLOUR = "#9e9e9e", "#00897b"
_GFM_SPECIALS = set("\\`*_[]<>!&~|$#")
# GitHub links ``@name`` (a notification), ``#123`` and ``GH-123`` (cross-references) after Markdown is read, so
# a backslash does not stop it: a WORD JOINER (U+2060, invisible, no line break) after the sign does, and the
# text shows the same.
WORD_JOINER = "\u2060"
_REFERENCE = re.compile(r"@(?=\w)|(?:\\#|\bGH-)(?=\d)", re.IGNORECASE)

HEADINGS = {"journey": N_("Journeys"), "chantier": N_("Workstreams"), "persona": N_("Personas"),
            "channel": N_("Channel pages")}
LIST_NAMES = {"stages": N_("Stages"), "channels": N_("Channels"), "emotions": N_("Emotion scale"),
              "criteria": N_("Criteria")}
# The name of every field the report may show (a field a plugin or a newer model adds shows as its key).
FIELD_LABELS = {
    # touchpoints
    "stage": N_("Stage"), "step": N_("Step"), "channel": N_("Channel"), "action": N_("Action"),
    "emotion": N_("Emotion"), "moment_of_truth": N_("Moment of truth"), "rupture": N_("Breakpoint"),
    "importance_customer": N_("Customer importance"), "importance_business": N_("Business importance"),
    "expectations": N_("Expectations"), "irritants": N_("Irritants"), "enchantements": N_("Delights"),
    "verbatims": N_("Verbatims"), "metrics": N_("Metrics"), "data": N_("Data collected"),
    "contact_reasons": N_("Contact reasons"), "owner": N_("Owner"),
    # journeys
    "title": N_("Title"), "personas": N_("Personas"), "state": N_("State"), "target": N_("Target journey"),
    "stages": N_("Stages"), "objectives": N_("Objectives"), "tags": N_("Tags"), "body": N_("Page text"),
    "touchpoints": N_("Touchpoints"), "happiness": N_("Happiness"),
    # chantiers
    "department": N_("Department"), "status": N_("Status"), "quarter": N_("Planned delivery"),
    "scores": N_("Arbitration scores"), "depends_on": N_("Depends on"), "priority": N_("Priority"),
    "quadrant": N_("Quadrant"), "budget": N_("Budget"),
    # personas
    "name": N_("Name"), "segment": N_("Segment"), "quote": N_("Quote"), "photo": N_("Photo"), "goals": N_("Goals"),
    "frustrations": N_("Frustrations"), "channels": N_("Preferred channels"),
    # entries of the referential
    "label": N_("Label"), "score": N_("Score"), "weight": N_("Weight"), "inverse": N_("Inverse"), "id": N_("Id"),
}


def gfm(text: object) -> str:
    """``text`` made literal in GitHub-flavoured Markdown (one line, no markup, no HTML, no mention of a person
    or team, no reference to an issue)."""
    value = " ".join(str(text).split())
    escaped = "".join("\\" + c if c in _GFM_SPECIALS else c for c in value)
    return _REFERENCE.sub(lambda found: found.group() + WORD_JOINER, escaped)


def quoted(text: object) -> str:
    return _("“{text}”", text=gfm(text))


def code(identifier: str) -> str:
    """An id as inline code (ids never hold a backtick; anything else is escaped instead)."""
    return f"`{identifier}`" if "`" not in identifier else gfm(identifier)


def render_markdown(diff: SiteDiff, old: Site, new: Site) -> str:
    """The whole report: a title, a one-paragraph summary, then a section per kind of change."""
    report = _Report(diff, old, new)
    return report.render()


MIN_LENGTH = 1000   # the least --max-length: the title, the summary and the note


def cut_report(report: str, limit: int) -> str:
    """``report`` in at most ``limit`` characters (a pull-request comment holds 65,536): whole lines, never a
    fenced block in part (a chart cut short is drawn as an error), then a note that says it was cut."""
    if len(report) <= limit:
        return report
    note = "\n> " + _("The report is cut here: it is {length} characters long, more than {limit}. Run "
                      "`journeysite diff` to read all of it.",
                      length=formatting.number(len(report), decimals=0),
                      limit=formatting.number(limit, decimals=0)) + "\n"
    room = limit - len(note)
    kept: list[str] = []
    size = 0
    fence: int | None = None  # where the fenced block being read starts, in ``kept``
    for line in report.splitlines(keepends=True):
        if size + len(line) > room:
            break
        if line.startswith(("```", "~~~")):
            fence = len(kept) if fence is None else None
        kept.append(line)
        size += len(line)
    if fence is not None:
        del kept[fence:]
    return "".join(kept).rstrip("\n") + "\n" + note


ENUMERATIONS = {"status": STATUS, "state": STATE, "quadrant": QUADRANT, "objective": OBJECTIVE}


class _Values:
    """Field values of one side, as people read them."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.ref = site.referential

    def emotion(self, emotion: str | None) -> str:
        level = self.ref.emotion(emotion)
        return gfm(level.label) if level else (gfm(emotion) if emotion else formatting.DASH)

    def place(self, stage: str | None, channel: str | None) -> str:
        parts = [gfm(self.ref.stage_label(stage)) if stage else formatting.DASH,
                 gfm(self.ref.channel_label(channel)) if channel else formatting.DASH]
        return " · ".join(parts)

    def touchpoint(self, journey_id: str, touchpoint_id: str) -> str:
        """``**t3** “action”`` of a touchpoint of this side."""
        journey = self.site.journeys.get(journey_id)
        touchpoint = journey.touchpoint(touchpoint_id) if journey else None
        shown = f"**{gfm(touchpoint_id)}**"
        return f"{shown} {quoted(touchpoint.action)}" if touchpoint else shown

    def touchpoint_ref(self, ref: str) -> str:
        """A ``JOURNEY#TOUCHPOINT`` reference with its action."""
        found = self.site.touchpoint(ref)
        shown = code(ref)
        return f"{shown} {quoted(found.action)}" if found else shown

    def value(self, field: str, value: Any) -> str:
        """One value of ``field``."""
        if value is None or value == "" or value == []:
            return formatting.DASH
        if field == "emotion":
            return self.emotion(value)
        if field == "happiness":  # a figure as its side displayed it
            return gfm(value)
        if field == "stage":
            return gfm(self.ref.stage_label(value))
        if field == "channel":
            return gfm(self.ref.channel_label(value))
        if field in ENUMERATIONS:
            return gfm(ENUMERATIONS[field].label(value))
        if field == "quarter":
            return gfm(formatting.quarter(value))
        if field == "priority":
            return formatting.number(value, decimals=0)
        if field == "personas":
            return ", ".join(gfm(self.site.personas[p].name) if p in self.site.personas else code(p) for p in value)
        if field == "target":
            journey = self.site.journeys.get(value)
            return quoted(journey.title) if journey else code(value)
        if field == "depends_on":
            return ", ".join(quoted(self.site.chantiers[c].title) if c in self.site.chantiers else code(c)
                             for c in value)
        if field == "objectives":
            return ", ".join(gfm(OBJECTIVE.label(v)) for v in value)
        if field == "touchpoints" and isinstance(value, list):
            return ", ".join(self.ref_list(value))
        if isinstance(value, bool):
            return gfm(_("yes") if value else _("no"))
        if isinstance(value, (int, float)):
            return formatting.number(value)
        if isinstance(value, list):
            return ", ".join(quoted(v) for v in value)
        if isinstance(value, dict):
            return ", ".join(f"{gfm(k)} {self.value('', v)}" for k, v in value.items())
        return quoted(value)

    def ref_list(self, refs: Iterable[str]) -> list[str]:
        return [self.touchpoint_ref(r) for r in refs]


def field_label(field: str, lower: bool = False) -> str:
    """The name of a field in the current language, capitalised to start a line or ``lower`` to go inside one."""
    text = translate(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")
    if lower and text[1:2].islower():
        return text[:1].lower() + text[1:]
    return text[:1].upper() + text[1:]


class _Report:
    def __init__(self, diff: SiteDiff, old: Site, new: Site) -> None:
        self.diff = diff
        self.before = _Values(old)
        self.after = _Values(new)
        self.lines: list[str] = []

    # -- the whole ----------------------------------------------------------------------

    def render(self) -> str:
        diff = self.diff
        old, new = (code(name) if name is not None else _("working tree") for name in (diff.old, diff.new))
        self.add("## " + _("journeysite diff: {old} → {new}", old=old, new=new), "")
        if diff.identical:
            self.add(_("Nothing changed: both versions give the same site."))
            return self.text()
        self.add(self.summary(), "")
        for side in diff.unreadable:
            message = (_("The old version's mkdocs.yml cannot be read: only problems are compared.") if side == "old"
                       else _("The new version's mkdocs.yml cannot be read: only problems are compared."))
            self.add(f"> {message}", "")
        for kind in HEADINGS:
            self.kind_section(kind)
        self.referential_section()
        self.pages_section()
        self.moved_section()
        self.problems_section()
        return self.text()

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    # -- summary ------------------------------------------------------------------------

    def summary(self) -> str:
        diff = self.diff
        counted: list[tuple[int, str]] = []
        journeys = diff.of_kind("journey")
        touchpoints = [t.touchpoints for t in journeys if t.touchpoints is not None]
        shifts = [_emotion_shift(self.before, self.after, c) for t in touchpoints for tp in t.changed
                  for c in tp.changes if c.field == "emotion"]
        n = _count(journeys, "changed", authored=True)
        counted.append((n, ngettext("{count} journey changed", "{count} journeys changed", n)))
        n = _count(journeys, "added")
        counted.append((n, ngettext("{count} journey added", "{count} journeys added", n)))
        n = _count(journeys, "removed")
        counted.append((n, ngettext("{count} journey removed", "{count} journeys removed", n)))
        n = _count(journeys, "unreadable")
        counted.append((n, ngettext("{count} journey no longer readable", "{count} journeys no longer readable", n)))
        n = sum(len(t.added) for t in touchpoints)
        counted.append((n, ngettext("{count} touchpoint added", "{count} touchpoints added", n)))
        n = sum(len(t.removed) for t in touchpoints)
        counted.append((n, ngettext("{count} touchpoint removed", "{count} touchpoints removed", n)))
        n = sum(len(t.changed) for t in touchpoints)
        counted.append((n, ngettext("{count} touchpoint changed", "{count} touchpoints changed", n)))
        n = sum(1 for s in shifts if s is not None and s > 0)
        counted.append((n, ngettext("{count} emotion better", "{count} emotions better", n)))
        n = sum(1 for s in shifts if s is not None and s < 0)
        counted.append((n, ngettext("{count} emotion worse", "{count} emotions worse", n)))
        chantiers = diff.of_kind("chantier")
        n = _count(chantiers, "added")
        counted.append((n, ngettext("{count} workstream added", "{count} workstreams added", n)))
        n = _count(chantiers, "removed")
        counted.append((n, ngettext("{count} workstream removed", "{count} workstreams removed", n)))
        n = _count(chantiers, "unreadable")
        counted.append((n, ngettext("{count} workstream no longer readable", "{count} workstreams no longer readable", n)))
        n = sum(1 for c in chantiers if closed(c))
        counted.append((n, ngettext("{count} workstream delivered", "{count} workstreams delivered", n)))
        n = sum(1 for c in chantiers if c.change == "changed" and c.authored and not closed(c))
        counted.append((n, ngettext("{count} workstream changed", "{count} workstreams changed", n)))
        personas = diff.of_kind("persona")
        n = _count(personas, "added")
        counted.append((n, ngettext("{count} persona added", "{count} personas added", n)))
        n = _count(personas, "removed") + _count(personas, "unreadable")
        counted.append((n, ngettext("{count} persona removed", "{count} personas removed", n)))
        n = _count(personas, "changed", authored=True)
        counted.append((n, ngettext("{count} persona changed", "{count} personas changed", n)))
        n = _count(diff.items, "readable")
        counted.append((n, ngettext("{count} file readable again", "{count} files readable again", n)))
        channels = diff.of_kind("channel")
        n = len([c for c in channels if c.authored])
        counted.append((n, ngettext("{count} channel page changed", "{count} channel pages changed", n)))
        parts = [text for n, text in counted if n]
        changed_lists = [translate(LIST_NAMES[entries.name]).lower() for entries in diff.referential.lists if entries]
        if changed_lists:
            parts.append(_("referential changed ({lists})", lists=_join(changed_lists)))
        pages = diff.pages
        counted = []
        n = len(pages.added) + len(pages.removed) + len(pages.changed)
        counted.append((n, ngettext("{count} other page changed", "{count} other pages changed", n)))
        n = len(diff.problems.introduced)
        counted.append((n, ngettext("{count} new problem", "{count} new problems", n)))
        n = len(diff.problems.fixed)
        counted.append((n, ngettext("{count} problem fixed", "{count} problems fixed", n)))
        parts += [text for n, text in counted if n]
        if not parts:  # only figures moved (a plugin changed): say so
            parts.append(_("figures moved"))
        text = _("In short: {changes}.", changes=_join(parts))
        errors, warnings = diff.problems.errors[1], diff.problems.warnings[1]
        if errors or warnings:
            text += " " + _("The new version has {errors} and {warnings}.",
                            errors=ngettext("{count} error", "{count} errors", errors),
                            warnings=ngettext("{count} warning", "{count} warnings", warnings))
        return text

    # -- items --------------------------------------------------------------------------

    def kind_section(self, kind: str) -> None:
        items = [i for i in self.diff.of_kind(kind) if i.authored]
        if not items:
            return
        self.add(f"### {translate(HEADINGS[kind])}", "")
        listed = [i for i in items if i.change != "changed"]
        for item in listed:
            self.add("- " + self.brief(item))
        if listed:
            self.add("")
        for item in items:
            if item.change == "changed":
                self.changed_item(item)

    def item_name(self, item: ItemDiff) -> str:
        return f"**{gfm(item.title)}** ({code(item.id)})"

    def brief(self, item: ItemDiff) -> str:
        new = item.change in ("added", "readable")
        values = self.after if new else self.before
        facts = separator().join(_("{field}: {value}", field=field_label(c.field, lower=True),
                                   value=values.value(c.field, c.new if new else c.old))
                                 for c in item.fields)
        name = self.item_name(item)
        if item.change == "added":
            line = _("Added: {item}", item=name)
        elif item.change == "readable":
            line = _("Readable again: {item} (its file had errors)", item=name)
        elif item.change == "removed":
            line = _("Removed: {item}", item=name)
        else:
            line = _("No longer readable: {item} (its file {path} has errors: see the problems below)",
                     item=name, path=code(item.path))
        return f"{line} — {facts}" if facts and item.change != "unreadable" else line

    def changed_item(self, item: ItemDiff) -> None:
        self.add(f"#### {gfm(item.title)} ({code(item.id)})", "")
        if item.old_id:
            self.add("- " + _("Id changed: {old} → {new}", old=code(item.old_id), new=code(item.id)))
        for change in item.fields:
            self.add("- " + self.field_change(change))
        if item.kind == "chantier":
            if item.linked:
                self.add("- " + _("touchpoints linked: {touchpoints}",
                                  touchpoints=", ".join(self.after.ref_list(item.linked))))
            if item.unlinked:
                self.add("- " + _("touchpoints unlinked: {touchpoints}",
                                  touchpoints=", ".join(self.before.ref_list(item.unlinked))))
            order_given = self.diff.referential.priority_order is not None
            for change in item.derived:
                if not (order_given and change.field == "priority"):  # the new order says it once
                    self.add("- " + self.field_change(change))
        if item.touchpoints is not None:
            self.touchpoint_lines(item, item.touchpoints)
        self.add("")
        if item.indicators:
            self.indicator_table(item.indicators)
        if item.touchpoints is not None and item.touchpoints.curve is not None:
            self.curve(item)

    def field_change(self, change: Change, lower: bool = False) -> str:
        name = field_label(change.field, lower)
        if change.field == "body":
            return _("Page text edited")
        if change.field == "emotion":
            return _("{field}: {change}", field=name, change=self.emotion_change(change))
        old, new = change.old, change.new
        if isinstance(old, list) and isinstance(new, list) and change.field not in ("personas", "stages"):
            gone = [v for v in old if v not in new]
            came = [v for v in new if v not in old]
            if gone or came:
                items = [f"+ {self.after.value(change.field, [v])}" for v in came]
                items += [f"− {self.before.value(change.field, [v])}" for v in gone]
                return _("{field}: {changes}", field=name, changes=", ".join(items))
        if isinstance(old, dict) and isinstance(new, dict):
            keys = [*new, *(k for k in old if k not in new)]
            parts = [f"{self.key_label(change.field, k)} {self.before.value('', old.get(k))} {ARROW} "
                     f"{self.after.value('', new.get(k))}" for k in keys if old.get(k) != new.get(k)]
            return _("{field}: {changes}", field=name, changes=", ".join(parts))
        return _("{field}: {old} → {new}", field=name, old=self.before.value(change.field, old),
                 new=self.after.value(change.field, new))

    def key_label(self, field: str, key: str) -> str:
        if field == "scores":
            criterion = self.after.ref.criterion(key) or self.before.ref.criterion(key)
            return gfm(criterion.label if criterion else key)
        return gfm(key)

    def emotion_change(self, change: Change) -> str:
        text = f"{self.before.emotion(change.old)} {ARROW} {self.after.emotion(change.new)}"
        shift = _emotion_shift(self.before, self.after, change)
        if shift is not None:
            text += f" ({formatting.signed(shift, decimals=2) if shift else '0'})"
        return text

    # -- touchpoints --------------------------------------------------------------------

    def touchpoint_lines(self, journey: ItemDiff, changes: TouchpointChanges) -> None:
        jid, old_jid = journey.id, journey.old_id or journey.id
        for t in changes.changed:
            shown = self.after.touchpoint(jid, t.id)
            parts = []
            if t.old_id:
                parts.append(_("id: {old} → {new}", old=code(t.old_id), new=code(t.id)))
            fields = {c.field: c for c in t.changes}
            if "stage" in fields or "channel" in fields:
                old_touchpoint = self.before.site.journeys[old_jid].touchpoint(t.old_id or t.id)
                new_touchpoint = self.after.site.journeys[jid].touchpoint(t.id)
                parts.append(_("moved: {old} → {new}",
                               old=self.before.place(old_touchpoint.stage, old_touchpoint.channel),
                               new=self.after.place(new_touchpoint.stage, new_touchpoint.channel)))
            if t.reordered:
                parts.append(_("now after {touchpoint}", touchpoint=self.after.touchpoint(jid, t.after))
                             if t.after else _("now first"))
            parts += [self.field_change(c, lower=True) for c in t.changes if c.field not in ("stage", "channel")]
            self.add("- " + _("{touchpoint}: {changes}", touchpoint=shown, changes=separator().join(parts)))
        for t in changes.added:
            self.add("- " + _("New touchpoint: {touchpoint} ({facts})", touchpoint=self.after.touchpoint(jid, t.id),
                              facts=self.touchpoint_facts(self.after, t, added=True)))
        for t in changes.removed:
            self.add("- " + _("Touchpoint removed: {touchpoint} ({facts})",
                              touchpoint=self.before.touchpoint(old_jid, t.id),
                              facts=self.touchpoint_facts(self.before, t, added=False)))
        def after(ids: list[str]) -> str:
            return ", ".join(self.after.touchpoint(jid, i) for i in ids)

        def before(ids: list[str]) -> str:
            return ", ".join(self.before.touchpoint(old_jid, self.old_touchpoint_id(changes, i)) for i in ids)

        ruptures, moments = changes.ruptures, changes.moments_of_truth
        for ids, line in (
                (ruptures.gained, ngettext("New breakpoint: {touchpoints}", "New breakpoints: {touchpoints}",
                                           len(ruptures.gained), touchpoints=after(ruptures.gained))),
                (ruptures.lost, ngettext("Breakpoint gone: {touchpoints}", "Breakpoints gone: {touchpoints}",
                                         len(ruptures.lost), touchpoints=before(ruptures.lost))),
                (moments.gained, ngettext("New moment of truth: {touchpoints}", "New moments of truth: {touchpoints}",
                                          len(moments.gained), touchpoints=after(moments.gained))),
                (moments.lost, ngettext("Moment of truth gone: {touchpoints}", "Moments of truth gone: {touchpoints}",
                                        len(moments.lost), touchpoints=before(moments.lost)))):
            if ids:
                self.add("- " + line)

    @staticmethod
    def old_touchpoint_id(changes: TouchpointChanges, new_id: str) -> str:
        """The id a touchpoint had on the old side (lost marks are named by the new side's ids)."""
        return next((t.old_id for t in changes.changed if t.id == new_id and t.old_id), new_id)

    def touchpoint_facts(self, values: _Values, touchpoint: TouchpointDiff, added: bool) -> str:
        facts = {c.field: (c.new if added else c.old) for c in touchpoint.changes}
        parts = [values.place(facts.get("stage"), facts.get("channel"))]
        if facts.get("emotion"):
            parts.append(values.emotion(facts["emotion"]))
        parts += [field_label(mark) for mark in ("moment_of_truth", "rupture") if facts.get(mark)]
        return ", ".join(parts)

    def indicator_table(self, indicators: Sequence[IndicatorChange]) -> None:
        header = [_("Indicator"), _("Before"), _("After")]
        self.add("| " + " | ".join(header) + " |", "| --- | ---: | ---: |")
        for i in indicators:
            self.add(f"| {gfm(i.label)} | {gfm(i.old_display) or formatting.DASH} | "
                     f"{gfm(i.new_display) or formatting.DASH} |")
        self.add("")

    def curve(self, item: ItemDiff) -> None:
        assert item.touchpoints is not None and item.touchpoints.curve is not None
        curve = item.touchpoints.curve
        scores = [e.score for e in (*self.before.ref.emotions, *self.after.ref.emotions)]
        y_range = (min(scores), max(scores))
        old_ids, new_ids = [p[0] for p in curve.old], [p[0] for p in curve.new]
        if old_ids == new_ids and old_ids:  # the same touchpoints: one chart, two lines
            self.add(_("Emotion curve, before (grey) and after (green):"), "")
            self.add(xychart(_("Before and after"), new_ids, [[p[1] for p in curve.old], [p[1] for p in curve.new]],
                             _("Emotion"), y_range, (BEFORE_COLOUR, AFTER_COLOUR)), "")
            return
        self.add(_("Emotion curve, before and after:"), "")
        for title, points, colour in ((_("Before"), curve.old, BEFORE_COLOUR), (_("After"), curve.new, AFTER_COLOUR)):
            if points:
                self.add(xychart(title, [p[0] for p in points], [[p[1] for p in points]], _("Emotion"), y_range,
                                 (colour,)), "")
            else:
                self.add(_("{side}: no touchpoint with an emotion.", side=title), "")

    # -- referential, pages, moved figures, problems ------------------------------------

    def referential_section(self) -> None:
        referential = self.diff.referential
        if not referential:
            return
        self.add("### " + _("Referential"), "")
        for entries in referential.lists:
            if entries:
                self.list_lines(entries)
        self.add("")
        order = referential.priority_order
        if order:
            self.add(_("The criteria changed, so every priority moves. The new order:"), "")
            for ranked in order[:MAX_ORDER]:
                priority = formatting.number(ranked.priority, decimals=0) if ranked.priority is not None \
                    else formatting.DASH
                shown = f"**{gfm(ranked.title)}** ({code(ranked.id)})"
                line = _("{rank}. {chantier}: {priority}", rank=ranked.rank, chantier=shown, priority=priority)
                if ranked.old_priority is not None and ranked.old_rank is not None:
                    line += " " + _("(was {priority}, rank {rank})",
                                    priority=formatting.number(ranked.old_priority, decimals=0), rank=ranked.old_rank)
                elif ranked.old_rank is None and ranked.priority is not None:
                    line += " " + _("(unranked before)")
                self.add(line)
            if len(order) > MAX_ORDER:
                self.add("", ngettext("…and {count} more.", "…and {count} more.", len(order) - MAX_ORDER))
            self.add("")

    def list_lines(self, entries: ListDiff) -> None:
        name = translate(LIST_NAMES[entries.name])
        for entry in entries.added:
            facts = "".join(separator() + _("{field}: {value}", field=field_label(c.field, lower=True),
                                            value=self.after.value("", c.new)) for c in entry.changes)
            shown = f"{quoted(entry.label)} ({code(entry.id)}){facts}"
            self.add("- " + _("{list}, added: {entry}", list=name, entry=shown))
        for entry in entries.removed:
            if entries.name == "criteria":
                used = ngettext("{count} workstream scored it", "{count} workstreams scored it", entry.uses)
            else:
                used = ngettext("{count} touchpoint used it", "{count} touchpoints used it", entry.uses)
            uses = f" ({used})" if entry.uses else ""
            shown = f"{quoted(entry.label)} ({code(entry.id)}){uses}"
            self.add("- " + _("{list}, removed: {entry}", list=name, entry=shown))
        for entry in entries.changed:
            changes = separator().join(
                _("{field}: {old} → {new}", field=field_label(c.field, lower=True), old=code(c.old), new=code(c.new))
                if c.field == "id" else
                _("{field}: {old} → {new}", field=field_label(c.field, lower=True),
                  old=self.before.value(c.field if c.field != "label" else "", c.old),
                  new=self.after.value(c.field if c.field != "label" else "", c.new))
                for c in entry.changes)
            shown = f"{quoted(entry.label)} ({code(entry.id)})"
            self.add("- " + _("{list}, changed: {entry}: {changes}", list=name, entry=shown, changes=changes))
        if entries.order:
            labels = {**{e.id: e.label for e in getattr(self.before.ref, entries.name)},
                      **{e.id: e.label for e in getattr(self.after.ref, entries.name)}}
            self.add("- " + _("{list}, new order: {order}", list=name,
                              order=", ".join(gfm(labels.get(i, i)) for i in entries.order)))

    def pages_section(self) -> None:
        pages = self.diff.pages
        if not pages:
            return
        self.add("### " + _("Other pages"), "")
        for paths, message in ((pages.added, N_("added: {pages}")), (pages.removed, N_("removed: {pages}")),
                               (pages.changed, N_("edited: {pages}"))):
            if paths:
                self.add("- " + translate(message, pages=", ".join(code(p) for p in paths)))
        self.add("")

    def moved_section(self) -> None:
        """Figures that moved although their item was not edited: consequences of the other changes."""
        rows = []
        order_given = self.diff.referential.priority_order is not None
        for item in self.diff.items:
            if item.change != "changed" or item.authored:
                continue
            name = f"{gfm(item.title)} ({code(item.id)})"
            for i in item.indicators:
                rows.append((name, gfm(i.label), gfm(i.old_display) or formatting.DASH,
                             gfm(i.new_display) or formatting.DASH))
            for change in item.derived:
                if order_given and change.field == "priority":
                    continue  # the new priority order says it once
                rows.append((name, gfm(field_label(change.field)), self.before.value(change.field, change.old),
                             self.after.value(change.field, change.new)))
        if not rows:
            return
        self.add("### " + _("Moved by these changes"), "")
        self.add(_("Figures of items that were not edited, moved by the changes above:"), "")
        self.add("| " + " | ".join([_("Item"), _("Figure"), _("Before"), _("After")]) + " |",
                 "| --- | --- | ---: | ---: |")
        for row in rows[:MAX_MOVED]:
            self.add("| " + " | ".join(row) + " |")
        if len(rows) > MAX_MOVED:
            self.add("", ngettext("…and {count} more (journeysite diff --format json lists them all).",
                                  "…and {count} more (journeysite diff --format json lists them all).",
                                  len(rows) - MAX_MOVED))
        self.add("")

    def problems_section(self) -> None:
        problems = self.diff.problems
        if not problems.introduced and not problems.fixed:
            return
        self.add("### " + _("Problems"), "")
        if problems.introduced:
            self.add(ngettext("{count} new problem:", "{count} new problems:", len(problems.introduced)), "")
            self.add(*(f"- {self.problem(p)}" for p in problems.introduced), "")
        if problems.fixed:
            self.add(ngettext("{count} problem fixed:", "{count} problems fixed:", len(problems.fixed)), "")
            self.add(*(f"- {self.problem(p)}" for p in problems.fixed), "")

    @staticmethod
    def problem(problem: ProblemEntry) -> str:
        where = gfm(f"{problem.path}:{problem.line}")
        kind = _("warning") if problem.severity == "warning" else _("error")
        return f"{where} ({kind}): {gfm(problem.message)}"


def separator() -> str:
    """Between the parts of one line (``; `` in English, `` ; `` in French)."""
    return _("; ")


def _count(items: Iterable[ItemDiff], change: str, authored: bool = False) -> int:
    return sum(1 for i in items if i.change == change and (i.authored or not authored))


def _join(parts: Sequence[str]) -> str:
    """``a, b and c`` in the current language."""
    return format_list(list(parts), locale=current_language())


def _emotion_shift(before: _Values, after: _Values, change: Change) -> float | None:
    """How far an emotion moved on the scale (new score minus old), None when a side has none."""
    old, new = before.ref.emotion(change.old), after.ref.emotion(change.new)
    return new.score - old.score if old and new else None
