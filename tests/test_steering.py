"""The steering views: departments, budgets, the roadmap and its dependency warnings, the arbitration
chart, pains left unaddressed, target delivery, filters (server side) and the chantiers' CSV.

One small site whose every figure is computed by hand below (default referential, French).
"""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from journeysite.cli import main
from journeysite.defaults.arbitration import CHAR, HEIGHT, LEFT, LINE, PLOT_H, PLOT_W, TOP, WIDTH
from journeysite.export import to_csv, to_json

CONFIG = """\
site_name: Pilotage
docs_dir: docs
theme:
  name: material
  language: fr
plugins:
  - journeysite:
      currency: CHF
      departments:
        - {id: digital, label: Direction digitale, aliases: [DSI]}
        - {id: magasins, label: Direction des magasins}
        - {id: relation-client, label: Relation client}
"""

SITE = {
    "docs/index.md": "# Accueil\n\n::: journeysite unaddressed\n\n::: journeysite delivery\n",
    "docs/p.md": "---\ntype: persona\nname: Paul\n---\n",
    "docs/magasin.md": "---\ntype: channel\nid: magasin\nowner: Direction des magasins\n---\n",
    "docs/achat.md": """\
        ---
        type: journey
        title: Acheter
        persona: p
        target: achat-cible
        tags: [grand public]
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: Je cherche, emotion: irritant,
             importance: {customer: 5, business: 5}, owner: dsi}
          - {id: t2, stage: choix, channel: magasin, action: J'essaie, emotion: deception, chantiers: [c-drop]}
          - {id: t3, stage: achat, channel: telephone, action: J'appelle, emotion: Déception,
             importance: {customer: 2, business: 1}, owner: RELATION-CLIENT, chantiers: [c-live]}
          - {id: t4, stage: usage, channel: web, action: Je profite, emotion: plaisir, owner: digital}
        ---
        """,
    "docs/achat-cible.md": """\
        ---
        type: journey
        title: Acheter (cible)
        persona: p
        state: target
        tags: [cible]
        touchpoints:
          - {id: t1, stage: recherche, channel: web, action: Je trouve, emotion: plaisir, chantiers: [c-done]}
          - {id: t2, stage: choix, channel: magasin, action: J'essaie vite, chantiers: [c-live, c-done]}
          - {id: t3, stage: achat, channel: telephone, action: On me rappelle, chantiers: [c-drop]}
          - {id: t4, stage: usage, channel: web, action: Je profite encore}
        ---
        """,
    "docs/c-done.md": """\
        ---
        type: chantier
        title: Socle
        department: DSI
        status: done
        quarter: 2026-Q2
        budget: 100000
        scores: {customer_importance: 4, business_impact: 4, feasibility: 4, cost: 2, delay: 2}
        ---
        """,
    "docs/c-live.md": """\
        ---
        type: chantier
        title: Essai rapide
        department: Direction des magasins
        status: planned
        quarter: 2026-Q1
        budget: 50000
        depends_on: [c-done]
        scores: {customer_importance: 2, business_impact: 2, feasibility: 2, cost: 4, delay: 4}
        ---
        """,
    "docs/c-drop.md": """\
        ---
        type: chantier
        title: Abandon
        department: relation-client
        status: dropped
        quarter: 2027-Q3
        budget: 999999
        scores: {customer_importance: 3, cost: 3}
        ---
        """,
    "docs/c-idea.md": """\
        ---
        type: chantier
        title: "=Idée"
        department: Marketing
        budget: 20000
        depends_on: [c-drop]
        ---
        """,
    "docs/c-fin.md": """\
        ---
        type: chantier
        title: Fini trop tôt
        department: digital
        status: done
        quarter: 2026-Q3
        depends_on: [c-live]
        scores: {customer_importance: 4, business_impact: 4, feasibility: 4, cost: 2, delay: 2}
        ---
        """,
}
NBSP, NNBSP = "\u00a0", "\u202f"
HREF = "{http://www.w3.org/1999/xlink}href"  # links in SVG


@pytest.fixture
def site(build):
    return build(SITE, CONFIG)


def page(result, doc_path: str) -> str:
    return next(r.markdown for r in result.pages if r.page.doc_path == doc_path)


def block(text: str, marker: str) -> ET.Element:
    """The HTML block (one line) of ``text`` holding ``marker``, parsed (views are well-formed)."""
    lines = [line for line in text.splitlines() if marker in line]
    assert lines, f"{marker!r} not found"
    return ET.fromstring(f"<root>{lines[0]}</root>")


def by_class(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if name in (e.get("class") or "").split()]


def text(element: ET.Element) -> str:
    """The text of ``element``, spaces and newlines collapsed (non-breaking spaces kept)."""
    return re.sub(r"[ \t\n]+", " ", "".join(element.itertext())).strip()


def chf(amount: str) -> str:
    return amount.replace(" ", NNBSP) + NBSP + "CHF"


# -- departments, budgets, warnings ----------------------------------------------------------------

def test_problems_of_the_site_are_hand_listed(site) -> None:
    assert [str(p) for p in site.problems] == [  # a file's own values first, links between files after
        "docs/c-idea.md:4: avertissement\u00a0: «\u00a0department\u00a0» désigne la direction «\u00a0Marketing\u00a0», "
        "absente des «\u00a0departments\u00a0» du site (mkdocs.yml)\u00a0; écrivez l'un des identifiants digital, "
        "magasins, relation-client, un libellé ou un alias, ou ajoutez-la à la liste",
        "docs/c-fin.md:7: avertissement\u00a0: le chantier «\u00a0c-fin\u00a0» est livré, mais «\u00a0c-live\u00a0», dont "
        "il dépend, ne l'est pas\u00a0; mettez à jour l'un des statuts ou retirez la dépendance",
        "docs/c-live.md:8: avertissement\u00a0: le chantier «\u00a0c-live\u00a0» est prévu en T1 2026, avant "
        "«\u00a0c-done\u00a0» (T2 2026) dont il dépend\u00a0; décalez l'un des trimestres ou retirez la dépendance",
    ]


def test_journeysite_check_reports_the_same_warnings(make_site, capsys) -> None:
    root = make_site(SITE, CONFIG)
    assert main(["check", str(root)]) == 0
    assert main(["check", str(root), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "docs/c-live.md:8: avertissement\u00a0: le chantier" in err and "docs/c-fin.md:7: avertissement\u00a0:" in err


def test_departments_are_matched_by_id_label_and_alias_and_owners_fall_back_to_their_channel(site) -> None:
    departments = site.computed.departments
    assert [(d.id, d.label) for d in departments.departments] == [
        ("digital", "Direction digitale"), ("magasins", "Direction des magasins"),
        ("relation-client", "Relation client"), ("marketing", "Marketing")]
    assert departments.of_chantier == {"c-done": "digital", "c-drop": "relation-client", "c-fin": "digital",
                                       "c-idea": "marketing", "c-live": "magasins"}
    # t1 'dsi' (an alias, any case), t2 none: its channel page's owner, t3 'RELATION-CLIENT' (the id, any case)
    assert departments.of_touchpoint == {"achat#t1": "digital", "achat#t2": "magasins", "achat#t3": "relation-client",
                                         "achat#t4": "digital", "achat-cible#t2": "magasins"}
    assert departments.of_channel == {"magasin": "magasins"}
    assert site.site.chantiers["c-done"].department == "digital"  # exports give the id


def test_free_text_departments_are_departments_as_written(build) -> None:
    config = CONFIG[:CONFIG.index("      currency")]
    result = build(SITE, config)
    departments = result.computed.departments
    # by name, case aside; names that differ only by case, accents, spaces or dashes are one department, titled
    # by the name written as a label (DSI and dsi, RELATION-CLIENT and relation-client)
    assert [(d.id, d.label) for d in departments.departments] == [
        ("digital", "digital"), ("direction-des-magasins", "Direction des magasins"), ("dsi", "DSI"),
        ("marketing", "Marketing"), ("relation-client", "RELATION-CLIENT")]
    assert departments.of_touchpoint["achat#t1"] == "dsi" and departments.of_chantier["c-drop"] == "relation-client"
    assert not [p for p in result.problems if "department" in p.message]


@pytest.mark.parametrize("line, message", [
    ("budget: -5", "«\u00a0budget\u00a0» doit valoir au moins 0, et non -5"),
    ("budget: beaucoup", "«\u00a0budget\u00a0» doit être un nombre, et non «\u00a0beaucoup\u00a0»"),
    ("budget: 5e5", "«\u00a0budget\u00a0» doit être un nombre, et non «\u00a05e5\u00a0»\u00a0: YAML lit un "
                    "nombre avec exposant comme du texte s'il n'a pas de point décimal et d'exposant signé\u00a0; écrivez 5.0e+5"),
    ("budget: .nan", "«\u00a0budget\u00a0» doit être un nombre fini compris entre -1\u202f000\u202f000\u202f000\u202f000"
                     "\u202f000 et 1\u202f000\u202f000\u202f000\u202f000\u202f000, pas nan"),
    ("budget: 1.0e+28", "«\u00a0budget\u00a0» doit être un nombre fini compris entre -1\u202f000\u202f000\u202f000"
                        "\u202f000\u202f000 et 1\u202f000\u202f000\u202f000\u202f000\u202f000, pas 1e+28"),
    ("budget: true", "«\u00a0budget\u00a0» doit être un nombre, et non true"),
])
def test_a_bad_budget_is_an_error_at_its_line(build, line: str, message: str) -> None:
    result = build({"docs/c.md": f"---\ntype: chantier\ntitle: C\n{line}\n---\n"})
    assert [str(p) for p in result.problems] == [f"docs/c.md:4: {message}"]


def test_a_bad_currency_is_an_error_at_its_line(build) -> None:
    result = build(SITE, CONFIG.replace("currency: CHF", "currency: euros"))
    problems = [str(p) for p in result.problems if p.path == "mkdocs.yml"]
    assert problems == ["mkdocs.yml:8: «\u00a0currency\u00a0» doit être un code de devise ISO 4217, comme EUR, USD "
                        "ou CHF, et non «\u00a0euros\u00a0»"]


def test_department_page_gathers_its_chantiers_touchpoints_pains_and_share(site) -> None:
    digital = page(site, "departments/digital.md")
    summary = {text(f.find("dt")): text(f.find("dd")) for f in by_class(block(digital, "js-department-summary"),
                                                                         "js-fact")}
    assert summary == {"Autres appellations": "DSI", "Chantiers retenus": "2", "Budget": chf("100 000"),
                       "Points de contact dont elle a la charge": "2", "Irritants": "1",
                       "Irritants sans chantier": "1"}
    sections = block(digital, "js-department-chantiers").iter("section")
    assert [(s.get("data-status"), [text(a) for a in s.iter("a")]) for s in sections] == [
        ("done", ["Socle", "Fini trop tôt"])]  # by priority (75 each), then id
    shares = by_class(block(digital, "js-roadmap-shares"), "js-roadmap-shares")[0]
    rows = [[text(td) for td in tr.iter("td")] for tr in shares.iter("tr") if list(tr.iter("td"))]
    # live: c-done, c-fin (digital), c-live, c-idea; budgets 100 000 of 170 000 (c-drop is dropped)
    assert rows == [["Direction digitale", "2", f"50{NBSP}%", chf("100 000"), f"59{NBSP}%"],
                    ["Toutes les directions", "4", f"100{NBSP}%", chf("170 000"), f"100{NBSP}%"]]
    pains = block(digital, 'class="js-pains"')
    assert [a.get("href") for a in pains.iter("a") if "#tp-" in a.get("href")] == ["../../journeys/achat/#tp-t1"]
    owned = block(digital, "js-department-touchpoints")
    assert [a.get("href") for a in owned.iter("a") if "#tp-" in a.get("href")] == [
        "../../journeys/achat/#tp-t1", "../../journeys/achat/#tp-t4"]
    magasins = page(site, "departments/magasins.md")
    assert [a.get("href") for a in block(magasins, "js-department-summary").iter("a")] == ["../../channels/magasin/"]


def test_a_department_page_says_why_it_has_no_pain(site, build) -> None:
    marketing = page(site, "departments/marketing.md")  # a chantier, but no touchpoint
    assert text(block(marketing, "Aucun irritant")) == ("Aucun irritant\u00a0: cette direction n'est responsable "
                                                          "d'aucun point de contact.")
    assert text(block(marketing, "js-department-touchpoints")).startswith(
        "Cette direction n'est responsable d'aucun point de contact. Un point de contact relève d'une direction par "
        "son «\u00a0owner\u00a0»")
    happy = build({"docs/j.md": "---\ntype: journey\ntitle: J\npersona: p\ntouchpoints:\n  - {id: t1, stage: achat, "
                                "channel: web, action: J'achète, emotion: plaisir, owner: Marketing}\n---\n",
                   "docs/p.md": "---\ntype: persona\nname: P\n---\n"}, CONFIG)
    assert text(block(page(happy, "departments/marketing.md"), "Aucun irritant")) == (
        "Aucun irritant\u00a0: aucun des points de contact dont cette direction est responsable n'a d'émotion "
        "négative.")


def test_departments_index_lists_every_department(site) -> None:
    index = page(site, "departments/index.md")
    rows = [[text(td) for td in tr.iter("td")] for tr in block(index, "js-index").iter("tr") if list(tr.iter("td"))]
    assert [r[:6] for r in rows] == [
        ["Direction digitale", "2", chf("100 000"), "2", "1", "1"],
        ["Direction des magasins", "1", chf("50 000"), "2", "1", "1"],
        ["Relation client", "0", "–", "1", "1", "0"],
        ["Marketing", "1", chf("20 000"), "0", "0", "0"]]


# -- the roadmap -------------------------------------------------------------------------------------

def test_roadmap_places_every_chantier_in_its_quarter_and_lane(site) -> None:
    roadmap = site.computed.roadmap
    assert roadmap.quarters == ("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2027-Q1", "2027-Q2", "2027-Q3")
    assert roadmap.lanes == ("digital", "magasins", "relation-client", "marketing")
    assert {c: (p.quarter, p.lane) for c, p in roadmap.placement.items()} == {
        "c-done": ("2026-Q2", "digital"), "c-fin": ("2026-Q3", "digital"), "c-live": ("2026-Q1", "magasins"),
        "c-drop": ("2027-Q3", "relation-client"), "c-idea": (None, "marketing")}
    board = block(page(site, "roadmap/index.md"), 'id="js-roadmap"')
    years = board.findall(".//section")
    assert [text(s.find("h3")) for s in years] == ["2026", "2027", "Non planifiés"]
    placed = {}
    for section in years:
        heads = [text(th) for th in section.find(".//thead").iter("th")]
        for tr in section.find(".//tbody").findall("tr"):
            lane = text(tr.find("th").find("a"))
            for column, td in zip(heads[1:], tr.findall("td")):
                for card in by_class(td, "js-roadmap-card"):
                    placed[card.get("id")] = (column, lane)
    assert placed == {"js-roadmap-c-done": ("T2 2026", "Direction digitale"),
                      "js-roadmap-c-fin": ("T3 2026", "Direction digitale"),
                      "js-roadmap-c-live": ("T1 2026", "Direction des magasins"),
                      "js-roadmap-c-drop": ("T3 2027", "Relation client"),
                      "js-roadmap-c-idea": ("Non planifiés", "Marketing")}
    # dropped: hidden until asked for, with its lane and its year (nothing else there)
    drop = next(c for c in by_class(board, "js-roadmap-card") if c.get("id") == "js-roadmap-c-drop")
    assert drop.get("hidden") == "" and drop.get("data-js-default-hidden") == ""
    assert years[1].get("hidden") == "" and years[0].get("hidden") is None


def test_roadmap_sums_live_budgets_per_quarter_lane_and_year(site) -> None:
    board = block(page(site, "roadmap/index.md"), 'id="js-roadmap"')
    first = board.findall(".//section")[0]
    sums = {s.get("data-js-sum"): text(s) for s in by_class(first, "js-roadmap-sum")}
    assert sums == {"department=digital": chf("100 000"), "department=magasins": chf("50 000"),
                    "": chf("150 000"), "quarter=2026-q1": chf("50 000"), "quarter=2026-q2": chf("100 000"),
                    "quarter=2026-q3": "–", "quarter=2026-q4": "–"}
    cards = {c.get("id"): c.get("data-budget") for c in by_class(board, "js-roadmap-card")}
    assert cards["js-roadmap-c-done"] == "100000" and cards["js-roadmap-c-fin"] is None


def test_a_chantier_without_department_has_a_lane_of_its_own(build) -> None:
    result = build({"docs/c.md": "---\ntype: chantier\ntitle: Orphelin\nquarter: 2026-Q4\nbudget: 5000\n---\n"})
    board = block(page(result, "roadmap/index.md"), 'id="js-roadmap"')
    lane = board.find(".//tbody/tr/th")
    total = by_class(lane, "js-roadmap-sum")[0]
    assert text(lane).startswith("Sans direction") and text(total) == "5\u202f000\u00a0€"
    assert total.get("data-js-sum") == "department=_none"  # the token of its cards
    assert by_class(board, "js-roadmap-card")[0].get("data-f-department") == "_none"
    assert not list(result.computed.departments.departments)


def test_dependencies_show_on_both_cards_and_warnings_on_both_ends(site) -> None:
    board = block(page(site, "roadmap/index.md"), 'id="js-roadmap"')
    cards = {c.get("id").removeprefix("js-roadmap-"): c for c in by_class(board, "js-roadmap-card")}
    live = cards["c-live"]
    needs = by_class(live, "js-roadmap-depends")[0]
    assert [a.get("href") for a in needs.iter("a")] == ["#js-roadmap-c-done"]  # the other card, on this page
    assert [text(w) for w in by_class(needs, "js-roadmap-warning")] == ["⚠\u00a0prévu plus tard"]
    enables = by_class(cards["c-done"], "js-roadmap-required")[0]
    assert [a.get("href") for a in enables.iter("a")] == ["#js-roadmap-c-live"]
    assert [text(w) for w in by_class(enables, "js-roadmap-warning")] == ["⚠\u00a0prévu plus tôt"]
    assert [text(w) for w in by_class(cards["c-fin"], "js-roadmap-warning")] == ["⚠\u00a0pas encore livré"]
    assert "⚠\u00a0déjà livré" in [text(w) for w in by_class(cards["c-live"], "js-roadmap-warning")]
    assert "js-roadmap-warned" in cards["c-live"].get("class") and "js-roadmap-warned" not in cards["c-idea"].get("class")


def test_a_department_roadmap_embeds_its_lane(build) -> None:
    files = {**SITE, "docs/plan.md": "# Plan\n\n::: journeysite roadmap department=magasins\n"
                                     "::: journeysite roadmap department=marketting\n"}
    result = build(files, CONFIG)
    html = result.ordinary["plan.md"]
    board = block(html, 'id="js-roadmap-magasins"')
    assert [c.get("id") for c in by_class(board, "js-roadmap-card")] == ["js-roadmap-magasins-c-live"]
    # a dependency off this board links to the chantier's page
    assert [a.get("href") for a in by_class(board, "js-roadmap-depends")[0].iter("a")] == ["../chantiers/c-done/"]
    assert [str(p) for p in result.problems if p.path == "docs/plan.md"] == [
        "docs/plan.md:4: directive journeysite\u00a0: vue «\u00a0roadmap\u00a0»\u00a0: direction «\u00a0marketting\u00a0» "
        "introuvable (vouliez-vous dire «\u00a0marketing\u00a0»\u00a0?) (directions\u00a0: digital, magasins, "
        "relation-client, marketing)"]


# -- the arbitration chart ----------------------------------------------------------------------------

def chart(result, doc_path: str = "chantiers/index.md") -> ET.Element:
    return block(page(result, doc_path), 'class="js-arbitration"')


def test_chart_puts_each_scored_chantier_in_its_quadrant_and_only_those(site) -> None:
    svg = chart(site).find(".//svg")
    mid_x, mid_y = LEFT + PLOT_W / 2, TOP + PLOT_H / 2
    where = {}
    for marker in svg.iter():
        if marker.get("data-chantiers"):
            circle = marker.find("circle")
            x, y = float(circle.get("cx")), float(circle.get("cy"))
            quadrant = {(True, True): "quick_win", (False, True): "major_project", (True, False): "fill_in",
                        (False, False): "thankless"}[(x < mid_x, y < mid_y)]
            for chantier in marker.get("data-chantiers").split():
                where[chantier] = quadrant
    # c-done and c-fin: value 4, effort 2; c-live: value 2, effort 4; c-drop: value 3, effort 3 (on both
    # lines, drawn inside its quadrant); c-idea has no scores
    assert where == {"c-done": "quick_win", "c-fin": "quick_win", "c-live": "thankless", "c-drop": "major_project"}
    assert where == {c: q for c, q in site.computed.quadrant.items() if q}
    groups = by_class(svg, "js-arb-group")
    assert [g.get("data-chantiers") for g in groups] == ["c-done c-fin"]  # one marker for one spot
    missing = by_class(chart(site), "js-arbitration-missing")[0]
    assert [a.get("href") for a in missing.iter("a")] == ["c-idea/"]


def test_chart_names_quadrants_and_has_a_text_alternative(site) -> None:
    root = chart(site)
    svg = root.find(".//svg")
    titles = [text(t) for t in by_class(svg, "js-arb-quadrant-title")]
    assert titles == ["Gains rapides (2)", "Projets majeurs (1)", "Bouche-trous (0)", "Tâches ingrates (1)"]
    assert svg.get("aria-labelledby") == "js-arbitration-title"
    desc = svg.find("desc").text
    assert desc.startswith("4 chantiers placés selon leur valeur et leur effort\u00a0: 2 gains rapides, 1 projet majeur, "
                           "0 bouche-trou, 1 tâche ingrate.")
    rows = [[text(td) for td in tr.iter("td")] for tr in root.find(".//details").iter("tr") if list(tr.iter("td"))]
    assert [r[:5] for r in rows] == [["1", "Socle", "4", "2", "Gain rapide"], ["2", "Fini trop tôt", "4", "2", "Gain rapide"],
                                     ["3", "Abandon", "3", "3", "Projet majeur"],
                                     ["4", "Essai rapide", "2", "4", "Tâche ingrate"]]
    labels = {a.get(HREF): text(a) for a in by_class(svg, "js-arb-label")}
    assert labels and not [a for a in svg.iter("a") if a.get("href")]  # xlink:href: see arbitration.svg_link
    assert labels["c-live/"].startswith("4. Essai rapide")
    tooltip = next(a for a in svg.iter("a") if a.get("data-chantiers") == "c-live").find(".//title").text
    assert tooltip == "4. Essai rapide\u00a0: Tâche ingrate\u00a0; valeur 2, effort 4\u00a0; priorité 25\u202f/\u202f100\u00a0; Planifié"


def label_boxes(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    """The box of each label line (an <a class="js-arb-label"><text>), from its position and length."""
    boxes = []
    for a in by_class(svg, "js-arb-label"):
        t = a.find("text")
        x, y = float(t.get("x")), float(t.get("y"))
        boxes.append((x, y - LINE + 3, len(t.text) * CHAR, LINE - 1))
    return boxes


def test_chart_labels_never_overlap_on_a_crowded_chart(build) -> None:
    files = {"docs/p.md": "---\ntype: persona\nname: P\n---\n"}
    for n in range(24):  # 24 chantiers on a 5 x 5 grid of spots: some share one
        scores = f"{{customer_importance: {1 + n % 5}, cost: {1 + (n * 3) % 5}}}"
        files[f"docs/c{n:02d}.md"] = f"---\ntype: chantier\ntitle: Chantier numéro {n} au titre assez long\n" \
                                     f"scores: {scores}\n---\n"
    svg = chart(build(files)).find(".//svg")
    boxes = label_boxes(svg)
    assert len(boxes) >= 20
    for i, (x, y, w, h) in enumerate(boxes):
        assert 0 <= x and x + w <= WIDTH + 1 and 0 <= y and y + h <= HEIGHT, (x, y, w, h)
        for (x2, y2, w2, h2) in boxes[i + 1:]:
            overlap_x = min(x + w, x2 + w2) - max(x, x2)
            overlap_y = min(y + h, y2 + h2) - max(y, y2)
            assert overlap_x <= 1 or overlap_y <= 1, ((x, y, w, h), (x2, y2, w2, h2))
    numbered = {re.match(r"\d+", a.find("text").text).group(0) for a in by_class(svg, "js-arb-label")}
    assert numbered == {str(n) for n in range(1, 25)}  # every chantier is labelled (by its number at least)


# -- pains left unaddressed, target delivery -----------------------------------------------------------

def test_pains_left_unaddressed_come_first_on_the_pains_page(site) -> None:
    # achat#t1: irritant, 2*(5+5) = 20, no chantier; achat#t2: deception 1*(3+3) = 6, only a dropped chantier;
    # achat#t3: 1*(2+1) = 3, improved by c-live (planned); target journeys never count
    assert site.computed.unaddressed == ("achat#t1", "achat#t2")
    pains = page(site, "pains/index.md")
    assert pains.index("## 2 irritants sans chantier") < pains.index("## Tous les irritants, par criticité")
    left = block(pains, 'id="js-unaddressed"')
    assert [a.get("href") for a in left.iter("a") if "#tp-" in a.get("href")] == ["../journeys/achat/#tp-t1",
                                                                                  "../journeys/achat/#tp-t2"]
    ranking = block(pains, 'id="js-pains-ranking"')
    marked = [tr for tr in ranking.iter("tr") if by_class(tr, "js-unaddressed-badge")]
    assert len(marked) == 2
    home = site.ordinary["index.md"]
    summary = block(home, "js-unaddressed-summary")
    assert text(summary).startswith("2 points de contact critiques ne sont traités par aucun chantier retenu.")
    assert [a.get("href") for a in summary.iter("a")] == ["pains/#js-unaddressed"]


def test_target_delivery_shows_progress_and_what_still_waits(site) -> None:
    # achat-cible: t1 served by c-done (done); t2 by c-live (planned) and c-done; t3 only by c-drop (dropped);
    # t4 by none: 2 served, 1 delivered
    assert site.computed.progress["achat-cible"] == 0.5
    delivery = block(page(site, "journeys/achat-cible.md"), 'class="js-delivery"')
    bar = delivery.find(".//*[@role='progressbar']")
    assert (bar.get("aria-valuenow"), text(by_class(delivery, "js-progress-value")[0])) == ("50", f"50{NBSP}%")
    assert "Livrés\u00a0: 1 sur 2 points de contact" in text(delivery)
    rows = [tr.findall("td") for tr in delivery.iter("tr") if tr.findall("td")]
    assert [(text(r[0]), [a.get("href") for a in r[2].iter("a")]) for r in rows] == [
        ("2. J'essaie vite", ["../../chantiers/c-live/"])]
    assert "js-delivery" not in page(site, "journeys/achat.md")  # current journeys have no delivery
    home = block(site.ordinary["index.md"], "js-delivery-all")
    assert [[text(td) for td in tr.findall("td")] for tr in home.iter("tr") if tr.findall("td")] == [
        ["Acheter (cible)", f"50{NBSP}%", "1", "1", "T1 2026"]]


# -- filters (what the browser gets) --------------------------------------------------------------------

def test_filter_bars_are_hidden_without_javascript_and_rows_carry_their_values(site) -> None:
    index = block(page(site, "chantiers/index.md"), 'id="js-chantiers"')
    form = index.find(".//form")
    assert form.get("hidden") == "" and form.get("data-js-for") == "js-chantiers"
    options = {s.get("name"): [o.get("value") for o in s.iter("option")] for s in form.iter("select")}
    assert options == {"status": ["", "idea", "planned", "done", "dropped"],
                       "department": ["", "digital", "magasins", "relation-client", "marketing"],
                       "quarter": ["", "2026-q1", "2026-q2", "2026-q3", "2027-q3", "unscheduled"],
                       "quadrant": ["", "quick_win", "major_project", "thankless"]}
    rows = {tr.find(".//a").get("href"): tr for tr in index.find(".//tbody").findall("tr")}
    live = rows["c-live/"].attrib
    assert (live["data-f-status"], live["data-f-department"], live["data-f-quarter"], live["data-f-quadrant"]) == (
        "planned", "magasins", "2026-q1", "thankless")
    assert rows["c-idea/"].get("data-f-quarter") == "unscheduled"
    assert not [tr for tr in rows.values() if tr.get("hidden") is not None]  # complete without JavaScript
    journeys = block(page(site, "journeys/index.md"), 'id="js-journeys"')
    achat = next(tr for tr in journeys.find(".//tbody").findall("tr") if tr.find(".//a").get("href") == "achat/")
    assert (achat.get("data-f-tag"), achat.get("data-f-channel"), achat.get("data-f-stage")) == (
        "grand-public", "web magasin telephone", "recherche choix achat usage")


# -- export ------------------------------------------------------------------------------------------------

def test_json_has_departments_roadmap_issues_and_unaddressed_pains(site) -> None:
    doc = json.loads(to_json_ok(site))
    assert doc["currency"] == "CHF"
    assert [d["id"] for d in doc["departments"]] == ["digital", "magasins", "relation-client", "marketing"]
    assert doc["departments"][0]["chantiers"] == ["c-done", "c-fin"]
    assert doc["departments"][1]["channels"] == ["magasin"]
    assert doc["roadmap"]["lanes"] == ["digital", "magasins", "relation-client", "marketing"]
    assert {p["chantier"]: p["quarter"] for p in doc["roadmap"]["placement"]}["c-idea"] is None
    assert doc["roadmap"]["dependency_issues"] == [
        {"chantier": "c-fin", "depends_on": "c-live", "reason": "done_before"},
        {"chantier": "c-live", "depends_on": "c-done", "reason": "scheduled_before"}]
    assert doc["unaddressed_pains"] == ["achat#t1", "achat#t2"]
    chantiers = {c["id"]: c for c in doc["chantiers"]}
    assert (chantiers["c-done"]["budget"], chantiers["c-fin"]["budget"]) == (100000, None)
    touchpoints = {t["id"]: t for t in doc["journeys"][0]["touchpoints"]}
    assert (touchpoints["t1"]["department"], touchpoints["t1"]["unaddressed"]) == ("digital", True)


def to_json_ok(result) -> str:
    assert not result.errors
    return to_json(result)


def test_csv_of_chantiers_every_field_ids_and_titles(site, make_site, capsys) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(site, rows="chantiers").removeprefix("\ufeff")), delimiter=";"))
    assert rows[0] == ["Identifiant", "Titre", "Statut", "Direction", "Responsable", "Livraison prévue", "Budget",
                       "Priorité", "Quadrant", "Importance client", "Impact entreprise", "Faisabilité", "Coût",
                       "Délai de mise en œuvre", "Objectifs", "Points de contact", "Dépend de"]
    # by priority: c-done 75, c-fin 75 (then id), c-drop 50, c-live 25, c-idea (none)
    assert [r[0] for r in rows[1:]] == ["c-done", "c-fin", "c-drop", "c-live", "c-idea"]
    live = rows[4]
    assert live == ["c-live", "Essai rapide", "Planifié", "Direction des magasins", "", "T1 2026", "50000", "25",
                    "Tâche ingrate", "2", "2", "2", "4", "4", "",
                    "Acheter — J'appelle | Acheter (cible) — J'essaie vite", "Socle"]
    idea = rows[5]
    assert idea[:9] == ["c-idea", "'=Idée", "Idée", "Marketing", "", "", "20000", "", ""]  # formula-safe
    root = make_site(SITE, CONFIG)
    assert main(["export", "csv", str(root), "--rows", "chantiers", "--ids", "--sep", ","]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff") and "\r\n" in out
    by_id = {r[0]: r for r in csv.reader(io.StringIO(out.removeprefix("\ufeff")))}
    assert by_id["c-live"][2:9] == ["planned", "magasins", "", "2026-Q1", "50000", "25", "thankless"]
    assert by_id["c-live"][15:] == ["achat#t3 | achat-cible#t2", "c-done"]
    assert main(["export", "csv", str(root), "--rows", "personas"]) == 2  # a usage error


# -- the demo and the docs/format.md site: every chantier where docs/format.md puts it ---------------------------

def format_and_demo_sites(build):
    from pathlib import Path

    from sites import FORMAT_CONFIG, FORMAT_SITE

    from journeysite.build import build_site
    from journeysite.config import read_site_config
    demo = build_site(read_site_config(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    return [build(FORMAT_SITE, FORMAT_CONFIG), demo]


def expected_lane(result, chantier) -> str:
    """The lane docs/format.md gives a chantier, read from its file: its department's label in the site's list,
    else the name as written, else no department."""
    written = chantier.department
    listed = {d.id: d.label for d in result.site.referential.departments}
    return listed.get(written, written) if written else "Sans direction"


def test_every_chantier_of_the_demo_and_format_site_is_in_its_quarter_and_lane(build) -> None:
    from journeysite.formatting import quarter
    for result in format_and_demo_sites(build):
        assert not result.errors, result.problems
        board = block(page(result, "roadmap/index.md"), 'id="js-roadmap"')
        placed = {}
        for section in board.iter("section"):
            heads = [text(th) for th in section.find(".//thead").iter("th")]
            for tr in section.find(".//tbody").findall("tr"):
                name = tr.find("th").find("a")  # a department's link, or the words "no department"
                lane = text(name) if name is not None else tr.find("th").text.strip()
                for column, td in zip(heads[1:], tr.findall("td")):
                    for card in by_class(td, "js-roadmap-card"):
                        assert card.get("id") not in placed, card.get("id")  # once
                        placed[card.get("id").removeprefix("js-roadmap-")] = (column, lane)
        expected = {c.id: (quarter(c.quarter, "fr") if c.quarter else "Non planifiés", expected_lane(result, c))
                    for c in result.site.chantiers.values()}
        assert placed == expected


def test_the_chart_of_the_demo_and_format_site_puts_each_scored_chantier_in_its_quadrant(build) -> None:
    from statistics import mean
    mid_x, mid_y = LEFT + PLOT_W / 2, TOP + PLOT_H / 2
    for result in format_and_demo_sites(build):
        criteria = result.site.referential.criteria
        expected = {}
        for chantier in result.site.chantiers.values():  # docs/format.md's quadrant, from the raw scores
            value = [chantier.scores[c.id] for c in criteria if not c.inverse and c.id in chantier.scores]
            effort = [chantier.scores[c.id] for c in criteria if c.inverse and c.id in chantier.scores]
            if value and effort:
                expected[chantier.id] = (mean(value) >= 3, mean(effort) >= 3)
        drawn = {}
        for marker in chart(result).find(".//svg").iter():
            if marker.get("data-chantiers"):
                circle = marker.find("circle")
                high_value, high_effort = float(circle.get("cy")) < mid_y, float(circle.get("cx")) > mid_x
                drawn.update({c: (high_value, high_effort) for c in marker.get("data-chantiers").split()})
        assert drawn == expected


def test_an_english_site_says_workstream_everywhere(build) -> None:
    """One English term for a chantier: no page text, heading, caption or tooltip says 'chantier'."""
    result = build(SITE, CONFIG.replace("language: fr", "language: en"))
    said = []
    for rendered in result.pages:
        words = re.sub(r"<[^>]+>", " ", rendered.markdown)  # text, headings, captions, table headers
        words += " ".join(re.findall(r'(?:title|aria-label|alt)="([^"]*)"', rendered.markdown))
        said += [f"{rendered.page.doc_path}: {m.group(0)}" for m in re.finditer(r".{0,30}\b[Cc]hantiers?\b.{0,30}",
                                                                                 words)]
    assert said == []
    assert "Dependencies between workstreams" in page(result, "chantiers/index.md")
