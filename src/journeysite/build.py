"""The whole pipeline, shared by every adapter: load, validate, compute, render.

``build_site`` never raises on bad content or a failing plugin: everything
wrong is a ``Problem``, and the pages are rendered from whatever could be read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .compute import Computed, compute
from .config import SiteConfig, plugin_options
from .directives import expand_directives
from .fields import line_of
from .history import SourceHistory
from .i18n import _, use_language
from .load import BROKEN, load_site
from .manager import PluginProblem, describe_exception, make_manager
from .model import Site
from .pages import GeneratedPage, PageContext, RenderContext, plan_pages, render_page
from .problems import CONFIG, Problem, sort_problems
from .referential import default_referential
from .urls import doc_dest
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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def build_site(config: SiteConfig, extra_plugins: Iterable[object] = (), stash_views: bool = False) -> SiteBuild:
    """Load, validate, compute and render the site of ``config`` (``stash_views``: pages hold
    placeholders for their views, kept apart in ``RenderedPage.views``); messages in the site's language."""
    with use_language(config.language):
        return _build(config, extra_plugins, stash_views)


def _build(config: SiteConfig, extra_plugins: Iterable[object], stash_views: bool) -> SiteBuild:
    if config.problems:  # mkdocs.yml itself is unreadable: nothing else can be trusted
        return SiteBuild(config, Site(default_referential(config.language)), list(config.problems))
    site, problems = load_site(config)
    result = SiteBuild(config, site, problems)
    options = plugin_options(config)
    pm, plugin_problems = make_manager(options.plugins_dir, options.disable, extra_plugins)
    problems += [*options.problems, *(_plugin_problem(config, p) for p in plugin_problems)]
    try:
        problems += validate_site(site)
        for batch in pm.hook.journeysite_validate(site=site):
            problems += batch or []
        result.computed = compute(site, pm)
        problems += dependency_problems(site, result.computed)
        result.context = RenderContext(site, result.computed, pm, config.use_directory_urls, config.edit_links,
                                       SourceHistory(config.docs_path, _sources(site)))
        _render(result, stash_views)
    except Exception as exc:  # a plugin's bug: say where, never a traceback
        problems.append(Problem(config.config_path, 1, _("a plugin failed while building: {error}",
                                                         error=describe_exception(exc)), layer=CONFIG))
        result.pages, result.ordinary = [], {}
    result.problems = sort_problems(result.problems)
    return result


def _render(result: SiteBuild, stash_views: bool) -> None:
    context, site, problems = result.context, result.site, result.problems
    assert context is not None
    pages = plan_pages(context)
    problems += _collisions(site, pages, context.use_directory_urls)
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    by_path = {page.doc_path: page for page in pages}
    for page in pages:
        body, found = expand_directives(page.body, PageContext(page, context), prefix + (page.source or page.doc_path),
                                        page.body_line)
        problems += found
        up = by_path.get(page.up) if page.up else None  # an index page switched off leaves no dead link
        views: dict[str, str] = {}
        markdown = render_page(page, context, body, up, views if stash_views else None)
        result.pages.append(RenderedPage(page, markdown, views))
    for source in site.pages:
        if source.kind is None and source.text:
            host = GeneratedPage(source.doc_path, "", "page", source=source.doc_path)
            text, found = expand_directives(source.text, PageContext(host, context), source.path)
            problems += found
            result.ordinary[source.doc_path] = text


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
            problems.append(Problem(source.path, 1, _("this page would be overwritten by journeysite's page '{title}' "
                                                      "(same URL); rename or move the file", title=owner)))
    typed_sources = {s.doc_path: s.path for s in site.pages if s.kind not in (None, BROKEN)}
    for page in pages:
        if page.source is None and page.doc_path in typed_sources:
            problems.append(Problem(typed_sources[page.doc_path], 1, _(
                "journeysite writes its page '{title}' at this path; move this file to another folder",
                title=page.title)))
    return problems


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
