"""Problems for machines: GitHub Actions workflow annotations, and JSON (``journeysite check --format``).

GitHub reads a line ``::error file=PATH,line=N,title=T::MESSAGE`` on a step's
output as an annotation on that line of the pull request's files. Its escaping
(actions/toolkit's ``escapeData`` and ``escapeProperty``): ``%``, CR and LF in
the message; those and ``:`` and ``,`` in a property's value.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Sequence

from .problems import ERROR, WARNING, Problem
from .safetext import echo

FORMAT_VERSION = 1
ANNOTATION_TITLE = "journeysite"


def escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, escaped as GitHub reads it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_prefix(site_root: Path, workspace: Path | None = None) -> str:
    """Where the site's root is from the workspace GitHub resolves annotation paths against
    (``$GITHUB_WORKSPACE``, else the current folder): ``''`` at its root, ``'site/'`` in a subfolder."""
    base = workspace or Path(os.environ.get("GITHUB_WORKSPACE") or Path.cwd())
    try:
        relative = site_root.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:  # outside the workspace: GitHub cannot place it; the site-relative path is the best guess
        return ""
    return "" if relative == "." else relative + "/"


def github_annotations(problems: Iterable[Problem], prefix: str = "") -> list[str]:
    """One ``::error`` or ``::warning`` command per problem, its file given from the workspace (and its column
    when known: a YAML mistake's)."""
    lines = []
    for problem in problems:
        command = "warning" if problem.severity == WARNING else "error"
        column = (("col", str(problem.column)),) if problem.column else ()
        properties = ",".join(f"{key}={escape_property(value)}" for key, value in (
            ("file", prefix + echo(problem.path)), ("line", str(problem.line)), *column, ("title", ANNOTATION_TITLE)))
        # GitHub shows line breaks (escaped); no other character may control the log's terminal
        message = escape_data(echo(problem.message, keep="\r\n"))
        lines.append(f"::{command} {properties}::{message}")
    return lines


def problems_data(problems: Sequence[Problem], files: int) -> dict[str, Any]:
    """The problems of a check as plain data: counts, and each problem with its path, line, column (None when
    unknown) and severity, causes first."""
    errors = sum(p.severity == ERROR for p in problems)
    return {
        "format": FORMAT_VERSION,
        "errors": errors,
        "warnings": len(problems) - errors,
        "files": files,
        "problems": [{"path": p.path, "line": p.line, "column": p.column or None, "severity": p.severity,
                      "message": p.message} for p in problems],
    }
