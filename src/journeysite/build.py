"""The whole pipeline, shared by every adapter: load, validate, compute, render.

``build_site`` never raises on bad content or a failing plugin: everything
wrong is a ``Problem``, and the pages are rendered from whatever could be read.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pluggy

from .compute import ChantierIndex, Computed, compute
from .config import SiteConfig, plugin_options
from .directives import expand_directives
from .fields import line_of
from .i18n import use_language
from .incremental import BuildCache, Recorded, plugins_fingerprint
from .load import BROKEN, load_site
from .manager import PluginProblem, default_plugin_names, describe_exception, make_manager
from .model import Site
from .pages import GeneratedPage, PageContext, RenderContext, plan_pages, render_page
from .problems import Problem, sort_problems
from .referential import default_referential
from .urls import doc_dest
from .validate import validate_site


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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def build_site(config: SiteConfig, extra_plugins: Iterable[object] = (), stash_views: bool = False,
               render: bool = True, cache: BuildCache | None = None) -> SiteBuild:
    """Load, validate, compute and render the site of ``config`` (``stash_views``: pages hold
    placeholders for their views, kept apart in ``RenderedPage.views``); messages in the site's language.

    ``render=False`` finds the same problems without writing pages (``journeysite check``): the pages are
    planned, directives expanded where there are some, and plugins' own views asked for (a failing one is
    a problem); the built-in views, which report nothing, are not rendered, and ``pages`` stays empty.

    With a ``cache`` (kept from build to build by ``mkdocs serve``), files are parsed once per version and
    pages rendered again only when something they read changed (``incremental``); the result is the same.
    """
    with use_language(config.language):
        if cache is None:
            return _build(config, extra_plugins, stash_views, render, None)
        cache.start()
        try:
            return _build(config, extra_plugins, stash_views, render, cache)
        finally:
            cache.end()


def _build(config: SiteConfig, extra_plugins: Iterable[object], stash_views: bool, render: bool,
           cache: BuildCache | None) -> SiteBuild:
    if config.problems:  # mkdocs.yml itself is unreadable: nothing else can be trusted
        return SiteBuild(config, Site(default_referential(config.language)), list(config.problems))
    site, problems = load_site(config, cache)
    result = SiteBuild(config, site, problems)
    options = plugin_options(config)
    pm, plugin_problems = make_manager(options.plugins_dir, options.disable, extra_plugins)
    problems += [*options.problems, *(_plugin_problem(config, p) for p in plugin_problems)]
    try:
        problems += validate_site(site)
        for batch in pm.hook.journeysite_validate(site=site):
            problems += batch or []
        result.computed = compute(site, pm)
        result.context = RenderContext(site, result.computed, pm, config.use_directory_urls)
        _render(result, stash_views, render, cache if render else None)
    except Exception as exc:  # a plugin's bug: say where, never a traceback
        problems.append(Problem(config.config_path, 1, f"a plugin failed while building: {describe_exception(exc)}"))
        result.pages, result.ordinary = [], {}
    result.problems = sort_problems(result.problems)
    return result


def _render(result: SiteBuild, stash_views: bool, render: bool = True, cache: BuildCache | None = None) -> None:
    context, site, problems = result.context, result.site, result.problems
    assert context is not None
    pages = plan_pages(context)
    problems += _collisions(site, pages, context.use_directory_urls)
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    by_path = {page.doc_path: page for page in pages}
    plugins_views = None if render else _plugins_views(context.pm)
    reads: RenderContext | Recorded = context
    if cache is not None:  # pages read the site through a recorder: what each reads is what it depends on
        cache.render_with(_fingerprint(result.config, site, context.pm, stash_views))
        reads = cache.recorded(context, (Site, Computed, ChantierIndex))
    for page in pages:
        up = by_path.get(page.up) if page.up else None  # an index page switched off leaves no dead link
        key = ("page", repr(page), repr(up))
        cached = cache.page(key, context, page.doc_path) if cache is not None else None
        if cached is not None:
            problems += cached.problems
            result.pages.append(RenderedPage(page, *cached.result))
            continue
        with _recording(cache, key, page.doc_path) as recording:
            page_context = PageContext(page, reads)
            body, found = expand_directives(page.body, page_context, prefix + (page.source or page.doc_path),
                                            page.body_line)
            problems += found
            if not render:
                if plugins_views is not None:
                    plugins_views(page=page_context)
                continue
            views: dict[str, str] = {}
            markdown = render_page(page, reads, body, up, views if stash_views else None)
        result.pages.append(RenderedPage(page, markdown, views))
        if recording is not None:
            recording.store((markdown, views), found)
    for source in site.pages:
        if source.kind is None and source.text:
            key = ("ordinary", repr(source))
            cached = cache.page(key, context, source.doc_path) if cache is not None else None
            if cached is not None:
                problems += cached.problems
                result.ordinary[source.doc_path] = cached.result
                continue
            host = GeneratedPage(source.doc_path, "", "page", source=source.doc_path)
            with _recording(cache, key, source.doc_path) as recording:
                text, found = expand_directives(source.text, PageContext(host, reads), source.path)
            problems += found
            result.ordinary[source.doc_path] = text
            if recording is not None:
                recording.store(text, found)


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


def _collisions(site: Site, pages: list[GeneratedPage], directory_urls: bool) -> list[Problem]:
    """Two pages written to the same file, or a generated page over a source file (a broken source file
    is left out: it already has its own problem)."""
    problems = []
    claimed: dict[str, str] = {}
    for page in pages:
        claimed.setdefault(doc_dest(page.doc_path, directory_urls), page.title)
    for source in site.pages:
        if source.kind is not None:
            continue
        owner = claimed.get(doc_dest(source.doc_path, directory_urls))
        if owner is not None:
            problems.append(Problem(source.path, 1, f"this page would be overwritten by journeysite's page "
                                                    f"'{owner}' (same URL); rename or move the file"))
    typed_sources = {s.doc_path: s.path for s in site.pages if s.kind not in (None, BROKEN)}
    for page in pages:
        if page.source is None and page.doc_path in typed_sources:
            problems.append(Problem(typed_sources[page.doc_path], 1, f"journeysite writes its page '{page.title}' "
                                                                     "at this path; move this file to another folder"))
    return problems


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
