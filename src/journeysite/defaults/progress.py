"""Delivery progress of a target journey, from the status of the chantiers that serve it (docs/format.md):
among its touchpoints linked to a live (not dropped) chantier, the share whose live chantiers are all done."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import ChantierIndex
from journeysite.model import DONE, DROPPED, Journey, Site, Touchpoint


def delivery(journey: Journey, site: Site, index: ChantierIndex) -> tuple[int, list[tuple[Touchpoint, list[str]]]]:
    """(how many touchpoints of ``journey`` a live chantier serves; those still waiting, in order, each with
    the live chantiers not done yet)."""
    served, waiting = 0, []
    for touchpoint in journey.touchpoints:
        live = [c for c in index.chantiers_of(journey.id, touchpoint.id)
                if c in site.chantiers and site.chantiers[c].status != DROPPED]
        if live:
            served += 1
            pending = [c for c in live if site.chantiers[c].status != DONE]
            if pending:
                waiting.append((touchpoint, pending))
    return served, waiting


@hookimpl(trylast=True)
def journeysite_journey_progress(journey: Journey, site: Site, index: ChantierIndex) -> float | None:
    served, waiting = delivery(journey, site, index)
    return (served - len(waiting)) / served if served else None
