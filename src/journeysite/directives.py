"""The embedding directive: a line ``::: journeysite VIEW key=value ...`` in any page.

Each such line is replaced by the HTML that ``journeysite_embed`` returns for
VIEW; a bad line becomes a problem at its line (and a visible note in the page).
"""
from __future__ import annotations

import re
import shlex

from dataclasses import dataclass, field
from itertools import groupby

from .i18n import _, ngettext, translate
from .pages import PageContext, stashed
from .problems import REFERENCE, WARNING, Problem, did_you_mean
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


class WaitsForFile(ValueError):
    """A view names an item of a file that cannot be read: not a mistake of the directive, the view waits
    for that file (``kind``: the item's kind, ``item_id``, ``path``: the file's)."""

    def __init__(self, kind: str, item_id: str, path: str) -> None:
        super().__init__(kind, item_id, path)
        self.kind, self.item_id, self.path = kind, item_id, path


@dataclass(frozen=True, order=True)
class WaitingView(Problem):
    """The warning of a view waiting for ``waits_for``, a file that cannot be read (``one_per_file``)."""

    waits_for: str = field(default="", compare=False)


def _embed(arguments: str, page: PageContext, path: str, line: int, problems: list[Problem]) -> str:
    """The HTML block of one directive, or a visible note and a problem."""
    try:
        name, params = parse_directive(arguments)
        fragment = page.context.pm.hook.journeysite_embed(name=name, params=params, page=page)
        if fragment is None:
            raise ValueError(_("unknown view '{name}' (views: {views}){hint}", name=name,
                               views=", ".join(sorted(embeddable_views(page))),
                               hint=did_you_mean(name, embeddable_views(page))))
    except WaitsForFile as exc:  # the cause is that file's: one warning, after its problems
        from .load import KIND_NAMES  # here: load imports this module
        message = _("view '{view}' shows {kind} '{id}', which is in {path}, a file that cannot be read (see its "
                    "problems above); the view is shown once that file is fixed", view=name,
                    kind=translate(KIND_NAMES[exc.kind]), id=exc.item_id, path=exc.path)
        problems.append(WaitingView(path, line, message, WARNING, layer=REFERENCE, waits_for=exc.path))
        fragment = f'<p class="js-directive-error">{esc(message)}</p>'
    except ValueError as exc:
        problems.append(Problem(path, line, _("journeysite directive: {problem}", problem=str(exc))))
        fragment = f'<p class="js-directive-error">{esc(str(exc))}</p>'
    return "\n" + "\n".join(part for part in fragment.splitlines() if part.strip()) + "\n"


def one_per_file(problems: list[Problem]) -> list[Problem]:
    """``problems`` with one warning per file that views wait for (the first by place), saying how many
    other views wait for it."""
    waiting = sorted((p for p in problems if isinstance(p, WaitingView)), key=lambda p: (p.waits_for, p))
    if not waiting:
        return problems
    kept = []
    for _path, group in groupby(waiting, key=lambda p: p.waits_for):
        first, *others = group
        if others:
            first = WaitingView(first.path, first.line, ngettext(
                "{message}; {count} other view waits for that file too",
                "{message}; {count} other views wait for that file too", len(others), message=first.message),
                WARNING, layer=REFERENCE, waits_for=first.waits_for)
        kept.append(first)
    return [p for p in problems if not isinstance(p, WaitingView)] + kept


def embeddable_views(page: PageContext) -> set[str]:
    """View names the plugins declare in their module-level ``EMBEDDABLE`` tuple."""
    names = set()
    for impl in page.context.pm.hook.journeysite_embed.get_hookimpls():
        names.update(getattr(impl.plugin, "EMBEDDABLE", ()))
    return names
