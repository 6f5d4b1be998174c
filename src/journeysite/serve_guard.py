"""Under ``mkdocs serve``: a rebuild after mkdocs.yml stops being readable YAML.

MkDocs reads mkdocs.yml again before each rebuild, outside any plugin event; a YAML syntax error there
raises from its own code, and its server prints a Python traceback and "The server will appear stuck".
What a plugin can do is wrap the server's ``builder`` (handed to ``on_serve``): ``ConfigGuard`` reads
mkdocs.yml first with journeysite's own reader, and while it cannot be read, says why (``PATH:LINE:COL:``
what is wrong and the fix, as ``journeysite check`` does) in the terminal and in a banner on every page
of the last good build, instead of rebuilding. The next rebuild after the file is fixed puts the site back.
(A mkdocs.yml already broken when ``mkdocs serve`` starts is MkDocs' alone: no plugin is loaded yet.)
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import ConfigurationError
from mkdocs.plugins import get_plugin_logger

from .config import read_site_config
from .i18n import _, use_language
from .problems import CONFIG, Problem
from .render.html import esc
from .render.problems import problems_list

log = get_plugin_logger(__name__)
# Where the banner goes in a page MkDocs wrote: below its title, else at the top of its content.
_PLACES = (re.compile(r"<h1[\s>].*?</h1>", re.S), re.compile(r"<article[^>]*>"), re.compile(r"<body[^>]*>"))


class ConfigGuard:
    """The server's builder, run only while ``config_file`` reads as YAML (see the module)."""

    def __init__(self, builder: Callable[..., Any], config_file: str, site_dir: str, language: str) -> None:
        self.builder, self.config_file, self.site_dir, self.language = builder, config_file, Path(site_dir), language
        self.originals: dict[Path, bytes] = {}  # the pages as the last build wrote them, while they show a banner

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.restore()
        problems = list(read_site_config(self.config_file, self.language).problems)
        if not problems:
            try:
                return self.builder(*args, **kwargs)
            except ConfigurationError as exc:  # mkdocs.yml as MkDocs reads it (a missing INHERIT file…)
                problems = [Problem(Path(self.config_file).name, 1, str(exc).strip(), layer=CONFIG)]
        with use_language(self.language):
            for problem in problems:
                log.error(str(problem))
            log.error(_("the site is not rebuilt until mkdocs.yml is fixed; meanwhile its pages, as they were, say so"))
            self.mark(problems)
        return None

    def mark(self, problems: list[Problem]) -> None:
        """Every page of the last build with the banner (its bytes kept, for ``restore``)."""
        banner = config_banner(problems)
        for page in sorted(self.site_dir.rglob("*.html")):
            try:
                html = page.read_bytes()
                page.write_bytes(with_banner(html.decode("utf-8"), banner).encode("utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
            self.originals[page] = html

    def restore(self) -> None:
        """The pages as the last build wrote them (an unchanged page is not written again by a dirty build)."""
        for page, html in self.originals.items():
            try:
                page.write_bytes(html)
            except OSError:
                pass
        self.originals.clear()


def config_banner(problems: list[Problem]) -> str:
    """The banner saying mkdocs.yml cannot be read, with its problems and what the page below is."""
    head = _("mkdocs.yml cannot be read")
    says = _("This page is from the last build: the site is rebuilt as soon as mkdocs.yml is fixed.")
    return (f'<div class="js-problems-banner md-typeset" role="alert"><strong>{esc(head)}</strong> {esc(says)}'
            f"{problems_list(problems)}</div>")


def with_banner(html: str, banner: str) -> str:
    """``html`` (a whole page) with ``banner`` below its title, else at the top of its content."""
    for place in _PLACES:
        found = place.search(html)
        if found:
            return html[:found.end()] + banner + html[found.end():]
    return banner + html
