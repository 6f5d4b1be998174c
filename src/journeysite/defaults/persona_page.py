"""The persona page: profile card, indicators over their journeys, and their journeys."""
from __future__ import annotations

from urllib.parse import quote

from journeysite import hookimpl
from journeysite.formatting import percent
from journeysite.i18n import _
from journeysite.model import Persona
from journeysite.pages import PageContext, View
from journeysite.render.html import esc, tag
from journeysite.render.widgets import (Cell, Column, data_table, empty, facts, html_list, indicator_tiles,
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
                          _("Experience across their journeys"), INDICATORS))
    views.append(View("persona_journeys", journeys(page, persona), _("Journeys"), JOURNEYS))
    return views


def profile(page: PageContext, persona: Persona) -> str:
    photo = ""
    if persona.photo:
        src = relative_url(page.url, quote(persona.photo))
        alt = _("Photo of {name}", name=persona.name)
        photo = f'<img class="js-persona-photo" src="{esc(src)}" alt="{esc(alt)}" loading="lazy"/>'
    head = ""
    if persona.segment:
        head += tag("p", esc(persona.segment), class_="js-persona-segment")
    if persona.quote:
        head += tag("blockquote", tag("p", esc(persona.quote)), class_="js-persona-quote")
    sections = "".join(
        tag("section", tag("h3", esc(title)) + text_list(values), class_=f"js-persona-{key}")
        for key, title, values in (("goals", _("Goals"), persona.goals),
                                   ("expectations", _("Expectations"), persona.expectations),
                                   ("frustrations", _("Frustrations"), persona.frustrations)) if values)
    channels = html_list((page.item_link("channel", c) for c in persona.channels), class_="js-inline-list")
    metrics = metrics_list(dict(persona.metrics)) if persona.metrics else ""
    details = facts([(_("Preferred channels"), channels), (_("Metrics"), metrics)])
    main = head + (tag("div", sections, class_="js-persona-sections") if sections else "") + details
    return tag("div", photo + tag("div", main or empty(_("None")), class_="js-persona-main"),
               class_="js-card js-persona-card" + (" js-has-photo" if photo else ""))


def journeys(page: PageContext, persona: Persona) -> str:
    context = page.context
    computed = context.computed
    mine = sorted(context.site.journeys_of(persona.id), key=lambda j: (j.title.casefold(), j.id))
    if not mine:
        return tag("div", empty(_("No journey is about this persona yet.")), class_="js-persona-journeys")
    columns = [Column(_("Journey"), main=True), Column(_("State")), Column(_("Touchpoints"), numeric=True),
               Column(_("Happiness"), numeric=True)]
    rows = [[page.item_link("journey", j.id),
             Cell(state_badge(j.state), j.state),
             num_cell(len(j.touchpoints)),
             num_cell(computed.happiness.get(j.id), percent(computed.happiness.get(j.id)))]
            for j in mine]
    return tag("div", data_table(columns, rows), class_="js-persona-journeys")

