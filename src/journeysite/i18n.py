"""Translation: every message and label a person reads, in the site's language.

Messages are written in English in the code, marked for extraction with ``_``
(translated now, in the current language), ``ngettext`` (singular and plural)
or ``N_`` (marked only, translated later with ``translate``). Translations
live in gettext catalogues, one per language:
``locale/<language>/LC_MESSAGES/journeysite.po``, read with Babel when first
needed. Adding a language is adding one catalogue (``make messages`` extracts
the messages and updates every catalogue); English needs none.

Values are passed by name and formatted with ``str.format`` after translation
(``_("journey '{id}' has no persona", id=journey.id)``), so a message always
writes a literal brace as ``{{``. The current language is set for a whole run
with ``use_language`` (``build_site`` sets the site's; the command line's
``--lang`` overrides it).
"""
from __future__ import annotations

import gettext as _gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Mapping

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "journeysite"
SOURCE_LANGUAGE = "en"
_current: ContextVar[str] = ContextVar("journeysite_language", default=SOURCE_LANGUAGE)
# The current language's messages (msgid -> translation), set with it: ``_`` is one dictionary look-up,
# as views call it for every touchpoint.
_messages: ContextVar[Mapping[str, str]] = ContextVar("journeysite_messages", default={})


@lru_cache(maxsize=1)
def languages() -> list[str]:
    """Every language with a catalogue, and English (the messages' own language), sorted."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {SOURCE_LANGUAGE})


def site_language(language: str | None) -> str:
    """The catalogue language for a site's ``theme.language`` (``fr``, ``fr_CA``, ``fr-BE`` -> ``fr``);
    English for a language with no catalogue."""
    code = (language or SOURCE_LANGUAGE).replace("-", "_")
    known = languages()
    for candidate in (code, code.split("_")[0].lower()):
        if candidate in known:
            return candidate
    return SOURCE_LANGUAGE


@lru_cache(maxsize=None)
def catalogue(language: str) -> _gettext.NullTranslations:
    """The translations of ``language`` (a language ``languages()`` lists), read from its ``.po`` once."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(po, locale=language))
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


@lru_cache(maxsize=None)
def messages(language: str) -> Mapping[str, str]:
    """The singular messages of ``language``'s catalogue, msgid to translation (empty for English)."""
    table = getattr(catalogue(language), "_catalog", {})
    return {key: value for key, value in table.items() if isinstance(key, str) and key}


def current_language() -> str:
    """The language messages are translated into now."""
    return _current.get()


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Translate into ``language`` (a site's ``theme.language``) inside the ``with`` block."""
    language = site_language(language)
    token, table = _current.set(language), _messages.set(messages(language))
    try:
        yield language
    finally:
        _messages.reset(table)
        _current.reset(token)


def translate(message: str, language: str | None = None, /, **values: object) -> str:
    """``message`` in ``language`` (default: the current one), its ``{names}`` filled from ``values``."""
    table = messages(site_language(language)) if language else _messages.get()
    text = table.get(message, message)
    return text.format(**values) if values or "{" in text else text


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, its ``{names}`` filled from ``values``."""
    text = _messages.get().get(message, message)
    return text.format(**values) if values or "{" in text else text


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    """The singular or plural form for ``count`` in the current language (French counts 0 as singular);
    ``{count}`` and ``values`` are filled in."""
    return catalogue(_current.get()).ngettext(singular, plural, count).format(count=count, **values)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; ``translate`` it where it is shown."""
    return message
