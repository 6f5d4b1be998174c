"""The index pages of personas, journeys, chantiers and channels: one sortable table each."""
from __future__ import annotations

from typing import Iterable, Sequence

from journeysite import hookimpl
from journeysite.compute import Indicator
from journeysite.defaults.happiness import happiness_of
from journeysite.defaults.indicators import touchpoint_indicators
from journeysite.enumerations import QUADRANT
from journeysite.formatting import DASH, money, quarter
from journeysite.i18n import N_, _, translate
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View
from journeysite.model import CURRENT, DROPPED, Journey
from journeysite.render.filters import (Filter, channel_filter, chantier_attrs, chantier_filters, filter_bar,
                                         item_attrs, stage_filter, state_filter)
from journeysite.render.html import esc, tag
from journeysite.render.widgets import (Cell, Column, Row, data_table, empty, html_list, is_number, num_cell,
                                        priority_text, priority_value, sort_number, state_badge, status_badge,
                                        status_rank)
from journeysite.urls import section_doc_path

# kind -> (section folder, title, navigation order)
INDEXES = {
    "personas_index": ("personas", N_("Personas"), 10),
    "journeys_index": ("journeys", N_("Journeys"), 20),
    "chantiers_index": ("chantiers", N_("Workstreams"), 30),
    "channels_index": ("channels", N_("Channels"), 40),
}
TABLE = 50
CHANTIERS_ID, JOURNEYS_ID = "js-chantiers", "js-journeys"  # what their filter bars filter
# A page that is one wide table: no (empty) table of contents beside it.
WIDE = {"hide": ["toc"]}


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    return [GeneratedPage(section_doc_path(section), translate(title), kind, meta=WIDE, nav_order=order)
            for kind, (section, title, order) in INDEXES.items()]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    builder = {"personas_index": personas_table, "journeys_index": journeys_table,
               "chantiers_index": chantiers_table, "channels_index": channels_table}.get(page.kind)
    if builder is None:
        return []
    html = tag("div", builder(page), class_=f"js-index js-{page.kind.replace('_', '-')}")
    return [View(page.kind.replace("_index", "_table"), html, order=TABLE)]


def indicator_columns(batches: Iterable[Sequence[Indicator]]) -> list[Indicator]:
    """The first indicator met of each id, in the order first met (they name the columns)."""
    seen: dict[str, Indicator] = {}
    for batch in batches:
        for indicator in batch:
            seen.setdefault(indicator.id, indicator)
    return list(seen.values())


def indicator_header(columns: list[Indicator]) -> list[Column]:
    return [Column(i.label, numeric=True, help=i.help) for i in columns]


def indicator_cells(indicators: Sequence[Indicator], columns: list[Indicator]) -> list[Cell]:
    by_id = {i.id: i for i in indicators}
    cells = []
    for indicator_id in (c.id for c in columns):
        indicator = by_id.get(indicator_id)
        if indicator is None:
            cells.append(Cell(DASH, ""))
            continue
        display = indicator.display or (DASH if indicator.value is None else str(indicator.value))
        sort = sort_number(indicator.value) if is_number(indicator.value) or indicator.value is None else None
        cells.append(Cell(esc(display), sort))
    return cells


def personas_table(page: PageContext) -> str:
    context = page.context
    site, computed = context.site, context.computed
    personas = sorted(site.personas.values(), key=lambda p: (p.name.casefold(), p.id))
    if not personas:
        return empty(_("Nothing to show yet."))
    indicators = indicator_columns(computed.persona_indicators.get(p.id, ()) for p in personas)
    columns = [Column(_("Persona"), main=True), Column(_("Segment")), Column(_("Journeys"), numeric=True),
               *indicator_header(indicators)]
    rows = []
    for persona in personas:
        count = len(site.journeys_of(persona.id))
        rows.append([page.item_link("persona", persona.id), esc(persona.segment), num_cell(count),
                     *indicator_cells(computed.persona_indicators.get(persona.id, ()), indicators)])
    return data_table(columns, rows)


def journeys_table(page: PageContext) -> str:
    context = page.context
    site, computed = context.site, context.computed
    journeys = sorted(site.journeys.values(), key=lambda j: (j.title.casefold(), j.id))
    if not journeys:
        return empty(_("Nothing to show yet."))
    indicators = indicator_columns(computed.journey_indicators.get(j.id, ()) for j in journeys)
    columns = [Column(_("Journey"), main=True), Column(_("State")), Column(_("Personas")),
               *indicator_header(indicators)]
    rows = []
    for journey in journeys:
        personas = html_list((page.item_link("persona", p) for p in journey.personas), class_="js-inline-list")
        filtered = item_attrs(persona=journey.personas, state=journey.state, tag=journey.tags,
                              channel=[t.channel for t in journey.touchpoints],
                              stage=[t.stage for t in journey.touchpoints])
        rows.append(Row([page.item_link("journey", journey.id), Cell(state_badge(journey.state), journey.state),
                         personas, *indicator_cells(computed.journey_indicators.get(journey.id, ()), indicators)],
                        attrs=filtered))
    bar = filter_bar(journey_filters(page.context, journeys), [JOURNEYS_ID])
    return tag("div", bar + data_table(columns, rows), id=JOURNEYS_ID)


def journey_filters(context: RenderContext, journeys: Sequence[Journey]) -> list[Filter]:
    """Persona, state, tag, channel and stage, offering the values the journeys have, in order."""
    personas = {p for j in journeys for p in j.personas}
    states = {j.state for j in journeys}
    tags = sorted({t for j in journeys for t in j.tags}, key=str.casefold)
    channels = {t.channel for j in journeys for t in j.touchpoints}
    stages = {t.stage for j in journeys for t in j.touchpoints}
    return [
        Filter("persona", _("Persona"), _("All personas"),
               [(p, context.title("persona", p)) for p in sorted(personas, key=lambda p: context.title("persona", p))]),
        state_filter(states),
        Filter("tag", _("Tag"), _("All tags"), [(t, t) for t in tags]),
        channel_filter(context, channels),
        stage_filter(context, stages),
    ]


def chantiers_table(page: PageContext) -> str:
    context = page.context
    site, computed = context.site, context.computed
    ordered = computed.chantiers_by_priority(site)
    if not ordered:
        return empty(_("Nothing to show yet."))
    currency = site.referential.currency
    budgets = any(site.chantiers[c].budget is not None for c in ordered)
    columns = [Column(_("Rank"), numeric=True), Column(_("Workstream"), main=True), Column(_("Status")),
               Column(_("Department")), Column(_("Owner")), Column(_("Planned delivery")),
               *([Column(_("Budget"), numeric=True)] if budgets else []),
               Column(_("Priority"), numeric=True, sorted="descending"), Column(_("Quadrant")),
               Column(_("Touchpoints"), numeric=True)]
    # Dropped chantiers compete for nothing: listed last, unranked, muted.
    live = [c for c in ordered if site.chantiers[c].status != DROPPED]
    ranks = {chantier_id: rank for rank, chantier_id in enumerate(live, start=1)}
    rows = []
    for chantier_id in live + [c for c in ordered if c not in ranks]:
        chantier = site.chantiers[chantier_id]
        priority = computed.priority.get(chantier_id)
        quadrant = computed.quadrant.get(chantier_id)
        department = computed.departments.of_chantier.get(chantier_id)
        budget = [num_cell(chantier.budget, money(chantier.budget, currency))] if budgets else []
        rows.append(Row([num_cell(ranks.get(chantier_id)), page.item_link("chantier", chantier_id),
                         Cell(status_badge(chantier.status), str(status_rank(chantier.status))),
                         Cell(page.item_link("department", department), computed.departments.label(department))
                         if department else "", esc(chantier.owner),
                         Cell(esc(quarter(chantier.quarter)), chantier.quarter), *budget,
                         Cell(esc(priority_text(priority)), sort_number(priority_value(priority))),
                         esc(QUADRANT.label(quadrant)) if quadrant else "",
                         num_cell(len(computed.index.touchpoints_of(chantier_id)))],
                        None if chantier_id in ranks else "js-row-muted", chantier_attrs(context, chantier_id)))
    bar = filter_bar(chantier_filters(context, ordered), [CHANTIERS_ID])
    return tag("div", bar + data_table(columns, rows), id=CHANTIERS_ID)


def channels_table(page: PageContext) -> str:
    context = page.context
    site = context.site
    channels = site.referential.channels
    if not channels:
        return empty(_("Nothing to show yet."))
    batches = []
    lived = site.journeys_of(state=CURRENT)  # what customers live today, as for personas
    for channel in channels:
        touchpoints = [t for j in lived for t in j.touchpoints if t.channel == channel.id]
        journeys = sum(1 for j in lived if any(t.channel == channel.id for t in j.touchpoints))
        indicators = touchpoint_indicators(touchpoints, site, happiness_of(touchpoints, site.referential))
        batches.append((channel, journeys, indicators))
    indicators = indicator_columns(b[2] for b in batches)
    columns = [Column(_("Channel"), main=True), Column(_("Owner")), Column(_("Journeys"), numeric=True),
               *indicator_header(indicators)]
    rows = []
    for channel, journeys, channel_indicators in batches:
        department = context.computed.departments.of_channel.get(channel.id)
        rows.append([page.item_link("channel", channel.id),
                     Cell(page.department_link(department), context.computed.departments.label(department))
                     if department else "", num_cell(journeys),
                     *indicator_cells(channel_indicators, indicators)])
    return data_table(columns, rows)
