"""Problems found in a site: ``PATH:LINE: message``, errors and warnings."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Iterable, Sequence

from .safetext import echo

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a source file, at a line (1-based); written on one line, every character
    that could control a terminal escaped (the path and the message may hold anything a user wrote)."""

    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "" if self.severity == ERROR else "warning: "
        return echo(f"{self.path}:{self.line}: {prefix}{self.message}")


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``''``."""
    if not isinstance(word, str):
        return ""
    match = get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def did_you_mean_or_choices(word: object, choices: Sequence[str]) -> str:
    """``did_you_mean(word, choices)``, or ``; use one of: a, b, c`` when no choice is close."""
    return did_you_mean(word, choices) or f"; use one of: {', '.join(choices)}"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in path, line order, without duplicates."""
    return sorted(set(problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that fail a build."""
    return [p for p in problems if p.severity == ERROR]


def format_problems(problems: Iterable[Problem]) -> str:
    """One problem a line, sorted."""
    return "\n".join(str(p) for p in sort_problems(problems))


def count(number: int, word: str) -> str:
    """``1 error``, ``2 errors``: a number of English words."""
    return f"{number} {word}{'' if number == 1 else 's'}"
