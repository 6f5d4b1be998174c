"""The chantier page: summary, arbitration scores, dependencies both ways, and the
touchpoints it improves (from the index, whichever side wrote the link)."""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.enumerations import OBJECTIVE, QUADRANT
from journeysite.formatting import money, quarter
from journeysite.i18n import _
from journeysite.model import Chantier
from journeysite.pages import PageContext, View, touchpoint_anchor
from journeysite.render.emotion import badge as emotion_badge
from journeysite.render.html import esc, tag
from journeysite.render.widgets import (Cell, Column, chips, data_table, empty, facts, html_list, mark, num_cell,
                                        priority_text, priority_value, state_badge, status_badge)

SUMMARY, SCORES, DEPENDENCIES, TOUCHPOINTS = 10, 20, 30, 40


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "chantier" or page.item is None:
        return []
    chantier: Chantier = page.item
    views = [View("chantier_summary", summary(page, chantier), order=SUMMARY),
             View("chantier_scores", scores(page, chantier), _("Arbitration scores"), SCORES)]
    dependencies_html = dependencies(page, chantier)
    if dependencies_html:
        views.append(View("chantier_dependencies", dependencies_html, _("Dependencies"), DEPENDENCIES))
    views.append(View("chantier_touchpoints", improved(page, chantier), _("Touchpoints improved"), TOUCHPOINTS))
    return views


def priority_html(priority: float | None) -> str:
    """The priority as ``N / 100`` with a decorative bar."""
    rounded = priority_value(priority)
    if rounded is None:
        return esc(priority_text(priority))
    width = max(0, min(100, rounded))
    bar = tag("span", tag("span", "", class_="js-bar-fill", style=f"width:{width}%"), class_="js-bar",
              aria_hidden="true")
    return tag("span", esc(priority_text(priority)), class_="js-priority") + " " + bar


def summary(page: PageContext, chantier: Chantier) -> str:
    context = page.context
    computed = context.computed
    quadrant = computed.quadrant.get(chantier.id)
    department = computed.departments.of_chantier.get(chantier.id)
    rows = [(_("Status"), status_badge(chantier.status)),
            (_("Department"), page.item_link("department", department) if department else ""),
            (_("Owner"), esc(chantier.owner)),
            (_("Planned delivery"), esc(quarter(chantier.quarter))),
            (_("Budget"), esc(money(chantier.budget, context.site.referential.currency))
             if chantier.budget is not None else ""),
            (_("Priority"), priority_html(computed.priority.get(chantier.id))),
            (_("Quadrant"), esc(QUADRANT.label(quadrant)) if quadrant else ""),
            (_("Objectives"), chips(OBJECTIVE.label(o) for o in chantier.objectives)),
            (_("Touchpoints"), esc(len(computed.index.touchpoints_of(chantier.id))))]
    return tag("div", facts(rows), class_="js-chantier-summary")


def scores(page: PageContext, chantier: Chantier) -> str:
    columns = [Column(_("Criterion"), main=True), Column(_("Weight"), numeric=True),
               Column(_("Score (1 to 5)"), numeric=True), Column(_("Inverse"))]
    rows = []
    for criterion in page.context.site.referential.criteria:
        score = chantier.scores.get(criterion.id)
        inverse = (Cell(mark("inverse", _("yes"), _("Inverse criterion: the higher the score, the lower the priority")),
                        "1") if criterion.inverse else Cell(esc(_("no")), "0"))
        rows.append([esc(criterion.label), num_cell(criterion.weight), num_cell(score), inverse])
    if not rows:
        return tag("div", empty(_("None")), class_="js-chantier-scores")
    return tag("div", data_table(columns, rows, sortable=False), class_="js-chantier-scores")


def dependencies(page: PageContext, chantier: Chantier) -> str:
    context = page.context
    site = context.site

    def item(chantier_id: str) -> str:
        other = site.chantiers.get(chantier_id)
        return page.item_link("chantier", chantier_id) + (f" {status_badge(other.status)}" if other else "")

    required_by = sorted((c for c in site.chantiers_depending_on(chantier.id) if c.id != chantier.id),
                         key=lambda c: (c.title.casefold(), c.id))
    rows = [(_("Depends on"), html_list((item(c) for c in chantier.depends_on), class_="js-chantier-list")),
            (_("Required by"), html_list((item(c.id) for c in required_by), class_="js-chantier-list"))]
    body = facts(rows)
    return tag("div", body, class_="js-chantier-dependencies") if body else ""


def improved(page: PageContext, chantier: Chantier) -> str:
    context = page.context
    site = context.site
    referential = site.referential
    refs = context.computed.index.touchpoints_of(chantier.id)
    rows = []
    for ref in refs:
        listed = site.listed(ref)
        if listed is None:
            continue
        touchpoint = listed.touchpoint
        level = referential.emotion(touchpoint.emotion)
        action = page.item_link("journey", listed.journey_id, touchpoint.action,
                                anchor=touchpoint_anchor(touchpoint.id))
        if touchpoint.step:
            action = tag("span", esc(touchpoint.step), class_="js-cell-note") + " " + action
        rows.append([Cell(page.item_link("journey", listed.journey_id) + " " + state_badge(listed.journey_state),
                          listed.journey_title),
                     esc(referential.stage_label(touchpoint.stage)),
                     page.item_link("channel", touchpoint.channel),
                     Cell(action, touchpoint.action),
                     Cell(emotion_badge(level, referential, _("Emotion not given")),
                          str(level.score) if level else "")])
    if not rows:
        return tag("div", empty(_("No touchpoint.")), class_="js-chantier-touchpoints")
    columns = [Column(_("Journey"), main=True), Column(_("Stage")), Column(_("Channel")),
               Column(_("Touchpoint"), main=True), Column(_("Emotion"))]
    # out of the search index: each row repeats a touchpoint of a journey page
    return tag("div", data_table(columns, rows, searched=False), class_="js-chantier-touchpoints")
