"""Indicators of a journey, and of a persona over their current journeys (docs/format.md definitions)."""
from __future__ import annotations

from statistics import mean

from journeysite import hookimpl
from journeysite.compute import Computed, Indicator
from journeysite.defaults.happiness import happiness_of
from journeysite.formatting import number, percent, signed
from journeysite.i18n import _
from journeysite.model import CURRENT, Journey, Persona, Site, Touchpoint


def touchpoint_indicators(touchpoints: list[Touchpoint], site: Site, happiness: float | None) -> list[Indicator]:
    """The built-in figures over ``touchpoints``; ``happiness`` is passed in (it is a hook of its own)."""
    scores = [site.referential.emotion(t.emotion).score for t in touchpoints if site.referential.emotion(t.emotion)]
    mean_score = mean(scores) if scores else None
    irritants = sum(len(t.irritants) for t in touchpoints)
    ruptures = sum(t.rupture for t in touchpoints)
    moments = sum(t.moment_of_truth for t in touchpoints)
    return [
        Indicator("touchpoints", _("Touchpoints"), len(touchpoints), number(len(touchpoints))),
        Indicator("happiness", _("Happiness"), happiness, percent(happiness),
                  _("Share of touchpoints felt positively among those with an emotion")),
        Indicator("mean_emotion", _("Mean emotion"), mean_score, signed(mean_score),
                  _("Mean emotion score (from -2 to +2) of the touchpoints that have one")),
        Indicator("irritants", _("Pain points noted"), irritants, number(irritants),
                  _("Number of pain points noted on the touchpoints")),
        Indicator("ruptures", _("Breakpoints"), ruptures, number(ruptures)),
        Indicator("moments_of_truth", _("Moments of truth"), moments, number(moments)),
    ]


@hookimpl(trylast=True)
def journeysite_journey_indicators(journey: Journey, site: Site, computed: Computed) -> list[Indicator]:
    indicators = touchpoint_indicators(list(journey.touchpoints), site, computed.happiness.get(journey.id))
    if journey.id in computed.progress and computed.progress[journey.id] is not None:
        progress = computed.progress[journey.id]
        indicators.append(Indicator("progress", _("Progress"), progress, percent(progress),
                                    _("Share of improved touchpoints whose workstreams are all delivered")))
    return indicators


@hookimpl(trylast=True)
def journeysite_persona_indicators(persona: Persona, site: Site, computed: Computed) -> list[Indicator]:
    # What they live today: a target journey is imagined, and would flatter the figures.
    journeys = site.journeys_of(persona.id, CURRENT)
    if not journeys:
        return []
    touchpoints = [t for j in journeys for t in j.touchpoints]
    return touchpoint_indicators(touchpoints, site, happiness_of(touchpoints, site.referential))
