"""Rebuilds under ``mkdocs serve`` reuse what did not change (incremental, serve_cache), and the result is
the same bytes as a build from scratch: with a cold cache, a warm one, after an edit, after the edit is undone."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from journeysite.build import SiteBuild, build_site
from journeysite.config import read_site_config
from journeysite.incremental import BuildCache
from sites import FORMAT_CONFIG, FORMAT_SITE

PLUGIN = """\
from journeysite import hookimpl
from journeysite.pages import View


@hookimpl
def journeysite_page_views(page):
    if page.kind == "journey":
        return [View("marker", '<p class="js-marker">WORD ' + page.item.title + '</p>')]
    return []
"""


def output(result: SiteBuild) -> tuple:
    """Everything a build hands an adapter: each page's Markdown and views, ordinary pages, problems."""
    return ([(p.page.doc_path, p.markdown, p.views) for p in result.pages], sorted(result.ordinary.items()),
            sorted(result.ordinary_views.items()), [str(p) for p in result.problems])


class Site:
    """A site on disk, built with one cache kept across builds, and compared with builds from scratch."""

    def __init__(self, root: Path) -> None:
        self.root, self.cache = root, BuildCache()

    def build(self) -> SiteBuild:
        return build_site(read_site_config(self.root / "mkdocs.yml"), stash_views=True, cache=self.cache)

    def from_scratch(self) -> tuple:
        return output(build_site(read_site_config(self.root / "mkdocs.yml"), stash_views=True))

    def edit(self, path: str, old: str, new: str) -> str:
        file = self.root / path
        before = file.read_text(encoding="utf-8")
        assert old in before, (path, old)
        file.write_text(before.replace(old, new, 1), encoding="utf-8")
        return before


@pytest.fixture
def site(make_site) -> Site:
    files = {**FORMAT_SITE, "plugins/marker.py": PLUGIN.replace("WORD", "one"),
             "docs/synthese.md": "# Synthèse\n\n::: journeysite matrix journey=achat\n"}
    return Site(make_site(files, FORMAT_CONFIG))


def test_a_warm_build_reuses_every_page_and_gives_the_same_pages(site: Site) -> None:
    scratch = site.from_scratch()
    assert output(site.build()) == scratch  # a cold cache
    assert site.cache.reused == [] and site.cache.rendered
    assert output(site.build()) == scratch  # a warm one
    assert site.cache.rendered == [] and len(site.cache.reused) == len(scratch[0]) + 1  # + the ordinary page


EDITS = {
    "touchpoint": ("docs/parcours/achat.md", "Je paie en caisse", "Je paie en caisse, vite"),
    "emotion": ("docs/parcours/achat.md", "emotion: Déception", "emotion: Irritant"),
    "chantier status": ("docs/chantiers/fiche-client.md", "status: planned", "status: done"),
    "persona name": ("docs/personas/quentin.md", "name: Quentin", "name: Quentin D."),
    "journey title": ("docs/parcours/achat-cible.md", "(cible)", "(visée)"),
    "a mistake": ("docs/parcours/achat.md", "channel: magasin", "channel: magazin"),
    "a directive": ("docs/synthese.md", "journey=achat", "journey=achat-cible"),
    "the referential": ("mkdocs.yml", "label: Chat en ligne", "label: Messagerie"),
    "a local plugin": ("plugins/marker.py", "'<p class=\"js-marker\">one ", "'<p class=\"js-marker\">two "),
    "a new id": ("docs/chantiers/referentiel-client.md", "type: chantier", "type: chantier\nid: referentiel"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_after_an_edit_and_after_it_is_undone_the_pages_are_those_of_a_build_from_scratch(
        site: Site, edit: tuple[str, str, str]) -> None:
    before = site.from_scratch()
    site.build()
    original = site.edit(*edit)
    assert output(site.build()) == site.from_scratch() != before
    (site.root / edit[0]).write_text(original, encoding="utf-8")
    assert output(site.build()) == before


def test_a_page_rendered_again_takes_the_fragments_whose_reads_are_the_same_as_they_were(site: Site) -> None:
    # The pains page lists every pain, a row each, each row a fragment (pains.PainRows, incremental.fragment):
    # after an edit of one touchpoint, the page renders again and takes the other pains' rows as they were.
    site.edit("docs/parcours/achat-cible.md", "emotion: enchantement", "emotion: Irritant")  # a pain elsewhere
    site.build()
    assert site.cache.fragments_reused == 0
    site.edit("docs/parcours/achat.md", "Je paie en caisse", "Je paie en caisse, vite")
    assert output(site.build()) == site.from_scratch()
    assert "pains/index.md" in site.cache.rendered and site.cache.fragments_reused > 0


def test_an_edit_renders_again_only_the_pages_that_read_what_changed(site: Site) -> None:
    site.build()
    site.edit("docs/parcours/achat-cible.md", "Je paie en caisse, le vendeur me reconnaît",
              "Je paie en caisse, le vendeur me reconnaît tout de suite")
    site.build()
    rendered = set(site.cache.rendered)
    assert {"journeys/achat-cible.md", "journeys/achat.md"} <= rendered  # the journey, the one overlaying it
    assert {"channels/magasin.md", "pains/index.md", "heatmap/index.md"} & rendered  # pages listing its touchpoints
    assert "chantiers/fiche-client.md" in rendered  # the chantier improving that touchpoint shows it
    # pages that show nothing of that touchpoint are reused
    assert not {"chantiers/fiches-conseils.md", "chantiers/referentiel-client.md", "channels/web.md",
                "channels/telephone.md", "synthese.md"} & rendered, rendered


def test_every_page_is_rendered_again_when_what_all_pages_depend_on_changes(site: Site) -> None:
    site.build()
    site.edit("mkdocs.yml", "label: Chat en ligne", "label: Messagerie")
    site.build()
    assert site.cache.reused == []


# -- under mkdocs serve: MkDocs' own work, reused too ----------------------------------------

SERVE_URL = "http://127.0.0.1:8000/"
SCRATCH = textwrap.dedent("""\
    import sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    config.site_url = sys.argv[2]
    build(config, serve_url=sys.argv[2])
""")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(path for path in first.keys() | second.keys() if first.get(path) != second.get(path))


def test_serve_rebuilds_write_the_bytes_of_a_build_from_scratch(make_site, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_site({**FORMAT_SITE, "plugins/marker.py": PLUGIN.replace("WORD", "one")}, FORMAT_CONFIG)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}

    def from_scratch(name: str) -> dict[str, bytes]:
        subprocess.run([sys.executable, "-c", SCRATCH, str(tmp_path / name), SERVE_URL], cwd=root, env=env,
                       check=True, capture_output=True, timeout=300)
        return files_of(tmp_path / name)

    served = tmp_path / "served"
    plugin = None

    def rebuild() -> dict[str, bytes]:
        nonlocal plugin
        config = load_config("mkdocs.yml", site_dir=str(served))
        config.site_url = SERVE_URL
        if plugin is None:  # as mkdocs serve does: plugins that start once live across rebuilds
            config.plugins.on_startup(command="serve", dirty=False)
            plugin = config.plugins["journeysite"]
        assert config.plugins["journeysite"] is plugin
        build(config, serve_url=SERVE_URL)
        return files_of(served)

    before = from_scratch("before")
    try:
        check_rebuilds(root, rebuild, from_scratch, before)
        check_kept_folder(root, served, rebuild, from_scratch, before)
    finally:  # MkDocs keeps the plugin for the next in-process build: as for mkdocs build again
        if plugin is not None:
            plugin.on_startup(command="build", dirty=False)


def check_rebuilds(root: Path, rebuild, from_scratch, before: dict[str, bytes]) -> None:
    assert differing(rebuild(), before) == []  # a cold cache
    assert differing(rebuild(), before) == []  # a warm one
    plugins = load_config("mkdocs.yml").plugins
    hits = plugins["journeysite"].pages_cache.hits
    assert hits["template"] > 0 and hits["conversion"] > 0 and hits["search"] > 0
    # Material's search left alone every page the theme does not render again, and is on again after
    assert hits["search left alone"] == hits["template"]
    assert plugins["material/search"].config.enabled is True
    source = root / "docs/parcours/achat.md"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("Je paie en caisse", "Je paie en caisse, vite", 1), encoding="utf-8")
    edited = rebuild()
    assert differing(edited, from_scratch("edited")) == []
    assert differing(edited, before)  # the edit shows
    source.write_text(original, encoding="utf-8")
    assert differing(rebuild(), before) == []  # undone


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
            for p in folder.rglob("*") if p.is_file()}


def check_kept_folder(root: Path, served: Path, rebuild, from_scratch, before: dict[str, bytes]) -> None:
    """Under serve the site folder is kept: a file whose bytes did not change is not written again, and what
    a build no longer writes is gone, folders included (serve_writes)."""
    written = stamps(served)
    source = root / "docs/parcours/achat.md"
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("Je paie en caisse", "Je paie en caisse, vite", 1), encoding="utf-8")
    rebuild()
    changed = {path for path, stamp in stamps(served).items() if written.get(path) != stamp}
    assert "journeys/achat/index.html" in changed
    assert not {"index.html", "chantiers/fiches-conseils/index.html", "personas/lea/index.html"} & changed
    source.write_text(original, encoding="utf-8")
    extra = root / "docs/chantiers/nouveau.md"
    extra.write_text("---\ntype: chantier\ntitle: Nouveau chantier\nstatus: idea\n---\nÀ l'étude.\n",
                     encoding="utf-8")
    added = rebuild()
    assert "chantiers/nouveau/index.html" in added
    assert differing(added, from_scratch("added")) == []
    extra.unlink()
    assert differing(rebuild(), before) == []  # its page gone, and its folder
    assert not (served / "chantiers/nouveau").exists()


FAILING = """\
from journeysite import hookimpl
from journeysite.pages import View


@hookimpl
def journeysite_page_views(page):
    if page.kind == "journey" and "panne" in page.item.title:
        raise RuntimeError("broken on " + page.item.id)
    return [View("marker", '<p class="js-marker">seen</p>')] if page.kind == "journey" else []
"""


def test_a_build_where_a_plugin_fails_is_the_build_from_scratch(make_site) -> None:
    # A failing plugin is not asked again in that build: the pages it misses depend on the order pages
    # render in, so such a build is done from scratch, and its failure is reported every time.
    site = Site(make_site({**FORMAT_SITE, "plugins/failing.py": FAILING}, FORMAT_CONFIG))
    site.build()
    original = site.edit("docs/parcours/achat-cible.md", "(cible)", "(cible, panne)")
    for _ in range(2):
        built = output(site.build())
        assert built == site.from_scratch()
        assert any("broken on achat-cible" in problem for problem in built[-1])
    (site.root / "docs/parcours/achat-cible.md").write_text(original, encoding="utf-8")
    assert output(site.build()) == site.from_scratch()
