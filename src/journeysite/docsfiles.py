"""The files of docs_dir that MkDocs publishes, found as MkDocs finds them, less what must never be.

MkDocs copies every file of docs_dir, following symbolic links. A link that resolves outside
docs_dir would publish a file from elsewhere on the machine, a link to a folder holding it would
walk a loop, a link to nothing stops the build: each is a problem, and the link (with anything
below it) is listed in ``blocked`` so that adapters leave it out. Files MkDocs leaves out by
their name (``.*``, ``/templates/``, and ``exclude_docs``) are listed apart.
"""
from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pathspec

from .i18n import _
from .urls import MARKDOWN_SUFFIXES
# What MkDocs leaves out of every site (mkdocs.structure.files._default_exclude).
DEFAULT_EXCLUDE = (".*", "/templates/")


@dataclass
class DocsFiles:
    """docs_dir's files as posix paths relative to it, sorted."""

    pages: list[str] = field(default_factory=list)  # Markdown files MkDocs publishes
    static: list[str] = field(default_factory=list)  # other files MkDocs copies as they are
    hidden: list[str] = field(default_factory=list)  # Markdown files MkDocs leaves out by their name
    excluded: list[str] = field(default_factory=list)  # Markdown files left out by exclude_docs
    blocked: list[str] = field(default_factory=list)  # links never to publish, nor anything below them
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, message)


def is_markdown(path: str) -> bool:
    return path.endswith(MARKDOWN_SUFFIXES)


def docs_files(docs: Path, exclude_docs: Iterable[str] = ()) -> DocsFiles:
    """Walk ``docs`` as MkDocs does (links followed), reporting links that leave it, loop or lead nowhere."""
    found = DocsFiles()
    default = pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDE)
    custom = pathspec.GitIgnoreSpec.from_lines(list(exclude_docs))
    root = docs.resolve()
    _walk(docs, "", (root,), root, default, custom, found)
    for listed in (found.pages, found.static, found.hidden, found.excluded, found.blocked):
        listed.sort()
    return found


def _walk(folder: Path, rel: str, ancestors: tuple[Path, ...], root: Path, default: pathspec.PathSpec,
          custom: pathspec.PathSpec, found: DocsFiles) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return  # MkDocs' own walk skips a folder it cannot list, and so do we
    for entry in entries:
        path = f"{rel}/{entry.name}" if rel else entry.name
        hidden = default.match_file(path)
        real = Path(entry.path)
        if entry.is_symlink():
            if hidden or custom.match_file(path):
                continue  # never published; MkDocs lists it but leaves it out
            real, message = _follow(real, root, ancestors)
            if message:
                found.blocked.append(path)
                found.problems.append((path, message))
                continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            _walk(Path(entry.path), path, (*ancestors, real.resolve()), root, default, custom, found)
        elif not is_markdown(path):
            if not hidden and not custom.match_file(path):
                found.static.append(path)
        elif hidden:
            found.hidden.append(path)
        elif custom.match_file(path):
            found.excluded.append(path)
        else:
            found.pages.append(path)


def _follow(link: Path, root: Path, ancestors: tuple[Path, ...]) -> tuple[Path, str]:
    """(where ``link`` leads, '') or (link, why it must not be published)."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before Python 3.13
        if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
            return link, _("this link leads to itself through other links (a loop); it is not published: "
                           "remove the link")
        return link, _("this link leads to nothing; it is not published: fix the link or remove it")
    if target != root and root not in target.parents:
        return link, _("this link leads outside the docs folder; what it leads to is not published: copy it "
                       "into the docs folder, or remove the link")
    if target.is_dir() and target in ancestors:
        return link, _("this link leads to a folder that holds it (a loop); it is not published: remove the link")
    return target, ""
