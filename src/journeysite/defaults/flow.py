"""The journey flow: the touchpoints in the order lived, as a graph in channel lanes (drawn by Graphviz).

Time runs down the page. Each channel the journey uses is a lane, a column in
the referential's order headed by the channel's name, so the path across
channels shows as the jumps between lanes. Each touchpoint is a box in its lane:
its number and action, its emotion (the box's colour and the face, as in the
matrix), a double border and a star for a moment of truth, a broken-line mark for
a rupture; it links to the touchpoint's card. An arrow joins each touchpoint to
the next: thin within a lane, thick and coloured across lanes (a channel switch),
dashed and red into a rupture. Each stage's name stands on the left, level with
its first touchpoint. A current journey and its target are shown side by side.
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, find
from journeysite.defaults.emotion_curve import counterpart
from journeysite.defaults.matrix import Placed, channel_rows, marks_of, placed, runs, touchpoint_href
from journeysite.diagrams import draw
from journeysite.i18n import _, ngettext
from journeysite.model import TARGET, Journey
from journeysite.pages import PageContext, View
from journeysite.render.dot import (BAND_CLASS, INK, Graph, Html, cells, html_text, icon_cell, styled_graph, table,
                                   wrap)
from journeysite.render.emotion import COLOURS, slot
from journeysite.render.html import esc, tag
from journeysite.render.svg import MARK_FILLS, MOMENT_OF_TRUTH, RUPTURE, icon, line_sample
from journeysite.render.widgets import empty, state_badge

EMBEDDABLE = ("flow",)
NAME = "flow"
ORDER = 40
WRAP, LINES = 24, 3          # an action's lines in its box: characters, at most
LANE = 1.75                  # a lane's width (inches), its boxes' least width
BAND = INK + "0c"            # a lane's background
SWITCH = "#1f78b4"           # a channel switch (the page's CSS gives the dark scheme its own)
BREAK = MARK_FILLS[RUPTURE]


def flow_graph(journey: Journey, page: PageContext) -> Graph:
    """The flow of ``journey`` as a DOT graph (see the module's doc); links relative to ``page``.

    A grid, so that Graphviz keeps the lanes in order and never crosses them (on its own, it
    reorders clusters, and crosses columns to save a few crossings of the flow): one rank per
    touchpoint, and in each rank a node per column (the stages' column, then one per lane): the
    touchpoint in its lane, an empty point elsewhere, in order (invisible flat edges; a flat
    edge of weight 0 would not hold). Each column is a chain of heavy invisible edges from its
    head (the channel's name) to its foot, one ``group`` (a straight column); a lane's head is
    drawn as a pale band down to the bottom of the drawing (``dot.BAND_CLASS``)."""
    site = page.context.site
    referential = site.referential
    touchpoints = placed(journey)
    channels = channel_rows(site, touchpoints)
    graph = styled_graph(rankdir="TB", newrank=True, nodesep=0.12, ranksep=0.16, outputorder="nodesfirst",
                         splines="line")
    graph.node_attrs.update(margin="0.1,0.06", width=LANE)  # room between the text and the border
    starts = {members[0].position: stage for stage, members in runs(journey)}
    lane_of = {channel: number for number, channel in enumerate(channels, start=1)}
    grid: list[list[str]] = [[] for _column in range(len(channels) + 1)]  # columns: stages, then lanes
    for column, nodes_of_column in enumerate(grid):
        head = f"head-{column}"
        nodes_of_column.append(head)
        if column == 0:
            graph.node(head, shape="point", width=0, height=0, style="invis")
        else:
            label = referential.channel_label(channels[column - 1])
            graph.node(head, shape="box", style="filled", color="transparent", fillcolor=BAND, width=LANE + 0.2,
                       label=table([cells([f"<TD><B>{_lines(label, 20)}</B></TD>"])]), tooltip=label,
                       href=page.item_href("channel", channels[column - 1]) or None,
                       **{"class": f"js-flow-lane {BAND_CLASS}"})
    for p in touchpoints:
        for column, nodes_of_column in enumerate(grid):
            if column == lane_of[p.touchpoint.channel]:
                node = graph.node(_node_id(p), **_box(p, page)).id
            elif column == 0 and p.position in starts:
                node = graph.node(f"stage-{p.position}", shape="plaintext", style="", width=0, fontcolor=INK + "b3",
                                  label=_stage_label(referential.stage_label(starts[p.position]))).id
            else:
                node = graph.node(f"cell-{column}-{p.position}", shape="point", width=0, height=0, style="invis").id
            nodes_of_column.append(node)
    for column, nodes_of_column in enumerate(grid):
        nodes_of_column.append(graph.node(f"foot-{column}", shape="point", width=0, height=0, style="invis").id)
        for upper, lower in zip(nodes_of_column, nodes_of_column[1:]):
            graph.edge(upper, lower, weight=8, style="invis")
        for node in nodes_of_column:
            graph.nodes[node].set(group=f"column-{column}")
    for row in range(len(touchpoints) + 2):  # each rank in column order
        nodes = [nodes_of_column[row] for nodes_of_column in grid]
        graph.subgraph(f"rank-{row}", rank="min" if row == 0 else "max" if row == len(touchpoints) + 1 else "same"
                       ).nodes.extend(nodes)
        for left, right in zip(nodes, nodes[1:]):
            graph.edge(left, right, style="invis")
    for before, after in zip(touchpoints, touchpoints[1:]):
        graph.edge(_node_id(before), _node_id(after), **_arrow(before, after, page))
    return graph


def _node_id(p: Placed) -> str:
    return f"tp-{p.position}"


def _stage_label(label: str) -> Html:
    return table([cells([f'<TD ALIGN="RIGHT" BALIGN="RIGHT"><B>{_lines(label, 14)}</B></TD>'])])


def _lines(text: str, width: int) -> str:
    return '<BR ALIGN="CENTER"/>'.join(html_text(line) for line in wrap(text, width, 2))


def _box(p: Placed, page: PageContext) -> dict:
    """A touchpoint's box: number, action, emotion (colour, face), marks; its tooltip and link."""
    referential = page.context.site.referential
    t = p.touchpoint
    level = referential.emotion(t.emotion)
    lines = [html_text(line) for line in wrap(t.action, WRAP, LINES)]
    text = '<BR ALIGN="LEFT"/>'.join(f"<B>{line}</B>" if t.moment_of_truth else line for line in lines)
    icons = [icon_cell(f"face{slot(level, referential)}" if level else "noface"),
             *(icon_cell(kind) for kind in marks_of(t))]
    column = f'<TD VALIGN="TOP">{table(cells([icon]) for icon in icons).markup}</TD>'
    row = [column, f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP"><B>{p.position}.</B>&#160;{text}</TD>']
    colour = COLOURS[slot(level, referential)] if level else None
    attrs: dict = {"label": table([cells(row)], CELLPADDING=1), "tooltip": _tooltip(p, page),
                   "href": touchpoint_href(page, p.journey.id, t.id),
                   "class": "js-flow-tp" + (" js-flow-mot" if t.moment_of_truth else "")
                            + (" js-flow-rupture" if t.rupture else "")}
    if colour:
        attrs.update(color=colour, fillcolor=colour + "33")
    else:
        attrs.update(color=INK + "80", fillcolor=INK + "08", style="rounded,filled,dashed")
    if t.moment_of_truth:
        attrs.update(penwidth=2.4, peripheries=2)
    return attrs


def _tooltip(p: Placed, page: PageContext) -> str:
    referential = page.context.site.referential
    t = p.touchpoint
    level = referential.emotion(t.emotion)
    facts = [referential.channel_label(t.channel), referential.stage_label(t.stage),
             level.label if level else _("Emotion not given")]
    facts += [_("Moment of truth")] * t.moment_of_truth + [_("Breakpoint")] * t.rupture
    return f"{p.position}. {t.action}\n" + " · ".join(facts)


def _arrow(before: Placed, after: Placed, page: PageContext) -> dict:
    """The arrow from one touchpoint to the next: a channel switch stands out, a rupture is broken."""
    referential = page.context.site.referential
    switch = before.touchpoint.channel != after.touchpoint.channel
    attrs: dict = {}
    if switch:
        attrs.update(color=SWITCH, penwidth=2.4, arrowsize=0.8, weight=0, **{"class": "js-flow-switch"},
                     tooltip=_("Channel switch: {source} → {target}",
                               source=referential.channel_label(before.touchpoint.channel),
                               target=referential.channel_label(after.touchpoint.channel)))
    if after.touchpoint.rupture:
        attrs.update(color=BREAK, style="dashed", penwidth=2.4, arrowsize=0.8,
                     **{"class": "js-flow-broken" + (" js-flow-switch" if switch else "")},
                     tooltip=_("Into a breakpoint: {position}. {action}", position=after.position,
                               action=after.touchpoint.action))
    return attrs


# -- the view ----------------------------------------------------------------------------------

def summary(journey: Journey) -> str:
    """What the flow shows, in words: its accessible name."""
    touchpoints = journey.touchpoints
    channels = len({t.channel for t in touchpoints})
    switches = sum(a.channel != b.channel for a, b in zip(touchpoints, touchpoints[1:]))
    return _("Journey flow: {title}", title=journey.title) + " — " + ", ".join([
        ngettext("{count} touchpoint", "{count} touchpoints", len(touchpoints)),
        ngettext("{count} channel", "{count} channels", channels),
        ngettext("{count} channel switch", "{count} channel switches", switches)])


def flow_html(journey: Journey, page: PageContext) -> str:
    """The flow of ``journey``; beside it, the flow of its target (or current) journey."""
    if not journey.touchpoints:
        return tag("div", empty(_("No touchpoint yet.")), class_="js-flow")
    other = counterpart(journey, page.context.site)
    if other is None:
        body = draw(page, NAME, journey, summary(journey))
    else:
        sides = sorted([journey, other], key=lambda j: j.state == TARGET)
        body = tag("div", "".join(_side(j, page) for j in sides), class_="js-flow-compare")
    return tag("div", body + legend(journey, other), class_="js-flow")


def _side(journey: Journey, page: PageContext) -> str:
    title = state_badge(journey.state) + " " + page.item_link("journey", journey.id)
    return tag("figure", tag("figcaption", title) + draw(page, NAME, journey, summary(journey)),
               class_="js-flow-side")


def legend(journey: Journey, other: Journey | None) -> str:
    touchpoints = [*journey.touchpoints, *(other.touchpoints if other else ())]
    items = [tag("li", line_sample("js-flow-step", stroke="currentColor") + " " + esc(_("Next touchpoint, same channel"))),
             tag("li", line_sample("js-flow-switch", stroke=SWITCH) + " " + esc(_("Channel switch")))]
    if any(t.rupture for t in touchpoints):
        items.append(tag("li", line_sample("js-flow-broken", "5 4", BREAK) + " " + esc(_("Into a breakpoint"))))
    names = {MOMENT_OF_TRUTH: _("Moment of truth"), RUPTURE: _("Breakpoint")}
    carried = {kind for t in touchpoints for kind in marks_of(t)}
    items += [tag("li", icon(kind) + " " + esc(names[kind])) for kind in (MOMENT_OF_TRUTH, RUPTURE) if kind in carried]
    return tag("ul", "".join(items), class_="js-legend js-flow-legend", aria_label=_("Legend"))


@hookimpl(trylast=True)
def journeysite_graph(name: str, subject: object, page: PageContext) -> Graph | None:
    if name != NAME or not isinstance(subject, Journey):
        return None
    return flow_graph(subject, page)


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "journey" or page.item is None or not page.item.touchpoints:
        return []
    return [View("flow", flow_html(page.item, page), _("Journey flow"), ORDER)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != NAME:
        return None
    expect_params(name, params, required=("journey",))
    journey = find("journey", params, page)
    return flow_html(journey, page)
