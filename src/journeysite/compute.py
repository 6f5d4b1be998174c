"""Run the computation hooks over a site: the data every view draws from."""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

import pluggy

from .model import TARGET, Site


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
    journey_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)
    persona_indicators: Mapping[str, tuple[Indicator, ...]] = field(default_factory=dict)

    def chantiers_by_priority(self, site: Site) -> list[str]:
        """Chantier ids, highest priority first, those without priority last, then by id."""
        def key(chantier_id: str) -> tuple[bool, float, str]:
            priority = finite_number(self.priority.get(chantier_id))
            return priority is None, -(priority or 0), chantier_id

        return sorted(site.chantiers, key=key)


def finite_number(value: Any) -> int | float | None:
    """``value`` when it is a finite number (not a bool), else None: a plugin may return anything."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value if math.isfinite(value) else None


def compute(site: Site, pm: pluggy.PluginManager) -> Computed:
    """Call every computation hook once per item."""
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
    journey_indicators = {
        j.id: tuple(i for batch in reversed(hook.journeysite_journey_indicators(journey=j, site=site, computed=computed))
                    for i in batch or ())
        for j in site.journeys.values()}
    persona_indicators = {
        p.id: tuple(i for batch in reversed(hook.journeysite_persona_indicators(persona=p, site=site, computed=computed))
                    for i in batch or ())
        for p in site.personas.values()}
    return replace(computed, journey_indicators=journey_indicators, persona_indicators=persona_indicators)
