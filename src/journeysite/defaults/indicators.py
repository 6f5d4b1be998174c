"""Indicators of a journey, and of a persona over their current journeys (FORMAT.md definitions)."""
from __future__ import annotations

from statistics import mean

from journeysite import hookimpl
from journeysite.compute import Computed, Indicator
from journeysite.defaults.happiness import happiness_of
from journeysite.i18n import Labels
from journeysite.render.widgets import percent, signed
from journeysite.model import CURRENT, Journey, Persona, Site, Touchpoint


def touchpoint_indicators(touchpoints: list[Touchpoint], site: Site, happiness: float | None) -> list[Indicator]:
    """The built-in figures over ``touchpoints``; ``happiness`` is passed in (it is a hook of its own)."""
    labels = Labels(site.language)
    scores = [site.referential.emotion(t.emotion).score for t in touchpoints if site.referential.emotion(t.emotion)]
    mean_score = mean(scores) if scores else None
    irritants = sum(len(t.irritants) for t in touchpoints)
    ruptures = sum(t.rupture for t in touchpoints)
    moments = sum(t.moment_of_truth for t in touchpoints)
    return [
        Indicator("touchpoints", labels["touchpoints"], len(touchpoints), str(len(touchpoints))),
        Indicator("happiness", labels["happiness"], happiness, percent(happiness, site.language),
                  labels["happiness_help"]),
        Indicator("mean_emotion", labels["mean_emotion"], mean_score,
                  signed(mean_score, site.language), labels["mean_emotion_help"]),
        Indicator("irritants", labels["irritants"], irritants, str(irritants), labels["irritants_help"]),
        Indicator("ruptures", labels["ruptures"], ruptures, str(ruptures)),
        Indicator("moments_of_truth", labels["moments_of_truth"], moments, str(moments)),
    ]


@hookimpl(trylast=True)
def journeysite_journey_indicators(journey: Journey, site: Site, computed: Computed) -> list[Indicator]:
    indicators = touchpoint_indicators(list(journey.touchpoints), site, computed.happiness.get(journey.id))
    if journey.id in computed.progress and computed.progress[journey.id] is not None:
        progress = computed.progress[journey.id]
        indicators.append(Indicator("progress", Labels(site.language)["progress"], progress, percent(progress, site.language),
                                    Labels(site.language)["progress_help"]))
    return indicators


@hookimpl(trylast=True)
def journeysite_persona_indicators(persona: Persona, site: Site, computed: Computed) -> list[Indicator]:
    # What they live today: a target journey is imagined, and would flatter the figures.
    journeys = site.journeys_of(persona.id, CURRENT)
    if not journeys:
        return []
    touchpoints = [t for j in journeys for t in j.touchpoints]
    return touchpoint_indicators(touchpoints, site, happiness_of(touchpoints, site.referential))
