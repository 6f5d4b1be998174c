"""What journeysite can compute with and write out, in one place: numbers, ids, texts.

YAML reads any integer (a 400-digit one too) and floats up to 1.8e308; a float holds every integer
only up to 2**53, money is summed as decimals of 28 digits, a page's folder name is at most 255 bytes,
Graphviz reads strings of at most 16,384 characters. A value beyond these bounds is a problem at its
line (``fields.Fields``, the referential, the loader), never a traceback later in the build.
"""
from __future__ import annotations

import hashlib
import math
from typing import Any

MAX_NUMBER = 10 ** 15  # every number of the format: a metric, a budget, a score, a weight
MAX_ID = 100  # an id names a page's folder (``personas/<id>/``) and an anchor
MAX_TEXT = 5000  # one text value of front matter or of the referential (a name, an action, an irritant…)


def is_number(value: Any) -> bool:
    """A number journeysite computes with: an int or a float (not a bool), finite, within ±MAX_NUMBER.
    A big int is compared as an int (converting it to a float could overflow)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    if isinstance(value, int):
        return -MAX_NUMBER <= value <= MAX_NUMBER
    return math.isfinite(value) and -MAX_NUMBER <= value <= MAX_NUMBER


def shown_number(value: Any, limit: int = 30) -> str:
    """A number as a message quotes it, cut when long (a 400-digit integer is told by its magnitude)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** limit:
        # its order of magnitude: Python refuses to write an int of more than 4,300 digits as text
        return ("-" if value < 0 else "") + f"1e{int(math.log10(abs(value)))}"
    return cut(str(value), limit)


def cut(text: str, limit: int = 60) -> str:
    """``text`` cut at ``limit`` characters (a message never echoes a 5 MB value)."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def id_too_long(item_id: str) -> str:
    """The problem of an id longer than MAX_ID."""
    from .formatting import number
    from .i18n import _
    return _("the id '{id}' is {length} characters long; an id holds at most {limit} (it names a page's folder)",
             id=cut(item_id), length=number(len(item_id)), limit=number(MAX_ID))


def bounded_id(made: str) -> str:
    """An id made from free text (a department's name), at most MAX_ID less room for a ``-2`` suffix: a longer
    one is cut and ends with a digest of the whole, so two long names sharing their start stay apart and an
    id does not change when another name comes along."""
    room = MAX_ID - 4
    if len(made) <= room:
        return made
    digest = hashlib.blake2b(made.encode("utf-8"), digest_size=4).hexdigest()
    return made[:room - len(digest) - 1].rstrip("-_") + "-" + digest
