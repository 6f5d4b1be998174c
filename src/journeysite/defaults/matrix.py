"""The channel x stage matrix (matrice canaux - étapes): of a journey, and of all of a persona's journeys.

Channels are the rows (referential order, only those used), stages the columns
(the journey's ``stages`` order; micro-steps as sub-columns where given). Each
touchpoint is a card in its cell: number (its position in the journey), action
(linking to its details), emotion (colour and face), moment-of-truth and
rupture marks (icon and abbreviation), and links to its chantiers. A stage that
comes back later (a loop) puts several cards in one cell, in chronological order.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, find
from journeysite.i18n import Labels
from journeysite.model import TARGET, Journey, Site, Touchpoint
from journeysite.pages import PageContext, View, touchpoint_anchor
from journeysite.render.emotion import badge, slot
from journeysite.render.html import NOT_SEARCHED, esc, link, tag
from journeysite.render.svg import MOMENT_OF_TRUTH, RUPTURE, icon

EMBEDDABLE = ("matrix", "persona-matrix")
JOURNEY_ORDER, PERSONA_ORDER = 20, 40


@dataclass(frozen=True)
class Placed:
    """A touchpoint with its journey and its position there (1-based, chronological)."""

    journey: Journey
    touchpoint: Touchpoint
    position: int


def placed(journey: Journey) -> list[Placed]:
    """The touchpoints of ``journey`` in order, numbered from 1."""
    return [Placed(journey, t, n) for n, t in enumerate(journey.touchpoints, start=1)]


def persona_journeys(site: Site, persona_id: str) -> list[Journey]:
    """The journeys of a persona, by id."""
    return [site.journeys[j] for j in sorted(site.journeys) if persona_id in site.journeys[j].personas]


# -- links and marks, shared by the other journey map views ---------------------------------

def touchpoint_href(page: PageContext, journey_id: str, touchpoint_id: str) -> str | None:
    """A link to a touchpoint's details: ``#tp-ID`` on its own journey page, else to that page."""
    anchor = touchpoint_anchor(touchpoint_id)
    if page.kind == "journey" and page.page.item_id == journey_id:
        return f"#{anchor}"
    return page.item_href("journey", journey_id, anchor)


def chantier_links(page: PageContext, journey_id: str, touchpoint_id: str) -> list[str]:
    """Links to the chantiers of a touchpoint (from the index, both sides)."""
    return [page.item_link("chantier", c) for c in page.context.computed.index.chantiers_of(journey_id, touchpoint_id)]


def mark_badges(touchpoint: Touchpoint, labels: Labels) -> str:
    """Moment-of-truth and rupture marks: an icon and an abbreviation (never colour alone)."""
    parts = []
    for flag, kind, key in ((touchpoint.moment_of_truth, MOMENT_OF_TRUTH, "moment_of_truth"),
                            (touchpoint.rupture, RUPTURE, "rupture")):
        if flag:
            parts.append(tag("span", icon(kind) + tag("abbr", esc(labels[f"{key}_abbr"]), title=labels[key]),
                             class_=f"js-mark js-mark-{kind}"))
    return " ".join(parts)


def emotion_class(touchpoint: Touchpoint, site: Site) -> str:
    level = site.referential.emotion(touchpoint.emotion)
    return f"js-emo-{slot(level, site.referential)}" if level else "js-emo-none"


# -- the matrix ----------------------------------------------------------------------------

Column = tuple[str, "list[str] | None"]  # (stage id, its step labels, or None without sub-columns)


def stage_columns(stage_ids: Iterable[str], cards: list[Placed], with_steps: bool) -> list[Column]:
    """Stages in order (plus any stage a touchpoint names outside them), each with its steps."""
    stages = list(dict.fromkeys(stage_ids))
    stages += [s for s in dict.fromkeys(p.touchpoint.stage for p in cards) if s not in stages]
    columns: list[Column] = []
    for stage in stages:
        steps = list(dict.fromkeys(p.touchpoint.step for p in cards if p.touchpoint.stage == stage))
        columns.append((stage, steps if with_steps and any(steps) else None))
    return columns


def channel_rows(site: Site, cards: list[Placed]) -> list[str]:
    """Channels used by ``cards``, in referential order (unknown ones last, as written)."""
    used = dict.fromkeys(p.touchpoint.channel for p in cards)
    known = [c.id for c in site.referential.channels if c.id in used]
    return known + [c for c in used if c not in known]


def card(p: Placed, page: PageContext, show_journey: bool = False) -> str:
    """One touchpoint as a card of the matrix."""
    site, labels = page.context.site, page.context.labels
    t = p.touchpoint
    href = touchpoint_href(page, p.journey.id, t.id)
    classes = ["js-mcard", emotion_class(t, site)]
    classes += ["js-mcard-mot"] * t.moment_of_truth + ["js-mcard-rupture"] * t.rupture
    classes += ["js-mcard-target"] * (p.journey.state == TARGET)
    # A card is a grid (assets/journeymap.css): number and emotion side by side, then one row each.
    parts = [tag("a", str(p.position), href=href, class_="js-mcard-num",
                 title=f"{labels['touchpoint']} {p.position}{labels['colon']}{labels['details']}"),
             badge(site.referential.emotion(t.emotion), site.referential, labels["no_emotion"])]
    if show_journey:
        title = p.journey.title + (f" ({labels['state_target']})" if p.journey.state == TARGET else "")
        parts.append(page.item_link("journey", p.journey.id, title, class_="js-mcard-journey"))
    parts.append(link(href, esc(t.action), class_="js-mcard-action"))
    marks = mark_badges(t, labels)
    if marks:
        parts.append(tag("div", marks, class_="js-mcard-marks"))
    chantiers = chantier_links(page, p.journey.id, t.id)
    if chantiers:
        parts.append(tag("ul", "".join(tag("li", c) for c in chantiers), class_="js-mcard-chantiers",
                         aria_label=labels["chantiers"]))
    return tag("div", "".join(parts), class_=" ".join(classes))


def matrix_table(cards: list[Placed], stage_ids: Iterable[str], page: PageContext, caption: str,
                 with_steps: bool = True, show_journey: bool = False, caption_class: str = "") -> str:
    """The matrix of ``cards`` as an HTML table inside a horizontally scrollable region."""
    site, labels = page.context.site, page.context.labels
    columns = stage_columns(stage_ids, cards, with_steps)
    two_rows = any(steps is not None for _, steps in columns)
    rowspan = "2" if two_rows else None
    first = [tag("th", esc(labels["matrix_corner"]), scope="col", rowspan=rowspan, class_="js-matrix-corner")]
    second = []
    for stage, steps in columns:
        label = esc(_stage_label(site, stage))
        if steps is None:
            first.append(tag("th", label, scope="col", rowspan=rowspan, class_="js-matrix-stage"))
            continue
        first.append(tag("th", label, scope="col", colspan=str(len(steps)) if len(steps) > 1 else None,
                         class_="js-matrix-stage"))
        second += [tag("th", esc(step), scope="col", class_="js-matrix-step") if step
                   else tag("td", "", class_="js-matrix-step js-matrix-nostep") for step in steps]
    head = tag("tr", "".join(first)) + (tag("tr", "".join(second)) if second else "")
    stepped = {stage for stage, steps in columns if steps is not None}
    cells: dict[tuple[str, str, str | None], list[Placed]] = {}
    for p in cards:
        t = p.touchpoint
        cells.setdefault((t.channel, t.stage, t.step if t.stage in stepped else None), []).append(p)
    rows = []
    for channel in channel_rows(site, cards):
        label = site.referential.channel(channel)
        row = [tag("th", esc(label.label if label else channel), scope="row", class_="js-matrix-channel")]
        for stage, steps in columns:
            for step in (steps if steps is not None else [None]):
                found = cells.get((channel, stage, step), [])
                row.append(f"<td>{''.join(card(p, page, show_journey) for p in found)}</td>")  # styled by :empty
        rows.append(tag("tr", "".join(row)))
    # Out of the search index: the cards repeat the touchpoints (no <table> inside it).
    table = tag("table", tag("caption", caption, class_=caption_class or None) + tag("thead", head)
                + tag("tbody", "".join(rows)), class_="js-matrix", **NOT_SEARCHED)
    return tag("div", table, class_="js-matrix-scroll", tabindex="0", role="region",
               aria_label=labels["matrix_title"])


def _stage_label(site: Site, stage_id: str) -> str:
    stage = site.referential.stage(stage_id)
    return stage.label if stage else stage_id


def journey_matrix(journey: Journey, page: PageContext, caption_class: str = "") -> str:
    labels = page.context.labels
    caption = esc(f"{labels['matrix_title']}{labels['colon']}{journey.title}")
    return matrix_table(placed(journey), journey.stages, page, caption, caption_class=caption_class)


def persona_matrix(persona_id: str, page: PageContext, caption_class: str = "") -> str | None:
    """The matrix of all the persona's journeys, cards labelled by journey (None when they have no touchpoint)."""
    site, labels = page.context.site, page.context.labels
    journeys = persona_journeys(site, persona_id)
    cards = [p for j in journeys for p in placed(j)]
    if not cards:
        return None
    used = {s for j in journeys for s in j.stages}
    stages = [s.id for s in site.referential.stages if s.id in used]
    name = site.personas[persona_id].name if persona_id in site.personas else persona_id
    caption = esc(f"{labels['persona_matrix_title']}{labels['colon']}{name}")
    return matrix_table(cards, stages, page, caption, with_steps=False, show_journey=True, caption_class=caption_class)


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    labels = page.context.labels
    if page.kind == "journey" and page.item is not None and page.item.touchpoints:
        return [View("matrix", journey_matrix(page.item, page, "js-sr-only"), labels["matrix_title"], JOURNEY_ORDER)]
    if page.kind == "persona" and page.item is not None:
        html = persona_matrix(page.item.id, page, "js-sr-only")
        return [View("persona_matrix", html, labels["persona_matrix_title"], PERSONA_ORDER)] if html else []
    return []


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name == "matrix":
        expect_params(name, params, required=("journey",))
        journey = find("journey", params, page)
        return journey_matrix(journey, page)
    if name == "persona-matrix":
        expect_params(name, params, required=("persona",))
        persona = find("persona", params, page)
        return persona_matrix(persona.id, page) or tag("p", esc(page.context.labels["no_touchpoints"]),
                                                       class_="js-empty")
    return None
