"""A site as it is in a folder, or as it was at a git revision, for ``journeysite diff``.

A revision is read without touching the user's checkout: its files are copied
out of git's object store (``git ls-tree`` and ``git cat-file --batch``, two
calls) into a temporary folder, the site's folder at the same place relative to
the repository's root as in the working tree. Only what a build reads is
copied: the site's ``mkdocs.yml``, then its ``docs_dir`` and ``plugins_dir`` as
that revision's ``mkdocs.yml`` names them, wherever they are in the repository.
The index (what the next commit holds, for ``journeysite check --staged``) is
read the same way, with ``git ls-files --stage``.
"""
from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .config import DEFAULT_PLUGINS_DIR, read_site_config
from .i18n import _

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class RevisionError(Exception):
    """A side of the comparison cannot be read; the message says why."""


@dataclass(frozen=True)
class SiteSource:
    """One side of a comparison: the mkdocs.yml to build, and its name as given (None: the working tree)."""

    name: str | None
    config_file: Path


def config_in(folder: Path) -> Path | None:
    """The mkdocs.yml (or .yaml) of ``folder``, if it has one."""
    return next((folder / name for name in CONFIG_NAMES if (folder / name).is_file()), None)


@contextmanager
def open_sites(old: str, new: str | None, site_dir: Path) -> Iterator[tuple[SiteSource, SiteSource]]:
    """The two sides of ``journeysite diff OLD [NEW]``: each a site folder, or a git revision of the site
    at ``site_dir`` (NEW defaults to ``site_dir`` as it is); revisions are removed from disk afterwards."""
    with ExitStack() as stack:
        sides = []
        for spec in (old, new):
            if spec is None:
                sides.append(SiteSource(None, _site_config(site_dir)))
            elif Path(spec).is_dir() or (Path(spec).suffix in (".yml", ".yaml") and Path(spec).is_file()):
                path = Path(spec)
                sides.append(SiteSource(spec, path if path.is_file() else _site_config(path)))
            else:
                sides.append(stack.enter_context(revision_site(spec, site_dir)))
        yield sides[0], sides[1]


def _site_config(folder: Path) -> Path:
    found = config_in(folder)
    if found is None:
        raise RevisionError(_("no mkdocs.yml in '{folder}': give a site's folder, or run the command in one "
                              "(or name it with --site)", folder=folder))
    return found


@contextmanager
def revision_site(revision: str, site_dir: Path) -> Iterator[SiteSource]:
    """The site of ``site_dir`` as it was at ``revision``, copied into a temporary folder."""
    repo = _Repository.of(site_dir, revision)
    commit = repo.commit(revision)
    missing = _("revision '{revision}' has no mkdocs.yml in '{folder}': the site did not exist there yet, or was "
                "elsewhere", revision=revision, folder=repo.prefix or ".")
    with _copied_site(repo, lambda paths: repo.tree_entries(commit, paths), missing) as config_file:
        yield SiteSource(revision, config_file)


@contextmanager
def staged_site(site_dir: Path) -> Iterator[SiteSource]:
    """The site of ``site_dir`` as git's index has it (what the next commit holds: files not added and changes
    not staged are left out), copied into a temporary folder; the working tree and the index are only read."""
    repo = _Repository.of(site_dir, None)
    missing = _("git's index has no mkdocs.yml in '{folder}': add it first (git add)", folder=repo.prefix or ".")
    with _copied_site(repo, repo.index_entries, missing) as config_file:
        yield SiteSource(None, config_file)


_Entries = Callable[[list[str]], list[tuple[bytes, bytes, str]]]


@contextmanager
def _copied_site(repo: "_Repository", entries: _Entries, missing: str) -> Iterator[Path]:
    """The site's mkdocs.yml, then its docs_dir and plugins_dir, from ``entries`` (git's files under some paths)
    into a temporary folder; its mkdocs.yml there. ``missing``: what to say when there is no mkdocs.yml."""
    with tempfile.TemporaryDirectory(prefix="journeysite-git-") as temp:
        root = Path(temp)
        names = [posixpath.join(repo.prefix, name) for name in CONFIG_NAMES]
        found = [entry for name in names for entry in entries([name]) if entry[2] == name][:1]
        if not found:
            raise RevisionError(missing)
        config_name = found[0][2]
        repo.extract(found, root)
        config_file = root / config_name
        config = read_site_config(config_file)
        folders = []
        for folder in (config.docs_dir, _plugins_dir(config.options)):
            inside = posixpath.normpath(posixpath.join(repo.prefix, folder))
            if not posixpath.isabs(inside) and inside != ".." and not inside.startswith("../"):  # in the repository
                folders.append("" if inside == "." else inside)
        repo.extract(entries(folders), root)
        yield config_file


def _plugins_dir(options: object) -> str:
    given = options.get("plugins_dir") if isinstance(options, dict) else None
    return given if isinstance(given, str) and given else DEFAULT_PLUGINS_DIR


@dataclass(frozen=True)
class _Repository:
    """The git repository holding a site folder; ``prefix`` is that folder from the repository's root."""

    top: Path
    prefix: str

    @classmethod
    def of(cls, site_dir: Path, revision: str | None) -> "_Repository":
        """The repository of ``site_dir``, to read ``revision`` (None: the index) from."""
        found = _git(site_dir, "rev-parse", "--show-toplevel", "--show-prefix", check=False)
        if found is None and revision is None:
            raise RevisionError(_("--staged reads git's index: '{folder}' is not in a git repository",
                                  folder=site_dir))
        if found is None:
            raise RevisionError(_("'{revision}' is neither a folder nor a git revision: '{folder}' is not in a git "
                                  "repository", revision=revision, folder=site_dir))
        lines = found.decode("utf-8", "surrogateescape").splitlines()
        prefix = lines[1].strip("/") if len(lines) > 1 else ""
        return cls(Path(lines[0]), prefix)

    def commit(self, revision: str) -> str:
        if revision.startswith("-"):  # never an option to git
            raise RevisionError(_("'{revision}' is not a revision", revision=revision))
        found = _git(self.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}",
                     check=False)
        if not found:
            raise RevisionError(_("'{revision}' is neither a folder nor a revision of this git repository",
                                  revision=revision))
        return found.decode("ascii").strip()

    def tree_entries(self, commit: str, paths: list[str]) -> list[tuple[bytes, bytes, str]]:
        """(mode, object, path) of the files under ``paths`` (repository-relative; '' for all) at ``commit``."""
        listing = _git(self.top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *(p or "." for p in paths))
        # "mode type object<TAB>path"; submodules (type commit) are left out
        return [(mode, sha, name) for (mode, kind, sha), name in _records(listing) if kind == b"blob"]

    def index_entries(self, paths: list[str]) -> list[tuple[bytes, bytes, str]]:
        """(mode, object, path) of the files under ``paths`` in git's index (a file in conflict is left out)."""
        listing = _git(self.top, "--literal-pathspecs", "ls-files", "--stage", "-z", "--",
                       *(p or "." for p in paths))
        # "mode object stage<TAB>path": stage 0 is merged; submodules (mode 160000) are left out
        return [(mode, sha, name) for (mode, sha, stage), name in _records(listing)
                if stage == b"0" and mode != b"160000"]

    def extract(self, entries: list[tuple[bytes, bytes, str]], root: Path) -> None:
        """Write the files of ``entries`` (from ``tree_entries`` or ``index_entries``) below ``root``."""
        if not entries:
            return
        batch = subprocess.run(["git", "cat-file", "--batch"], cwd=self.top, capture_output=True, check=True,
                               input=b"".join(sha + b"\n" for _mode, sha, _name in entries)).stdout
        offset = 0
        for mode, _sha, name in entries:
            header_end = batch.index(b"\n", offset)
            size = int(batch[offset:header_end].split()[2])
            data = batch[header_end + 1:header_end + 1 + size]
            offset = header_end + 1 + size + 1  # the content, then a newline
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if mode == b"120000":  # a symbolic link, kept as one: the build judges where it leads
                os.symlink(os.fsdecode(data), target)
            else:
                target.write_bytes(data)


def _records(listing: bytes | None) -> Iterator[tuple[list[bytes], str]]:
    """The NUL-separated records of a git listing (``-z``): the fields before the tab, and the path."""
    for record in (listing or b"").split(b"\0"):
        if record:
            meta, _tab, name = record.partition(b"\t")
            yield meta.split(), os.fsdecode(name)


def _git(cwd: Path, *args: str, check: bool = True) -> bytes | None:
    """git's standard output, or None when it fails (and ``check`` is off)."""
    try:
        run = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except OSError as exc:
        raise RevisionError(_("cannot run git: {reason}", reason=exc.strerror or exc)) from None
    if run.returncode != 0:
        if check:
            raise RevisionError(run.stderr.decode("utf-8", "replace").strip())
        return None
    return run.stdout
