"""The whole pipeline, shared by every adapter: load, validate, compute, render.

``build_site`` never raises on bad content or a failing plugin: everything
wrong is a ``Problem``, and the pages are rendered from whatever could be read.
"""
from __future__ import annotations

import gc
import sys
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pluggy

from .collisions import collisions
from .compute import ChantierIndex, Computed, compute
from .config import PluginOptions, SiteConfig, plugin_options
from .diagrams import Diagrams, fill, renumbered
from .directives import expand_directives, one_per_file
from .fields import line_of
from .graphviz import find_dot
from .history import SourceHistory
from .i18n import _, use_language
from .incremental import BuildCache, Recorded, plugins_fingerprint
from .isolation import PluginGuard, isolate
from .load import BROKEN, load_site
from .manager import PluginProblem, default_plugin_names, describe_exception, make_manager
from .model import Site
from .pagemeta import ThemeFiles
from . import parallel
from .pages import GeneratedPage, PageContext, RenderContext, pack, plan_pages, render_page
from .problems import CONFIG, Problem, sort_problems
from .search_hiding import prepare
from .referential import default_referential
from .validate import dependency_problems, validate_site


@dataclass
class RenderedPage:
    """A page and its whole Markdown text; with ``views``, the Markdown holds placeholders
    for them (``pages.restore_views`` puts them back in the HTML)."""

    page: GeneratedPage
    markdown: str
    views: dict[str, str] = field(default_factory=dict)
    search: dict[str, tuple[bytes, str | None]] = field(default_factory=dict)  # with renditions: by token
    packed: dict[str, bytes] = field(default_factory=dict)  # with pack: the views, once drawn, packed

    def pack_views(self) -> None:
        """Each view with no diagram left to draw moved to ``packed`` (``pages.pack``)."""
        for token in [token for token, view in self.views.items() if "JOURNEYSITEGRAPH" not in view]:
            self.keep_packed(token, self.views.pop(token))

    def keep_packed(self, token: str, view: str) -> None:
        """The view ``token`` (drawn) kept packed only."""
        self.views.pop(token, None)
        self.packed[token] = pack(view)


@dataclass
class SiteBuild:
    """What one build produced; ``pages`` is empty when a plugin failed while building."""

    config: SiteConfig
    site: Site
    problems: list[Problem]
    computed: Computed | None = None
    context: RenderContext | None = None
    pages: list[RenderedPage] = field(default_factory=list)
    ordinary: dict[str, str] = field(default_factory=dict)
    ordinary_views: dict[str, dict[str, str]] = field(default_factory=dict)  # with stash_views

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


# What pages read field by field (through incremental's recorder); anything else they read is a value.
RECORDED = (Site, Computed, ChantierIndex, SourceHistory)
# Hooks through which a plugin renders: a check renders pages when a plugin that is not built in has one.
RENDERING_HOOKS = ("journeysite_page_views", "journeysite_graph", "journeysite_graph_alter")


def build_site(config: SiteConfig, extra_plugins: Iterable[object] = (), stash_views: bool = False,
               draw: bool = True, render: bool = True, cache: BuildCache | None = None,
               renditions: bool = False, pack: bool = False) -> SiteBuild:
    """Load, validate, compute and render the site of ``config`` (``stash_views``: pages hold
    placeholders for their views, kept apart in ``RenderedPage.views``, and with ``renditions`` what a
    search indexer reads of each, in ``RenderedPage.search``: ``search_hiding.prepare``; with ``pack`` and no
    ``cache``, the views are kept packed as soon as drawn, in ``RenderedPage.packed``: ``pages.pack``, a
    sixth of the memory; ``draw`` False: diagrams are built but never drawn, as for a check); messages in
    the site's language.
    What plugins print goes to stderr: stdout is for exports.

    ``render=False`` finds the same problems without writing pages (``journeysite check``): the pages are
    planned and directives expanded where there are some, nothing is drawn, and ``pages`` stays empty.
    Pages are rendered all the same (undrawn) when a problem could only be found so: a plugin that is not
    built in renders (a view, a graph), or Graphviz is missing (its warning counts the diagrams).

    With a ``cache`` (kept from build to build by ``mkdocs serve``), files are parsed once per version and
    pages rendered again only when something they read changed (``incremental``); the result is the same.
    A build in which a plugin fails or a diagram cannot be drawn is done again from scratch (a failing
    plugin is not asked again in that build; a diagram's problems are the build's).
    """
    with use_language(config.language), redirect_stdout(sys.stderr), _collector_paused(cache is None):
        if cache is None:
            try:
                return _build(config, extra_plugins, stash_views, draw and render, render, None, renditions,
                              split=True, pack=pack)[0]
            except _SplitFailed:
                return _build(config, extra_plugins, stash_views, draw and render, render, None, renditions,
                              pack=pack)[0]
        cache.start()
        try:
            result, trouble = _build(config, extra_plugins, stash_views, draw and render, render, cache, renditions)
            if trouble:
                cache.forget_pages()
                result = _build(config, extra_plugins, stash_views, draw and render, render, None, renditions)[0]
            return result
        finally:
            cache.end()


@contextmanager
def _collector_paused(pause: bool = True) -> Iterator[None]:
    """Python's cyclic garbage collector paused while the block runs (with ``pause``). A build makes millions
    of objects that live until it ends (the model, the pages) and few cycles: the collector, triggered by
    their number, went through them again and again (a third of ``journeysite check``'s time at 1,000
    journeys) and found nothing to free. Not under ``mkdocs serve`` (a build with a cache): there the build
    before becomes garbage as the next one runs, and the server's memory grew by a build's worth."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class _SplitFailed(Exception):
    """Pages rendered on two processes (``parallel``) could not be put together: build serially."""


def _build(config: SiteConfig, extra_plugins: Iterable[object], stash_views: bool, draw: bool, render: bool,
           cache: BuildCache | None, renditions: bool = False, split: bool = False,
           pack: bool = False) -> tuple[SiteBuild, bool]:
    """The build, and whether a plugin failed or a diagram had a problem in it; ``split``: its pages may be
    rendered on two processes (raises ``_SplitFailed`` when that went wrong)."""
    pack = pack and stash_views and cache is None
    if config.problems:  # mkdocs.yml itself is unreadable: nothing else can be trusted
        return SiteBuild(config, Site(default_referential(config.language)), list(config.problems)), False
    site, problems = load_site(config, cache)
    result = SiteBuild(config, site, problems)
    options = plugin_options(config)
    pm, plugin_problems = make_manager(options.plugins_dir, options.disable, extra_plugins)
    problems += [*options.problems, *(_plugin_problem(config, p) for p in plugin_problems)]
    guard = isolate(pm, ThemeFiles(config.theme_dirs))
    drawing: list[Problem] = []
    try:
        problems += validate_site(site)
        for batch in pm.hook.journeysite_validate(site=site):
            problems += batch or []
        result.computed = compute(site, pm)
        problems += dependency_problems(site, result.computed)
        result.context = RenderContext(site, result.computed, pm, config.use_directory_urls, config.edit_links,
                                       SourceHistory(config.docs_path, _sources(site)),
                                       Diagrams(draw, options.graphviz_cache))
        rendering = render or _must_render(pm)
        stored = _render(result, stash_views, guard, rendering, cache if rendering else None, split,
                         stash_views and renditions, pack)
        drawing = _draw(result, options, pack)
        problems += drawing
        for recording, drawn in stored:  # pages are kept as drawn
            recording.store(drawn())
    except (KeyboardInterrupt, _SplitFailed):
        raise
    except BaseException as exc:  # plugins are isolated (isolation.py): this is journeysite's own bug
        problems.append(Problem(config.config_path, 1, _(
            "journeysite failed while building (a bug of journeysite or of a plugin's wrapper; please report "
            "it): {error}", error=describe_exception(exc)), layer=CONFIG))
        result.pages, result.ordinary, result.ordinary_views = [], {}, {}
    problems += [_plugin_problem(config, p) for p in guard.problems]
    result.problems = sort_problems(one_per_file(result.problems))
    if not render:
        result.pages, result.ordinary, result.ordinary_views = [], {}, {}
    return result, bool(guard.problems or drawing)


def _render(result: SiteBuild, stash_views: bool, guard: PluginGuard, render: bool = True,
            cache: BuildCache | None = None, split: bool = False, renditions: bool = False,
            pack: bool = False) -> list[tuple[Any, Any]]:
    """Render every page (with ``render``; else only expand their directives); with a ``cache``, reuse the
    pages whose reads are the same, and give back the others' recordings, to be kept once drawn; ``split``
    (and no cache): on two processes where that is safe (``parallel``); ``renditions``: each page's
    ``search`` too; ``pack``: its views packed as soon as drawn."""
    context, site, problems, config = result.context, result.site, result.problems, result.config
    assert context is not None
    pages = plan_pages(context)
    problems += collisions(site, pages, context.use_directory_urls, guard.origin, config.config_path,
                           config.options, lambda path: _site_relative(path, config.root))
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    by_path = {page.doc_path: page for page in pages}
    stored: list[tuple[Any, Any]] = []
    reads: RenderContext | Recorded = context
    if cache is not None:  # pages read the site through a recorder: what each reads is what it depends on
        cache.render_with(_fingerprint(config, site, context.pm, stash_views))
        reads = cache.recorded(context, RECORDED)
    ups = [by_path.get(page.up) if page.up else None for page in pages]  # a page switched off: no dead link

    def one(page: GeneratedPage, up: GeneratedPage | None) -> tuple[RenderedPage | None, list[Problem]]:
        """The page rendered, its diagrams that Graphviz's cache holds in place; the problems of its directives."""
        views: dict[str, str] = {}
        stash = views if stash_views else None
        asked = len(context.diagrams.drawings)
        body, found = expand_directives(page.body, PageContext(page, reads), prefix + (page.source or page.doc_path),
                                        page.body_line, stash)
        if not render:
            return None, found
        markdown = render_page(page, reads, body, up, stash)
        if len(context.diagrams.drawings) > asked:
            markdown, *texts = context.diagrams.put_cached([markdown, *views.values()], asked)
            views = dict(zip(views, texts))
        search = {token: prepare(view) for token, view in views.items()  # a view still to be drawn changes
                  if "JOURNEYSITEGRAPH" not in view} if renditions else {}
        rendered = RenderedPage(page, markdown, views, search)
        if pack:
            rendered.pack_views()
        return rendered, found

    if split and cache is None and render and len(pages) >= parallel.MIN_PAGES and parallel.workers() > 1:
        result.pages += _render_split(result, pages, ups, one, guard)
        pages = []
    for page, up in zip(pages, ups):
        key = ("page", repr(page), repr(up))
        cached = cache.page(key, context, page.doc_path) if cache is not None else None
        if cached is not None:
            problems += cached.problems
            markdown, views = cached.result
            result.pages.append(RenderedPage(page, markdown, dict(views)))
            continue
        with _recording(cache, key, page.doc_path) as recording:
            rendered, found = one(page, up)
            problems += found
        if rendered is None:
            continue
        result.pages.append(rendered)
        if recording is not None:
            stored.append((recording.with_problems(found), lambda r=rendered: (r.markdown, dict(r.views))))
    for source in site.pages:
        if source.kind is None and source.text:
            key = ("ordinary", repr(source), stash_views)
            cached = cache.page(key, context, source.doc_path) if cache is not None else None
            if cached is not None:
                (text, views), found = cached.result, cached.problems
                views = dict(views)
            else:
                host = GeneratedPage(source.doc_path, "", "page", source=source.doc_path)
                views = {}
                with _recording(cache, key, source.doc_path) as recording:
                    text, found = expand_directives(source.text, PageContext(host, reads), source.path, 1,
                                                    views if stash_views else None)
                if recording is not None:
                    doc_path = source.doc_path
                    stored.append((recording.with_problems(found), lambda d=doc_path: (
                        result.ordinary[d], dict(result.ordinary_views[d]))))
            problems += found
            result.ordinary[source.doc_path] = text
            result.ordinary_views[source.doc_path] = views
    return stored


def _render_split(result: SiteBuild, pages: list[GeneratedPage], ups: list[GeneratedPage | None],
                  one: Callable[[GeneratedPage, GeneratedPage | None], tuple[RenderedPage | None, list[Problem]]],
                  guard: PluginGuard) -> list[RenderedPage]:
    """``pages`` rendered by ``one`` on two processes, as a serial build renders them: the problems and
    the drawings each page asked for are taken in page order (drawings renumbered in its text)."""
    assert result.context is not None
    diagrams, before = result.context.diagrams, len(guard.problems)
    drawings, unwritable = len(diagrams.drawings), len(diagrams.unwritable)

    def render(index: int) -> tuple[RenderedPage, list[Problem], int, list[Any], list[str]]:
        asked, failed = len(diagrams.drawings), len(diagrams.unwritable)
        rendered, found = one(pages[index], ups[index])
        assert rendered is not None
        return rendered, found, asked, diagrams.drawings[asked:], diagrams.unwritable[failed:]

    outcomes = parallel.split(len(pages), render, lambda: len(guard.problems) > before)
    if outcomes is None:
        raise _SplitFailed
    del diagrams.drawings[drawings:], diagrams.unwritable[unwritable:]
    rendered_pages = []
    for page, (rendered, found, asked, drawn, failed) in zip(pages, outcomes):
        offset = len(diagrams.drawings) - asked
        if offset:
            rendered.views = {token: renumbered(html, offset) for token, html in rendered.views.items()}
            rendered.markdown = renumbered(rendered.markdown, offset)
        rendered.page = page  # this process's own (the worker's came back as a copy)
        rendered_pages.append(rendered)
        result.problems += found
        diagrams.drawings += drawn
        diagrams.unwritable += failed
    return rendered_pages


@contextmanager
def _recording(cache: BuildCache | None, key: object, name: str) -> Iterator[Any]:
    """Note what the page ``key`` reads while it renders (nothing without a cache)."""
    if cache is None:
        yield None
        return
    with cache.recording(key, name) as recording:
        yield recording


def _fingerprint(config: SiteConfig, site: Site, pm: pluggy.PluginManager, stash_views: bool) -> object:
    """What every page depends on: the configuration, the referential, the plugins and their code."""
    plugins = plugins_fingerprint(pm)
    return None if plugins is None else (repr(config), repr(site.referential), site.language, plugins, stash_views)


def _must_render(pm: pluggy.PluginManager) -> bool:
    """Whether a check must render pages to find every problem a build finds: a plugin that is not built
    in renders (a failing view, a graph Graphviz cannot read are problems), or Graphviz is missing (its
    warning counts the diagrams)."""
    builtins = {pm.get_plugin(name) for name in default_plugin_names()}
    for hook in RENDERING_HOOKS:
        caller = getattr(pm.hook, hook, None)
        if caller is not None and any(impl.plugin not in builtins for impl in caller.get_hookimpls()):
            return True
    return find_dot() is None


def _draw(result: SiteBuild, options: PluginOptions, pack: bool = False) -> list[Problem]:
    """Every diagram the pages asked for, drawn in one batch and put in place in the pages (``pack``: each
    view packed as soon as it is drawn)."""
    assert result.context is not None
    texts = []
    for rendered in result.pages:
        texts.append((rendered.markdown, partial(setattr, rendered, "markdown")))
        put = rendered.keep_packed if pack else rendered.views.__setitem__
        texts += [(html, partial(put, token)) for token, html in rendered.views.items()]
    texts += [(text, partial(result.ordinary.__setitem__, doc_path)) for doc_path, text in result.ordinary.items()]
    texts += [(html, partial(views.__setitem__, token)) for views in result.ordinary_views.values()
              for token, html in views.items()]
    return fill(result.context.diagrams, texts, options.graphviz_cache, result.config.config_path)


def _sources(site: Site) -> tuple[str, ...]:
    """The docs-relative paths of the files of items (those whose pages tell when they last changed)."""
    return tuple(sorted(page.doc_path for page in site.pages if page.kind not in (None, BROKEN)))


def _site_relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _plugin_problem(config: SiteConfig, problem: PluginProblem) -> Problem:
    """A plugin's problem at its file, or at ``disable`` in mkdocs.yml (line 1 without it)."""
    if problem.path is not None:
        return Problem(_site_relative(problem.path, config.root), problem.line, problem.message, layer=CONFIG)
    line = line_of(config.options, "disable") if "disable" in config.options else 1
    return Problem(config.config_path, line, problem.message, layer=CONFIG)
