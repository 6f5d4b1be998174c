"""NPS by stage: a local journeysite plugin, and a model for writing your own.

journeysite loads every ``*.py`` of the site's ``plugins/`` folder (the
``plugins_dir`` option in mkdocs.yml) as a plugin: module-level functions
marked ``@hookimpl`` and named after a hook of ``journeysite.hookspecs``
are called by the build. This one uses two hooks:

- ``journeysite_page_views``: on each journey page, a table of the mean NPS
  (touchpoint ``metrics: {nps: ...}``) and the total volume
  (``metrics: {volume: ...}``) per stage, between the emotion curve (order
  30) and the touchpoint list (order 50). Journeys where no touchpoint has
  an NPS get nothing.
- ``journeysite_journey_indicators``: an "NPS moyen" indicator, shown with
  the built-in ones in the journey header and the journey index.

Switch it off without deleting it with ``disable: [nps_by_stage]`` under
``- journeysite:`` in mkdocs.yml. See docs/plugins.md for every hook.
"""
from __future__ import annotations

from statistics import mean

from journeysite import hookimpl
from journeysite.compute import Computed, Indicator
from journeysite.formatting import number  # 12 000,5 in French, 12,000.5 in English
from journeysite.model import Journey, Site
from journeysite.pages import PageContext, View
from journeysite.render.html import esc, table, tag

ORDER = 35  # after the emotion curve (30), before the touchpoint list (50)

# A plugin's own words, by language (journeysite's catalogue holds journeysite's words only).
LABELS = {
    "fr": {"title": "NPS par étape", "stage": "Étape", "nps": "NPS moyen", "answers": "Points de contact notés",
           "volume": "Volume total", "help": "Moyenne des NPS relevés sur les points de contact (metrics.nps)"},
    "en": {"title": "NPS by stage", "stage": "Stage", "nps": "Mean NPS", "answers": "Touchpoints with an NPS",
           "volume": "Total volume", "help": "Mean of the NPS noted on the touchpoints (metrics.nps)"},
}


def labels(site: Site) -> dict[str, str]:
    return LABELS["fr" if site.language.lower().startswith("fr") else "en"]


def nps_by_stage(journey: Journey) -> list[tuple[str, list[float], float]]:
    """Per stage of the journey (in its order): the NPS values and the total volume."""
    rows = []
    for stage in journey.stages:
        touchpoints = [t for t in journey.touchpoints if t.stage == stage]
        scores = [t.metrics["nps"] for t in touchpoints if "nps" in t.metrics]
        volume = sum(t.metrics.get("volume", 0) for t in touchpoints)
        if touchpoints:
            rows.append((stage, scores, volume))
    return rows


@hookimpl
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "journey" or page.item is None:
        return []
    journey, site = page.item, page.context.site
    rows = nps_by_stage(journey)
    if not any(scores for _, scores, _ in rows):
        return []
    text = labels(site)
    body = []
    for stage_id, scores, volume in rows:
        stage = site.referential.stage(stage_id)
        body.append([
            esc(stage.label if stage else stage_id),
            tag("strong", number(round(mean(scores), 1), site.language)) if scores else "–",
            str(len(scores)),
            number(volume, site.language) if volume else "–",
        ])
    html = table([esc(text[k]) for k in ("stage", "nps", "answers", "volume")], body, class_="js-table js-nps-by-stage")
    return [View("nps_by_stage", html, text["title"], ORDER)]


@hookimpl
def journeysite_journey_indicators(journey: Journey, site: Site, computed: Computed) -> list[Indicator]:
    scores = [t.metrics["nps"] for t in journey.touchpoints if "nps" in t.metrics]
    if not scores:
        return []
    value = mean(scores)
    text = labels(site)
    return [Indicator("nps", text["nps"], value, number(round(value, 1), site.language), text["help"])]
