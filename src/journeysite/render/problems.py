"""The problems banner and page shown by ``mkdocs serve`` while a site has problems."""
from __future__ import annotations

from itertools import groupby
from typing import Iterable

from ..i18n import N_, _, translate
from ..pages import stashed
from ..problems import CONFIG, CONTENT, ERROR, FILE, REFERENCE, Problem, count_problems, sort_problems
from .html import esc, md_text, tag

# The page's sections, in the order problems are listed: what breaks comes before what it affects.
SECTIONS = {CONFIG: N_("Configuration"), FILE: N_("Files that cannot be read"), CONTENT: N_("Values"),
            REFERENCE: N_("Links between files")}


def problems_list(problems: Iterable[Problem]) -> str:
    """An HTML list of problems, root causes first, errors marked."""
    items = "".join(
        tag("li", tag("code", esc(p.where)) + " " + esc(p.text), class_=f"js-problem js-problem-{esc(p.severity)}")
        for p in sort_problems(problems))
    return tag("ul", items, class_="js-problems")


def problems_sections(problems: Iterable[Problem]) -> str:
    """The problems as lists under headings, one per kind of cause, in the order they are fixed."""
    parts = []
    for layer, found in groupby(sort_problems(problems), key=lambda p: p.layer):
        title = translate(SECTIONS[layer]) if layer in SECTIONS else _("Other problems")
        parts.append(tag("h2", esc(title), class_="js-problems-section") + problems_list(found))
    return "".join(parts)


def problems_page(problems: Iterable[Problem], title: str | None = None, stash: dict[str, str] | None = None) -> str:
    """The Markdown of a page listing ``problems`` (its HTML in ``stash``, when given: ``pages.stashed``)."""
    problems = list(problems)
    intro = _("journeysite found these problems in the sources, the causes first. Fix them: the page reloads "
              "by itself.")
    title = title or _("Site problems")
    listing = (f"<div class=\"js-problems-page\" markdown=\"0\"><p>{esc(intro)}</p>"
               f"{problems_sections(problems)}</div>")
    return f"---\nsearch:\n  exclude: true\n---\n\n# {md_text(title)}\n\n{stashed(listing, stash)}\n"


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
