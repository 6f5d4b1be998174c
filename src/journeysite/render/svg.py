"""Small SVG builders shared by the journey map views: numbers, mark shapes, icons.

Numbers are written with a fixed precision so the same input gives the same
bytes; shapes are paths centred on a point, so the emotion curve and the HTML
icons (cards, legends) draw the same marks.
"""
from __future__ import annotations

import math

from .html import esc, tag

# Links and references inside an SVG are written ``xlink:href`` (its root declaring ``XLINK_NS``):
# Material's instant navigation rewrites every ``[href]`` of a page it loads (``element.href = ...``),
# which throws on an SVG element (its ``href`` is read-only) and leaves the page half loaded.
XLINK_NS = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def href(target: str) -> str:
    """The attribute that points an SVG ``<a>`` or ``<use>`` at ``target``."""
    return f'xlink:href="{esc(target)}"'


def svg_link(target: str, content: str, **attrs: object) -> str:
    """An SVG ``<a>`` to ``target`` around trusted ``content``; ``attrs`` as ``html.tag`` takes them."""
    return tag("a", content, **attrs).replace("<a", f"<a {href(target)}", 1)

# Mark kinds: moment of truth (a star), rupture (a broken line), expectation (a speech bubble).
MOMENT_OF_TRUTH, RUPTURE, EXPECTATION = "mot", "rupture", "expectation"
MARK_FILLS = {MOMENT_OF_TRUTH: "#f2b01e", RUPTURE: "#c51b1b", EXPECTATION: "#4a90c2"}  # as journeysite.css paints them


def num(value: float) -> str:
    """``value`` to one decimal, without a ``.0``, never ``-0``: coordinates are stable, short text."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def star(cx: float, cy: float, r: float) -> str:
    """Path data of a five-pointed star of outer radius ``r`` centred on (cx, cy)."""
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{num(cx + radius * math.cos(angle))} {num(cy - radius * math.sin(angle))}")
    return "M" + " L".join(points) + " Z"


def zigzag(cx: float, cy: float, r: float) -> str:
    """Path data of a broken line (a rupture) about ``2r`` wide centred on (cx, cy); drawn as a stroke.

    The same shape as the rupture icon of ``render.widgets`` (a 24-unit ``M3 12h5l2-5 4 10 2-5h5``)."""
    scale = r / 9
    points = ((3, 12), (8, 12), (10, 7), (14, 17), (16, 12), (21, 12))
    return "M" + " L".join(f"{num(cx + (x - 12) * scale)} {num(cy + (y - 12) * scale)}" for x, y in points)


def bubble(cx: float, cy: float, r: float) -> str:
    """Path data of a speech bubble (a rounded box with a tail) centred on (cx, cy)."""
    left, right, top, bottom = cx - r, cx + r, cy - r * 0.75, cy + r * 0.45
    return (f"M{num(left)} {num(top)} L{num(right)} {num(top)} L{num(right)} {num(bottom)} "
            f"L{num(cx - r * 0.1)} {num(bottom)} L{num(cx - r * 0.6)} {num(cy + r)} "
            f"L{num(cx - r * 0.5)} {num(bottom)} L{num(left)} {num(bottom)} Z")


SHAPES = {MOMENT_OF_TRUTH: star, RUPTURE: zigzag, EXPECTATION: bubble}


def mark(kind: str, cx: float, cy: float, r: float = 7.0) -> str:
    """A mark of ``kind`` as a ``<path>``: filled and outlined in the text colour, or for a
    rupture, a thick broken line (its width, ``r / 3.5``, is the one paint the path carries).

    The rest of its paint is in the stylesheet (``.js-shape-*`` in journeysite.css), written once
    for every mark of a page: cards and legends repeat their icons, the curve its marks."""
    width = f' stroke-width="{num(r / 3.5)}"' if kind == RUPTURE else ""
    return f'<path class="js-shape js-shape-{kind}" d="{SHAPES[kind](cx, cy, r)}"{width}/>'


def icon(kind: str, size: str = "1em") -> str:
    """A decorative inline SVG icon of a mark, for HTML (cards, legends)."""
    return (f'<svg class="js-icon js-icon-{kind}" viewBox="0 0 20 20" width="{size}" height="{size}" '
            f'aria-hidden="true">{mark(kind, 10, 10, 8.5)}</svg>')


def line_sample(class_: str, dash: str = "", stroke: str = "currentColor") -> str:
    """A short line segment (for a legend) with the class and dash of a curve."""
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg class="js-icon js-line-sample" viewBox="0 0 30 10" width="2.2em" height="0.8em" aria-hidden="true">'
            f'<line class="{esc(class_)}" x1="1" y1="5" x2="29" y2="5" stroke="{stroke}" stroke-width="2.5"'
            f'{dash_attr}/></svg>')


def fit(text: str, width: float, char_width: float = 6.6) -> str:
    """``text`` cut with an ellipsis so it fits about ``width`` units (an SVG has no text wrapping)."""
    room = max(1, int(width / char_width))
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"
