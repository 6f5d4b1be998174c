"""Typed reading of one front-matter mapping, reporting every bad value with its line."""
from __future__ import annotations

import math
from typing import Any, Iterable, Sequence

from .frontmatter import Mapping
from .i18n import _
from .problems import WARNING, Problem, did_you_mean


def line_of(container: Any, key: Any, default: int = 1) -> int:
    """The line of ``key`` in a line-aware mapping or sequence (read from YAML), else ``default``:
    options may also come as plain dicts and lists (an adapter's own config)."""
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else default


class Fields:
    """Read keys of ``data`` (a line-aware mapping) and collect problems at ``path``."""

    def __init__(self, data: Mapping, path: str, problems: list[Problem], what: str) -> None:
        self.data, self.path, self.problems, self.what = data, path, problems, what

    def line(self, key: str | None = None) -> int:
        own = getattr(self.data, "line", 1)
        return line_of(self.data, key, own) if key else own

    def error(self, key: str | None, message: str, severity: str = "error") -> None:
        self.problems.append(Problem(self.path, self.line(key), message, severity))

    def text(self, key: str, required: bool = False, hint: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.error(None, f"{self.what} needs '{key}'{hint}")
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, f"'{key}' must be text, not a {'list' if isinstance(value, list) else 'mapping'}")
            return ""
        return str(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, f"'{key}' must be true or false, not {value!r}")
            return False
        return value

    def number(self, key: str, minimum: float | None = None) -> float | None:
        """A finite number (not a boolean), at least ``minimum`` when given; None when absent or wrong (with
        a problem)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.error(key, _("'{key}' must be a number, not {value}", key=key, value=repr(value)))
            return None
        if minimum is not None and value < minimum:
            self.error(key, _("'{key}' must be at least {minimum}, not {value}", key=key, minimum=minimum,
                              value=repr(value)))
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """A list of text; a single text is read as a list of one."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (str(value),)
        if not isinstance(value, list):
            self.error(key, f"'{key}' must be a list, e.g. {key}: [first, second]")
            return ()
        result = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None or isinstance(item, bool):
                self.problems.append(Problem(self.path, line_of(value, index), f"'{key}' items must be text, not {item!r}"))
            else:
                result.append(str(item))
        return tuple(result)

    def item_lines(self, key: str) -> list[int]:
        """The line of each item that ``texts(key)`` keeps, in the same order."""
        value = self.data.get(key)
        if not isinstance(value, list):
            return [self.line(key)]
        return [line_of(value, index) for index, item in enumerate(value)
                if not (isinstance(item, (dict, list)) or item is None or isinstance(item, bool))]

    def numbers(self, key: str) -> dict[str, float]:
        """A mapping of names to numbers (metrics)."""
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(key, f"'{key}' must be a mapping of names to numbers, e.g. {key}: {{nps: 32}}")
            return {}
        result = {}
        for name, number in value.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                self.problems.append(Problem(self.path, line_of(value, name), f"'{key}.{name}' must be a number, not {number!r}"))
            elif not math.isfinite(number):
                self.problems.append(Problem(self.path, line_of(value, name), _(
                    "'{key}.{name}' must be a finite number, not {value}", key=key, name=name, value=number)))
            else:
                result[name] = number
        return result

    def scale(self, value: Any, key: str, line: int, low: int = 1, high: int = 5) -> int | None:
        """An integer score in low..high, or None with a problem."""
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(Problem(self.path, line, f"'{key}' must be a whole number from {low} to {high}, not {value!r}"))
            return None
        return value

    def scale_map(self, key: str, allowed: Sequence[str], example: str, unknown: str) -> dict[str, int]:
        """A mapping of names in ``allowed`` to whole scores 1..5 (``importance``, ``scores``).

        ``unknown`` is the message for a name not allowed, formatted with ``{name}``.
        """
        raw = self.data.get(key)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.error(key, f"'{key}' must be a mapping, e.g. {key}: {example}")
            return {}
        result = {}
        for name, value in raw.items():
            if name not in allowed:
                self.problems.append(Problem(self.path, line_of(raw, name),
                                             unknown.format(name=name) + did_you_mean(name, allowed)))
                continue
            score = self.scale(value, f"{key}.{name}", line_of(raw, name))
            if score is not None:
                result[name] = score
        return result

    def unknown_keys(self, known: Iterable[str], passthrough: Iterable[str] = ()) -> None:
        """Warn about keys nobody reads (a typo loses data silently otherwise)."""
        known = set(known)
        for key in self.data:
            if key not in known and key not in passthrough:
                self.error(key, f"unknown key '{key}' in {self.what}{did_you_mean(key, known)}", WARNING)
