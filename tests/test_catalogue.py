"""The message catalogues: every message the code marks is translated in every catalogue, with the
same placeholders, and no catalogue keeps messages the code no longer has."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import journeysite
from journeysite.i18n import LOCALE_DIR, N_, _, catalogue, languages, ngettext, translate, use_language

PACKAGE = Path(journeysite.__file__).parent
KEYWORDS = {"_": None, "N_": None, "translate": None, "ngettext": (1, 2)}
CATALOGUES = [language for language in languages() if language != "en"]


def extracted() -> dict[str | tuple[str, str], list[str]]:
    """Every marked message of the package, with where it is written."""
    found: dict = {}
    for filename, line, message, _comments, _context in extract_from_dir(PACKAGE, keywords=KEYWORDS,
                                                                          comment_tags=()):
        found.setdefault(message, []).append(f"{filename}:{line}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def read(language: str):
    with (LOCALE_DIR / language / "LC_MESSAGES" / "journeysite.po").open("rb") as po:
        return read_po(po, locale=language)


def test_french_is_a_catalogue() -> None:
    assert "fr" in CATALOGUES


@pytest.mark.parametrize("language", CATALOGUES)
def test_every_message_is_translated(language: str) -> None:
    catalogue = read(language)
    missing = []
    for message, where in sorted(extracted().items(), key=str):
        entry = catalogue.get(message if isinstance(message, str) else message[0])
        strings = [] if entry is None else ([entry.string] if isinstance(entry.string, str) else list(entry.string))
        if entry is None or entry.fuzzy or not all(s.strip() for s in strings) or not strings:
            missing.append(f"{where[0]}: {message!r}")
    assert not missing, f"{len(missing)} message(s) without a {language} translation (run make messages):\n" + \
        "\n".join(missing)


@pytest.mark.parametrize("language", CATALOGUES)
def test_translations_keep_the_placeholders(language: str) -> None:
    wrong = []
    for entry in read(language):
        if not entry.id:
            continue
        ids = [entry.id] if isinstance(entry.id, str) else list(entry.id)
        strings = [entry.string] if isinstance(entry.string, str) else list(entry.string)
        expected = set().union(*(placeholders(i) for i in ids))
        for text in strings:
            if text and placeholders(text) - expected:
                wrong.append(f"{entry.id!r} -> {text!r}")
    assert not wrong, "translations naming values the message does not give:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", CATALOGUES)
def test_catalogue_holds_only_messages_of_the_code(language: str) -> None:
    used = {m if isinstance(m, str) else m[0] for m in extracted()}
    stale = [entry.id for entry in read(language) if entry.id and
             (entry.id if isinstance(entry.id, str) else entry.id[0]) not in used]
    assert not stale, "messages no longer in the code (run make messages):\n" + "\n".join(map(repr, stale))


def test_no_module_that_translates_shadows_the_translation_function() -> None:
    """``_`` assigned anywhere in a module that imports it (``a, _, b = ...``) would break ``_()`` there."""
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = any(isinstance(n, ast.ImportFrom) and any(a.name == "_" and a.asname is None for a in n.names)
                      for n in ast.walk(tree))
        if not imports:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
            if isinstance(node, ast.arg) and node.arg == "_":
                wrong.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not wrong, "rename these throwaway '_' names: " + ", ".join(wrong)


def test_translation_follows_the_current_language() -> None:
    message = "journeysite found {count} error"
    assert _("{a} and {{b}}", a=1) == "1 and {b}"
    assert [catalogue("fr").plural(n) for n in (0, 1, 2)] == [0, 0, 1]  # French counts 0 as singular
    with use_language("en"):
        assert ngettext("{count} error", "{count} errors", 0) == "0 errors"
        assert translate(N_(message), count=2) == "journeysite found 2 error"
    assert re.match(r"^\w+$", translate("Journeys", "de"))  # a language without a catalogue reads English
