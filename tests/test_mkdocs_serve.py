"""``mkdocs serve`` while editing: a broken file shows its problems, the server recovers."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from contextlib import contextmanager
from typing import Callable, Iterator
from html import unescape
from urllib.parse import urljoin

import pytest

from htmltools import parse
from sites import FORMAT_CONFIG, FORMAT_SITE, MISTAKES_CONFIG, MISTAKES_SITE

BANNER = 'class="js-problems-banner"'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    """Poll ``condition`` until it holds; bounded in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


@contextmanager
def serving(root: Path, *options: str, output: list[str] | None = None) -> Iterator[str]:
    """``mkdocs serve`` of the site at ``root`` (with ``options``), until the block ends: its base URL (what
    the server printed is added to ``output`` at the end)."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *options],
                               cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "NO_COLOR": "1"})
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "Quentin" in fetch(base + "personas/quentin/")), "server did not start"
        yield base
    finally:
        process.terminate()
        printed = process.communicate(timeout=20)[0]
        if output is not None:
            output.append(printed)
        assert "Traceback" not in printed, printed


@pytest.fixture
def served(make_site) -> Iterator[tuple[Path, str]]:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    with serving(root) as base:
        yield root, base


def test_broken_file_shows_problems_and_the_server_recovers(served: tuple[Path, str]) -> None:
    root, base = served
    page = base + "journeys/achat/"
    assert BANNER not in fetch(page)
    source = root / "docs/parcours/achat.md"
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("channel: magasin", "channel: magazin", 1), encoding="utf-8")
    assert wait_for(lambda: BANNER in fetch(page)), "no problems banner after breaking a file"
    problems = fetch(base + "journeysite-problems/")
    assert "docs/parcours/achat.md:" in problems and "magazin" in problems
    source.write_text(good.replace("emotion: plaisir", "emotion: enchantement", 1), encoding="utf-8")
    assert wait_for(lambda: BANNER not in fetch(page) and "Enchantement" in fetch(page)), "did not recover"


def test_yaml_syntax_error_page_shows_its_problem(served: tuple[Path, str]) -> None:
    root, base = served
    (root / "docs/personas/quentin.md").write_text("---\ntype: persona\nname: [oops\n---\n", encoding="utf-8")
    assert wait_for(lambda: "ouvert ici" in fetch(base + "personas/quentin/")), \
        "broken page not replaced"


def test_a_yaml_error_in_mkdocs_yml_is_its_problem_on_every_page_until_fixed(make_site) -> None:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    config = root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    printed: list[str] = []
    with serving(root, output=printed) as base:
        page = base + "journeys/achat/"
        config.write_text(good.replace("label: Chat en ligne}", "label: Chat : en ligne}"), encoding="utf-8")
        assert wait_for(lambda: "mkdocs.yml est illisible" in fetch(page)), "no banner after breaking mkdocs.yml"
        shown = unescape(fetch(page)).replace("\u00a0", " ")
        assert "<code>mkdocs.yml:14:34</code> le texte de « label » contient" in shown
        assert 'label: "Chat : en ligne"' in shown
        config.write_text(good.replace("Chat en ligne", "Discussion en ligne"), encoding="utf-8")
        assert wait_for(lambda: "mkdocs.yml est illisible" not in fetch(page)
                        and "Discussion en ligne" in fetch(base + "channels/")), "did not recover"
    told = printed[0]
    assert "mkdocs.yml:14:34: le texte de « label » contient « : »" in told.replace("\u00a0", " ")
    assert "manquante" not in told and "appear stuck" not in told


def banner(html: str) -> tuple[str, str]:
    """(the text, the link) of the problems banner of a served page."""
    collector = parse(html)
    start = next(i for i, (tag, attrs) in enumerate(collector.tags)
                 if tag == "div" and attrs.get("class") == "js-problems-banner")
    link = next(attrs["href"] for tag, attrs in collector.tags[start:] if tag == "a")
    text = html[html.index('class="js-problems-banner"'):]
    return " ".join(parse(text[:text.index("</div>")]).text), link


def test_banner_counts_errors_and_warnings_and_links_to_the_problems_page(served: tuple[Path, str]) -> None:
    root, base = served
    source = root / "docs/parcours/achat.md"
    source.write_text(source.read_text(encoding="utf-8").replace("channel: magasin", "channel: magazin", 1)
                      .replace("tags: [retail]", "tags: [retail]\ncolour: red"), encoding="utf-8")
    page = base + "personas/quentin/"  # a nested page: the link must climb back to the site's root
    assert wait_for(lambda: BANNER in fetch(page)), "no problems banner after breaking a file"
    text, link = banner(fetch(page))
    assert "Problèmes (1 erreur, 1 avertissement)" in text
    assert urljoin(page, link) == base + "journeysite-problems/"
    problems = fetch(urljoin(page, link))
    assert "docs/parcours/achat.md:" in problems and "magazin" in problems and "colour" in problems


OVERRIDE = '{% extends "base.html" %}\n{% block extrahead %}<meta name="js-test" content="WORD">{% endblock %}\n'
PLUGIN = """\
from journeysite import hookimpl
from journeysite.pages import View


@hookimpl
def journeysite_page_views(page):
    return [View("marker", '<p class="js-marker">marker-WORD</p>')] if page.kind == "journey" else []
"""


def test_edits_to_theme_overrides_and_local_plugins_reload(make_site) -> None:
    config = FORMAT_CONFIG.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    root = make_site({**FORMAT_SITE, "overrides/main.html": OVERRIDE.replace("WORD", "one"),
                      "plugins/marker.py": PLUGIN.replace("WORD", "one")}, config)
    with serving(root) as base:
        page = base + "journeys/achat/"
        assert 'content="one"' in fetch(page) and "marker-one" in fetch(page)
        (root / "overrides/main.html").write_text(OVERRIDE.replace("WORD", "two"), encoding="utf-8")
        assert wait_for(lambda: 'content="two"' in fetch(page)), "an edit to the theme's overrides did not reload"
        (root / "plugins/marker.py").write_text(PLUGIN.replace("WORD", "two"), encoding="utf-8")
        assert wait_for(lambda: "marker-two" in fetch(page)), "an edit to a local plugin did not reload"


def nav_and_title(html: str) -> tuple[list[str], str]:
    """(the labels of the navigation's links, the page's <title>) of a served page."""
    labels = re.findall(r'class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S)
    return [unescape(label) for label in labels], unescape(re.search(r"<title>(.*?)</title>", html).group(1))


def test_a_site_with_problems_keeps_its_titles_and_navigation(make_site) -> None:
    root = make_site(MISTAKES_SITE, MISTAKES_CONFIG)  # strict: true, which must not stop serve
    with serving(root) as base:
        home = fetch(base)
        labels, title = nav_and_title(home)
        # the banner sits under the page's title, so MkDocs still names pages by it (not "Home", "Synthese")
        assert labels[:2] == ["Accueil", "Synthèse"] and title == "Parcours clients"
        assert nav_and_title(fetch(base + "synthese/"))[1] == "Synthèse - Parcours clients"
        assert re.search(r'<h1 id="accueil">Accueil</h1><div class="js-problems-banner"', home)
        # files that cannot be read show their problems under the title they would have, out of the menu
        assert "Déménager" not in labels and not any(label.endswith(".md") for label in labels)
        broken = fetch(base + "parcours/demenagement/")
        assert nav_and_title(broken)[1] == "Déménager - Parcours clients" and "13:21" in broken
        # the problems page: in French, by kind of cause, without a banner pointing at itself
        problems = fetch(base + "journeysite-problems/")
        assert BANNER not in problems
        sections = re.findall(r'<h2 class="js-problems-section"[^>]*>(.*?)</h2>', problems)
        assert sections == ["Fichiers illisibles", "Valeurs", "Liens entre fichiers"]
        assert "mettez le texte entre guillemets" in problems
