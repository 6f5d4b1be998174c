"""Happiness of a journey: the share of its felt touchpoints that feel good (score above 0)."""
from __future__ import annotations

from typing import Iterable

from journeysite import hookimpl
from journeysite.model import Journey, Referential, Touchpoint


def happiness_of(touchpoints: Iterable[Touchpoint], referential: Referential) -> float | None:
    """Share of ``touchpoints`` with an emotion whose score is above 0 (None when none has one)."""
    levels = [referential.emotion(t.emotion) for t in touchpoints]
    scores = [level.score for level in levels if level is not None]
    return sum(1 for s in scores if s > 0) / len(scores) if scores else None


@hookimpl(trylast=True)
def journeysite_journey_happiness(journey: Journey, referential: Referential) -> float | None:
    return happiness_of(journey.touchpoints, referential)
