"""Pains left unaddressed (docs/format.md): touchpoints of current journeys with a criticality above 0
that no chantier other than a dropped one improves, most critical first (ties: journey id, file order)."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import Computed, finite_number
from journeysite.model import CURRENT, DROPPED, Site


@hookimpl(trylast=True)
def journeysite_unaddressed_pains(site: Site, computed: Computed) -> list[str]:
    found = []
    for journey in site.journeys_of(state=CURRENT):
        for touchpoint in journey.touchpoints:
            ref = f"{journey.id}#{touchpoint.id}"
            criticality = finite_number(computed.criticality.get(ref)) or 0
            chantiers = computed.index.chantiers_of(journey.id, touchpoint.id)
            if criticality > 0 and all(site.chantiers[c].status == DROPPED for c in chantiers if c in site.chantiers):
                found.append((criticality, ref))
    return [ref for _criticality, ref in sorted(found, key=lambda item: -item[0])]
