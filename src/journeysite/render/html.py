"""Escaping and small builders for HTML fragments: all user text goes through ``esc``."""
from __future__ import annotations

import html
from typing import Iterable

# Characters Python-Markdown (and its usual extensions) give a meaning to.
_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|~<>&\"':=^$@")


def esc(value: object) -> str:
    """Text made safe for HTML element content and double-quoted attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def md_text(value: object) -> str:
    """Text made literal inside Markdown (a heading, a table cell): no markup, no HTML."""
    text = "" if value is None else str(value).replace("\r", " ").replace("\n", " ")
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SPECIALS else c for c in text)


def tag(name: str, content: str = "", **attrs: object) -> str:
    """``<name attrs>content</name>``; attribute values are escaped, ``content`` is trusted HTML.

    ``class_`` gives ``class``; a value of None or False leaves the attribute out,
    True writes it bare.
    """
    parts = [name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{esc(value)}"')
    return f"<{' '.join(parts)}>{content}</{name}>"


def link(href: str | None, text: str, **attrs: object) -> str:
    """An ``<a>`` around already-escaped ``text``, or the text alone when there is no href."""
    return tag("a", text, href=href, **attrs) if href else text


def bullet_list(items: Iterable[str], class_: str | None = None) -> str:
    """A ``<ul>`` of already-escaped HTML items ('' when there are none)."""
    items = list(items)
    return tag("ul", "".join(tag("li", i) for i in items), class_=class_) if items else ""


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], class_: str = "js-table", caption: str = "") -> str:
    """An HTML table; headers and cells are already-escaped HTML."""
    head = "".join(tag("th", h, scope="col") for h in headers)
    body = "".join(tag("tr", "".join(tag("td", c) for c in row)) for row in rows)
    cap = tag("caption", caption) if caption else ""
    return tag("table", cap + tag("thead", tag("tr", head)) + tag("tbody", body), class_=class_)


def block(html_text: str) -> str:
    """Raw HTML made a Markdown block: blank lines around, none inside (so Markdown leaves it alone)."""
    lines = [line for line in html_text.splitlines() if line.strip()]
    return "\n" + "\n".join(lines) + "\n"
