"""``raw_html: false``: authors' Markdown may not hold HTML, nor anything else that runs script.

Markdown lets authors write HTML (``<script>``, ``<img onerror=...>``), links to ``javascript:``
and, with ``attr_list``, event handlers (``{onclick=...}``): on a site built from untrusted
contributions, each runs script. With the option set to false:

- ``raw_html_problems`` finds each in a page's Markdown, at its line (``journeysite check`` and
  ``mkdocs build`` fail on them);
- ``NoRawHtml`` (a Python-Markdown extension the MkDocs adapter adds last) makes them harmless in
  whatever is still built (``mkdocs serve``): HTML is shown as text, event handler attributes and
  links to script are dropped;
- ``escape_meta`` escapes the front matter of authors' own pages, which MkDocs hands to the theme.

journeysite's own views are put back after Markdown (placeholders, ``pages.restore_views``), so they
never meet the extension.
"""
from __future__ import annotations

import html
import re
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .i18n import _
from .render.html import esc

# An HTML tag, comment, declaration or processing instruction as Python-Markdown reads one (not an
# autolink such as <https://...> or <me@example.com>).
_HTML = re.compile(r"(?<!\\)<(?:(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|!--|![A-Za-z\[]|\?)")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A link or image destination, or a reference definition, whose scheme runs script.
_SCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)\s*((?:java|vb)script|data)\s*:", re.I | re.M)
# An attribute list (attr_list) setting an event handler.
_HANDLER = re.compile(r"\{[^{}\n]*?(?<![\w-])(on[a-z]+)\s*=", re.I)
_SAFE_SCHEMES = ("http", "https", "mailto", "tel", "ftp")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background")


def raw_html_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(line, message) for each line of Markdown ``text`` that holds HTML, a link to script or an
    event handler; lines counted from ``first_line``; code (fenced, indented, in backticks) left alone."""
    found = []
    fence = ""
    blank_before = True
    in_code = False
    for number, line in enumerate(text.split("\n"), start=first_line):
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
            continue
        marker = _FENCE.match(line)
        if marker:
            fence = marker.group(1)[0] * 3
            continue
        indented = line.startswith(("    ", "\t"))
        in_code = indented and (blank_before or in_code) and line.strip() != ""
        blank_before = not line.strip()
        if in_code:
            continue
        prose = _CODE_SPAN.sub("", line)
        message = _line_problem(prose)
        if message:
            found.append((number, message))
    return found


def _line_problem(line: str) -> str:
    if (tag := _HTML.search(line)) is not None:
        shown = f"<{tag.group(1)}>" if tag.group(1) else tag.group(0)
        return _("raw HTML ({tag}) is not allowed in this site's Markdown (raw_html: false in mkdocs.yml); "
                 "write it in Markdown: the HTML would be shown as text", tag=shown)
    if (link := _SCRIPT_LINK.search(line)) is not None:
        return _("a link to '{scheme}:' is not allowed in this site's Markdown (raw_html: false in mkdocs.yml): "
                 "it would run script; link to a page or a web address", scheme=link.group(1).lower())
    if (handler := _HANDLER.search(line)) is not None:
        return _("an attribute list may not set '{name}' in this site's Markdown (raw_html: false in mkdocs.yml): "
                 "it would run script; remove it", name=handler.group(1).lower())
    return ""


def safe_url(url: str) -> bool:
    """Whether a link to ``url`` cannot run script: relative, or a web, mail or phone address."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", plain)
    return scheme is None or scheme.group(1) in _SAFE_SCHEMES


class _Sanitise(Treeprocessor):
    """Drops event handler attributes and links to script from the tree (after attr_list and unescaping)."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name, value in list(element.items()):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "srcdoc" or (
                        lowered in _URL_ATTRIBUTES and value is not None and not safe_url(value)):
                    del element.attrib[name]


class NoRawHtml(Extension):
    """Python-Markdown without raw HTML: HTML is text, and no attribute or link runs script.

    Add it after every other extension: it removes what they registered to pass HTML through
    (``md_in_html`` registers its own ``html_block``)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        md.treeprocessors.register(_Sanitise(md), "journeysite_no_raw_html", -10)


def escape_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """An author's page front matter with every text escaped (the theme prints it as HTML);
    ``template`` and ``icon`` are names, already checked."""
    return {key: value if key in ("template", "icon") else _escaped(value) for key, value in meta.items()}


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return esc(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value
