"""Numbers, percentages, money, quarters and dates for people, in the site's language (Babel's CLDR data).

One way everywhere: views, exports meant for people, messages. ``language`` is
a site language (``fr``, ``en``…); the current language (``i18n.use_language``)
when omitted. Machines get raw values, never these strings.
"""
from __future__ import annotations

import copy
import datetime
import math
import re
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_currency, format_decimal, format_percent, get_decimal_symbol

from .bounds import is_number  # a number journeysite computes with; plugins import it from here too
from .i18n import current_language, site_language

DASH = "–"
MINUS = "\u2212"
QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
NBSP = "\u00a0"
# Spaces a line must never break at: inside a number (220 000), before a unit (220 000 €, 40 %), inside
# French quotes (« … ») and before the French high punctuation (: ; ! ?).
_GLUED_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=\d) (?=(?:[kKM]?[€$£]|%|‰)(?!\w))|(?<=«) | (?=»)"
                          r"| (?=[:;!?](?:\s|$))")


def _locale(language: str | None) -> str:
    return site_language(language) if language else current_language()


def number(value: Any, language: str | None = None, decimals: int = 2) -> str:
    """``12 000`` / ``2,1`` in French, ``12,000`` / ``2.1`` in English (at most ``decimals``); a dash for None."""
    if not is_number(value):
        return DASH if value is None else str(value)
    if value == 0 and math.copysign(1, value) < 0:  # -0.0 equals 0.0 for the cache below, not for Babel
        return _minus(format_decimal(value, format=_pattern(decimals), locale=_locale(language)))
    return _number(value, _locale(language), decimals)


@lru_cache(maxsize=4096, typed=True)
def _number(value: int | float, locale: str, decimals: int) -> str:
    """``number``'s text, remembered: views write the same few values thousands of times
    (typed: ``1`` and ``1.0`` are kept apart, as Babel may write them apart)."""
    return _minus(format_decimal(value, format=_pattern(decimals), locale=locale))


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "#" * decimals if decimals else "")


def decimal_mark(language: str | None = None) -> str:
    """The mark between a number's whole part and its decimals: ``,`` in French, ``.`` in English."""
    return get_decimal_symbol(_locale(language))


def signed(value: Any, language: str | None = None, decimals: int = 1) -> str:
    """A score with its sign: ``+0,8``, ``−0,3``, ``0``; a dash for None."""
    if not is_number(value):
        return DASH
    rounded = round(value, decimals)
    text = number(abs(rounded), language, decimals)
    return ("+" if rounded > 0 else MINUS if rounded < 0 else "") + text


def percent(value: Any, language: str | None = None) -> str:
    """A share 0..1 as ``28 %`` (French) or ``28%`` (English); a dash for None."""
    if not is_number(value):
        return DASH
    return _minus(format_percent(value, locale=_locale(language)))


def money(value: Any, currency: str = "EUR", language: str | None = None) -> str:
    """An amount in ``currency`` (ISO 4217): ``120 000 €`` in French, ``€120,000`` in English."""
    if not is_number(value):
        return DASH
    locale = _locale(language)
    if not float(value).is_integer():
        return _minus(format_currency(value, currency, locale=locale))
    return _minus(format_currency(value, currency, locale=locale, format=_whole_currency(locale), currency_digits=False))


@lru_cache(maxsize=None)
def _whole_currency(locale: str) -> NumberPattern:
    """The locale's currency pattern without decimals (budgets are whole amounts)."""
    pattern = copy.copy(Locale.parse(locale).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def quarter(value: str, language: str | None = None) -> str:
    """``2026-Q4`` as ``T4 2026`` (French) or ``Q4 2026`` (English); other text unchanged."""
    found = QUARTER.match(value or "")
    if not found:
        return value
    first_month = 3 * int(found.group(2)) - 2
    return format_date(datetime.date(int(found.group(1)), first_month, 1), "QQQ y", locale=_locale(language))


def date(value: datetime.date, language: str | None = None) -> str:
    """A date as people of the site's language write it (``2 déc. 2026``, ``Dec 2, 2026``); French writes
    the first of the month as an ordinal (``1er déc. 2026``)."""
    locale = _locale(language)
    text = format_date(value, "medium", locale=locale)
    if value.day == 1 and Locale.parse(locale).language == "fr" and re.match(r"1(?!\d)", text):
        text = "1er" + text[1:]
    return text


def unbreakable(text: str) -> str:
    """``text`` with a no-break space where a line must not break: ``220 000 €``, ``40 %``, ``« Acheter »``,
    ``prêt : 220 000 €`` keep their parts together, in a page as in a diagram."""
    return _GLUED_SPACE.sub(NBSP, text)


def _minus(text: str) -> str:
    """A typographic minus sign instead of a hyphen."""
    return text.replace("-", MINUS)
