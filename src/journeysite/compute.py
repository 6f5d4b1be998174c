"""Run the computation hooks over a site: the data every view draws from."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import pluggy

from .bounds import is_number
from .model import TARGET, Department, Site


@dataclass(frozen=True)
class ChantierIndex:
    """Links between chantiers and touchpoints, from both sides, sorted.

    ``by_touchpoint`` maps ``JOURNEY#TOUCHPOINT`` to chantier ids;
    ``by_chantier`` maps a chantier id to ``JOURNEY#TOUCHPOINT`` refs.
    Only links whose both ends exist are kept.
    """

    by_touchpoint: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by_chantier: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def chantiers_of(self, journey_id: str, touchpoint_id: str) -> tuple[str, ...]:
        return self.by_touchpoint.get(f"{journey_id}#{touchpoint_id}", ())

    def touchpoints_of(self, chantier_id: str) -> tuple[str, ...]:
        return self.by_chantier.get(chantier_id, ())


@dataclass(frozen=True)
class DepartmentIndex:
    """Who owns what: ``departments`` in their order (the site's list first, then any other name met),
    and the department id of each chantier, touchpoint (``JOURNEY#TOUCHPOINT``) and channel that has one."""

    departments: tuple[Department, ...] = ()
    of_chantier: Mapping[str, str] = field(default_factory=dict)
    of_touchpoint: Mapping[str, str] = field(default_factory=dict)
    of_channel: Mapping[str, str] = field(default_factory=dict)

    def get(self, department_id: str | None) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None) if department_id else None

    def label(self, department_id: str) -> str:
        """The label of a department (its id when it is unknown)."""
        department = self.get(department_id)
        return department.label if department else department_id

    def chantiers(self, department_id: str) -> list[str]:
        """Ids of the chantiers of a department, sorted."""
        return sorted(c for c, d in self.of_chantier.items() if d == department_id)

    def touchpoints(self, department_id: str) -> list[str]:
        """``JOURNEY#TOUCHPOINT`` refs of the touchpoints a department owns, sorted."""
        return sorted(t for t, d in self.of_touchpoint.items() if d == department_id)

    def channels(self, department_id: str) -> list[str]:
        """Ids of the channels a department runs, sorted."""
        return sorted(c for c, d in self.of_channel.items() if d == department_id)


@dataclass(frozen=True)
class Placement:
    """Where a chantier sits on the roadmap: its quarter (None: unscheduled) and lane (None: no department)."""

    quarter: str | None = None
    lane: str | None = None


@dataclass(frozen=True)
class Roadmap:
    """The roadmap: ``quarters`` (columns, in order), ``lanes`` (department ids, in order; a chantier without
    department is in no lane, drawn last) and the placement of every chantier."""

    quarters: tuple[str, ...] = ()
    lanes: tuple[str, ...] = ()
    placement: Mapping[str, Placement] = field(default_factory=dict)

    def at(self, chantier_id: str) -> Placement:
        return self.placement.get(chantier_id, Placement())


SCHEDULED_BEFORE, DONE_BEFORE = "scheduled_before", "done_before"


@dataclass(frozen=True)
class DependencyIssue:
    """A chantier planned against its dependency: ``reason`` is ``scheduled_before`` (its quarter comes
    before the dependency's) or ``done_before`` (done while the dependency is not)."""

    chantier: str
    dependency: str
    reason: str


@dataclass(frozen=True)
class Indicator:
    """One figure about a journey or persona: ``value`` for machines, ``display`` for people."""

    id: str
    label: str
    value: Any
    display: str = ""
    help: str = ""


@dataclass(frozen=True)
class Computed:
    """Everything computed about a site, keyed by ids (touchpoints by ``JOURNEY#TP``)."""

    index: ChantierIndex
    priority: Mapping[str, float | None]
    quadrant: Mapping[str, str | None]
    criticality: Mapping[str, float]
    happiness: Mapping[str, float | None]
    progress: Mapping[str, float | None]
    departments: DepartmentIndex = field(default_factory=DepartmentIndex)
    roadmap: Roadmap = field(default_factory=Roadmap)
    dependency_issues: tuple[DependencyIssue, ...] = ()
    unaddressed: tuple[str, ...] = ()  # JOURNEY#TOUCHPOINT refs, most critical first
    pains: tuple[str, ...] = ()  # JOURNEY#TOUCHPOINT refs of criticality above 0: the ranking (pain_ranking)
    journey_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)
    persona_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)

    def chantiers_by_priority(self, site: Site) -> list[str]:
        """Chantier ids, highest priority first, those without priority last, then by id."""
        def key(chantier_id: str) -> tuple[bool, float, str]:
            priority = finite_number(self.priority.get(chantier_id))
            return priority is None, -(priority or 0), chantier_id

        return sorted(site.chantiers, key=key)


def finite_number(value: Any) -> int | float | None:
    """``value`` when it is a number journeysite computes with (``bounds.is_number``), else None: a plugin may
    return anything."""
    return value if is_number(value) else None


def pain_ranking(site: Site, criticality: Mapping[str, float]) -> tuple[str, ...]:
    """The touchpoints (``JOURNEY#TOUCHPOINT``) of criticality above 0, highest first, then by journey id,
    then in file order: computed once for every page that ranks pains."""
    found = [(criticality.get(ref, 0), ref) for journey_id in sorted(site.journeys)
             for ref in (f"{journey_id}#{t.id}" for t in site.journeys[journey_id].touchpoints)]
    return tuple(ref for _value, ref in sorted(((c, r) for c, r in found if c and c > 0), key=lambda item: -item[0]))


def compute(site: Site, pm: pluggy.PluginManager) -> Computed:
    """Call every computation hook once per item (or once per site), each seeing what was computed before it."""
    hook = pm.hook
    referential = site.referential
    index = hook.journeysite_chantier_index(site=site) or ChantierIndex()
    computed = Computed(
        index=index,
        priority={c.id: hook.journeysite_chantier_priority(chantier=c, referential=referential)
                  for c in site.chantiers.values()},
        quadrant={c.id: hook.journeysite_chantier_quadrant(chantier=c, referential=referential)
                  for c in site.chantiers.values()},
        criticality={f"{j.id}#{t.id}": hook.journeysite_touchpoint_criticality(touchpoint=t, referential=referential) or 0
                     for j in site.journeys.values() for t in j.touchpoints},
        happiness={j.id: hook.journeysite_journey_happiness(journey=j, referential=referential)
                   for j in site.journeys.values()},
        progress={j.id: hook.journeysite_journey_progress(journey=j, site=site, index=index) if j.state == TARGET else None
                  for j in site.journeys.values()},
    )
    computed = replace(computed, pains=pain_ranking(site, computed.criticality))
    computed = replace(computed, departments=hook.journeysite_departments(site=site) or DepartmentIndex())
    computed = replace(computed, roadmap=hook.journeysite_roadmap(site=site, computed=computed) or Roadmap())
    computed = replace(computed,
                       dependency_issues=tuple(hook.journeysite_dependency_issues(site=site, computed=computed) or ()),
                       unaddressed=tuple(hook.journeysite_unaddressed_pains(site=site, computed=computed) or ()))
    journey_indicators = {
        j.id: tuple(i for batch in reversed(hook.journeysite_journey_indicators(journey=j, site=site, computed=computed))
                    for i in batch or ())
        for j in site.journeys.values()}
    persona_indicators = {
        p.id: tuple(i for batch in reversed(hook.journeysite_persona_indicators(persona=p, site=site, computed=computed))
                    for i in batch or ())
        for p in site.personas.values()}
    return replace(computed, journey_indicators=journey_indicators, persona_indicators=persona_indicators)
