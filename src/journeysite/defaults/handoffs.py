"""Channel hand-offs across the site: where customers switch channels, and how it feels.

One graph of the channels (drawn by Graphviz): an arrow from channel A to channel B
for each time a touchpoint on A is followed by one on B in a current journey (what
customers live today; ``state=target`` for the target journeys), its thickness the
number of such switches, its colour the mean emotion of the touchpoints reached
(nearest level of the scale, as the heatmap), its label the count (and the volume
of the touchpoints reached, when they carry ``metrics.volume``). Each arrow leads
to its row in the table below, which lists the journeys concerned: the text
alternative of the graph. Shown on the channels index; ``::: journeysite handoffs``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params, one_state
from journeysite.defaults.heatmap import mean_score, nearest_level
from journeysite.defaults.matrix import Placed, placed
from journeysite.diagrams import draw
from journeysite.formatting import number, signed
from journeysite.i18n import _, ngettext
from journeysite.model import CURRENT, TARGET, Site
from journeysite.pages import PageContext, View
from journeysite.render.dot import INK, Graph, cells, html_text, icon_cell, styled_graph, table
from journeysite.render.emotion import COLOURS, face_class, slot
from journeysite.render.html import esc, tag
from journeysite.render.widgets import Cell, Column, Row, data_table, empty, num_cell

EMBEDDABLE = ("handoffs",)
NAME = "handoffs"
ORDER = 60              # on the channels index, below its table
SHOWN_JOURNEYS = 8      # journeys listed in a row before the others fold away
WIDEST = 9.0            # the thickest arrow, in points


@dataclass
class Handoff:
    """Every switch from channel ``source`` to channel ``target``: the touchpoints reached."""

    source: str
    target: str
    reached: list[Placed] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"handoff-{self.source}-{self.target}"

    def volume(self) -> float | None:
        volumes = [p.touchpoint.metrics["volume"] for p in self.reached if "volume" in p.touchpoint.metrics]
        return sum(volumes) if volumes else None

    def journeys(self) -> list[tuple[str, int]]:
        """The journeys concerned and their number of such switches: most first, then by id."""
        counts: dict[str, int] = {}
        for p in self.reached:
            counts[p.journey.id] = counts.get(p.journey.id, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def handoffs(site: Site, state: str = CURRENT) -> list[Handoff]:
    """The switches between consecutive touchpoints of the journeys in ``state``, by pair of channels
    (the referential's order, then channels it lacks)."""
    found: dict[tuple[str, str], Handoff] = {}
    for journey in site.journeys_of(state=state):
        steps = placed(journey)
        for before, after in zip(steps, steps[1:]):
            pair = (before.touchpoint.channel, after.touchpoint.channel)
            if pair[0] != pair[1]:
                found.setdefault(pair, Handoff(*pair)).reached.append(after)
    order = {c.id: n for n, c in enumerate(site.referential.channels)}
    return sorted(found.values(), key=lambda h: (order.get(h.source, len(order)), h.source,
                                                 order.get(h.target, len(order)), h.target))


def handoffs_graph(state: str, page: PageContext) -> Graph | None:
    """The graph of the hand-offs of ``state`` (None when there are none)."""
    site = page.context.site
    referential = site.referential
    found = handoffs(site, state)
    if not found:
        return None
    # A circle of channels (Graphviz's circo layout, run by dot): every pair of channels may trade
    # customers both ways, and a hierarchy would draw half the arrows backwards.
    graph = styled_graph(layout="circo", splines="curved", mindist=1.5)
    graph.node_attrs.update(fontsize=10, margin="0.12,0.06")
    most = max(len(h.reached) for h in found)
    channels = list(dict.fromkeys([c.id for c in referential.channels] + [h.source for h in found]
                                  + [h.target for h in found]))
    used = {h.source for h in found} | {h.target for h in found}
    for channel in (c for c in channels if c in used):
        label = referential.channel_label(channel)
        graph.node(f"channel-{channel}", label=table([cells([f"<TD><B>{html_text(label)}</B></TD>"])]),
                   href=page.item_href("channel", channel) or None, tooltip=label, **{"class": "js-graph-link"})
    for handoff in found:
        count = len(handoff.reached)
        average = mean_score(handoff.reached, referential)
        level = nearest_level(average, referential) if average is not None else None
        graph.edge(f"channel-{handoff.source}", f"channel-{handoff.target}",
                   penwidth=round(1 + (WIDEST - 1) * count / most, 1), weight=count,
                   color=COLOURS[slot(level, referential)] if level else INK + "8c",
                   label=table([cells([icon_cell(f"face{slot(level, referential)}" if level else "noface", 12),
                                       f"<TD>{count}</TD>"])]),
                   tooltip=summary(handoff, page), href=f"#{handoff.anchor}",
                   **{"class": f"js-handoff js-emo-{slot(level, referential)}" if level else "js-handoff"})
    return graph


def summary(handoff: Handoff, page: PageContext) -> str:
    """An arrow in words: channels, count, journeys, volume, mean emotion on arrival."""
    referential = page.context.site.referential
    average = mean_score(handoff.reached, referential)
    level = nearest_level(average, referential) if average is not None else None
    journeys = handoff.journeys()
    parts = [_("{source} → {target}", source=referential.channel_label(handoff.source),
               target=referential.channel_label(handoff.target)),
             ngettext("{count} switch", "{count} switches", len(handoff.reached)),
             ngettext("in {count} journey", "in {count} journeys", len(journeys))]
    if handoff.volume() is not None:
        parts.append(_("volume {volume}", volume=number(handoff.volume())))
    parts.append(_("emotion on arrival {mean} ({level})", mean=signed(average), level=level.label)
                 if level else _("Emotion not given"))
    titles = [page.context.site.journeys[j].title for j, _count in journeys[:5]]
    more = len(journeys) - len(titles)
    listed = "; ".join(titles) + (" " + ngettext("and {count} other", "and {count} others", more) if more else "")
    return ", ".join(parts) + "\n" + listed


def handoffs_table(state: str, page: PageContext) -> str:
    """The hand-offs as a sortable table: the graph's text alternative, one row per arrow."""
    site = page.context.site
    referential = site.referential
    found = handoffs(site, state)
    with_volume = any(h.volume() is not None for h in found)
    columns = [Column(_("From")), Column(_("To")), Column(_("Switches"), numeric=True, sorted="descending"),
               *([Column(_("Volume"), numeric=True)] if with_volume else []),
               Column(_("Emotion on arrival"), numeric=True), Column(_("Journeys"), main=True)]
    rows = []
    for handoff in sorted(found, key=lambda h: -len(h.reached)):
        average = mean_score(handoff.reached, referential)
        level = nearest_level(average, referential) if average is not None else None
        feeling = tag("span", esc(signed(average) if average is not None else "–"),
                      class_=f"js-emotion {face_class(level, referential)}", title=level.label if level else None)
        rows.append(Row([page.item_link("channel", handoff.source), page.item_link("channel", handoff.target),
                         num_cell(len(handoff.reached), number(len(handoff.reached))),
                         *([num_cell(handoff.volume(), number(handoff.volume()))] if with_volume else []),
                         Cell(feeling, "" if average is None else repr(float(average))),
                         Cell(journey_list(handoff, page), str(len(handoff.journeys())))], attrs={"id": handoff.anchor}))
    return data_table(columns, rows, caption=_("Channel hand-offs, one row per arrow"), searched=False)


def journey_list(handoff: Handoff, page: PageContext) -> str:
    """The journeys of a hand-off, with their number of switches when more than one; the first
    ``SHOWN_JOURNEYS``, the others folded away."""
    items = [page.item_link("journey", j) + (f" ({count})" if count > 1 else "") for j, count in handoff.journeys()]
    shown = ", ".join(items[:SHOWN_JOURNEYS])
    if len(items) > SHOWN_JOURNEYS:
        rest = items[SHOWN_JOURNEYS:]
        shown += " " + tag("details", tag("summary", esc(ngettext("and {count} other", "and {count} others",
                                                                    len(rest)))) + ", ".join(rest),
                           class_="js-more")
    return shown


def handoffs_html(state: str, page: PageContext) -> str:
    """The hand-offs view: the graph, and the table (a note when there is no switch)."""
    found = handoffs(page.context.site, state)
    if not found:
        return tag("div", empty(_("No channel switch in these journeys.")), class_="js-handoffs")
    label = ngettext("Channel hand-offs: {count} switch between channels",
                     "Channel hand-offs: {count} switches between channels", sum(len(h.reached) for h in found))
    return tag("div", draw(page, NAME, state, label) + handoffs_table(state, page), class_="js-handoffs",
               data_state=state)


@hookimpl(trylast=True)
def journeysite_graph(name: str, subject: object, page: PageContext) -> Graph | None:
    if name != NAME:
        return None
    return handoffs_graph(subject if subject in (CURRENT, TARGET) else CURRENT, page)


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "channels_index":
        return []
    intro = tag("p", esc(_("Each arrow is a switch from one channel to the next between two consecutive touchpoints "
                           "of the current journeys: the thicker, the more often; its colour is the mean emotion "
                           "of the touchpoints reached. Each arrow leads to its row of the table, which lists the "
                           "journeys concerned.")), class_="js-intro")
    return [View(NAME, intro + handoffs_html(CURRENT, page), _("Channel hand-offs"), ORDER)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != NAME:
        return None
    expect_params(name, params, optional=("state",))
    return handoffs_html(one_state(name, params), page)
