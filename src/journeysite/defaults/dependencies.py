"""Chantiers planned against their dependencies (docs/format.md, "Roadmap"): one scheduled in a quarter
before the quarter of a chantier it depends on, or done while a chantier it depends on is not.

Quarters are the roadmap's placement (the ``journeysite_roadmap`` hook). A dropped chantier is never
flagged: it is planned for nothing. Each issue becomes a warning at the chantier's ``depends_on`` line
(``validate.dependency_problems``).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import DONE_BEFORE, SCHEDULED_BEFORE, Computed, DependencyIssue
from journeysite.model import DONE, DROPPED, Site


@hookimpl(trylast=True)
def journeysite_dependency_issues(site: Site, computed: Computed) -> list[DependencyIssue]:
    issues = []
    for chantier_id in sorted(site.chantiers):
        chantier = site.chantiers[chantier_id]
        if chantier.status == DROPPED:
            continue
        mine = computed.roadmap.at(chantier_id).quarter
        for dependency_id in dict.fromkeys(chantier.depends_on):
            dependency = site.chantiers.get(dependency_id)
            if dependency is None or dependency_id == chantier_id:
                continue  # reported by validation
            theirs = computed.roadmap.at(dependency_id).quarter
            if mine and theirs and mine < theirs:  # YYYY-Qn: text order is time order
                issues.append(DependencyIssue(chantier_id, dependency_id, SCHEDULED_BEFORE))
            if chantier.status == DONE and dependency.status != DONE:
                issues.append(DependencyIssue(chantier_id, dependency_id, DONE_BEFORE))
    return issues
