"""What people see, in a real headless Chromium: pages render, charts show, user text never runs.

Chromium is a test requirement (``make test`` installs it on Debian/Ubuntu); these
tests fail, never skip, when it is missing.
"""
from __future__ import annotations

import contextlib
import functools
import html
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import quote, urlsplit

import material
import pytest

from htmltools import parse
from sites import FORMAT_CONFIG, FORMAT_SITE

# Each payload, if it ran, would leave a mark in the DOM that --dump-dom shows.
PAYLOAD = ("<script>document.body.setAttribute('data-pwned','script')</script>"
           "<img src=x onerror=\"document.body.setAttribute('data-pwned','onerror')\">")
# Out of an attribute (a <meta content="...">), then script.
BREAKOUT = "\"'>" + PAYLOAD


def yaml_text(text: str) -> str:
    """``text`` as a single-quoted YAML scalar."""
    return "'" + text.replace("'", "''") + "'"


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


HARNESS = Path(__file__).parent / "browser" / "harness.html"


def build_with_harness(root: Path) -> None:
    """``mkdocs build`` the site at ``root``, the test harness (tests/browser/harness.html) put beside its pages."""
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                           timeout=300)
    assert build.returncode == 0, build.stderr
    shutil.copy(HARNESS, root / "site" / "harness.html")


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free port of this machine: its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[assignment]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import write_site
    files = dict(FORMAT_SITE)
    files["docs/evil.md"] = (
        "---\ntype: journey\ntitle: 'Evil " + PAYLOAD.replace("'", "''") + "'\npersona: quentin\n"
        "description: " + yaml_text(BREAKOUT) + "\nsubtitle: " + yaml_text(BREAKOUT) + "\ntouchpoints:\n"
        "  - id: t1\n    stage: achat\n    channel: web\n    action: '" + PAYLOAD.replace("'", "''") + "'\n"
        "    emotion: irritant\n    moment_of_truth: true\n"
        "    expectations: ['" + PAYLOAD.replace("'", "''") + "']\n---\n")
    files["docs/evil-map.md"] = "# Carte\n\n::: journeysite journey-map\n\n::: journeysite flow journey=evil\n"
    root = write_site(tmp_path_factory.mktemp("browser"), files, FORMAT_CONFIG)
    build_with_harness(root)
    with static_server(root / "site") as base:
        yield base


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
    assert [a["xlink:href"] for tag, a in drawn.tags if tag == "a" and "xlink:href" in a] == ["../../channels/web/",
                                                                                          "#tp-t1"]
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


# -- filters and sorting, played in a real browser ------------------------------------------------------------

@pytest.fixture(scope="module")
def steering_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hand-computed site of test_steering, with Material's instant navigation, served with the
    test harness (tests/browser/harness.html) beside it, on the same origin."""
    from conftest import write_site
    from test_steering import CONFIG, SITE
    root = tmp_path_factory.mktemp("steering")
    with static_server(root / "site") as base:  # its address first: the site's URL names it
        config = (CONFIG.replace("  language: fr\n", "  language: fr\n  features: [navigation.instant]\n")
                  .replace("plugins:\n", "plugins:\n  - search\n") + f"site_url: {base}\n")
        write_site(root, SITE, config)
        build_with_harness(root)
        yield base


def play(base: str, *steps: dict, budget: int = 15000, window: int = 1400) -> list[dict]:
    """What the harness saw playing ``steps`` on the site at ``base`` (one dict per ``report`` step), within
    ``budget`` ms of the browser's virtual time, in a window ``window`` pixels wide."""
    dom = run_chromium(f"--window-size={window},1000", f"--virtual-time-budget={budget}", "--dump-dom",
                       base + "harness.html?steps=" + quote(json.dumps(steps))).stdout.decode("utf-8")
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and not found.group(1).startswith(("pending", "ERROR")), found.group(1) if found else dom[-2000:]
    return json.loads(html.unescape(found.group(1)))


def chantiers_shown(report: dict) -> list[str]:
    return [urlsplit(item["href"]).path.rstrip("/").rsplit("/", 1)[-1] for item in report["items"]]


ROWS = "#js-chantiers tbody tr"


def test_filters_show_what_they_choose_and_live_in_the_url(steering_site: str) -> None:
    everything, done, shared, reset = play(
        steering_site,
        {"open": "chantiers/"}, {"report": ROWS},
        {"select": "#js-chantiers select[name=status]", "value": "done"}, {"report": ROWS},
        {"open": "chantiers/?department=magasins&quadrant=thankless"}, {"report": ROWS},
        {"click": "#js-chantiers button[type=reset]"}, {"wait": 200}, {"report": ROWS})
    assert chantiers_shown(everything) == ["c-done", "c-fin", "c-live", "c-idea", "c-drop"]  # the default order
    assert everything["bars"] == [{"shown": True, "count": "5 affichés sur 5", "unknown": ""}]
    assert (chantiers_shown(done), done["url"]) == (["c-done", "c-fin"], "/chantiers/?status=done")
    assert done["bars"][0]["count"] == "2 affichés sur 5"
    # a link shares a filtered view: the filters read it back, and show it
    assert chantiers_shown(shared) == ["c-live"] and shared["bars"][0]["count"] == "1 affiché sur 5"
    assert (shared["controls"]["department"], shared["controls"]["quadrant"]) == ("magasins", "thankless")
    assert (len(chantiers_shown(reset)), reset["url"]) == (5, "/chantiers/")


def test_a_link_may_name_a_filter_value_as_people_write_it_and_an_unknown_one_is_said(steering_site: str) -> None:
    named, unknown, chosen = play(
        steering_site,
        {"open": "chantiers/?department=dsi&status=Livr%C3%A9"}, {"report": ROWS},  # an alias; a label, any case
        {"open": "chantiers/?department=informatique&status=DONE"}, {"report": ROWS},
        {"select": "#js-chantiers select[name=department]", "value": "digital"}, {"report": ROWS})
    assert (named["controls"]["department"], named["controls"]["status"]) == ("digital", "done")
    assert chantiers_shown(named) == ["c-done", "c-fin"] and named["bars"][0]["unknown"] == ""
    assert (unknown["controls"]["department"], unknown["controls"]["status"]) == ("", "done")
    assert unknown["bars"][0]["unknown"] == ("Ce lien donne au filtre «\u00a0Direction\u00a0» la valeur "
                                             "«\u00a0informatique\u00a0», qui ne figure pas parmi ses choix\u00a0: "
                                             "ce filtre est ignoré.")
    assert chosen["bars"][0]["unknown"] == ""  # once a filter is chosen, the link's value is past


def test_sorting_by_a_column_keeps_the_filter(steering_site: str) -> None:
    budget = "#js-chantiers thead th:nth-child(7) button"  # Rang, Chantier, Statut, Direction, Responsable, Livraison, Budget
    up, down, filtered = play(
        steering_site, {"open": "chantiers/"}, {"click": budget}, {"report": ROWS}, {"click": budget},
        {"report": ROWS}, {"select": "#js-chantiers select[name=status]", "value": "done"}, {"report": ROWS})
    # budgets: c-idea 20 000, c-live 50 000, c-done 100 000, c-drop 999 999, c-fin none (last both ways)
    assert chantiers_shown(up) == ["c-idea", "c-live", "c-done", "c-drop", "c-fin"]
    assert ["Budget", "ascending"] in up["sorted"]
    assert chantiers_shown(down) == ["c-drop", "c-done", "c-live", "c-idea", "c-fin"]
    assert chantiers_shown(filtered) == ["c-done", "c-fin"]


def spaces(text: str) -> str:
    return re.sub(r"\s", " ", text)


CARDS = "#js-roadmap .js-roadmap-card"


def test_roadmap_shows_dropped_chantiers_on_demand_and_sums_what_is_shown(steering_site: str) -> None:
    default, dropped, digital = play(
        steering_site, {"open": "roadmap/"}, {"report": CARDS},
        {"check": "#js-roadmap input[name=dropped]", "value": True}, {"report": CARDS},
        {"check": "#js-roadmap input[name=dropped]", "value": False},
        {"select": "#js-roadmap select[name=department]", "value": "digital"}, {"report": CARDS})
    assert sorted(i["id"] for i in default["items"]) == ["js-roadmap-c-done", "js-roadmap-c-fin", "js-roadmap-c-idea",
                                                         "js-roadmap-c-live"]
    assert "js-roadmap-c-drop" in [i["id"] for i in dropped["items"]] and dropped["url"] == "/roadmap/?dropped=1"
    assert sorted(i["id"] for i in digital["items"]) == ["js-roadmap-c-done", "js-roadmap-c-fin"]
    sums = {key: spaces(value) for key, value in digital["sums"]}
    # only the digital lane is left: its 2026 budget is c-done's (c-fin has none), and the year's too
    assert sums["department=digital"] == sums[""] == "100 000 CHF"
    assert sums["quarter=2026-q1"] == "–" and sums["quarter=2026-q2"] == "100 000 CHF"
    assert "department=magasins" not in sums  # its lane is hidden


def test_pains_and_journeys_filter_by_their_own_columns(steering_site: str) -> None:
    pains, journeys = play(
        steering_site, {"open": "pains/?channel=web"}, {"report": "#js-pains-ranking tbody tr"},
        {"open": "journeys/?tag=grand-public"}, {"report": "#js-journeys tbody tr"})
    assert [urlsplit(i["href"]).path for i in pains["items"]] == ["/journeys/achat/"]  # t1, the only web pain
    assert [i["channel"] for i in pains["items"]] == ["web"]
    assert [urlsplit(i["href"]).path for i in journeys["items"]] == ["/journeys/achat/"]


def test_filters_and_sorting_survive_instant_navigation(steering_site: str) -> None:
    before, after = play(
        steering_site, {"open": "./"}, {"mark": True}, {"report": "body"},
        {"click": "a.md-nav__link[href$='chantiers/']"}, {"until": {"title": "Chantiers", "selector": ROWS}},
        {"wait": 500}, {"report": ROWS})
    assert before["marked"] and after["marked"], "the page was loaded anew: no instant navigation happened"
    assert after["url"] == "/chantiers/" and after["title"].startswith("Chantiers")  # the page's content came in
    assert after["bars"][0]["shown"] and after["buttons"] > 0 and len(chantiers_shown(after)) == 5


def test_instant_navigation_reaches_pages_with_charts(steering_site: str) -> None:
    # Material rewrites each [href] of the page it brings in; an SVG's href is read-only, so the charts
    # write xlink:href (render/svg.py), or the page would never show
    journey, = play(steering_site, {"open": "journeys/"}, {"mark": True}, {"click": "#js-journeys a[href$='achat/']"},
                    {"until": {"title": "Acheter", "selector": ".js-curve-svg"}}, {"report": ".js-curve-svg"})
    assert journey["marked"] and journey["url"] == "/journeys/achat/"
    assert journey["title"].startswith("Acheter") and len(journey["items"]) == 1


def test_without_javascript_tables_are_complete_in_their_order_and_filters_hidden(steering_site: str) -> None:
    # a frame sandboxed without scripts: the page as a browser with JavaScript off shows it, link and all
    chantiers, roadmap = play(
        steering_site, {"open": "chantiers/?status=done", "scripts": False}, {"report": ROWS},
        {"open": "roadmap/?dropped=1", "scripts": False}, {"report": CARDS})
    assert chantiers_shown(chantiers) == ["c-done", "c-fin", "c-live", "c-idea", "c-drop"]  # all, by priority
    assert chantiers["bars"] == [{"shown": False, "count": "", "unknown": ""}] and chantiers["buttons"] == 0  # no script ran
    # the roadmap shows every live chantier; dropped ones stay hidden (they need the script's checkbox)
    assert sorted(i["id"] for i in roadmap["items"]) == ["js-roadmap-c-done", "js-roadmap-c-fin",
                                                         "js-roadmap-c-idea", "js-roadmap-c-live"]


def test_the_roadmap_prints_a_landscape_page_per_year(steering_site: str) -> None:
    # 2026, and the unscheduled chantiers (2027 holds only a dropped chantier: hidden, not printed)
    pages = printed_page_sizes(steering_site + "roadmap/")
    assert len(pages) == 2 and all(width > height for width, height in pages)


# -- a site built from untrusted contributions, as `mkdocs serve` shows it with its errors --------

SEARCH_WORKER = next((Path(material.__file__).parent / "templates/assets/javascripts/workers").glob("search.*.min.js"))
# Material's configuration as an author could write it: the search's message for a missing term runs script.
TAKEOVER = json.dumps({"base": "..", "features": [], "search": f"../assets/javascripts/workers/{SEARCH_WORKER.name}",
                       "translations": {"search.result.term.missing": "&lt;img src=x onerror&#61;document.body"
                                        ".setAttribute('data-pwned','config')&gt;"}})
UNTRUSTED_CONFIG = FORMAT_CONFIG.replace("  - journeysite:\n", "  - journeysite:\n      raw_html: false\n") + \
    "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - fenced_code\n"
UNTRUSTED = {
    **FORMAT_SITE,
    # theme keys of every wrong shape: left out of the page
    "docs/personas/lea.md": "---\ntype: persona\nname: Léa\ndescription: [" + yaml_text(BREAKOUT) + "]\n"
                            "subtitle: {x: " + yaml_text(BREAKOUT) + "}\nhide: 5\ntemplate: [1, 2]\nicon: [x]\n"
                            "search: [" + yaml_text(PAYLOAD) + "]\n---\nLéa.\n",
    # an item's body: raw HTML, a script link, an event handler through attr_list
    "docs/chantiers/evil.md": "---\ntype: chantier\ntitle: Evil\n---\n" + PAYLOAD + "\n\n"
                              "[lien](javascript:document.body.setAttribute('data-pwned','link'))\n\n"
                              "Paragraphe\n{: onmouseover=\"document.body.setAttribute('data-pwned','attr')\" }\n\n"
                              "## Titre " + PAYLOAD + "\n\nTexte.\n",
    "docs/heading.md": "# Titre " + PAYLOAD + "\n\n## Section " + PAYLOAD + "\n\nTexte.\n",
    # an author's own page: raw HTML, md_in_html, a script link, front matter the theme prints
    "docs/notes.md": "---\ntitle: " + yaml_text(BREAKOUT) + "\ndescription: " + yaml_text(BREAKOUT) + "\n"
                     "author: " + yaml_text(BREAKOUT) + "\n---\n# Notes\n\n" + PAYLOAD + "\n\n"
                     "<div markdown>\n" + PAYLOAD + "\n</div>\n\n"
                     "[x](JaVaScRiPt:document.body.setAttribute('data-pwned','link'))\n\n"
                     "::: journeysite curve journey=achat\n",
    # Material's configuration taken over through attribute lists (its search shows a translation as HTML):
    # an id set outright, with an entity, on a fenced code block; a heading whose id would be the same
    **{f"docs/config{n}.md": "# Config\n\n" + body for n, body in enumerate([
        TAKEOVER + '\n{: id="__config" }\n', TAKEOVER + '\n{: id="&#95;_config" }\n',
        "```{ #__config }\n" + TAKEOVER + "\n```\n", "## __config\n\n" + TAKEOVER + "\n"])},
    "docs/attrs.md": "# Attributs\n\nParagraphe\n{: data-md-component=\"search\" style=\"position:fixed\" "
                     "&#111;nclick=\"x\" }\n\n```{ .py onclick=\"document.body.setAttribute('data-pwned','fence')\" }\n"
                     "x = 1\n```\n",
    # files published as they are: a page with a script, an image with an event handler; and an image
    "docs/report.html": "<!doctype html><title>R</title>" + PAYLOAD,
    "docs/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "docs/fine.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>',
    # a plugin that fails on every journey page: only its view is lost
    "plugins/crash.py": "from journeysite import hookimpl\n\n@hookimpl\ndef journeysite_page_views(page):\n"
                        "    raise RuntimeError('boom')\n",
}


@pytest.fixture(scope="module")
def untrusted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import write_site
    from test_mkdocs_serve import serving
    root = write_site(tmp_path_factory.mktemp("untrusted"), UNTRUSTED, UNTRUSTED_CONFIG)
    secret = root.parent / "secret"
    secret.mkdir()
    (secret / "id_rsa.txt").write_text("secret", encoding="utf-8")
    (root / "docs/photo.txt").symlink_to(secret / "id_rsa.txt")
    (root / "docs/shared").symlink_to(secret)
    (root / "docs/loop").symlink_to(root / "docs")
    with serving(root, "--no-livereload") as base:  # its long poll would keep Chromium waiting
        yield base


@pytest.mark.parametrize("url", ["personas/lea/", "chantiers/evil/", "notes/", "heading/", "journeys/achat/"])
def test_nothing_an_untrusted_author_writes_runs_under_serve(untrusted_site: str, url: str) -> None:
    dom = dump_dom(untrusted_site + url)
    banners = [a for tag, a in parse(dom).tags if tag == "div" and a.get("class") == "js-problems-banner"]
    assert "data-md-component" in dom and banners  # served, with its problems (journeysite's HTML kept)
    assert "data-pwned" not in body_attrs(dom), url
    assert "onerror" not in "".join(str(a) for tag, a in parse(dom).tags if tag == "img")


@pytest.mark.parametrize("page", ["config0", "config1", "config2", "config3"])
def test_an_author_cannot_take_materials_configuration_over(untrusted_site: str, page: str) -> None:
    """An element of the page whose id is __config (before Material's own) would be read as Material's
    configuration: searching (a link with ?q=) would run the script of its translations."""
    from test_mkdocs_serve import fetch
    dom = dump_dom(untrusted_site + page + "/?q=journey%20zzzqqq")
    assert "data-md-component" in dom and "data-pwned" not in body_attrs(dom), page
    # as Material reads it, before it renames a code block's id
    assert [tag for tag, a in parse(fetch(untrusted_site + page + "/")).tags if a.get("id") == "__config"] == ["script"]


def test_attribute_lists_set_only_harmless_attributes_under_serve(untrusted_site: str) -> None:
    tags = parse(dump_dom(untrusted_site + "attrs/")).tags
    article = [(tag, a) for tag, a in tags if tag in ("p", "pre", "code")]
    assert not any(name.startswith(("on", "data-md", "style")) for tag, a in article for name in a), article


def test_the_problems_page_lists_them_under_serve(untrusted_site: str) -> None:
    dom = dump_dom(untrusted_site + "journeysite-problems/")
    items = [a for tag, a in parse(dom).tags if tag == "li" and "js-problem" in (a.get("class") or "")]
    assert len(items) > 5 and "data-pwned" not in body_attrs(dom)


@pytest.mark.parametrize("url", ["photo.txt", "shared/id_rsa.txt", "loop/index.html", "loop/loop/notes/"])
def test_no_file_from_outside_the_docs_folder_is_served(untrusted_site: str, url: str) -> None:
    import urllib.error
    import urllib.request
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(untrusted_site + url, timeout=10)
    assert refused.value.code == 404


def test_files_that_could_run_script_are_not_served(untrusted_site: str) -> None:
    import urllib.error
    import urllib.request
    for url in ("report.html", "evil.svg"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(untrusted_site + url, timeout=10)
        assert refused.value.code == 404, url
    assert urllib.request.urlopen(untrusted_site + "fine.svg", timeout=10).status == 200
    assert "data-pwned" not in body_attrs(dump_dom(untrusted_site + "report.html"))


def test_a_failing_plugin_under_serve_loses_only_its_view(untrusted_site: str) -> None:
    dom = dump_dom(untrusted_site + "journeys/achat/")
    assert any(tag == "table" and "js-matrix" in (a.get("class") or "") for tag, a in parse(dom).tags)
    notes = dump_dom(untrusted_site + "notes/")
    assert 'class="js-curve' in notes  # a view embedded in an author's page is journeysite's: kept as HTML


# -- Material's tooltips: a title's text is shown as text ------------------------------------------------------

def mark(name: str) -> str:
    """HTML that, if it ever ran, would add the class ``pwn-NAME`` to the page (the harness's "pwned")."""
    return f"<img src=x onerror=document.documentElement.classList.add('pwn-{name}')>"


def entities(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


TOOLTIP_CONFIG = UNTRUSTED_CONFIG.replace("  font: false\n", "  font: false\n  features: [content.tooltips]\n") \
    .replace("site_name: Format site\n",  # texts Material prints in every page (header, <title>, <meta>, footer)
             "site_name: " + yaml_text("Format " + mark("site")) + "\nsite_description: " + yaml_text(
                 '"><img src=x onerror=document.documentElement.classList.add("pwn-description")>') + "\n"
             "copyright: " + yaml_text("&copy; " + mark("copyright")) + "\n") \
    .replace("        - {id: chat, label: Chat en ligne}\n",
             "        - {id: chat, label: " + yaml_text("Chat " + mark("channel")) + "}\n"
             "      emotions:\n"
             "        - {id: enchantement, label: " + yaml_text("Enchantement " + mark("emotion")) + ", score: 2}\n"
             "        - {id: plaisir, label: " + yaml_text("Plaisir " + mark("emotion")) + ", score: 1}\n"
             "        - {id: satisfaction, label: Satisfaction, score: 0}\n"
             "        - {id: deception, label: " + yaml_text("Déception " + mark("emotion")) + ", score: -1}\n"
             "        - {id: irritant, label: " + yaml_text("Irritant " + mark("emotion")) + ", score: -2}\n") \
    .replace("  - md_in_html\n", "  - md_in_html\n  - abbr\n") + \
    "repo_url: https://github.com/acme/cx\nedit_uri: edit/main/docs/\n"
TOOLTIP_SITE = {
    **FORMAT_SITE,
    # raw_html: false, and still a title holding HTML: written with entities, in a link's title and an abbreviation
    "docs/tip.md": "# Tip\n\n[survol](https://ok.example \"" + entities(mark("link")) + "\")\n\n"
                   "*[ABBR]: " + entities(mark("abbr")) + "\n\nABBR ici.\n",
    # a file name that is HTML: the edit link's title names the file
    "docs/personas/" + mark("path").replace("/", "") + ".md": "---\ntype: persona\nid: pathx\nname: Path\n---\n",
}


@pytest.fixture(scope="module")
def tooltip_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose titles hold HTML (authors' Markdown, a file name, the referential's labels), with
    Material's content.tooltips, served with the test harness beside it."""
    from conftest import write_site
    root = write_site(tmp_path_factory.mktemp("tooltips"), TOOLTIP_SITE, TOOLTIP_CONFIG)
    build_with_harness(root)
    with static_server(root / "site") as base:
        yield base


@pytest.mark.parametrize("url, marks", [
    ("tip/", ["link", "abbr"]), ("personas/pathx/", ["path"]), ("heatmap/", ["emotion"]),
    ("channels/", ["emotion"]), ("journeys/achat/", ["site"]), ("personas/quentin/", ["site"])])
def test_a_title_holding_html_shows_as_text_in_materials_tooltips(tooltip_site: str, url: str,
                                                                   marks: list[str]) -> None:
    """Material writes a title into its tooltip as HTML: what the title says must be shown, never run."""
    hovered, = play(tooltip_site, {"open": url}, {"wait": 800}, {"hover": "[title]"}, {"report": "body"},
                     budget=120000)
    assert hovered["pwned"] == [], url
    shown = " ".join(hovered["tooltips"])
    for name in marks:  # each was hovered, and its tooltip shows the HTML as text
        assert f"pwn-{name}" in shown, (url, hovered["tooltips"])
