"""Characters that control a terminal or that no output file can hold, and how to show text safely.

Content may not hold control characters (but tab and line ends) nor lone surrogates: they garble
terminals (escape sequences), are invalid in HTML and XML, and break CSV readers (NUL). Loading
reports them and strips them; ``echo`` writes any text on one line with such characters, and the
Unicode controls that reorder text on screen (bidi overrides), escaped the way Python writes them.
"""
from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return, DEL, C1 controls, lone surrogates (a YAML "\ud800" escape).
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# Shown escaped in messages too: tab and line ends (one problem, one line), and the bidi controls,
# which make a line read differently from what it holds.
_NOT_ECHOED = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def has_unsafe(text: str) -> bool:
    """Whether ``text`` holds a character that content may not hold."""
    return UNSAFE.search(text) is not None


def strip_unsafe(text: str) -> str:
    """``text`` without the characters content may not hold."""
    return UNSAFE.sub("", text)


def first_unsafe(text: str) -> str:
    """The first character content may not hold in ``text``, written as Python escapes it (``\\x1b``)."""
    found = UNSAFE.search(text)
    return _escape(found.group(0)) if found else ""


def echo(text: str, keep: str = "") -> str:
    """``text`` safe to print on one line of a terminal or a log: control, bidi and surrogate
    characters written as escapes (``\\x1b``, ``\\n``, ``\\u202e``), but those in ``keep``."""
    return _NOT_ECHOED.sub(lambda found: found.group(0) if found.group(0) in keep else _escape(found.group(0)), text)


def _escape(char: str) -> str:
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char) or (
        f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
