"""Diagrams drawn by Graphviz: asked for while pages render, drawn all at once, then filled in.

A view calls ``draw(page, name, subject, label)``: the graph comes from the
``journeysite_graph`` hook (changed by ``journeysite_graph_alter``), is written as
DOT, and waits in the build's ``Diagrams`` while the view gets a placeholder.
A drawing already in Graphviz's cache is put in place as soon as its page is
rendered (``Diagrams.put_cached``: its DOT source can go at once). Once every
page is rendered, ``fill`` draws every graph still waiting in one batch
(``graphviz.draw``: cached, in parallel) and puts each SVG in place of its
placeholder, in every page. Without Graphviz, the site is built all the same:
one warning says how to install it, and each diagram is a short notice.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .graphviz import Drawn, cached, draw as draw_sources, find_dot
from .i18n import _, ngettext, translate
from .problems import WARNING, Problem
from .render.dot import Source
from .render.graph_svg import finish
from .render.html import esc, narrow, tag

if TYPE_CHECKING:
    from .pages import PageContext

TOKEN = "JOURNEYSITEGRAPH{:05d}X"
_TOKEN = re.compile(r"JOURNEYSITEGRAPH(\d{5})X")
INSTALL = "https://graphviz.org/download/"


@dataclass(frozen=True)
class Drawing:
    """A graph waiting to be drawn: its DOT ``source``, and how it shows on its page."""

    source: Source
    name: str
    prefix: str
    label: str
    page: str
    placed: bool = False  # already in its page (found in the cache); its source is then let go


@dataclass
class Diagrams:
    """The drawings a build asks for (``add``), in order; ``enabled`` False: never drawn (a check); ``cache``:
    Graphviz's cache folder, where ``put_cached`` finds drawings."""

    enabled: bool = True
    cache: Path | None = None
    drawings: list[Drawing] = field(default_factory=list)
    unwritable: list[str] = field(default_factory=list)  # why a diagram could not be written as DOT
    per_page: Counter = field(default_factory=Counter, repr=False)  # drawings so far, by page

    def add(self, source: Source, name: str, label: str, page: str) -> str:
        """Register a drawing for ``page`` (a doc path); the placeholder that stands for its SVG."""
        self.per_page[page] += 1
        prefix = f"js-graph-{_token(name)}-{self.per_page[page]}"
        self.drawings.append(Drawing(source, name, prefix, label, page))
        return TOKEN.format(len(self.drawings) - 1)

    def put_cached(self, texts: list[str], first: int) -> list[str]:
        """``texts`` (a page's) with the drawings from number ``first`` on that Graphviz's cache holds put in
        place of their placeholders; those drawings are marked placed and their DOT sources let go."""
        dot = find_dot() if self.enabled and self.cache is not None else None
        if dot is None or self.cache is None:
            return texts
        found: dict[int, str] = {}
        for index in range(first, len(self.drawings)):
            drawing = self.drawings[index]
            svg = cached(drawing.source.text, dot, self.cache)
            if svg is not None:
                found[index] = _finish(drawing, svg)
                self.drawings[index] = replace(drawing, source=Source(""), placed=True)
        if not found:
            return texts
        return [_TOKEN.sub(lambda token: found.get(int(token.group(1)), token.group(0)), text)
                if "JOURNEYSITEGRAPH" in text else text for text in texts]


def renumbered(text: str, offset: int) -> str:
    """``text`` with the number of each drawing it holds a placeholder for moved by ``offset``."""
    if not offset or "JOURNEYSITEGRAPH" not in text:
        return text
    return _TOKEN.sub(lambda found: TOKEN.format(int(found.group(1)) + offset), text)


def _token(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "graph"


def draw(page: PageContext, name: str, subject: object = None, label: str = "") -> str:
    """The HTML of diagram ``name`` about ``subject`` on ``page``: a scrollable region holding its SVG
    (once drawn), ``label`` its accessible name; '' when no plugin knows ``name``."""
    hook = page.context.pm.hook
    graph = hook.journeysite_graph(name=name, subject=subject, page=page)
    if graph is None:
        return ""
    hook.journeysite_graph_alter(name=name, graph=graph, subject=subject, page=page)
    try:
        source = graph.source()
    except (ValueError, TypeError) as exc:  # a plugin's graph: an attribute name Graphviz has no use for…
        page.context.diagrams.unwritable.append(_(
            "the diagram '{name}' of page '{page}' cannot be written as DOT: {error}", name=name,
            page=page.page.doc_path, error=str(exc)))
        return notice(_("Diagram not drawn: Graphviz failed on it (see the build's warnings)."))
    token = page.context.diagrams.add(source, name, label, page.page.doc_path)
    return tag("div", token, class_=f"js-graph-scroll js-graph-{_token(name)}", tabindex="0", role="region",
               aria_label=label or None)


def fill(diagrams: Diagrams, texts: Iterable[tuple[str, Callable[[str], None]]], cache: Path | None,
         config_path: str) -> list[Problem]:
    """Draw every drawing of ``diagrams`` and put each in place of its placeholder in ``texts`` (each a
    text and the function that takes it back, filled); the problems met (no Graphviz, a failed drawing).
    A ``Diagrams`` that is not ``enabled`` is only checked: is Graphviz there to draw it?"""
    problems = [Problem(config_path, 1, message, WARNING) for message in diagrams.unwritable]
    waiting = {index: drawing for index, drawing in enumerate(diagrams.drawings) if not drawing.placed}
    if not waiting:
        diagrams.drawings.clear()
        return problems
    dot = find_dot()
    if dot is None:
        problems.append(missing_dot(len(diagrams.drawings), config_path))
    if not diagrams.enabled:
        return problems
    if dot is None:
        html = dict.fromkeys(waiting, notice(_("Diagram not drawn: Graphviz is not installed where this site was "
                                                "built.")))
    else:
        drawn = draw_sources((d.source.text for d in waiting.values()), dot, cache)
        html = {index: _html(drawing, drawn[drawing.source.text], config_path, problems)
                for index, drawing in waiting.items()}
    for text, put_back in texts:
        if "JOURNEYSITEGRAPH" in text:
            put_back(_TOKEN.sub(lambda found: html[int(found.group(1))], text))
    diagrams.drawings.clear()  # drawn and in place: their DOT sources (megabytes on a big site) can go
    return problems


def missing_dot(count: int, config_path: str) -> Problem:
    """The one warning of a site built without Graphviz: how to install it."""
    return Problem(config_path, 1, ngettext(
        "Graphviz is not installed (no 'dot' program on the PATH), so the site is built without its "
        "{count} diagram; install it: 'sudo apt-get install graphviz' (Debian, Ubuntu), 'brew install "
        "graphviz' (macOS), 'winget install graphviz' (Windows), or see {url}",
        "Graphviz is not installed (no 'dot' program on the PATH), so the site is built without its "
        "{count} diagrams; install it: 'sudo apt-get install graphviz' (Debian, Ubuntu), 'brew install "
        "graphviz' (macOS), 'winget install graphviz' (Windows), or see {url}",
        count, url=INSTALL), WARNING)


def _html(drawing: Drawing, result: Drawn, config_path: str, problems: list[Problem]) -> str:
    """The drawing finished for its page, or a notice (and a problem) when dot could not draw it."""
    if result.svg is not None:
        return _finish(drawing, result.svg)
    problems.append(Problem(config_path, 1, _("the diagram '{name}' of page '{page}' could not be drawn: {reason}",
                                              name=drawing.name, page=drawing.page,
                                              reason=translate(result.error, **result.values)), WARNING))
    return notice(_("Diagram not drawn: Graphviz failed on it (see the build's warnings)."))


def _finish(drawing: Drawing, svg: str) -> str:
    return narrow(finish(svg, drawing.prefix, drawing.label, drawing.source.tooltips, drawing.source.links))


def notice(text: str) -> str:
    """What stands in a diagram's place when it could not be drawn."""
    return tag("p", esc(text), class_="js-graph-notice")
