"""Every journeysite hook, typed and documented.

Computations return a value for one item and are ``firstresult``: the first
plugin that returns something other than None wins, and the built-in plugins
(``journeysite.defaults``) run last, so any plugin can replace them. Hooks
that contribute (validation, indicators, views, pages) collect a list from
every plugin. Switch a built-in off by name with ``disable:`` in mkdocs.yml.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .compute import ChantierIndex, Computed, DependencyIssue, DepartmentIndex, Indicator, Roadmap
    from .model import Chantier, Journey, Persona, Referential, Site, Touchpoint
    from .pages import GeneratedPage, PageContext, RenderContext, View
    from .problems import Problem
    from .render.dot import Graph

PROJECT = "journeysite"
hookspec = pluggy.HookspecMarker(PROJECT)


# -- validation ------------------------------------------------------------------------

@hookspec
def journeysite_validate(site: Site) -> list[Problem]:
    """Return extra problems of ``site`` (``Problem(path, line, message, severity)``).

    Called once per build after the built-in checks; every plugin's list is kept.
    """


# -- computations (firstresult) --------------------------------------------------------

@hookspec(firstresult=True)
def journeysite_chantier_index(site: Site) -> ChantierIndex:
    """Return the chantier <-> touchpoint index of ``site``, built from both sides."""


@hookspec(firstresult=True)
def journeysite_chantier_priority(chantier: Chantier, referential: Referential) -> float | None:
    """Return the priority of ``chantier`` (0..100), or None when it has no scores."""


@hookspec(firstresult=True)
def journeysite_chantier_quadrant(chantier: Chantier, referential: Referential) -> str | None:
    """Return the arbitration quadrant of ``chantier``: ``quick_win``, ``major_project``,
    ``fill_in``, ``thankless``, or None when it cannot be placed."""


@hookspec(firstresult=True)
def journeysite_touchpoint_criticality(touchpoint: Touchpoint, referential: Referential) -> float:
    """Return the criticality of ``touchpoint`` (0 = no pain)."""


@hookspec(firstresult=True)
def journeysite_journey_happiness(journey: Journey, referential: Referential) -> float | None:
    """Return the happiness of ``journey`` (0..1), or None when no touchpoint has an emotion."""


@hookspec(firstresult=True)
def journeysite_journey_progress(journey: Journey, site: Site, index: ChantierIndex) -> float | None:
    """Return the delivery progress of a target ``journey`` (0..1), or None when it has none."""


@hookspec(firstresult=True)
def journeysite_departments(site: Site) -> DepartmentIndex:
    """Return who owns what in ``site``: its departments in order, and the department of each chantier,
    touchpoint and channel."""


@hookspec(firstresult=True)
def journeysite_roadmap(site: Site, computed: Computed) -> Roadmap:
    """Return the roadmap of ``site``: its quarters, its lanes and the placement of every chantier.

    ``computed`` holds the computations above and ``departments``.
    """


@hookspec(firstresult=True)
def journeysite_dependency_issues(site: Site, computed: Computed) -> list[DependencyIssue]:
    """Return the chantiers planned against a chantier they depend on (``DependencyIssue``); each is a
    warning at its ``depends_on`` line. ``computed`` holds everything above and the ``roadmap``."""


@hookspec(firstresult=True)
def journeysite_unaddressed_pains(site: Site, computed: Computed) -> list[str]:
    """Return the pains no live chantier improves, as ``JOURNEY#TOUCHPOINT`` refs, most critical first.

    ``computed`` holds everything above (``criticality``, ``index``…).
    """


@hookspec
def journeysite_journey_indicators(journey: Journey, site: Site, computed: Computed) -> list[Indicator]:
    """Return indicators of ``journey`` (``Indicator(id, label, value, display)``).

    Every plugin's indicators are shown, built-in ones first, in the journey header
    and the journey index. ``computed`` holds every computation but indicators.
    """


@hookspec
def journeysite_persona_indicators(persona: Persona, site: Site, computed: Computed) -> list[Indicator]:
    """Return indicators of ``persona`` over their current journeys (what they live today),
    shown on the persona page and index."""


# -- pages and views -------------------------------------------------------------------

@hookspec
def journeysite_page_views(page: PageContext) -> list[View]:
    """Return views to show on ``page`` (``page.kind`` is persona, journey, chantier,
    channel, department or the kind of a generated page), below the author's text.

    Views of all plugins are sorted by ``View.order``; a view whose ``title`` is
    set gets a Markdown heading (so it shows in the table of contents).
    """


@hookspec
def journeysite_site_pages(context: RenderContext) -> list[GeneratedPage]:
    """Return extra pages of the site (indexes, rankings…), each a ``GeneratedPage``."""


@hookspec(firstresult=True)
def journeysite_embed(name: str, params: dict[str, str], page: PageContext) -> str | None:
    """Return the HTML of view ``name`` for the directive line ``::: journeysite NAME key=value``
    written on ``page``, or None when this plugin does not know ``name``.

    Raise ``ValueError`` with a message for bad parameters: it is reported at the line.
    """


# -- diagrams (Graphviz) ---------------------------------------------------------------

@hookspec(firstresult=True)
def journeysite_graph(name: str, subject: object, page: PageContext) -> Graph | None:
    """Return the DOT graph of diagram ``name`` about ``subject``, to be drawn on ``page``, or None
    when this plugin does not know ``name``.

    A ``journeysite.render.dot.Graph`` (nodes, edges, clusters, attributes; every value is escaped
    when written). Built-in names: ``flow`` (``subject``: a ``Journey``), ``handoffs`` (the state,
    current or target), ``dependency-graph`` (None) and ``journey-map`` (a persona id, or None). A plugin
    replaces a built-in diagram by answering its name, or adds one under a new name, shown by
    ``journeysite.diagrams.draw(page, name, subject, label)`` from its views or embeds.
    """


@hookspec
def journeysite_graph_alter(name: str, graph: Graph, subject: object, page: PageContext) -> None:
    """Change ``graph`` (diagram ``name`` about ``subject`` on ``page``) in place before it is drawn.

    Called for every diagram, built-in or not, after ``journeysite_graph``; every plugin's change applies.
    """
