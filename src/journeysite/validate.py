"""Cross-file checks of a loaded site: every reference between items, and targets and cycles.

``load`` already reports what a single file gets wrong; here each rule of
FORMAT.md that needs two files is one small function. Every problem points at
the line of the offending key and says how to fix it.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from typing import Iterable, Iterator, Mapping

from .compute import DONE_BEFORE, SCHEDULED_BEFORE, Computed
from .formatting import quarter
from .i18n import _
from .load import BROKEN
from .model import TARGET, Chantier, Location, Site
from .problems import ERROR, WARNING, Problem, did_you_mean, sort_problems


def validate_site(site: Site) -> list[Problem]:
    """Every cross-file problem of ``site``, sorted by path and line."""
    problems: list[Problem] = []
    for rule in (_journey_personas, _journey_targets, _touchpoint_chantiers, _chantier_touchpoints,
                 _chantier_dependencies, _dependency_cycles, _persona_channels):
        problems += rule(site)
    return sort_problems(problems)


# -- helpers ---------------------------------------------------------------------------

def _unknown(site: Site, ref: str, known: Iterable[str]) -> str:
    """The suffix for an unknown id: a did-you-mean, or the unreadable file that may define it."""
    suggestion = did_you_mean(ref, sorted(known))
    if suggestion:
        return suggestion
    broken = sorted(page.path for page in site.pages
                    if page.kind == BROKEN and PurePosixPath(page.doc_path).stem == ref)
    return f" ({broken[0]} may define it but could not be read)" if broken else ""


def _problem(location: Location, key: str, message: str, severity: str = ERROR) -> Problem:
    return Problem(location.path, location.at(key), message, severity)


def _sorted(items: Mapping[str, object]) -> list:
    return [items[key] for key in sorted(items)]


# -- journeys --------------------------------------------------------------------------

def _journey_personas(site: Site) -> Iterator[Problem]:
    """Each persona a journey names must exist."""
    for journey in _sorted(site.journeys):
        for persona in journey.personas:
            if persona not in site.personas:
                yield _problem(journey.location, "persona",
                               f"journey '{journey.id}' names persona '{persona}', which does not exist"
                               f"{_unknown(site, persona, site.personas)}; "
                               "use the id of a persona page, or create that persona")


def _journey_targets(site: Site) -> Iterator[Problem]:
    """A target must exist, be a target journey and share a persona; a target journey names none."""
    for journey in _sorted(site.journeys):
        if journey.target is None:
            continue
        if journey.state == TARGET:
            yield _problem(journey.location, "target",
                           f"journey '{journey.id}' is itself a target journey (state: target), so it does not "
                           f"name a target; remove 'target: {journey.target}' or set 'state: current'", WARNING)
            continue
        target = site.journeys.get(journey.target)
        if target is None:
            yield _problem(journey.location, "target",
                           f"journey '{journey.id}' names target journey '{journey.target}', which does not exist"
                           f"{_unknown(site, journey.target, set(site.journeys) - {journey.id})}; "
                           "use the id of a journey with 'state: target'")
        elif target.state != TARGET:
            yield _problem(journey.location, "target",
                           f"journey '{journey.id}' names '{target.id}' as its target, but '{target.id}' is a "
                           f"current journey; set 'state: target' in {target.location.path} or name another journey")
        elif _all_known(site, journey.personas, target.personas) and not set(journey.personas) & set(target.personas):
            yield _problem(journey.location, "target",
                           f"journey '{journey.id}' (personas: {', '.join(journey.personas)}) and its target "
                           f"'{target.id}' (personas: {', '.join(target.personas)}) share no persona; "
                           "give them at least one persona in common")


def _all_known(site: Site, *persona_lists: tuple[str, ...]) -> bool:
    """Whether every list names personas, all of them existing (an unknown one is reported on its own)."""
    return all(ids and all(p in site.personas for p in ids) for ids in persona_lists)


def _touchpoint_chantiers(site: Site) -> Iterator[Problem]:
    """Each chantier a touchpoint names must exist."""
    for journey in _sorted(site.journeys):
        for touchpoint in journey.touchpoints:
            for chantier in touchpoint.chantiers:
                if chantier not in site.chantiers:
                    yield _problem(touchpoint.location, "chantiers",
                                   f"touchpoint '{touchpoint.id}' names chantier '{chantier}', which does not exist"
                                   f"{_unknown(site, chantier, site.chantiers)}; "
                                   "use the id of a chantier page, or create that chantier")


# -- chantiers -------------------------------------------------------------------------

def _chantier_touchpoints(site: Site) -> Iterator[Problem]:
    """Each JOURNEY#TOUCHPOINT a chantier names must exist."""
    for chantier in _sorted(site.chantiers):
        for ref in chantier.touchpoints:
            journey_id, _hash, touchpoint_id = ref.partition("#")
            journey = site.journeys.get(journey_id)
            if journey is None:
                yield _problem(chantier.location, "touchpoints",
                               f"chantier '{chantier.id}' links '{ref}', but journey '{journey_id}' does not exist"
                               f"{_unknown(site, journey_id, site.journeys)}; "
                               "write JOURNEY#TOUCHPOINT with the id of a journey")
            elif journey.touchpoint(touchpoint_id) is None:
                ids = [t.id for t in journey.touchpoints]
                yield _problem(chantier.location, "touchpoints",
                               f"chantier '{chantier.id}' links '{ref}', but journey '{journey_id}' has no "
                               f"touchpoint '{touchpoint_id}'{did_you_mean(touchpoint_id, ids)}; "
                               f"its touchpoints are: {', '.join(ids) or 'none'}")


def _chantier_dependencies(site: Site) -> Iterator[Problem]:
    """Each chantier a chantier depends on must exist, and not be itself."""
    for chantier in _sorted(site.chantiers):
        for other in chantier.depends_on:
            if other == chantier.id:
                yield _problem(chantier.location, "depends_on",
                               f"chantier '{chantier.id}' depends on itself; remove '{other}' from 'depends_on'")
            elif other not in site.chantiers:
                yield _problem(chantier.location, "depends_on",
                               f"chantier '{chantier.id}' depends on '{other}', which does not exist"
                               f"{_unknown(site, other, set(site.chantiers) - {chantier.id})}; "
                               "use the id of a chantier page, or create that chantier")


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


def _dependency_cycles(site: Site) -> Iterator[Problem]:
    """One problem per loop of chantiers depending on each other, at the first member (by id)."""
    graph = _dependency_graph(site.chantiers)
    for component in _strong_components(graph):
        if len(component) < 2:
            continue
        first = component[0]
        cycle = _shortest_cycle(graph, first, set(component))
        others = [c for c in component if c not in cycle]
        also = f" (also in this loop: {', '.join(others)})" if others else ""
        yield _problem(site.chantiers[first].location, "depends_on",
                       f"chantiers depend on each other in a loop: {' -> '.join(cycle)}{also}; "
                       "remove one of these 'depends_on' links")


# -- personas --------------------------------------------------------------------------

def _persona_channels(site: Site) -> Iterator[Problem]:
    """Each preferred channel of a persona must be a channel of the referential."""
    channel_ids = [c.id for c in site.referential.channels]
    for persona in _sorted(site.personas):
        for channel in persona.channels:
            if channel not in channel_ids:
                yield _problem(persona.location, "channels",
                               f"persona '{persona.id}' names channel '{channel}', which the referential lacks"
                               f"{did_you_mean(channel, channel_ids)}; use one of {', '.join(channel_ids)}, "
                               "or add it to 'channels' in mkdocs.yml")


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
            message = _("chantier '{id}' is planned for {quarter}, before '{dependency}' ({dependency_quarter}) "
                        "that it depends on; move one of the quarters, or remove the dependency",
                        id=chantier.id, quarter=quarter(roadmap.at(chantier.id).quarter or ""),
                        dependency=dependency.id, dependency_quarter=quarter(roadmap.at(dependency.id).quarter or ""))
        elif issue.reason == DONE_BEFORE:
            message = _("chantier '{id}' is done, but '{dependency}' that it depends on is not; update one of "
                        "the statuses, or remove the dependency", id=chantier.id, dependency=dependency.id)
        else:
            continue
        problems.append(_problem(chantier.location, "depends_on", message, WARNING))
    return problems
