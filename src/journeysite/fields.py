"""Typed reading of one front-matter mapping, reporting every bad value with its line."""
from __future__ import annotations

import re
from typing import Any, Iterable, Sequence

from .bounds import MAX_NUMBER, MAX_TEXT, is_number, shown_number
from .formatting import number as number_text
from .frontmatter import Mapping
from .i18n import _, ngettext, translate
from .problems import CONTENT, WARNING, Problem, did_you_mean, shown
from .yamlerrors import quoted


def line_of(container: Any, key: Any, default: int = 1) -> int:
    """The line of ``key`` in a line-aware mapping or sequence (read from YAML), else ``default``:
    options may also come as plain dicts and lists (an adapter's own config)."""
    finder = getattr(container, "line_of", None)
    return finder(key) if finder else default


def _is_text(item: Any) -> bool:
    return not (isinstance(item, (dict, list)) or item is None or isinstance(item, bool))


def split_sentence(value: Any) -> bool:
    """Whether ``value`` is a list written on one line (``[a, b]``) whose plain items look like one
    sentence that YAML cut at its commas: it starts with a capital, and a later item goes on in lowercase
    (``[La FAQ parle de résiliation, pas de déménagement]``)."""
    if not getattr(value, "flow", False) or len(value) < 2 or not all(getattr(value, "plain", ())):
        return False
    texts = [item.strip() for item in value if isinstance(item, str)]
    if len(texts) != len(value) or not texts[0][:1].isupper():
        return False
    return any(text[:1].islower() for text in texts[1:])


# What people write around a number: spaces (thin or not, between thousands), currencies, units.
_AROUND_NUMBER = re.compile(r"[\s\u00a0\u202f'’]|€|\$|£|¥|\b(?:EUR|USD|CHF|GBP|euros?|k?€)\b", re.I)


def as_number(text: str) -> float | None:
    """The number a text means when written the way people do (``250 000 €``, ``1 234,5``, ``120'000 CHF``),
    else None."""
    bare = _AROUND_NUMBER.sub("", text)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", bare):  # 250.000: thousands
        bare = bare.replace(".", "")
    elif re.fullmatch(r"\d+,\d+", bare):  # 1234,5: a decimal comma
        bare = bare.replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", bare):
        return None
    meant = float(bare)
    return meant if is_number(meant) else None


def out_of_bounds(key: str, value: Any) -> str:
    """The problem of a number journeysite cannot compute with (infinite, NaN, beyond ±10^15)."""
    return _("'{key}' must be a finite number between -{limit} and {limit}, not {value}", key=key,
             limit=number_text(MAX_NUMBER), value=shown_number(value))


_EXPONENT = re.compile(r"^([-+]?\d+)(\.\d*)?[eE]([-+]?)(\d+)$")


def not_a_number(key: str, value: Any) -> str:
    """The problem of a value that is not a number; ``5e5`` is text for YAML (it wants ``5.0e+5``)."""
    written = _EXPONENT.match(value.strip()) if isinstance(value, str) else None
    if written:
        whole, fraction, sign, exponent = written.groups()
        return _("'{key}' must be a number, not {value}: YAML reads a number with an exponent as text unless it "
                 "has a decimal point and a signed exponent; write {number}", key=key, value=shown(value),
                 number=f"{whole}{fraction or '.0'}e{sign or '+'}{exponent}")
    meant = as_number(value) if isinstance(value, str) else None
    if meant is not None:
        return _("'{key}' must be a number, written without spaces, currency or thousands separators, not {value}; "
                 "write {key}: {number}", key=key, value=shown(value),
                 number=str(int(meant)) if meant.is_integer() else repr(meant))
    return _("'{key}' must be a number, not {value}", key=key, value=shown(value))


def too_long(key: str, value: str) -> str:
    """The problem of a text longer than a value of the format may be."""
    return _("'{key}' is {length} characters long; a value holds at most {limit} (write long text in the page's "
             "body)", key=key, length=number_text(len(value)), limit=number_text(MAX_TEXT))


class Fields:
    """Read keys of ``data`` (a line-aware mapping) and collect problems at ``path`` (of ``layer``)."""

    def __init__(self, data: Mapping, path: str, problems: list[Problem], what: str, layer: int = CONTENT) -> None:
        self.data, self.path, self.problems, self.what, self.layer = data, path, problems, what, layer

    def problem(self, line: int, message: str, severity: str = "error", column: int = 0) -> None:
        self.problems.append(Problem(self.path, line, message, severity, column=column, layer=self.layer))

    def line(self, key: str | None = None) -> int:
        own = getattr(self.data, "line", 1)
        return line_of(self.data, key, own) if key else own

    def error(self, key: str | None, message: str, severity: str = "error") -> None:
        self.problem(self.line(key), message, severity)

    def text(self, key: str, required: bool = False, hint: str = "") -> str:
        """A text value; ``hint`` (an example, ``name: Quentin``) completes the problem when it is missing."""
        value = self.data.get(key)
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.error(key, too_long(key, value))
            return ""
        if value is None or value == "":
            if required:
                if hint:
                    self.error(None, _("{what} needs '{key}', e.g. {example}", what=self.what, key=key, example=hint))
                else:
                    self.error(None, _("{what} needs '{key}'", what=self.what, key=key))
            return ""
        if isinstance(value, list):
            self.error(key, _("'{key}' must be text, not a list", key=key))
            return ""
        if isinstance(value, dict):
            self.error(key, _("'{key}' must be text, not a mapping; if the text holds ': ', put it in quotes", key=key))
            return ""
        return str(value)

    def flag(self, key: str) -> bool:
        value = self.data.get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.error(key, _("'{key}' must be true or false, not {value}", key=key, value=shown(value)))
            return False
        return value

    def number(self, key: str, minimum: float | None = None) -> float | None:
        """A number (``bounds.is_number``: not a boolean, finite, within ±10^15), at least ``minimum`` when
        given; None when absent or wrong (with a problem)."""
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, not_a_number(key, value))
            return None
        if not is_number(value):
            self.error(key, out_of_bounds(key, value))
            return None
        if minimum is not None and value < minimum:
            self.error(key, _("'{key}' must be at least {minimum}, not {value}", key=key, minimum=minimum,
                              value=shown(value)))
            return None
        return value

    def texts(self, key: str, free_text: bool = False) -> tuple[str, ...]:
        """A list of text; a single text is read as a list of one. ``free_text``: the items are sentences
        people write (irritants, verbatims…), and a sentence that YAML cut at its commas is a warning."""
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str) and len(value) > MAX_TEXT:
            self.error(key, too_long(key, value))
            return ()
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (str(value),)
        if not isinstance(value, list):
            self.error(key, _("'{key}' must be a list, with one item a line starting with '- '", key=key))
            return ()
        result = []
        for index, item in enumerate(value):
            if isinstance(item, str) and len(item) > MAX_TEXT:
                self.problem(line_of(value, index), too_long(key, item))
            elif _is_text(item):
                result.append(str(item))
            elif isinstance(item, dict) and len(item) == 1 and hasattr(value, "plain"):  # written '- a: b'?
                (name, rest), = item.items()
                text, column = getattr(value, "written", {}).get(index, (f"{name}: {rest}", 0))
                self.problem(line_of(value, index), _(
                    "this item of '{key}' holds ': ', which YAML reads as 'key: value'; put the text in quotes: "
                    "- {text}", key=key, text=quoted(text)), column=column)
            else:
                self.problem(line_of(value, index), _("'{key}' items must be text, not {value}", key=key,
                                                      value=shown(item)))
        if free_text and split_sentence(value):
            self.error(key, ngettext(
                "'{key}' is written on one line between brackets, so YAML cut it at each comma into {count} item; "
                "if '{text}' is one sentence, write one item a line: '{key}:' then, below it, '  - {text}'",
                "'{key}' is written on one line between brackets, so YAML cut it at each comma into {count} items; "
                "if '{text}' is one sentence, write one item a line: '{key}:' then, below it, '  - {text}'",
                len(result), key=key, text=", ".join(result)), WARNING)
        return tuple(result)

    def item_lines(self, key: str) -> list[int]:
        """The line of each item that ``texts(key)`` keeps, in the same order."""
        value = self.data.get(key)
        if not isinstance(value, list):
            return [self.line(key)]
        return [line_of(value, index) for index, item in enumerate(value) if _is_text(item)]

    def numbers(self, key: str) -> dict[str, float]:
        """A mapping of names to numbers (metrics)."""
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(key, _("'{key}' must be a mapping of names to numbers, e.g. {example}", key=key,
                              example=key + ": {nps: 32}"))
            return {}
        result = {}
        for name, number in value.items():
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                self.problem(line_of(value, name), not_a_number(f"{key}.{name}", number))
            elif not is_number(number):
                self.problem(line_of(value, name), out_of_bounds(f"{key}.{name}", number))
            else:
                result[name] = number
        return result

    def scale(self, value: Any, key: str, line: int, low: int = 1, high: int = 5) -> int | None:
        """An integer score in low..high, or None with a problem."""
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(line, _("'{key}' must be a whole number from {low} to {high}, not {value}", key=key,
                                 low=low, high=high, value=shown(value)))
            return None
        return value

    def scale_map(self, key: str, allowed: Sequence[str], example: str, unknown: str,
                  **values: object) -> dict[str, int]:
        """A mapping of names in ``allowed`` to whole scores 1..5 (``importance``, ``scores``).

        ``unknown`` is the message (marked with ``N_``) for a name not allowed, translated with ``{name}``,
        ``{hint}`` (a did-you-mean, or nothing) and ``values``.
        """
        raw = self.data.get(key)
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.error(key, _("'{key}' must be a mapping, e.g. {example}", key=key, example=key + ": " + example))
            return {}
        result = {}
        for name, value in raw.items():
            if name not in allowed:
                self.problem(line_of(raw, name), translate(unknown, name=name, hint=did_you_mean(name, allowed),
                                                           **values))
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
                self.error(key, _("unknown key '{key}' in {what}{hint}", key=key, what=self.what,
                                  hint=did_you_mean(key, sorted(known))), WARNING)
