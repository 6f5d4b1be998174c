"""DOT, the language of Graphviz: a small graph model, written out with every value escaped.

Diagrams are built as a ``Graph`` (attributes, nodes, edges, subgraphs and clusters)
and written by ``Graph.source()``; no text is ever pasted into DOT by hand, so no
user text can change a graph's structure. How Graphviz reads a quoted string
(version 2.43, checked by the tests with hostile labels):

- the DOT lexer gives a meaning to ``\\"`` only; Graphviz then decodes HTML
  entities in labels (``&amp;``, ``&#92;``) and reads backslash escapes in
  them (``\\n``, ``\\N`` the node's name…). So nothing but entities is written
  for ``& " < >`` and the backslash: the lexer never meets a backslash or a
  quote inside a string; a backslash in a label is ``&#92;&#92;`` (decoded to
  ``\\\\``, then read as one backslash), elsewhere ``&#92;`` (passed through to
  the SVG, where the browser decodes it);
- the ``graphviz`` package's ``quote()`` passes a value shaped like ``<...>``
  through as an HTML-like label, which is why it is not used here: an
  HTML-like label is an ``Html`` value, built with ``html_text`` for its text.

Tooltips and links (attributes named ``tooltip``, ``href``, ``URL``… and their
edge variants) never go to Graphviz: they are written as numbered tokens and
put back by journeysite into the SVG (``render.graph_svg``), escaped as HTML.
The layout does not depend on them, so the same graph shown on two pages (links
relative to each) is drawn once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Union

from ..formatting import unbreakable

from ..i18n import _

# An HTML-like label's icon cells are painted with these colours; the SVG reader
# (render.graph_svg) replaces each painted box by the icon: faces 0..4, then marks.
ICON_COLOURS = {f"face{n}": f"#fe0a{n:02x}" for n in range(5)} | {"noface": "#fe0b00", "mot": "#fe0b01",
                                                                  "rupture": "#fe0b02"}
# The text colour: written as this colour, read back as ``currentColor`` (light and dark schemes).
INK = "#010203"
# A node of this class (its first shape, a box) is drawn from its top down to the bottom of the
# drawing, under what comes after it: the background band of a column (with outputorder=nodesfirst).
BAND_CLASS = "js-graph-band"
ICON_SIZE = 16

_ATTRIBUTE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPECIAL = re.compile(r'[\x00-\x1f\x7f&"<>\\]')  # nothing to escape without one of these
LABEL_ATTRIBUTES = frozenset({"label", "xlabel", "headlabel", "taillabel"})
TOKEN_ATTRIBUTES = frozenset({"tooltip", "edgetooltip", "labeltooltip", "headtooltip", "tailtooltip",
                              "href", "URL", "edgehref", "edgeURL", "labelhref", "labelURL", "headhref",
                              "headURL", "tailhref", "tailURL"})
TOOLTIP_TOKEN = "jstip{}"
LINK_TOKEN = "jslink{}"


@dataclass(frozen=True)
class Html:
    """A trusted HTML-like label (written ``<...>`` in DOT); its text must come from ``html_text``."""

    markup: str


Value = Union[str, int, float, bool, Html]


# Graphviz reads strings of at most 16,384 characters: a longer text (a plugin's label…) is cut, with
# room for its escapes (the format's own values are bounded when read: bounds.MAX_TEXT).
MAX_STRING = 2000


def _text(value: str, backslash: str) -> str:
    if len(value) > MAX_STRING:
        value = value[:MAX_STRING - 1] + "…"
    if _SPECIAL.search(value) is None:
        return value
    text = _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\\", backslash))


def html_text(value: object) -> str:
    """Plain text made literal inside an HTML-like label; a line break becomes ``<BR/>``."""
    text = "" if value is None else str(value)
    return _text(text, "&#92;&#92;").replace("\n", '<BR ALIGN="LEFT"/>')


def quote(value: object, label: bool = False) -> str:
    """``value`` as a DOT double-quoted string; ``label``: it is read as a label (backslash escapes)."""
    text = "" if value is None else str(value)
    return '"' + _text(text, "&#92;&#92;" if label else "&#92;").replace("\n", "&#10;") + '"'


def _value(name: str, value: Value) -> str:
    if isinstance(value, Html):
        return f"<{value.markup}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)  # a DOT numeral needs no quotes
    if isinstance(value, float):
        return quote(f"{value:g}")
    return quote(value, label=name in LABEL_ATTRIBUTES)


@dataclass
class Element:
    """Something that carries attributes (a node, an edge, a subgraph)."""

    attrs: dict[str, Value] = field(default_factory=dict)

    def set(self, **attrs: Value | None) -> "Element":
        """Set attributes (None removes one); returns the element."""
        for name, value in attrs.items():
            if value is None:
                self.attrs.pop(name, None)
            else:
                self.attrs[name] = value
        return self


@dataclass
class Node(Element):
    id: str = ""


@dataclass
class Edge(Element):
    tail: str = ""
    head: str = ""


@dataclass
class Subgraph(Element):
    """A group of nodes: a ``cluster`` draws a box around them; ``rank`` (same, min, max, source,
    sink) puts them on one rank."""

    id: str = ""
    cluster: bool = False
    rank: str | None = None
    nodes: list[str] = field(default_factory=list)
    subgraphs: list["Subgraph"] = field(default_factory=list)


@dataclass
class Source:
    """A graph written as DOT: ``text`` for Graphviz, the ``tooltips`` and ``links`` its tokens stand for."""

    text: str
    tooltips: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


@dataclass
class Graph(Element):
    """A directed graph. Nodes are kept in the order added (Graphviz reads that order)."""

    node_attrs: dict[str, Value] = field(default_factory=dict)
    edge_attrs: dict[str, Value] = field(default_factory=dict)
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    subgraphs: list[Subgraph] = field(default_factory=list)

    def node(self, node_id: str, parent: Subgraph | None = None, **attrs: Value | None) -> Node:
        """The node ``node_id`` (added when new, in ``parent`` if given), with ``attrs`` set."""
        node = self.nodes.get(node_id)
        if node is None:
            node = self.nodes[node_id] = Node(id=node_id)
            if parent is not None:
                parent.nodes.append(node_id)
        if attrs:
            node.set(**attrs)
        return node

    def edge(self, tail: str, head: str, **attrs: Value | None) -> Edge:
        """A new edge from ``tail`` to ``head`` (nodes are added when new)."""
        for end in (tail, head):
            if end not in self.nodes:
                self.node(end)
        edge = Edge(tail=tail, head=head)
        edge.set(**attrs)
        self.edges.append(edge)
        return edge

    def subgraph(self, subgraph_id: str, cluster: bool = False, rank: str | None = None,
                 parent: Subgraph | None = None, **attrs: Value | None) -> Subgraph:
        """A new subgraph (a cluster when ``cluster``), inside ``parent`` if given."""
        sub = Subgraph(id=subgraph_id, cluster=cluster, rank=rank)
        sub.set(**attrs)
        (parent.subgraphs if parent is not None else self.subgraphs).append(sub)
        return sub

    def find_subgraph(self, subgraph_id: str) -> Subgraph | None:
        def walk(subs: list[Subgraph]) -> Subgraph | None:
            for sub in subs:
                if sub.id == subgraph_id:
                    return sub
                found = walk(sub.subgraphs)
                if found is not None:
                    return found
            return None

        return walk(self.subgraphs)

    def source(self) -> Source:
        """The DOT text of the graph; tooltips and links replaced by tokens (see the module's doc)."""
        return _Writer().write(self)


class _Writer:
    def __init__(self) -> None:
        self.tooltips: list[str] = []
        self.links: list[str] = []
        self.placed: set[str] = set()
        self.written: dict[tuple, str] = {}  # attribute lists without tokens, written once (spacer nodes…)
        self.ids: dict[str, str] = {}  # node ids, quoted once

    def id(self, node_id: str) -> str:
        quoted = self.ids.get(node_id)
        if quoted is None:
            quoted = self.ids[node_id] = quote(node_id)
        return quoted

    def write(self, graph: Graph) -> Source:
        lines = ["digraph {"]
        lines += self.defaults("graph", graph.attrs, "  ")
        lines += self.defaults("node", graph.node_attrs, "  ")
        lines += self.defaults("edge", graph.edge_attrs, "  ")
        for sub in graph.subgraphs:
            lines += self.subgraph(sub, graph, "  ")
        lines += [f"  {self.id(n.id)}{self.attributes(n.attrs)}" for n in graph.nodes.values() if n.id not in self.placed]
        lines += [f"  {self.id(e.tail)} -> {self.id(e.head)}{self.attributes(e.attrs)}" for e in graph.edges]
        lines.append("}")
        return Source("\n".join(lines) + "\n", tuple(self.tooltips), tuple(self.links))

    def defaults(self, kind: str, attrs: Mapping[str, Value], indent: str) -> list[str]:
        return [f"{indent}{kind}{self.attributes(attrs)}"] if attrs else []

    def subgraph(self, sub: Subgraph, graph: Graph, indent: str) -> list[str]:
        name = ("cluster_" if sub.cluster else "") + sub.id
        lines = [f"{indent}subgraph {quote(name)} {{"]
        inner = indent + "  "
        if sub.rank:
            lines.append(f"{inner}rank={quote(sub.rank)}")
        lines += self.defaults("graph", sub.attrs, inner)
        for child in sub.subgraphs:
            lines += self.subgraph(child, graph, inner)
        for node_id in sub.nodes:
            node = graph.nodes.get(node_id)
            if node is None:
                continue
            if node_id in self.placed:  # already declared: a mention puts it in this subgraph too
                lines.append(f"{inner}{self.id(node_id)}")
            else:
                self.placed.add(node_id)
                lines.append(f"{inner}{self.id(node_id)}{self.attributes(node.attrs)}")
        lines.append(f"{indent}}}")
        return lines

    def attributes(self, attrs: Mapping[str, Value]) -> str:
        if not attrs:
            return ""
        if not TOKEN_ATTRIBUTES.isdisjoint(attrs):
            return self._attributes(attrs)
        key = tuple(attrs.items())
        try:
            return self.written[key]
        except KeyError:
            written = self.written[key] = self._attributes(attrs)
            return written
        except TypeError:  # a value that cannot be a key (a plugin's list…): written as text all the same
            return self._attributes(attrs)

    def _attributes(self, attrs: Mapping[str, Value]) -> str:
        parts = []
        for name, value in attrs.items():
            if not _ATTRIBUTE_NAME.match(name):
                raise ValueError(_("'{name}' is not a Graphviz attribute name", name=name))
            if name in TOKEN_ATTRIBUTES:
                tokens = self.tooltips if "tooltip" in name else self.links
                tokens.append(str(value))
                value = (TOOLTIP_TOKEN if "tooltip" in name else LINK_TOKEN).format(len(tokens) - 1)
            parts.append(f"{name}={_value(name, value)}")
        return " [" + ", ".join(parts) + "]"


FONT = "Helvetica,Arial,sans-serif"
FONT_SIZE = 9


def styled_graph(**attrs: Value) -> Graph:
    """A graph in journeysite's style: transparent background, text and lines in the ink colour (read
    back as ``currentColor``), rounded boxes; ``attrs`` are set on the graph (``rankdir``…)."""
    graph = Graph()
    graph.set(bgcolor="transparent", pad=0.04, fontname=FONT, fontsize=FONT_SIZE, fontcolor=INK, **attrs)
    graph.node_attrs.update(shape="box", style="rounded,filled", fontname=FONT, fontsize=FONT_SIZE, fontcolor=INK,
                            color=INK, fillcolor=INK + "08", penwidth=1.2, margin="0.06,0.04")
    graph.edge_attrs.update(color=INK + "8c", fontname=FONT, fontsize=FONT_SIZE, fontcolor=INK, penwidth=1.1,
                            arrowsize=0.6)
    return graph


# -- HTML-like labels --------------------------------------------------------------------------

def icon_cell(kind: str, size: int = ICON_SIZE) -> str:
    """A table cell that ``render.graph_svg`` replaces by an icon: a face ``face0`` (best) .. ``face4``
    (worst), ``noface`` (no emotion: a dashed circle), a mark ``mot`` or ``rupture``."""
    return (f'<TD FIXEDSIZE="TRUE" WIDTH="{size}" HEIGHT="{size}" BGCOLOR="{ICON_COLOURS[kind]}"></TD>')


def cells(parts: Iterable[str]) -> str:
    """One table row of cells (already written ``<TD>``s)."""
    return "<TR>" + "".join(parts) + "</TR>"


def table(rows: Iterable[str], **attrs: str | int) -> Html:
    """An HTML-like label: a borderless table of ``rows`` (``<TR>`` markup)."""
    settings = {"BORDER": 0, "CELLBORDER": 0, "CELLSPACING": 0, "CELLPADDING": 1, **attrs}
    opening = " ".join(f'{k}="{html_text(v)}"' for k, v in settings.items())
    return Html(f"<TABLE {opening}>" + "".join(rows) + "</TABLE>")


_BREAKABLE = re.compile(r"[ \t\n\r\f\v]+")  # the spaces a line may break at (a no-break space is none)


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` cut into at most ``lines`` lines of about ``width`` characters (an ellipsis when cut), never
    inside a number or a quote (``formatting.unbreakable``)."""
    words = _BREAKABLE.split(unbreakable(text).strip())
    out: list[str] = []
    current = ""
    for word in words:
        while len(word) > width:  # a word longer than a line is cut
            if current:
                out.append(current)
                current = ""
            out.append(word[: width - 1] + "-")
            word = word[width - 1:]
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        last = out[-1]
        out[-1] = (last[: width - 1].rstrip() if len(last) >= width else last) + "…"
    return out
