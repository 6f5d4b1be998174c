"""The MkDocs adapter: runs the core pipeline and hands its pages to MkDocs.

- ``on_pre_build`` builds the site (before MkDocs cleans site_dir, so a failed
  build leaves the previous site whole) and fails with every problem, or, under
  ``mkdocs serve``, keeps serving with a banner and a problems page.
- ``on_files`` puts each journeysite page at its id-derived URL, keeping the
  source path of files written by authors (so edit links and relative links
  in their text keep working).
- ``on_nav`` keeps item pages out of the navigation and lists the index pages.
- Under ``mkdocs serve``, ``on_page_content`` puts the problems banner below each page's title (above
  it, MkDocs would take the page's title from its file name: ``Home`` instead of ``Accueil``).
- Material's search indexer is handed each view as the little of it its index reads
  (``search_hiding``), from inside its own call: no other plugin sees that copy.
- Under ``mkdocs build``, a page's views wait packed (``pages.pack``) whenever no plugin is handed the page:
  until its ``on_page_content``, from the end of that to its ``on_page_context``, and once it is written
  (``_views_at_rest``): MkDocs holds every page's content until the end of the build.
- Under ``mkdocs serve``, what did not change is reused from the build before: the core's pages
  (``incremental``), MkDocs' conversion, search entries and theme rendering (``serve_cache``); Material's
  search leaves a page whose rendering is reused alone (``_index_known``); the site folder is kept and a
  file written only when its bytes change (``serve_writes``).

Everything a person reads is in the site's language (``theme.language``).
"""
from __future__ import annotations

import gc
import os
import re
import subprocess
from pathlib import Path
from typing import Any, Callable

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, _add_parent_links, _add_previous_and_next_links, _get_by_type
from mkdocs.structure.pages import Page

from .build import SiteBuild, build_site
from .config import OPTIONS, SiteConfig, plugin_options, raw_html_option, read_site_config
from .history import EditLinks, set_source_date_epoch
from .i18n import _, use_language
from .incremental import BuildCache
from .load import BROKEN
from .material_search import wrap_search_plugins
from .pagemeta import THEME_KEYS, ThemeFiles, clean_meta
from .pages import pack, restore_views, take_views_out, unpack
from .problems import WARNING, count_errors, count_warnings
from .rawhtml import NoRawHtml, escape_meta
from .render.html import element_ids
from .render.problems import problems_banner, problems_page
from . import search_hiding
from .serve_cache import ServeCache
from .serve_guard import ConfigGuard
from .serve_writes import KeptSite
from .theme_texts import escape_theme_texts
from .urls import doc_dest

log = get_plugin_logger(__name__)
ASSETS = Path(__file__).parent / "assets"
ASSET_URI = "assets/journeysite"
PROBLEMS_DOC = "journeysite-problems.md"
_TITLE = re.compile(r"<h1[\s>].*?</h1>", re.S)  # a page's title, as Python-Markdown writes it
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_FRONT_TITLE = re.compile(r"^(?:title|name):[ \t]*['\"]?(.+?)['\"]?[ \t]*$", re.M)


def _any() -> c.Optional:
    return c.Optional(c.Type(object))


class JourneysiteConfig(base.Config):
    """Options under ``- journeysite:`` in mkdocs.yml.

    Every option takes any value here: the core reads them again from mkdocs.yml and
    reports a bad one at its line, with every other problem of the site, where MkDocs'
    own type check would stop the build with a message and no line.
    """

    stages = _any()
    """Ordered stages (étapes): ``{id, label}`` items; replaces the default list."""
    channels = _any()
    """Channels, the rows of the matrix: ``{id, label}`` items; replaces the default list."""
    emotions = _any()
    """The emotion scale, best first: ``{id, label, score}`` items; replaces the default list."""
    criteria = _any()
    """Arbitration criteria: ``{id, label, weight, inverse}`` items; replaces the default list."""
    plugins_dir = _any()
    """Folder of project-local plugins, relative to mkdocs.yml (default: ``plugins``)."""
    disable = _any()
    """Built-in or local plugins to switch off, by name (e.g. ``[matrix]``)."""
    departments = _any()
    """The company's departments: ``{id, label, aliases}`` items (optional; free text without it)."""
    currency = _any()
    """ISO 4217 code of chantier budgets (default ``EUR``)."""
    raw_html = _any()
    """``false``: raw HTML in authors' Markdown is an error, and shown as text (default ``true``)."""
    graphviz_cache = _any()
    """Folder of the diagrams Graphviz drew, relative to mkdocs.yml (default:
    ``.cache/journeysite/graphviz``); ``false`` keeps none."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """MkDocs' validation, less its "Unrecognised configuration name" warnings: the core warns about
        an unknown option itself, at its line and with a did-you-mean (config.plugin_options), and
        MkDocs' warning would abort ``mkdocs build --strict`` before any other problem is found."""
        failed, warnings = super().validate()
        return failed, [(key, message) for key, message in warnings if key in OPTIONS]


class JourneysitePlugin(BasePlugin[JourneysiteConfig]):
    """``plugins: [journeysite]`` in mkdocs.yml."""

    def __init__(self) -> None:
        self.serving = False
        self.result: SiteBuild | None = None
        self.views: dict[str, dict[str, str | bytes]] = {}  # a page's views (packed, building) by its file's src_uri
        # Building, a page's views wait packed while MkDocs holds its content (_views_at_rest): the page shown
        # now and its views; by src_uri, the views at rest, and a page's content at rest while it is written.
        self.showing: tuple[str, dict[str, str | bytes], dict[str, str]] | None = None
        self.resting: dict[str, dict[str, bytes]] = {}
        self.writing: tuple[str, str] | None = None
        self.prepared: dict[str, dict[str, tuple[bytes, str | None]]] = {}  # their search_hiding.prepare, by token
        self.ours: set[str] = set()  # src_uri of the pages journeysite writes
        self.site: SiteConfig | None = None  # the core's view of the site, read in on_config
        self.theme = ThemeFiles()
        self.raw_html = True
        self.nav: Navigation | None = None
        self.indexer = False  # whether Material's search indexes pages (and is handed renditions of views)
        self.searches: list[Any] = []  # Material's search plugins whose indexing goes through _index_page
        self.paused: list[Any] = []  # those told to leave the page building now alone (_index_known)
        self.placed: dict[str, list[search_hiding.Placed]] = {}  # where a page's views are, by src_uri
        # Under mkdocs serve, what a rebuild reuses of the build before (docs/performance.md).
        self.cache: BuildCache | None = None
        self.pages_cache: ServeCache | None = None
        self.anchors: dict[tuple[str, ...], list[str]] = {}  # under serve: a page's views -> their ids
        self.kept_site: KeptSite | None = None  # under serve: the site folder kept, pages written when changed
        self.builds = 0  # under serve: builds started so far
        self.frozen = False  # under serve: whether the heap the first build left is out of the collector's sight

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.on_shutdown()  # what a session before left, if any
        self.serving, self.builds = command == "serve", 0
        self.cache, self.pages_cache = (BuildCache(), ServeCache()) if self.serving else (None, None)
        self.kept_site = KeptSite() if self.serving else None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The same sources build the same bytes: MkDocs stamps the sitemap with the
        # build time unless SOURCE_DATE_EPOCH is set; we set it to the sources' date.
        # (A file's "last changed" date never takes it: history.given_source_date_epoch.)
        set_source_date_epoch(lambda: source_date(Path(config.docs_dir)))
        for asset in sorted(ASSETS.glob("*.css")):
            uri = f"{ASSET_URI}/{asset.name}"
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        for asset in sorted(ASSETS.glob("*.js")):
            uri = f"{ASSET_URI}/{asset.name}"
            if uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(uri)
        self.site = site_config(config, self.config)
        self.theme = ThemeFiles(self.site.theme_dirs)
        self.raw_html = raw_html_option(self.site)
        if not self.raw_html:
            config.markdown_extensions.append(NoRawHtml())  # runs last: after md_in_html, attr_list...
        escape_theme_texts(config, self.raw_html)  # after site_config: the core keeps the texts as written
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Views wait outside the Markdown (on_page_content puts them back): Python-Markdown and MkDocs
        # would each parse their HTML only to pass it through (half the build, docs/performance.md).
        if self.pages_cache is not None:
            self.pages_cache.start(config)
        if self.serving:
            self.builds += 1
            if self.builds == 2:
                self._freeze_heap()
        self._resume_search()  # in case the build before stopped halfway through a page
        self.searches = wrap_search_plugins(config.plugins, self._index_page)
        self.indexer = bool(self.searches)
        # Building (not serving: its views are kept and their renditions mostly not needed), the core prepares
        # what the search indexer reads of each view: on both cores (build.py).
        result = build_site(self.site or site_config(config, self.config), stash_views=True, cache=self.cache,
                            renditions=self.indexer and not self.serving, pack=not self.serving)
        self.result = result
        if self.kept_site is not None:  # MkDocs cleans the site folder next: it is kept instead (serve_writes)
            self.kept_site.start(config.site_dir)
        self.placed = {}
        with use_language(result.site.language):
            if not self.serving and (result.errors or (config.strict and result.problems)):
                raise PluginError(_summary(result, config.strict))
            for problem in result.problems:
                if self.serving:  # shown in every page; as a warning, MkDocs would abort a strict site's rebuild
                    log.info(str(problem))
                elif problem.severity == WARNING:
                    log.warning(str(problem))
                else:
                    log.error(str(problem))

    def _freeze_heap(self) -> None:
        """Under serve, as the first rebuild starts: the first build's garbage collected, and what it left (the
        caches, the model, the theme, MkDocs and the plugins) moved out of the garbage collector's sight
        (``gc.freeze``). Python's collector otherwise walks that whole heap two or three times a rebuild (0.2 to
        0.4 s at 200 journeys). A frozen object is still freed as soon as nothing refers to it; only a cycle of
        frozen objects that becomes garbage later is kept (30 objects, once, at 200 journeys: the caches hold
        no cycles). Later builds' objects are collected as usual: memory stays flat. A new session (``on_startup``,
        ``on_shutdown``) unfreezes it."""
        gc.collect()
        gc.freeze()
        self.frozen = True

    def on_shutdown(self) -> None:
        if self.kept_site is not None:
            self.kept_site.end(finished=False)
        self._unfreeze_heap()

    def _unfreeze_heap(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        result = self.result
        self.views, self.ours, self.prepared, self.resting = {}, set(), {}, {}
        if result is None:
            return files
        if self.anchors:  # ids of views no page shows any more are let go
            kept = {tuple(rendered.views.values()) for rendered in result.pages}
            self.anchors = {key: found for key, found in self.anchors.items() if key in kept}
        # Links that leave docs_dir or loop, files that could run script (docsfiles.py, staticfiles.py): never
        # published. Excluded rather than removed: a page linking to one is then told so (at INFO), and a strict
        # site under serve still serves, with the problem shown.
        for file in files:
            if any(file.src_uri == b or file.src_uri.startswith(b + "/") for b in result.site.blocked):
                file.inclusion = InclusionLevel.EXCLUDED
        for rendered in result.pages:
            page = rendered.page
            hidden = InclusionLevel.NOT_IN_NAV
            if page.source is not None and files.get_file_from_path(page.source) is not None:
                old = files.get_file_from_path(page.source)
                files.remove(old)
                new = File(page.source, old.src_dir, old.dest_dir, old.use_directory_urls,
                           dest_uri=doc_dest(page.doc_path, config.use_directory_urls), inclusion=hidden)
                new.content_string = rendered.markdown
                files.append(new)
                self.views[new.src_uri] = {**rendered.views, **rendered.packed}
                self.prepared[new.src_uri] = rendered.search
                self.ours.add(new.src_uri)
            elif files.get_file_from_path(page.doc_path) is None:
                files.append(File.generated(config, page.doc_path, content=rendered.markdown, inclusion=hidden))
                self.views[page.doc_path] = {**rendered.views, **rendered.packed}
                self.prepared[page.doc_path] = rendered.search
                self.ours.add(page.doc_path)
        for doc_path, text in result.ordinary.items():
            file = files.get_file_from_path(doc_path)
            if file is not None:
                file.content_string = text
                self.views[doc_path] = dict(result.ordinary_views.get(doc_path, {}))
        if self.serving and result.problems:
            with use_language(result.site.language):
                self._serve_problems(files, config, result)
        for asset in sorted(ASSETS.iterdir()):
            if asset.suffix in (".css", ".js"):
                files.append(File.generated(config, f"{ASSET_URI}/{asset.name}", abs_src_path=str(asset)))
        return files

    def _serve_problems(self, files: Files, config: MkDocsConfig, result: SiteBuild) -> None:
        """Under ``mkdocs serve``: a problems page, and broken files shown as their problems, under the title
        they would have. An item's file stays out of the navigation, as the item's page would (an ordinary
        page keeps its place in it). Their HTML waits outside the Markdown, as views do (raw HTML may be
        switched off: raw_html)."""
        files.append(File.generated(config, PROBLEMS_DOC, inclusion=InclusionLevel.NOT_IN_NAV,
                                    content=problems_page(result.problems,
                                                          stash=self.views.setdefault(PROBLEMS_DOC, {}))))
        for source in result.site.pages:
            if source.kind == BROKEN:
                file = files.get_file_from_path(source.doc_path)
                own = [p for p in result.problems if p.path == source.path]
                if file is not None:
                    file.content_string = problems_page(own, title=_broken_title(file, source.doc_path),
                                                        stash=self.views.setdefault(source.doc_path, {}))
                    if source.declared:
                        file.inclusion = InclusionLevel.NOT_IN_NAV

    def _add_index_pages(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        result = self.result
        if result is None or config.nav is not None:
            return nav
        listed = sorted((p.page for p in result.pages if p.page.nav_order is not None),
                        key=lambda p: (p.nav_order, p.doc_path))
        for page in listed:
            file = files.get_file_from_path(page.doc_path)
            if file is not None:
                nav.items.append(file.page if file.page is not None else Page(None, file, config))
        nav.pages = _get_by_type(nav.items, Page)
        _add_previous_and_next_links(nav.pages)
        _add_parent_links(nav.items)
        return nav

    @event_priority(-100)  # last: the navigation every plugin agreed on
    def _keep_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        if not self.serving:  # MkDocs has the pages now: the model and the pages' text can go (memory)
            self.result = None
        return nav

    on_nav = CombinedEvent(_add_index_pages, _keep_nav)

    @event_priority(100)  # first, so that every other plugin sees the whole page
    def _page_content_first(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's views, back in place of their placeholders (their ids count as the page's anchors);
        under ``mkdocs serve`` with problems, the banner below the page's title."""
        stored = self.views.pop(page.file.src_uri, None)  # the page holds them from now on: no other copy kept
        prepared = self.prepared.pop(page.file.src_uri, {})
        converted = html
        views: dict[str, str] = {}
        if stored:
            views = {token: view if isinstance(view, str) else unpack(view) for token, view in stored.items()}
            if not self.serving:
                self.showing = (page.file.src_uri, stored, views)
            if page.present_anchor_ids is not None:
                page.present_anchor_ids.update(self._anchors(views))
            placed: list[tuple[int, str]] = []
            html = restore_views(html, views, placed)
            if self.indexer:
                # under serve the views stay in the core's cache anyway, and their renditions are mostly not needed
                self.placed[page.file.src_uri] = search_hiding.place(
                    placed, keep=self.serving, prepared={id(views[token]): p for token, p in prepared.items()
                                                         if token in views})
        result = self.result
        if self.serving and result is not None and result.problems and page.file.src_uri != PROBLEMS_DOC:
            problems_file = files.get_file_from_path(PROBLEMS_DOC)
            link = problems_file.url_relative_to(page.file) if problems_file else PROBLEMS_DOC
            with use_language(result.site.language):
                html = below_title(html, problems_banner(result.problems, link))
        elif views and self.pages_cache is not None and self.pages_cache.active:
            self.pages_cache.know_content(page.file.src_uri, html, converted, views)
        return html

    @event_priority(-100)  # last: every plugin has seen the whole page
    def _views_at_rest(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Building, the page's views wait packed until the page is written (``_page_context_first`` puts them
        back): MkDocs holds every page's content from now until the end of the build, and the views are most
        of it (docs/performance.md)."""
        showing, self.showing = self.showing, None
        if showing is None or showing[0] != page.file.src_uri:
            return html
        _uri, stored, views = showing
        html, taken = take_views_out(html, views)
        if taken:  # packed as the core handed them (an author's page's directives come whole)
            self.resting[page.file.src_uri] = {
                token: stored[token] if isinstance(stored[token], bytes) else pack(views[token]) for token in taken}
        return html

    on_page_content = CombinedEvent(_page_content_first, _views_at_rest)

    def _anchors(self, views: dict[str, str]) -> list[str]:
        """The element ids of a page's views (found once for the views a rebuild reuses)."""
        key = tuple(views.values())
        found = self.anchors.get(key)
        if found is None:
            found = element_ids("".join(key))
            if self.serving:
                self.anchors[key] = found
        return found

    def _index_page(self, index: Any, add_entry: Callable[[Page], None], page: Page) -> None:
        """Material's search indexing of ``page``, handed each view as the little of it its index reads
        (no chart, no matrix, bare text: a fraction of the parsing, the same index); under serve, the
        entries it made before when the page is the same. Nothing else ever sees the views rewritten."""
        if self.paused:  # the page's entries are in already (_index_known)
            return
        cache = self.pages_cache if self.pages_cache is not None and self.pages_cache.active else None
        key = cache.search_key(page) if cache is not None else None
        entries = cache.indexed(key) if cache is not None else None
        if entries is not None:
            self.placed.pop(page.file.src_uri, None)
            index.entries.extend(dict(entry) for entry in entries)
            return
        before, content = len(index.entries), page.content
        placed = self.placed.pop(page.file.src_uri, None)
        if placed and content is not None:
            page.content = search_hiding.search_copy(content, placed)
        try:
            add_entry(page)
        finally:
            page.content = content
        if cache is not None:
            cache.keep_indexed(key, index.entries[before:])

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Material's edit button leads where journeysite's edit link does (a file's name percent-encoded); under
        serve, the page's conversion to HTML is done again only when its Markdown changed."""
        if page.edit_url and page.file.edit_uri and self.site is not None:
            page.edit_url = self.site.edit_links.url(page.file.edit_uri)
        cache = self.pages_cache
        if cache is not None and cache.active:
            convert = page.render
            page.render = (  # type: ignore[method-assign]
                lambda config, files: cache.convert(page, config, files, convert))
        return page

    @event_priority(-100)  # last: the environment every plugin agreed on
    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Under serve, a page whose rendering through the theme is known is written out as it was."""
        if self.pages_cache is not None and self.pages_cache.active:
            pages = [file.page for file in files.documentation_pages() if file.page is not None]
            self.pages_cache.plan_templates(env, pages, self.nav)
        return env

    @event_priority(100)  # first: the template is chosen; the page's metadata is its own again
    def _page_context_first(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        resting = self.resting.pop(page.file.src_uri, None)
        if resting and page.content is not None:  # the page's views back, from now until it is written
            self.writing = (page.file.src_uri, page.content)
            page.content = restore_views(page.content, {token: unpack(view) for token, view in resting.items()})
        cache = self.pages_cache
        if cache is not None:
            cache.restore_meta(page)
            if cache.active and cache.rendered_before(page):
                self._index_known(page, cache)
        return context

    def _index_known(self, page: Page, cache: ServeCache) -> None:
        """Under serve, a page whose rendering through the theme is reused: its search entries go in as they
        did before, and Material's search plugin is switched off until the page has its context (its
        ``enabled`` option, which it reads on every page). The rest of its work on a page, a regular
        expression over the whole HTML taking out the ``data-search-*`` attributes, only prepares what the
        theme's templates show, and they do not run for this page: the most of MkDocs' own work in a rebuild
        (docs/performance.md)."""
        searches = [plugin for plugin in self.searches if plugin.config.get("enabled") is True]
        entries = cache.indexed(cache.search_key(page)) if searches else None
        if entries is None:
            return
        for plugin in searches:
            plugin.search_index.entries.extend(dict(entry) for entry in entries)
            plugin.config["enabled"] = False
        self.paused = searches
        cache.hits["search left alone"] += 1

    @event_priority(-100)  # last: Material's search has let the page go by
    def _page_context_last(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        self._resume_search()
        return context

    on_page_context = CombinedEvent(_page_context_first, _page_context_last)

    def _resume_search(self) -> None:
        for plugin in self.paused:
            plugin.config["enabled"] = True
        self.paused = []

    @event_priority(100)  # first: the template's output, before any plugin changes it
    def _post_page_first(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.pages_cache is not None and self.pages_cache.active:
            self.pages_cache.keep_output(page, output)
        return output

    @event_priority(-100)  # last: the page is written; its content is the one at rest again, views let go
    def _post_page_last(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        writing, self.writing = self.writing, None
        if writing is not None and writing[0] == page.file.src_uri:
            page.content = writing[1]
        return output

    on_post_page = CombinedEvent(_post_page_first, _post_page_last)

    @event_priority(-100)  # last: every other plugin has written what it writes
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.pages_cache is not None:
            self.pages_cache.end()
        if self.kept_site is not None:
            self.kept_site.end()
        self.result, self.nav = None, None  # the build's model and pages are let go (see _freeze_heap)

    def on_build_error(self, *, error: Exception) -> None:
        if self.kept_site is not None:
            self.kept_site.end(finished=False)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri not in self.ours:  # an author's page: MkDocs hands its front matter to the theme
            page.meta = clean_meta(page.meta, self.theme, ("title", *THEME_KEYS))
            if not self.raw_html:
                page.meta = escape_meta(page.meta)
        return markdown

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Watch what MkDocs leaves alone: the local plugins, and the theme's overrides (``custom_dir``),
        which MkDocs watches only with ``--watch-theme``; a mkdocs.yml that stops being readable YAML is told
        as its problem, not as MkDocs' traceback (``serve_guard``)."""
        site = self.site or site_config(config, self.config)
        plugins_dir = plugin_options(site).plugins_dir
        for folder in (plugins_dir, config.theme.custom_dir):
            if folder and Path(folder).is_dir():
                server.watch(str(folder))
        if config.config_file_path and callable(getattr(server, "builder", None)):
            server.builder = ConfigGuard(server.builder, config.config_file_path, config.site_dir, site.language)
        return server


def source_date(docs_dir: Path) -> int:
    """The date of the sources: the last git commit touching them, else the newest file."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=docs_dir, capture_output=True,
                             text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip().isdigit():
            return int(out.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    times = [p.stat().st_mtime for p in docs_dir.rglob("*") if p.is_file()]
    return int(max(times)) if times else 0


def site_config(config: MkDocsConfig, options: JourneysiteConfig) -> SiteConfig:
    """The core's view of the site: MkDocs' resolved values, options with their lines from mkdocs.yml."""
    path = config.config_file_path
    from_file = read_site_config(path) if path and Path(path).is_file() else None
    root = from_file.root if from_file else Path(config.docs_dir).parent
    theme_language = config.theme.get("language") if config.theme else None
    if from_file is not None and from_file.problems:
        return from_file  # mkdocs.yml itself is unreadable: its problems say why
    return SiteConfig(
        root=root,
        config_path=from_file.config_path if from_file else "mkdocs.yml",
        docs_dir=os.path.relpath(config.docs_dir, root),
        language=str(theme_language or (from_file.language if from_file else "en")),
        use_directory_urls=config.use_directory_urls,
        site_name=config.site_name,
        options=from_file.options if from_file and from_file.has_plugin else dict(options),
        has_plugin=True,
        notes=from_file.notes if from_file else (),
        theme_dirs=tuple(Path(folder) for folder in config.theme.dirs),
        exclude_docs=from_file.exclude_docs if from_file else (),
        edit_links=EditLinks(config.repo_url, config.edit_uri,
                             str(config.edit_uri_template) if config.edit_uri_template else None),
    )


def below_title(html: str, banner: str) -> str:
    """``html`` with ``banner`` right after its first ``<h1>`` (first when it has none): MkDocs takes a
    page's title from a first heading, which the banner must not hide."""
    title = _TITLE.search(html)
    return html[:title.end()] + banner + html[title.end():] if title else banner + html


def _broken_title(file: File, doc_path: str) -> str:
    """The title of a page that cannot be read: its front matter's ``title`` or first heading, as far as
    they can be found, else its path."""
    text = file.content_string if file.abs_src_path and Path(file.abs_src_path).is_file() else ""
    found = _FRONT_TITLE.search(text) or _HEADING.search(text)
    return found.group(1) if found else doc_path


def _summary(result: SiteBuild, strict: bool) -> str:
    """Why the build fails: every problem, errors and warnings, as ``journeysite check`` lists them."""
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    counts = {"errors": count_errors(errors), "warnings": count_warnings(warnings)}
    if strict and warnings:
        head = _("journeysite found {errors} and {warnings} (strict mode: warnings fail); nothing was written:",
                 **counts)
    else:
        head = _("journeysite found {errors} and {warnings}; nothing was written:", **counts)
    return head + "\n" + "\n".join(f"  {p}" for p in result.problems)
