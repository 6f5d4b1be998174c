"""Graphviz's SVG made fit for a page: stable bytes, no stray ids, colours that follow the scheme.

Two steps. ``normalise`` runs once per drawing, before it is cached: it keeps
the ``<svg>``'s size and content and drops what varies or leaks (the XML prolog,
Graphviz's version comment and other comments, its ``<title>`` elements, which
hold node names, and every ``id``) and what draws nothing (an invisible node's
group, a blank background, the group around each link); the ink colour (``dot.INK``, or Graphviz's
default black) becomes ``currentColor``; each icon cell of an HTML-like label
(``dot.icon_cell``) becomes the icon: a face (``<use>`` of the page's face
symbols) or a mark; a node of class ``dot.BAND_CLASS`` reaches down to the bottom. ``finish`` runs for each page that shows it: the ``<svg>``
opening with its accessible title, ids unique on the page, the faces, and the
tooltips and links put back from their tokens, escaped. Links and references
are ``xlink:href`` (``svg.href``: Material's instant navigation breaks on an
SVG element's ``href``).
"""
from __future__ import annotations

import re

from .dot import BAND_CLASS, ICON_COLOURS, INK, LINK_TOKEN, TOOLTIP_TOKEN
from .emotion import face_symbols
from .html import esc
from .svg import MOMENT_OF_TRUTH, RUPTURE, XLINK_NS, href, mark, num

PREFIX = "JSGRAPHID"  # stands for the drawing's id prefix on its page until ``finish``
_ICON_KIND = {colour: kind for kind, colour in ICON_COLOURS.items()}
_START = re.compile(r"<svg\b[^>]*?\bviewBox=\"([^\"]+)\"[^>]*>", re.S)
_COMMENT = re.compile(r"<!--.*?-->\s*", re.S)
_TITLE = re.compile(r"<title>.*?</title>\s*", re.S)
_ID = re.compile(r' id="[^"]*"')
_BACKGROUND = re.compile(r'(<g class="graph"[^>]*>\s*)<polygon fill="white"')
_BLACK = re.compile(r'(fill|stroke)="(?:black|%s)"' % re.escape(INK))
_ICON = re.compile(r'<polygon fill="(#fe0[ab][0-9a-f]{2})"[^>]*?points="([^"]+)"[^>]*/>')
_BAND = re.compile(r'(<g class="node[^"]*\b%s\b[^"]*">.*?<polygon\b[^>]*?points=")([^"]+)(")' % re.escape(BAND_CLASS), re.S)
_ANCHOR = re.compile(r"<a\b([^>]*)>")
_WRAPPED_ANCHOR = re.compile(r"<g>\s*(<a\b.*?</a>)\s*</g>", re.S)   # Graphviz's <g id="a_node1"> around a link
_EMPTY_GROUP = re.compile(r'<g class="(?:node|edge)[^"]*">\s*</g>\s*')  # an invisible node or edge
_BLANK_BACKGROUND = re.compile(r'(<g class="graph"[^>]*>\s*)<polygon fill="(?:none|transparent)" stroke="transparent"[^>]*/>\s*')
_ATTRIBUTE = re.compile(r'([\w:]+)="([^"]*)"')
_TOOLTIP = re.compile(TOOLTIP_TOKEN.replace("{}", r"(\d+)"))
_LINK = re.compile(LINK_TOKEN.replace("{}", r"(\d+)"))
_FACE_USE = re.compile(r'xlink:href="#' + PREFIX + r'-e(\d)"')
_GRAPH_GROUP = re.compile(r'<g class="graph"([^>]*)>')
_NEUTRAL_TRANSFORM = re.compile(r"scale\(1 1\) rotate\(0\) ")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")
_COORDINATES = re.compile(r' (d|points)="([^"]*)"')
_LENGTH = re.compile(r' (x|y|cx|cy|r|font-size|stroke-width)="(-?[\d.]+)"')
_OPACITY = re.compile(r' (fill-opacity|stroke-opacity)="([\d.]+)"')
_GRAPHVIZ_PATH = re.compile(r"M[-\d.,e ]+C[-\d.,e ]+")
_SVG_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')
_TEXT_START = re.compile(r"<text\b([^>]*)>")
_SHAPE_START = re.compile(r"<(?:path|polygon|polyline|ellipse|circle|rect)\b([^>]*)>")
# What each text of a drawing repeats (Graphviz writes all four on every text): written once, on the
# drawing's group, for its texts to inherit (a text that differs keeps its own).
_TEXT_DEFAULTS = ("font-family", "font-size", "text-anchor", "fill")
# An edge group (Graphviz writes no group inside one), its shapes, and the classes of the edges
# diagrams.css colours (their stroke, and their arrowhead's fill).
_EDGE = re.compile(r'<g class="edge([^"]*)">(.*?)</g>', re.S)
_EDGE_SHAPE = re.compile(r"<(path|polygon)\b([^>]*)>")
_STYLED_EDGE = re.compile(r"\bjs-flow-(?:switch|broken)\b")
_STROKE = re.compile(r' stroke="[^"]*"')
_EDGE_STROKE = ("stroke", "stroke-width", "stroke-opacity")
_FILL = re.compile(r' fill="[^"]*"')
_PAINTED_BY_STYLESHEET = 'class="js-shape '  # a mark (``svg.mark``): its fill is the stylesheet's


def normalise(svg: str) -> str:
    """``svg`` as Graphviz wrote it, made stable and page-independent (see the module's doc)."""
    start = _START.search(svg)
    if start is None:
        raise ValueError("Graphviz wrote no <svg> element")
    end = svg.rfind("</svg>")
    body = svg[start.end(): end if end > start.end() else len(svg)]
    body = _TITLE.sub("", _COMMENT.sub("", body)).replace("&#45;", "-")  # Graphviz writes every hyphen so
    body = _ID.sub("", body)
    body = _BACKGROUND.sub(r'\1<polygon fill="none"', body)
    body = _BLANK_BACKGROUND.sub(r"\1", body)
    body = _EMPTY_GROUP.sub("", _WRAPPED_ANCHOR.sub(r"\1", body))
    body = _BLACK.sub(r'\1="currentColor"', body)
    body = _ICON.sub(_icon, body)
    body = _BAND.sub(_band, body)
    body = _compact(body)
    width, height = _size(start.group(1))
    return f'<svg viewBox="0 0 {num(width)} {num(height)}">' + "".join(
        line.strip() for line in body.strip().splitlines()) + "</svg>"


def _compact(body: str) -> str:
    """The same drawing in fewer bytes: coordinates to a tenth of a point (a CSS pixel is 3/4 of one),
    a box's straight sides as lines (Graphviz writes them as curves), opacities to a thousandth (finer than
    a colour channel), and what every text repeats written once on the drawing's group."""
    body = _COORDINATES.sub(lambda found: f' {found.group(1)}="{_coordinates(found.group(1), found.group(2))}"', body)
    body = _LENGTH.sub(lambda found: f' {found.group(1)}="{num(float(found.group(2)))}"', body)
    body = _OPACITY.sub(lambda found: f' {found.group(1)}="{_decimals(float(found.group(2)), 3)}"', body)
    return _edge_paint(_text_defaults(_NEUTRAL_TRANSFORM.sub("", body)))


def _edge_paint(body: str) -> str:
    """``body`` with the colours diagrams.css gives the edge of a switch or of a broken step (which win
    over the attributes) left to it, and the stroke an edge's line and arrowhead share written once, on
    the edge's group, for both to inherit."""
    return _EDGE.sub(_one_edge_paint, body)


def _one_edge_paint(found: re.Match) -> str:
    classes, content = found.group(1), found.group(2)
    if "<text" in content:  # an edge's label would inherit the stroke
        return found.group(0)
    if _STYLED_EDGE.search(classes):
        content = _EDGE_SHAPE.sub(lambda shape: f"<{shape.group(1)}{_unpainted(shape.group(1), shape.group(2))}>",
                                  content)
    shapes = [dict(_SVG_ATTRIBUTE.findall(shape.group(2))) for shape in _EDGE_SHAPE.finditer(content)]
    shared = {name: shapes[0][name] for name in _EDGE_STROKE
              if shapes and name in shapes[0] and all(shape.get(name) == shapes[0][name] for shape in shapes)}
    content = _EDGE_SHAPE.sub(lambda shape: f"<{shape.group(1)}{_without(shape.group(2), shared)}>", content)
    return f'<g class="edge{classes}"{_written(shared)}>{content}</g>'


def _without(attributes: str, inherited: dict[str, str]) -> str:
    """An element's ``attributes`` without those it inherits, with the same values, from its group."""
    for name, value in inherited.items():
        attributes = attributes.replace(f' {name}="{value}"', "", 1)
    return attributes


def _written(attributes: dict[str, str]) -> str:
    return "".join(f' {name}="{value}"' for name, value in attributes.items())


def _unpainted(element: str, attributes: str) -> str:
    """A styled edge's line or arrowhead without the colours the stylesheet gives it (a line keeps
    ``fill="none"``)."""
    attributes = _STROKE.sub("", attributes, 1)
    return _FILL.sub("", attributes, 1) if element == "polygon" else attributes


def _decimals(value: float, places: int) -> str:
    """``value`` to ``places`` decimals, without trailing zeros."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _coordinates(name: str, value: str) -> str:
    """A polygon's ``points`` or a path's ``d`` (as Graphviz writes it: a move, then cubic curves), shorter."""
    numbers = _NUMBER.findall(value)
    if len(numbers) % 2:
        return value
    points = [(num(float(numbers[n])), num(float(numbers[n + 1]))) for n in range(0, len(numbers), 2)]
    if name == "points":
        return " ".join(_pair(*point) for point in points)
    if not _GRAPHVIZ_PATH.fullmatch(value) or (len(points) - 1) % 3:
        return value
    out, previous, command = "M" + _pair(*points[0]), points[0], "M"
    for n in range(1, len(points), 3):
        first, second, end = points[n: n + 3]
        if first == previous and second == end:  # a straight side drawn as a curve
            out += (f"H{end[0]}" if end[1] == previous[1] else f"V{end[1]}" if end[0] == previous[0]
                    else "L" + _pair(*end))
            command = "L"
        else:
            out += (" " if command == "C" else "C") + " ".join(_pair(*point) for point in (first, second, end))
            command = "C"
        previous = end
    return out


def _pair(x: str, y: str) -> str:
    """A point of a path or polygon: the comma is needed only before a positive ``y``."""
    return f"{x}{y}" if y.startswith("-") else f"{x},{y}"


def _text_defaults(body: str) -> str:
    """``body`` with the attribute values most of its texts share moved onto the drawing's group; ``fill``
    only where every shape has its own or the stylesheet's (a shape without one would inherit it)."""
    group = _GRAPH_GROUP.search(body)
    texts = [dict(_SVG_ATTRIBUTE.findall(found.group(1))) for found in _TEXT_START.finditer(body)]
    if group is None or not texts:
        return body
    names = [name for name in _TEXT_DEFAULTS if name != "fill" or all(
        ' fill="' in found.group(1) or _PAINTED_BY_STYLESHEET in found.group(1)
        for found in _SHAPE_START.finditer(body))]
    shared = {}
    for name in names:
        values = [text[name] for text in texts if name in text]
        if len(values) == len(texts):  # a text without it must not inherit it
            shared[name] = max(sorted(set(values)), key=values.count)
    body = _TEXT_START.sub(lambda found: f"<text{_without(found.group(1), shared)}>", body)
    return body[:group.end() - 1] + _written(shared) + body[group.end() - 1:]


def _size(view_box: str) -> tuple[float, float]:
    parts = [float(p) for p in view_box.replace(",", " ").split()]
    return (parts[2], parts[3]) if len(parts) == 4 else (0.0, 0.0)


def _icon(found: re.Match) -> str:
    kind = _ICON_KIND.get(found.group(1))
    points = [tuple(float(v) for v in pair.split(",")) for pair in found.group(2).split()]
    if kind is None or not points:
        return found.group(0)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    size = min(max(xs) - min(xs), max(ys) - min(ys))
    if kind in (MOMENT_OF_TRUTH, RUPTURE):
        return mark(kind, cx, cy, size / 2)
    if kind == "noface":
        return (f'<circle cx="{num(cx)}" cy="{num(cy)}" r="{num(size * 0.42)}" fill="none" stroke="currentColor" '
                f'stroke-dasharray="2 2"/>')
    scale = size / 16
    scaled = "" if scale == 1 else f" scale({scale:g})"
    return f'<use {href(f"#{PREFIX}-e{kind[4:]}")} transform="translate({num(cx)} {num(cy)}){scaled}"/>'


def _band(found: re.Match) -> str:
    """A column's band: its head's box, down to the bottom of the drawing (y = 0 in Graphviz's frame)."""
    points = [tuple(float(v) for v in pair.split(",")) for pair in found.group(2).split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right, top = min(xs), max(xs), min(ys)
    box = f"{num(left)},0 {num(left)},{num(top)} {num(right)},{num(top)} {num(right)},0 {num(left)},0"
    return found.group(1) + box + found.group(3)


def size_of(svg: str) -> tuple[float, float]:
    """The width and height of a normalised drawing, in Graphviz points."""
    start = _START.search(svg)
    return _size(start.group(1)) if start else (0.0, 0.0)


def finish(svg: str, prefix: str, label: str, tooltips: tuple[str, ...] = (), links: tuple[str, ...] = (),
           class_: str = "js-graph-svg", min_scale: float = 0.85) -> str:
    """A normalised drawing ready for a page: ids under ``prefix`` (unique on the page), ``label`` its
    accessible name, tooltips and links back from their tokens. Drawn at its natural size (a Graphviz
    point is a CSS pixel and a third), narrower in a narrow column down to ``min_scale``, then it scrolls."""
    width, height = size_of(svg)
    body = svg[svg.index(">") + 1: svg.rindex("</svg>")]
    body = _ANCHOR.sub(lambda found: _anchor(found, tooltips, links), body)
    faces = sorted({int(n) for n in _FACE_USE.findall(body)})
    body = body.replace(PREFIX, prefix)
    natural_width, natural_height = width * 4 / 3, height * 4 / 3
    style = f"min-width:{round(natural_width * min_scale)}px;max-width:{round(natural_width)}px"
    # Out of the search index (no <svg> inside it): a diagram repeats text indexed where it belongs.
    head = (f'<svg class="{esc(class_)}" data-search-exclude="" role="img" aria-labelledby="{esc(prefix)}-title" '
            f'viewBox="0 0 {num(width)} {num(height)}" width="{round(natural_width)}" height="{round(natural_height)}" '
            f'style="{style}" xmlns="http://www.w3.org/2000/svg" {XLINK_NS}>')
    defs = face_symbols(prefix, set(faces), 16) if faces else ""
    return f'{head}<title id="{esc(prefix)}-title">{esc(label)}</title>{defs}{body}</svg>'


def _anchor(found: re.Match, tooltips: tuple[str, ...], links: tuple[str, ...]) -> str:
    """An ``<a>`` of Graphviz's, its link and tooltip put back from their tokens (any other dropped)."""
    attributes = dict(_ATTRIBUTE.findall(found.group(1)))
    link = _LINK.fullmatch(attributes.get("xlink:href", ""))
    tooltip = _TOOLTIP.fullmatch(attributes.get("xlink:title", ""))
    opening = "<a"
    if link and int(link.group(1)) < len(links):
        opening += " " + href(links[int(link.group(1))])
    opening += ">"
    if tooltip and int(tooltip.group(1)) < len(tooltips):
        opening += f"<title>{esc(tooltips[int(tooltip.group(1))])}</title>"
    return opening
