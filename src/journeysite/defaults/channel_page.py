"""The channel page: who runs it (when its page is written) and every touchpoint
on this channel, across all journeys, in one section per stage.

Each stage's section has a stable anchor (``pages.stage_anchor``): the heatmap's
cells link there. The tables repeat the journey pages' text, so they stay out of
the search index.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.defaults.journey_page import chantiers_of_touchpoint
from journeysite.i18n import _
from journeysite.model import Channel, Listed
from journeysite.pages import PageContext, View, stage_anchor, touchpoint_anchor
from journeysite.render.emotion import badge as emotion_badge
from journeysite.render.html import esc, tag
from journeysite.render.widgets import Cell, Column, data_table, empty, facts, state_badge

SUMMARY, TOUCHPOINTS = 10, 50


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "channel" or page.item is None:
        return []
    channel: Channel = page.item
    views = []
    department = page.context.computed.departments.of_channel.get(channel.id)
    if department:
        views.append(View("channel_summary", tag("div", facts([(_("Owner"), page.department_link(department))]),
                                                 class_="js-channel-summary"), order=SUMMARY))
    views.append(View("channel_touchpoints", touchpoints(page, channel), _("Touchpoints on this channel"),
                      TOUCHPOINTS))
    return views


def by_stage(page: PageContext, channel: Channel) -> dict[str, list[Listed]]:
    """The channel's touchpoints by stage: the referential's stages in order (then any other, as met);
    in each, journeys by title, touchpoints in journey order."""
    site = page.context.site
    found: dict[str, list[Listed]] = {}
    for listed in site.touchpoints_on(channel.id):
        found.setdefault(listed.touchpoint.stage, []).append(listed)
    order = {s.id: n for n, s in enumerate(site.referential.stages)}
    return {stage: found[stage] for stage in sorted(found, key=lambda s: order.get(s, len(order)))}


def touchpoints(page: PageContext, channel: Channel) -> str:
    referential = page.context.site.referential
    stages = by_stage(page, channel)
    if not stages:
        return tag("div", empty(_("No touchpoint.")), class_="js-channel-touchpoints")
    columns = [Column(_("Journey"), main=True), Column(_("Action"), main=True), Column(_("Emotion")),
               Column(_("Workstreams"))]
    sections = []
    for stage_id, found in stages.items():
        title = tag("h3", esc(referential.stage_label(stage_id)) + " " + tag("span", f"({len(found)})",
                                                                          class_="js-count"), class_="js-stage-title")
        rows = [row(page, listed) for listed in found]
        sections.append(tag("section", title + data_table(columns, rows, searched=False), id=stage_anchor(stage_id),
                            class_="js-channel-stage", data_stage=stage_id))
    return tag("div", "".join(sections), class_="js-channel-touchpoints")


def row(page: PageContext, listed: Listed) -> list[Cell]:
    context = page.context
    site = context.site
    touchpoint, journey_id = listed.touchpoint, listed.journey_id
    level = site.referential.emotion(touchpoint.emotion)
    chantiers = len(context.computed.index.chantiers_of(journey_id, touchpoint.id))
    action = page.item_link("journey", journey_id, touchpoint.action, anchor=touchpoint_anchor(touchpoint.id))
    return [Cell(page.item_link("journey", journey_id) + " " + state_badge(listed.journey_state), listed.journey_title),
            Cell(action, touchpoint.action),
            Cell(emotion_badge(level, site.referential, _("Emotion not given")), str(level.score) if level else ""),
            Cell(chantiers_of_touchpoint(page, journey_id, touchpoint), str(chantiers))]
