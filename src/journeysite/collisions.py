"""Two pages at one URL: one would silently replace the other, so every such pair is an error.

Every page and file that a build publishes claims the file it is written to: journeysite's
pages (items' pages, and pages that plugins add, built-in ones included), the author's ordinary
pages and the other files of docs_dir. Each claim knows where it comes from, so a problem names
both sides and lands where it can be fixed (an item's ``id``, a plugin's hook, a file).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .fields import line_of
from .i18n import N_, _, translate
from .isolation import Origin
from .load import BROKEN
from .model import Site
from .pages import ITEM_KINDS, GeneratedPage
from .problems import Problem
from .urls import doc_dest

PACKAGE = Path(__file__).resolve().parent
# How a claim is named in a message, by kind of item.
_ITEMS = {"persona": N_("persona '{id}' ({path})"), "journey": N_("journey '{id}' ({path})"),
          "chantier": N_("workstream '{id}' ({path})"), "channel": N_("channel '{id}' ({path})"),
          "department": N_("department '{id}' ({path})")}


@dataclass(frozen=True)
class Claim:
    """Something published at a file of the site: what it is, and where to fix it."""

    what: str
    path: str
    line: int
    fixable: bool = True  # False for journeysite's own pages (a built-in plugin's)


def collisions(site: Site, pages: Iterable[GeneratedPage], directory_urls: bool,
               origin: Callable[[GeneratedPage], Origin | None], config_path: str, options: object,
               site_path: Callable[[Path], str]) -> list[Problem]:
    """A problem for every page or file published where another one is."""
    pages = list(pages)
    claims: dict[str, list[Claim]] = {}
    for page in pages:
        claims.setdefault(doc_dest(page.doc_path, directory_urls), []).append(
            _page_claim(site, page, origin(page), config_path, options, site_path))
    prefix = site.docs_prefix + "/" if site.docs_prefix not in ("", ".") else ""
    for source in site.pages:
        if source.kind is None:
            claims.setdefault(doc_dest(source.doc_path, directory_urls), []).append(
                Claim(_("the page {path}", path=source.path), source.path, 1))
    for file in site.files:
        claims.setdefault(file, []).append(Claim(_("the file {path}", path=prefix + file), prefix + file, 1))
    problems = []
    for dest, claimed in sorted(claims.items()):
        if len(claimed) < 2:
            continue
        blamed = [c for c in claimed if c.fixable] or claimed[:1]
        for claim in blamed:
            others = "; ".join(c.what for c in claimed if c is not claim)
            problems.append(Problem(claim.path, claim.line, _(
                "{this} is published at {url}, where {others} is too: one would silently replace the other; "
                "change an id or move a file", this=claim.what, url=dest, others=others)))
    blamed_files = {p.path for p in problems}
    return problems + [p for p in _over_sources(site, pages) if p.path not in blamed_files]


def _page_claim(site: Site, page: GeneratedPage, origin: Origin | None, config_path: str, options: object,
                site_path: Callable[[Path], str]) -> Claim:
    if page.kind in ITEM_KINDS and page.item_id is not None:
        written = {"persona": site.personas, "journey": site.journeys, "chantier": site.chantiers,
                   "channel": site.channel_pages}.get(page.kind, {}).get(page.item_id)
        if written is not None:
            path, line = written.location.path, written.location.at("id")
        else:  # a channel or a department of the referential: its line in mkdocs.yml
            listed = options.get(f"{page.kind}s") if isinstance(options, dict) else None
            path, line = config_path, line_of(listed, _index_of(listed, page.item_id), line_of(options, f"{page.kind}s"))
        return Claim(translate(_ITEMS[page.kind], id=page.item_id, path=path), path, line)
    if origin is None:
        return Claim(_("the page {path}", path=page.doc_path), config_path, 1)
    where = site_path(origin.path) if origin.path else config_path
    builtin = origin.path is not None and PACKAGE in origin.path.resolve().parents
    return Claim(_("the page '{title}' of plugin '{plugin}'", title=page.title, plugin=origin.plugin), where,
                 origin.line, fixable=not builtin)


def _index_of(items: object, item_id: str) -> int:
    """The index of the item ``item_id`` in a referential list as written in mkdocs.yml (-1 if absent)."""
    for index, entry in enumerate(items if isinstance(items, list) else []):
        if entry == item_id or (isinstance(entry, dict) and entry.get("id") == item_id):
            return index
    return -1


def _over_sources(site: Site, pages: list[GeneratedPage]) -> list[Problem]:
    """A page journeysite writes at the path of an item's source file (the file, moved to its own URL,
    keeps its path as its name in MkDocs, and the page would be dropped)."""
    typed = {s.doc_path: s.path for s in site.pages if s.kind not in (None, BROKEN)}
    return [Problem(typed[page.doc_path], 1, f"journeysite writes its page '{page.title}' at this path; "
                                             "move this file to another folder")
            for page in pages if page.source is None and page.doc_path in typed]
