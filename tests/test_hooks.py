"""Every hook is documented, and every hook has a test showing a plugin that changes the output.

Each ``test_hook_<name>`` registers a plugin object (a class with ``@hookimpl``
methods) through ``build_site(config, extra_plugins=[...])`` that extends or
replaces the built-in behaviour, and checks what the site shows.
"""
from __future__ import annotations

import inspect
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import MKDOCS_YML as CONFIG

from journeysite import hookimpl, hookspecs
from journeysite.build import SiteBuild, build_site
from journeysite.compute import ChantierIndex, DependencyIssue, DepartmentIndex, Indicator, Placement, Roadmap
from journeysite.model import Department
from journeysite.config import read_site_config
from journeysite.diagrams import draw
from journeysite.manager import hook_names
from journeysite.pages import GeneratedPage, View
from journeysite.problems import Problem
from journeysite.render.dot import Graph

REPO = Path(__file__).resolve().parent.parent
SITE = {
    "docs/p.md": "---\ntype: persona\nname: Paul\n---\n",
    "docs/j.md": """\
        ---
        type: journey
        title: Acheter
        persona: p
        target: jc
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: Je cherche, emotion: deception}
          - {id: t2, stage: achat, channel: magasin, action: Je paie, emotion: irritant}
        ---
        """,
    "docs/jc.md": """\
        ---
        type: journey
        title: Acheter (cible)
        persona: p
        state: target
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: Je trouve, emotion: plaisir, chantiers: [a]}
        ---
        """,
    "docs/a.md": "---\ntype: chantier\ntitle: A\nstatus: planned\nscores: {customer_importance: 5, cost: 1}\n---\n",
    "docs/b.md": "---\ntype: chantier\ntitle: B\nstatus: done\nscores: {customer_importance: 1, cost: 5}\n---\n",
}


@pytest.fixture
def run(make_site):
    """``run(*plugins, files=..., config=...)`` -> the SiteBuild with those extra plugins."""

    def build(*plugins: object, files: dict[str, str] | None = None, config: str = CONFIG) -> SiteBuild:
        root = make_site(files if files is not None else SITE, config)
        return build_site(read_site_config(root / "mkdocs.yml"), extra_plugins=plugins)

    return build


def markdown_of(result: SiteBuild, doc_path: str) -> str:
    return next(p.markdown for p in result.pages if p.page.doc_path == doc_path)


def indicator(result: SiteBuild, journey_id: str, indicator_id: str) -> Indicator:
    return next(i for i in result.computed.journey_indicators[journey_id] if i.id == indicator_id)


# -- the reference is complete ---------------------------------------------------------------------

def test_every_hook_and_argument_is_documented() -> None:
    doc = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    sections = re.split(r"^#### ", doc, flags=re.M)
    for name in hook_names():
        section = next((s for s in sections if s.startswith(f"`{name}(")), None)
        assert section is not None, f"docs/plugins.md has no '#### `{name}(...)`' section"
        for argument in inspect.signature(getattr(hookspecs, name)).parameters:
            assert f"`{argument}`" in section, f"{name}: argument '{argument}' is not documented"
        spec = getattr(hookspecs, name)
        if getattr(spec, "journeysite_spec", {}).get("firstresult"):
            assert "firstresult" in section, f"{name} is firstresult: say so"


def test_every_hook_has_a_test() -> None:
    tests = {name for name in dir(sys.modules[__name__]) if name.startswith("test_hook_")}
    missing = [n for n in hook_names() if f"test_hook_{n.removeprefix('journeysite_')}" not in tests]
    assert not missing, missing


def test_the_plugin_doc_names_every_built_in_plugin() -> None:
    from journeysite.manager import default_plugin_names
    doc = (REPO / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert [n for n in default_plugin_names() if f"`{n}`" not in doc] == []


# -- one test per hook -------------------------------------------------------------------------------

def test_hook_validate(run) -> None:
    class EveryJourneyNeedsTags:
        @hookimpl
        def journeysite_validate(self, site):
            return [Problem(j.location.path, j.location.at("title"), f"journey '{j.id}' has no tags", "warning")
                    for j in site.journeys.values() if not j.tags]

    result = run(EveryJourneyNeedsTags())
    # a plugin's own words, marked as warnings in the site's language
    assert [str(p) for p in result.problems] == ["docs/j.md:3: avertissement\u00a0: journey 'j' has no tags",
                                                 "docs/jc.md:3: avertissement\u00a0: journey 'jc' has no tags"]


def test_hook_chantier_index(run) -> None:
    class EverythingServesB:
        @hookimpl
        def journeysite_chantier_index(self, site):
            refs = tuple(sorted(f"{j.id}#{t.id}" for j in site.journeys.values() for t in j.touchpoints))
            return ChantierIndex(by_touchpoint={r: ("b",) for r in refs}, by_chantier={"b": refs})

    result = run(EverythingServesB())
    assert result.computed.index.chantiers_of("j", "t2") == ("b",)
    matrix = next(line for line in markdown_of(result, "journeys/j.md").splitlines() if 'class="js-matrix"' in line)
    assert matrix.count('href="../../chantiers/b/"') == 2 and "chantiers/a/" not in matrix
    # the target's progress now follows B (done) instead of A (planned)
    assert indicator(result, "jc", "progress").value == 1.0


def test_hook_chantier_priority(run) -> None:
    base = run()
    assert base.computed.priority == {"a": 100, "b": 0}
    assert base.computed.chantiers_by_priority(base.site) == ["a", "b"]

    class ExpensiveFirst:
        @hookimpl
        def journeysite_chantier_priority(self, chantier, referential):
            return 20 * chantier.scores["cost"] if "cost" in chantier.scores else None

    result = run(ExpensiveFirst())
    assert result.computed.priority == {"a": 20, "b": 100}
    assert result.computed.chantiers_by_priority(result.site) == ["b", "a"]


def test_hook_chantier_quadrant(run) -> None:
    assert run().computed.quadrant == {"a": "quick_win", "b": "thankless"}

    class AllQuickWins:
        @hookimpl
        def journeysite_chantier_quadrant(self, chantier, referential):
            return "quick_win"

    assert run(AllQuickWins()).computed.quadrant == {"a": "quick_win", "b": "quick_win"}


def test_hook_touchpoint_criticality(run) -> None:
    def first_pain(result: SiteBuild) -> str:
        pains = markdown_of(result, "pains/index.md")
        return re.search(r'#tp-(\w+)">', pains).group(1)

    assert first_pain(run()) == "t2"  # irritant 2*(3+3) = 12 before deception 1*(3+3) = 6

    class WebHurtsMost:
        @hookimpl
        def journeysite_touchpoint_criticality(self, touchpoint, referential):
            return 50 if touchpoint.channel == "web" and touchpoint.emotion == "deception" else None

    result = run(WebHurtsMost())
    assert result.computed.criticality == {"j#t1": 50, "j#t2": 12, "jc#t1": 0}  # others: the built-in
    assert first_pain(result) == "t1"


def test_hook_journey_happiness(run) -> None:
    assert indicator(run(), "j", "happiness").value == 0

    class Optimist:
        @hookimpl
        def journeysite_journey_happiness(self, journey, referential):
            return 0.42

    result = run(Optimist())
    shown = indicator(result, "j", "happiness").display
    assert "42" in shown and shown in markdown_of(result, "journeys/j.md")


def test_hook_journey_progress(run) -> None:
    assert indicator(run(), "jc", "progress").value == 0.0

    class HalfDone:
        @hookimpl
        def journeysite_journey_progress(self, journey, site, index):
            assert journey.state == "target" and index.chantiers_of("jc", "t1") == ("a",)
            return 0.5

    assert indicator(run(HalfDone()), "jc", "progress").value == 0.5


def test_hook_departments(run) -> None:
    base = run()
    assert base.computed.departments.departments == ()  # no department written, none listed
    assert "departments/index.md" not in {p.page.doc_path for p in base.pages}

    class OneTeamOwnsAll:
        @hookimpl
        def journeysite_departments(self, site):
            return DepartmentIndex(departments=(Department("cx", "Expérience client"),),
                                   of_chantier={c: "cx" for c in site.chantiers},
                                   of_touchpoint={f"{j.id}#{t.id}": "cx" for j in site.journeys.values()
                                                  for t in j.touchpoints})

    result = run(OneTeamOwnsAll())
    assert result.computed.roadmap.lanes == ("cx",)
    page = markdown_of(result, "departments/cx.md")
    assert "# Expérience client" in page
    assert page.count('href="../../chantiers/a/"') >= 1 and page.count('href="../../journeys/j/#tp-t2"') >= 1
    assert 'href="../../departments/cx/"' in markdown_of(result, "chantiers/a.md")


def test_hook_roadmap(run) -> None:
    base = run()
    assert base.computed.roadmap.quarters == ()
    assert base.computed.roadmap.at("a") == Placement(None, None)  # no quarter, no department: unscheduled

    class EverythingIn2030:
        @hookimpl
        def journeysite_roadmap(self, site, computed):
            assert computed.departments is not None  # computed before the roadmap
            return Roadmap(("2030-Q1", "2030-Q2"), ("pmo",),
                           {c: Placement("2030-Q2", "pmo") for c in site.chantiers})

    result = run(EverythingIn2030())
    board = markdown_of(result, "roadmap/index.md")
    assert ">2030</h3>" in board and ">T2 2030</th>" in board and ">Non planifiés</h3>" not in board
    assert 'data-f-quarter="2030-q2"' in board


def test_hook_dependency_issues(run) -> None:
    files = {**SITE, "docs/a.md": "---\ntype: chantier\ntitle: A\nstatus: planned\nquarter: 2026-Q1\n"
                                  "depends_on: [b]\n---\n",
             "docs/b.md": "---\ntype: chantier\ntitle: B\nstatus: planned\nquarter: 2026-Q3\n---\n"}
    base = run(files=files)
    assert base.computed.dependency_issues == (DependencyIssue("a", "b", "scheduled_before"),)
    assert [str(p) for p in base.problems] == [
        "docs/a.md:6: avertissement\u00a0: le chantier «\u00a0a\u00a0» est prévu en T1 2026, avant «\u00a0b\u00a0» (T3 2026) dont "
        "il dépend\u00a0; décalez l'un des trimestres ou retirez la dépendance"]

    class NeverMind:
        @hookimpl
        def journeysite_dependency_issues(self, site, computed):
            return []

    assert run(NeverMind(), files=files).problems == []

    class AsIfDone:
        @hookimpl
        def journeysite_dependency_issues(self, site, computed):
            return [DependencyIssue("a", "b", "done_before")]

    result = run(AsIfDone(), files=files)
    assert [(p.path, p.line) for p in result.problems] == [("docs/a.md", 6)]
    assert "est livré" in result.problems[0].message
    board = markdown_of(result, "roadmap/index.md")
    assert board.count('class="js-roadmap-warning"') == 2  # on both cards


def test_hook_unaddressed_pains(run) -> None:
    files = {**SITE, "docs/index.md": "# Accueil\n\n::: journeysite unaddressed\n"}
    base = run(files=files)
    assert base.computed.unaddressed == ("j#t2", "j#t1")  # irritant 12, then deception 6; no chantier
    assert "2 points de contact critiques ne sont traités par aucun chantier retenu." in base.ordinary["index.md"]

    class OnlyTheWeb:
        @hookimpl
        def journeysite_unaddressed_pains(self, site, computed):
            return ["j#t1"]

    result = run(OnlyTheWeb(), files=files)
    assert "1 point de contact critique n&#x27;est traité par aucun chantier retenu." in result.ordinary["index.md"]
    left = next(line for line in markdown_of(result, "pains/index.md").splitlines() if 'id="js-unaddressed"' in line)
    assert re.findall(r'#tp-(\w+)"', left) == ["t1"]


def test_hook_journey_indicators(run) -> None:
    class Length:
        @hookimpl
        def journeysite_journey_indicators(self, journey, site, computed):
            return [Indicator("stages", "Étapes traversées", len({t.stage for t in journey.touchpoints}), "2 étapes")]

    files = {**SITE, "docs/s.md": "# S\n\n::: journeysite indicators journey=j\n"}
    result = run(Length(), files=files)
    ids = [i.id for i in result.computed.journey_indicators["j"]]
    assert ids[0] == "touchpoints" and ids[-1] == "stages"  # built-in ones first
    assert "<th scope=\"row\">Étapes traversées</th><td class=\"js-indicator-value\">2 étapes</td>" in \
        result.ordinary["s.md"]


def test_hook_persona_indicators(run) -> None:
    class JourneyCount:
        @hookimpl
        def journeysite_persona_indicators(self, persona, site, computed):
            count = sum(persona.id in j.personas for j in site.journeys.values())
            return [Indicator("journeys", "Parcours", count, str(count))]

    files = {**SITE, "docs/s.md": "# S\n\n::: journeysite indicators persona=p\n"}
    result = run(JourneyCount(), files=files)
    assert result.computed.persona_indicators["p"][-1] == Indicator("journeys", "Parcours", 2, "2")
    assert "<th scope=\"row\">Parcours</th><td class=\"js-indicator-value\">2</td>" in result.ordinary["s.md"]


def test_hook_page_views(run) -> None:
    class Banner:
        @hookimpl
        def journeysite_page_views(self, page):
            if page.kind == "journey":
                return [View("banner", '<p class="banner">Atelier du 12 mai</p>', "Atelier", order=25)]
            return []

    text = markdown_of(run(Banner()), "journeys/j.md")
    assert text.index("## Matrice canaux × étapes") < text.index("## Atelier") < text.index("## Courbe émotionnelle")

    disabled = run(config=CONFIG.replace("  - journeysite\n", "  - journeysite:\n      disable: [matrix]\n"))
    assert not disabled.problems
    text = markdown_of(disabled, "journeys/j.md")
    assert 'class="js-matrix"' not in text and "Matrice canaux" not in text
    assert 'class="js-curve"' in text


def test_hook_site_pages(run) -> None:
    class Glossary:
        @hookimpl
        def journeysite_site_pages(self, context):
            return [GeneratedPage("glossaire/index.md", "Glossaire", "glossary", nav_order=70)]

        @hookimpl
        def journeysite_page_views(self, page):
            if page.kind == "glossary":
                return [View("terms", "<dl><dt>MV</dt><dd>Moment de vérité</dd></dl>")]
            return []

    result = run(Glossary())
    page = next(p for p in result.pages if p.page.doc_path == "glossaire/index.md")
    assert page.page.nav_order == 70
    assert "# Glossaire" in page.markdown and "<dd>Moment de vérité</dd>" in page.markdown
    disabled = run(Glossary(), config=CONFIG.replace("  - journeysite\n", "  - journeysite:\n      disable: [heatmap]\n"))
    assert "heatmap/index.md" not in {p.page.doc_path for p in disabled.pages}


def test_hook_embed(run) -> None:
    class MyMatrix:
        @hookimpl
        def journeysite_embed(self, name, params, page):
            if name == "matrix":  # replaces the built-in view of that name
                return f'<p class="mine">{len(page.context.site.journeys[params["journey"]].touchpoints)}</p>'
            if name == "count":
                return f'<p class="count">{len(page.context.site.journeys)}</p>'
            return None

    files = {**SITE, "docs/s.md": "# S\n\n::: journeysite matrix journey=j\n::: journeysite count\n"
                                  "::: journeysite curve journey=j\n"}
    result = run(MyMatrix(), files=files)
    assert not result.problems
    text = result.ordinary["s.md"]
    assert '<p class="mine">2</p>' in text and '<p class="count">2</p>' in text
    assert 'class="js-matrix"' not in text and 'class="js-curve"' in text  # other views stay built-in


def svgs(text: str) -> list[str]:
    return re.findall(r'<svg class="js-graph-svg".*?</svg>', text, re.S)


def test_hook_graph(run) -> None:
    class Departments:
        """A new diagram on the chantiers index, and the built-in hand-offs replaced."""

        @hookimpl
        def journeysite_graph(self, name, subject, page):
            if name == "departments":
                graph = Graph()
                for chantier in page.context.site.chantiers.values():
                    graph.edge(f"dep-{chantier.status}", chantier.id, label="Réalise")
                return graph
            if name == "handoffs":
                graph = Graph()
                graph.node("mine", label="Mes passages")
                return graph
            return None

        @hookimpl
        def journeysite_page_views(self, page):
            if page.kind == "chantiers_index":
                return [View("departments", draw(page, "departments", None, "Par statut"), "Par statut", 70)]
            return []

    result = run(Departments())
    assert not result.problems
    (mine,) = svgs(markdown_of(result, "chantiers/index.md"))  # no chantier depends on another here
    assert "Par statut" in mine and mine.count('class="node"') == 4 and "Réalise" in mine
    (handoffs,) = svgs(markdown_of(result, "channels/index.md"))
    assert "Mes passages" in handoffs and "js-handoff" not in handoffs


def test_hook_graph_alter(run) -> None:
    class Workshop:
        """Every journey flow gets a note; moments of truth a thicker border."""

        @hookimpl
        def journeysite_graph_alter(self, name, graph, subject, page):
            if name == "flow":
                graph.node("note", label=f"Atelier du 12 mai : {subject.title}", shape="note")
                for node in graph.nodes.values():
                    if node.id.startswith("tp-"):
                        node.set(penwidth=4)

    base = svgs(markdown_of(run(), "journeys/j.md"))
    altered = svgs(markdown_of(run(Workshop()), "journeys/j.md"))
    assert len(base) == len(altered) == 2  # the journey and its target
    assert "Atelier du 12 mai : Acheter" in altered[0] and "Atelier" not in base[0]
    assert 'stroke-width="4"' in altered[0] and 'stroke-width="4"' not in base[0]


# -- the demo's local plugin ---------------------------------------------------------------------------

NPS_SITE = {
    "docs/p.md": "---\ntype: persona\nname: Paul\n---\n",
    "docs/j.md": """\
        ---
        type: journey
        title: Acheter
        persona: p
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: A, metrics: {nps: 30, volume: 1000}}
          - {id: t2, stage: recherche, channel: web, action: B, metrics: {nps: 50, volume: 3000}}
          - {id: t3, stage: achat, channel: magasin, action: C, metrics: {nps: -10}}
          - {id: t4, stage: usage, channel: web, action: D}
        ---
        """,
    "docs/k.md": """\
        ---
        type: journey
        title: Sans NPS
        persona: p
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: A, metrics: {volume: 10}}
        ---
        """,
}


def test_local_nps_plugin_adds_a_view_and_an_indicator(make_site) -> None:
    root = make_site(NPS_SITE)
    (root / "plugins").mkdir()
    shutil.copy(REPO / "plugins" / "nps_by_stage.py", root / "plugins")
    result = build_site(read_site_config(root / "mkdocs.yml"))
    assert not result.problems
    text = markdown_of(result, "journeys/j.md")
    assert text.index("## Courbe émotionnelle") < text.index("## NPS par étape")
    table = next(line for line in text.splitlines() if "js-nps-by-stage" in line)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert rows == [("Recherche", "<strong>40</strong>", "2", "4\u202f000"),
                    ("Achat", "<strong>\u221210</strong>", "1", "–"),  # a true minus sign
                    ("Usage", "–", "0", "–")]
    nps = indicator(result, "j", "nps")
    assert (nps.label, nps.value, nps.display) == ("NPS moyen", pytest.approx(70 / 3), "23,3")
    assert "NPS par étape" not in markdown_of(result, "journeys/k.md")  # no NPS, no view
    assert "nps" not in {i.id for i in result.computed.journey_indicators["k"]}

    (root / "mkdocs.yml").write_text(CONFIG.replace("  - journeysite\n", "  - journeysite:\n      disable: [nps_by_stage]\n"))
    quiet = build_site(read_site_config(root / "mkdocs.yml"))
    assert not quiet.problems and "NPS par étape" not in markdown_of(quiet, "journeys/j.md")
