"""Quadrant of the arbitration matrix: value (non-inverse criteria) against effort (inverse ones)."""
from __future__ import annotations

from statistics import mean

from journeysite import hookimpl
from journeysite.model import Chantier, Referential


def value_and_effort(chantier: Chantier, referential: Referential) -> tuple[float | None, float | None]:
    """Mean raw score of the non-inverse criteria, and of the inverse ones (None when none)."""
    value = [chantier.scores[c.id] for c in referential.criteria if not c.inverse and c.id in chantier.scores]
    effort = [chantier.scores[c.id] for c in referential.criteria if c.inverse and c.id in chantier.scores]
    return (mean(value) if value else None), (mean(effort) if effort else None)


@hookimpl(trylast=True)
def journeysite_chantier_quadrant(chantier: Chantier, referential: Referential) -> str | None:
    value, effort = value_and_effort(chantier, referential)
    if value is None or effort is None:
        return None
    if value >= 3:
        return "quick_win" if effort < 3 else "major_project"
    return "fill_in" if effort < 3 else "thankless"
