"""The map of journeys: personas, their journeys, and each current journey's target (drawn by Graphviz).

Three columns, left to right: the personas; their current journeys (what they
live today: a box coloured by the mean emotion of its touchpoints, with its face,
as the heatmap colours a cell); the target journeys (dashed), each joined to the
current journey that names it, with its delivery progress. Every box links to its
page. Only embedded, for a home page: ``::: journeysite journey-map`` (all
personas) or ``persona=ID`` (one persona's journeys).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, find
from journeysite.defaults.heatmap import mean_score, nearest_level
from journeysite.defaults.matrix import placed
from journeysite.diagrams import draw
from journeysite.formatting import percent
from journeysite.i18n import _, ngettext
from journeysite.model import TARGET, Journey, Site
from journeysite.pages import PageContext
from journeysite.render.dot import INK, Graph, cells, html_text, icon_cell, styled_graph, table, wrap
from journeysite.render.emotion import COLOURS, slot
from journeysite.render.html import esc, tag
from journeysite.render.svg import line_sample

EMBEDDABLE = ("journey-map",)
NAME = "journey-map"
TARGET_LINK = "#1f78b4"


def mapped(persona_id: str | None, page: PageContext) -> tuple[list[str], list[Journey]]:
    """The personas (ids) and journeys of the map: everyone's, or ``persona_id``'s."""
    site = page.context.site
    personas = [persona_id] if persona_id else sorted(site.personas, key=lambda p: (site.personas[p].name.casefold(), p))
    journeys = site.journeys_of(persona_id) if persona_id else site.journeys_of()
    return personas, journeys


def journey_map_graph(persona_id: str | None, page: PageContext) -> Graph | None:
    """The map of ``persona_id``'s journeys (everyone's when None); None when there is no journey."""
    site = page.context.site
    personas, journeys = mapped(persona_id, page)
    if not journeys:
        return None
    graph = styled_graph(rankdir="LR", nodesep=0.14, ranksep=0.7, splines="true", newrank=True)
    graph.node_attrs.update(width=2.1, margin="0.08,0.05")
    columns = [graph.subgraph(f"column-{n}", rank="same") for n in range(3)]
    shown = {j.id for j in journeys}
    for person in personas:
        if person in site.personas:
            persona = site.personas[person]
            rows = [f"<TD ALIGN=\"LEFT\"><B>{html_text(persona.name)}</B></TD>"]
            label = [cells(rows)] + ([cells([f'<TD ALIGN="LEFT"><FONT POINT-SIZE="8">{_line(persona.segment)}</FONT>'
                                             "</TD>"])] if persona.segment else [])
            graph.node(f"persona-{person}", columns[0], label=table(label), shape="box", style="rounded",
                       href=page.item_href("persona", person), tooltip=persona.name, **{"class": "js-map-persona"})
    for journey in journeys:
        column = columns[2] if journey.state == TARGET else columns[1]
        graph.node(f"journey-{journey.id}", column, **_box(journey, page))
        for person in journey.personas:
            if f"persona-{person}" in graph.nodes and not (journey.state == TARGET and _current_of(journey, shown, site)):
                graph.edge(f"persona-{person}", f"journey-{journey.id}")
    for journey in journeys:
        if journey.target and journey.target in shown and journey.state != TARGET:
            graph.edge(f"journey-{journey.id}", f"journey-{journey.target}", color=TARGET_LINK, style="dashed",
                       penwidth=1.8, tooltip=_("{current} → target: {target}", current=journey.title,
                                               target=site.journeys[journey.target].title),
                       **{"class": "js-map-to-target"})
    for upper, lower in zip(personas, personas[1:]):  # personas in name order, top to bottom
        if f"persona-{upper}" in graph.nodes and f"persona-{lower}" in graph.nodes:
            graph.edge(f"persona-{upper}", f"persona-{lower}", style="invis")
    return graph


def _current_of(target: Journey, shown: set[str], site: Site) -> bool:
    """Whether a current journey of the map names ``target`` (the target is then reached through it)."""
    return any(j.target == target.id and j.state != TARGET for j in site.journeys.values() if j.id in shown)


def _line(text: str) -> str:
    return html_text(wrap(text, 30, 1)[0]) if text.strip() else ""


def _box(journey: Journey, page: PageContext) -> dict:
    """A journey's box: title, facts, emotion (colour and face); dashed for a target."""
    site, computed = page.context.site, page.context.computed
    referential = site.referential
    average = mean_score(placed(journey), referential)
    level = nearest_level(average, referential) if average is not None else None
    facts = [ngettext("{count} touchpoint", "{count} touchpoints", len(journey.touchpoints))]
    progress = computed.progress.get(journey.id)
    if journey.state == TARGET and progress is not None:
        facts.append(_("delivered {share}", share=percent(progress)))
    title = '<BR ALIGN="LEFT"/>'.join(html_text(line) for line in wrap(journey.title, 28, 2))
    face = icon_cell(f"face{slot(level, referential)}" if level else "noface")
    label = table([cells([face, f'<TD ALIGN="LEFT" BALIGN="LEFT"><B>{title}</B></TD>']),
                   cells(['<TD></TD>', f'<TD ALIGN="LEFT"><FONT POINT-SIZE="8">{html_text(" · ".join(facts))}</FONT>'
                                       "</TD>"])], CELLPADDING=2)
    colour = COLOURS[slot(level, referential)] if level else INK + "80"
    state = _("Target journey") if journey.state == TARGET else _("Current journey")
    attrs: dict = {"label": label, "color": colour, "fillcolor": colour[:7] + "29", "penwidth": 1.5,
                   "href": page.item_href("journey", journey.id),
                   "tooltip": f"{journey.title}\n{state} · " + " · ".join(facts)
                              + (f" · {level.label}" if level else ""),
                   "class": f"js-map-journey js-map-{journey.state}"}
    if journey.state == TARGET:
        attrs["style"] = "rounded,filled,dashed"
    return attrs


def journey_map_html(persona_id: str | None, page: PageContext) -> str:
    """The map and its legend (a note when there is no journey)."""
    personas, journeys = mapped(persona_id, page)
    if not journeys:
        return tag("div", tag("p", esc(_("No journey yet.")), class_="js-empty"), class_="js-journey-map")
    label = _("Map of journeys") + " — " + ", ".join([
        ngettext("{count} persona", "{count} personas", len(personas)),
        ngettext("{count} journey", "{count} journeys", len(journeys))])
    items = [tag("li", esc(_("Colour and face: the mean emotion of the journey's touchpoints"))),
             tag("li", line_sample("js-map-to-target", "5 4", TARGET_LINK) + " " + esc(_("its target journey")))]
    legend = tag("ul", "".join(items), class_="js-legend", aria_label=_("Legend"))
    return tag("div", draw(page, NAME, persona_id, label) + legend, class_="js-journey-map")


@hookimpl(trylast=True)
def journeysite_graph(name: str, subject: object, page: PageContext) -> Graph | None:
    if name != NAME:
        return None
    return journey_map_graph(subject if isinstance(subject, str) else None, page)


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != NAME:
        return None
    expect_params(name, params, optional=("persona",))
    persona = find("persona", params, page).id if params.get("persona") else None
    return journey_map_html(persona, page)
