"""How an emotion level looks: a colour AND a face, so it reads in greyscale too.

Levels are placed on five visual slots by their rank on the scale (best first),
so a custom scale of 3 or 7 levels still gets sensible colours and faces.

A page shows hundreds of faces, so none is written out where it is shown: in
HTML, an element with the classes ``js-face js-emo-N`` gets face N drawn before
its content by ``assets/faces.css`` (a data URI of the drawing below, generated
by ``faces_css``); in an SVG chart, ``face_symbols`` defines each face once and
``face_use`` places it (``<use>``).
"""
from __future__ import annotations

from urllib.parse import quote

from ..model import EmotionLevel, Referential
from .html import esc
from .svg import href

# slot 0 = best … slot 4 = worst. Colours: a colour-blind-safe diverging palette.
COLOURS = ("#1a9850", "#66bd63", "#9e9e9e", "#f46d43", "#c51b1b")
# Mouth path of a 20x20 face per slot: a big smile … a deep frown.
MOUTHS = ("M5 11.5 Q10 18 15 11.5 Z", "M6 12 Q10 15.5 14 12", "M6.5 13 L13.5 13",
          "M6 14.5 Q10 11 14 14.5", "M5.5 15.5 Q10 10 14.5 15.5")
BROWS = ("", "", "", "", "M5 6.5 L8.5 8 M15 6.5 L11.5 8")
EYES = "M5.7 8.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0M11.7 8.5a1.3 1.3 0 1 0 2.6 0a1.3 1.3 0 1 0-2.6 0"
INK = "#222"
FACE_SIZE = "1.25em"  # beside a label, in HTML


def slot(level: EmotionLevel, referential: Referential) -> int:
    """The visual slot (0 best .. 4 worst) of ``level`` on its scale."""
    count = len(referential.emotions)
    if count <= 1:
        return 2
    return round(referential.emotion_ranks[level.id] * 4 / (count - 1))


def colour(level: EmotionLevel, referential: Referential) -> str:
    return COLOURS[slot(level, referential)]


def face_class(level: EmotionLevel | None, referential: Referential) -> str:
    """The classes that draw the face of ``level`` (a dashed empty circle when there is none)."""
    return f"js-face js-emo-{slot(level, referential)}" if level is not None else "js-face js-face-none"


def drawing(n: int) -> str:
    """The shapes of face ``n`` in a 20x20 box: a coloured disc, eyes, brows (worst only), mouth."""
    brows = f'<path d="{BROWS[n]}" stroke="{INK}" stroke-width="1.4"/>' if BROWS[n] else ""
    return (f'<circle cx="10" cy="10" r="9" fill="{COLOURS[n]}"/><path d="{EYES}" fill="{INK}"/>{brows}'
            f'<path d="{MOUTHS[n]}" stroke="{INK}" stroke-width="1.5" fill="{INK if n == 0 else "none"}" '
            f'stroke-linecap="round"/>')


# -- in SVG charts ------------------------------------------------------------------------------

def face_symbols(prefix: str, slots: set[int], size: float) -> str:
    """``<defs>`` holding face N of each slot in ``slots`` as ``<g id="{prefix}-eN">``, ``size`` wide and
    centred on (0, 0); ids are unique per chart."""
    place = f"translate({size / -2:g} {size / -2:g}) scale({size / 20:g})"
    return "<defs>" + "".join(f'<g id="{esc(prefix)}-e{n}" transform="{place}">{drawing(n)}</g>'
                              for n in sorted(slots)) + "</defs>"


def face_use(prefix: str, n: int, x: str, y: str, scale: str = "") -> str:
    """Face ``n`` of the chart's ``face_symbols(prefix, ...)`` centred on (x, y), ``scale``d if given (the
    chart's ``<svg>`` declares ``svg.XLINK_NS``)."""
    if scale:
        return f'<use {href(f"#{prefix}-e{n}")} transform="translate({x} {y}) scale({scale})"/>'
    return f'<use {href(f"#{prefix}-e{n}")} x="{x}" y="{y}"/>'


# -- in HTML ------------------------------------------------------------------------------------

def badge(level: EmotionLevel | None, referential: Referential, missing_label: str, missing_title: str = "") -> str:
    """Face and label of a level, e.g. in a list or a card (``missing_label`` when there is none,
    with ``missing_title`` as its tooltip when the label is a short form)."""
    if level is None:
        title = f' title="{esc(missing_title)}"' if missing_title else ""
        return (f'<span class="js-emotion js-emotion-none {face_class(None, referential)}"{title}>'
                f'{esc(missing_label)}</span>')
    return f'<span class="js-emotion {face_class(level, referential)}">{esc(level.label)}</span>'


def data_uri(n: int) -> str:
    """Face ``n`` as a standalone SVG image in a ``data:`` URI (for CSS)."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 20">{drawing(n)}</svg>'.replace('"', "'")
    return "data:image/svg+xml," + quote(svg, safe=" ='.,-")


def faces_css() -> str:
    """The text of ``assets/faces.css``: the five faces, and the empty one, for ``.js-face`` elements."""
    rules = "\n".join(f'.js-face.js-emo-{n}::before {{ background-image: url("{data_uri(n)}"); }}'
                      for n in range(len(COLOURS)))
    return f"""/* journeysite: emotion faces (render/emotion.py). GENERATED: do not edit; regenerate with
 *   python -c "from journeysite.render.emotion import faces_css; print(faces_css(), end='')" \\
 *     > src/journeysite/assets/faces.css
 * An element with the classes js-face js-emo-N shows face N (0 best .. 4 worst) before its content:
 * a colour AND a shape, so it reads in greyscale; printed with its colours (print-color-adjust). */

.js-face::before {{
  content: "";
  display: inline-block;
  flex: none;
  box-sizing: border-box;
  width: {FACE_SIZE};
  height: {FACE_SIZE};
  vertical-align: -0.3em;
  background-position: center;
  background-repeat: no-repeat;
  background-size: contain;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}}

.js-face {{
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}}

{rules}
.js-face.js-face-none::before {{ border: 1px dashed currentColor; border-radius: 50%; transform: scale(0.85); }}
"""
