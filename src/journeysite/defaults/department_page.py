"""Department pages (``departments/<id>/``) and their index (``departments/``): each team's part of the
customer's journey.

A department's page: what it runs (channels) and its figures; its chantiers by status; its share of the
roadmap (its lane of the roadmap, its share of the live chantiers and of their budget); its pains,
ranked; and every touchpoint it owns. Ownership is the ``journeysite_departments`` hook's (docs/format.md:
a touchpoint's ``owner``, else its channel page's; a chantier's ``department``).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.compute import finite_number
from journeysite.defaults.index_pages import WIDE
from journeysite.defaults.journey_page import chantiers_of_touchpoint
from journeysite.defaults.pains import pains_table
from journeysite.defaults.roadmap_page import BOARD_ID, budget_of, live, roadmap, shares_table
from journeysite.enumerations import QUADRANT, STATUS
from journeysite.formatting import DASH, money, number, quarter
from journeysite.i18n import _
from journeysite.model import Department
from journeysite.pages import GeneratedPage, PageContext, RenderContext, View, touchpoint_anchor
from journeysite.render.emotion import badge as emotion_badge
from journeysite.render.html import esc, link, tag
from journeysite.render.widgets import (Cell, Column, Row, data_table, empty, facts, html_list, num_cell,
                                        priority_text, priority_value, sort_number, state_badge)
from journeysite.urls import SECTIONS, section_doc_path

KIND, INDEX_KIND = "department", "departments_index"
NAV_ORDER = 36
SUMMARY, CHANTIERS, ROADMAP, PAINS, TOUCHPOINTS = 10, 20, 30, 40, 50
# The order a department reads its chantiers in: what moves, what is coming, what is thought of, what is done.
STATUS_ORDER = ("in_progress", "planned", "idea", "done", "dropped")


@hookimpl(trylast=True)
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    if not context.computed.departments.departments:
        return []
    return [GeneratedPage(section_doc_path(SECTIONS[KIND]), _("Departments"), INDEX_KIND, meta=WIDE,
                          nav_order=NAV_ORDER)]


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind == INDEX_KIND:
        return [View("departments_table", tag("div", departments_table(page), class_="js-index"), order=50)]
    if page.kind != KIND or page.item is None:
        return []
    department: Department = page.item
    views = [View("department_summary", summary(page, department), order=SUMMARY),
             View("department_chantiers", chantiers(page, department), _("Workstreams"), CHANTIERS)]
    if live(page.context.site, page.context.computed.departments.chantiers(department.id)):
        board = roadmap(page, department.id, f"{BOARD_ID}-{department.id}")
        views.append(View("department_roadmap", shares_table(page, department.id) + board,
                          _("Share of the roadmap"), ROADMAP))
    if page.context.computed.departments.touchpoints(department.id):
        none = _("No pain: none of the touchpoints this department owns has a negative emotion.")
    else:
        none = _("No pain: this department owns no touchpoint.")
    views += [View("department_pains", pains_table(page, only=pains_of(page, department), none=none),
                   _("Pains, ranked"), PAINS),
              View("department_touchpoints", touchpoints(page, department), _("Touchpoints it owns"), TOUCHPOINTS)]
    return views


def pains_of(page: PageContext, department: Department) -> set[str]:
    computed = page.context.computed
    return {ref for ref in computed.departments.touchpoints(department.id)
            if (finite_number(computed.criticality.get(ref)) or 0) > 0}


def summary(page: PageContext, department: Department) -> str:
    context = page.context
    site, computed = context.site, context.computed
    mine = computed.departments.chantiers(department.id)
    budget = budget_of(site, mine)
    channels = html_list((page.item_link("channel", c) for c in computed.departments.channels(department.id)),
                         class_="js-inline-list")
    unaddressed = [r for r in computed.unaddressed if computed.departments.of_touchpoint.get(r) == department.id]
    rows = [(_("Also written"), esc(", ".join(department.aliases))),
            (_("Channels it runs"), channels),
            (_("Live workstreams"), esc(len(live(site, mine)))),
            (_("Budget"), esc(money(budget, site.referential.currency)) if budget is not None else ""),
            (_("Touchpoints it owns"), esc(len(computed.departments.touchpoints(department.id)))),
            (_("Pains"), esc(len(pains_of(page, department)))),
            (_("Pains left unaddressed"), esc(len(unaddressed)))]
    return tag("div", facts(rows), class_="js-department-summary")


def chantiers(page: PageContext, department: Department) -> str:
    """The department's chantiers, one table per status (in ``STATUS_ORDER``), by priority in each."""
    context = page.context
    site, computed = context.site, context.computed
    mine = set(computed.departments.chantiers(department.id))
    ordered = [c for c in computed.chantiers_by_priority(site) if c in mine]
    if not ordered:
        return tag("div", empty(_("No workstream for this department yet.")), class_="js-department-chantiers")
    currency = site.referential.currency
    columns = [Column(_("Workstream"), main=True), Column(_("Planned delivery")), Column(_("Budget"), numeric=True),
               Column(_("Priority"), numeric=True), Column(_("Quadrant"))]
    sections = []
    for status in sorted({site.chantiers[c].status for c in ordered},
                         key=lambda s: STATUS_ORDER.index(s) if s in STATUS_ORDER else len(STATUS_ORDER)):
        rows = []
        for chantier_id in (c for c in ordered if site.chantiers[c].status == status):
            chantier = site.chantiers[chantier_id]
            priority, quadrant = computed.priority.get(chantier_id), computed.quadrant.get(chantier_id)
            rows.append(Row([page.item_link("chantier", chantier_id),
                             Cell(esc(quarter(chantier.quarter)), chantier.quarter),
                             num_cell(chantier.budget, money(chantier.budget, currency)),
                             Cell(esc(priority_text(priority)), sort_number(priority_value(priority))),
                             esc(QUADRANT.label(quadrant)) if quadrant else ""]))
        title = tag("h3", esc(STATUS.label(status)) + " " + tag("span", f"({len(rows)})", class_="js-count"),
                    class_="js-stage-title")
        # out of the search index: the chantier pages hold these titles
        sections.append(tag("section", title + data_table(columns, rows, searched=False), data_status=status))
    return tag("div", "".join(sections), class_="js-department-chantiers")


def touchpoints(page: PageContext, department: Department) -> str:
    """Every touchpoint the department owns: journeys by title, touchpoints in journey order."""
    context = page.context
    site, computed = context.site, context.computed
    referential = site.referential
    rows = []
    for listed in site.touchpoints_in(tuple(computed.departments.touchpoints(department.id))):
        t, journey_id = listed.touchpoint, listed.journey_id
        ref = f"{journey_id}#{t.id}"
        level = referential.emotion(t.emotion)
        action = link(page.item_href("journey", journey_id, touchpoint_anchor(t.id)),
                      f"{listed.position}. {esc(t.action)}")
        criticality = finite_number(computed.criticality.get(ref))
        rows.append([Cell(page.item_link("journey", journey_id) + " " + state_badge(listed.journey_state),
                          listed.journey_title),
                     esc(referential.stage_label(t.stage)), page.item_link("channel", t.channel),
                     Cell(action, t.action),
                     Cell(emotion_badge(level, referential, _("Emotion not given")), str(level.score) if level else ""),
                     num_cell(criticality, number(criticality) if criticality else DASH),
                     Cell(chantiers_of_touchpoint(page, journey_id, t),
                          str(len(computed.index.chantiers_of(journey_id, t.id))))])
    if not rows:
        return tag("div", empty(_("This department owns no touchpoint. A touchpoint belongs to a department through "
                                  "its 'owner', or else through the 'owner' of its channel's page.")),
                   class_="js-department-touchpoints")
    columns = [Column(_("Journey"), main=True), Column(_("Stage")), Column(_("Channel")),
               Column(_("Touchpoint"), main=True), Column(_("Emotion")),
               Column(_("Criticality"), numeric=True), Column(_("Workstreams"))]
    # out of the search index: each row repeats a touchpoint of a journey page
    return tag("div", data_table(columns, rows, searched=False), class_="js-department-touchpoints")


def departments_table(page: PageContext) -> str:
    context = page.context
    site, computed = context.site, context.computed
    currency = site.referential.currency
    columns = [Column(_("Department"), main=True), Column(_("Live workstreams"), numeric=True),
               Column(_("Budget"), numeric=True), Column(_("Touchpoints it owns"), numeric=True),
               Column(_("Pains"), numeric=True), Column(_("Pains left unaddressed"), numeric=True),
               Column(_("Channels it runs"))]
    rows = []
    for department in computed.departments.departments:
        mine = computed.departments.chantiers(department.id)
        budget = budget_of(site, mine)
        unaddressed = sum(1 for r in computed.unaddressed if computed.departments.of_touchpoint.get(r) == department.id)
        channels = html_list((page.item_link("channel", c) for c in computed.departments.channels(department.id)),
                             class_="js-inline-list")
        rows.append([page.item_link("department", department.id), num_cell(len(live(site, mine))),
                     num_cell(budget, money(budget, currency)),
                     num_cell(len(computed.departments.touchpoints(department.id))),
                     num_cell(len(pains_of(page, department))), num_cell(unaddressed), channels])
    return data_table(columns, rows)
