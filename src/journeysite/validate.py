"""Cross-file checks of a loaded site: every reference between items, and targets and cycles.

``load`` already reports what a single file gets wrong; here each rule of
docs/format.md that needs two files is one small function. Every problem points at
the line of the offending key and says how to fix it.
"""
from __future__ import annotations

from typing import Callable, Iterator, Mapping

from .compute import DONE_BEFORE, SCHEDULED_BEFORE, Computed
from .formatting import quarter
from .i18n import _, ngettext, translate, use_language
from .load import KIND_NAMES
from .model import TARGET, Chantier, Location, Site
from .problems import REFERENCE, WARNING, Problem, did_you_mean, sort_problems
from .vocabulary import Term, Vocabulary


def validate_site(site: Site) -> list[Problem]:
    """Every cross-file problem of ``site``, sorted, in the site's language.

    A reference to an item that a file which cannot be read says it defines is no problem of its own:
    the file's problems come first, and one line says what waits for it to be fixed.
    """
    problems: list[Problem] = []
    refs = _References(site)
    with use_language(site.language):
        for rule in (_journey_personas, _journey_targets, _touchpoint_chantiers, _chantier_touchpoints,
                     _chantier_dependencies, _dependency_cycles):
            problems += rule(site, refs)
        problems += refs.waiting()
    return sort_problems(problems)


# -- helpers ---------------------------------------------------------------------------

def _problem(location: Location, key: str, message: str, severity: str = "error") -> Problem:
    return Problem(location.path, location.at(key), message, severity, layer=REFERENCE)


# Ids are short and few: a reference is helped by a looser match than enumerated values ('sofie' -> 'sophie').
ITEM_CUTOFF = 0.7


def _unknown_item(site: Site, kind: str, value: str, location: Location, key: str,
                  describe: Callable[[str], str], itself: str = "") -> Problem:
    """The problem of ``value``, a reference to a ``kind`` that does not exist: when it is the name or title
    of an item (``Sophie Martin``), to write that item's id; else ``describe(hint)``, ``hint`` a did-you-mean
    with the id of the item whose id or title is close ('' when none is). ``itself``: the referring item,
    never proposed."""
    items = {"persona": site.personas, "journey": site.journeys, "chantier": site.chantiers}[kind]
    titles = Vocabulary([Term(item_id, (site.title(kind, item_id) or "",)) for item_id in sorted(items)
                         if item_id != itself])
    named = titles.resolve(value)
    if named is not None:
        return _problem(location, key, _("'{value}' is the name of '{id}', but references name items by their id: "
                                         "write '{id}'", value=value, id=named))
    near = titles.closest(value, ITEM_CUTOFF)
    return _problem(location, key, describe(_(" (did you mean '{value}'?)", value=titles.resolve(near))
                                            if near else ""))


def _sorted(items: Mapping[str, object]) -> list:
    return [items[key] for key in sorted(items)]


class _References:
    """What references to missing items are about: an item of a file that cannot be read, whose
    references wait for it (``waiting``), or really nothing."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.waits: dict[str, list[tuple[str, int, str, str]]] = {}

    def in_broken_file(self, kind: str, item_id: str, location: Location, key: str) -> bool:
        """Whether a file that cannot be read says it defines ``item_id`` (the reference then waits for it)."""
        path = self.site.broken_file(kind, item_id)
        if path is None:
            return False
        self.waits.setdefault(path, []).append((location.path, location.at(key), kind, item_id))
        return True

    def waiting(self) -> Iterator[Problem]:
        """One line per file that cannot be read and that others reference, at the first reference."""
        for path in sorted(self.waits):
            refs = sorted(self.waits[path])
            where, line, kind, item_id = refs[0]
            values = {"kind": translate(KIND_NAMES[kind]), "id": item_id, "path": path}
            if len(refs) == 1:
                message = _("{kind} '{id}' is in {path}, which cannot be read (see its problems above); this reference "
                            "is checked once that file is fixed", **values)
            else:
                message = ngettext("{kind} '{id}' is in {path}, which cannot be read (see its problems above); this "
                                   "reference and {count} other to that file are checked once it is fixed",
                                   "{kind} '{id}' is in {path}, which cannot be read (see its problems above); this "
                                   "reference and {count} others to that file are checked once it is fixed",
                                   len(refs) - 1, **values)
            yield Problem(where, line, message, WARNING, layer=REFERENCE)


# -- journeys --------------------------------------------------------------------------

def _journey_personas(site: Site, refs: _References) -> Iterator[Problem]:
    """Each persona a journey names must exist."""
    for journey in _sorted(site.journeys):
        for persona in journey.personas:
            if persona not in site.personas and not refs.in_broken_file("persona", persona, journey.location,
                                                                         "persona"):
                yield _unknown_item(site, "persona", persona, journey.location, "persona", lambda hint: _(
                    "journey '{id}' names persona '{value}', which does not exist{hint}; use the id of a persona page, "
                    "or create that persona", id=journey.id, value=persona, hint=hint))


def _journey_targets(site: Site, refs: _References) -> Iterator[Problem]:
    """A target must exist, be a target journey and share a persona; a target journey names none."""
    for journey in _sorted(site.journeys):
        if journey.target is None:
            continue
        if journey.state == TARGET:
            yield _problem(journey.location, "target", _(
                "journey '{id}' is itself a target journey (state: target), so it does not name a target; remove "
                "'target: {target}' or set 'state: current'", id=journey.id, target=journey.target), WARNING)
            continue
        target = site.journeys.get(journey.target)
        if target is None:
            if not refs.in_broken_file("journey", journey.target, journey.location, "target"):
                yield _unknown_item(site, "journey", journey.target, journey.location, "target", lambda hint: _(
                    "journey '{id}' names target journey '{value}', which does not exist{hint}; use the id of a "
                    "journey with 'state: target'", id=journey.id, value=journey.target, hint=hint), journey.id)
        elif target.state != TARGET:
            yield _problem(journey.location, "target", _(
                "journey '{id}' names '{target}' as its target, but '{target}' is a current journey; set "
                "'state: target' in {path} or name another journey", id=journey.id, target=target.id,
                path=target.location.path))
        elif _all_known(site, journey.personas, target.personas) and not set(journey.personas) & set(target.personas):
            yield _problem(journey.location, "target", _(
                "journey '{id}' (personas: {personas}) and its target '{target}' (personas: {target_personas}) share "
                "no persona; give them at least one persona in common", id=journey.id,
                personas=", ".join(journey.personas), target=target.id, target_personas=", ".join(target.personas)))


def _all_known(site: Site, *persona_lists: tuple[str, ...]) -> bool:
    """Whether every list names personas, all of them existing (an unknown one is reported on its own)."""
    return all(ids and all(p in site.personas for p in ids) for ids in persona_lists)


def _touchpoint_chantiers(site: Site, refs: _References) -> Iterator[Problem]:
    """Each chantier a touchpoint names must exist."""
    for journey in _sorted(site.journeys):
        for touchpoint in journey.touchpoints:
            for chantier in touchpoint.chantiers:
                if chantier not in site.chantiers and not refs.in_broken_file("chantier", chantier,
                                                                              touchpoint.location, "chantiers"):
                    yield _unknown_item(site, "chantier", chantier, touchpoint.location, "chantiers", lambda hint: _(
                        "touchpoint '{id}' names workstream '{value}', which does not exist{hint}; use the id of a "
                        "workstream page, or create that workstream", id=touchpoint.id, value=chantier, hint=hint))


# -- chantiers -------------------------------------------------------------------------

def _chantier_touchpoints(site: Site, refs: _References) -> Iterator[Problem]:
    """Each JOURNEY#TOUCHPOINT a chantier names must exist."""
    for chantier in _sorted(site.chantiers):
        for ref in chantier.touchpoints:
            journey_id, _hash, touchpoint_id = ref.partition("#")
            journey = site.journeys.get(journey_id)
            if journey is None:
                if not refs.in_broken_file("journey", journey_id, chantier.location, "touchpoints"):
                    yield _unknown_item(site, "journey", journey_id, chantier.location, "touchpoints", lambda hint: _(
                        "workstream '{id}' links '{ref}', but journey '{journey}' does not exist{hint}; write "
                        "JOURNEY#TOUCHPOINT with the id of a journey", id=chantier.id, ref=ref, journey=journey_id,
                        hint=hint))
            elif journey.touchpoint(touchpoint_id) is None:
                ids = [t.id for t in journey.touchpoints]
                yield _problem(chantier.location, "touchpoints", _(
                    "workstream '{id}' links '{ref}', but journey '{journey}' has no touchpoint '{touchpoint}'{hint}; "
                    "its touchpoints are: {touchpoints}", id=chantier.id, ref=ref, journey=journey_id,
                    touchpoint=touchpoint_id, hint=did_you_mean(touchpoint_id, ids),
                    touchpoints=", ".join(ids) or _("none")))


def _chantier_dependencies(site: Site, refs: _References) -> Iterator[Problem]:
    """Each chantier a chantier depends on must exist, and not be itself."""
    for chantier in _sorted(site.chantiers):
        for other in chantier.depends_on:
            if other == chantier.id:
                yield _problem(chantier.location, "depends_on", _(
                    "workstream '{id}' depends on itself; remove '{id}' from 'depends_on'", id=chantier.id))
            elif other not in site.chantiers and not refs.in_broken_file("chantier", other, chantier.location,
                                                                         "depends_on"):
                yield _unknown_item(site, "chantier", other, chantier.location, "depends_on", lambda hint: _(
                    "workstream '{id}' depends on '{value}', which does not exist{hint}; use the id of a workstream page, "
                    "or create that workstream", id=chantier.id, value=other, hint=hint), chantier.id)


def _dependency_graph(chantiers: Mapping[str, Chantier]) -> dict[str, list[str]]:
    """Known dependencies of each chantier, self-dependencies left out (reported apart), sorted."""
    return {cid: sorted({d for d in chantiers[cid].depends_on if d in chantiers and d != cid})
            for cid in sorted(chantiers)}


def _strong_components(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components (iterative: deep chains must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(graph[child])))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return components


def _shortest_cycle(graph: Mapping[str, list[str]], start: str, members: set[str]) -> list[str]:
    """The shortest path start -> ... -> start inside ``members`` (breadth first, so deterministic)."""
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in graph[node]:
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(parents[path[-1]])
                    return [start] + path[::-1][1:] + [start]
                if child not in parents:
                    parents[child] = node
                    following.append(child)
        frontier = following
    return [start, start]  # unreachable for a real component


def _dependency_cycles(site: Site, refs: _References) -> Iterator[Problem]:
    """One problem per loop of chantiers depending on each other, at the first member (by id)."""
    graph = _dependency_graph(site.chantiers)
    for component in _strong_components(graph):
        if len(component) < 2:
            continue
        first = component[0]
        cycle = _shortest_cycle(graph, first, set(component))
        others = [c for c in component if c not in cycle]
        if others:
            message = _("workstreams depend on each other in a loop: {loop} (also in this loop: {others}); remove one "
                        "of these 'depends_on' links", loop=" -> ".join(cycle), others=", ".join(others))
        else:
            message = _("workstreams depend on each other in a loop: {loop}; remove one of these 'depends_on' links",
                        loop=" -> ".join(cycle))
        yield _problem(site.chantiers[first].location, "depends_on", message)


# -- the roadmap (after computing) ------------------------------------------------------

def dependency_problems(site: Site, computed: Computed) -> list[Problem]:
    """A warning at the ``depends_on`` line of each chantier planned against its dependency
    (``computed.dependency_issues``, their quarters as the roadmap places them)."""
    problems = []
    roadmap = computed.roadmap
    for issue in computed.dependency_issues:
        chantier, dependency = site.chantiers.get(issue.chantier), site.chantiers.get(issue.dependency)
        if chantier is None or dependency is None:
            continue
        if issue.reason == SCHEDULED_BEFORE:
            message = _("workstream '{id}' is planned for {quarter}, before '{dependency}' ({dependency_quarter}) "
                        "that it depends on; move one of the quarters, or remove the dependency",
                        id=chantier.id, quarter=quarter(roadmap.at(chantier.id).quarter or ""),
                        dependency=dependency.id, dependency_quarter=quarter(roadmap.at(dependency.id).quarter or ""))
        elif issue.reason == DONE_BEFORE:
            message = _("workstream '{id}' is done, but '{dependency}' that it depends on is not; update one of "
                        "the statuses, or remove the dependency", id=chantier.id, dependency=dependency.id)
        else:
            continue
        problems.append(_problem(chantier.location, "depends_on", message, WARNING))
    return problems
