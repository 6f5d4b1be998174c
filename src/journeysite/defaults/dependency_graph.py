"""The chantier dependency graph: which chantier waits for which, quarter by quarter (drawn by Graphviz).

Every chantier that depends on another, or that another depends on, is a box
coloured by its status (a dashed border when dropped), linking to its page. The
boxes stand in one column per quarter, in time order from left to right,
unscheduled chantiers last: the roadmap's placement (``journeysite_roadmap``).
An arrow goes from a chantier to each chantier that depends on it
(``depends_on``: what must come first points to what follows). An arrow the plan
contradicts (``journeysite_dependency_issues``: a chantier planned before one it
depends on, or done while it is not) is red and dashed: the roadmap's warning,
seen. Shown on the chantiers index, below its table and the arbitration chart;
``::: journeysite dependency-graph`` anywhere (the roadmap page, a synthesis…).
"""
from __future__ import annotations

from journeysite import hookimpl
from journeysite.defaults.embed import expect_params
from journeysite.diagrams import draw
from journeysite.enumerations import STATUS
from journeysite.formatting import quarter as quarter_text
from journeysite.i18n import _, ngettext
from journeysite.compute import Computed
from journeysite.model import DONE, DROPPED, Chantier, Site
from journeysite.pages import PageContext, View
from journeysite.render.dot import INK, Graph, cells, html_text, styled_graph, table, wrap
from journeysite.render.html import esc, tag
from journeysite.render.svg import MARK_FILLS, RUPTURE, line_sample
from journeysite.render.widgets import status_badge

EMBEDDABLE = ("dependency-graph",)
NAME = "dependency-graph"
ORDER = 70              # on the chantiers index, below its table (50) and the arbitration chart (60)
WRAP, LINES = 22, 3
STATUS_COLOURS = {"idea": INK + "99", "planned": "#2196f3", "in_progress": "#ffa000", DONE: "#1a9850",
                  DROPPED: INK + "66"}
CONFLICT = MARK_FILLS[RUPTURE]


def links(site: Site) -> list[tuple[str, str]]:
    """(dependency, dependent) pairs between existing chantiers, sorted."""
    return sorted({(other, chantier.id) for chantier in site.chantiers.values() for other in chantier.depends_on
                   if other in site.chantiers and other != chantier.id})


def conflicts(computed: Computed) -> set[tuple[str, str]]:
    """The (dependency, dependent) pairs the plan contradicts (``Computed.dependency_issues``)."""
    return {(issue.dependency, issue.chantier) for issue in computed.dependency_issues}


def dependencies_graph(page: PageContext) -> Graph | None:
    """The dependency graph of the site's chantiers (None when no chantier depends on another)."""
    site, computed = page.context.site, page.context.computed
    pairs = links(site)
    if not pairs:
        return None
    involved = sorted({c for pair in pairs for c in pair})
    quarter_of = {c: computed.roadmap.at(c).quarter or "" for c in involved}
    quarters = sorted({q for q in quarter_of.values() if q})
    columns = [*quarters, *([""] if "" in quarter_of.values() else [])]
    graph = styled_graph(rankdir="LR", newrank=True, nodesep=0.2, ranksep=0.55, splines="true")
    graph.node_attrs.update(width=1.9, margin="0.08,0.05")
    anchors = []
    for number, column in enumerate(columns):
        title = quarter_text(column) if column else _("Unscheduled")
        cluster = graph.subgraph(f"quarter-{number}", cluster=True, label=title, style="filled,rounded",
                                 color="transparent", fillcolor=INK + ("0c" if number % 2 == 0 else "06"),
                                 labeljust="l", fontsize=10)
        rank = graph.subgraph(f"quarter-rank-{number}", rank="same", parent=cluster)
        anchor = graph.node(f"anchor-{number}", rank, shape="point", width=0, height=0, style="invis").id
        anchors.append(anchor)
        for chantier_id in (c for c in involved if quarter_of[c] == column):
            graph.node(f"chantier-{chantier_id}", rank, **_box(site.chantiers[chantier_id], page))
    for earlier, later in zip(anchors, anchors[1:]):  # the quarters in time order, left to right
        graph.edge(earlier, later, style="invis", weight=10)
    contradicted = conflicts(computed)
    for first, then in pairs:
        before, after = site.chantiers[first], site.chantiers[then]
        attrs: dict = {"constraint": False, "tooltip": _("{dependent} depends on {dependency}",
                                                        dependent=after.title, dependency=before.title)}
        if (first, then) in contradicted:
            attrs.update(color=CONFLICT, style="dashed", penwidth=2.2, **{"class": "js-flow-broken"})
        graph.edge(f"chantier-{first}", f"chantier-{then}", **attrs)
    return graph


def _department_label(chantier: Chantier, page: PageContext) -> str:
    departments = page.context.computed.departments
    department = departments.of_chantier.get(chantier.id)
    return departments.label(department) if department else ""


def _box(chantier: Chantier, page: PageContext) -> dict:
    colour = STATUS_COLOURS.get(chantier.status, INK)
    lines = '<BR ALIGN="LEFT"/>'.join(html_text(line) for line in wrap(chantier.title, WRAP, LINES))
    status = STATUS.label(chantier.status)
    label = table([cells([f'<TD ALIGN="LEFT" BALIGN="LEFT"><B>{lines}</B></TD>']),
                   cells([f'<TD ALIGN="LEFT"><FONT POINT-SIZE="8">{html_text(status)}</FONT></TD>'])])
    attrs: dict = {"label": label, "color": colour, "fillcolor": colour[:7] + "2e", "penwidth": 1.6,
                   "href": page.item_href("chantier", chantier.id), "class": f"js-dep js-status-{chantier.status}",
                   "tooltip": " · ".join(filter(None, [chantier.title, status, quarter_text(chantier.quarter),
                                                       _department_label(chantier, page)]))}
    if chantier.status == DROPPED:
        attrs["style"] = "rounded,filled,dashed"
    return attrs


def dependencies_html(page: PageContext) -> str:
    """The graph and its legend (a note when no chantier depends on another)."""
    site = page.context.site
    pairs = links(site)
    if not pairs:
        return tag("div", tag("p", esc(_("No workstream depends on another.")), class_="js-empty"),
                   class_="js-dependencies")
    label = ngettext("Dependencies between workstreams: {count} link", "Dependencies between workstreams: {count} links",
                     len(pairs))
    statuses = sorted({site.chantiers[c].status for pair in pairs for c in pair}, key=list(STATUS_COLOURS).index)
    items = [tag("li", status_badge(s)) for s in statuses]
    items.append(tag("li", line_sample("js-dep-link", stroke="currentColor") + " " + esc(_("must come before"))))
    if conflicts(page.context.computed) & set(pairs):
        items.append(tag("li", line_sample("js-flow-broken", "5 4", CONFLICT) + " "
                         + esc(_("planned before, or done before, what it depends on"))))
    legend = tag("ul", "".join(items), class_="js-legend", aria_label=_("Legend"))
    return tag("div", draw(page, NAME, None, label) + legend, class_="js-dependencies")


@hookimpl(trylast=True)
def journeysite_graph(name: str, subject: object, page: PageContext) -> Graph | None:
    return dependencies_graph(page) if name == NAME else None


@hookimpl(trylast=True)
def journeysite_page_views(page: PageContext) -> list[View]:
    if page.kind != "chantiers_index":
        return []
    return [View(NAME, dependencies_html(page), _("Dependencies between workstreams"), ORDER)]


@hookimpl(trylast=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    if name != NAME:
        return None
    expect_params(name, params)
    return dependencies_html(page)
