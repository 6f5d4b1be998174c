"""Real ``mkdocs build`` runs on small sites, with the HTML parsed."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from htmltools import crawl, page_file, parse
from sites import FORMAT_CONFIG, FORMAT_SITE


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True,
                          text=True, env=env, timeout=300)


def plain(text: str) -> str:
    """French typography's non-breaking spaces as spaces (test_french.py checks them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def logged_warnings(log: str) -> list[str]:
    """MkDocs' warning lines (``WARNING -  ...``), not the word in a notice such as Material's."""
    return re.findall(r"^WARNING\s+-.*$", log, re.M)


@pytest.fixture(scope="module")
def format_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import write_site
    root = write_site(tmp_path_factory.mktemp("format"), FORMAT_SITE, FORMAT_CONFIG)
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    assert not logged_warnings(result.stderr), result.stderr
    return root


def test_format_site_builds_with_every_item_reachable_from_home(format_site: Path) -> None:
    reached = crawl(format_site / "site")
    expected = {"personas/quentin/", "personas/lea/", "journeys/achat/", "journeys/achat-cible/",
                "chantiers/fiche-client/", "chantiers/referentiel-client/", "chantiers/fiches-conseils/",
                "channels/web/", "channels/magasin/", "channels/telephone/", "channels/chat/",
                "personas/", "journeys/", "chantiers/", "channels/"}
    assert expected <= reached, expected - reached


def test_item_pages_live_at_urls_derived_from_ids(format_site: Path) -> None:
    site = format_site / "site"
    assert (site / "journeys/achat/index.html").is_file()
    assert not (site / "parcours").exists()  # the source folder does not leak into URLs
    assert (site / "channels/magasin/index.html").is_file()


def test_author_body_comes_before_generated_views(format_site: Path) -> None:
    html = page_file(format_site / "site", "journeys/achat/").read_text(encoding="utf-8")
    assert html.index("Parcours observé en 2026.") < html.index('id="tp-t1"')


def test_custom_channel_list_replaces_default(format_site: Path) -> None:
    html = page_file(format_site / "site", "channels/").read_text(encoding="utf-8")
    text = " ".join(parse(html).text)
    assert "Chat en ligne" in text
    assert "Courrier" not in text  # a default channel the custom list leaves out


def test_item_pages_are_out_of_the_navigation_and_indexes_in_it(format_site: Path) -> None:
    html = page_file(format_site / "site", "").read_text(encoding="utf-8")
    nav_links = {a.get("href") for tag, a in parse(html).tags if tag == "a" and "md-nav__link" in (a.get("class") or "")}
    assert "personas/" in nav_links and "journeys/" in nav_links
    assert not any(link and link.startswith("journeys/achat") for link in nav_links)


def toc_shown(site_dir: Path, url: str) -> bool:
    """Whether Material shows the table of contents' column on the page at ``url``."""
    sidebars = [a for tag, a in parse(page_file(site_dir, url).read_text(encoding="utf-8")).tags
                if tag == "div" and a.get("data-md-type") == "toc"]
    assert len(sidebars) == 1, url
    return "hidden" not in sidebars[0]


def test_maps_and_wide_tables_take_the_width_of_the_table_of_contents(format_site: Path) -> None:
    site = format_site / "site"
    for url in ("journeys/achat/", "journeys/", "chantiers/", "personas/", "channels/", "pains/"):
        assert not toc_shown(site, url), url
    for url in ("personas/quentin/", "chantiers/fiche-client/", "heatmap/"):  # pages with sections
        assert toc_shown(site, url), url


def test_errors_fail_the_build_listing_every_problem_and_leave_the_previous_site(make_site) -> None:
    root = make_site({
        "docs/index.md": "# Home\n",
        "docs/a.md": "---\ntype: journey\ntitle: A\npersona: nobody\ntouchpoints:\n  - id: t1\n    stage: achat\n"
                     "    channel: webb\n    action: Je paie\n---\n",
        "docs/b.md": "---\ntype: persona\nname: [unclosed\n---\n",
        "docs/c.md": "---\ntype: chantierr\ntitle: C\n---\n",
    })
    previous = root / "site" / "marker.txt"
    previous.parent.mkdir()
    previous.write_text("previous build")
    result = mkdocs(root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    expected = ["docs/b.md:3:7: le « [ » ouvert ici n'est jamais fermé", "docs/c.md:2: type inconnu « chantierr »",
                "docs/a.md:8: le point de contact « t1 » cite le canal « webb »", "docs/a.md:4: "]
    positions = [plain(result.stderr).find(line) for line in expected]
    assert -1 not in positions and positions == sorted(positions), result.stderr  # what broke first
    assert previous.read_text() == "previous build"


def test_failing_build_lists_warnings_too(make_site) -> None:
    root = make_site({"docs/index.md": "# Home\n",
                      "docs/p.md": "---\ntype: persona\nname: P\nsegmnt: typo\nchannels: [webb]\n---\n"})
    result = mkdocs(root)
    assert result.returncode == 1
    assert "journeysite a trouvé 1 erreur et 1 avertissement ; rien n'a été écrit :\n" \
           "  docs/p.md:4: avertissement : clé inconnue « segmnt » dans le persona (vouliez-vous dire « segment » ?)\n" \
           "  docs/p.md:5: le persona « p » cite le canal « webb »" in plain(result.stderr), result.stderr


def test_warnings_fail_only_strict(make_site) -> None:
    root = make_site({"docs/index.md": "# Home\n",
                      "docs/p.md": "---\ntype: persona\nname: P\nsegmnt: typo\n---\n"})
    assert mkdocs(root).returncode == 0
    strict = mkdocs(root, "--strict")
    assert strict.returncode == 1
    assert "docs/p.md:4: avertissement : clé inconnue « segmnt » dans le persona (vouliez-vous dire « segment » ?)" \
        in plain(strict.stderr)


def test_plugin_options_are_checked_by_journeysite_with_every_other_problem(make_site) -> None:
    config = "site_name: T\ndocs_dir: docs\ntheme:\n  name: material\nplugins:\n  - journeysite:\n" \
             "      colour: red\n      channels: web\n"
    root = make_site({"docs/index.md": "# Home\n", "docs/p.md": "---\ntype: persona\nname: P\nsegmnt: typo\n---\n"},
                     config)
    result = mkdocs(root, "--strict")
    assert result.returncode == 1
    for expected in ("mkdocs.yml:8: 'channels' must be a non-empty list of {id, label} items",
                     "mkdocs.yml:7: warning: unknown key 'colour' in the journeysite plugin's options",
                     "docs/p.md:4: warning: unknown key 'segmnt' in persona"):
        assert expected in result.stderr, result.stderr
    # MkDocs' own checks would stop first, without a line, or abort --strict on its own warning
    assert "Expected type" not in result.stderr and "Unrecognised configuration name" not in result.stderr


def test_english_site_gets_english_labels(make_site) -> None:
    config = FORMAT_CONFIG.replace("language: fr", "language: en")
    root = make_site(FORMAT_SITE, config)
    assert mkdocs(root, "--strict").returncode == 0
    text = " ".join(parse(page_file(root / "site", "journeys/").read_text(encoding="utf-8")).text)
    assert "Journeys" in text and "Parcours" not in text.replace("Parcours observé", "")


def test_user_text_is_escaped_in_every_page(make_site) -> None:
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    root = make_site({
        "docs/index.md": "# Home\n",
        "docs/p.md": f"---\ntype: persona\nname: '{evil}'\nsegment: '{evil}'\nquote: '{evil}'\n---\n",
        "docs/j.md": f"---\ntype: journey\ntitle: '{evil}'\npersona: p\ntouchpoints:\n  - id: t1\n    stage: achat\n"
                     f"    channel: web\n    action: '{evil}'\n    emotion: irritant\n    irritants: ['{evil}']\n"
                     f"    chantiers: [c]\n---\n",
        "docs/c.md": f"---\ntype: chantier\ntitle: '{evil}'\nowner: '{evil}'\ntouchpoints: [j#t1]\n---\n",
    })
    assert mkdocs(root).returncode == 0
    for html_file in (root / "site").rglob("*.html"):
        collector = parse(html_file.read_text(encoding="utf-8"))
        scripts = [a for tag, a in collector.tags if tag == "script" and not a.get("src")]
        bodies = html_file.read_text(encoding="utf-8")
        assert "alert(1)</script>" not in bodies, html_file
        assert not any(tag == "img" and a.get("onerror") for tag, a in collector.tags), html_file
        assert len(scripts) < 10


def test_same_sources_build_the_same_bytes(format_site: Path, tmp_path: Path) -> None:
    first = {p.relative_to(format_site / "site"): p.read_bytes() for p in (format_site / "site").rglob("*") if p.is_file()}
    assert mkdocs(format_site, "--strict").returncode == 0
    second = {p.relative_to(format_site / "site"): p.read_bytes() for p in (format_site / "site").rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_views_reach_the_built_page_whole_and_no_placeholder_is_left(format_site: Path) -> None:
    for html_file in (format_site / "site").rglob("*.html"):
        assert "JOURNEYSITEVIEW" not in html_file.read_text(encoding="utf-8"), html_file
    journey = parse(page_file(format_site / "site", "journeys/achat/").read_text(encoding="utf-8"))
    classes = [a.get("class") or "" for _, a in journey.tags]
    assert "js-matrix" in classes and "js-curve-svg" in classes and "js-journey-header" in " ".join(classes)


def test_mkdocs_validates_links_to_anchors_inside_views(make_site) -> None:
    # the views are put back after Markdown: their ids must still count as the page's anchors
    config = FORMAT_CONFIG + "validation:\n  anchors: warn\n"
    good = make_site({**FORMAT_SITE, "docs/notes.md": "# Notes\n\n[Payer](parcours/achat.md#tp-t3)\n"}, config)
    result = mkdocs(good, "--strict")
    assert result.returncode == 0, result.stderr
    bad = make_site({**FORMAT_SITE, "docs/notes.md": "# Notes\n\n[Payer](parcours/achat.md#tp-nope)\n"}, config)
    result = mkdocs(bad, "--strict")
    assert result.returncode == 1 and "tp-nope" in result.stderr  # the validation is on


def test_search_indexes_a_touchpoint_once_on_its_journey_page(format_site: Path) -> None:
    """Views repeating the touchpoints (matrices, curve, heatmap, pains, channel and chantier tables) are
    left out of Material's search index; the journey page's touchpoints, after them, are in it."""
    docs = json.loads((format_site / "site/search/search_index.json").read_text(encoding="utf-8"))["docs"]
    for action, journey in ((r"le vendeur me reconnaît", "journeys/achat-cible/"),  # matrices, channel, chantier
                            (r"Je paie en caisse(?!,)", "journeys/achat/")):  # also in the pains ranking
        pages = {doc["location"].split("#")[0] for doc in docs if re.search(action, doc["text"])}
        assert pages == {journey}, action
    titles = {doc["title"] for doc in docs}
    assert {"Magasin", "Carte de chaleur"} <= titles  # the pages themselves are still found


def test_built_site_loads_nothing_from_outside(format_site: Path) -> None:
    for html_file in (format_site / "site").rglob("*.html"):
        for tag, attrs in parse(html_file.read_text(encoding="utf-8")).tags:
            source = attrs.get("src") if tag in ("script", "img", "iframe") else \
                attrs.get("href") if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload") else None
            assert not source or not source.startswith(("http:", "https:", "//")), (html_file, tag, source)


def test_directive_embeds_a_view_in_an_ordinary_page(make_site) -> None:
    files = dict(FORMAT_SITE)
    files["docs/synthese.md"] = "# Synthèse\n\n::: journeysite matrix journey=achat\n"
    root = make_site(files, FORMAT_CONFIG)
    result = mkdocs(root, "--strict")
    assert result.returncode == 0, result.stderr
    html = page_file(root / "site", "synthese/").read_text(encoding="utf-8")
    assert "::: journeysite" not in html
    assert any(tag == "table" for tag, _ in parse(html).tags)


def test_bad_directive_is_a_problem_at_its_line(make_site) -> None:
    files = dict(FORMAT_SITE)
    files["docs/synthese.md"] = "# Synthèse\n\nTexte.\n\n::: journeysite matrix journey=achatt\n"
    root = make_site(files, FORMAT_CONFIG)
    result = mkdocs(root)
    assert result.returncode == 1
    assert "docs/synthese.md:5: directive journeysite : " in plain(result.stderr)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_new_site_builds_with_strict_and_reads_in_its_language(tmp_path: Path, language: str) -> None:
    from journeysite.scaffold import create_site
    create_site(tmp_path / "site", language)
    result = mkdocs(tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    assert not logged_warnings(result.stderr), result.stderr
    home = (tmp_path / "site" / "site" / "journeys" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in home
    assert ("Parcours actuel" if language == "fr" else "Current journey") in \
        (tmp_path / "site" / "site" / "journeys" / ("premier-achat-cible" if language == "fr"
                                                     else "first-purchase-target") / "index.html").read_text("utf-8")
