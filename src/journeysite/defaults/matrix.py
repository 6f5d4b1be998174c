"""The channel x stage matrix (matrice canaux - étapes): of a journey, and of all of a persona's journeys.

Channels are the rows (referential order, only those used), stages the columns
(the journey's ``stages`` order; micro-steps as sub-columns where given). Each
touchpoint is a card in its cell: number (its position in the journey), action
(linking to its details), emotion (colour and face), moment-of-truth and
rupture marks (icon and abbreviation), and links to its chantiers. Columns follow
the order lived: a stage that comes back later (a loop) is a new block of columns,
as in the emotion curve. A persona's matrix gathers their journeys of one state
(current or target) by stage.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, find, one_state
from journeysite.formatting import unbreakable
from journeysite.i18n import N_, _, translate
from journeysite.model import STATES, TARGET, Journey, Site, Touchpoint
from journeysite.pages import PageContext, View, touchpoint_anchor
from journeysite.render.emotion import badge, slot
from journeysite.render.html import NOT_SEARCHED, esc, link, tag
from journeysite.render.svg import MOMENT_OF_TRUTH, RUPTURE, icon

EMBEDDABLE = ("matrix", "persona-matrix")
JOURNEY_ORDER, PERSONA_ORDER = 20, 40
PERSONA_MATRICES = {STATES[0]: N_("Channel × stage matrix of their current journeys"),
                    STATES[1]: N_("Channel × stage matrix of their target journeys")}


@dataclass(frozen=True)
class Placed:
    """A touchpoint with its journey and its position there (1-based, chronological)."""

    journey: Journey
    touchpoint: Touchpoint
    position: int


def placed(journey: Journey) -> list[Placed]:
    """The touchpoints of ``journey`` in order, numbered from 1."""
    return [Placed(journey, t, n) for n, t in enumerate(journey.touchpoints, start=1)]


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


# The marks a touchpoint may carry, in the order they are drawn, with their label and its abbreviation.
MARKS = {MOMENT_OF_TRUTH: (N_("Moment of truth"), N_("MoT")), RUPTURE: (N_("Breakpoint"), N_("BP"))}


def marks_of(touchpoint: Touchpoint) -> list[str]:
    """The kinds of mark ``touchpoint`` carries (keys of ``MARKS``), in their order."""
    return [kind for kind, flag in ((MOMENT_OF_TRUTH, touchpoint.moment_of_truth), (RUPTURE, touchpoint.rupture))
            if flag]


def mark_badges(touchpoint: Touchpoint) -> str:
    """Moment-of-truth and rupture marks: an icon and an abbreviation (never colour alone)."""
    return " ".join(tag("span", icon(kind) + tag("abbr", esc(translate(MARKS[kind][1])), title=translate(MARKS[kind][0])),
                        class_=f"js-mark js-mark-{kind}") for kind in marks_of(touchpoint))


def emotion_class(touchpoint: Touchpoint, site: Site) -> str:
    level = site.referential.emotion(touchpoint.emotion)
    return f"js-emo-{slot(level, site.referential)}" if level else "js-emo-none"


# -- the matrix ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Block:
    """The columns under one stage header: its cards, and its steps as sub-columns (None: one column)."""

    stage: str
    cards: tuple[Placed, ...] = ()
    steps: tuple[str, ...] | None = None


def runs(journey: Journey) -> list[tuple[str, list[Placed]]]:
    """Consecutive touchpoints of the same stage, in order (a stage that comes back starts a new run)."""
    result: list[tuple[str, list[Placed]]] = []
    for p in placed(journey):
        if result and result[-1][0] == p.touchpoint.stage:
            result[-1][1].append(p)
        else:
            result.append((p.touchpoint.stage, [p]))
    return result


def shown_stages(journey: Journey) -> tuple[str, ...]:
    """The stages a journey's matrix shows, in order: those its ``stages`` list names (an empty one is a
    gap worth showing), else only those its touchpoints use (``journey.stages`` is then every stage)."""
    if "stages" in journey.location.key_lines:
        return journey.stages
    used = {t.stage for t in journey.touchpoints}
    return tuple(stage for stage in journey.stages if stage in used)


def journey_blocks(journey: Journey) -> list[Block]:
    """A journey's columns in the order lived: one block per run (a loop back to a stage is a block
    of its own), each with its steps; a stage its ``stages`` list names with no touchpoint is an empty
    block where that list puts it (``shown_stages``)."""
    stages = shown_stages(journey)
    order = {stage: n for n, stage in enumerate(stages)}
    visited = {t.stage for t in journey.touchpoints}
    pending = [stage for stage in stages if stage not in visited]
    blocks = []
    for stage, cards in runs(journey):
        while pending and order[pending[0]] < order.get(stage, len(order)):
            blocks.append(Block(pending.pop(0)))
        steps = tuple(dict.fromkeys(p.touchpoint.step for p in cards))
        blocks.append(Block(stage, tuple(cards), steps if any(steps) else None))
    return blocks + [Block(stage) for stage in pending]


def stage_blocks(stage_ids: Iterable[str], cards: list[Placed]) -> list[Block]:
    """One block per stage (then any other stage the cards name), without steps: several journeys at once."""
    stages = list(dict.fromkeys(stage_ids))
    stages += [s for s in dict.fromkeys(p.touchpoint.stage for p in cards) if s not in stages]
    return [Block(stage, tuple(p for p in cards if p.touchpoint.stage == stage)) for stage in stages]


def channel_rows(site: Site, cards: list[Placed]) -> list[str]:
    """Channels used by ``cards``, in referential order (unknown ones last, as written)."""
    used = dict.fromkeys(p.touchpoint.channel for p in cards)
    known = [c.id for c in site.referential.channels if c.id in used]
    return known + [c for c in used if c not in known]


def card(p: Placed, page: PageContext, show_journey: bool = False) -> str:
    """One touchpoint as a card of the matrix."""
    site = page.context.site
    t = p.touchpoint
    href = touchpoint_href(page, p.journey.id, t.id)
    classes = ["js-mcard", emotion_class(t, site)]
    classes += ["js-mcard-mot"] * t.moment_of_truth + ["js-mcard-rupture"] * t.rupture
    classes += ["js-mcard-target"] * (p.journey.state == TARGET)
    # A card is a grid (assets/journeymap.css): number and emotion side by side, then one row each.
    parts = [tag("a", str(p.position), href=href, class_="js-mcard-num",
                 title=_("Touchpoint {position}: see details", position=p.position)),
             badge(site.referential.emotion(t.emotion), site.referential, _("Not given"),
                   _("Emotion not given"))]
    if show_journey:
        parts.append(page.item_link("journey", p.journey.id, class_="js-mcard-journey"))
    parts.append(link(href, esc(unbreakable(t.action)), class_="js-mcard-action"))
    marks = mark_badges(t)
    if marks:
        parts.append(tag("div", marks, class_="js-mcard-marks"))
    chantiers = chantier_links(page, p.journey.id, t.id)
    if chantiers:
        parts.append(tag("ul", "".join(tag("li", c) for c in chantiers), class_="js-mcard-chantiers",
                         aria_label=_("Workstreams")))
    return tag("div", "".join(parts), class_=" ".join(classes))


def matrix_table(blocks: list[Block], page: PageContext, caption: str, show_journey: bool = False,
                 caption_class: str = "") -> str:
    """The matrix of ``blocks`` as an HTML table inside a horizontally scrollable region, with its legend."""
    site = page.context.site
    two_rows = any(block.steps is not None for block in blocks)
    rowspan = "2" if two_rows else None
    first = [tag("th", esc(_("Channel \\ Stage")), scope="col", rowspan=rowspan, class_="js-matrix-corner")]
    second = []
    columns: list[tuple[int, str | None]] = []  # (block number, step or None) of each body column
    for number, block in enumerate(blocks):
        label = esc(site.referential.stage_label(block.stage) or _("(stage not given)"))
        if block.steps is None:
            first.append(tag("th", label, scope="col", rowspan=rowspan, class_="js-matrix-stage"))
            columns.append((number, None))
            continue
        first.append(tag("th", label, scope="col", colspan=str(len(block.steps)) if len(block.steps) > 1 else None,
                         class_="js-matrix-stage"))
        second += [tag("th", esc(unbreakable(step)), scope="col", class_="js-matrix-step") if step
                   else tag("th", esc(_("no micro-step")), scope="col", class_="js-matrix-step js-matrix-nostep")
                   for step in block.steps]
        columns += [(number, step) for step in block.steps]
    head = tag("tr", "".join(first)) + (tag("tr", "".join(second)) if second else "")
    cells: dict[tuple[str, int, str | None], list[Placed]] = {}
    for number, block in enumerate(blocks):
        for p in block.cards:
            step = p.touchpoint.step if block.steps is not None else None
            cells.setdefault((p.touchpoint.channel, number, step), []).append(p)
    rows = []
    for channel in channel_rows(site, [p for block in blocks for p in block.cards]):
        row = [tag("th", esc(site.referential.channel_label(channel) or _("(channel not given)")), scope="row",
                   class_="js-matrix-channel")]
        for number, step in columns:
            found = cells.get((channel, number, step), [])
            row.append(f"<td>{''.join(card(p, page, show_journey) for p in found)}</td>")  # styled by :empty
        rows.append(tag("tr", "".join(row)))
    # Out of the search index: the cards repeat the touchpoints (no <table> inside it).
    table = tag("table", tag("caption", caption, class_=caption_class or None) + tag("thead", head)
                + tag("tbody", "".join(rows)), class_="js-matrix", **NOT_SEARCHED)
    region = tag("div", table, class_="js-matrix-scroll", tabindex="0", role="region",
                 aria_label=_("Channel × stage matrix"))
    return region + matrix_legend([p.touchpoint for block in blocks for p in block.cards])


def matrix_legend(touchpoints: list[Touchpoint]) -> str:
    """What the marks on the cards mean, for the marks they carry ('' when none); each card
    writes its emotion in words, so the faces need no legend."""
    carried = {kind for t in touchpoints for kind in marks_of(t)}
    items = [tag("li", icon(kind) + " " + tag("abbr", esc(translate(abbreviation))) + esc(_(": ") + translate(label)))
             for kind, (label, abbreviation) in MARKS.items() if kind in carried]
    return tag("ul", "".join(items), class_="js-legend js-matrix-legend", aria_label=_("Legend")) if items else ""


def journey_matrix(journey: Journey, page: PageContext, caption_class: str = "") -> str:
    caption = esc(_("Channel × stage matrix: {title}", title=journey.title))
    return matrix_table(journey_blocks(journey), page, caption, caption_class=caption_class)


def persona_matrix(persona_id: str, state: str, page: PageContext, caption_class: str = "") -> str | None:
    """The matrix of the persona's journeys in ``state`` (current or target: the lived and the imagined
    are never mixed), cards labelled by journey; None when those journeys have no touchpoint."""
    site = page.context.site
    journeys = site.journeys_of(persona_id, state)
    cards = [p for j in journeys for p in placed(j)]
    if not cards:
        return None
    used = {s for j in journeys for s in shown_stages(j)}
    stages = [s.id for s in site.referential.stages if s.id in used]
    name = site.personas[persona_id].name if persona_id in site.personas else persona_id
    caption = esc(_("{title}: {name}", title=translate(PERSONA_MATRICES[state]), name=name))
    return matrix_table(stage_blocks(stages, cards), page, caption, show_journey=True, caption_class=caption_class)


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind == "journey" and page.item is not None and page.item.touchpoints:
        return [View("matrix", journey_matrix(page.item, page, "js-sr-only"), _("Channel × stage matrix"), JOURNEY_ORDER)]
    if page.kind == "persona" and page.item is not None:
        views = []
        for offset, state in enumerate(STATES):
            html = persona_matrix(page.item.id, state, page, "js-sr-only")
            if html:
                views.append(View(f"persona_matrix_{state}", html, translate(PERSONA_MATRICES[state]),
                                  PERSONA_ORDER + offset))
        return views
    return []


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name == "matrix":
        expect_params(name, params, required=("journey",))
        journey = find("journey", params, page)
        return journey_matrix(journey, page)
    if name == "persona-matrix":
        expect_params(name, params, required=("persona",), optional=("state",))
        persona = find("persona", params, page)
        state = one_state(name, params)
        return persona_matrix(persona.id, state, page) or tag("p", esc(_("No touchpoint.")),
                                                              class_="js-empty")
    return None
