"""What a search indexer reads of a view: only the markup that makes its index.

Material's search indexer parses a page's whole HTML with ``html.parser`` to
cut it into sections and keep their text. It skips what is marked
``data-search-exclude`` (most of a journey map: the matrix, the curve's chart
and data…), yet still parses it, and of the rest it keeps only the text, a
few tags (``p``, ``li``, ``ul``, ``ol``, ``code``, ``pre``, ``sub``, ``sup``)
and the headings (where sections start). ``rendition`` rewrites a view for
it: excluded elements are dropped, the kept tags and headings kept bare, and
every other tag becomes an empty comment, so that the pieces of text stay
apart as before (the indexer collapses whitespace piece by piece). The index
built from the rendition is the one built from the view, for a fraction of
the parsing. The adapter notes where it puts each view back in a page
(``place``), and hands the indexer a copy of the page with renditions
(``search_copy``); nothing else sees it. Independent of MkDocs.

The rewriting is done by regular expressions, for speed, on the HTML that
views write (well nested, attribute values escaped). A view the indexer might
read otherwise is left whole (``rendition`` returns None): one with an element
left open (elements closed in the wrong order are not detected), holding a
heading with an id (a section of the index), a permalink, a comment, a
``script``/``style``/``object`` outside an excluded element, a ``<`` or ``>``
that does not delimit a tag, an excluded element whose end is not found or
that holds an element of its own tag.
"""
from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

EXCLUDE = "data-search-exclude"
BOUNDARY = "<!---->"
_KEPT = r"(?:p|li|ul|ol|code|pre|sub|sup|h[1-6])"
_START_TAG = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>""")
_ATTRIBUTE_NAME = re.compile(r"""\s+([^\s"'=<>/]+)""")
# What the indexer might read otherwise than the rewriting assumes (see the module's docstring).
_REFUSED_WORDS = ("headerlink", "linenodiv", "<!")
_REFUSED = tuple(re.compile(pattern, re.I) for pattern in (
    r"<(?![a-zA-Z/])", r"<h[1-6]\b[^>]*\sid\s*=", r"""="[^"]*[<>]""", r"""='[^']*[<>]"""))
_SKIPPED = re.compile(r"<(?:script|style|object)[\s/>]", re.I)
_KEPT_START = re.compile(rf"<({_KEPT})(?:\s[^>]*[^/>])?>", re.I)
_OTHER_TAG = re.compile(rf"<(?!{_KEPT}>|/{_KEPT}>|!--)[^>]*>", re.I)
_BOUNDARIES = re.compile(r"(?:<!---->)+")
_ENTITY = re.compile(r"&[#\w]+;?")  # at least what ``html.unescape`` reads as one character reference
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr"})
_OPEN_VOID = re.compile(rf"<(?:{'|'.join(sorted(_VOID))})\b[^>]*(?<!/)>", re.I)


def rendition(html: str) -> str | None:
    """What the search indexer needs of the view ``html``, or None when it must read it whole."""
    if (html.count("<") != html.count(">") or any(word in html for word in _REFUSED_WORDS)
            or any(pattern.search(html) for pattern in _REFUSED) or not _closed(html)):
        return None
    kept, done = [], 0
    position = html.find(EXCLUDE)
    while position >= 0:
        element = _excluded_element(html, position, done)
        if element is None:
            return None
        kept += [html[done:element[0]], BOUNDARY]
        done = element[1]
        position = html.find(EXCLUDE, done)
    rest = "".join(kept) + html[done:]
    if _SKIPPED.search(rest):
        return None
    rest = _KEPT_START.sub(r"<\1>", rest)
    return _fewer_boundaries(_BOUNDARIES.sub(BOUNDARY, _OTHER_TAG.sub(BOUNDARY, rest)))


def _fewer_boundaries(shown: str) -> str:
    """``shown`` without the boundaries that keep nothing apart (each costs the indexer a token): one next
    to a tag (which ends a piece of text anyway), or one between two pieces of text neither of which is
    only whitespace (the indexer writes those one after the other, as it writes them joined). The first
    and the last stay unless a tag is next to them: they part the view's text from the page's."""
    parts = shown.split(BOUNDARY)
    # ``before``: the piece of text that ends where the next boundary is
    out, before = [parts[0]], parts[0][parts[0].rfind(">") + 1:]
    for part in parts[1:]:
        end = part.find("<")
        after = part if end < 0 else part[:end]
        inside = len(out) > 1 or out[0] != ""
        if (inside and before == "" and out[-1].endswith(">")) or (after == "" and part != "") or \
                (_solid(before) and _solid(after)):
            before = before + part if end < 0 else part[part.rfind(">") + 1:]
        else:
            out.append(BOUNDARY)
            before = part if end < 0 else part[part.rfind(">") + 1:]
        out.append(part)
    return "".join(out)


def _solid(text: str) -> bool:
    """Whether a piece of text is more than whitespace, as the indexer reads it (entities decoded)."""
    shown = text.strip()  # the whitespace ``isspace`` knows
    if shown == "":
        return False
    if shown[0] != "&" or _ENTITY.sub("", shown).strip():  # a character outside every reference
        return True
    return not html.unescape(shown).isspace()


def _closed(html: str) -> bool:
    """Whether every element of ``html`` that needs an end tag has one (counted, not paired)."""
    ends = html.count("</")
    starts = html.count("<") - ends - html.count("/>") - len(_OPEN_VOID.findall(html))
    return starts == ends


def _excluded_element(html: str, position: int, done: int) -> tuple[int, int] | None:
    """(start, end) of the element whose start tag (after ``done``) holds the attribute found at
    ``position``; None when it is not an attribute of a start tag, or the element's end is not found."""
    start = html.rfind("<", done, position)
    tag = _START_TAG.match(html, start) if start >= 0 else None
    if tag is None or tag.end() <= position or EXCLUDE not in _ATTRIBUTE_NAME.findall(tag.group(2)):
        return None
    name = tag.group(1).lower()
    if tag.group(3) or name in _VOID:
        return start, tag.end()
    for found in re.finditer(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", html[tag.end():], re.I):
        if found.group(1):
            return start, tag.end() + found.end()
        elif not found.group(0).endswith("/>"):
            return None  # the indexer would stop skipping at the end of the inner one (it tells elements by tag)
    return None


@dataclass(frozen=True)
class Placed:
    """Where a view was put in a page's HTML, and how to know it is still there: the view itself, or (to
    let it go) a hash of it with its rendition made beforehand."""

    start: int
    length: int
    view: str | None = None
    digest: bytes = b""
    shown: str | None = None

    def found_in(self, content: str) -> int:
        """Where the view is in ``content`` (-1: gone, or changed); a view kept whole is looked for
        beyond where it was put (a banner added above it moves it)."""
        there = content[self.start:self.start + self.length]
        if self.view is None:
            return self.start if _hash(there) == self.digest else -1
        return self.start if there == self.view else content.find(self.view)

    def rendition(self) -> str | None:
        return rendition(self.view) if self.view is not None else self.shown


def prepare(view: str) -> tuple[bytes, str | None]:
    """What ``place`` keeps of a view it does not keep whole: its hash and its rendition (made beforehand,
    where the work can be shared: ``build_site(renditions=True)``)."""
    return _hash(view), rendition(view)


def place(placed: Iterable[tuple[int, str]], keep: bool = False,
          prepared: Mapping[int, tuple[bytes, str | None]] | None = None) -> list[Placed]:
    """The views put back in a page (``pages.restore_views``) that may be handed over as a rendition;
    ``keep`` keeps each view (its rendition made when needed), else only a hash and the rendition
    (``prepared``: those made beforehand, by the ``id`` of the view)."""
    found = []
    for start, view in placed:
        if not (view.startswith("<") and view.endswith(">")):
            continue
        if keep:
            found.append(Placed(start, len(view), view))
            continue
        digest, shown = (prepared or {}).get(id(view)) or prepare(view)
        if shown is not None:
            found.append(Placed(start, len(view), None, digest, shown))
    return found


def search_copy(content: str, placed: Iterable[Placed]) -> str:
    """``content`` with each view still where it was put replaced by its rendition (a view another plugin
    changed or moved is left whole: the indexer reads it all)."""
    found = sorted(((view.found_in(content), view) for view in placed), key=lambda item: -item[0])
    for start, view in found:
        if start >= 0 and (shown := view.rendition()) is not None:
            content = content[:start] + shown + content[start + view.length:]
    return content


def _hash(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
