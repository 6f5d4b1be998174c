"""Delivery progress of a target journey, from the status of the chantiers that serve it."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import ChantierIndex
from journeysite.model import DONE, DROPPED, Journey, Site


@hookimpl(trylast=True)
def journeysite_journey_progress(journey: Journey, site: Site, index: ChantierIndex) -> float | None:
    linked = 0
    delivered = 0
    for touchpoint in journey.touchpoints:
        statuses = [site.chantiers[c].status for c in index.chantiers_of(journey.id, touchpoint.id)]
        live = [s for s in statuses if s != DROPPED]
        if live:
            linked += 1
            delivered += all(s == DONE for s in live)
    return delivered / linked if linked else None
