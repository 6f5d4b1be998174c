"""The channel page: who runs it (when its page is written) and every touchpoint
on this channel, across all journeys."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.model import Channel
from journeysite.pages import PageContext, View, touchpoint_anchor
from journeysite.render.emotion import badge as emotion_badge
from journeysite.render.html import esc, tag
from journeysite.render.widgets import Cell, Column, data_table, empty, facts, html_list, state_badge, status_badge

SUMMARY, TOUCHPOINTS = 10, 50


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "channel" or page.item is None:
        return []
    channel: Channel = page.item
    labels = page.context.labels
    views = []
    written = page.context.site.channel_pages.get(channel.id)
    if written is not None and written.owner:
        views.append(View("channel_summary", tag("div", facts([(labels["owner"], esc(written.owner))]),
                                                 class_="js-channel-summary"), order=SUMMARY))
    views.append(View("channel_touchpoints", touchpoints(page, channel), labels["touchpoints_on_channel"],
                      TOUCHPOINTS))
    return views


def touchpoints(page: PageContext, channel: Channel) -> str:
    context = page.context
    labels, site = context.labels, context.site
    referential = site.referential
    journeys = sorted(site.journeys.values(), key=lambda j: (j.title.casefold(), j.id))
    rows = []
    for journey in journeys:
        for touchpoint in journey.touchpoints:
            if touchpoint.channel != channel.id:
                continue
            stage = referential.stage(touchpoint.stage)
            level = referential.emotion(touchpoint.emotion)
            chantiers = []
            for chantier_id in context.computed.index.chantiers_of(journey.id, touchpoint.id):
                chantier = site.chantiers.get(chantier_id)
                chantiers.append(page.item_link("chantier", chantier_id)
                                 + (f" {status_badge(chantier.status, labels)}" if chantier else ""))
            action = page.item_link("journey", journey.id, touchpoint.action, anchor=touchpoint_anchor(touchpoint.id))
            rows.append([Cell(page.item_link("journey", journey.id) + " " + state_badge(journey.state, labels),
                              journey.title),
                         esc(stage.label if stage else touchpoint.stage),
                         Cell(action, touchpoint.action),
                         Cell(emotion_badge(level, referential, labels["no_emotion"]),
                              str(level.score) if level else ""),
                         Cell(html_list(chantiers, class_="js-chantier-list"), str(len(chantiers)))])
    if not rows:
        return tag("div", empty(labels["no_touchpoints"]), class_="js-channel-touchpoints")
    columns = [Column(labels["journey"], main=True), Column(labels["stage"]), Column(labels["action"], main=True),
               Column(labels["emotion"]), Column(labels["chantiers"])]
    return tag("div", data_table(columns, rows), class_="js-channel-touchpoints")
