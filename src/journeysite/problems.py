"""Problems found in a site: ``PATH:LINE: message``, errors and warnings, causes before consequences."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .bounds import cut, shown_number
from .i18n import _, current_language, ngettext, translate
from .safetext import echo
from .vocabulary import Vocabulary, closest

ERROR = "error"
WARNING = "warning"

# What a problem is about, in the order they are listed: what breaks comes before what it affects.
CONFIG = 0     # mkdocs.yml and the options: every file depends on them
FILE = 1       # a file that cannot be read as an item (bytes, YAML, front matter, type, id)
CONTENT = 2    # a value of a file that was read (plugins' problems too, by default)
REFERENCE = 3  # what one file says about another (ids of other items)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a source file, at a line (1-based) and, when known, a column (1-based); written on
    one line, every character that could control a terminal escaped (the path and the message may hold
    anything a user wrote).

    ``layer`` orders the report (``CONFIG``, ``FILE``, ``CONTENT``, ``REFERENCE``): causes first.
    ``language`` is the one the message was written in (the current one when the problem is made).
    """

    path: str
    line: int
    message: str
    severity: str = ERROR
    column: int = 0
    layer: int = CONTENT
    language: str = field(default_factory=current_language, compare=False, repr=False)

    @property
    def where(self) -> str:
        """``PATH:LINE`` or ``PATH:LINE:COLUMN``."""
        return f"{self.path}:{self.line}:{self.column}" if self.column else f"{self.path}:{self.line}"

    @property
    def text(self) -> str:
        """The message, marked as a warning (in the message's language) when it is one."""
        return self.message if self.severity == ERROR else translate("warning: {message}", self.language,
                                                                     message=self.message)

    def __str__(self) -> str:
        return echo(f"{self.where}: {self.text}")


def shown(value: object, limit: int = 60) -> str:
    """A value as a message shows it: a text between the language's quotes ('x', « x »), anything else as
    YAML writes it (true, null, 12, [a, b]); cut at ``limit`` characters (a 400-digit number by its magnitude)."""
    if isinstance(value, str):
        return _("'{text}'", text=cut(value, limit))
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return shown_number(value, limit)
    if isinstance(value, dict):
        return cut("{" + ", ".join(f"{key}: {_plain(item)}" for key, item in value.items()) + "}", limit)
    if isinstance(value, (list, tuple)):
        return cut("[" + ", ".join(_plain(item) for item in value) + "]", limit)
    return cut(str(value), limit)


def _plain(value: object) -> str:
    """A value inside a list or mapping shown by ``shown``: texts unquoted, as YAML's short form has them."""
    return value if isinstance(value, str) else shown(value)


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``''``."""
    match = closest(word, choices)
    return _(" (did you mean '{value}'?)", value=match) if match else ""


def did_you_mean_or_choices(word: object, choices: Sequence[str]) -> str:
    """``did_you_mean(word, choices)``, or ``; use one of: a, b, c`` when no choice is close."""
    return did_you_mean(word, choices) or _("; use one of: {values}", values=", ".join(choices))


def suggestion(value: object, vocabulary: Vocabulary, choices: bool = True) -> str:
    """What to write instead of ``value``, which ``vocabulary`` does not know: a close value as a
    did-you-mean, else (with ``choices``) the list of its ids."""
    match = vocabulary.closest(value)
    if match:
        return _(" (did you mean '{value}'?)", value=match)
    return _("; use one of: {values}", values=", ".join(vocabulary.ids)) if choices else ""


def _key(problem: Problem) -> tuple:
    return problem.layer, problem.path, problem.line, problem.column, problem.message, problem.severity


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems without duplicates, causes first (by ``layer``), then in path, line and column order."""
    return sorted(set(problems), key=_key)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that fail a build."""
    return [p for p in problems if p.severity == ERROR]


def format_problems(problems: Iterable[Problem]) -> str:
    """One problem a line, sorted."""
    return "\n".join(str(p) for p in sort_problems(problems))


def count_errors(number: int) -> str:
    return ngettext("{count} error", "{count} errors", number)


def count_warnings(number: int) -> str:
    return ngettext("{count} warning", "{count} warnings", number)


def count_problems(errors: int, warnings: int) -> str:
    """``2 errors, 1 warning`` in the current language."""
    return _("{errors}, {warnings}", errors=count_errors(errors), warnings=count_warnings(warnings))
