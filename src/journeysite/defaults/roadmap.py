"""Roadmap placement (docs/format.md, "Roadmap"): each chantier in its ``quarter`` (unscheduled without one)
and in the lane of its department.

Columns are every quarter from the first one planned to the last, in order (a quarter with no chantier
in between keeps its column: the roadmap is a timeline); lanes are the departments that have a chantier,
in the departments' order.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import Computed, Placement, Roadmap
from journeysite.model import Site

QUARTERS_A_YEAR = 4


def quarters_between(first: str, last: str) -> list[str]:
    """Every quarter from ``first`` to ``last`` (``YYYY-Qn``), both included."""
    year, number = int(first[:4]), int(first[-1])
    found = []
    while f"{year:04d}-Q{number}" <= last:
        found.append(f"{year:04d}-Q{number}")
        year, number = (year + 1, 1) if number == QUARTERS_A_YEAR else (year, number + 1)
    return found


@hookimpl(trylast=True)
def journeysite_roadmap(site: Site, computed: Computed) -> Roadmap:
    departments = computed.departments
    placement = {chantier_id: Placement(site.chantiers[chantier_id].quarter or None,
                                        departments.of_chantier.get(chantier_id))
                 for chantier_id in sorted(site.chantiers)}
    planned = sorted({p.quarter for p in placement.values() if p.quarter})
    used = {p.lane for p in placement.values() if p.lane}
    return Roadmap(
        quarters=tuple(quarters_between(planned[0], planned[-1])) if planned else (),
        lanes=tuple(d.id for d in departments.departments if d.id in used),
        placement=placement,
    )
