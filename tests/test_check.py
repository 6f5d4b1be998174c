"""``journeysite check`` validates without rendering pages, and finds every problem ``mkdocs build`` finds."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from journeysite import build as build_module
from journeysite.build import build_site
from journeysite.cli import main
from journeysite.config import read_site_config
from sites import FORMAT_CONFIG, FORMAT_SITE

DEMO = Path(__file__).resolve().parents[1]

BROKEN_VIEW = """\
from journeysite import hookimpl


@hookimpl
def journeysite_page_views(page):
    if page.kind == "chantier":
        raise RuntimeError("this view is broken")
    return []
"""
PICKY_CHECK = """\
from journeysite import hookimpl
from journeysite.problems import Problem


@hookimpl
def journeysite_validate(site):
    return [Problem(j.location.path, j.location.at("title"), "titles end without a full stop", "warning")
            for j in site.journeys.values() if not j.title.endswith(".")]
"""


def with_mistakes() -> dict[str, str]:
    """The format site with a mistake of every kind a build finds: in files, across files, in directives
    (an item's body and an ordinary page), a plugin's check, a page over a generated one."""
    files = dict(FORMAT_SITE)
    files["docs/parcours/achat.md"] = files["docs/parcours/achat.md"].replace("channel: chat", "channel: chatt") \
        .replace("Parcours observé en 2026.", "Parcours observé en 2026.\n\n        ::: journeysite matrix journey=achatt")
    files["docs/chantiers/fiche-client.md"] = files["docs/chantiers/fiche-client.md"].replace(
        "depends_on: [referentiel-client]", "depends_on: [referentiel]")
    files["docs/synthese.md"] = "# Synthèse\n\n::: journeysite curve\n\n::: journeysite nothing journey=achat\n"
    files["docs/journeys/index.md"] = "# Mes parcours\n"
    files["plugins/picky.py"] = PICKY_CHECK
    return files


def problems(root: Path, **options: bool) -> list[str]:
    return [str(p) for p in build_site(read_site_config(root / "mkdocs.yml"), **options).problems]


@pytest.mark.parametrize("plugins", [{}, {"plugins/broken.py": BROKEN_VIEW}], ids=["", "failing plugin view"])
def test_check_finds_the_problems_a_build_finds(make_site, plugins: dict[str, str]) -> None:
    root = make_site({**with_mistakes(), **plugins}, FORMAT_CONFIG)
    found = problems(root, render=False)
    assert found == problems(root, stash_views=True) == problems(root)
    expected = [("docs/parcours/achat.md:30: ", "chatt"), ("docs/parcours/achat.md:44: ", "achatt"),
                ("docs/synthese.md:3: ", "curve"), ("docs/synthese.md:5: ", "nothing"),
                ("docs/chantiers/fiche-client.md:11: ", "referentiel"),
                ("docs/journeys/index.md:1: ", "journeys/index.html"),  # the page over a generated one
                ("docs/parcours/achat.md:3: ", "titles end without a full stop")]  # the local plugin's check
    failed = [line for line in found if "this view is broken" in line]
    assert len(failed) == (1 if plugins else 0), found
    for start, word in expected:  # a failing plugin costs only its own contribution
        assert any(line.startswith(start) and word in line for line in found), (start, found)


@pytest.mark.parametrize("site", ["demo", "format"])
def test_check_and_build_agree_on_sites_without_mistakes(make_site, site: str) -> None:
    root = DEMO if site == "demo" else make_site(FORMAT_SITE, FORMAT_CONFIG)
    assert problems(root, render=False) == problems(root, stash_views=True)


def test_check_renders_no_page(make_site, monkeypatch, capsys) -> None:
    root = make_site(with_mistakes(), FORMAT_CONFIG)

    def no_rendering(*args, **kwargs):
        raise AssertionError("journeysite check rendered a page")

    monkeypatch.setattr(build_module, "render_page", no_rendering)
    assert main(["check", str(root)]) == 1
    assert build_site(read_site_config(root / "mkdocs.yml"), render=False).pages == []
    assert "docs/synthese.md:5: " in capsys.readouterr().err


def test_journeysite_check_and_mkdocs_build_print_the_same_problems(make_site) -> None:
    root = make_site(with_mistakes(), FORMAT_CONFIG)
    env = {**os.environ, "NO_COLOR": "1"}
    check = subprocess.run([sys.executable, "-m", "journeysite", "check", "."], cwd=root, capture_output=True,
                           text=True, env=env, timeout=300)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True, text=True,
                           env=env, timeout=300)
    assert check.returncode == build.returncode == 1
    checked = [line for line in check.stderr.splitlines() if re.match(r"\S+:\d+: ", line)]
    built = [line.strip() for line in build.stderr.splitlines() if re.match(r"\s+\S+:\d+: ", line)]
    assert checked and checked == built


def test_check_without_graphviz_counts_the_diagrams_a_build_would_not_draw(make_site, monkeypatch) -> None:
    import journeysite.diagrams
    monkeypatch.setattr(journeysite.diagrams, "find_dot", lambda: None)
    monkeypatch.setattr(build_module, "find_dot", lambda: None)
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    found = problems(root, render=False)
    assert found == problems(root, stash_views=True)
    assert any("Graphviz" in line for line in found)
