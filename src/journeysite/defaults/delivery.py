"""Target delivery: how far each target journey is delivered, and what it still waits for.

On a target journey's page: its progress (the ``journeysite_journey_progress`` hook) as a bar, then the
touchpoints still waiting, each with the live chantiers not done yet (status and planned quarter).
Embeddable: ``::: journeysite delivery`` lists every target journey's progress, with how many
touchpoints still wait and the quarter of the last chantier they wait for (the home page's view);
``journey=ID`` gives one journey's block.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import finite_number
from journeysite.defaults.embed import expect_params, find
from journeysite.defaults.matrix import touchpoint_href
from journeysite.defaults.progress import delivery
from journeysite.formatting import percent, quarter
from journeysite.i18n import _, ngettext
from journeysite.model import TARGET, Journey
from journeysite.pages import PageContext, View
from journeysite.render.html import esc, link, tag
from journeysite.render.widgets import Cell, Column, data_table, empty, html_list, num_cell, status_badge

EMBEDDABLE = ("delivery",)
ORDER = 15  # on a target journey's page: after its header, before its map


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "journey" or page.item is None or page.item.state != TARGET:
        return []
    return [View("journey_delivery", journey_delivery(page, page.item), _("Delivery"), ORDER)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != "delivery":
        return None
    expect_params(name, params, optional=("journey",))
    if "journey" in params:
        journey = find("journey", params, page)
        if journey.state != TARGET:
            raise ValueError(_("view 'delivery': journey '{id}' is not a target journey (state: target)",
                               id=journey.id))
        return journey_delivery(page, journey)
    return every_target(page)


def bar(progress: float | None, label: str) -> str:
    """A progress bar (0..1) with its percentage written beside it; an empty frame when there is none."""
    value = finite_number(progress)
    width = 0 if value is None else max(0, min(100, round(100 * value)))
    meter = tag("span", tag("span", "", class_="js-progress-fill", style=f"width:{width}%"), class_="js-progress",
                role="progressbar", aria_label=label, aria_valuemin="0", aria_valuemax="100",
                aria_valuenow=str(width) if value is not None else None)
    return tag("span", meter + " " + tag("strong", esc(percent(value)), class_="js-progress-value"),
               class_="js-progress-bar")


def journey_delivery(page: PageContext, journey: Journey) -> str:
    context = page.context
    site, computed = context.site, context.computed
    served, waiting = delivery(journey, site, computed.index)
    progress = computed.progress.get(journey.id)
    if not served:
        return tag("div", empty(_("No touchpoint of this journey is served by a live workstream yet.")),
                   class_="js-delivery")
    done = served - len(waiting)
    said = ngettext("{done} of {count} touchpoint delivered", "{done} of {count} touchpoints delivered", served,
                    done=done)
    head = tag("p", bar(progress, _("Delivery of {journey}", journey=journey.title)) + " " + esc(said),
               class_="js-delivery-head")
    if not waiting:
        return tag("div", head + tag("p", esc(_("Every touchpoint is delivered.")), class_="js-delivery-done"),
                   class_="js-delivery")
    positions = {t.id: n for n, t in enumerate(journey.touchpoints, start=1)}
    rows = []
    for touchpoint, pending in waiting:
        action = link(touchpoint_href(page, journey.id, touchpoint.id),
                      f"{positions[touchpoint.id]}. {esc(touchpoint.action)}")
        chantiers = html_list((page.item_link("chantier", c) + " " + status_badge(site.chantiers[c].status)
                               + (" " + tag("span", esc(quarter(site.chantiers[c].quarter)), class_="js-cell-note js-inline")
                                  if site.chantiers[c].quarter else "")
                               for c in pending), class_="js-chantier-list")
        rows.append([Cell(action, str(positions[touchpoint.id])),
                     esc(site.referential.stage_label(touchpoint.stage)), chantiers])
    columns = [Column(_("Touchpoint still waiting"), main=True), Column(_("Stage")),
               Column(_("Waits for"), main=True)]
    return tag("div", head + data_table(columns, rows, sortable=False, searched=False), class_="js-delivery")


def every_target(page: PageContext) -> str:
    context = page.context
    site, computed = context.site, context.computed
    targets = site.journeys_of(state=TARGET)
    if not targets:
        return tag("div", empty(_("No target journey yet.")), class_="js-delivery-all")
    rows = []
    for journey in sorted(targets, key=lambda j: (j.title.casefold(), j.id)):
        served, waiting = delivery(journey, site, computed.index)
        progress = finite_number(computed.progress.get(journey.id))
        pending = {c for _touchpoint, found in waiting for c in found}
        quarters = [site.chantiers[c].quarter for c in pending]
        if not pending:
            last = ""
        elif all(quarters):
            last = quarter(max(quarters))
        else:
            last = _("not all scheduled")
        rows.append([page.item_link("journey", journey.id),
                     Cell(bar(progress, _("Delivery of {journey}", journey=journey.title)),
                          "" if progress is None else repr(float(progress))),
                     num_cell(served - len(waiting) if served else None), num_cell(len(waiting) if served else None),
                     Cell(esc(last), max(quarters) if pending and all(quarters) else "")])
    columns = [Column(_("Target journey"), main=True), Column(_("Progress")),
               Column(_("Delivered"), numeric=True, help=_("Touchpoints delivered")),
               Column(_("Waiting"), numeric=True, help=_("Touchpoints still waiting")),
               Column(_("Last workstream waited for"))]
    return tag("div", data_table(columns, rows), class_="js-delivery-all")
