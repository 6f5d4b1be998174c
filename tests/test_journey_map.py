"""The journey map views: matrix, emotion curve, heatmap, pains ranking, embedding, indicators.

Sites are written by hand; the views are parsed as XML (they are well-formed
XHTML/SVG fragments), never grepped; expected figures are computed by hand
from docs/format.md's definitions.
"""
from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
import markdown
import pytest
from conftest import MKDOCS_YML as CONFIG

from journeysite.build import SiteBuild


# Default referential: stages recherche, choix, achat, usage, apres-vente; channels web, appli, email,
# telephone, reseaux, magasin, courrier; emotions enchantement 2, plaisir 1, satisfaction 0, deception -1,
# irritant -2.
SITE = {
    "docs/index.md": "# Accueil\n",
    "docs/personas/quentin.md": """\
        ---
        type: persona
        name: Quentin
        ---
        """,
    "docs/personas/lea.md": """\
        ---
        type: persona
        name: Léa
        ---
        """,
    "docs/parcours/achat.md": """\
        ---
        type: journey
        title: Acheter
        persona: quentin
        target: achat-cible
        touchpoints:
          - id: t1
            stage: recherche
            step: Je prépare
            channel: web
            action: Je lis les fiches
            emotion: plaisir
            expectations: [Des conseils adaptés]
            importance: {customer: 4, business: 3}
            chantiers: [fiches]
          - id: t2
            stage: recherche
            step: Je compare
            channel: appli
            action: Je compare les prix
          - id: t3
            stage: choix
            channel: magasin
            action: J'essaie le sac
            emotion: deception
            moment_of_truth: true
            importance: {customer: 5, business: 5}
          - id: t4
            stage: achat
            channel: magasin
            action: Je paie en caisse
            emotion: irritant
            rupture: true
            irritants: [Ressaisie, Attente]
          - id: t5
            stage: achat
            channel: web
            action: Je reçois la confirmation
            emotion: satisfaction
          - id: t6
            stage: recherche
            step: Je prépare
            channel: web
            action: Je relis les fiches avant de racheter
            emotion: enchantement
          - id: t7
            stage: usage
            channel: telephone
            action: J'appelle le service client
            emotion: deception
            importance: {customer: 2}
        ---
        """,
    "docs/parcours/achat-cible.md": """\
        ---
        type: journey
        title: Acheter (cible)
        persona: [quentin, lea]
        state: target
        touchpoints:
          - id: t1
            stage: recherche
            channel: web
            action: Je lis des fiches personnalisées
            emotion: enchantement
          - id: t3
            stage: achat
            channel: magasin
            action: Le vendeur me reconnaît
            emotion: plaisir
            chantiers: [fiche-client]
        ---
        """,
    "docs/parcours/sav.md": """\
        ---
        type: journey
        title: Faire réparer
        persona: lea
        stages: [recherche, choix, achat, usage, apres-vente]
        touchpoints:
          - id: s1
            stage: achat
            channel: magasin
            action: Je dépose mon vélo
            emotion: irritant
            importance: {customer: 1, business: 1}
          - id: s2
            stage: apres-vente
            channel: telephone
            action: Je relance l'atelier
            emotion: deception
            importance: {customer: 5, business: 5}
        ---
        """,
    "docs/chantiers/fiches.md": """\
        ---
        type: chantier
        title: Fiches conseils
        status: done
        touchpoints: [achat-cible#t1]
        ---
        """,
    "docs/chantiers/fiche-client.md": """\
        ---
        type: chantier
        title: Fiche client unique
        status: planned
        ---
        """,
}


# -- helpers ----------------------------------------------------------------------------------------

def page(result: SiteBuild, doc_path: str) -> str:
    return next(p.markdown for p in result.pages if p.page.doc_path == doc_path)


def fragment(text: str, marker: str) -> ET.Element:
    """The HTML block of ``text`` holding ``marker``, parsed as XML (views are well-formed)."""
    lines = [line for line in text.splitlines() if marker in line]
    assert lines, f"{marker!r} not found"
    return ET.fromstring(f"<root>{lines[0]}</root>")


def by_class(element: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in element.iter() if name in (e.get("class") or "").split()]


def one(element: ET.Element, name: str) -> ET.Element:
    found = by_class(element, name)
    assert len(found) == 1, (name, len(found))
    return found[0]


def text(element: ET.Element) -> str:
    return "".join(element.itertext())


def matrix_grid(table: ET.Element) -> dict[tuple[str, str, str | None], list[ET.Element]]:
    """Each body cell of a matrix by (channel row header, stage header, step header or None); a stage
    header met again (a loop) is named ``Stage (2)``."""
    head = table.find("thead").findall("tr")
    first = head[0].findall("*")[1:]  # after the corner cell
    second = iter(head[1].findall("*")) if len(head) > 1 else iter(())
    columns = []
    seen: dict[str, int] = {}
    for cell in first:
        span = int(cell.get("colspan", "1"))
        seen[text(cell)] = seen.get(text(cell), 0) + 1
        stage = text(cell) + (f" ({seen[text(cell)]})" if seen[text(cell)] > 1 else "")
        if len(head) > 1 and cell.get("rowspan") != "2":
            columns += [(stage, text(next(second))) for _ in range(span)]
        else:
            columns += [(stage, None)] * span
    grid = {}
    for row in table.find("tbody").findall("tr"):
        header, *cells = row.findall("*")
        assert header.tag == "th" and header.get("scope") == "row"
        assert len(cells) == len(columns)
        for (stage, step), cell in zip(columns, cells):
            grid[(text(header), stage, step)] = by_class(cell, "js-mcard")
    return grid


def card_summary(card: ET.Element) -> tuple[str, str]:
    return text(one(card, "js-mcard-num")), text(one(card, "js-mcard-action"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> SiteBuild:
    from conftest import write_site
    from journeysite.build import build_site
    from journeysite.config import read_site_config
    root = write_site(tmp_path_factory.mktemp("map"), SITE, CONFIG)
    return build_site(read_site_config(root / "mkdocs.yml"))


# -- the matrix ---------------------------------------------------------------------------------------

def test_site_builds_without_problems(site: SiteBuild) -> None:
    assert [str(p) for p in site.problems] == []


def test_matrix_puts_every_touchpoint_in_its_channel_row_and_stage_column(site: SiteBuild) -> None:
    table = fragment(page(site, "journeys/achat.md"), 'class="js-matrix"').find(".//table")
    grid = matrix_grid(table)
    placed = {key: [card_summary(c) for c in cards] for key, cards in grid.items() if cards}
    assert placed == {
        # micro-steps are sub-columns of their stage; the loop back to recherche is a block of its own
        ("Site web", "Recherche", "Je prépare"): [("1", "Je lis les fiches")],
        ("Application mobile", "Recherche", "Je compare"): [("2", "Je compare les prix")],
        ("Magasin", "Choix", None): [("3", "J'essaie le sac")],
        ("Magasin", "Achat", None): [("4", "Je paie en caisse")],
        ("Site web", "Achat", None): [("5", "Je reçois la confirmation")],
        ("Site web", "Recherche (2)", "Je prépare"): [("6", "Je relis les fiches avant de racheter")],
        ("Téléphone", "Usage", None): [("7", "J'appelle le service client")],
    }
    # columns: the stages in the order lived (without a 'stages' list, only those its touchpoints use:
    # no empty Après-vente); rows: channels used, referential order
    stages = [text(th) for th in table.find("thead").find("tr").findall("th")]
    assert stages == ["Canal \\ Étape", "Recherche", "Choix", "Achat", "Recherche", "Usage"]
    assert all(th.get("scope") == "col" for th in table.find("thead").iter("th"))
    # stages its 'stages' list names without touchpoints keep their place among the others
    sav = fragment(page(site, "journeys/sav.md"), 'class="js-matrix"').find(".//table")
    assert [text(th) for th in sav.find("thead").find("tr").findall("th")][1:] == \
        ["Recherche", "Choix", "Achat", "Usage", "Après-vente"]
    rows = [text(tr.find("th")) for tr in table.find("tbody").findall("tr")]
    assert rows == ["Site web", "Application mobile", "Téléphone", "Magasin"]


def test_matrix_cards_carry_emotion_marks_and_links(site: SiteBuild) -> None:
    table = fragment(page(site, "journeys/achat.md"), 'class="js-matrix"')
    cards = {text(one(c, "js-mcard-num")): c for c in by_class(table, "js-mcard")}
    first = cards["1"]
    emotion = one(first, "js-emotion")
    # a face, not colour alone: faces.css draws it for these classes (checked in test_pages)
    assert "Plaisir" in text(emotion) and {"js-face", "js-emo-1"} <= set(emotion.get("class").split())
    assert one(first, "js-mcard-num").get("href") == "#tp-t1"
    assert [(a.get("href"), text(a)) for a in one(first, "js-mcard-chantiers").iter("a")] == \
        [("../../chantiers/fiches/", "Fiches conseils")]
    marks = {abbr.get("title"): text(abbr) for abbr in cards["3"].iter("abbr")}
    assert marks == {"Moment de vérité": "MV"}
    assert {abbr.get("title") for abbr in cards["4"].iter("abbr")} == {"Point de rupture"}
    assert by_class(cards["4"], "js-icon-rupture")  # an icon with the text
    missing = one(cards["2"], "js-emotion")
    assert "js-emo-none" in cards["2"].get("class")
    assert (text(missing), missing.get("title")) == ("Non renseignée", "Émotion non renseignée")
    # the legend says what the marks on the cards stand for
    legend = one(fragment(page(site, "journeys/achat.md"), "js-matrix-legend"), "js-matrix-legend")
    assert [text(li) for li in legend.findall("li")] == [" MV\u00a0: Moment de vérité", " PR\u00a0: Point de rupture"]


def test_persona_matrices_show_their_current_then_their_target_journeys(site: SiteBuild) -> None:
    # the lived and the imagined are never mixed: one matrix per state, current first
    text_ = page(site, "personas/lea.md")
    assert text_.index("## Matrice canaux × étapes de ses parcours actuels") \
        < text_.index("## Matrice canaux × étapes de ses parcours cibles")
    current, target = (ET.fromstring(f"<root>{line}</root>").find(".//table")
                       for line in text_.splitlines() if 'class="js-matrix"' in line)
    labels = {state: {key: [text(one(c, "js-mcard-journey")) for c in cards]
                      for key, cards in matrix_grid(table).items() if cards}
              for state, table in (("current", current), ("target", target))}
    assert labels == {
        "current": {("Magasin", "Achat", None): ["Faire réparer"],
                    ("Téléphone", "Après-vente", None): ["Faire réparer"]},
        "target": {("Site web", "Recherche", None): ["Acheter (cible)"],
                   ("Magasin", "Achat", None): ["Acheter (cible)"]},
    }
    link = by_class(target, "js-mcard-journey")[0]
    assert (link.tag, link.get("href")) == ("a", "../../journeys/achat-cible/")
    action = by_class(target, "js-mcard-action")[0]
    assert (action.tag, action.get("href")) == ("a", "../../journeys/achat-cible/#tp-t1")
    # Quentin's target journey is Léa's too; his current one has no target card
    assert "parcours cibles" in page(site, "personas/quentin.md")


def test_views_come_in_order_matrix_then_curve(site: SiteBuild) -> None:
    text_ = page(site, "journeys/achat.md")
    assert text_.index("## Matrice canaux × étapes") < text_.index("## Courbe émotionnelle")
    assert "## Matrice canaux × étapes de ses parcours actuels" in page(site, "personas/quentin.md")


# -- the emotion curve ----------------------------------------------------------------------------------

def curve(result: SiteBuild, doc_path: str) -> ET.Element:
    return fragment(page(result, doc_path), 'class="js-curve"')


def test_curve_has_one_tooltip_per_felt_touchpoint_and_gaps_for_the_others(site: SiteBuild) -> None:
    chart = curve(site, "journeys/achat.md")
    svg = chart.find(".//svg")
    assert svg.get("role") == "img"
    title = svg.find("title")
    assert svg.get("aria-labelledby") == title.get("id") and "Acheter" in title.text
    series = one(svg, "js-curve-series-current")
    points = by_class(series, "js-pt")
    felt = ["t1", "t3", "t4", "t5", "t6", "t7"]  # t2 has no emotion
    assert [p.get("data-tp") for p in points] == felt
    assert all(len(p.findall("title")) == 1 for p in points)
    assert points[0].find("title").text.startswith("Actuel\u00a0: 1. Je lis les fiches — Plaisir")
    # t2 breaks the line: t1 alone before it (no segment), t3..t7 after it
    lines = series.findall("polyline")
    assert [len(line.get("points").split()) for line in lines] == [5]
    assert [g.get("data-tp") for g in by_class(svg, "js-curve-gap")] == ["t2"]


def test_curve_y_axis_is_the_scale_and_x_follows_stage_bands(site: SiteBuild) -> None:
    svg = curve(site, "journeys/sav.md").find(".//svg")
    levels = [text(t) for t in by_class(svg, "js-curve-level")]
    assert levels == ["Enchantement", "Plaisir", "Satisfaction", "Déception", "Irritant"]
    assert [text(t) for t in by_class(svg, "js-curve-stage")] == ["Achat", "Après-vente"]
    # s1 (irritant) is drawn lower than s2 (déception), and to its left
    s1, s2 = (p.find("use") for p in by_class(svg, "js-pt"))
    (x1, y1), (x2, y2) = ((float(u.get("x")), float(u.get("y"))) for u in (s1, s2))
    assert x1 < x2 and y1 > y2
    # each point's face is one of the chart's own faces: irritant (worst, slot 4), déception (slot 3)
    faces = {g.get("id") for g in svg.find("defs")}
    assert [u.get("{http://www.w3.org/1999/xlink}href") for u in (s1, s2)] == ["#js-curve-sav-e4", "#js-curve-sav-e3"]
    assert faces == {f"js-curve-sav-e{n}" for n in range(5)}
    assert not by_class(svg, "js-curve-series-target")  # no target: no overlay


def test_curve_of_a_loop_has_a_band_per_run(site: SiteBuild) -> None:
    svg = curve(site, "journeys/achat.md").find(".//svg")
    bands = [text(t) for t in by_class(svg, "js-curve-stage")]
    assert bands == ["Recherche", "Choix", "Achat", "Recherche", "Usage"]
    assert [text(t) for t in by_class(svg, "js-curve-pos")] == ["1", "2", "3", "4", "5", "6", "7"]


def test_curve_marks_moments_of_truth_ruptures_and_expectations(site: SiteBuild) -> None:
    chart = curve(site, "journeys/achat.md")
    svg = chart.find(".//svg")
    marks = [(m.find("title").text, m.find("path").get("class")) for m in by_class(svg, "js-curve-mark")]
    assert marks == [("Moment de vérité\u00a0: 3. J'essaie le sac", "js-shape js-shape-mot"),
                     ("Point de rupture\u00a0: 4. Je paie en caisse", "js-shape js-shape-rupture")]
    bubbles = by_class(svg, "js-curve-expectation")
    assert [b.find("title").text for b in bubbles] == ["Attentes (1)\u00a0: Des conseils adaptés"]
    listed = one(chart, "js-curve-expectations").find("ol").findall("li")
    assert [(li.get("value"), text(li)) for li in listed] == [("1", "Je lis les fiches\u00a0: Des conseils adaptés")]
    legend = text(one(chart, "js-curve-legend"))
    for entry in ("Moment de vérité", "Point de rupture", "Attentes", "Émotion non renseignée"):
        assert entry in legend


def test_curve_has_a_data_table_alternative(site: SiteBuild) -> None:
    chart = curve(site, "journeys/achat.md")
    details = chart.find(".//details")
    tables = details.findall(".//table")
    assert len(tables) == 2  # the journey, then its target
    rows = tables[0].find("tbody").findall("tr")
    assert len(rows) == 7
    assert [text(td) for td in rows[1].findall("td")][4:6] == ["Émotion non renseignée", "–"]
    assert [text(td) for td in rows[3].findall("td")][4:6] == ["Irritant", "\u22122"]


@pytest.mark.parametrize("doc_path", ["journeys/achat.md", "journeys/achat-cible.md"])
def test_current_and_target_curves_overlay(site: SiteBuild, doc_path: str) -> None:
    svg = curve(site, doc_path).find(".//svg")
    current, target = one(svg, "js-curve-series-current"), one(svg, "js-curve-series-target")
    assert (current.get("data-journey"), target.get("data-journey")) == ("achat", "achat-cible")
    assert not current.find("polyline").get("stroke-dasharray")
    assert [p.get("data-tp") for p in by_class(target, "js-pt")] == ["t1", "t3"]
    # the target goes from recherche (t1) to achat (t3) over the choix band, which only the current
    # journey lives: that stretch is a faint bridge, not a line claiming values there
    assert not by_class(target, "js-curve-line")
    (bridge,) = by_class(target, "js-curve-bridge")
    assert len(bridge.get("points").split()) == 2 and float(bridge.get("stroke-opacity")) < 0.5
    assert bridge.get("stroke-dasharray") and "js-curve-target" in bridge.get("class")
    assert not by_class(current, "js-curve-bridge")  # the current journey lives every band it crosses
    # aligned by stage bands: the target's recherche point lies in the first (recherche) band
    bands = [(float(r.get("x")), float(r.get("width"))) for r in by_class(svg, "js-curve-band")]
    x = float(by_class(target, "js-pt")[0].find("use").get("x"))  # the face's centre
    assert bands[0][0] <= x <= bands[0][0] + bands[0][1]
    legend = text(one(curve(site, doc_path), "js-curve-legend"))
    assert "Actuel\u00a0: Acheter" in legend and "Cible\u00a0: Acheter (cible)" in legend


def test_a_target_lived_stage_by_stage_is_one_dashed_line(build) -> None:
    files = {**SITE, "docs/parcours/achat-cible.md": """\
        ---
        type: journey
        title: Acheter (cible)
        persona: quentin
        state: target
        touchpoints:
          - {id: c1, stage: recherche, channel: web, action: Je lis, emotion: plaisir}
          - {id: c2, stage: choix, channel: web, action: Je choisis, emotion: plaisir}
          - {id: c3, stage: achat, channel: web, action: Je paie, emotion: enchantement}
        ---
        """}
    target = one(curve(build(files, CONFIG), "journeys/achat.md").find(".//svg"), "js-curve-series-target")
    (line,) = by_class(target, "js-curve-line")
    assert len(line.get("points").split()) == 3 and line.get("stroke-dasharray")
    assert not by_class(target, "js-curve-bridge")


def test_stage_names_are_condensed_then_cut_never_overflowing() -> None:
    from journeysite.defaults.emotion_curve import band_label
    fits = ET.fromstring(band_label("Achat", 100, 58))
    assert (fits.text, fits.get("textLength"), fits.find("title")) == ("Achat", None, None)
    condensed = ET.fromstring(band_label("Après-vente", 100, 58))  # about 79 units wide: squeezed into 58
    assert (condensed.text, condensed.get("textLength"), condensed.find("title").text) == \
        ("Après-vente", "58", "Après-vente")  # SVG numbers drop a ".0"
    cut = ET.fromstring(band_label("Fidélisation et recommandation", 100, 58))
    assert cut.text.endswith("…") and cut.get("textLength") == "58"
    assert cut.find("title").text == "Fidélisation et recommandation"


def test_curve_with_any_scale_length(build) -> None:
    config = CONFIG.replace("  - journeysite\n", """\
  - journeysite:
      emotions:
        - {id: bien, label: Bien, score: 1}
        - {id: neutre, label: Neutre, score: 0}
        - {id: mal, label: Mal, score: -1}
""")
    result = build({"docs/p.md": "---\ntype: persona\nname: P\n---\n",
                    "docs/j.md": """\
                        ---
                        type: journey
                        title: J
                        persona: p
                        touchpoints:
                          - {id: a, stage: achat, channel: web, action: A, emotion: mal}
                          - {id: b, stage: achat, channel: web, action: B, emotion: bien}
                        ---
                        """}, config)
    assert not result.errors, result.problems
    svg = curve(result, "journeys/j.md").find(".//svg")
    assert [text(t) for t in by_class(svg, "js-curve-level")] == ["Bien", "Neutre", "Mal"]
    assert len(by_class(svg, "js-pt")) == 2


def test_views_are_deterministic(build) -> None:
    first, second = build(SITE, CONFIG), build(SITE, CONFIG)
    assert [p.markdown for p in first.pages] == [p.markdown for p in second.pages]


def test_markdown_keeps_the_views_whole(site: SiteBuild) -> None:
    """Python-Markdown (with the demo's extensions) passes the raw HTML blocks through untouched."""
    text_ = page(site, "journeys/achat.md").split("---", 2)[2]
    html = markdown.markdown(text_, extensions=["attr_list", "md_in_html", "tables", "toc", "admonition",
                                                "pymdownx.details", "pymdownx.superfences"])
    assert html.count('class="js-pt ') == 8  # 6 current + 2 target points
    assert html.count("<polyline") == 2
    assert html.count('class="js-mcard ') == 7


# -- heatmap -----------------------------------------------------------------------------------------

def heat(result: SiteBuild, state: str) -> dict[tuple[str, str], tuple[str, str | None, str]]:
    """(channel, stage) -> (count, data-mean, class of the cell) for every non-empty cell."""
    table = fragment(page(result, "heatmap/index.md"), f'data-state="{state}"').find(".//table")
    stages = [text(th) for th in table.find("thead").find("tr").findall("th")][1:]
    cells = {}
    for row in table.find("tbody").findall("tr"):
        header, *tds = row.findall("*")
        for stage, td in zip(stages, tds):
            if td.get("data-count"):
                cells[(text(header), stage)] = (td.get("data-count"), td.get("data-mean"), td.get("class"))
                assert text(one(td, "js-heat-count")) == td.get("data-count")
    return cells


def test_heatmap_counts_and_means(site: SiteBuild) -> None:
    assert heat(site, "current") == {  # achat and sav, by hand
        ("Site web", "Recherche"): ("2", "1.50", "js-heat js-emo-1"),   # plaisir 1, enchantement 2; tie -> lower
        ("Application mobile", "Recherche"): ("1", None, "js-heat js-heat-none"),
        ("Magasin", "Choix"): ("1", "-1.00", "js-heat js-emo-3"),
        ("Magasin", "Achat"): ("2", "-2.00", "js-heat js-emo-4"),       # t4 and s1, both irritant
        ("Site web", "Achat"): ("1", "0.00", "js-heat js-emo-2"),
        ("Téléphone", "Usage"): ("1", "-1.00", "js-heat js-emo-3"),
        ("Téléphone", "Après-vente"): ("1", "-1.00", "js-heat js-emo-3"),
    }
    assert heat(site, "target") == {
        ("Site web", "Recherche"): ("1", "2.00", "js-heat js-emo-0"),
        ("Magasin", "Achat"): ("1", "1.00", "js-heat js-emo-1"),
    }


def test_heatmap_cells_link_to_their_touchpoints_on_the_channel_page(site: SiteBuild) -> None:
    text_ = page(site, "heatmap/index.md")
    view = fragment(text_, 'data-state="current"')
    td = next(td for td in view.iter("td") if any(a.get("href") == "../channels/magasin/#stage-achat"
                                                  for a in td.iter("a")))
    assert text(td) == "2 \u22122"  # the count, and the mean score as the site writes numbers
    assert {"js-face", "js-emo-4"} <= set(one(td, "js-heat-mean").get("class").split())  # its face
    assert "js-hm-" not in text_ and "<section" not in text_  # the touchpoints are not listed again here
    # the link leads to the channel page's section of that stage: the cell's touchpoints, current and target
    channel = fragment(page(site, "channels/magasin.md"), 'class="js-channel-touchpoints"')
    section = next(s for s in channel.iter("section") if s.get("id") == "stage-achat")
    actions = [a.get("href") for a in section.iter("a") if "#tp-" in a.get("href")]
    assert actions == ["../../journeys/achat/#tp-t4", "../../journeys/achat-cible/#tp-t3",
                       "../../journeys/sav/#tp-s1"]
    generated = next(p.page for p in site.pages if p.page.doc_path == "heatmap/index.md")
    assert (generated.kind, generated.nav_order, generated.title) == ("heatmap", 50, "Carte de chaleur")


# -- pains ------------------------------------------------------------------------------------------

def test_pains_rank_touchpoints_by_hand_computed_criticality(site: SiteBuild) -> None:
    table = fragment(page(site, "pains/index.md"), 'class="js-pains').find(".//table")
    rows = [[text(td) for td in tr.findall("td")] for tr in table.find("tbody").findall("tr")]
    # max(0, -score) * (customer + business), a missing importance counting 3:
    # achat#t4 2*(3+3)=12, achat#t3 1*(5+5)=10, sav#s2 1*(5+5)=10 (tie: journey id), achat#t7 1*(2+3)=5,
    # sav#s1 2*(1+1)=4; positive or neutral emotions and missing ones are not pains.
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("1", "12", "Acheter", "4. Je paie en caisse"),
        ("2", "10", "Acheter", "3. J'essaie le sac"),
        ("3", "10", "Faire réparer", "2. Je relance l'atelier"),
        ("4", "5", "Acheter", "7. J'appelle le service client"),
        ("5", "4", "Faire réparer", "1. Je dépose mon vélo"),
    ]
    # a missing importance shows what it counts for (3), muted, with a tooltip saying so
    assert rows[0][4:8] == ["Achat", "Magasin", "Irritant", "3 / 3"]
    assert rows[3][7] == "2 / 3"
    missing = by_class(table.find("tbody").findall("tr")[3], "js-muted")
    assert [(text(m), m.get("title")) for m in missing] == [("3", "Non renseignée\u00a0: compte pour 3")]
    links = [a.get("href") for a in table.find("tbody").find("tr").iter("a")]
    assert links == ["../journeys/achat/", "../journeys/achat/#tp-t4"]
    assert site.computed.criticality["achat#t4"] == 12 and site.computed.criticality["achat#t1"] == 0
    generated = next(p.page for p in site.pages if p.page.doc_path == "pains/index.md")
    assert (generated.kind, generated.nav_order) == ("pains", 60)


def test_pains_link_their_chantiers(build) -> None:
    files = dict(SITE)
    files["docs/chantiers/caisse.md"] = "---\ntype: chantier\ntitle: Caisse rapide\ntouchpoints: [achat#t4]\n---\n"
    result = build(files, CONFIG)
    table = fragment(page(result, "pains/index.md"), 'class="js-pains')
    first = table.find(".//tbody").find("tr").findall("td")[8]
    assert [(a.get("href"), text(a)) for a in first.iter("a")] == [("../chantiers/caisse/", "Caisse rapide")]


# -- indicators (docs/format.md definitions, computed by hand) ----------------------------------------------

def test_indicators_match_hand_computed_values(site: SiteBuild) -> None:
    indicators = {i.id: i for i in site.computed.journey_indicators["achat"]}
    # felt: t1 +1, t3 -1, t4 -2, t5 0, t6 +2, t7 -1 (t2 has none)
    assert indicators["touchpoints"].value == 7
    assert indicators["happiness"].value == pytest.approx(2 / 6)  # t1, t6 above 0
    assert "33" in indicators["happiness"].display
    assert indicators["mean_emotion"].value == pytest.approx(-1 / 6)
    assert (indicators["irritants"].value, indicators["ruptures"].value, indicators["moments_of_truth"].value) == (2, 1, 1)
    assert "progress" not in indicators  # a current journey
    target = {i.id: i for i in site.computed.journey_indicators["achat-cible"]}
    # t1 served by 'fiches' (done), t3 by 'fiche-client' (planned): 1 of 2
    assert target["progress"].value == 0.5 and "50" in target["progress"].display
    assert site.computed.happiness["achat-cible"] == 1.0
    lea = {i.id: i for i in site.computed.persona_indicators["lea"]}
    # what Léa lives: sav (-2, -1), 0 of 2 happy, mean -1.5; her target journey achat-cible is left out
    assert (lea["touchpoints"].value, lea["happiness"].value, lea["mean_emotion"].value) == (2, 0, -1.5)


def test_a_persona_with_only_target_journeys_has_no_lived_figures(build) -> None:
    files = {**SITE, "docs/personas/zoe.md": "---\ntype: persona\nname: Zoé\n---\n",
             "docs/parcours/zoe-cible.md": "---\ntype: journey\ntitle: Z\npersona: zoe\nstate: target\n"
                                          "touchpoints:\n  - {id: z1, stage: achat, channel: web, action: Je paie, "
                                          "emotion: plaisir}\n---\n"}
    result = build(files, CONFIG)
    assert result.computed.persona_indicators["zoe"] == ()
    assert "## Expérience vécue" not in page(result, "personas/zoe.md")
    channels = fragment(page(result, "channels/index.md"), "js-channels-index")
    web = next(tr for tr in channels.iter("tr") if "Site web" in text(tr))
    # Site web over current journeys only: 1 journey, achat's t1, t5, t6 (not zoe-cible's z1 nor achat-cible's t1)
    assert [text(td) for td in web.findall("td")][2:4] == ["1", "3"]


# -- embedding -------------------------------------------------------------------------------------------

SYNTHESIS = """\
# Synthèse

::: journeysite matrix journey=achat
::: journeysite curve journey=sav
::: journeysite persona-matrix persona=lea
::: journeysite persona-matrix persona=lea state=target
::: journeysite heatmap state=target
::: journeysite pains limit=2
::: journeysite indicators journey=achat
::: journeysite indicators persona=lea

```markdown
::: journeysite matrix journey=nowhere
```
"""


def test_every_view_embeds_in_an_ordinary_page(build) -> None:
    result = build({**SITE, "docs/synthese.md": SYNTHESIS}, CONFIG)
    assert [str(p) for p in result.problems] == []
    html = result.ordinary["synthese.md"]
    lines = html.splitlines()
    matrix = fragment(html, 'class="js-matrix"')
    hrefs = {a.get("href") for a in matrix.iter("a")}
    assert "../journeys/achat/#tp-t1" in hrefs  # links from the host page to the journey page
    svg = fragment(html, 'class="js-curve"').find(".//svg")
    assert svg.find("title").get("id") == "js-curve-sav-embed-title"
    assert len(by_class(fragment(html, 'class="js-pains'), "js-criticality")) == 2
    assert fragment(html, 'data-state="target"') is not None
    persona, persona_target = [line for line in lines if 'class="js-matrix"' in line][1:]
    assert "Faire réparer" in persona and "Acheter (cible)" not in persona
    assert "Acheter (cible)" in persona_target and "Faire réparer" not in persona_target
    tables = [ET.fromstring(line) for line in lines if 'class="js-indicators-table"' in line]
    assert [text(t.find("caption")) for t in tables] == ["Acheter", "Léa"]
    rows = {text(tr.find("th")): text(tr.find("td")) for tr in tables[0].iter("tr")}
    shown = {i.label: i.display for i in result.computed.journey_indicators["achat"]}
    assert rows == shown and rows["Points de contact"] == "7"
    assert "::: journeysite matrix journey=nowhere" in html  # fenced: left alone


def plain(text: str) -> str:
    """French typography's non-breaking spaces as spaces (test_french.py checks them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("line, message", [
    ("::: journeysite matrix journey=achatt", "parcours « achatt » introuvable (vouliez-vous dire « achat » ?)"),
    ("::: journeysite matrix", "la vue « matrix » a besoin de journey=ID"),
    ("::: journeysite curve journey=sav colour=red", "la vue « curve » n'a pas de paramètre « colour »"),
    ("::: journeysite persona-matrix persona=leaa", "persona « leaa » introuvable (vouliez-vous dire « lea » ?)"),
    ("::: journeysite pains limit=zero", "vue « pains » : limit=zero doit être un nombre entier supérieur à 0"),
    ("::: journeysite heatmap state=demain", "l'état « demain » doit être current (actuel) ou target (cible)"),
    ("::: journeysite persona-matrix persona=lea state=targte", "l'état « targte » doit être current (actuel) ou "
                                                                "target (cible) (vouliez-vous dire « target » ?)"),
    ("::: journeysite indicators journey=achat persona=lea", "a besoin d'un et un seul de : journey=ID, persona=ID"),
    ("::: journeysite matrice journey=achat", "vue inconnue « matrice » (vues : arbitration, curve, delivery, "
                                              "dependency-graph, flow, handoffs, heatmap, indicators, journey-map, "
                                              "matrix, pains, persona-matrix, roadmap, unaddressed)"),
])
def test_bad_directives_are_problems_at_their_line(build, line: str, message: str) -> None:
    result = build({**SITE, "docs/synthese.md": f"# Synthèse\n\nTexte.\n{line}\n"}, CONFIG)
    problems = [plain(str(p)) for p in result.problems]
    assert len(problems) == 1 and problems[0].startswith("docs/synthese.md:4: directive journeysite : ")
    assert message in problems[0]
    assert 'class="js-directive-error"' in result.ordinary["synthese.md"]


def test_directive_in_a_journey_body_is_reported_at_its_file_line(build) -> None:
    files = dict(SITE)
    files["docs/parcours/sav.md"] = textwrap.dedent(SITE["docs/parcours/sav.md"]) + "Texte.\n\n::: journeysite curve journey=sva\n"
    result = build(files, CONFIG)
    assert [plain(str(p)) for p in result.problems] == [
        "docs/parcours/sav.md:22: directive journeysite : parcours « sva » introuvable (vouliez-vous dire « sav » ?)"]


# -- escaping ------------------------------------------------------------------------------------------

NASTY = '<script>alert("x")</script> & "q" \'s'


def test_user_text_is_escaped_in_every_view(build) -> None:
    config = CONFIG.replace("  - journeysite\n", """\
  - journeysite:
      channels:
        - {id: web, label: "Web <b>&</b> \\"co\\""}
      stages:
        - {id: s1, label: "<i>Étape</i>"}
      emotions:
        - {id: bof, label: "<script>x</script>", score: -1}
        - {id: top, label: "Top & \\"fun\\"", score: 1}
""")
    action = NASTY.replace('"', '\\"')
    result = build({
        "docs/p.md": f'---\ntype: persona\nname: "{action}"\n---\n',
        "docs/j.md": f"""\
            ---
            type: journey
            title: "{action}"
            persona: p
            touchpoints:
              - id: t1
                stage: s1
                step: "{action}"
                channel: web
                action: "{action}"
                emotion: bof
                moment_of_truth: true
                expectations: ["{action}"]
              - id: t2
                stage: s1
                channel: web
                action: "{action}"
                emotion: top
            ---
            """,
        "docs/synthese.md": "::: journeysite matrix journey=j\n::: journeysite curve journey=j\n"
                            "::: journeysite indicators persona=p\n",
    }, config)
    assert not result.errors, result.problems
    texts = [page(result, "journeys/j.md"), page(result, "personas/p.md"), page(result, "heatmap/index.md"),
             page(result, "pains/index.md"), result.ordinary["synthese.md"]]
    views = [fragment(t, m) for t, m in zip(texts, ('class="js-curve"', 'class="js-matrix"', 'data-state="current"',
                                                    'class="js-pains', 'class="js-matrix"'))]
    views.append(fragment(texts[0], 'class="js-matrix"'))
    for view in views:  # parsed as XML: any unescaped '<' or '&' would have failed or made elements
        tags = {e.tag for e in view.iter()}
        assert not tags & {"script", "b", "i"}, tags
    for t in texts:
        assert "<script>" not in t and "<b>&" not in t
    curve_view = views[0]
    assert NASTY in [p.find("title").text for p in by_class(curve_view, "js-pt")][0]
    assert NASTY in text(views[5])  # the matrix shows the action as text
    assert [text(t) for t in by_class(curve_view, "js-curve-stage")] == ["<i>Étape</i>"]
    levels = by_class(curve_view, "js-curve-level")  # a long label is cut, and whole in its tooltip
    assert [t.text for t in levels] == ["Top & \"fun\"", "<script>x</sc…"]
    assert levels[1].find("title").text == "<script>x</script>"


def test_english_sites_get_english_labels(build) -> None:
    result = build(SITE, CONFIG.replace("language: fr", "language: en"))
    text_ = page(result, "journeys/achat.md")
    assert "## Channel × stage matrix" in text_ and "## Emotion curve" in text_
    assert next(p.page.title for p in result.pages if p.page.doc_path == "pains/index.md") == "Pains to treat first"
    matrix = fragment(text_, 'class="js-matrix"')
    marks = {abbr.get("title"): text(abbr) for abbr in matrix.find(".//table").iter("abbr")}
    assert marks == {"Moment of truth": "MoT", "Breakpoint": "BP"}
    assert [text(li) for li in one(matrix, "js-matrix-legend")] == [" MoT: Moment of truth", " BP: Breakpoint"]
