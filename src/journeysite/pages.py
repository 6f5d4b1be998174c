"""Pages of a site: what pages there are, and the Markdown of each.

A page is the author's Markdown body (for items written in a file) followed by
views that plugins contribute through ``journeysite_page_views``. Everything
here is independent of MkDocs: an adapter only decides where pages go.
"""
from __future__ import annotations

import json
import re
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping

import pluggy

from .compute import Computed
from .diagrams import Diagrams
from .history import EditLinks, SourceHistory
from .i18n import _
from .model import Site
from .render.html import esc, link, md_text, narrow, tag
from .urls import SECTIONS, doc_url, item_doc_path, relative_url, section_doc_path

ITEM_KINDS = ("persona", "journey", "chantier", "channel", "department")
# A view's placeholder (render_page with a stash): plain letters and digits, so that any Markdown
# converter writes it as a paragraph of its own, unchanged.
VIEW_TOKEN = "JOURNEYSITEVIEW{:04d}X"
_PLACEHOLDER = re.compile(r"<p>(JOURNEYSITEVIEW\d{4}X)</p>")
ESCAPED_META = ("title", "description", "subtitle")
# A journey map needs the page's width: its page hides the sidebar (which lists only
# the index pages) and the table of contents (four headings) unless the author's front
# matter says otherwise with ``hide:``. A department's page holds its lane of the roadmap: no
# table of contents beside it either.
DEFAULT_META = {"journey": {"hide": ["navigation", "toc"]}, "department": {"hide": ["toc"]}}


@dataclass(frozen=True)
class View:
    """A fragment of a page: trusted ``html`` under an optional Markdown heading ``title``."""

    name: str
    html: str
    title: str = ""
    order: int = 100


@dataclass(frozen=True)
class GeneratedPage:
    """A page journeysite writes: ``doc_path`` is relative to docs_dir.

    ``source`` is the docs-relative path of the file it comes from (None for
    pages with no source, such as indexes); ``nav_order`` puts index pages in
    the navigation (None keeps a page out of it); ``up`` is the doc_path of the
    page a link above the title leads back to (an item's index page), if any.
    """

    doc_path: str
    title: str
    kind: str
    item_id: str | None = None
    body: str = ""
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    nav_order: int | None = None
    body_line: int = 1
    up: str | None = None


@dataclass(frozen=True)
class RenderContext:
    """What every view needs: the site, its computations and the plugin manager; where its source files
    are edited (``edit_links``) and when they last changed (``history``); the diagrams the pages ask for
    (drawn once every page is rendered). Views are rendered in the site's language:
    ``journeysite.i18n._`` translates into it."""

    site: Site
    computed: Computed
    pm: pluggy.PluginManager
    use_directory_urls: bool = True
    edit_links: EditLinks = EditLinks()
    history: SourceHistory | None = None
    diagrams: Diagrams = field(default_factory=Diagrams)

    def url(self, doc_path: str) -> str:
        return doc_url(doc_path, self.use_directory_urls)

    @cached_property
    def items(self) -> dict[str, Mapping[str, Any]]:
        """The items that have a page, by kind, then by id."""
        site = self.site
        return {"persona": site.personas, "journey": site.journeys, "chantier": site.chantiers,
                "channel": {c.id: c for c in site.referential.channels},
                "department": {d.id: d for d in self.computed.departments.departments}}

    def exists(self, kind: str, item_id: str) -> bool:
        return item_id in self.items[kind]

    def title(self, kind: str, item_id: str) -> str:
        """The human title of an item (its id when it is missing)."""
        if kind == "department":
            return self.computed.departments.label(item_id)
        return title_of(self.site, kind, item_id)


@dataclass(frozen=True)
class PageContext:
    """The page being rendered, with link helpers relative to it."""

    page: GeneratedPage
    context: RenderContext

    @property
    def kind(self) -> str:
        return self.page.kind

    @property
    def item(self) -> Any:
        return self.context.items.get(self.kind, {}).get(self.page.item_id)

    @cached_property
    def url(self) -> str:
        return self.context.url(self.page.doc_path)

    def href(self, doc_path: str, anchor: str = "") -> str:
        """A relative link from this page to the page at ``doc_path``."""
        target = relative_url(self.url, self.context.url(doc_path))
        return f"{target}#{anchor}" if anchor else target

    def item_href(self, kind: str, item_id: str, anchor: str = "") -> str | None:
        """A link to an item's page, or None when the item does not exist."""
        if not self.context.exists(kind, item_id):
            return None
        return self.href(item_doc_path(kind, item_id), anchor)

    def item_link(self, kind: str, item_id: str, text: str | None = None, anchor: str = "", **attrs: object) -> str:
        """``<a attrs>`` to an item with escaped ``text`` (default: its title); plain text if it is missing."""
        shown = esc(text if text is not None else self.context.title(kind, item_id))
        return link(self.item_href(kind, item_id, anchor), shown, **attrs)

    def department_link(self, department_id: str | None) -> str:
        """A link to a department's page, shown as its label; '' for none."""
        return self.item_link("department", department_id) if department_id else ""


def title_of(site: Site, kind: str, item_id: str) -> str:
    """The human title of an item (its id when it is missing)."""
    if kind == "channel":
        return site.referential.channel_label(item_id)
    title = site.title(kind, item_id)
    return item_id if title is None else title


def touchpoint_anchor(touchpoint_id: str) -> str:
    """The HTML id of a touchpoint on its journey page."""
    return f"tp-{touchpoint_id}"


def stage_anchor(stage_id: str) -> str:
    """The HTML id of a stage's section on a channel page (where the heatmap's cells lead)."""
    return f"stage-{stage_id}"


def item_pages(site: Site) -> list[GeneratedPage]:
    """One page per persona, journey, chantier, and channel of the referential."""
    pages = []
    for kind, items in (("persona", site.personas), ("journey", site.journeys), ("chantier", site.chantiers)):
        for item in items.values():
            pages.append(GeneratedPage(item_doc_path(kind, item.id), title_of(site, kind, item.id), kind, item.id,
                                       item.body, _docs_relative(site, item.location.path),
                                       {**DEFAULT_META.get(kind, {}), **item.meta},
                                       body_line=item.location.body_line, up=section_doc_path(SECTIONS[kind])))
    for channel in site.referential.channels:
        written = site.channel_pages.get(channel.id)
        pages.append(GeneratedPage(
            item_doc_path("channel", channel.id), channel.label, "channel", channel.id,
            written.body if written else "", _docs_relative(site, written.location.path) if written else None,
            written.meta if written else {}, body_line=written.location.body_line if written else 1,
            up=section_doc_path(SECTIONS["channel"])))
    return pages


def _docs_relative(site: Site, path: str) -> str:
    prefix = site.docs_prefix + "/" if site.docs_prefix and site.docs_prefix != "." else ""
    return path[len(prefix):] if prefix and path.startswith(prefix) else path


def department_pages(context: RenderContext) -> list[GeneratedPage]:
    """One page per department (``journeysite_departments``), leading back to the departments' index."""
    return [GeneratedPage(item_doc_path("department", d.id), d.label, "department", d.id,
                          meta=DEFAULT_META["department"], up=section_doc_path(SECTIONS["department"]))
            for d in context.computed.departments.departments]


def plan_pages(context: RenderContext) -> list[GeneratedPage]:
    """Every page journeysite writes: items' pages, then pages from ``journeysite_site_pages``."""
    pages = item_pages(context.site) + department_pages(context)
    for batch in reversed(context.pm.hook.journeysite_site_pages(context=context)):
        pages.extend(batch or ())
    return pages


def render_page(page: GeneratedPage, context: RenderContext, body: str | None = None,
                up: GeneratedPage | None = None, stash: dict[str, str] | None = None) -> str:
    """The whole Markdown of ``page``: front matter, a link back ``up`` (when given), title, body
    (``body`` overrides), views.

    With a ``stash``, each view's HTML goes there under a placeholder token, and the Markdown holds
    the token as a paragraph: ``restore_views`` puts the views back into the converted HTML. A
    Markdown converter then never parses the views (most of a page's HTML) only to pass them through.
    """
    page_context = PageContext(page, context)
    views = [v for batch in context.pm.hook.journeysite_page_views(page=page_context) for v in batch or ()]
    views.sort(key=lambda v: (v.order, v.name))
    # MkDocs and Material print page.title and these metas into HTML unescaped: escape them here.
    meta = {**page.meta, "title": page.title}
    meta = {k: esc(v) if k in ESCAPED_META and isinstance(v, str) else v for k, v in meta.items()}
    parts = ["---", *(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}" for key, value in meta.items()),
             "---", ""]
    if up is not None:
        back = link(page_context.href(up.doc_path), esc(up.title), class_="js-up-link")
        parts += [stashed(tag("nav", back, class_="js-up", aria_label=_("Back to the list")), stash), ""]
    parts += [f"# {md_text(page.title)}", ""]
    text = page.body if body is None else body
    if text.strip():
        parts += [text.rstrip(), ""]
    for view in views:
        if view.title:
            parts += [f"## {md_text(view.title)}", ""]
        parts += [stashed(_html_block(view.html), stash), ""]
    return "\n".join(parts)


def stashed(block: str, stash: dict[str, str] | None) -> str:
    """``block`` (HTML), or, with a ``stash``, a placeholder for it (the block kept in the stash, ``narrow``: a
    big site's views wait there by the hundred megabytes), to be written as a paragraph of its own."""
    if stash is None:
        return block
    token = VIEW_TOKEN.format(len(stash))
    stash[token] = narrow(block)
    return token


def restore_views(html: str, stash: Mapping[str, str], placed: list[tuple[int, str]] | None = None) -> str:
    """``html`` converted from a page rendered with ``stash``: each placeholder paragraph replaced by its view
    (``placed`` gets each view put back, with where it starts in the result)."""
    out: list[str] = []
    done = length = 0
    for found in _PLACEHOLDER.finditer(html):
        view = stash.get(found.group(1))
        if view is None:
            continue
        out.append(html[done:found.start()])
        length += found.start() - done
        if placed is not None:
            placed.append((length, view))
        out.append(view)
        length += len(view)
        done = found.end()
    out.append(html[done:])
    return "".join(out)


def take_views_out(html: str, views: Mapping[str, str]) -> tuple[str, list[str]]:
    """What ``restore_views`` undoes: ``html`` with each view of ``views`` (by token, in the order they stand
    in it) found whole put back to its placeholder paragraph; the tokens taken out (a view another plugin
    changed stays where it is). ``html`` already holding a placeholder is left as it is: it could not be told
    from the views'."""
    if "JOURNEYSITEVIEW" in html:
        return html, []
    out: list[str] = []
    taken: list[str] = []
    done = 0
    for token, view in views.items():
        start = html.find(view, done) if view else -1
        if start < 0:
            continue
        out += [html[done:start], f"<p>{token}</p>"]
        taken.append(token)
        done = start + len(view)
    out.append(html[done:])
    return "".join(out), taken


def pack(view: str) -> bytes:
    """A view kept aside in a sixth of its size (zlib at its fastest level), while it waits to be shown."""
    return zlib.compress(view.encode("utf-8", "surrogatepass"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


def _html_block(fragment: str) -> str:
    """A raw HTML fragment as a Markdown block: no blank line inside, so Markdown keeps it whole."""
    return "\n".join(line for line in fragment.splitlines() if line.strip())
