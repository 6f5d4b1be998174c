"""Under ``mkdocs serve``: what MkDocs redoes for every page on every rebuild, redone only when needed.

MkDocs rebuilds the whole site on each save (``--dirty`` rebuilds generated pages anyway): it
converts every page's Markdown, lets the search plugin index it, and renders it through the
theme's templates. ``ServeCache`` keeps, from one build to the next, for every page:

- its **conversion** (HTML, table of contents, title, anchors, links to anchors, the warnings
  it logged), keyed by its Markdown, where it lives, the site's files and the Markdown options;
- what **the search plugin indexed** of it, keyed by its HTML, table of contents, title, URL
  and metadata;
- its **rendering through the theme** (before ``on_post_page``), keyed by what the templates
  show of it and of the site: its HTML, table of contents, title, metadata, URLs, neighbours
  and parents, the navigation, the configuration and the theme's overrides;
- and the theme's templates, compiled once (Jinja checks their source).

What a build did not use is forgotten, so memory stays flat across rebuilds. The keys are the
inputs MkDocs and Material give the page; a third-party plugin that changes a page from other
inputs in ``on_page_context`` would not be seen, which is why only ``mkdocs serve`` uses this,
never ``mkdocs build``.
"""
from __future__ import annotations

import copy
import hashlib
import logging
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

TEMPLATE = "journeysite-cached-page.html"


def digest(*parts: Any) -> bytes:
    """A short hash of ``parts`` (by their ``repr``; long texts by their bytes, which is quicker)."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        if isinstance(part, str) and len(part) > 256:
            hashed.update(b"s%d:" % len(part))
            hashed.update(part.encode("utf-8", "surrogatepass"))
        else:
            hashed.update(repr(part).encode("utf-8", "surrogatepass"))
        hashed.update(b"\x00")
    return hashed.digest()


def toc_outline(toc: Any) -> list:
    """A table of contents as plain values (titles, ids, levels, children)."""
    return [(item.title, item.id, item.level, toc_outline(item.children)) for item in toc or ()]


def nav_outline(items: Any) -> list:
    """The navigation as plain values: what every page's sidebar, tabs and footer show of it."""
    outline = []
    for item in items or ():
        children = nav_outline(item.children) if isinstance(item, Section) else None
        outline.append((type(item).__name__, item.title, getattr(item, "url", None), children))
    return outline


class _Records(logging.Handler):
    """Collects what is logged while a page converts (MkDocs' warnings about its links)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _logged() -> Iterator[list[logging.LogRecord]]:
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once for the whole session (MkDocs makes a new Jinja environment
    for every build); Jinja checks each template's source against what was compiled."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class ServeCache:
    """Conversions, search entries and rendered pages of the last build (see the module's docstring)."""

    def __init__(self) -> None:
        self._kept: dict[bytes, Any] = {}
        self._used: dict[bytes, Any] = {}
        self.config_key: bytes | None = None
        self.nav_key: bytes | None = None
        self._files: tuple[int, bytes] | None = None
        self.pending: dict[str, tuple[bytes, bool]] = {}  # src_uri -> (template key, whether cached)
        self.outputs: dict[str, str] = {}  # src_uri -> the cached rendering it is given
        self.saved_template: dict[str, Any] = {}
        self.hits = {"conversion": 0, "search": 0, "template": 0, "search left alone": 0}
        self.compiled = _CompiledTemplates()
        self._texts: dict[int, tuple[str, bytes]] = {}  # id -> (a long text, kept alive; its digest)
        self._texts_used: dict[int, tuple[str, bytes]] = {}
        self._contents: dict[str, tuple[str, bytes]] = {}  # src_uri -> (page.content, its digest), this build

    # -- one build -------------------------------------------------------------------------

    def start(self, config: MkDocsConfig) -> None:
        self._used = {}
        self.pending, self.outputs, self.saved_template = {}, {}, {}
        self.hits = dict.fromkeys(self.hits, 0)
        self._files = None
        self.nav_key = None
        self.config_key = _config_key(config)

    def end(self) -> None:
        self._kept, self._used = self._used, {}
        self._texts, self._texts_used = self._texts_used, {}
        self._contents = {}

    def _get(self, key: bytes) -> Any:
        found = self._kept.get(key, self._used.get(key))
        if found is not None:
            self._used[key] = found
        return found

    def _put(self, key: bytes, value: Any) -> None:
        self._used[key] = value

    @property
    def active(self) -> bool:
        return self.config_key is not None

    # -- conversion (Page.render) ----------------------------------------------------------

    def files_key(self, files: Files) -> bytes:
        if self._files is None or self._files[0] != id(files):
            self._files = (id(files), digest([(f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files]))
        return self._files[1]

    def convert(self, page: Page, config: MkDocsConfig, files: Files, render: Callable[[MkDocsConfig, Files], None]
                ) -> None:
        """``render(config, files)`` (MkDocs' conversion of ``page``), or what it gave for the same inputs."""
        key = digest("conversion", page.markdown, page.file.src_uri, page.file.dest_uri, page.file.url,
                     self.files_key(files), self.config_key)
        found = self._get(key)
        if found is None:
            with _logged() as records:
                render(config, files)
            links = page.links_to_anchors
            found = (page.content, copy.deepcopy(page.toc), page._title_from_render,
                     frozenset(page.present_anchor_ids or ()),
                     None if links is None else {f.src_uri: dict(v) for f, v in links.items()}, tuple(records))
            self._put(key, found)
            return
        self.hits["conversion"] += 1
        content, toc, title, anchors, links, records = found
        page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
        page.present_anchor_ids = set(anchors)
        if links is not None:
            page.links_to_anchors = {files.get_file_from_path(src): dict(v) for src, v in links.items()
                                     if files.get_file_from_path(src) is not None}
        for record in records:
            logging.getLogger(record.name).handle(record)

    # -- a page's HTML ---------------------------------------------------------------------

    def know_content(self, src_uri: str, content: str, html: str, views: dict[str, str]) -> None:
        """The page ``src_uri`` has ``content``: ``html`` with ``views`` put back (``pages.restore_views``). Its
        digest is made of theirs, which a page reused from the build before knows already: its HTML and its
        views are the same strings from build to build (MkDocs' conversion here, the core's pages), so
        nothing is hashed again (60 MB of HTML twice a rebuild at 200 journeys)."""
        self._contents[src_uri] = (content, digest("restored", self._text_digest(html),
                                                   [(token, self._text_digest(view)) for token, view in views.items()]))

    def content_digest(self, page: Page) -> bytes:
        """A digest of ``page.content``: as known (``know_content``) if no other plugin changed it since."""
        known = self._contents.get(page.file.src_uri)
        if known is not None and known[0] is page.content:
            return known[1]
        return self._text_digest(page.content or "")

    def _text_digest(self, text: str) -> bytes:
        """``digest(text)``, once for the same string object in this build and the one before."""
        known = self._texts.get(id(text))
        if known is None or known[0] is not text:
            known = (text, digest(text))
        self._texts_used[id(text)] = known
        return known[1]

    # -- search ----------------------------------------------------------------------------

    def search_key(self, page: Page) -> bytes:
        return digest("search", self.content_digest(page), toc_outline(page.toc), page.url, page.title, page.meta,
                      self.config_key)

    def indexed(self, key: bytes) -> list[dict] | None:
        """The search index entries the page of ``key`` (``search_key``) was given before."""
        found = self._get(key)
        if found is not None:
            self.hits["search"] += 1
        return found

    def keep_indexed(self, key: bytes, entries: list[dict]) -> None:
        self._put(key, [dict(e) for e in entries])

    # -- template --------------------------------------------------------------------------

    def plan_templates(self, env: jinja2.Environment, pages: list[Page], nav: Navigation | None) -> None:
        """For each page, the key of its rendering; a page rendered before gets a template that writes
        that rendering out (the theme's templates are not run for it)."""
        self.nav_key = digest(nav_outline(nav.items if nav is not None else ()))
        env.bytecode_cache = self.compiled
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: "{{ journeysite_cached_page(page) }}"}),
                                          env.loader])
        env.globals["journeysite_cached_page"] = lambda page: Markup(self.outputs[page.file.src_uri])
        for page in pages:
            key = self._template_key(page)
            output = self._get(key)
            self.pending[page.file.src_uri] = (key, output is not None)
            if output is not None:
                self.hits["template"] += 1
                self.outputs[page.file.src_uri] = output
                self.saved_template[page.file.src_uri] = page.meta.get("template", _NONE)
                page.meta["template"] = TEMPLATE

    def rendered_before(self, page: Page) -> bool:
        """Whether ``page`` is given its rendering through the theme of a build before (``plan_templates``)."""
        return page.file.src_uri in self.outputs

    def restore_meta(self, page: Page) -> None:
        """The page's own ``template`` back in its metadata (the cached one is chosen by now)."""
        saved = self.saved_template.pop(page.file.src_uri, None)
        if saved is _NONE:
            page.meta.pop("template", None)
        elif saved is not None:
            page.meta["template"] = saved

    def keep_output(self, page: Page, output: str) -> None:
        planned = self.pending.get(page.file.src_uri)
        if planned is not None and not planned[1]:
            self._put(planned[0], output)

    def _template_key(self, page: Page) -> bytes:
        def neighbour(other: Any) -> Any:
            return None if other is None else (other.title, other.url)

        parents, parent = [], page.parent
        while parent is not None:
            parents.append(parent.title)
            parent = parent.parent
        return digest("template", self.content_digest(page), toc_outline(page.toc), page.title, page.meta, page.url,
                      page.canonical_url, page.edit_url, page.update_date, page.is_homepage,
                      neighbour(page.previous_page), neighbour(page.next_page), parents, self.nav_key,
                      self.config_key)


_NONE = object()


def _config_key(config: MkDocsConfig) -> bytes | None:
    """What every page's conversion and rendering depend on in the configuration: mkdocs.yml, the Markdown
    options, the URLs, the theme's overrides. None when something in it cannot be told apart between
    builds (then nothing is reused)."""
    try:
        source = Path(config.config_file_path).read_bytes() if config.config_file_path else b""
    except OSError:
        return None
    overrides = []
    custom_dir = config.theme.custom_dir if config.theme else None
    if custom_dir and Path(custom_dir).is_dir():
        for path in sorted(Path(custom_dir).rglob("*")):
            if path.is_file():
                stat = path.stat()
                overrides.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    settings = repr((config.markdown_extensions, config.mdx_configs, config.site_url, config.use_directory_urls,
                     list(config.extra_css), [str(s) for s in config.extra_javascript], config.extra))
    if " at 0x" in settings:
        return None
    return digest(source, settings, overrides)
