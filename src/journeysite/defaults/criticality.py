"""Criticality of a touchpoint: how negative it feels times how much it matters (docs/format.md)."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.model import Referential, Touchpoint

MISSING_IMPORTANCE = 3


@hookimpl(trylast=True)
def journeysite_touchpoint_criticality(touchpoint: Touchpoint, referential: Referential) -> float:
    level = referential.emotion(touchpoint.emotion)
    if level is None:
        return 0
    customer = touchpoint.importance_customer or MISSING_IMPORTANCE
    business = touchpoint.importance_business or MISSING_IMPORTANCE
    return max(0, -level.score) * (customer + business)
