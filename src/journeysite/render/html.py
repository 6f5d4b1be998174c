"""Escaping and small builders for HTML fragments: all user text goes through ``esc``."""
from __future__ import annotations

import html
import re
from typing import Iterable

# Characters Python-Markdown (and its usual extensions) give a meaning to.
_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|~<>&\"':=^$@")

# ``tag(..., **NOT_SEARCHED)``: Material's search leaves this element out of its index, for views
# that repeat text indexed elsewhere. Its parser tells elements apart by tag name only: the
# element's tag must not occur inside it (a <table> holding no table, an <svg> no svg).
NOT_SEARCHED = {"data_search_exclude": ""}


def esc(value: object) -> str:
    """Text made safe for HTML element content and double-quoted attributes (``html.escape``)."""
    if not isinstance(value, str):
        value = "" if value is None else str(value)
    # Most text has nothing to escape: five searches cost less than five replacements.
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:  # type: ignore[operator]
        return html.escape(value, quote=True)  # type: ignore[arg-type]
    return value  # type: ignore[return-value]


_BEYOND_LATIN1 = re.compile("[^\x00-\xff]")


def narrow(fragment: str) -> str:
    """HTML ``fragment`` with each character beyond Latin-1 (``—``, ``→``, a narrow no-break space…) written
    as a character reference: the same page, and Python keeps the text in one byte a character instead of
    two or four (views are most of a big site's memory). Not for the inside of ``<script>`` or ``<style>``."""
    if fragment.isascii():
        return fragment
    return _BEYOND_LATIN1.sub(lambda found: f"&#{ord(found.group())};", fragment)


# An element's id as journeysite writes it (double-quoted, after a space), found from its literal part:
# Python searches for that fast, where a leading \s would be tried at every character.
_ID = re.compile(r'id="([^"]+)"')


def element_ids(fragment: str) -> list[str]:
    """The ids of the elements of journeysite's own HTML ``fragment``: what ``\\sid="([^"]+)"`` finds."""
    ids, position = [], 0
    while (found := _ID.search(fragment, position)) is not None:
        start = found.start()
        if start and fragment[start - 1].isspace():
            ids.append(found.group(1))
            position = found.end()
        else:  # not an id of its own: the expression would go on from the next character
            position = start + 1
    return ids


def md_text(value: object) -> str:
    """Text made literal inside Markdown (a heading, a table cell): no markup, no HTML."""
    text = "" if value is None else str(value).replace("\r", " ").replace("\n", " ")
    return "".join(f"&#{ord(c)};" if c in _MARKDOWN_SPECIALS else c for c in text)


def tag(name: str, content: str = "", **attrs: object) -> str:
    """``<name attrs>content</name>``; attribute values are escaped, ``content`` is trusted HTML.

    ``class_`` gives ``class``; a value of None or False leaves the attribute out,
    True writes it empty (``hidden=""``: a boolean attribute, and the fragment stays well-formed XML).
    """
    if not attrs:
        return f"<{name}>{content}</{name}>"
    parts = ["<", name]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attribute = _ATTRIBUTE_NAMES.get(key)
        if attribute is None:
            attribute = _ATTRIBUTE_NAMES[key] = key.rstrip("_").replace("_", "-")
        parts.append(f' {attribute}=""' if value is True else f' {attribute}="{esc(value)}"')
    parts += (">", content, "</", name, ">")
    return "".join(parts)


_ATTRIBUTE_NAMES: dict[str, str] = {}  # keyword -> attribute name (``class_`` -> ``class``), as met


def link(href: str | None, text: str, **attrs: object) -> str:
    """An ``<a>`` around already-escaped ``text``; without href, the text alone (in a ``<span>``
    keeping ``attrs``, when there are any)."""
    if href:
        return tag("a", text, href=href, **attrs)
    return tag("span", text, **attrs) if attrs else text


def bullet_list(items: Iterable[str], class_: str | None = None) -> str:
    """A ``<ul>`` of already-escaped HTML items ('' when there are none)."""
    items = list(items)
    return tag("ul", "".join(tag("li", i) for i in items), class_=class_) if items else ""


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], class_: str = "js-table", caption: str = "",
          **attrs: object) -> str:
    """An HTML table; headers and cells are already-escaped HTML; ``attrs`` go on ``<table>``."""
    head = "".join(tag("th", h, scope="col") for h in headers)
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in rows)
    cap = tag("caption", caption) if caption else ""
    return tag("table", cap + tag("thead", tag("tr", head)) + tag("tbody", body), class_=class_, **attrs)


def block(html_text: str) -> str:
    """Raw HTML made a Markdown block: blank lines around, none inside (so Markdown leaves it alone)."""
    lines = [line for line in html_text.splitlines() if line.strip()]
    return "\n" + "\n".join(lines) + "\n"
