"""Parsing built HTML in tests: links, elements, text (with the standard library)."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class Collector(HTMLParser):
    """Collects every start tag with its attributes, and the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def page_file(site_dir: Path, url: str) -> Path:
    """The file behind a site-relative URL (``a/b/`` -> ``a/b/index.html``)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def crawl(site_dir: Path, start: str = "") -> set[str]:
    """Every page URL reachable by links from ``start`` inside the built site."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        file = page_file(site_dir, url)
        if not file.is_file() or file.suffix != ".html":
            continue
        seen.add(url)
        for tag, attrs in parse(file.read_text(encoding="utf-8")).tags:
            href = attrs.get("href") if tag == "a" else None
            if not href or href.startswith(("#", "mailto:")) or urlsplit(href).scheme:
                continue
            target = urlsplit(urljoin("http://site/" + url, href)).path.lstrip("/")
            todo.append(target)
    return seen
