"""``raw_html: false``: authors' Markdown may not hold HTML, nor anything else that runs script.

Markdown lets authors write HTML (``<script>``, ``<img onerror=...>``), links to ``javascript:``
and, with ``attr_list``, any attribute: event handlers (``{onclick=...}``), or the id of the element
Material reads its configuration from (``{: id="__config" }``, whose text then runs script through
the theme). On a site built from untrusted contributions, each runs script. With the option set to false:

- ``raw_html_problems`` finds each in a page's Markdown, at its line (``journeysite check`` and
  ``mkdocs build`` fail on them);
- ``NoRawHtml`` (a Python-Markdown extension the MkDocs adapter adds last) makes them harmless in
  whatever is still built (``mkdocs serve``): HTML is shown as text, an attribute list sets only the
  attributes of ``ATTRIBUTES`` (an allow-list, values read as the browser reads them, entities
  decoded), and a last pass over the HTML Markdown made (whatever extension made it: headings' ids,
  fenced code...) drops event handlers, links to script, ids the theme reserves (``__config``...),
  Material's ``data-md-*`` and styles;
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
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.postprocessors import Postprocessor

from .i18n import _
from .render.html import esc

# An HTML tag, comment, declaration or processing instruction as Python-Markdown reads one (not an
# autolink such as <https://...> or <me@example.com>).
_HTML = re.compile(r"(?<!\\)<(?:(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|!--|![A-Za-z\[]|\?)")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A link or image destination, or a reference definition, whose scheme runs script.
_SCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|^ {0,3}\[[^\]]+\]:\s*<?)\s*((?:java|vb)script|data)\s*:", re.I | re.M)
# An attribute list (attr_list) where Python-Markdown looks for one: a line of its own or the end of a
# line (a block, a heading, a list item, a cell), or right after an inline element (its tail); and a
# fenced code block's opening line.
_ATTR_LIST = re.compile(r"(?:(?<=[*_`)\]])|^(?:[ ]*|[ ]*(?:#{1,6}|[-*+]|\d+[.)]|:)[ ]+.*[ ])(?=\{[^}\n]*\}[ ]*$))"
                        r"\{:?[ ]*([^}\n ][^}\n]*?)[ ]*\}")
_FENCE_ATTRS = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[ ]*(?:[\w+-]*[ ]*)?\{(.*)\}[ ]*$")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel", "ftp")
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background")
# An id or class token an author may set: letters, digits, '-', '_', '.', ':', not starting with '_'
# (Material's own ids: __config, __search, __drawer...) nor 'js-' (journeysite's).
_NAME = re.compile(r"^(?!js-)[^\W_][\w.:-]*$", re.I)
_WORD = re.compile(r"^[\w-]+$")
ATTRIBUTES = {  # what an attribute list may set under raw_html: false, and the shape of its value
    "id": _NAME.match,
    "class": lambda value: all(_NAME.match(token) for token in value.split()),
    "title": lambda value: True,  # text; tooltips.js keeps it text in Material's tooltips
    "alt": lambda value: True,
    "lang": re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$").match,
    "dir": re.compile(r"^(?:ltr|rtl|auto)$").match,
    "width": re.compile(r"^\d+(?:\.\d+)?(?:px|%|em|rem)?$").match,
    "height": re.compile(r"^\d+(?:\.\d+)?(?:px|%|em|rem)?$").match,
    "align": re.compile(r"^(?:left|right|center|top|middle|bottom)$").match,
    "loading": re.compile(r"^(?:lazy|eager)$").match,
    "target": _WORD.match,
    "rel": lambda value: all(_WORD.match(token) for token in value.split()),
}
# A fenced code block's settings, which are not attributes (Python-Markdown's fenced_code).
_FENCE_SETTINGS = ("hl_lines", "linenums", "linenostart", "guess_lang", "noclasses", "use_pygments")
# What the last pass leaves of a style: the alignment Markdown's tables set.
_TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(?:left|right|center);?\s*$")


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
            message = _fence_problem(line)
            if message:
                found.append((number, message))
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
    for found in _ATTR_LIST.finditer(line):
        message = attribute_list_problem(found.group(1))
        if message:
            return message
    return ""


def attribute_list_problem(text: str, settings: tuple[str, ...] = ()) -> str:
    """What is wrong with the attribute list ``text`` (between its braces) under raw_html: false, or ''."""
    attrs, _remainder = get_attrs_and_remainder(text)
    for name, value in attrs:
        if name in (":", *settings):
            continue
        name, value = ("class", value) if name == "." else (name, value)
        if allowed_attribute(name, value):
            continue
        if name.lower() not in ATTRIBUTES:
            return _("an attribute list may not set '{name}' in this site's Markdown (raw_html: false in "
                     "mkdocs.yml): it allows only {names}; remove it", name=name, names=", ".join(ATTRIBUTES))
        return _("an attribute list may not set {name}=\"{value}\" in this site's Markdown (raw_html: false in "
                 "mkdocs.yml): an id or a class is made of letters, digits and '-', and may not start with '_' "
                 "or 'js-' (names the theme and journeysite use)", name=name, value=html.unescape(value or ""))
    return ""


def allowed_attribute(name: str, value: str | None) -> bool:
    """Whether an author's attribute list may set ``name`` to ``value`` (read as the browser reads it)."""
    check = ATTRIBUTES.get(name.lower())
    return check is not None and value is not None and bool(check(html.unescape(value)))


def _fence_problem(line: str) -> str:
    found = _FENCE_ATTRS.match(line)
    return attribute_list_problem(found.group(1), _FENCE_SETTINGS) if found else ""


def safe_url(url: str) -> bool:
    """Whether a link to ``url`` cannot run script: relative, or a web, mail or phone address."""
    plain = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", plain)
    return scheme is None or scheme.group(1) in _SAFE_SCHEMES


def dangerous_attribute(name: str, value: str | None) -> bool:
    """Whether an attribute of the HTML Markdown made may not stay under raw_html: false (``value`` as the
    browser reads it): an event handler, a link to script, an id or name the theme reserves, Material's
    ``data-md-*``, a style other than a table's alignment."""
    lowered = name.lower()
    if lowered.startswith("on") or lowered in ("srcdoc", "formaction") or lowered.startswith("data-md-"):
        return True
    text = value or ""
    if lowered in _URL_ATTRIBUTES:
        return not safe_url(text)
    if lowered in ("id", "name", "for", "form", "list"):
        return text.startswith("_") or text.startswith("js-")
    if lowered == "style":
        return not _TABLE_ALIGN.match(text)
    return False


class _SafeAttrList(AttrListTreeprocessor):
    """attr_list setting only the attributes of ``ATTRIBUTES``, each of a good shape."""

    def assign_attrs(self, elem: Element, attrs_string: str, *, strict: bool = False) -> str:
        attrs, remainder = get_attrs_and_remainder(attrs_string)
        kept = " ".join(_attr_text(name, value) for name, value in attrs
                        if name == "." and allowed_attribute("class", value) or allowed_attribute(name, value))
        return super().assign_attrs(elem, kept, strict=strict) if not (strict and remainder) else remainder


def _attr_text(name: str, value: str | None) -> str:
    """An attribute as attr_list reads it, its value as the browser reads it (entities decoded once here,
    so that they are not decoded again)."""
    plain = html.unescape(value or "").replace("&", "&amp;").replace('"', "&quot;")
    return f".{plain}" if name == "." else f'{name}="{plain}"'


def _safe_fence_attrs(handle_attrs: Any) -> Any:
    """A fenced code block's ``handle_attrs`` that keeps only the allowed attributes and the settings."""
    def handle(attrs: Any) -> Any:
        return handle_attrs([(name, value) for name, value in attrs if name in _FENCE_SETTINGS or (
            allowed_attribute("class" if name == "." else name, value))])
    return handle


# A start tag of the HTML Markdown made (text never holds '<' there: Markdown escapes it), and its attributes.
_START_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9:-]*)((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)"
                        r"(\s*/?)>")
_ATTRIBUTE = re.compile(r"\s+([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")


class _Scrub(Postprocessor):
    """The last pass over the page's HTML: every attribute ``dangerous_attribute`` names is dropped."""

    def run(self, text: str) -> str:
        return _START_TAG.sub(_scrub_tag, text)


def _scrub_tag(tag: re.Match) -> str:
    kept = [a.group(0) for a in _ATTRIBUTE.finditer(tag.group(2))
            if not dangerous_attribute(a.group(1), html.unescape((a.group(2) or "").strip("\"'")))]
    return f"<{tag.group(1)}{''.join(kept)}{tag.group(3)}>"


class NoRawHtml(Extension):
    """Python-Markdown without raw HTML: HTML is text, and no attribute or link runs script.

    Add it after every other extension: it removes what they registered to pass HTML through
    (``md_in_html`` registers its own ``html_block``), and narrows what ``attr_list`` and fenced code set."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        if "attr_list" in md.treeprocessors:
            md.treeprocessors.register(_SafeAttrList(md), "attr_list", 8)  # attr_list's own place
        if "fenced_code_block" in md.preprocessors:
            fence = md.preprocessors["fenced_code_block"]
            fence.handle_attrs = _safe_fence_attrs(fence.handle_attrs)  # type: ignore[attr-defined]
        md.postprocessors.register(_Scrub(md), "journeysite_scrub", 0)


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
