"""Diagrams drawn by Graphviz: what each shows, that user text stays text, the cache, and a site without dot.

The DOT model is checked by drawing with the real ``dot``; the pipeline by real
builds (core and ``mkdocs build``), with ``dot`` counted by a wrapper on the PATH
or taken off the PATH.
"""
from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_site
from htmltools import page_file, parse
from sites import FORMAT_CONFIG, FORMAT_SITE

from journeysite.build import SiteBuild, build_site
from journeysite.config import read_site_config
from journeysite.graphviz import draw as draw_sources
from journeysite.graphviz import find_dot
from journeysite.render.dot import Graph, cells, html_text, quote, table, wrap
from journeysite.render.graph_svg import finish

DOT = shutil.which("dot")
ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['"]; a -> b; <script>alert(1)</script>', "<b>bold</b>", "<x>", "a\\b\\\\c", "ends with \\",
           "\\N \\G \\E \\T \\H \\L \\n \\l \\r", 'a\\"b', "&amp; &lt;b&gt; &#92; &", "} digraph { x", "// /* #",
           "<<TABLE><TR><TD>t</TD></TR></TABLE>>", "l'été « à » — ✓ 😀"]


def test_graphviz_is_installed_for_the_tests() -> None:
    assert DOT, "Graphviz's dot is needed for these tests: apt-get install graphviz (make test does it)"


# -- DOT: no text changes a graph's structure --------------------------------------------------------

def svg_of(graph: Graph) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    source = graph.source()
    drawn = draw_sources([source.text], DOT)[source.text]
    assert drawn.svg is not None, drawn.error
    return drawn.svg, source.tooltips, source.links


def texts_of(svg: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_one_label_of_one_node(text: str) -> None:
    graph = Graph()
    graph.node(text, label=text, tooltip=text, href=text)   # as the node's id too
    graph.node("other", label=table([cells([f"<TD>{html_text(text)}</TD>"])]))
    graph.edge(text, "other", label=text)
    svg, tooltips, links = svg_of(graph)
    assert svg.count('class="node"') == 2 and svg.count('class="edge"') == 1
    assert texts_of(svg) == [text, text, text]  # the node, the table cell, the edge label: the very text
    assert tooltips == (text,) and links == (text,)
    page = finish(svg, "p", "label", tooltips, links)
    tags = parse(page).tags
    assert [t for t, _a in tags if t in ("script", "b", "x", "table")] == []
    assert [a["xlink:href"] for t, a in tags if t == "a" and "xlink:href" in a] == [text]


def test_a_line_break_in_a_label_is_a_line_break_and_control_characters_go() -> None:
    graph = Graph()
    graph.node("n", label="first\nsecond\x07")
    svg, _tooltips, _links = svg_of(graph)
    assert texts_of(svg) == ["first", "second"]


def test_quote_writes_no_backslash_nor_quote_inside_a_string() -> None:
    for text in HOSTILE:
        inner = quote(text, label=True)[1:-1]
        assert '"' not in inner and "\\" not in inner


def test_attribute_names_are_checked() -> None:
    graph = Graph()
    graph.node("n", **{"label": "x"})
    graph.nodes["n"].attrs["bad name]"] = "x"
    with pytest.raises(ValueError):
        graph.source()


def test_wrap_cuts_long_words_and_marks_what_it_leaves_out() -> None:
    assert wrap("Je paie en caisse et je repars", 12, 2) == ["Je paie en", "caisse et j…"]
    assert wrap("Anticonstitutionnellement", 10, 3) == ["Anticonst-", "itutionne-", "llement"]


def test_normalised_svg_is_stable_and_leaks_nothing() -> None:
    graph = Graph()
    graph.set(label="G")
    graph.node("secret-node-name", label="Shown", tooltip="tip", href="#a")
    svg, tooltips, links = svg_of(graph)
    assert "graphviz version" not in svg and "<!--" not in svg and "<title>" not in svg
    assert " id=" not in svg and "secret-node-name" not in svg and "<?xml" not in svg
    assert 'stroke="black"' not in svg and 'stroke="currentColor"' in svg
    page = finish(svg, "js-graph-x-1", "Label & co", tooltips, links)
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert ids == ["js-graph-x-1-title"] and '<title id="js-graph-x-1-title">Label &amp; co</title>' in page
    assert '<a xlink:href="#a"><title>tip</title>' in page


def test_drawing_in_parallel_gives_the_same_bytes(tmp_path: Path) -> None:
    sources = []
    for n in range(6):
        graph = Graph()
        graph.edge(f"a{n}", f"b{n}", label=str(n))
        sources.append(graph.source().text)
    one = draw_sources(sources, DOT, None, workers=1)
    many = draw_sources(sources, DOT, tmp_path, workers=4)
    cached = draw_sources(sources, DOT, tmp_path, workers=4)
    assert one == many == cached


def test_one_graph_dot_cannot_draw_spoils_nothing_of_its_batch() -> None:
    sources = []
    for n in range(9):
        graph = Graph()
        graph.edge(f"a{n}", f"b{n}")
        if n == 4:
            graph.set(layout="no-such-layout")
        sources.append(graph.source().text)
    batched = draw_sources(sources, DOT, None, workers=1)   # 3 processes of 3 drawings
    alone = {source: draw_sources([source], DOT, None)[source] for source in sources}
    assert batched == alone
    assert [source for source, drawn in batched.items() if drawn.svg is None] == [sources[4]]
    assert 'no-such-layout' in batched[sources[4]].values["reason"]


# -- what each diagram shows ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    files = {**FORMAT_SITE, "docs/index.md": "# Accueil\n\n::: journeysite journey-map\n"}
    root = write_site(tmp_path_factory.mktemp("diagrams"), files, FORMAT_CONFIG)
    result = build_site(read_site_config(root / "mkdocs.yml"))
    assert result.problems == []
    return result


def page_text(result: SiteBuild, doc_path: str) -> str:
    return next(p.markdown for p in result.pages if p.page.doc_path == doc_path)


def diagrams(text: str) -> list[str]:
    return re.findall(r'<svg class="js-graph-svg".*?</svg>', text, re.S)


def nodes(svg: str, kind: str) -> list[str]:
    """The nodes of class ``kind`` (each node's markup)."""
    return re.findall(r'<g class="node [^"]*\b%s\b[^"]*">.*?</a>' % kind, svg, re.S)


def test_journey_flow_shows_touchpoints_in_order_with_switches_and_a_broken_step(built: SiteBuild) -> None:
    text = page_text(built, "journeys/achat.md")
    assert "## Cheminement entre canaux" in text
    current, target = diagrams(text)  # a current journey and its target, side by side
    assert text.index("Acheter un équipement de randonnée</a></figcaption>") < text.index(current)
    boxes = nodes(current, "js-flow-tp")
    assert [re.search(r'href="([^"]+)"', b).group(1) for b in boxes] == ["#tp-t1", "#tp-t2", "#tp-t3"]
    assert [html.unescape(re.search(r"<title>(.*?)\n", b).group(1)) for b in boxes] == [
        "1. Je consulte les fiches conseils", "2. Je pose une question au conseiller en ligne", "3. Je paie en caisse"]
    assert "js-flow-mot" in boxes[2] and "js-flow-rupture" in boxes[2]
    assert 'href="#js-graph-flow-1-e1"' in boxes[0]     # plaisir: face 1 of the page's first diagram
    assert "stroke-dasharray" in boxes[1]                # no emotion: a dashed circle
    edges = re.findall(r'<g class="edge( [^"]*)?"[^>]*>', current)  # the stroke its line and arrow share follows
    assert [e.strip() for e in edges if e] == ["js-flow-switch", "js-flow-broken js-flow-switch"]
    # the target's boxes link to the target's page, the faces of the second diagram are its own
    assert 'href="../achat-cible/#tp-t1"' in target and 'href="#js-graph-flow-2-e0"' in target


def lane_x(svg: str) -> dict[str, float]:
    found = re.findall(r'class="node js-flow-lane[^"]*">.*?<text[^>]*\bx="([-\d.]+)"[^>]*>(.*?)</text>', svg, re.S)
    return {html.unescape(label): float(x) for x, label in found}


def test_journey_flow_lanes_follow_the_referential_left_to_right(built: SiteBuild) -> None:
    current = diagrams(page_text(built, "journeys/achat.md"))[0]
    x = lane_x(current)
    assert sorted(x, key=x.get) == ["Site web", "Magasin", "Chat en ligne"]  # FORMAT_CONFIG's order


def test_ids_are_unique_on_a_page_with_several_diagrams(built: SiteBuild) -> None:
    rendered = next(p for p in built.pages if p.page.doc_path == "journeys/achat.md")
    ids = re.findall(r'\sid="([^"]+)"', rendered.markdown)
    assert len(diagrams(rendered.markdown)) == 2
    assert len(ids) == len(set(ids))


def test_channel_hand_offs_count_switches_of_current_journeys(built: SiteBuild) -> None:
    text = page_text(built, "channels/index.md")
    (graph,) = diagrams(text)
    arrows = re.findall(r'<g class="edge js-handoff[^"]*"[^>]*>\s*<a xlink:href="([^"]+)"><title>(.*?)</title>', graph, re.S)
    assert [href for href, _title in arrows] == ["#handoff-web-chat", "#handoff-chat-magasin"]
    assert "Chat en ligne → Magasin, 1 changement, dans 1 parcours, émotion à l'arrivée −1" in html.unescape(
        arrows[1][1])
    rows = re.findall(r'<tr id="(handoff-[^"]+)">(.*?)</tr>', text)
    assert [r[0] for r in rows] == ["handoff-web-chat", "handoff-chat-magasin"]
    assert all('href="../journeys/achat/"' in r[1] for r in rows)   # the journeys concerned
    assert "achat-cible" not in text.split("js-handoffs", 1)[1]     # a target journey is not lived


def test_chantier_dependencies_by_quarter_and_status(built: SiteBuild) -> None:
    text = page_text(built, "chantiers/index.md")
    (graph,) = diagrams(text)
    boxes = nodes(graph, "js-dep")
    assert len(boxes) == 2 and "fiches-conseils" not in graph  # only chantiers linked by depends_on
    assert 'href="fiche-client/"' in graph and 'href="referentiel-client/"' in graph
    assert "js-status-done" in graph and "js-status-planned" in graph
    labels = texts_of(graph)
    assert "T1 2027" in labels and "Non planifiés" in labels
    assert labels.index("T1 2027") < labels.index("Non planifiés")
    assert graph.count('class="edge"') == 1


def test_a_dependency_the_plan_contradicts_is_a_red_dashed_arrow(build) -> None:
    files = {
        "docs/a.md": "---\ntype: chantier\ntitle: Avant\nstatus: planned\nquarter: 2027-Q1\ndepends_on: [b]\n---\n",
        "docs/b.md": "---\ntype: chantier\ntitle: Après\nstatus: planned\nquarter: 2027-Q3\n---\n",
        "docs/c.md": "---\ntype: chantier\ntitle: Ensuite\nstatus: idea\nquarter: 2027-Q4\ndepends_on: [b]\n---\n",
    }
    result = build(files)
    assert [(p.path, p.line, p.severity) for p in result.problems] == [("docs/a.md", 6, "warning")]  # the roadmap's
    (graph,) = diagrams(page_text(result, "chantiers/index.md"))
    edges = re.findall(r'<g class="edge( js-flow-broken)?"[^>]*>\s*<a><title>(.*?)</title>', graph)
    assert sorted(edges) == [("", "Ensuite dépend de Après"), (" js-flow-broken", "Avant dépend de Après")]
    labels = texts_of(graph)
    assert labels.index("T1 2027") < labels.index("T3 2027") < labels.index("T4 2027")


def test_map_of_journeys_on_the_home_page(built: SiteBuild) -> None:
    text = built.ordinary["index.md"]
    (graph,) = diagrams(text)
    assert re.findall(r'class="node js-map-persona">\s*<a xlink:href="([^"]+)"', graph) == \
        ["personas/lea/", "personas/quentin/"]
    journeys = re.findall(r'class="node js-map-journey js-map-(\w+)">\s*<a xlink:href="([^"]+)"', graph)
    assert sorted(journeys) == [("current", "journeys/achat/"), ("target", "journeys/achat-cible/")]
    assert graph.count('class="edge js-map-to-target"') == 1  # current -> target
    assert "livré à" in " ".join(texts_of(graph))  # the target's progress


def test_embedded_diagrams_and_their_parameters(build) -> None:
    files = {**FORMAT_SITE, "docs/s.md": "# S\n\n::: journeysite flow journey=achat-cible\n\n::: journeysite handoffs "
                                         "state=target\n\n::: journeysite dependency-graph\n\n::: journeysite journey-map "
                                         "persona=lea\n"}
    result = build(files, FORMAT_CONFIG)
    assert result.problems == []
    text = result.ordinary["s.md"]
    assert len(diagrams(text)) == 5   # flow: the target and its current journey
    bad = build({**FORMAT_SITE, "docs/s.md": "# S\n\n::: journeysite journey-map persona=leaa\n"}, FORMAT_CONFIG)
    assert [str(p) for p in bad.problems] == [
        "docs/s.md:3: directive journeysite\u00a0: persona «\u00a0leaa\u00a0» introuvable (vouliez-vous dire "
        "«\u00a0lea\u00a0»\u00a0?)"]


def test_a_graph_that_cannot_be_written_as_dot_is_a_warning_and_a_notice(build) -> None:
    from journeysite import hookimpl

    class BadAttribute:
        @hookimpl
        def journeysite_graph_alter(self, name, graph):
            if name == "journey-map":
                graph.attrs["not an attribute"] = 1

    result = build({**FORMAT_SITE, "docs/index.md": "# Accueil\n\n::: journeysite journey-map\n"}, FORMAT_CONFIG)
    broken = build_site(read_site_config(Path(result.config.root) / "mkdocs.yml"), extra_plugins=[BadAttribute()])
    assert [str(p) for p in broken.problems] == [
        "mkdocs.yml:1: avertissement\u00a0: le schéma «\u00a0journey-map\u00a0» de la page «\u00a0index.md\u00a0» ne peut pas "
        "s'écrire en DOT\u00a0: «\u00a0not an attribute\u00a0» n'est pas un nom d'attribut Graphviz"]
    assert 'class="js-graph-notice"' in broken.ordinary["index.md"]
    assert diagrams(page_text(broken, "journeys/achat.md"))  # the other diagrams are drawn


# -- the cache, and dot counted --------------------------------------------------------------------------

def counting_dot(folder: Path) -> tuple[dict[str, str], Path]:
    """An environment whose ``dot`` logs each run (then runs Graphviz's), and the log."""
    log = folder / "dot.log"
    wrapper = folder / "bin" / "dot"
    wrapper.parent.mkdir(parents=True)
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> "{log}"\nexec "{DOT}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return {**os.environ, "PATH": f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}", "NO_COLOR": "1"}, log


def runs(log: Path) -> int:
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


def mkdocs(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *args], cwd=root, capture_output=True, text=True,
                          env=env, timeout=300)


def test_a_second_build_runs_dot_zero_times_and_the_same_bytes_come_out(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FORMAT_SITE, FORMAT_CONFIG)
    env, log = counting_dot(tmp_path)
    assert mkdocs(root, env, "--strict").returncode == 0
    first = runs(log)
    diagrams_drawn = len(list((root / ".cache/journeysite/graphviz").rglob("*.svg")))
    assert first == diagrams_drawn + 1 and diagrams_drawn >= 4  # each distinct diagram once, and dot -V
    pages = {p: p.read_bytes() for p in (root / "site").rglob("*.html")}
    assert mkdocs(root, env, "--strict").returncode == 0
    assert runs(log) == first  # nothing changed: dot never ran
    assert {p: p.read_bytes() for p in (root / "site").rglob("*.html")} == pages
    # One journey changed: only the diagrams it appears in are drawn again.
    journey = root / "docs/parcours/achat-cible.md"
    journey.write_text(journey.read_text(encoding="utf-8").replace("personnalisées", "sur mesure"), encoding="utf-8")
    assert mkdocs(root, env, "--strict").returncode == 0
    assert runs(log) == first + 1  # its flow (shown on both pages); the hand-offs and map do not show its text
    # A cold cache draws it all again, to the same bytes.
    shutil.rmtree(root / ".cache")
    journey.write_text(journey.read_text(encoding="utf-8").replace("sur mesure", "personnalisées"), encoding="utf-8")
    assert mkdocs(root, env, "--strict").returncode == 0
    assert {p: p.read_bytes() for p in (root / "site").rglob("*.html")} == pages


def test_mkdocs_serve_rebuilds_without_running_dot_for_unchanged_diagrams(tmp_path: Path) -> None:
    from test_mkdocs_serve import fetch, free_port, wait_for

    root = write_site(tmp_path / "site", FORMAT_SITE, FORMAT_CONFIG)
    env, log = counting_dot(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "js-graph-svg" in fetch(base + "journeys/achat/")), "server did not start"
        first = runs(log)
        assert first > 1
        home = root / "docs/index.md"
        home.write_text(home.read_text(encoding="utf-8") + "\nMis à jour.\n", encoding="utf-8")
        assert wait_for(lambda: "Mis à jour." in fetch(base)), "no rebuild"
        assert "js-graph-svg" in fetch(base + "journeys/achat/")
        assert runs(log) == first  # the rebuild drew nothing again
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_check_and_export_never_run_dot(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FORMAT_SITE, FORMAT_CONFIG)
    env, log = counting_dot(tmp_path)
    for command in (["check", "--strict"], ["export", "json"]):
        out = subprocess.run([sys.executable, "-m", "journeysite", *command, str(root)], capture_output=True,
                             text=True, env=env, timeout=120)
        assert out.returncode == 0, out.stderr
    assert runs(log) == 0


def test_the_cache_folder_is_an_option(make_site) -> None:
    config = FORMAT_CONFIG.replace("  - journeysite:\n", "  - journeysite:\n      graphviz_cache: build/diagrams\n")
    root = make_site(FORMAT_SITE, config)
    assert build_site(read_site_config(root / "mkdocs.yml")).problems == []
    assert list((root / "build/diagrams").rglob("*.svg")) and not (root / ".cache").exists()
    off = make_site(FORMAT_SITE, FORMAT_CONFIG.replace("  - journeysite:\n", "  - journeysite:\n      graphviz_cache: false\n"))
    result = build_site(read_site_config(off / "mkdocs.yml"))
    assert result.problems == [] and diagrams(page_text(result, "journeys/achat.md"))
    assert not (off / ".cache").exists()


def test_the_cache_folder_is_git_ignored() -> None:
    repo = Path(__file__).resolve().parent.parent
    assert "/.cache/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()


# -- without Graphviz ----------------------------------------------------------------------------------

def test_without_dot_the_site_builds_with_one_warning_and_notices(make_site, monkeypatch) -> None:
    root = make_site({**FORMAT_SITE, "docs/index.md": "# Accueil\n\n::: journeysite journey-map\n"}, FORMAT_CONFIG)
    monkeypatch.setenv("PATH", str(root))  # no dot there
    assert find_dot() is None
    result = build_site(read_site_config(root / "mkdocs.yml"))
    assert len(result.problems) == 1
    (problem,) = result.problems
    assert problem.severity == "warning" and problem.path == "mkdocs.yml"
    assert "Graphviz n'est pas installé" in problem.message and "sudo apt-get install graphviz" in problem.message
    assert "ses 7 schémas" in problem.message  # two flows on each journey page, the indexes, the home page
    journey = page_text(result, "journeys/achat.md")
    assert journey.count('class="js-graph-notice"') == 2 and "<svg class=\"js-graph-svg\"" not in journey
    assert 'class="js-matrix"' in journey and 'class="js-curve"' in journey  # nothing else is lost
    assert 'class="js-graph-notice"' in result.ordinary["index.md"]


def test_without_dot_mkdocs_builds_and_strict_fails(tmp_path: Path) -> None:
    root = write_site(tmp_path / "site", FORMAT_SITE, FORMAT_CONFIG)
    bare = tmp_path / "bin"
    bare.mkdir()
    git = shutil.which("git")
    if git:
        (bare / "git").symlink_to(git)
    env = {**os.environ, "PATH": str(bare), "NO_COLOR": "1"}
    built = mkdocs(root, env)
    assert built.returncode == 0, built.stderr
    warnings = [line for line in built.stderr.splitlines() if "Graphviz" in line]
    assert len(warnings) == 1 and "apt-get install graphviz" in warnings[0]
    page = page_file(root / "site", "journeys/achat/").read_text(encoding="utf-8")
    assert 'class="js-graph-notice"' in page and 'id="tp-t3"' in page
    strict = mkdocs(root, env, "--strict")
    assert strict.returncode == 1 and "Graphviz" in strict.stderr


def test_a_diagram_dot_cannot_draw_is_a_warning_and_a_notice(build) -> None:
    from journeysite import hookimpl

    class Broken:
        @hookimpl
        def journeysite_graph_alter(self, name, graph):
            if name == "handoffs":
                graph.set(layout="no-such-layout")

    result = build(FORMAT_SITE, FORMAT_CONFIG)
    assert result.problems == []
    broken = build_site(read_site_config(Path(result.config.root) / "mkdocs.yml"), extra_plugins=[Broken()])
    (problem,) = broken.problems
    assert problem.severity == "warning"
    assert problem.message == ("le schéma «\u00a0handoffs\u00a0» de la page «\u00a0channels/index.md\u00a0» n'a pas pu être "
                               'dessiné\u00a0: dot a répondu\u00a0: Error: Layout type: "no-such-layout" not recognized. '
                               "Use one of: circo dot fdp neato nop nop1 nop2 osage patchwork sfdp twopi")
    assert 'class="js-graph-notice"' in page_text(broken, "channels/index.md")


def test_every_drawing_of_a_site_is_the_same_batched_as_drawn_alone(tmp_path: Path) -> None:
    """``dot`` carries state from one graph to the next in a process: a drawing must never depend on what was
    drawn with it (a cold build and a warm one, or two cold builds, would write different pages)."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    corpus.write_corpus(tmp_path / "site", 8, 12)
    result = build_site(read_site_config(tmp_path / "site" / "mkdocs.yml"), draw=False)
    sources = list(dict.fromkeys(d.source.text for d in result.context.diagrams.drawings))
    assert len(sources) > 3 and len({s.split("\n", 2)[1] for s in sources}) > 2  # flows, hand-offs, dependencies
    alone = {source: draw_sources([source], DOT)[source] for source in sources}
    for order in (sources, sources[::-1]):
        assert draw_sources(order, DOT, None, workers=1) == alone
