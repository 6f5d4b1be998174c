"""Edit links and last-changed dates at the foot of item pages."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import journeysite.history
from conftest import write_site
from gittools import commit_all, init
from htmltools import page_file, parse
from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.history import EditLinks, last_commit_times
from sites import FORMAT_CONFIG, FORMAT_SITE
from test_mkdocs_build import mkdocs

ITEM_PAGES = ["personas/quentin.md", "personas/lea.md", "journeys/achat.md", "journeys/achat-cible.md",
              "chantiers/fiche-client.md", "chantiers/referentiel-client.md", "chantiers/fiches-conseils.md",
              "channels/magasin.md"]
SOURCES = {"personas/quentin.md": "personas/quentin.md", "journeys/achat.md": "parcours/achat.md",
           "chantiers/fiche-client.md": "chantiers/fiche-client.md", "channels/magasin.md": "canaux/magasin.md"}


def footers(root: Path) -> dict[str, str]:
    """The source line of each page journeysite writes, by page (docs-relative), '' when there is none."""
    result = build_site(read_site_config(root / "mkdocs.yml"))
    assert result.problems == []
    found = {}
    for rendered in result.pages:
        collected = parse(rendered.markdown)
        paragraph = [attrs for tag, attrs in collected.tags if tag == "p" and attrs.get("class") == "js-source"]
        found[rendered.page.doc_path] = rendered.markdown.split('<p class="js-source">', 1)[1].split("</p>")[0] \
            if paragraph else ""
    return found


@pytest.fixture
def history_site(tmp_path: Path) -> Path:
    """The format site in git: everything committed on 5 January 2026, the journey edited on 10 March."""
    root = init(tmp_path / "repo")
    write_site(root, FORMAT_SITE, FORMAT_CONFIG)
    commit_all(root, "journeys", date="2026-01-05T23:30:00-02:00")  # 6 January in UTC
    journey = root / "docs/parcours/achat.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace("Je paie en caisse", "Je règle en caisse"),
                       encoding="utf-8")
    commit_all(root, "edit", date="2026-03-10T09:00:00+01:00")
    return root


def test_each_item_page_says_when_its_file_last_changed(history_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    found = footers(history_site)
    assert 'Dernière modification le <time datetime="2026-03-10">10 mars 2026</time>' == found["journeys/achat.md"]
    for page in ITEM_PAGES:
        if page not in ("journeys/achat.md", "channels/web.md"):
            assert found[page] == 'Dernière modification le <time datetime="2026-01-06">6 janv. 2026</time>', page
    # Pages with no file of their own: a channel of the referential, the indexes.
    assert found["channels/web.md"] == found["journeys/index.md"] == found["heatmap/index.md"] == ""


def test_dates_are_in_the_sites_language(history_site, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    config = history_site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    assert footers(history_site)["journeys/achat.md"] == \
        'Last changed on <time datetime="2026-03-10">Mar 10, 2026</time>'


def test_one_git_call_for_the_whole_site(history_site, monkeypatch):
    for number in range(40):  # many more pages than calls
        (history_site / f"docs/personas/p{number}.md").write_text(f"---\ntype: persona\nname: P{number}\n---\n")
    commit_all(history_site, "forty personas", date="2026-04-01T10:00:00+00:00")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    calls = []
    real = subprocess.Popen

    def counting(command, *args, **kwargs):
        calls.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(journeysite.history.subprocess, "Popen", counting)
    found = footers(history_site)
    git = [c[:5] for c in calls if c[0] == "git"]  # the build runs dot too (its diagrams)
    assert git == [["git", "-c", "core.quotepath=off", "log", "--format=%x01%ct"]]
    assert sum("Dernière modification" in text for text in found.values()) == len(ITEM_PAGES) + 40


def test_the_history_is_read_until_every_file_has_its_date(tmp_path):
    root = init(tmp_path / "repo")
    (root / "a.md").write_text("a")
    commit_all(root, "a", date="2026-01-01T00:00:00+00:00")
    (root / "b.md").write_text("b")
    commit_all(root, "b", date="2026-02-01T00:00:00+00:00")
    (root / "b.md").write_text("b2")
    commit_all(root, "b2", date="2026-03-01T00:00:00+00:00")
    (root / "sub").mkdir()
    (root / "sub" / "c d é.md").write_text("c")
    commit_all(root, "c", date="2026-04-01T00:00:00+00:00")
    assert last_commit_times(root) == {"sub/c d é.md": 1775001600, "b.md": 1772323200, "a.md": 1767225600}
    assert last_commit_times(root / "sub") == {"c d é.md": 1775001600}
    assert last_commit_times(root, ["sub/c d é.md"]) == {"sub/c d é.md": 1775001600}


def test_without_git_the_date_is_source_date_epoch_or_none(make_site, monkeypatch):
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)  # not in a repository
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert footers(root)["journeys/achat.md"] == \
        'Dernière modification le <time datetime="2026-01-01">1er janv. 2026</time>'

    def no_git(*args, **kwargs):
        raise FileNotFoundError("git")

    monkeypatch.setattr(journeysite.history.subprocess, "Popen", no_git)
    assert footers(root)["personas/lea.md"].endswith(">1er janv. 2026</time>")
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert set(footers(root).values()) == {""}


def test_a_file_not_committed_yet_takes_source_date_epoch(history_site, monkeypatch):
    (history_site / "docs/personas/nouveau.md").write_text("---\ntype: persona\nname: Nouveau\n---\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    found = footers(history_site)
    assert found["personas/nouveau.md"].endswith(">1er janv. 2026</time>")
    assert found["journeys/achat.md"].endswith(">10 mars 2026</time>")


@pytest.mark.parametrize("options, expected", [
    ("repo_url: https://github.com/org/cx\nedit_uri: edit/main/docs/\n",
     "https://github.com/org/cx/edit/main/docs/parcours/achat.md"),
    ("repo_url: https://github.com/org/cx\n", "https://github.com/org/cx/edit/master/docs/parcours/achat.md"),
    ("repo_url: https://git.example.com/org/cx/\nedit_uri: -/edit/main/site/docs\n",
     "https://git.example.com/org/cx/-/edit/main/site/docs/parcours/achat.md"),
    ("repo_url: https://git.example.com/org/cx\nedit_uri_template: 'src/main/docs/{path!q}?mode=edit'\n",
     "https://git.example.com/org/cx/src/main/docs/parcours%2Fachat.md?mode=edit"),
    ("repo_url: https://git.example.com/org/cx\n", None),  # not a host MkDocs knows: no edit_uri, no link
    ("repo_url: https://github.com/org/cx\nedit_uri: ''\n", None),
    ("", None),
])
def test_edit_links_follow_mkdocs_rules(make_site, options, expected, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = make_site(FORMAT_SITE, options + FORMAT_CONFIG)
    footer = footers(root)["journeys/achat.md"]
    links = [attrs for tag, attrs in parse(footer).tags if tag == "a"]
    if expected is None:
        assert links == []
    else:
        assert links == [{"href": expected, "rel": "edit", "title": "parcours/achat.md", "class": "js-edit"}]
        assert "Modifier la source de cette page" in footer


def test_edit_link_escapes_the_url():
    assert EditLinks("https://x.example/a", "edit/main/").url('docs/"quoted".md') == \
        'https://x.example/a/edit/main/docs/%22quoted%22.md'
    name = 'personas/été 2026/my file#1?&x="y".md'
    encoded = "personas/%C3%A9t%C3%A9%202026/my%20file%231%3F%26x%3D%22y%22.md"
    assert EditLinks("https://x.example/a", "edit/main/docs/").url(name) == \
        "https://x.example/a/edit/main/docs/" + encoded
    assert EditLinks("https://x.example/a", None, "src/main/docs/{path}?mode=edit").url(name) == \
        f"https://x.example/a/src/main/docs/{encoded}?mode=edit"
    assert EditLinks("https://x.example/a", None, "src/{path_noext}.md?p={path!q}").url(name) == \
        f"https://x.example/a/src/{encoded}?p=" + encoded.replace("/", "%2F")
    assert EditLinks(None, "edit/main/").url("a.md") is None  # a relative link would lead nowhere


def test_edit_links_of_a_file_name_with_url_characters(tmp_path):
    """Material's button and journeysite's link both keep the whole name in the path, percent-encoded."""
    config = FORMAT_CONFIG.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    root = write_site(tmp_path / "site", FORMAT_SITE,
                      "repo_url: https://github.com/org/cx\nedit_uri: edit/main/docs/\n" + config)
    folder = root / "docs/personas/été 2026"
    folder.mkdir()
    quentin = root / "docs/personas/quentin.md"
    (folder / 'my file#1?&x="y".md').write_text(quentin.read_text(encoding="utf-8").replace(
        "type: persona\n", "type: persona\nid: quentin\n", 1), encoding="utf-8")
    quentin.unlink()
    build = mkdocs(root, "--strict")
    assert build.returncode == 0, build.stderr
    tags = parse(page_file(root / "site", "personas/quentin/").read_text(encoding="utf-8")).tags
    edits = [attrs["href"] for tag, attrs in tags if tag == "a" and attrs.get("rel") == "edit"]
    assert edits == ["https://github.com/org/cx/edit/main/docs/personas/%C3%A9t%C3%A9%202026/"
                     "my%20file%231%3F%26x%3D%22y%22.md"] * 2


def test_an_uncommitted_file_has_no_date_in_a_mkdocs_build(history_site, monkeypatch):
    """MkDocs' sitemap takes the sources' date (journeysite sets SOURCE_DATE_EPOCH for it); a file's date never."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("JOURNEYSITE_SOURCE_DATE_EPOCH", raising=False)
    (history_site / "docs/personas/nouveau.md").write_text("---\ntype: persona\nname: Nouveau\n---\n")
    build = mkdocs(history_site, "--strict")
    assert build.returncode == 0, build.stderr
    new = page_file(history_site / "site", "personas/nouveau/").read_text(encoding="utf-8")
    old = page_file(history_site / "site", "personas/quentin/").read_text(encoding="utf-8")
    assert "Dernière modification" not in new and "<time" not in new
    assert 'Dernière modification le <time datetime="2026-01-06">' in old


def test_materials_edit_button_and_journeysites_link_lead_to_the_same_file(tmp_path):
    config = FORMAT_CONFIG.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    root = write_site(tmp_path / "site", FORMAT_SITE,
                      "repo_url: https://github.com/org/cx\nedit_uri: edit/main/docs/\n" + config)
    build = mkdocs(root, "--strict")
    assert build.returncode == 0, build.stderr
    site = root / "site"
    for url, source in [("personas/quentin/", "personas/quentin.md"), ("journeys/achat/", "parcours/achat.md"),
                        ("chantiers/fiche-client/", "chantiers/fiche-client.md"), ("channels/magasin/", "canaux/magasin.md")]:
        tags = parse(page_file(site, url).read_text(encoding="utf-8")).tags
        edits = [attrs["href"] for tag, attrs in tags if tag == "a" and attrs.get("rel") == "edit"]
        assert edits == [f"https://github.com/org/cx/edit/main/docs/{source}"] * 2, url
    for url in ("channels/web/", "journeys/", "heatmap/"):  # no file of their own: nothing to edit
        tags = parse(page_file(site, url).read_text(encoding="utf-8")).tags
        assert [a for tag, a in tags if tag == "a" and a.get("rel") == "edit"] == [], url
