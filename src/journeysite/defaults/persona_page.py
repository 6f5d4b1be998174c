"""The persona page: profile card, indicators over their journeys, and their journeys."""
from __future__ import annotations

from urllib.parse import quote

from journeysite import hookimpl
from journeysite.model import Persona
from journeysite.pages import PageContext, View
from journeysite.render.html import esc, tag
from journeysite.render.widgets import (Cell, percent, Column, data_table, empty, facts, html_list, indicator_tiles,
                                        metrics_list, num_cell, state_badge, text_list)
from journeysite.urls import relative_url

PROFILE, INDICATORS, JOURNEYS = 10, 20, 30


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "persona" or page.item is None:
        return []
    persona: Persona = page.item
    views = [View("persona_profile", profile(page, persona), order=PROFILE)]
    tiles = indicator_tiles(page.context.computed.persona_indicators.get(persona.id, ()))
    if tiles:
        views.append(View("persona_indicators", tag("div", tiles, class_="js-persona-indicators"),
                          page.context.labels["experience"], INDICATORS))
    views.append(View("persona_journeys", journeys(page, persona), page.context.labels["journeys"], JOURNEYS))
    return views


def profile(page: PageContext, persona: Persona) -> str:
    labels = page.context.labels
    photo = ""
    if persona.photo:
        src = relative_url(page.url, quote(persona.photo))
        alt = labels["photo_alt"].format(name=persona.name)
        photo = f'<img class="js-persona-photo" src="{esc(src)}" alt="{esc(alt)}" loading="lazy"/>'
    head = ""
    if persona.segment:
        head += tag("p", esc(persona.segment), class_="js-persona-segment")
    if persona.quote:
        head += tag("blockquote", tag("p", esc(persona.quote)), class_="js-persona-quote")
    sections = "".join(
        tag("section", tag("h3", esc(labels[key])) + text_list(values), class_=f"js-persona-{key}")
        for key, values in (("goals", persona.goals), ("expectations", persona.expectations),
                            ("frustrations", persona.frustrations)) if values)
    channels = html_list((page.item_link("channel", c) for c in persona.channels), class_="js-inline-list")
    metrics = metrics_list(dict(persona.metrics), labels, page.context.site.language) if persona.metrics else ""
    details = facts([(labels["preferred_channels"], channels), (labels["metrics"], metrics)])
    main = head + (tag("div", sections, class_="js-persona-sections") if sections else "") + details
    return tag("div", photo + tag("div", main or empty(labels["none"]), class_="js-persona-main"),
               class_="js-card js-persona-card" + (" js-has-photo" if photo else ""))


def journeys(page: PageContext, persona: Persona) -> str:
    context = page.context
    labels, computed = context.labels, context.computed
    mine = sorted(context.site.journeys_of(persona.id), key=lambda j: (j.title.casefold(), j.id))
    if not mine:
        return tag("div", empty(labels["no_journeys"]), class_="js-persona-journeys")
    columns = [Column(labels["journey"], main=True), Column(labels["state"]), Column(labels["touchpoints"], numeric=True),
               Column(labels["happiness"], numeric=True)]
    rows = [[page.item_link("journey", j.id),
             Cell(state_badge(j.state, labels), j.state),
             num_cell(len(j.touchpoints)),
             num_cell(computed.happiness.get(j.id), percent(computed.happiness.get(j.id), context.site.language))]
            for j in mine]
    return tag("div", data_table(columns, rows), class_="js-persona-journeys")

