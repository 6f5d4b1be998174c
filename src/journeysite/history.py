"""Where each source file is edited, and when it last changed.

- The edit link follows MkDocs' rules exactly (``repo_url`` joined with
  ``edit_uri`` + the file's docs-relative path, or ``edit_uri_template``), so
  journeysite's link and Material's edit button lead to the same file.
- The date is that of the last commit touching the file, read for the whole
  site with ONE ``git log`` over docs_dir (newest first, stopped as soon as
  every file has its date): the same checkout always gives the same dates.
  A file git does not know (no git, not a repository, not committed yet) takes
  ``SOURCE_DATE_EPOCH`` when the user set it, and has no date otherwise (the
  value the MkDocs adapter sets for MkDocs' sitemap is not a file's date).
"""
from __future__ import annotations

import datetime
import os
import posixpath
import string
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable, Mapping
from urllib.parse import quote, urljoin, urlsplit

GIT_TIMEOUT = 60  # seconds; a slower history is read as no history


@dataclass(frozen=True)
class EditLinks:
    """A site's ``repo_url``, ``edit_uri`` and ``edit_uri_template`` (MkDocs' options, as MkDocs resolved them)."""

    repo_url: str | None = None
    edit_uri: str | None = None
    edit_uri_template: str | None = None

    def url(self, src_uri: str) -> str | None:
        """The edit URL of the file at ``src_uri`` (docs-relative), as MkDocs' ``page.edit_url`` has it, the
        path percent-encoded (a space, ``#``, ``?``, ``&``, a quote or a non-ASCII letter in a file's name
        stays in the path)."""
        if not self.edit_uri_template and not self.edit_uri:
            return None
        if self.edit_uri_template:
            path_noext = posixpath.splitext(src_uri)[0]
            try:
                file_edit_uri = _TemplateFormatter().format(self.edit_uri_template, path=_UrlPath(src_uri),
                                                            path_noext=_UrlPath(path_noext))
            except (KeyError, IndexError, ValueError, AttributeError):
                return None
        else:
            edit_uri = self.edit_uri or ""
            file_edit_uri = edit_uri + ("" if edit_uri.endswith("/") else "/") + quote(src_uri, safe="/")
        repo_url = self.repo_url
        if repo_url:
            if not file_edit_uri.startswith(("?", "#")) and not repo_url.endswith("/"):
                repo_url += "/"
        elif not urlsplit(file_edit_uri).scheme:
            return None  # MkDocs warns of it; a link to nowhere helps nobody
        return urljoin(repo_url or "", file_edit_uri)


@dataclass(frozen=True)
class _UrlPath:
    """A path given to ``edit_uri_template``: ``{path}`` percent-encoded with its slashes kept."""

    raw: str

    def __str__(self) -> str:
        return quote(self.raw, safe="/")

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


class _TemplateFormatter(string.Formatter):
    """MkDocs' ``edit_uri_template`` formatter: ``{path!q}`` is the path URL-quoted, slashes included."""

    def convert_field(self, value: object, conversion: str | None) -> object:
        if conversion == "q":
            return quote(value.raw if isinstance(value, _UrlPath) else str(value), safe="")
        return super().convert_field(value, conversion)


def default_edit_uri(repo_url: str | None) -> str | None:
    """MkDocs' ``edit_uri`` when mkdocs.yml gives none (a GitHub, GitLab or Bitbucket ``repo_url``)."""
    if not repo_url:
        return None
    host = urlsplit(repo_url).netloc.lower()
    if host in ("github.com", "gitlab.com"):
        return "edit/master/docs/"
    if host == "bitbucket.org":
        return "src/default/docs/"
    return None


@dataclass(frozen=True)
class SourceHistory:
    """When each file of ``docs_dir`` last changed; read from git on first use."""

    docs_dir: Path
    paths: tuple[str, ...] = ()  # docs-relative paths that will be asked about
    source_date_epoch: int | None = field(default_factory=lambda: given_source_date_epoch())

    @cached_property
    def _dates(self) -> Mapping[str, int]:
        return last_commit_times(self.docs_dir, self.paths)

    def changed(self, doc_path: str) -> datetime.date | None:
        """The day (UTC) ``doc_path`` last changed, or None when nothing says."""
        seconds = self._dates.get(doc_path, self.source_date_epoch)
        if seconds is None:
            return None
        return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc).date()


# Set beside SOURCE_DATE_EPOCH when journeysite set it itself (for MkDocs' sitemap): then nobody gave it.
OWN_EPOCH = "JOURNEYSITE_SOURCE_DATE_EPOCH"


def set_source_date_epoch(seconds: Callable[[], int]) -> None:
    """Set ``SOURCE_DATE_EPOCH`` to ``seconds()`` unless it is set already (by the user, or before)."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = os.environ[OWN_EPOCH] = str(seconds())


def given_source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` when the user set it (not when journeysite did, for MkDocs)."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return None if value is not None and value == os.environ.get(OWN_EPOCH) else _epoch(value)


def _epoch(value: str | None) -> int | None:
    try:
        return int(value) if value is not None and value.strip() else None
    except ValueError:
        return None


def last_commit_times(docs_dir: Path, wanted: Iterable[str] = ()) -> dict[str, int]:
    """The commit time of the last commit touching each file below ``docs_dir`` (paths relative to it), from
    one ``git log`` (stopped once every path of ``wanted`` is found); empty without git or a repository."""
    wanted_left = set(wanted)
    found: dict[str, int] = {}
    command = ["git", "-c", "core.quotepath=off", "log", "--format=%x01%ct", "--name-only", "--relative", "-z",
               "--", "."]
    try:
        process = subprocess.Popen(command, cwd=docs_dir, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:  # no git here
        return {}
    assert process.stdout is not None
    try:
        when = None
        for record in _records(process.stdout):
            if record.startswith("\x01"):  # a commit: "\x01<time>\n" then its files
                head, _newline, first = record[1:].partition("\n")
                when = int(head) if head.isdigit() else None
                record = first
            if record and when is not None and record not in found:
                found[record] = when
                wanted_left.discard(record)
                if wanted and not wanted_left:
                    break
    finally:
        process.kill()
        process.stdout.close()
        try:
            process.wait(timeout=GIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
    return found


def _records(stream: object, size: int = 1 << 16) -> Iterable[str]:
    """The NUL-separated records of ``stream`` (bytes), decoded, as they arrive."""
    pending = b""
    while True:
        chunk = stream.read1(size) if hasattr(stream, "read1") else stream.read(size)  # type: ignore[attr-defined]
        if not chunk:
            break
        pending += chunk
        *complete, pending = pending.split(b"\0")
        for record in complete:
            yield os.fsdecode(record.strip(b"\n"))
    if pending.strip(b"\n"):
        yield os.fsdecode(pending.strip(b"\n"))
