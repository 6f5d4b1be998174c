"""Split a Markdown file into YAML front matter and body, and read the YAML safely.

The YAML is composed into nodes (never constructed by a full loader), so every
key keeps its line, tags such as ``!!python/object`` are refused, and aliases
are refused before they can expand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .bounds import MAX_NUMBER, cut
from .formatting import number as number_text
from .i18n import _
from .problems import shown
from .safetext import first_unsafe, has_unsafe, strip_unsafe
from .yamlerrors import explain, quoted

try:  # the C parser composes about 6x faster
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_FENCE = re.compile(r"^---[ \t]*\r?$", re.M)
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_TYPE_LINE = re.compile(r"^type\s*:", re.M)
_BEFORE_COMMENT = re.compile(r"[ \t]*#")
_STR = "tag:yaml.org,2002:str"
_SAFE_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp",
}
# Scalars are built by SafeConstructor's functions for their tag, called directly: its
# ``construct_object`` would remember every node it ever built (one constructor for the
# process: memory that grew with every file read and every rebuild under ``mkdocs serve``).
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS = {tag: _CONSTRUCTOR.yaml_constructors[tag] for tag in _SAFE_TAGS
            if tag not in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")}
# Deeper YAML is refused: nobody writes it, and composing it overflows the stack
# (Python's recursion limit in ``_convert``, a segfault in libyaml's composer).
MAX_DEPTH = 100


class FrontMatterError(ValueError):
    """Front matter that cannot be read; ``line`` (and ``column``, 0 when unknown) are 1-based in the file."""

    def __init__(self, line: int, message: str, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.column = column


class Mapping(dict):
    """A dict that knows the line of itself and of each of its keys."""

    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A list that knows the line of itself and of each item; ``flow`` when written on one line
    (``[a, b]``), and, for each item, whether it was a plain text (neither quoted nor a collection)."""

    line: int = 1
    item_lines: list
    flow: bool = False
    plain: list
    # index -> (the text as written, the column of its ': ') of an item that YAML read as 'key: value' but
    # that may be a text holding ': ' (``- Réponse : rappelez``)
    written: dict

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


@dataclass
class Document:
    """A Markdown file split in two: ``data`` is None when it has no front matter."""

    data: Any
    body: str
    body_line: int = 1
    problems: list = field(default_factory=list)  # (line, message, column) of what cannot be read
    notes: list = field(default_factory=list)  # (line, message) of errors that leave the document readable
    warnings: list = field(default_factory=list)  # (line, column, message) of texts YAML reads otherwise than
    #                                                they look (a '#' cutting one)


def split(text: str) -> tuple[str | None, str, int]:
    """Return (yaml_text, body, first line of the yaml) of a Markdown text."""
    text, first, end = _fences(text)
    if not first or not end:
        return None, text, 1
    # Drop only the newline that ends the opening fence: blank lines after it count.
    yaml_text = text[first.end():end.start()].removeprefix("\n")
    rest = text[end.end():]
    body = rest.lstrip("\r\n")
    body_line = text.count("\n", 0, end.end() + len(rest) - len(body)) + 1
    return yaml_text, body, body_line


def _fences(text: str) -> tuple[str, re.Match | None, re.Match | None]:
    """(text without a byte order mark, its opening ``---`` fence, the fence closing it), None where absent."""
    text = text.removeprefix("\ufeff")
    first = _FENCE.match(text)
    return text, first, _END.search(text, first.end()) if first else None


def _unclosed(text: str) -> bool:
    """Whether ``text`` opens front matter that is never closed, below which a ``type:`` line shows it
    was meant as one (a page that merely starts with a horizontal rule ``---`` is not)."""
    text, first, end = _fences(text)
    return bool(first and not end and _TYPE_LINE.search(text, first.end()))


def parse_yaml(yaml_text: str, first_line: int = 1, lenient: bool = False, notes: list | None = None,
               warnings: list | None = None) -> Any:
    """Compose ``yaml_text`` and convert it to Mapping/Sequence/scalars with lines.

    ``first_line`` is the file line of the YAML's first line. Raises
    FrontMatterError with the file line of the problem. ``lenient`` (for
    mkdocs.yml, which may hold ``!ENV`` or ``!!python/name`` tags, anchors and
    merge keys) reads a node with an unknown tag or a repeated alias as None,
    skips merge keys and keeps the last of duplicate keys, instead of refusing them.
    Text holding characters no output can hold (``safetext``) is read without them, and
    ``notes`` (when given) gets a (line, message) for each. ``warnings`` (when given) gets a (line, column,
    message) for each text that YAML reads otherwise than it looks (``_traps``).
    """
    offset = first_line - 1
    try:
        _check_depth(yaml_text, offset)
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        explained = explain(exc, yaml_text, first_line)
        raise FrontMatterError(explained.line, explained.message, explained.column) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(first_line, _("YAML error: {problem}", problem=str(exc))) from None
    if node is None:
        return None
    return _convert(node, _Reading(offset, lenient, notes, "" if lenient else yaml_text, warnings))


def _too_deep(line: int) -> FrontMatterError:
    return FrontMatterError(line, _("YAML nested more than {depth} levels deep; flatten it", depth=MAX_DEPTH))


def _check_depth(yaml_text: str, offset: int) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing (an event scan, only when it could be)."""
    # Every level needs one of these characters, so most texts cannot be deep enough to matter.
    if sum(yaml_text.count(c) for c in "[{-:?") <= 10 * MAX_DEPTH:
        return
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _too_deep(event.start_mark.line + 1 + offset)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml >= 0.2.6 refuses deep flow nesting in its scanner, before any event is
        # seen: the same problem, said our way. Other syntax errors are composing's to report.
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise _too_deep(exc.problem_mark.line + 1 + offset) from None


@dataclass
class _Reading:
    """What one conversion of composed YAML needs: the file line of the YAML's first line less one, the
    collections already met (aliases), ``lenient`` (mkdocs.yml), where notes go (errors that leave the text
    readable) and, for front matter, its ``source`` and where ``warnings`` go (line, column, message)."""

    offset: int
    lenient: bool = False
    notes: list | None = None
    source: str = ""
    warnings: list | None = None
    seen: set = field(default_factory=set)
    # Where a plain text may end right before a comment (a '#' after spaces or tabs, or none): ``_traps``
    # looks at no other one-line text. Whether the YAML holds a character content may not hold: unless it
    # does, only a double-quoted text (its escapes) can.
    comment_ends: frozenset = field(init=False)
    unsafe: bool = field(init=False)

    def __post_init__(self) -> None:
        self.comment_ends = frozenset(index for found in _BEFORE_COMMENT.finditer(self.source)
                                      for index in range(found.start(), found.end()))
        self.unsafe = has_unsafe(self.source) if self.source else True


def _convert(node: yaml.Node, reading: _Reading, depth: int = 0, in_list: bool = False) -> Any:
    """``node`` as Mapping, Sequence or a scalar (``in_list``: an item of a list)."""
    if node.tag == _STR and type(node) is yaml.ScalarNode:  # most of the values and keys: texts
        return _scalar(node, reading)
    offset, seen, lenient = reading.offset, reading.seen, reading.lenient
    line = node.start_mark.line + 1 + offset
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        if depth >= MAX_DEPTH:  # ``depth`` collections enclose this one
            raise _too_deep(line)
        if id(node) in seen:
            if lenient:  # mkdocs.yml may share values; never expand them (no alias bomb)
                return None
            raise FrontMatterError(line, _("YAML anchors and aliases (&name, *name) are not allowed here; write the "
                                           "values out"))
        seen.add(id(node))
    if node.tag not in _SAFE_TAGS:
        if lenient:
            return None
        raise FrontMatterError(line, _("YAML tag '{tag}' is not allowed; remove it (content never runs code)",
                                       tag=node.tag))
    if isinstance(node, yaml.MappingNode):
        result = Mapping()
        result.line, result.key_lines = line, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                if lenient:
                    continue
                raise FrontMatterError(key_node.start_mark.line + 1 + offset,
                                       _("YAML merge keys (<<) are not allowed here; write the keys out"))
            key = _convert(key_node, reading, depth + 1)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise FrontMatterError(key_node.start_mark.line + 1 + offset, _("keys must be plain text"))
            key = str(key) if not isinstance(key, str) else key
            if key in result and not lenient:  # MkDocs keeps the last one
                if in_list:  # ``- id: t1 / stage: a / stage: b``: the next item's first line is missing
                    message = _("'{key}' is given twice in this item of the list (first at line {line}); if a new item "
                                "starts here, its first line ('- {first}: …') is probably missing just above",
                                key=key, line=result.key_lines[key], first=next(iter(result)))
                else:
                    message = _("'{key}' is given twice in the same block (first at line {line}); keep one, or, if "
                                "this one belongs to another item, indent it like that item's keys", key=key,
                                line=result.key_lines[key])
                raise FrontMatterError(key_node.start_mark.line + 1 + offset, message, key_node.start_mark.column + 1)
            result.key_lines[key] = key_node.start_mark.line + 1 + offset
            result[key] = _convert(value_node, reading, depth + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        result_list = Sequence()
        result_list.line = line
        result_list.item_lines = [item.start_mark.line + 1 + offset for item in node.value]
        result_list.flow = bool(node.flow_style)
        result_list.plain = [isinstance(item, yaml.ScalarNode) and not item.style for item in node.value]
        result_list.written = {index: found for index, item in enumerate(node.value)
                               if (found := _as_written(item, reading.source)) is not None}
        result_list.extend(_convert(item, reading, depth + 1, in_list=True) for item in node.value)
        return result_list
    return _scalar(node, reading)


def _scalar(node: yaml.ScalarNode, reading: _Reading) -> Any:
    """The value of a scalar node of a safe tag; what it holds that content may not, noted and stripped; the
    warnings of a plain text that YAML reads otherwise than it looks."""
    if node.tag == _STR:  # what SafeConstructor makes of a text: the node's value
        value = node.value
    else:
        try:
            value = _construct_scalar(node)
        except (yaml.YAMLError, ValueError) as exc:
            line = node.start_mark.line + 1 + reading.offset
            if node.tag == "tag:yaml.org,2002:int":  # more digits than Python reads (4,300)
                raise FrontMatterError(line, _(
                    "the number {value} has {count} digits; journeysite computes with numbers between -{limit} and "
                    "{limit}", value=cut(node.value, 30), count=number_text(len(node.value)),
                    limit=number_text(MAX_NUMBER))) from None
            raise FrontMatterError(line, _("cannot read value {value}: {problem}", value=shown(node.value),
                                           problem=str(exc))) from None
    if isinstance(value, str) and (reading.unsafe or node.style == '"') and has_unsafe(value):
        if reading.notes is not None:
            reading.notes.append((node.start_mark.line + 1 + reading.offset, _(
                "this text holds the control character {char}, which pages, exports and terminals cannot show; "
                "remove it", char=first_unsafe(value))))
        value = strip_unsafe(value)
    if (reading.warnings is not None and not node.style and node.value
            and (node.end_mark.index in reading.comment_ends or node.start_mark.line != node.end_mark.line)):
        reading.warnings += _traps(node, reading.source, reading.offset)  # nothing else can hold a trap
    return value


def _traps(node: yaml.ScalarNode, source: str, offset: int) -> list[tuple[int, int, str]]:
    """(line, column, message) of what YAML reads in a plain text otherwise than it looks: a ``#`` that
    starts a comment and cuts the text (``Je note ma commande #1234``), a next line starting with ``- ``
    taken as the text going on (``- a`` then a more indented ``- b`` is the one text ``a - b``)."""
    found = []
    end = node.end_mark.index
    line_end = source.find("\n", end)
    rest = source[end:line_end if line_end >= 0 else len(source)]
    comment = rest.lstrip(" \t")
    # A '#' glued to what follows it, after a sentence or before a number, is a reference (#1234), not a
    # comment: '# ' starts a comment, and a comment after a one-word value (an id) is one too.
    if (comment[:1] == "#" and comment[1:2].strip() and comment[1:2] != "#"
            and (" " in node.value or comment[1:2].isdigit())):
        whole = node.value + rest.rstrip()
        found.append((node.end_mark.line + 1 + offset, node.end_mark.column + len(rest) - len(comment) + 1, _(
            "'{comment}' is read as a YAML comment and left out, so this text stops at '{value}'; if it belongs to "
            "the text, put the whole text in quotes: {whole}", comment=comment.rstrip(), value=node.value,
            whole=quoted(whole))))
    if node.start_mark.line != node.end_mark.line:
        lines = source[node.start_mark.index:end].split("\n")
        for number, text in enumerate(lines[1:], start=node.start_mark.line + 2):
            if text.lstrip().startswith("- "):
                found.append((number + offset, len(text) - len(text.lstrip()) + 1, _(
                    "this '- ' is read as more of the text above, not as a new item: YAML makes of both lines the "
                    "one text '{value}'; to start an item here, put its '-' under the '-' above it",
                    value=node.value)))
                break
    return found


def _as_written(node: yaml.Node, source: str) -> tuple[str, int] | None:
    """(its text, the column of its ':') of a list item written ``- text: more text`` (one plain key and plain
    value on one line, which YAML reads as a mapping), as it stands in ``source``; else None."""
    if not source or not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return None
    key, value = node.value[0]
    if not all(isinstance(n, yaml.ScalarNode) and not n.style for n in (key, value)):
        return None
    if key.start_mark.line != value.end_mark.line:
        return None
    between = source[key.end_mark.index:value.start_mark.index]
    return source[key.start_mark.index:value.end_mark.index], key.end_mark.column + between.index(":") + 1


def _construct_scalar(node: yaml.Node) -> Any:
    """The value of a scalar node, the constructor left with no memory of it."""
    construct = _SCALARS.get(node.tag)
    if construct is not None and isinstance(node, yaml.ScalarNode):
        return construct(_CONSTRUCTOR, node)
    try:  # a collection tag on a scalar (``!!map text``): what SafeConstructor makes of it
        return _CONSTRUCTOR.construct_object(node)
    finally:
        _CONSTRUCTOR.constructed_objects.clear()
        _CONSTRUCTOR.state_generators.clear()


def read_document(text: str) -> Document:
    """Split and parse a Markdown text; YAML problems land in ``problems`` as (line, message, column), and
    characters no output can hold (``safetext``), stripped from the text, in ``notes``."""
    notes: list = []
    if has_unsafe(text):
        text = _strip_lines(text, notes)
    yaml_text, body, body_line = split(text)
    if yaml_text is None:
        unclosed = _("front matter opened here is never closed; add a line '---' after its last key")
        return Document(None, body, body_line, [(1, unclosed, 0)] if _unclosed(text) else [], notes)
    warnings: list = []
    try:
        data = parse_yaml(yaml_text, first_line=2, notes=notes, warnings=warnings)
    except FrontMatterError as exc:
        return Document(None, body, body_line, [(exc.line, exc.message, exc.column)], notes)
    return Document(data, body, body_line, notes=notes, warnings=warnings)


def _strip_lines(text: str, notes: list) -> str:
    """``text`` without unsafe characters, a note for each line that held some."""
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if has_unsafe(line):
            notes.append((number, _("this line holds the control character {char}, which pages, exports and "
                                    "terminals cannot show; remove it", char=first_unsafe(line))))
            lines[number - 1] = strip_unsafe(line)
    return "\n".join(lines)


_MMD_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_MMD_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def multimarkdown_meta(text: str) -> Mapping:
    """The ``key: value`` lines MkDocs reads as the metadata of a page without YAML front matter
    (MultiMarkdown style, mkdocs.utils.meta.get_data), with their lines."""
    meta = Mapping()
    meta.key_lines = {}
    key = None
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            break
        if found := _MMD_KEY.match(line):
            key = found.group("key").lower().strip()
            value = found.group("value").strip()
            meta[key] = f"{meta[key]} {value}" if key in meta else value
            meta.key_lines.setdefault(key, number)
        elif (more := _MMD_MORE.match(line)) and key:
            meta[key] += f" {more.group('value').strip()}"
        else:
            break
    return meta


# A line meant to open front matter that MkDocs does not take for one: blank lines above it, spaces before
# it, or more or fewer than three dashes.
_NEAR_FENCE = re.compile(r"^[ \t]*-{2,}[ \t]*\r?$")
_ANY_TYPE_LINE = re.compile(r"^[ \t]*type[ \t]*:[ \t]*['\"]?([A-Za-z]+)", re.M | re.I)


def misplaced_fence(text: str) -> tuple[int, str] | None:
    """(its line, the ``type:`` it holds) of a block meant as front matter that MkDocs does not read as one:
    its ``---`` is not the very first line, is indented (by less than four spaces: four make a code block), or
    has more or fewer than three dashes; below it, a ``type:`` line before the next dash line shows it was
    meant. None otherwise."""
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _NEAR_FENCE.match(lines[first]) or _indent(lines[first]) >= 4:
        return None  # indented by four spaces or more, it is a Markdown code block showing a front matter
    if first == 0 and lines[0].rstrip("\r").rstrip(" \t") == "---":
        return None  # a real fence
    for line in lines[first + 1:]:
        if _NEAR_FENCE.match(line) or line.strip() in ("...",):
            return None
        found = _ANY_TYPE_LINE.match(line)
        if found:
            return first + 1, found.group(1).lower()
    return None


def _indent(line: str) -> int:
    """The columns of ``line``'s indentation, a tab going to the next multiple of four (as Markdown counts)."""
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def type_line(text: str) -> str | None:
    """The value of the ``type:`` line of a text's front matter (even one never closed), in lowercase, read
    only as far as that (for files that are not loaded, such as those MkDocs leaves out or that cannot be
    read)."""
    yaml_text, _body, _line = split(text)
    head = yaml_text if yaml_text is not None else text if _unclosed(text) else ""
    found = re.search(r"^type[ \t]*:[ \t]*['\"]?([A-Za-z]+)", head, re.M)
    return found.group(1).lower() if found else None
