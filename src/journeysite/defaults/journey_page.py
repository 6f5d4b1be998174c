"""The journey page: a header (personas, state, target, objectives, indicators) and
every touchpoint, grouped by stage in the order the customer lives them."""
from __future__ import annotations

from itertools import groupby

from journeysite import hookimpl
from journeysite.model import TARGET, Journey, Touchpoint
from journeysite.pages import PageContext, View, touchpoint_anchor
from journeysite.render.emotion import badge as emotion_badge
from journeysite.render.emotion import slot
from journeysite.render.html import esc, tag
from journeysite.render.widgets import (chips, css_token, facts, html_list, indicator_tiles, mark, metrics_list,
                                        quotes, state_badge, status_badge, text_list)

HEADER, TOUCHPOINTS = 10, 50


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "journey" or page.item is None:
        return []
    journey: Journey = page.item
    labels = page.context.labels
    return [View("journey_header", header(page, journey), order=HEADER),
            View("journey_touchpoints", touchpoints(page, journey), labels["touchpoints"], TOUCHPOINTS)]


def header(page: PageContext, journey: Journey) -> str:
    context = page.context
    labels, site = context.labels, context.site
    personas = html_list((page.item_link("persona", p) for p in journey.personas), class_="js-inline-list")
    rows = [(labels["personas"] if len(journey.personas) > 1 else labels["persona"], personas),
            (labels["state"], state_badge(journey.state, labels))]
    if journey.target:
        rows.append((labels["target_journey"], page.item_link("journey", journey.target)))
    if journey.state == TARGET:
        current = sorted((j for j in site.journeys_targeting(journey.id) if j.id != journey.id),
                         key=lambda j: (j.title.casefold(), j.id))
        rows.append((labels["current_journey"],
                     html_list((page.item_link("journey", j.id) for j in current), class_="js-inline-list")))
    rows.append((labels["objectives"], chips(labels("objective", o) for o in journey.objectives)))
    rows.append((labels["tags"], chips(journey.tags)))
    tiles = indicator_tiles(context.computed.journey_indicators.get(journey.id, ()))
    return tag("div", facts(rows) + tiles, class_=f"js-journey-header js-journey-{css_token(journey.state)}")


def touchpoints(page: PageContext, journey: Journey) -> str:
    labels, referential = page.context.labels, page.context.site.referential
    if not journey.touchpoints:
        return tag("div", tag("p", esc(labels["no_touchpoints"]), class_="js-empty"), class_="js-touchpoints")
    groups = []
    for stage_id, members in groupby(journey.touchpoints, key=lambda t: t.stage):
        title = tag("h3", esc(referential.stage_label(stage_id)), class_="js-stage-title")
        items = "".join(tag("li", touchpoint(page, journey, t)) for t in members)
        groups.append(tag("section", title + tag("ol", items, class_="js-tp-list"),
                          class_=f"js-stage js-stage-{css_token(stage_id)}", data_stage=stage_id))
    return tag("div", "".join(groups), class_="js-touchpoints")


def importance(touchpoint: Touchpoint, page: PageContext) -> str:
    labels = page.context.labels
    parts = [tag("span", f"{esc(labels[key])} {tag('strong', esc(value))}/5", class_="js-importance")
             for key, value in (("customer", touchpoint.importance_customer),
                                ("business", touchpoint.importance_business)) if value is not None]
    return " ".join(parts)


def linked_chantiers(page: PageContext, journey: Journey, touchpoint: Touchpoint) -> str:
    return chantiers_of_touchpoint(page, journey.id, touchpoint)


def chantiers_of_touchpoint(page: PageContext, journey_id: str, touchpoint: Touchpoint) -> str:
    """The chantiers improving a touchpoint of journey ``journey_id``, linked, each with its status."""
    context = page.context
    items = []
    for chantier_id in context.computed.index.chantiers_of(journey_id, touchpoint.id):
        chantier = context.site.chantiers.get(chantier_id)
        status = f" {status_badge(chantier.status, context.labels)}" if chantier else ""
        items.append(page.item_link("chantier", chantier_id) + status)
    return html_list(items, class_="js-chantier-list")


def touchpoint(page: PageContext, journey: Journey, t: Touchpoint) -> str:
    context = page.context
    labels, referential = context.labels, context.site.referential
    anchor = touchpoint_anchor(t.id)
    level = referential.emotion(t.emotion)
    head = ""
    if t.step:
        head += tag("p", esc(t.step), class_="js-tp-step")
    head += tag("h4", esc(t.action) + " " + tag("a", esc(t.id), href=f"#{anchor}", class_="js-tp-permalink",
                                                  title=labels["permalink"]), class_="js-tp-action")
    meta = [page.item_link("channel", t.channel, class_="js-tp-channel"),
            emotion_badge(level, referential, labels["no_emotion"])]
    if t.moment_of_truth:
        meta.append(mark("mot", labels["moment_of_truth"]))
    if t.rupture:
        meta.append(mark("rupture", labels["rupture"]))
    head += tag("p", " ".join(meta), class_="js-tp-meta")
    details = facts([
        (labels["importance"], importance(t, page)),
        (labels["expectations"], text_list(t.expectations)),
        (labels["irritants"], text_list(t.irritants, "js-list js-irritants")),
        (labels["enchantements"], text_list(t.enchantements, "js-list js-enchantements")),
        (labels["verbatims"], quotes(t.verbatims)),
        (labels["metrics"], metrics_list(dict(t.metrics), labels, context.site.language)),
        (labels["data"], chips(t.data)),
        (labels["contact_reasons"], text_list(t.contact_reasons)),
        (labels["owner"], esc(t.owner)),
        (labels["chantiers"], linked_chantiers(page, journey, t)),
    ], class_="js-facts js-tp-details")
    classes = ["js-tp", "js-card", f"js-tp-emo-{slot(level, referential)}" if level else "js-tp-emo-none"]
    if t.moment_of_truth:
        classes.append("js-tp-mot")
    if t.rupture:
        classes.append("js-tp-rupture")
    return tag("article", tag("header", head, class_="js-tp-head") + details, id=anchor, class_=" ".join(classes),
               data_emotion=level.id if level else None)
