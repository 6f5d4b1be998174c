"""What changed between two builds of a site, as data: ``compare(old, new)`` gives a ``SiteDiff``.

The comparison is of computed sites, not of files: items are matched by id,
and an item or touchpoint whose id changed while the rest stayed is a rename,
not a removal and an addition (references to it are read through the rename,
so they do not change either). Fields are compared one by one; what is
computed from them (priorities, quadrants, indicators) is kept apart, so that
a report can tell what an author changed from what it moved.
"""
from __future__ import annotations

import dataclasses
import difflib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

from .build import SiteBuild
from .compute import ChantierIndex, Computed, Indicator, finite_number
from .load import BROKEN
from .model import DONE, Journey, Referential, Site, Touchpoint
from .pages import title_of

FORMAT_VERSION = 1
KINDS = ("journey", "chantier", "persona", "channel")
# Fields never compared: where an item is written, and page settings for the theme.
_SKIPPED = {"id", "location", "meta"}
# A touchpoint's chantiers are the index's links, reported on the chantier's side; its marks are gained or lost.
_TOUCHPOINT_SKIPPED = _SKIPPED | {"chantiers", "moment_of_truth", "rupture"}
_MARKS = ("rupture", "moment_of_truth")


@dataclass(frozen=True)
class Change:
    """One field of an item: ``old`` and ``new`` values (None for absent), as plain data."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class IndicatorChange:
    """An indicator of a journey or persona whose value moved; ``display`` as each side shows it."""

    id: str
    label: str
    old: Any
    new: Any
    old_display: str
    new_display: str


@dataclass
class TouchpointDiff:
    """A touchpoint added, removed or changed; an added or removed one lists its facts as ``changes``.

    ``old_id`` is set when its id changed; ``reordered`` when it moved among the others, ``after``
    being then the id of the touchpoint it now follows (None: it comes first)."""

    id: str
    action: str
    changes: list[Change] = field(default_factory=list)
    old_id: str | None = None
    reordered: bool = False
    after: str | None = None


@dataclass
class Marks:
    """Touchpoint ids that gained or lost a mark (a rupture, a moment of truth)."""

    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)


@dataclass
class Curve:
    """A journey's emotion curve on each side: ``[touchpoint id, score]`` for each touchpoint with an emotion."""

    old: list[list[Any]]
    new: list[list[Any]]


@dataclass
class TouchpointChanges:
    added: list[TouchpointDiff] = field(default_factory=list)
    removed: list[TouchpointDiff] = field(default_factory=list)
    changed: list[TouchpointDiff] = field(default_factory=list)
    ruptures: Marks = field(default_factory=Marks)
    moments_of_truth: Marks = field(default_factory=Marks)
    curve: Curve | None = None

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.ruptures.gained or self.ruptures.lost
                    or self.moments_of_truth.gained or self.moments_of_truth.lost)


@dataclass
class ItemDiff:
    """A persona, journey, chantier or channel page added, removed, unreadable or changed.

    ``change`` is ``added``, ``removed``, ``unreadable`` (its file cannot be read on the new side, so it
    cannot be compared), ``readable`` (its file could not be read on the old side) or ``changed``. An added or removed item lists its facts as ``fields``. ``fields``
    are what the author wrote; ``derived`` what is computed from them (a chantier's priority and quadrant),
    ``indicators`` a journey's or persona's figures; ``linked`` and ``unlinked`` a chantier's touchpoints.
    """

    kind: str
    id: str
    title: str
    change: str
    path: str
    old_id: str | None = None
    fields: list[Change] = field(default_factory=list)
    derived: list[Change] = field(default_factory=list)
    indicators: list[IndicatorChange] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)
    touchpoints: TouchpointChanges | None = None

    @property
    def authored(self) -> bool:
        """Whether the item itself was edited (not only moved by other changes)."""
        return (self.change != "changed" or self.old_id is not None or bool(self.fields) or bool(self.linked)
                or bool(self.unlinked) or bool(self.touchpoints))

    @property
    def emotions_changed(self) -> bool:
        return self.touchpoints is not None and self.touchpoints.curve is not None


@dataclass
class EntryChange:
    """An entry of the referential (a stage, channel, emotion level or criterion) and how it changed."""

    id: str
    label: str
    changes: list[Change] = field(default_factory=list)
    uses: int = 0


@dataclass
class ListDiff:
    """One list of the referential: entries added, removed, changed, and the new order when it changed."""

    name: str
    added: list[EntryChange] = field(default_factory=list)
    removed: list[EntryChange] = field(default_factory=list)
    changed: list[EntryChange] = field(default_factory=list)
    order: list[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.order)


@dataclass
class Ranked:
    """A chantier in the priority order: its rank and priority on each side (None: unranked there)."""

    id: str
    title: str
    rank: int
    old_rank: int | None
    priority: float | None
    old_priority: float | None


@dataclass
class ReferentialDiff:
    """The lists of the referential that changed; ``priority_order``, when the criteria moved priorities, every
    chantier in the new order (said once, instead of each chantier's priority)."""

    lists: list[ListDiff] = field(default_factory=list)
    priority_order: list[Ranked] | None = None

    def __bool__(self) -> bool:
        return any(self.lists)

    def changed(self, name: str) -> bool:
        return any(entries for entries in self.lists if entries.name == name)


@dataclass(frozen=True)
class ProblemEntry:
    path: str
    line: int
    severity: str
    message: str


@dataclass
class ProblemsDiff:
    introduced: list[ProblemEntry] = field(default_factory=list)
    fixed: list[ProblemEntry] = field(default_factory=list)
    errors: tuple[int, int] = (0, 0)  # before, after
    warnings: tuple[int, int] = (0, 0)


@dataclass
class PagesDiff:
    """Ordinary pages (files of docs_dir without ``type:``), by docs-relative path."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class SiteDiff:
    """Everything that differs between two builds of a site; ``old`` and ``new`` name them as given
    (None: the working tree)."""

    old: str | None
    new: str | None
    language: str
    items: list[ItemDiff] = field(default_factory=list)
    referential: ReferentialDiff = field(default_factory=ReferentialDiff)
    pages: PagesDiff = field(default_factory=PagesDiff)
    problems: ProblemsDiff = field(default_factory=ProblemsDiff)
    unreadable: list[str] = field(default_factory=list)  # a side whose mkdocs.yml cannot be read: "old", "new"

    def of_kind(self, kind: str) -> list[ItemDiff]:
        return [item for item in self.items if item.kind == kind]

    @property
    def identical(self) -> bool:
        return not (self.items or self.referential or self.pages or self.problems.introduced
                    or self.problems.fixed or self.unreadable)


# -- comparing ------------------------------------------------------------------------------

def compare(old: SiteBuild, new: SiteBuild, old_name: str | None = "old", new_name: str | None = "new") -> SiteDiff:
    """What changed from the build ``old`` to the build ``new``."""
    diff = SiteDiff(old_name, new_name, new.site.language)
    diff.problems = _problems(old, new)
    diff.unreadable = [name for name, side in (("old", old), ("new", new)) if side.config.problems]
    if diff.unreadable:  # one side has no site at all: only its problems can be compared
        return diff
    a, b = _Side(old), _Side(new)
    renames = _Renames()
    for name in _ENTRY_LISTS:
        renames.entries[name] = _pair_entries(getattr(a.ref, name), getattr(b.ref, name))
    pairs = {kind: _pair(a.items(kind), b.items(kind), _title_key(kind)) for kind in KINDS}
    for kind in ("persona", "journey", "chantier"):
        for old_id, new_id in pairs[kind][0]:
            renames.items[kind][old_id] = new_id
    for old_id, new_id in pairs["journey"][0]:
        renames.touchpoints[new_id] = _pair_touchpoints(a.site.journeys[old_id], b.site.journeys[new_id],
                                                        renames)[1]
    diff.referential = _referential(a, b, renames)
    half = _Half.of(a, b, renames)
    for kind in KINDS:
        matched, removed, added = pairs[kind]
        for old_id in removed:
            diff.items.append(_gone(kind, a, b, old_id))
        for new_id in added:
            diff.items.append(_come(kind, a, b, new_id))
        for old_id, new_id in matched:
            item = _changed(kind, a, b, old_id, new_id, renames, half)
            if item.authored or item.derived or item.indicators:
                diff.items.append(item)
    diff.items.sort(key=lambda i: (KINDS.index(i.kind), _CHANGE_ORDER.index(i.change), i.id))
    if diff.referential.changed("criteria"):  # a weight, a criterion more or less: every priority may move
        order = _priority_order(a, b, renames)
        if any(not _same(r.priority, r.old_priority) for r in order):
            diff.referential.priority_order = order
    diff.pages = _pages(old, new)
    return diff


_CHANGE_ORDER = ("changed", "added", "readable", "removed", "unreadable")


class _Side:
    """One build, with what the comparison asks of it."""

    def __init__(self, build: SiteBuild) -> None:
        self.build = build
        self.site: Site = build.site
        self.ref: Referential = build.site.referential
        self.computed = build.computed or Computed(ChantierIndex(), {}, {}, {}, {}, {})
        self.broken = {page.path for page in build.site.pages if page.kind == BROKEN}

    def items(self, kind: str) -> Mapping[str, Any]:
        site = self.site
        return {"persona": site.personas, "journey": site.journeys, "chantier": site.chantiers,
                "channel": site.channel_pages}[kind]

    def title(self, kind: str, item: Any) -> str:
        return title_of(self.site, kind, item.id)

    def indicators(self, kind: str, item_id: str) -> tuple[Indicator, ...]:
        table = {"journey": self.computed.journey_indicators, "persona": self.computed.persona_indicators}
        return table.get(kind, {}).get(item_id, ())

    def emotion_score(self, emotion: str | None) -> float | None:
        level = self.ref.emotion(emotion)
        return level.score if level else None


class _Renames:
    """Ids that changed: ``items[kind][old] = new``, touchpoints by (new) journey id, and ``entries[list][old] =
    new`` for the stages, channels and emotion levels of the referential."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
        self.touchpoints: dict[str, dict[str, str]] = {}
        self.entries: dict[str, dict[str, str]] = {name: {} for name in _ENTRY_LISTS}

    def entry(self, name: str, old_id: str | None) -> str | None:
        return self.entries[name].get(old_id, old_id) if old_id is not None else None

    def old_touchpoint(self, touchpoint: Touchpoint) -> Touchpoint:
        """An old touchpoint as the new side names its stage, channel and emotion (whose ids may have changed)."""
        return dataclasses.replace(touchpoint, **{attribute: self.entry(name, getattr(touchpoint, attribute))
                                                  for name, attribute in _ENTRY_LISTS.items()})

    def item(self, kind: str, old_id: str) -> str:
        return self.items[kind].get(old_id, old_id)

    def ref(self, old_ref: str) -> str:
        """An old ``JOURNEY#TOUCHPOINT`` as the new side names the same touchpoint."""
        journey, _hash, touchpoint = old_ref.partition("#")
        journey = self.item("journey", journey)
        return f"{journey}#{self.touchpoints.get(journey, {}).get(touchpoint, touchpoint)}"


@dataclass
class _Half:
    """Items on one side only because their file cannot be read on the other (unreadable, or readable again),
    and what is not compared because of them: a link to a touchpoint of such a journey comes and goes with it
    (as a link to a removed touchpoint goes with it), and the figures of an item that count such a journey
    or chantier would compare a site with it to a site without it. Breaking a file and fixing it are then
    reported as mirrors: the file, its problems, nothing else."""

    journeys: set[str] = field(default_factory=set)
    figures: set[tuple[str, str]] = field(default_factory=set)  # (kind, new id): figures not compared

    @classmethod
    def of(cls, a: _Side, b: _Side, renames: _Renames) -> "_Half":
        half = cls()
        for side, other, rename in ((a, b, renames.item), (b, a, lambda kind, item_id: item_id)):
            journeys = side.site.journeys

            def counting(journey_id: str) -> set[tuple[str, str]]:
                """A journey, its target and the journeys it is the target of; the personas of all."""
                related = {journey_id, journeys[journey_id].target or journey_id,
                           *(j.id for j in journeys.values() if j.target == journey_id)}
                return ({("journey", rename("journey", j)) for j in related if j in journeys}
                        | {("persona", rename("persona", p)) for j in related if j in journeys
                           for p in journeys[j].personas})

            for journey in journeys.values():
                if journey.location.path in other.broken:
                    half.journeys.add(journey.id)
                    half.figures |= counting(journey.id)
            for chantier in side.site.chantiers.values():
                if chantier.location.path in other.broken:
                    for ref in side.computed.index.touchpoints_of(chantier.id):
                        if ref.partition("#")[0] in journeys:
                            half.figures |= counting(ref.partition("#")[0])
        return half

    def linked(self, refs: Iterable[str]) -> list[str]:
        """``refs`` but those to a touchpoint of a journey on one side only."""
        return sorted(ref for ref in refs if ref.partition("#")[0] not in self.journeys)


def _title_key(kind: str) -> Callable[[Any], Any]:
    """What identifies an item whose id changed: its title (a persona's name); never for channel pages."""
    if kind == "persona":
        return lambda item: item.name
    if kind == "channel":
        return lambda item: None
    return lambda item: item.title


def _pair(old: Mapping[str, Any], new: Mapping[str, Any],
          key: Callable[[Any], Any]) -> tuple[list[tuple[str, str]], list[str], list[str]]:
    """(matched (old id, new id) pairs, removed old ids, added new ids): same ids first, then items whose id
    changed but whose ``key`` is the same on both sides and unique there."""
    matched = [(i, i) for i in sorted(old) if i in new]
    removed = [i for i in sorted(old) if i not in new]
    added = [i for i in sorted(new) if i not in old]
    for old_id, new_id in _pair_by(removed, added, lambda i: key(old[i]), lambda i: key(new[i])):
        matched.append((old_id, new_id))
        removed.remove(old_id)
        added.remove(new_id)
    return sorted(matched, key=lambda pair: pair[1]), removed, added


def _pair_by(olds: Sequence[str], news: Sequence[str], old_key: Callable[[str], Any],
             new_key: Callable[[str], Any]) -> list[tuple[str, str]]:
    """Pairs of ids whose keys are equal and unique on both sides (a None key never pairs)."""
    old_keys = Counter(old_key(i) for i in olds)
    new_keys = Counter(new_key(i) for i in news)
    by_key = {new_key(i): i for i in news}
    return [(i, by_key[old_key(i)]) for i in olds
            if old_key(i) is not None and old_keys[old_key(i)] == 1 and new_keys.get(old_key(i)) == 1]


def _pair_touchpoints(old: Journey, new: Journey,
                      entries: _Renames) -> tuple[list[tuple[Touchpoint, Touchpoint]], dict[str, str]]:
    """Matched (old, new) touchpoints in the new order, and the renames among them (old id -> new id).

    A touchpoint whose id changed is the same touchpoint when everything else is the same, or, failing
    that, when it is the same action at the same stage on the same channel (stages, channels and emotions
    read through ``entries``' renames)."""
    old_ids, new_ids = [t.id for t in old.touchpoints], [t.id for t in new.touchpoints]
    removed = [i for i in old_ids if i not in new_ids]
    added = [i for i in new_ids if i not in old_ids]
    renames: dict[str, str] = {}
    for key in (_content, lambda t: (t.stage, t.channel, t.action)):
        for old_id, new_id in _pair_by(removed, added, lambda i: key(entries.old_touchpoint(old.touchpoint(i))),
                                       lambda i: key(new.touchpoint(i))):
            renames[old_id] = new_id
            removed.remove(old_id)
            added.remove(new_id)
    back = {n: o for o, n in renames.items()}
    pairs = []
    for touchpoint in new.touchpoints:
        old_id = back.get(touchpoint.id, touchpoint.id)
        before = old.touchpoint(old_id)
        if before is not None:
            pairs.append((before, touchpoint))
    return pairs, renames


def _content(touchpoint: Touchpoint) -> str:
    """Everything a touchpoint says but its id and place in the file, as one comparable value."""
    return repr([_plain(getattr(touchpoint, f.name)) for f in dataclasses.fields(touchpoint)
                 if f.name not in ("id", "location")])


# -- items ----------------------------------------------------------------------------------

def _gone(kind: str, a: _Side, b: _Side, old_id: str) -> ItemDiff:
    """A removed item; or an unreadable one, when its file is still there on the new side but broken."""
    item = a.items(kind)[old_id]
    change = "unreadable" if item.location.path in b.broken else "removed"
    return _brief(kind, a, old_id, change)


def _come(kind: str, a: _Side, b: _Side, new_id: str) -> ItemDiff:
    """An added item; or one readable again, when its file was there on the old side but broken."""
    item = b.items(kind)[new_id]
    return _brief(kind, b, new_id, "readable" if item.location.path in a.broken else "added")


def _brief(kind: str, side: _Side, item_id: str, change: str) -> ItemDiff:
    """An added or removed item, with the facts a reader needs to know what it is."""
    item = side.items(kind)[item_id]
    facts: list[tuple[str, Any]] = []
    if kind == "journey":
        facts = [("state", item.state), ("personas", list(item.personas)),
                 ("touchpoints", len(item.touchpoints))]
        facts += [(i.id, i.display) for i in side.indicators(kind, item_id) if i.id == "happiness"]
    elif kind == "chantier":
        computed = side.computed
        facts = [("status", item.status), ("quarter", item.quarter or None),
                 ("priority", finite_number(computed.priority.get(item_id))),
                 ("quadrant", computed.quadrant.get(item_id)),
                 ("touchpoints", list(computed.index.touchpoints_of(item_id)))]
    elif kind == "persona":
        facts = [("segment", item.segment or None)]
    facts = [(name, value) for name, value in facts if value not in (None, "", [])]
    if change in ("added", "readable"):
        changes = [Change(name, None, value) for name, value in facts]
    else:
        changes = [Change(name, value, None) for name, value in facts]
    return ItemDiff(kind, item_id, side.title(kind, item), change, item.location.path, fields=changes)


def _changed(kind: str, a: _Side, b: _Side, old_id: str, new_id: str, renames: _Renames, half: _Half) -> ItemDiff:
    old, new = a.items(kind)[old_id], b.items(kind)[new_id]
    diff = ItemDiff(kind, new_id, b.title(kind, new), "changed", new.location.path,
                    old_id=old_id if old_id != new_id else None)
    skipped = _SKIPPED | {"touchpoints"}
    diff.fields = _field_changes(old, new, skipped, _old_reader(kind, renames))
    if (kind, new_id) not in half.figures:
        diff.indicators = _indicator_changes(a.indicators(kind, old_id), b.indicators(kind, new_id))
    if kind == "journey":
        diff.touchpoints = _touchpoints(a, b, old, new, renames)
    elif kind == "chantier":
        old_links = {renames.ref(ref) for ref in a.computed.index.touchpoints_of(old_id)}
        new_links = set(b.computed.index.touchpoints_of(new_id))
        diff.linked = half.linked(new_links - old_links)
        # A link to a touchpoint that was removed goes with it: the removal says it.
        diff.unlinked = half.linked(ref for ref in old_links - new_links if b.site.touchpoint(ref) is not None)
        for name, table in (("priority", "priority"), ("quadrant", "quadrant")):
            before = _number_or_text(getattr(a.computed, table).get(old_id))
            after = _number_or_text(getattr(b.computed, table).get(new_id))
            if not _same(before, after):
                diff.derived.append(Change(name, before, after))
    return diff


def _old_reader(kind: str, renames: _Renames) -> Callable[[str, Any], Any]:
    """Old values as the new side names things: references read through renames."""
    def read(name: str, value: Any) -> Any:
        if kind == "journey" and name == "personas":
            return [renames.item("persona", p) for p in value]
        if kind == "journey" and name == "target" and value:
            return renames.item("journey", value)
        if kind == "chantier" and name == "depends_on":
            return [renames.item("chantier", c) for c in value]
        if (kind, name) in (("journey", "stages"), ("persona", "channels")):
            return [renames.entry(name, v) for v in value]
        return value
    return read


def _field_changes(old: Any, new: Any, skipped: set[str],
                   read_old: Callable[[str, Any], Any] = lambda name, value: value) -> list[Change]:
    """The fields of two items of one dataclass that differ, in the dataclass's order, as plain data."""
    changes = []
    for f in dataclasses.fields(new):
        if f.name in skipped:
            continue
        before = read_old(f.name, _plain(getattr(old, f.name)))
        after = _plain(getattr(new, f.name))
        if not _same(before, after):
            changes.append(Change(f.name, before, after))
    return changes


def _indicator_changes(old: Iterable[Indicator], new: Iterable[Indicator]) -> list[IndicatorChange]:
    before = {str(i.id): i for i in old}
    after = {str(i.id): i for i in new}
    changes = []
    for indicator_id in [*after, *(i for i in before if i not in after)]:
        o, n = before.get(indicator_id), after.get(indicator_id)
        old_value, new_value = _plain(o.value) if o else None, _plain(n.value) if n else None
        if o and n and _same(old_value, new_value):
            continue
        changes.append(IndicatorChange(indicator_id, str((n or o).label), old_value, new_value,  # type: ignore[union-attr]
                                       str(o.display) if o else "", str(n.display) if n else ""))
    return changes


def _touchpoints(a: _Side, b: _Side, old: Journey, new: Journey, entries: _Renames) -> TouchpointChanges:
    pairs, renames = _pair_touchpoints(old, new, entries)
    matched_old = {o.id for o, _n in pairs}
    matched_new = {n.id for _o, n in pairs}
    result = TouchpointChanges()
    for t in new.touchpoints:
        if t.id not in matched_new:
            result.added.append(TouchpointDiff(t.id, t.action, _touchpoint_facts(t, added=True)))
    for t in old.touchpoints:
        if t.id not in matched_old:
            result.removed.append(TouchpointDiff(t.id, t.action, _touchpoint_facts(t, added=False)))
    in_order = _in_order([renames.get(o.id, o.id) for o in old.touchpoints if o.id in matched_old],
                         [n.id for _o, n in pairs])
    previous: dict[str, str | None] = {}
    last = None
    for t in new.touchpoints:
        previous[t.id], last = last, t.id
    for o, n in pairs:
        changes = _touchpoint_changes(o, n, entries)
        reordered = n.id not in in_order
        if changes or reordered or o.id != n.id:
            result.changed.append(TouchpointDiff(n.id, n.action, changes, o.id if o.id != n.id else None,
                                                 reordered, previous[n.id] if reordered else None))
    for mark, marks in (("rupture", result.ruptures), ("moment_of_truth", result.moments_of_truth)):
        # An added or removed touchpoint brings or takes its marks: its facts say so.
        marks.gained = [n.id for o, n in pairs if getattr(n, mark) and not getattr(o, mark)]
        marks.lost = [n.id for o, n in pairs if getattr(o, mark) and not getattr(n, mark)]
    curve_old = [[renames.get(t.id, t.id), a.emotion_score(t.emotion)] for t in old.touchpoints
                 if a.emotion_score(t.emotion) is not None]
    curve_new = [[t.id, b.emotion_score(t.emotion)] for t in new.touchpoints if b.emotion_score(t.emotion) is not None]
    if curve_old != curve_new:
        result.curve = Curve(curve_old, curve_new)
    return result


def _touchpoint_changes(old: Touchpoint, new: Touchpoint, entries: _Renames) -> list[Change]:
    """The fields of a touchpoint that changed, its stage, channel and emotion compared through the renames of
    the referential (a level whose id changed is the same level); each side's value as that side names it."""
    changes = _field_changes(entries.old_touchpoint(old), new, _TOUCHPOINT_SKIPPED)
    return [Change(c.field, _plain(getattr(old, c.field)), c.new) for c in changes]


def _touchpoint_facts(touchpoint: Touchpoint, added: bool) -> list[Change]:
    facts = [("stage", touchpoint.stage), ("channel", touchpoint.channel), ("emotion", touchpoint.emotion)]
    facts += [(mark, True) for mark in _MARKS if getattr(touchpoint, mark)]
    return [Change(name, None, value) if added else Change(name, value, None)
            for name, value in facts if value is not None]


def _in_order(old: list[str], new: list[str]) -> set[str]:
    """The ids of ``new`` that keep their order relative to each other (a longest common subsequence)."""
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return {new[block.b + k] for block in matcher.get_matching_blocks() for k in range(block.size)}


# -- referential ----------------------------------------------------------------------------

_ENTRY_FIELDS = {"stages": ("label",), "channels": ("label",), "emotions": ("label", "score"),
                 "criteria": ("label", "weight", "inverse")}
# The lists whose entries touchpoints name (list -> touchpoint attribute): an entry whose id changed is matched.
_ENTRY_LISTS = {"stages": "stage", "channels": "channel", "emotions": "emotion"}


def _pair_entries(old: Sequence[Any], new: Sequence[Any]) -> dict[str, str]:
    """Entries of a list of the referential whose id changed while what people see did not (old id -> new id):
    the same label (accents and case aside), or failing that, for emotion levels, the same score."""
    olds = {e.id: e for e in old}
    news = {e.id: e for e in new}
    removed = [i for i in olds if i not in news]
    added = [i for i in news if i not in olds]
    pairs: dict[str, str] = {}
    keys: list[Callable[[Any], Any]] = [lambda e: " ".join(str(e.label).casefold().split()) or None]
    if all(hasattr(e, "score") for e in [*old, *new]):
        keys.append(lambda e: e.score)
    for key in keys:
        for old_id, new_id in _pair_by(removed, added, lambda i: key(olds[i]), lambda i: key(news[i])):
            pairs[old_id] = new_id
            removed.remove(old_id)
            added.remove(new_id)
    return pairs


def _referential(a: _Side, b: _Side, renames: _Renames) -> ReferentialDiff:
    result = ReferentialDiff()
    for name, fields in _ENTRY_FIELDS.items():
        renamed = renames.entries.get(name, {})
        back = {new: old for old, new in renamed.items()}
        old_entries = {e.id: e for e in getattr(a.ref, name)}
        new_entries = {e.id: e for e in getattr(b.ref, name)}
        entries = ListDiff(name)
        for entry_id, entry in new_entries.items():
            old_id = back.get(entry_id, entry_id)
            before = old_entries.get(old_id)
            if before is None:
                entries.added.append(EntryChange(entry_id, entry.label, [Change(f, None, _plain(getattr(entry, f)))
                                                                         for f in fields[1:]], _uses(b, name, entry_id)))
                continue
            changes = [Change("id", old_id, entry_id)] if old_id != entry_id else []
            changes += [Change(f, _plain(getattr(before, f)), _plain(getattr(entry, f))) for f in fields
                        if not _same(_plain(getattr(before, f)), _plain(getattr(entry, f)))]
            if changes:
                entries.changed.append(EntryChange(entry_id, entry.label, changes, _uses(b, name, entry_id)))
        for entry_id, entry in old_entries.items():
            if renamed.get(entry_id, entry_id) not in new_entries:
                entries.removed.append(EntryChange(entry_id, entry.label, [], _uses(a, name, entry_id)))
        kept_old = [renamed.get(i, i) for i in old_entries if renamed.get(i, i) in new_entries]
        kept_new = [i for i in new_entries if back.get(i, i) in old_entries]
        if kept_old != kept_new:
            entries.order = list(new_entries)
        result.lists.append(entries)
    return result


def _uses(side: _Side, name: str, entry_id: str) -> int:
    """How many touchpoints (stages, channels, emotions) or chantiers (criteria) use an entry."""
    if name == "criteria":
        return sum(entry_id in c.scores for c in side.site.chantiers.values())
    attribute = _ENTRY_LISTS[name]
    return sum(getattr(t, attribute) == entry_id for j in side.site.journeys.values() for t in j.touchpoints)


def _priority_order(a: _Side, b: _Side, renames: _Renames) -> list[Ranked]:
    """Every chantier of the new side in priority order, with its rank and priority before."""
    old_order = a.computed.chantiers_by_priority(a.site)
    old_rank = {renames.item("chantier", cid): rank for rank, cid in enumerate(old_order, 1)
                if finite_number(a.computed.priority.get(cid)) is not None}
    back = {new: old for old, new in renames.items["chantier"].items()}
    ranked = []
    for rank, cid in enumerate(b.computed.chantiers_by_priority(b.site), 1):
        priority = finite_number(b.computed.priority.get(cid))
        before = finite_number(a.computed.priority.get(back.get(cid, cid)))
        ranked.append(Ranked(cid, b.site.chantiers[cid].title, rank, old_rank.get(cid), priority, before))
    return ranked


# -- pages and problems ---------------------------------------------------------------------

def _pages(old: SiteBuild, new: SiteBuild) -> PagesDiff:
    """Ordinary pages added, removed or edited (compared byte for byte)."""
    def ordinary(build: SiteBuild) -> dict[str, bytes]:
        docs = build.config.docs_path
        found = {}
        for page in build.site.pages:
            if page.kind is None:
                try:
                    found[page.doc_path] = (docs / page.doc_path).read_bytes()
                except OSError:
                    found[page.doc_path] = b""
        return found

    before, after = ordinary(old), ordinary(new)
    return PagesDiff(added=sorted(set(after) - set(before)), removed=sorted(set(before) - set(after)),
                     changed=sorted(p for p in set(before) & set(after) if before[p] != after[p]))


def _problems(old: SiteBuild, new: SiteBuild) -> ProblemsDiff:
    """Problems only the new side has (introduced) or only the old one (fixed); lines are ignored in the
    matching, since an edit above a problem moves it without changing it."""
    def key(problem: Any) -> tuple[str, str, str]:
        return problem.path, problem.severity, problem.message

    before = Counter(key(p) for p in old.problems)
    after = Counter(key(p) for p in new.problems)
    introduced, fixed = after - before, before - after

    def entries(problems: Iterable[Any], wanted: Counter) -> list[ProblemEntry]:
        left = Counter(wanted)
        found = []
        for p in problems:
            if left[key(p)] > 0:
                left[key(p)] -= 1
                found.append(ProblemEntry(p.path, p.line, p.severity, p.message))
        return found

    def counts(build: SiteBuild) -> tuple[int, int]:
        errors = len(build.errors)
        return errors, len(build.problems) - errors

    return ProblemsDiff(entries(new.problems, introduced), entries(old.problems, fixed),
                        (counts(old)[0], counts(new)[0]), (counts(old)[1], counts(new)[1]))


# -- values ---------------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A model value as plain data: tuples as lists, mappings as dicts."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _number_or_text(value: Any) -> Any:
    return finite_number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _same(a: Any, b: Any) -> bool:
    """Equal values, numbers compared to 9 significant digits (a recomputed float is the same float)."""
    if isinstance(a, float) or isinstance(b, float):
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool) \
                and not isinstance(b, bool):
            return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def closed(item: ItemDiff) -> bool:
    """A chantier whose status became done."""
    return item.kind == "chantier" and any(c.field == "status" and c.new == DONE and c.old != DONE
                                           for c in item.fields)


# -- as data --------------------------------------------------------------------------------

def to_data(diff: SiteDiff) -> dict[str, Any]:
    """The diff as plain JSON data (``journeysite diff --format json``)."""
    data = dataclasses.asdict(diff)
    items = data.pop("items")
    for item, source in zip(items, diff.items):
        item["edited"] = source.authored  # False: only moved by other changes
    result: dict[str, Any] = {"format": FORMAT_VERSION, "old": diff.old, "new": diff.new,
                              "identical": diff.identical}
    for kind in KINDS:
        result[kind + "s"] = [item for item in items if item["kind"] == kind]
    for key in ("referential", "pages", "problems", "unreadable"):
        result[key] = data[key]
    return result
