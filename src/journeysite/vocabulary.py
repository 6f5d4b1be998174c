"""Enumerated values as people write them: an id, a label or an alias, whatever the accents, case,
spaces and dashes (``Après-vente``, ``apres vente`` and ``apres-vente`` are one stage).

A ``Vocabulary`` is built once per list (a referential's stages, the chantier statuses…) and answers
every lookup with one dictionary access; ``closest`` proposes a value only when it is close.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache
from typing import Any, Iterable, Sequence

# How close a word must be to a known one to be proposed: difflib's ratio on folded words
# ('plaisire' -> 'plaisir' 0.93, 'webb' -> 'web' 0.86, never 'content' -> 'enchantement' 0.63), or, for
# short words, one typing slip (a letter added, missing, changed, or two swapped: 'sva' -> 'sav').
CLOSE = 0.8
SLIP_FROM = 3  # words this long or longer may be one slip away
_IGNORED = re.compile(r"[\s\-_'’.\u2010-\u2015]+")


@lru_cache(maxsize=4096)  # filter tokens ask for the same few values thousands of times a page
def plain(text: str) -> str:
    """Lowercase without accents (spaces and dashes kept): ``Randonnée`` -> ``randonnee``; the start of an
    id made from a name (``load.slug``) and of a filter token (``render.widgets.css_token``)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold().replace("œ", "oe").replace("æ", "ae"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` lowercased, without accents, spaces, dashes, underscores, apostrophes or dots:
    the form in which enumerated values are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _IGNORED.sub("", "".join(c for c in decomposed if not unicodedata.combining(c)))


def closest(word: object, choices: Iterable[str], cutoff: float = CLOSE) -> str | None:
    """The choice closest to ``word`` (compared folded), when it is close enough (``cutoff``, difflib's
    ratio); else None."""
    if not isinstance(word, str) or not word.strip():
        return None
    by_fold: dict[str, str] = {}
    for choice in choices:
        by_fold.setdefault(fold(choice), choice)
    folded = fold(word)
    match = get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    if match:
        return by_fold[match[0]]
    if len(folded) >= SLIP_FROM:
        slips = [key for key in by_fold if len(key) >= SLIP_FROM and one_slip(folded, key)]
        if slips:
            return by_fold[sorted(slips)[0]]
    return None


def one_slip(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter added, missing or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary: its ``id`` and the other words that name it."""

    id: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clash:
    """A word that names two values of one vocabulary (the first keeps it)."""

    word: str
    kept: str
    other: str


@dataclass
class Vocabulary:
    """The values of one enumeration and every word that names them.

    Built from ``Term``s (or from items with ``id``, ``label`` and ``aliases``: ``Vocabulary.of``).
    A word that would name two values is kept by the first and listed in ``clashes``.
    """

    terms: Sequence[Term]
    _index: dict[str, str] = field(init=False, repr=False)  # folded word -> id
    _words: dict[str, str] = field(init=False, repr=False)  # folded word -> the word as written
    clashes: list[Clash] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index, self._words, self.clashes = {}, {}, []
        for term in self.terms:  # every id first: an id always names its own value
            self._index.setdefault(fold(term.id), term.id)
            self._words.setdefault(fold(term.id), term.id)
        for term in self.terms:
            for word in term.words:
                key = fold(word)
                if not key:
                    continue
                kept = self._index.setdefault(key, term.id)
                self._words.setdefault(key, word)
                if kept != term.id:
                    self.clashes.append(Clash(word, kept, term.id))

    @classmethod
    def of(cls, items: Iterable[Any]) -> "Vocabulary":
        """The vocabulary of referential items (anything with ``id``, ``label`` and ``aliases``)."""
        return cls([Term(item.id, (item.label, *getattr(item, "aliases", ()))) for item in items])

    @property
    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def resolve(self, value: object) -> str | None:
        """The id that ``value`` names (an id, a label or an alias), or None."""
        if not isinstance(value, str):
            return None
        return self._index.get(fold(value))

    def folded_words(self, value_id: str) -> list[str]:
        """Every word that names ``value_id``, folded (``fold``), sorted: what a browser compares too."""
        return sorted(key for key, found in self._index.items() if found == value_id)

    def closest(self, value: object, cutoff: float = CLOSE) -> str | None:
        """The id, label or alias closest to ``value``, as written, when it is close (None when none is)."""
        key = closest(value, self._words, cutoff)
        return self._words[key] if key is not None else None
