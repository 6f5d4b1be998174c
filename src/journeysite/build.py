"""The whole pipeline, shared by every adapter: load, validate, compute, render.

``build_site`` never raises on bad content or a failing plugin: everything
wrong is a ``Problem``, and the pages are rendered from whatever could be read.
"""
from __future__ import annotations

import sys
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Iterable

from .collisions import collisions
from .compute import Computed, compute
from .config import PluginOptions, SiteConfig, plugin_options
from .diagrams import Diagrams, fill
from .directives import expand_directives
from .fields import line_of
from .history import SourceHistory
from .i18n import _, use_language
from .isolation import PluginGuard, isolate
from .load import BROKEN, load_site
from .manager import PluginProblem, describe_exception, make_manager
from .model import Site
from .pagemeta import ThemeFiles
from .pages import GeneratedPage, PageContext, RenderContext, plan_pages, render_page
from .problems import CONFIG, Problem, sort_problems
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


def build_site(config: SiteConfig, extra_plugins: Iterable[object] = (), stash_views: bool = False,
               draw: bool = True) -> SiteBuild:
    """Load, validate, compute and render the site of ``config`` (``stash_views``: pages hold
    placeholders for their views, kept apart in ``RenderedPage.views``; ``draw`` False: diagrams are
    built but never drawn, as for a check); messages in the site's language.
    What plugins print goes to stderr: stdout is for exports."""
    with use_language(config.language), redirect_stdout(sys.stderr):
        return _build(config, extra_plugins, stash_views, draw)


def _build(config: SiteConfig, extra_plugins: Iterable[object], stash_views: bool, draw: bool) -> SiteBuild:
    if config.problems:  # mkdocs.yml itself is unreadable: nothing else can be trusted
        return SiteBuild(config, Site(default_referential(config.language)), list(config.problems))
    site, problems = load_site(config)
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
                                       SourceHistory(config.docs_path, _sources(site)), Diagrams(draw))
        _render(result, stash_views, guard)
        problems += _draw(result, options)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # plugins are isolated (isolation.py): this is journeysite's own bug
        problems.append(Problem(config.config_path, 1, _(
            "journeysite failed while building (a bug of journeysite or of a plugin's wrapper; please report "
            "it): {error}", error=describe_exception(exc)), layer=CONFIG))
        result.pages, result.ordinary, result.ordinary_views = [], {}, {}
    problems += [_plugin_problem(config, p) for p in guard.problems]
    result.problems = sort_problems(result.problems)
    return result


def _render(result: SiteBuild, stash_views: bool, guard: PluginGuard) -> None:
    context, site, problems, config = result.context, result.site, result.problems, result.config
    assert context is not None
    pages = plan_pages(context)
    problems += collisions(site, pages, context.use_directory_urls, guard.origin, config.config_path,
                           config.options, lambda path: _site_relative(path, config.root))
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    by_path = {page.doc_path: page for page in pages}
    for page in pages:
        views: dict[str, str] = {}
        stash = views if stash_views else None
        body, found = expand_directives(page.body, PageContext(page, context), prefix + (page.source or page.doc_path),
                                        page.body_line, stash)
        problems += found
        up = by_path.get(page.up) if page.up else None  # an index page switched off leaves no dead link
        markdown = render_page(page, context, body, up, stash)
        result.pages.append(RenderedPage(page, markdown, views))
    for source in site.pages:
        if source.kind is None and source.text:
            host = GeneratedPage(source.doc_path, "", "page", source=source.doc_path)
            views = {}
            text, found = expand_directives(source.text, PageContext(host, context), source.path, 1,
                                            views if stash_views else None)
            problems += found
            result.ordinary[source.doc_path] = text
            result.ordinary_views[source.doc_path] = views


def _draw(result: SiteBuild, options: PluginOptions) -> list[Problem]:
    """Every diagram the pages asked for, drawn in one batch and put in place in the pages."""
    assert result.context is not None
    texts = []
    for rendered in result.pages:
        texts.append((rendered.markdown, partial(setattr, rendered, "markdown")))
        texts += [(html, partial(rendered.views.__setitem__, token)) for token, html in rendered.views.items()]
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
