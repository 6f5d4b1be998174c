"""The chantier page: summary, arbitration scores, dependencies both ways, and the
touchpoints it improves (from the index, whichever side wrote the link)."""
from __future__ import annotations

from journeysite import hookimpl
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
    labels = page.context.labels
    views = [View("chantier_summary", summary(page, chantier), order=SUMMARY),
             View("chantier_scores", scores(page, chantier), labels["scores"], SCORES)]
    dependencies_html = dependencies(page, chantier)
    if dependencies_html:
        views.append(View("chantier_dependencies", dependencies_html, labels["dependencies"], DEPENDENCIES))
    views.append(View("chantier_touchpoints", improved(page, chantier), labels["improved_touchpoints"], TOUCHPOINTS))
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
    labels, computed = context.labels, context.computed
    quadrant = computed.quadrant.get(chantier.id)
    department = computed.departments.of_chantier.get(chantier.id)
    rows = [(labels["status"], status_badge(chantier.status, labels)),
            (labels["department"], page.item_link("department", department) if department else ""),
            (labels["owner"], esc(chantier.owner)),
            (labels["quarter"], esc(quarter(chantier.quarter))),
            (_("Budget"), esc(money(chantier.budget, context.site.referential.currency))
             if chantier.budget is not None else ""),
            (labels["priority"], priority_html(computed.priority.get(chantier.id))),
            (labels["quadrant"], esc(labels("quadrant", quadrant)) if quadrant else ""),
            (labels["objectives"], chips(labels("objective", o) for o in chantier.objectives)),
            (labels["touchpoints"], esc(len(computed.index.touchpoints_of(chantier.id))))]
    return tag("div", facts(rows), class_="js-chantier-summary")


def scores(page: PageContext, chantier: Chantier) -> str:
    labels, language = page.context.labels, page.context.site.language
    columns = [Column(labels["criterion"], main=True), Column(labels["weight"], numeric=True),
               Column(labels["criterion_score"], numeric=True), Column(labels["inverse"])]
    rows = []
    for criterion in page.context.site.referential.criteria:
        score = chantier.scores.get(criterion.id)
        inverse = (Cell(mark("inverse", labels["yes"], labels["inverse_help"]), "1") if criterion.inverse
                   else Cell(esc(labels["no"]), "0"))
        rows.append([esc(criterion.label), num_cell(criterion.weight, language=language),
                     num_cell(score, language=language), inverse])
    if not rows:
        return tag("div", empty(labels["none"]), class_="js-chantier-scores")
    return tag("div", data_table(columns, rows, sortable=False), class_="js-chantier-scores")


def dependencies(page: PageContext, chantier: Chantier) -> str:
    context = page.context
    labels, site = context.labels, context.site

    def item(chantier_id: str) -> str:
        other = site.chantiers.get(chantier_id)
        return page.item_link("chantier", chantier_id) + (f" {status_badge(other.status, labels)}" if other else "")

    required_by = sorted((c for c in site.chantiers.values() if chantier.id in c.depends_on and c.id != chantier.id),
                         key=lambda c: (c.title.casefold(), c.id))
    rows = [(labels["depends_on"], html_list((item(c) for c in chantier.depends_on), class_="js-chantier-list")),
            (labels["required_by"], html_list((item(c.id) for c in required_by), class_="js-chantier-list"))]
    body = facts(rows)
    return tag("div", body, class_="js-chantier-dependencies") if body else ""


def improved(page: PageContext, chantier: Chantier) -> str:
    context = page.context
    labels, site = context.labels, context.site
    referential = site.referential
    refs = context.computed.index.touchpoints_of(chantier.id)
    rows = []
    for ref in refs:
        journey_id, _hash, touchpoint_id = ref.partition("#")
        journey = site.journeys.get(journey_id)
        touchpoint = journey.touchpoint(touchpoint_id) if journey else None
        if journey is None or touchpoint is None:
            continue
        level = referential.emotion(touchpoint.emotion)
        action = page.item_link("journey", journey.id, touchpoint.action, anchor=touchpoint_anchor(touchpoint.id))
        if touchpoint.step:
            action = tag("span", esc(touchpoint.step), class_="js-cell-note") + " " + action
        rows.append([Cell(page.item_link("journey", journey.id) + " " + state_badge(journey.state, labels),
                          journey.title),
                     esc(referential.stage_label(touchpoint.stage)),
                     page.item_link("channel", touchpoint.channel),
                     Cell(action, touchpoint.action),
                     Cell(emotion_badge(level, referential, labels["no_emotion"]),
                          str(level.score) if level else "")])
    if not rows:
        return tag("div", empty(labels["no_touchpoints"]), class_="js-chantier-touchpoints")
    columns = [Column(labels["journey"], main=True), Column(labels["stage"]), Column(labels["channel"]),
               Column(labels["touchpoint"], main=True), Column(labels["emotion"])]
    # out of the search index: each row repeats a touchpoint of a journey page
    return tag("div", data_table(columns, rows, searched=False), class_="js-chantier-touchpoints")
