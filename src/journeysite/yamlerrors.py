"""YAML's syntax errors said in plain language, with the fix, at the line and column where it goes.

PyYAML words its errors for people who know YAML's grammar ("mapping values are not allowed in this
context"). The common mistakes of people writing front matter have recognisable traces: a ``: `` inside
a value, a line indented one space off, a tab, a quote or a bracket never closed, a value starting
with a character YAML reserves, a list item at the wrong level. ``explain`` reads the trace and the
offending line and says what to change; anything else keeps YAML's own words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .i18n import _

# ``key: value`` on one line, possibly a list item's first key (``- key: value``).
_KEY_VALUE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[^\s:#'\"\[{][^:]*?)[ \t]*:(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_KEY = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[^\s:#'\"\[{-][^:]*?)[ \t]*:(?:[ \t]|$)")
# Characters that YAML reads as syntax at the start of a value.
_INDICATORS = "[]{}'\"|>*&!%@`?-"


@dataclass(frozen=True)
class Explained:
    """A syntax error as people read it: 1-based ``line`` and ``column`` in the YAML text."""

    line: int
    column: int
    message: str


def quoted(text: str) -> str:
    """``text`` as a YAML quoted value: in double quotes, or in single quotes (``'`` doubled) when it
    holds a double quote or a backslash."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _pair(key: str, value: str) -> str:
    """``key: value``, as the fix to write."""
    return key + ": " + value


def explain(exc: yaml.MarkedYAMLError, text: str, first_line: int = 1) -> Explained:
    """The plain-language form of ``exc``, raised while reading ``text`` (whose first line is the file's
    line ``first_line``); the line and column returned are the file's."""
    problem, context = exc.problem_mark, exc.context_mark
    at = (problem.line, problem.column) if problem else (context.line, context.column) if context else (0, 0)
    source = _Source(text.split("\n"), first_line - 1)
    tab = source.tab_near(at[0])
    if tab is not None:
        found = Explained(tab[0] + 1, tab[1] + 1, _("a tab character: YAML indents with spaces only; replace the tab "
                                                    "with spaces"))
    else:
        found = next((result for rule in (_colon_or_indent, _list_item, _quote_or_bracket, _missing_space,
                                          _reserved_start) if (result := rule(exc, source, at)) is not None),
                     None) or _as_yaml_says(exc, source, at)
    return Explained(found.line + source.offset, found.column, found.message)


class _Source:
    """The lines of the YAML text, with what the rules need to know about them."""

    def __init__(self, lines: list[str], offset: int) -> None:
        self.lines, self.offset = lines, offset  # offset: the file line of the text's first line, minus one

    def line(self, number: int) -> str:
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def tab_near(self, number: int) -> tuple[int, int] | None:
        """(line, column) of a tab in the indentation of line ``number`` or the line above, or of a tab
        right after a list's ``-``."""
        for candidate in (number, number - 1):
            text = self.line(candidate)
            lead = re.match(r"^[ \t]*(?:-[ \t]+)?", text).group(0)
            if "\t" in lead:
                return candidate, lead.index("\t")
        return None

    def previous_key(self, number: int) -> tuple[int, str, int] | None:
        """(line, key, column) of the nearest key above line ``number``."""
        for candidate in range(number - 1, -1, -1):
            found = _KEY.match(self.line(candidate))
            if found:
                return candidate, found.group("key"), len(found.group("lead"))
        return None

    def previous_item(self, number: int, column: int) -> tuple[int, int] | None:
        """(line, column) of the nearest list item (``- ``) above line ``number`` whose ``-`` is not at
        ``column`` (the item the misplaced one should line up with)."""
        for candidate in range(number - 1, -1, -1):
            text = self.line(candidate)
            stripped = text.lstrip(" ")
            if stripped.startswith("-") and (len(stripped) == 1 or stripped[1] in " \t"):
                dash = len(text) - len(stripped)
                if dash != column:
                    return candidate, dash
        return None


def _key_value(text: str) -> re.Match | None:
    return _KEY_VALUE.match(text)


def _colon_or_indent(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained | None:
    """"mapping values are not allowed": a ``: `` inside a value, or a key indented too far."""
    if exc.problem != "mapping values are not allowed in this context":
        return None
    number, column = at
    text = source.line(number)
    found = _key_value(text)
    if found and found.group("value") and len(found.group("lead")) + len(found.group("key")) < column:
        key, value = found.group("key"), found.group("value")
        return Explained(number + 1, column + 1, _(
            "the text of '{key}' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
            "{fix}", key=key, fix=_pair(key, quoted(value))))
    return _misaligned_key(source, number)


def _misaligned_key(source: _Source, number: int) -> Explained:
    """A key on line ``number`` that is not lined up with the keys of its block."""
    text = source.line(number)
    found = _KEY.match(text)
    key = found.group("key") if found else text.strip()
    column = len(found.group("lead")) if found else len(text) - len(text.lstrip())
    above = source.previous_key(number)
    if above is None:
        return Explained(number + 1, column + 1, _("'{key}' is indented: the first keys start at the beginning of "
                                                   "the line", key=key))
    return Explained(number + 1, column + 1, _(
        "'{key}' is not lined up with '{other}' (line {line}): keys of one block start at the same column; indent it "
        "with spaces like the keys it belongs with", key=key, other=above[1], line=above[0] + 1 + source.offset))


def _list_item(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained | None:
    """"did not find expected '-' indicator" or "expected key": a list item, or a key, at the wrong level."""
    if exc.problem not in ("did not find expected '-' indicator", "did not find expected key"):
        return None
    number, column = at
    text = source.line(number)
    stripped = text.lstrip(" ")
    if stripped.startswith("-") and (len(stripped) == 1 or stripped[1] in " \t"):
        dash = len(text) - len(stripped)
        other = source.previous_item(number, dash)
        if other is None:
            return Explained(number + 1, dash + 1, _(
                "a list item ('- ') where a key was expected: put the list under its key, each item on its own "
                "line starting with '- '"))
        return Explained(number + 1, dash + 1, _(
            "this list item is not lined up with the item of line {line}: items of one list start their '-' at "
            "the same column (column {column} there)", line=other[0] + 1 + source.offset, column=other[1] + 1))
    found = _key_value(text)
    if found and found.group("value") and column > len(found.group("lead")) + len(found.group("key")):
        return None  # the value itself is at fault: a quote or a bracket (_quote_or_bracket)
    if exc.problem == "did not find expected key" and not found:
        return None
    return _misaligned_key(source, number)


def _quote_or_bracket(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained | None:
    """A quote or a bracket never closed, or a quoted value followed by more text."""
    context = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and context is not None:
        quote = source.line(context.line)[context.column:context.column + 1]
        if quote == "'":
            message = _("this text opens with ' and never closes it; end it with ' too or, if the ' is an "
                        "apostrophe, put the whole text in double quotes (\"…\")")
        else:
            message = _("this text opens with \" and never closes it; end it with \" too")
        return Explained(context.line + 1, context.column + 1, message)
    if exc.context in ("while parsing a flow sequence", "while parsing a flow mapping") and context is not None:
        opening = source.line(context.line)[context.column:context.column + 1]
        closing = "]" if opening == "[" else "}"
        if closing not in source.line(context.line)[context.column:]:
            if opening == "[":
                message = _("the '[' opened here is never closed; end the list with ']' on the same line, or write one "
                            "item a line, each starting with '- '")
            else:
                message = _("the '{{' opened here is never closed; end it with '}}' on the same line")
            return Explained(context.line + 1, context.column + 1, message)
        colon = _colon_in_flow(source.line(at[0]), at[1])
        if colon is not None:
            return Explained(at[0] + 1, at[1] + 1, colon)
        return Explained(at[0] + 1, at[1] + 1, _(
            "the items between '{opening}' and '{closing}' must be separated by commas; add the missing ',' (a text "
            "holding a comma, a quote or a colon goes in quotes)", opening=opening, closing=closing))
    if exc.problem == "did not find expected key":
        number, column = at
        found = _key_value(source.line(number))
        value = found.group("value") if found else None
        if value and value[0] in "'\"[{":
            key = found.group("key")
            if value[0] in "'\"":
                message = _("the text of '{key}' starts with a quote, so it ends at the next quote and the rest cannot "
                            "be read; put the whole text in quotes of the other kind: {fix}", key=key,
                            fix=_pair(key, _requoted(value)))
            else:
                message = _("the text of '{key}' starts with '{bracket}', which YAML reads as the start of a list or "
                            "a mapping; put the text in quotes: {fix}", key=key, bracket=value[0],
                            fix=_pair(key, quoted(value)))
            return Explained(number + 1, len(found.group("lead")) + len(found.group("key")) + 3, message)
    return None


def _colon_in_flow(text: str, column: int) -> str | None:
    """A ``: `` inside a value between brackets (``{id: a, label: Chatbot : assistant}``), which YAML reads as
    another key, at ``column`` of ``text``: the fix, quoting the value; None when there is no such value. A
    colon glued to the word before it (``{a: 1 b: 2}``) is as likely a missing comma: not this rule."""
    if text[column:column + 1] != ":" or text[column - 1:column] not in (" ", "\u00a0"):
        return None
    start = max(text.rfind(mark, 0, column) for mark in ",{[") + 1
    ends = [end for mark in ",}]" if (end := text.find(mark, column)) != -1]
    entry = re.match(r"^\s*(?P<key>[^\s:'\"][^:]*?)\s*:\s+(?P<value>\S.*?)\s*$", text[start:min(ends, default=len(text))])
    if entry is None or entry.end("key") + start >= column:
        return None
    key, value = entry.group("key"), entry.group("value")
    return _("the text of '{key}' holds ': ', which YAML reads as the start of another key; put the text in quotes: "
             "{fix}", key=key, fix=_pair(key, quoted(value)))


def _requoted(value: str) -> str:
    """A value that starts with a quote but goes on after its closing quote, quoted whole: ``'C'est bien'``
    is the text ``C'est bien`` whose apostrophe closed the quote (``"C'est bien"``); ``"Je veux" dit-il``
    keeps its quotes (``'"Je veux" dit-il'``)."""
    if value[0] == "'":
        return quoted(value[1:-1] if len(value) > 1 and value.endswith("'") else value[1:])
    return "'" + value.replace("'", "''") + "'"


def _missing_space(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained | None:
    """"could not find expected ':'": a ``key:value`` without its space, or a line with no key."""
    if exc.problem != "could not find expected ':'" or exc.context_mark is None:
        return None
    number = exc.context_mark.line
    text = source.line(number)
    glued = re.match(r"^(?P<lead>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_][\w-]*):(?P<value>\S.*)$", text)
    if glued:
        return Explained(number + 1, len(glued.group("lead")) + len(glued.group("key")) + 2, _(
            "a space is missing after ':'; write {fix}", fix=_pair(glued.group("key"), glued.group("value"))))
    column = len(text) - len(text.lstrip())
    return Explained(number + 1, column + 1, _(
        "this line is neither 'key: value' nor a list item ('- …'); add its key, or, if it continues the text of "
        "the line above, put that whole text in quotes"))


def _reserved_start(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained | None:
    """A value starting with a character YAML reserves (``@``, `` ` ``, ``*``, ``- ``, ``|``…)."""
    for mark in (exc.context_mark, exc.problem_mark):
        if mark is None:
            continue
        found = _key_value(source.line(mark.line))
        value = found.group("value") if found else None
        if value and value[0] in _INDICATORS and mark.column >= len(found.group("lead")) + len(found.group("key")):
            key = found.group("key")
            return Explained(mark.line + 1, len(found.group("lead")) + len(key) + 3, _(
                "the text of '{key}' starts with '{character}', which YAML reserves; put the text in quotes: {fix}",
                key=key, character=value[0], fix=_pair(key, quoted(value))))
    return None


def _as_yaml_says(exc: yaml.MarkedYAMLError, source: _Source, at: tuple[int, int]) -> Explained:
    """Any other error, in YAML's words, where YAML found it (where an unclosed thing started when the
    error is only found at the end of the text)."""
    problem = exc.problem_mark.line if exc.problem_mark else None
    context = exc.context_mark.line if exc.context_mark else None
    lines = source.lines
    last = len(lines) - (1 if lines and lines[-1] == "" else 0)
    if context is not None and (problem is None or problem >= last):
        line, column = context, exc.context_mark.column
    else:
        line, column = at
    message = _("YAML syntax error: {problem}", problem=exc.problem or exc.context or "invalid YAML")
    if exc.context and context is not None and context != line:
        message = _("YAML syntax error: {problem} ({context} started at line {line})",
                    problem=exc.problem or exc.context, context=exc.context, line=context + 1 + source.offset)
    return Explained(line + 1, column + 1, message)
