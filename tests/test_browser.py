"""What people see, in a real headless Chromium: pages render, charts show, user text never runs.

Chromium is a test requirement (``make test`` installs it on Debian/Ubuntu); these
tests fail, never skip, when it is missing.
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator

import pytest

from htmltools import parse
from sites import FORMAT_CONFIG, FORMAT_SITE

# Each payload, if it ran, would leave a mark in the DOM that --dump-dom shows.
PAYLOAD = ("<script>document.body.setAttribute('data-pwned','script')</script>"
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','onerror')\">")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is needed for the browser tests: apt-get install chromium (make test does it)"
    return found


def run_chromium(*args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with a fresh profile and no background network."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--virtual-time-budget=5000", *args],
            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def dump_dom(url: str, width: int = 1280) -> str:
    """The DOM of ``url`` after its scripts ran, in a window ``width`` pixels wide."""
    return run_chromium(f"--window-size={width},900", "--dump-dom", url).stdout.decode("utf-8")


def printed_page_sizes(url: str) -> list[tuple[float, float]]:
    """(width, height) in points of each page of ``url`` printed to PDF."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "page.pdf"
        run_chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", url)
        boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes, "no page in the PDF"
    return [(float(w), float(h)) for w, h in boxes]


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import write_site
    files = dict(FORMAT_SITE)
    files["docs/evil.md"] = (
        "---\ntype: journey\ntitle: 'Evil " + PAYLOAD.replace("'", "''") + "'\npersona: quentin\ntouchpoints:\n"
        "  - id: t1\n    stage: achat\n    channel: web\n    action: '" + PAYLOAD.replace("'", "''") + "'\n"
        "    emotion: irritant\n    moment_of_truth: true\n"
        "    expectations: ['" + PAYLOAD.replace("'", "''") + "']\n---\n")
    files["docs/evil-map.md"] = "# Carte\n\n::: journeysite journey-map\n\n::: journeysite flow journey=evil\n"
    root = write_site(tmp_path_factory.mktemp("browser"), files, FORMAT_CONFIG)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                           timeout=300)
    assert build.returncode == 0, build.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def body_attrs(dom: str) -> dict:
    return next(attrs for tag, attrs in parse(dom).tags if tag == "body")


@pytest.mark.parametrize("url", ["journeys/evil/", "journeys/", "pains/", "heatmap/", "channels/web/",
                                 "personas/quentin/", "chantiers/", "channels/", "evil-map/"])
def test_user_text_never_runs_as_script(served_site: str, url: str) -> None:
    dom = dump_dom(served_site + url)
    assert "data-md-component" in dom  # Material rendered the page
    assert "data-pwned" not in body_attrs(dom), url


def test_journey_page_shows_matrix_and_curve(served_site: str) -> None:
    tags = parse(dump_dom(served_site + "journeys/achat/")).tags
    assert any(tag == "table" and "js-matrix" in (a.get("class") or "") for tag, a in tags)
    svgs = [a for tag, a in tags if tag == "svg" and a.get("role") == "img"]
    assert svgs and all(a.get("aria-labelledby") for a in svgs)


def test_journey_page_shows_its_flow_drawn_by_graphviz(served_site: str) -> None:
    dom = dump_dom(served_site + "journeys/evil/")
    (diagram,) = re.findall(r'<svg class="js-graph-svg".*?</svg>', dom, re.S)
    drawn = parse(diagram)
    assert next(a for tag, a in drawn.tags if tag == "svg").get("aria-labelledby")
    assert [a["href"] for tag, a in drawn.tags if tag == "a" and a.get("href", "").startswith("#")] == ["#tp-t1"]
    assert "document.body.setAttribute('data-pwned','script')" in "".join(drawn.text)  # the payload, as text


def test_sortable_tables_are_wired_by_the_script(served_site: str) -> None:
    tags = parse(dump_dom(served_site + "chantiers/")).tags
    table_buttons = [a for tag, a in tags if tag == "button" and "js-sort" in (a.get("class") or "")]
    assert table_buttons, "journeysite.js did not turn the headers of sortable tables into buttons"


def matrix_region_classes(dom: str) -> str:
    regions = [a.get("class") or "" for tag, a in parse(dom).tags
               if tag == "div" and "js-matrix-scroll" in (a.get("class") or "")]
    assert regions, "no matrix on the page"
    return regions[0]


def test_a_map_wider_than_the_window_says_it_scrolls(served_site: str) -> None:
    # On a phone the matrix scrolls sideways: its region is marked (its right edge fades).
    assert "js-more-right" in matrix_region_classes(dump_dom(served_site + "journeys/achat/", width=420))
    # On a wide screen the whole matrix shows: no hint.
    assert "js-more-right" not in matrix_region_classes(dump_dom(served_site + "journeys/achat/", width=2400))


def test_a_journey_map_prints_landscape_other_pages_portrait(served_site: str) -> None:
    assert all(width > height for width, height in printed_page_sizes(served_site + "journeys/achat/"))
    assert all(width < height for width, height in printed_page_sizes(served_site + "chantiers/fiche-client/"))
