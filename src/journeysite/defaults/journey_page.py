"""The journey page: a header (personas, state, target, objectives, indicators) and
every touchpoint, grouped by stage in the order the customer lives them."""
from __future__ import annotations

from itertools import groupby

from journeysite import hookimpl
from journeysite.enumerations import OBJECTIVE
from journeysite.i18n import _
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
    return [View("journey_header", header(page, journey), order=HEADER),
            View("journey_touchpoints", touchpoints(page, journey), _("Touchpoints"), TOUCHPOINTS)]


def header(page: PageContext, journey: Journey) -> str:
    context = page.context
    site = context.site
    personas = html_list((page.item_link("persona", p) for p in journey.personas), class_="js-inline-list")
    rows = [(_("Personas") if len(journey.personas) > 1 else _("Persona"), personas),
            (_("State"), state_badge(journey.state))]
    if journey.target:
        rows.append((_("Target journey"), page.item_link("journey", journey.target)))
    if journey.state == TARGET:
        current = sorted((j for j in site.journeys_targeting(journey.id) if j.id != journey.id),
                         key=lambda j: (j.title.casefold(), j.id))
        rows.append((_("Current journey"),
                     html_list((page.item_link("journey", j.id) for j in current), class_="js-inline-list")))
    rows.append((_("Objectives"), chips(OBJECTIVE.label(o) for o in journey.objectives)))
    rows.append((_("Tags"), chips(journey.tags)))
    tiles = indicator_tiles(context.computed.journey_indicators.get(journey.id, ()))
    return tag("div", facts(rows) + tiles, class_=f"js-journey-header js-journey-{css_token(journey.state)}")


def touchpoints(page: PageContext, journey: Journey) -> str:
    referential = page.context.site.referential
    if not journey.touchpoints:
        return tag("div", tag("p", esc(_("No touchpoint.")), class_="js-empty"), class_="js-touchpoints")
    groups = []
    for stage_id, members in groupby(journey.touchpoints, key=lambda t: t.stage):
        title = tag("h3", esc(referential.stage_label(stage_id)), class_="js-stage-title")
        items = "".join(tag("li", touchpoint(page, journey, t)) for t in members)
        groups.append(tag("section", title + tag("ol", items, class_="js-tp-list"),
                          class_=f"js-stage js-stage-{css_token(stage_id)}", data_stage=stage_id))
    return tag("div", "".join(groups), class_="js-touchpoints")


def importance(touchpoint: Touchpoint, page: PageContext) -> str:
    parts = [tag("span", f"{esc(label)} {tag('strong', esc(value))}/5", class_="js-importance")
             for label, value in ((_("Customer"), touchpoint.importance_customer),
                                  (_("Business"), touchpoint.importance_business)) if value is not None]
    return " ".join(parts)


def linked_chantiers(page: PageContext, journey: Journey, touchpoint: Touchpoint) -> str:
    return chantiers_of_touchpoint(page, journey.id, touchpoint)


def chantiers_of_touchpoint(page: PageContext, journey_id: str, touchpoint: Touchpoint) -> str:
    """The chantiers improving a touchpoint of journey ``journey_id``, linked, each with its status."""
    context = page.context
    items = []
    for chantier_id in context.computed.index.chantiers_of(journey_id, touchpoint.id):
        chantier = context.site.chantiers.get(chantier_id)
        status = f" {status_badge(chantier.status)}" if chantier else ""
        items.append(page.item_link("chantier", chantier_id) + status)
    return html_list(items, class_="js-chantier-list")


def touchpoint(page: PageContext, journey: Journey, t: Touchpoint) -> str:
    context = page.context
    referential = context.site.referential
    anchor = touchpoint_anchor(t.id)
    level = referential.emotion(t.emotion)
    head = ""
    if t.step:
        head += tag("p", esc(t.step), class_="js-tp-step")
    head += tag("h4", esc(t.action) + " " + tag("a", esc(t.id), href=f"#{anchor}", class_="js-tp-permalink",
                                                  title=_("Link to this touchpoint")), class_="js-tp-action")
    meta = [page.item_link("channel", t.channel, class_="js-tp-channel"),
            emotion_badge(level, referential, _("Emotion not given"))]
    if t.moment_of_truth:
        meta.append(mark("mot", _("Moment of truth")))
    if t.rupture:
        meta.append(mark("rupture", _("Breakpoint")))
    head += tag("p", " ".join(meta), class_="js-tp-meta")
    details = facts([
        (_("Importance"), importance(t, page)),
        (_("Expectations"), text_list(t.expectations)),
        (_("Pain points"), text_list(t.irritants, "js-list js-irritants")),
        (_("Delights"), text_list(t.enchantements, "js-list js-enchantements")),
        (_("Verbatims"), quotes(t.verbatims)),
        (_("Metrics"), metrics_list(dict(t.metrics))),
        (_("Data collected"), chips(t.data)),
        (_("Contact reasons"), text_list(t.contact_reasons)),
        (_("Owner"), page.department_link(context.computed.departments.of_touchpoint.get(f"{journey.id}#{t.id}"))),
        (_("Workstreams"), linked_chantiers(page, journey, t)),
    ], class_="js-facts js-tp-details")
    classes = ["js-tp", "js-card", f"js-tp-emo-{slot(level, referential)}" if level else "js-tp-emo-none"]
    if t.moment_of_truth:
        classes.append("js-tp-mot")
    if t.rupture:
        classes.append("js-tp-rupture")
    return tag("article", tag("header", head, class_="js-tp-head") + details, id=anchor, class_=" ".join(classes),
               data_emotion=level.id if level else None)
