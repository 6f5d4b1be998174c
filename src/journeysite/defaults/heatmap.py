"""The site-wide heatmap (carte de chaleur): per channel x stage, how many touchpoints and how they feel.

A page ``heatmap/index.md`` with one table for current journeys and one for
target journeys (when there are any): channels as rows (referential order, only
those used), the referential's stages as columns. Each cell gives the number of
touchpoints and their mean emotion score, coloured by the nearest level of the
scale (with its face, and the number written), and links to those touchpoints: the
stage's section of the channel's page (``pages.stage_anchor``), so the heatmap never
repeats what that page lists.
"""
from __future__ import annotations

from statistics import mean

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, one_state
from journeysite.defaults.matrix import Placed, channel_rows, placed
from journeysite.model import CURRENT, STATES, TARGET, EmotionLevel, Referential, Site
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View, stage_anchor
from journeysite.render.emotion import face_class, slot
from journeysite.formatting import signed
from journeysite.i18n import N_, _, ngettext, translate
from journeysite.render.html import NOT_SEARCHED, esc, link, tag

EMBEDDABLE = ("heatmap",)
DOC_PATH = "heatmap/index.md"
KIND = "heatmap"
NAV_ORDER = 50

# The heatmap of each state, by state.
TITLES = {CURRENT: N_("Current journeys"), TARGET: N_("Target journeys")}

Cells = dict[tuple[str, str], list[Placed]]


def heat_cells(site: Site, state: str) -> Cells:
    """Touchpoints of the journeys in ``state`` by (channel, stage); journeys by id, touchpoints in order."""
    cells: Cells = {}
    for journey_id in sorted(site.journeys):
        journey = site.journeys[journey_id]
        if journey.state == state:
            for p in placed(journey):
                cells.setdefault((p.touchpoint.channel, p.touchpoint.stage), []).append(p)
    return cells


def mean_score(cards: list[Placed], referential: Referential) -> float | None:
    """Mean emotion score of the cards that have an emotion (None when none has one)."""
    scores = [level.score for p in cards if (level := referential.emotion(p.touchpoint.emotion)) is not None]
    return mean(scores) if scores else None


def nearest_level(value: float, referential: Referential) -> EmotionLevel:
    """The level of the scale closest to a mean score; on a tie, the one nearer the neutral score 0, so that
    +0,5 and −0,5 are coloured alike (then the lower one, for a scale not centred on 0)."""
    return min(referential.emotions, key=lambda e: (abs(e.score - value), abs(e.score), e.score))


def axes(site: Site, cells: Cells) -> tuple[list[str], list[str]]:
    """Rows (channels used, referential order) and columns (the referential's stages, then any other used)."""
    cards = [p for found in cells.values() for p in found]
    stages = [s.id for s in site.referential.stages]
    stages += [s for s in dict.fromkeys(p.touchpoint.stage for p in cards) if s not in stages]
    return channel_rows(site, cards), stages


def heatmap_table(state: str, page: PageContext) -> str:
    """The heatmap of the journeys in ``state`` as a table (a note when there are none)."""
    site = page.context.site
    referential = site.referential
    cells = heat_cells(site, state)
    if not cells:
        return tag("p", esc(_("No touchpoint.")), class_="js-empty")
    channels, stages = axes(site, cells)
    head = tag("th", esc(_("Channel \\ Stage")), scope="col", class_="js-matrix-corner") + "".join(
        tag("th", esc(referential.stage_label(s)), scope="col", class_="js-matrix-stage") for s in stages)
    rows = []
    for channel in channels:
        row = [tag("th", esc(referential.channel_label(channel)), scope="row", class_="js-matrix-channel")]
        for stage in stages:
            row.append(heat_cell(channel, stage, cells.get((channel, stage), []), page))
        rows.append(tag("tr", "".join(row)))
    caption = _("Heatmap: {journeys}", journeys=translate(TITLES[state]))
    table = tag("table", tag("caption", esc(caption)) + tag("thead", tag("tr", head)) + tag("tbody", "".join(rows)),
                class_="js-heatmap", data_state=state, **NOT_SEARCHED)
    return tag("div", table, class_="js-matrix-scroll", tabindex="0", role="region", aria_label=caption)


def heat_cell(channel: str, stage: str, cards: list[Placed], page: PageContext) -> str:
    """One cell: the count and the mean emotion, coloured by it, linking to the stage on the channel's page."""
    if not cards:
        return tag("td", "", class_="js-heat js-heat-empty")
    site = page.context.site
    referential = site.referential
    average = mean_score(cards, referential)
    level = nearest_level(average, referential) if average is not None else None
    shown = signed(average)
    summary = ngettext("{count} touchpoint, mean emotion {mean} ({level})",
                       "{count} touchpoints, mean emotion {mean} ({level})", len(cards), mean=shown,
                       level=level.label if level else _("Emotion not given"))
    content = (tag("span", str(len(cards)), class_="js-heat-count") + " "
               + tag("span", esc(shown), class_=f"js-heat-mean {face_class(level, referential)}"))
    href = page.item_href("channel", channel, stage_anchor(stage))  # None for a channel not in the referential
    return tag("td", link(href, content, title=summary, aria_label=summary, class_="js-heat-link"),
               class_=f"js-heat js-emo-{slot(level, referential)}" if level else "js-heat js-heat-none",
               data_count=str(len(cards)), data_mean=f"{average:.2f}" if average is not None else None)


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(DOC_PATH, _("Heatmap"), KIND, nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != KIND:
        return []
    site = page.context.site
    intro = _("For each channel and stage: the number of touchpoints (large) and the mean emotion score, the cell "
              "coloured by the nearest level. A cell leads to its touchpoints, on the channel's page.")
    views = [View("heatmap_intro", tag("p", esc(intro), class_="js-intro"), order=0)]
    for order, state in enumerate(STATES, start=1):
        if state == CURRENT or any(j.state == state for j in site.journeys.values()):
            views.append(View(f"heatmap_{state}", tag("div", heatmap_table(state, page), class_="js-heatmap-view"),
                              translate(TITLES[state]), 10 * order))
    return views


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "heatmap":
        return None
    expect_params(name, params, optional=("state",))
    return heatmap_table(one_state(name, params), page)
