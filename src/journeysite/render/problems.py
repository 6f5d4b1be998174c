"""The problems banner and page shown by ``mkdocs serve`` while a site has problems."""
from __future__ import annotations

from typing import Iterable

from ..i18n import _
from ..problems import ERROR, Problem, count_problems, sort_problems
from .html import esc, md_text


def problems_list(problems: Iterable[Problem]) -> str:
    """An HTML list of problems, root causes first, errors marked."""
    items = "".join(
        f'<li class="js-problem js-problem-{esc(p.severity)}"><code>{esc(p.where)}</code> {esc(p.text)}</li>'
        for p in sort_problems(problems))
    return f'<ul class="js-problems">{items}</ul>'


def problems_page(problems: Iterable[Problem], title: str | None = None) -> str:
    """The Markdown of a page listing ``problems``."""
    problems = list(problems)
    intro = _("journeysite found these problems in the sources, the causes first. Fix them: the page reloads "
              "by itself.")
    title = title or _("Site problems")
    return (f"---\nsearch:\n  exclude: true\n---\n\n# {md_text(title)}\n\n"
            f"<div class=\"js-problems-page\" markdown=\"0\"><p>{esc(intro)}</p>"
            f"{problems_list(problems)}</div>\n")


def problems_banner(problems: Iterable[Problem], href: str) -> str:
    """A banner on top of every page while the site has problems, linking to the problems page."""
    problems = list(problems)
    errors = sum(1 for p in problems if p.severity == ERROR)
    if errors:
        says = _("This site has errors: the page below may be incomplete.")
    else:
        says = _("This site has warnings: mkdocs build --strict fails while they remain.")
    head = _("Problems ({count})", count=count_problems(errors, len(problems) - errors))
    link = _("Site problems")
    return (f'<div class="js-problems-banner" role="alert"><strong>{esc(head)}</strong> '
            f'{esc(says)} <a href="{esc(href)}">{esc(link)}</a></div>')
