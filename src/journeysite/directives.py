"""The embedding directive: a line ``::: journeysite VIEW key=value ...`` in any page.

Each such line is replaced by the HTML that ``journeysite_embed`` returns for
VIEW; a bad line becomes a problem at its line (and a visible note in the page).
"""
from __future__ import annotations

import re
import shlex

from .i18n import _
from .pages import PageContext, stashed
from .problems import Problem, did_you_mean
from .render.html import esc

DIRECTIVE = re.compile(r"^[ \t]{0,3}::: *journeysite(?:[ \t]+(.*?))?[ \t]*$", re.M)
FENCE = re.compile(r"^(`{3,}|~{3,})")


def has_directive(text: str) -> bool:
    """Whether ``text`` holds at least one directive line."""
    return DIRECTIVE.search(text) is not None


def parse_directive(arguments: str) -> tuple[str, dict[str, str]]:
    """``matrix journey=a`` -> ("matrix", {"journey": "a"}); raises ValueError when malformed."""
    words = shlex.split(arguments or "")
    if not words:
        raise ValueError(_("the directive needs a view name, e.g. '{example}'",
                           example="::: journeysite matrix journey=ID"))
    name, params = words[0], {}
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if not sep or not key:
            raise ValueError(_("'{word}' must be written key=value", word=word))
        params[key] = value
    return name, params


def expand_directives(text: str, page: PageContext, path: str, first_line: int = 1,
                      stash: dict[str, str] | None = None) -> tuple[str, list[Problem]]:
    """``text`` with each directive line (outside code fences) replaced by its view.

    Problems are reported at ``path``, counting lines from ``first_line``. With a ``stash``, a view
    goes there and a placeholder in its place, as ``pages.render_page`` does.
    """
    problems: list[Problem] = []
    if not has_directive(text):
        return text, problems
    out: list[str] = []
    fence = ""
    for number, line in enumerate(text.split("\n"), start=first_line):
        stripped = line.lstrip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
            out.append(line)
            continue
        marker = FENCE.match(stripped)
        if marker:
            fence = marker.group(0)
            out.append(line)
            continue
        match = DIRECTIVE.match(line)
        if match:
            fragment = _embed(match.group(1) or "", page, path, number, problems)
            line = f"\n{stashed(fragment, stash)}\n" if stash is not None else fragment
        out.append(line)
    return "\n".join(out), problems


def _embed(arguments: str, page: PageContext, path: str, line: int, problems: list[Problem]) -> str:
    """The HTML block of one directive, or a visible note and a problem."""
    try:
        name, params = parse_directive(arguments)
        fragment = page.context.pm.hook.journeysite_embed(name=name, params=params, page=page)
        if fragment is None:
            raise ValueError(_("unknown view '{name}' (views: {views}){hint}", name=name,
                               views=", ".join(sorted(embeddable_views(page))),
                               hint=did_you_mean(name, embeddable_views(page))))
    except ValueError as exc:
        problems.append(Problem(path, line, _("journeysite directive: {problem}", problem=str(exc))))
        fragment = f'<p class="js-directive-error">{esc(str(exc))}</p>'
    return "\n" + "\n".join(part for part in fragment.splitlines() if part.strip()) + "\n"


def embeddable_views(page: PageContext) -> set[str]:
    """View names the plugins declare in their module-level ``EMBEDDABLE`` tuple."""
    names = set()
    for impl in page.context.pm.hook.journeysite_embed.get_hookimpls():
        names.update(getattr(impl.plugin, "EMBEDDABLE", ()))
    return names
