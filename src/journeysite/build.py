"""The whole pipeline, shared by every adapter: load, validate, compute, render.

``build_site`` never raises on bad content or a failing plugin: everything
wrong is a ``Problem``, and the pages are rendered from whatever could be read.
"""
from __future__ import annotations

import sys
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pluggy

from .collisions import collisions
from .compute import ChantierIndex, Computed, compute
from .config import SiteConfig, plugin_options
from .directives import expand_directives
from .fields import line_of
from .history import SourceHistory
from .i18n import _, use_language
from .incremental import BuildCache, Recorded, plugins_fingerprint
from .isolation import PluginGuard, isolate
from .load import BROKEN, load_site
from .manager import PluginProblem, default_plugin_names, describe_exception, make_manager
from .model import Site
from .pagemeta import ThemeFiles
from .pages import GeneratedPage, PageContext, RenderContext, plan_pages, render_page
from .problems import Problem, sort_problems
from .referential import default_referential
from .validate import dependency_problems, validate_site


@dataclass
class RenderedPage:
    """A page and its whole Markdown text; with ``views``, the Markdown holds placeholders
    for them (``pages.restore_views`` puts them back in the HTML)."""

    page: GeneratedPage
    markdown: str
    views: dict[str, str] = field(default_factory=dict)


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


def build_site(config: SiteConfig, extra_plugins: Iterable[object] = (), stash_views: bool = False,
               render: bool = True, cache: BuildCache | None = None) -> SiteBuild:
    """Load, validate, compute and render the site of ``config`` (``stash_views``: pages hold
    placeholders for their views, kept apart in ``RenderedPage.views``); messages in the site's language.
    What plugins print goes to stderr: stdout is for exports.

    ``render=False`` finds the same problems without writing pages (``journeysite check``): the pages are
    planned, directives expanded where there are some, and plugins' own views asked for (a failing one is
    a problem); the built-in views, which report nothing, are not rendered, and ``pages`` stays empty.

    With a ``cache`` (kept from build to build by ``mkdocs serve``), files are parsed once per version and
    pages rendered again only when something they read changed (``incremental``); the result is the same.
    A build in which a plugin fails is done again from scratch (a failing plugin is not asked again in
    that build: which pages it misses depends on the order pages render in).
    """
    with use_language(config.language), redirect_stdout(sys.stderr):
        if cache is None:
            return _build(config, extra_plugins, stash_views, render, None)[0]
        cache.start()
        try:
            result, plugin_failed = _build(config, extra_plugins, stash_views, render, cache)
            if plugin_failed:
                cache.forget_pages()
                result = _build(config, extra_plugins, stash_views, render, None)[0]
            return result
        finally:
            cache.end()


def _build(config: SiteConfig, extra_plugins: Iterable[object], stash_views: bool, render: bool,
           cache: BuildCache | None) -> tuple[SiteBuild, bool]:
    """The build, and whether a plugin failed in it."""
    if config.problems:  # mkdocs.yml itself is unreadable: nothing else can be trusted
        return SiteBuild(config, Site(default_referential(config.language)), list(config.problems)), False
    site, problems = load_site(config, cache)
    result = SiteBuild(config, site, problems)
    options = plugin_options(config)
    pm, plugin_problems = make_manager(options.plugins_dir, options.disable, extra_plugins)
    problems += [*options.problems, *(_plugin_problem(config, p) for p in plugin_problems)]
    guard = isolate(pm, ThemeFiles(config.theme_dirs))
    try:
        problems += validate_site(site)
        for batch in pm.hook.journeysite_validate(site=site):
            problems += batch or []
        result.computed = compute(site, pm)
        problems += dependency_problems(site, result.computed)
        result.context = RenderContext(site, result.computed, pm, config.use_directory_urls, config.edit_links,
                                       SourceHistory(config.docs_path, _sources(site)))
        _render(result, stash_views, guard, render, cache if render else None)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # plugins are isolated (isolation.py): this is journeysite's own bug
        problems.append(Problem(config.config_path, 1, _(
            "journeysite failed while building (a bug of journeysite or of a plugin's wrapper; please report "
            "it): {error}", error=describe_exception(exc))))
        result.pages, result.ordinary, result.ordinary_views = [], {}, {}
    problems += [_plugin_problem(config, p) for p in guard.problems]
    result.problems = sort_problems(result.problems)
    return result, bool(guard.problems)


def _render(result: SiteBuild, stash_views: bool, guard: PluginGuard, render: bool = True,
            cache: BuildCache | None = None) -> None:
    context, site, problems, config = result.context, result.site, result.problems, result.config
    assert context is not None
    pages = plan_pages(context)
    problems += collisions(site, pages, context.use_directory_urls, guard.origin, config.config_path,
                           config.options, lambda path: _site_relative(path, config.root))
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    by_path = {page.doc_path: page for page in pages}
    plugins_views = None if render else _plugins_views(context.pm)
    reads: RenderContext | Recorded = context
    if cache is not None:  # pages read the site through a recorder: what each reads is what it depends on
        cache.render_with(_fingerprint(config, site, context.pm, stash_views))
        reads = cache.recorded(context, RECORDED)
    for page in pages:
        up = by_path.get(page.up) if page.up else None  # an index page switched off leaves no dead link
        key = ("page", repr(page), repr(up))
        cached = cache.page(key, context, page.doc_path) if cache is not None else None
        if cached is not None:
            problems += cached.problems
            result.pages.append(RenderedPage(page, *cached.result))
            continue
        with _recording(cache, key, page.doc_path) as recording:
            views: dict[str, str] = {}
            stash = views if stash_views else None
            page_context = PageContext(page, reads)
            body, found = expand_directives(page.body, page_context, prefix + (page.source or page.doc_path),
                                            page.body_line, stash)
            problems += found
            if not render:
                if plugins_views is not None:
                    plugins_views(page=page_context)
                continue
            markdown = render_page(page, reads, body, up, stash)
        result.pages.append(RenderedPage(page, markdown, views))
        if recording is not None:
            recording.store((markdown, views), found)
    for source in site.pages:
        if source.kind is None and source.text:
            key = ("ordinary", repr(source), stash_views)
            cached = cache.page(key, context, source.doc_path) if cache is not None else None
            if cached is None:
                host = GeneratedPage(source.doc_path, "", "page", source=source.doc_path)
                views = {}
                with _recording(cache, key, source.doc_path) as recording:
                    text, found = expand_directives(source.text, PageContext(host, reads), source.path, 1,
                                                    views if stash_views else None)
                if recording is not None:
                    recording.store((text, views), found)
            else:
                (text, views), found = cached.result, cached.problems
            problems += found
            result.ordinary[source.doc_path] = text
            result.ordinary_views[source.doc_path] = views


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


def _plugins_views(pm: pluggy.PluginManager) -> Callable[..., Any] | None:
    """A caller of ``journeysite_page_views`` for the plugins that are not built in (None when none
    implements it): what a check asks of views, as only a plugin's own view may fail."""
    builtins = [pm.get_plugin(name) for name in default_plugin_names()]
    others = [impl for impl in pm.hook.journeysite_page_views.get_hookimpls() if impl.plugin not in builtins]
    if not others:
        return None
    return pm.subset_hook_caller("journeysite_page_views", remove_plugins=[p for p in builtins if p is not None])


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
        return Problem(_site_relative(problem.path, config.root), problem.line, problem.message)
    line = line_of(config.options, "disable") if "disable" in config.options else 1
    return Problem(config.config_path, line, problem.message)
