"""Mermaid charts as text, for Markdown that GitHub and GitLab render (pull-request comments).

Mermaid's xychart strings are ``"..."`` with no escape of their own; Mermaid
reads ``#name;`` and ``#123;`` as character codes in any diagram. So every
character that could end a string, start a comment (``%%``), a directive or a
Markdown string (a backtick), or a code of its own (``#``) is written as a code.
"""
from __future__ import annotations

from typing import Sequence

from ..formatting import is_number

_CODES = {"#": "#35;", '"': "#quot;", "%": "#37;", "`": "#96;", "<": "#lt;", ">": "#gt;", "&": "#amp;",
          "\\": "#92;"}


def mermaid_string(text: object) -> str:
    """``text`` as a quoted Mermaid string: one line, nothing in it read as syntax."""
    value = " ".join(str(text).split())
    return '"' + "".join(_CODES.get(c, c) for c in value) + '"'


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def xychart(title: str, categories: Sequence[str], lines: Sequence[Sequence[float]], y_title: str,
            y_range: tuple[float, float], colours: Sequence[str] = ()) -> str:
    """A fenced ``mermaid`` block: an ``xychart-beta`` line chart, one line per series of ``lines``
    (each as long as ``categories``), drawn in ``colours`` (CSS hex colours) in order."""
    for values in lines:
        if len(values) != len(categories) or not all(is_number(v) for v in values):
            raise ValueError("each line needs one finite number per category")
    body = []
    if colours:
        palette = ", ".join(c for c in colours if _is_hex_colour(c))
        body.append('%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "' + palette + '"}}}}%%')
    body += ["xychart-beta",
             f"    title {mermaid_string(title)}",
             f"    x-axis [{', '.join(mermaid_string(c) for c in categories)}]",
             f"    y-axis {mermaid_string(y_title)} {_number(y_range[0])} --> {_number(y_range[1])}"]
    body += [f"    line [{', '.join(_number(v) for v in values)}]" for values in lines]
    return "\n".join(["```mermaid", *body, "```"])


def _is_hex_colour(value: str) -> bool:
    return len(value) in (4, 7) and value.startswith("#") and all(c in "0123456789abcdefABCDEF" for c in value[1:])
