"""The problems banner and page shown by ``mkdocs serve`` while a site has errors."""
from __future__ import annotations

from typing import Iterable

from ..i18n import Labels
from ..pages import stashed
from ..problems import ERROR, Problem, sort_problems
from .html import esc, md_text


def problems_list(problems: Iterable[Problem]) -> str:
    """An HTML list of problems, errors marked."""
    items = "".join(
        f'<li class="js-problem js-problem-{esc(p.severity)}"><code>{esc(p.path)}:{p.line}</code> {esc(p.message)}</li>'
        for p in sort_problems(problems))
    return f'<ul class="js-problems">{items}</ul>'


def problems_page(problems: Iterable[Problem], labels: Labels, title: str | None = None,
                  stash: dict[str, str] | None = None) -> str:
    """The Markdown of a page listing ``problems`` (its HTML in ``stash``, when given: ``pages.stashed``)."""
    problems = list(problems)
    listing = (f"<div class=\"js-problems-page\" markdown=\"0\"><p>{esc(labels['problems_intro'])}</p>"
               f"{problems_list(problems)}</div>")
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {md_text(title or labels['problems_page'])}\n\n"
            f"{stashed(listing, stash)}\n")


def problems_banner(problems: Iterable[Problem], labels: Labels, href: str) -> str:
    """A banner on top of every page while the site has problems, linking to the problems page."""
    problems = list(problems)
    errors = sum(1 for p in problems if p.severity == ERROR)
    count = f"{labels.count('error', errors)}, {labels.count('warning', len(problems) - errors)}"
    says = labels["problems_banner"] if errors else labels["warnings_banner"]
    return (f'<div class="js-problems-banner" role="alert"><strong>{esc(labels["problems"])} ({esc(count)})</strong> '
            f'{esc(says)} <a href="{esc(href)}">{esc(labels["problems_page"])}</a></div>')
