"""Stable page locations derived from ids, and relative links between them.

Every kind of page lives at ``<section>/<id>.md`` (docs-relative), so its URL is
``<section>/<id>/`` (or ``<section>/<id>.html`` without directory URLs), wherever
its source file sits in docs_dir.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

# The suffixes MkDocs reads as Markdown pages (mkdocs.utils.markdown_extensions).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")

SECTIONS = {
    "persona": "personas",
    "journey": "journeys",
    "chantier": "chantiers",
    "channel": "channels",
    "department": "departments",
}


def item_doc_path(kind: str, item_id: str) -> str:
    """The docs-relative Markdown path of the page of an item."""
    return f"{SECTIONS[kind]}/{item_id}.md"


def section_doc_path(section: str) -> str:
    """The docs-relative Markdown path of an index page (``journeys/index.md``)."""
    return f"{section}/index.md"


@lru_cache(maxsize=1 << 14)
def doc_url(doc_path: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a Markdown path (``a/b.md`` -> ``a/b/``)."""
    stem = posixpath.splitext(doc_path)[0] if doc_path.endswith(MARKDOWN_SUFFIXES) else doc_path
    parent, name = posixpath.split(stem)
    if name in ("index", "README"):
        url = (parent + "/") if parent else "./"
    elif use_directory_urls:
        url = f"{stem}/"
    else:
        url = f"{stem}.html"
    if not use_directory_urls and url.endswith("/"):
        url += "index.html"
    return quote(url)


def doc_dest(doc_path: str, use_directory_urls: bool = True) -> str:
    """The file MkDocs writes for a Markdown path (``a/b.md`` -> ``a/b/index.html``)."""
    url = doc_url(doc_path, use_directory_urls)
    return (url + "index.html" if url.endswith("/") else url).lstrip("./") or "index.html"


@lru_cache(maxsize=1 << 16)  # pure, and called for every link of every page
def relative_url(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    base = base.strip("/") or "."
    target = to_url.strip("/") or "."
    rel = posixpath.relpath(target, base)
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel if rel != "./" else "./"
