"""The chantier <-> touchpoint index, from links written on either side."""
from __future__ import annotations

from collections import defaultdict

from journeysite import hookimpl
from journeysite.compute import ChantierIndex
from journeysite.model import Site


@hookimpl(trylast=True)
def journeysite_chantier_index(site: Site) -> ChantierIndex:
    links: set[tuple[str, str]] = set()
    for journey in site.journeys.values():
        for touchpoint in journey.touchpoints:
            links.update((f"{journey.id}#{touchpoint.id}", c) for c in touchpoint.chantiers if c in site.chantiers)
    for chantier in site.chantiers.values():
        links.update((ref, chantier.id) for ref in chantier.touchpoints if site.touchpoint(ref) is not None)
    by_touchpoint: dict[str, list[str]] = defaultdict(list)
    by_chantier: dict[str, list[str]] = defaultdict(list)
    for ref, chantier_id in sorted(links):
        by_touchpoint[ref].append(chantier_id)
        by_chantier[chantier_id].append(ref)
    return ChantierIndex(
        by_touchpoint={k: tuple(sorted(v)) for k, v in by_touchpoint.items()},
        by_chantier={k: tuple(sorted(v)) for k, v in by_chantier.items()},
    )
