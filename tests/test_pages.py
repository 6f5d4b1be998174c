"""The built-in page views (persona, journey, chantier, channel pages and the index pages).

Views are parsed as XML (journeysite writes well-formed fragments), so checks
look at elements and attributes, not at loose substrings.
"""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest

from journeysite.build import RenderedPage, SiteBuild
from journeysite.defaults import channel_page, chantier_page, index_pages, journey_page, persona_page
from journeysite.i18n import use_language
from journeysite.pages import PageContext, View
from journeysite.problems import WARNING, Problem
from journeysite.render import emotion
from journeysite.render.problems import problems_banner
from journeysite.urls import doc_url
from htmltools import parse
from sites import FORMAT_CONFIG, FORMAT_SITE

ASSETS = Path(__file__).parent.parent / "src" / "journeysite" / "assets"


# -- helpers ------------------------------------------------------------------------------------

MY_VIEWS = (persona_page, journey_page, chantier_page, channel_page, index_pages)


def markdown_of(result: SiteBuild, doc_path: str) -> str:
    return rendered(result, doc_path).markdown


def rendered(result: SiteBuild, doc_path: str) -> RenderedPage:
    pages = [r for r in result.pages if r.page.doc_path == doc_path]
    assert pages, f"no page {doc_path}; pages: {[r.page.doc_path for r in result.pages]}"
    return pages[0]


def views(result: SiteBuild, doc_path: str) -> list[View]:
    """The views the built-in page plugins give a page (other plugins' views left out)."""
    assert result.context is not None, result.problems
    page = PageContext(rendered(result, doc_path).page, result.context)
    with use_language(result.site.language):  # as build_site renders them
        found = [v for module in MY_VIEWS for v in module.journeysite_page_views(page=page)]
    markdown = markdown_of(result, doc_path)
    for view in found:  # each is in the page, whole
        assert view.html in markdown, (doc_path, view.name)
    return found


def root_of(result: SiteBuild, doc_path: str) -> ET.Element:
    """The built-in views of a page, parsed (they are well-formed), under one element."""
    root = ET.Element("page")
    root.extend(ET.fromstring(v.html) for v in views(result, doc_path))
    return root


def classes(element: ET.Element) -> set[str]:
    return set((element.get("class") or "").split())


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in classes(e)]


def text(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def links(root: ET.Element) -> dict[str, str]:
    """Link text -> href."""
    return {text(a): a.get("href") for a in root.iter("a")}


def table_rows(root: ET.Element) -> list[list[ET.Element]]:
    return [list(tr.iter("td")) for tr in root.iter("tr") if list(tr.iter("td"))]


def resolve(from_doc: str, href: str) -> tuple[str, str]:
    """(site-relative URL, anchor) of a relative ``href`` written on the page at ``from_doc``."""
    base = doc_url(from_doc)
    parts = urlsplit(href)
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base.rstrip("/") + "/x"), unquote(parts.path)))
    return ("" if joined == "." else joined + "/"), parts.fragment


@pytest.fixture
def format_build(build) -> SiteBuild:
    result = build(FORMAT_SITE, FORMAT_CONFIG)
    assert not [p for p in result.problems if "plugin failed" in p.message], result.problems
    return result


# -- links between pages --------------------------------------------------------------------------

def test_every_link_of_every_view_reaches_a_page_and_anchor(format_build: SiteBuild) -> None:
    pages = {doc_url(r.page.doc_path): r.page.doc_path for r in format_build.pages}
    ids = {url: {e.get("id") for e in root_of(format_build, doc).iter() if e.get("id")} for url, doc in pages.items()}
    checked = 0
    for page in format_build.pages:
        doc = page.page.doc_path
        for a in root_of(format_build, doc).iter("a"):
            url, anchor = resolve(doc, a.get("href"))
            if a.get("href").startswith("#"):
                url = doc_url(doc)
            assert url in pages, (doc, a.get("href"))
            assert not anchor or anchor in ids[url], (doc, a.get("href"))
            checked += 1
    assert checked > 50


def test_persona_page_links_channels_and_journeys(format_build: SiteBuild) -> None:
    root = root_of(format_build, "personas/quentin.md")
    found = links(root)
    assert found["Site web"] == "../../channels/web/"
    assert found["Magasin"] == "../../channels/magasin/"
    assert found["Acheter un équipement de randonnée"] == "../../journeys/achat/"
    assert found["Acheter un équipement de randonnée (cible)"] == "../../journeys/achat-cible/"
    assert text(by_class(root, "js-persona-segment")[0]) == "Randonneur occasionnel"
    assert text(root.find(".//blockquote")) == "Je veux partir léger, sans me ruiner."
    assert [text(li) for li in by_class(root, "js-persona-goals")[0].iter("li")] == \
        ["Trouver le bon équipement", "Être conseillé"]
    journeys = table_rows(by_class(root, "js-persona-journeys")[0])
    assert [text(r[0]) for r in journeys] == ["Acheter un équipement de randonnée",
                                              "Acheter un équipement de randonnée (cible)"]
    assert [text(r[1]) for r in journeys] == ["Actuel", "Cible"]
    assert [r[2].get("data-sort") for r in journeys] == ["3", "2"]
    tiles = {text(t.find("span[@class='js-tile-label']")): text(t.find("span[@class='js-tile-value']"))
             for t in by_class(root, "js-tile")}
    # what Quentin lives: his current journey only (t1 plaisir, t2 none, t3 déception)
    assert (tiles["Points de contact"], tiles["Bonheur"]) == ("3", "50 %")  # text() folds spaces


def up_link(result: SiteBuild, doc_path: str) -> tuple[str, str] | None:
    """(href, text) of the link back above a page's title, or None."""
    lines = [line for line in markdown_of(result, doc_path).splitlines() if line.startswith('<nav class="js-up"')]
    if not lines:
        return None
    anchor = ET.fromstring(lines[0]).find("a")
    return anchor.get("href"), text(anchor)


def test_item_pages_lead_back_to_their_index(format_build: SiteBuild, build) -> None:
    assert up_link(format_build, "journeys/achat.md") == ("../", "Parcours")
    assert up_link(format_build, "personas/quentin.md") == ("../", "Personas")
    assert up_link(format_build, "chantiers/fiche-client.md") == ("../", "Chantiers")
    assert up_link(format_build, "channels/chat.md") == ("../", "Canaux")
    assert up_link(format_build, "journeys/index.md") is None
    # above the title, so that it shows before the author's text
    text_ = markdown_of(format_build, "journeys/achat.md")
    assert text_.index('<nav class="js-up"') < text_.index("\n# Acheter un équipement de randonnée\n")
    # with the index pages switched off, no link leads nowhere
    config = FORMAT_CONFIG.replace("  - journeysite:\n", "  - journeysite:\n      disable: [index_pages]\n")
    assert up_link(build(FORMAT_SITE, config), "journeys/achat.md") is None


def test_journey_header_links_personas_target_and_back(format_build: SiteBuild) -> None:
    current = root_of(format_build, "journeys/achat.md")
    header = by_class(current, "js-journey-header")[0]
    facts = {text(f.find("dt")): f.find("dd") for f in by_class(header, "js-fact")}
    assert links(facts["Persona"]) == {"Quentin": "../../personas/quentin/"}
    assert text(facts["État"]) == "Actuel"
    assert links(facts["Parcours cible"]) == {"Acheter un équipement de randonnée (cible)": "../achat-cible/"}
    assert [text(c) for c in by_class(facts["Objectifs"], "js-chip")] == ["Conquête", "Fidélisation"]
    assert [text(c) for c in by_class(facts["Étiquettes"], "js-chip")] == ["retail"]
    tiles = {t.find("span[@class='js-tile-label']").text: t for t in by_class(header, "js-tile")}
    assert text(tiles["Bonheur"].find("span[@class='js-tile-value']")) == "50 %"
    assert tiles["Bonheur"].get("title")  # the help text as a tooltip

    target = root_of(format_build, "journeys/achat-cible.md")
    facts = {text(f.find("dt")): f.find("dd") for f in by_class(target, "js-fact")}
    assert text(facts["État"]) == "Cible"
    assert links(facts["Parcours actuel"]) == {"Acheter un équipement de randonnée": "../achat/"}
    assert set(links(facts["Personas"])) == {"Quentin", "Léa"}
    assert "Avancement" in {t.find("span[@class='js-tile-label']").text for t in by_class(target, "js-tile")}


def test_touchpoints_show_every_field_with_marks_in_text(format_build: SiteBuild) -> None:
    root = root_of(format_build, "journeys/achat.md")
    t1 = root.find(".//article[@id='tp-t1']")
    details = {text(f.find("dt")): f.find("dd") for f in by_class(t1, "js-fact")}
    assert text(by_class(t1, "js-tp-step")[0]) == "Je prépare ma sortie"
    assert links(by_class(t1, "js-tp-channel")[0]) == {"Site web": "../../channels/web/"}
    assert "Plaisir" in text(by_class(t1, "js-emotion")[0])
    assert text(details["Importance"]) == "Client 4/5 Entreprise 3/5"
    assert [text(q) for q in details["Verbatims"].iter("q")] == ["J'ai trouvé la fiche très claire"]
    assert [text(c) for c in by_class(details["Données collectées"], "js-chip")] == ["email", "centres d'intérêt"]
    assert [text(li) for li in details["Indicateurs"].iter("li")] == ["NPS 32", "CES 2,1", "Volume 12 000",
                                                                       "Taux d'abandon 40 %"]
    assert text(details["Responsable"]) == "marketing"
    assert text(details["Chantiers"]) == "Fiches conseils personnalisées En cours"
    assert not by_class(t1, "js-mark")

    t3 = root.find(".//article[@id='tp-t3']")
    marks = [text(m) for m in by_class(t3, "js-mark")]
    assert marks == ["Moment de vérité", "Point de rupture"]  # icon AND text, not colour only
    assert {"js-tp-mot", "js-tp-rupture"} <= classes(t3)
    assert [text(li) for li in by_class(t3, "js-irritants")[0].iter("li")] == ["Ressaisir mes informations"]

    t2 = root.find(".//article[@id='tp-t2']")
    assert "Émotion non renseignée" in text(by_class(t2, "js-emotion")[0])


def test_touchpoints_are_grouped_by_stage_and_a_stage_coming_back_is_a_new_group(build) -> None:
    result = build({
        "docs/p.md": "---\ntype: persona\nname: P\n---\n",
        "docs/j.md": """\
            ---
            type: journey
            title: Rachat
            persona: p
            touchpoints:
              - {id: a, stage: recherche, channel: web, action: Je cherche}
              - {id: b, stage: recherche, channel: web, action: Je compare}
              - {id: c, stage: achat, channel: magasin, action: J'achète}
              - {id: d, stage: recherche, channel: email, action: Je reviens}
            ---
            """})
    root = root_of(result, "journeys/j.md")
    groups = by_class(root, "js-stage")
    assert [text(g.find("h3")) for g in groups] == ["Recherche", "Achat", "Recherche"]
    assert [[a.get("id") for a in g.iter("article")] for g in groups] == [["tp-a", "tp-b"], ["tp-c"], ["tp-d"]]


# -- the chantier <-> touchpoint index, both sides ---------------------------------------------------

def test_links_written_on_either_side_show_on_both_pages(format_build: SiteBuild) -> None:
    # achat#t3 is written on the chantier side; achat-cible#t3 on the touchpoint side.
    chantier = root_of(format_build, "chantiers/fiche-client.md")
    rows = table_rows(by_class(chantier, "js-chantier-touchpoints")[0])
    hrefs = [a.get("href") for r in rows for a in r[3].iter("a")]
    assert hrefs == ["../../journeys/achat/#tp-t3", "../../journeys/achat-cible/#tp-t3"]
    assert [text(r[1]) for r in rows] == ["Achat", "Achat"]
    assert [links(r[2]) for r in rows] == [{"Magasin": "../../channels/magasin/"}] * 2
    assert ["Déception" in text(r[4]) for r in rows] == [True, False]

    for journey in ("achat", "achat-cible"):
        t3 = root_of(format_build, f"journeys/{journey}.md").find(".//article[@id='tp-t3']")
        assert links(by_class(t3, "js-chantier-list")[0]) == {"Fiche client unique web-magasin": "../../chantiers/fiche-client/"}
        assert text(by_class(t3, "js-status")[0]) == "Planifié"


def test_chantier_summary_scores_and_dependencies(format_build: SiteBuild) -> None:
    root = root_of(format_build, "chantiers/fiche-client.md")
    facts = {text(f.find("dt")): f.find("dd") for f in by_class(by_class(root, "js-chantier-summary")[0], "js-fact")}
    assert text(facts["Statut"]) == "Planifié"
    assert links(facts["Direction"]) == {"digital": "../../departments/digital/"}
    assert text(facts["Responsable"]) == "DSI"
    assert text(facts["Livraison prévue"]) == "T1 2027"  # written 2027-Q1, shown as the French say it
    # 100 * (3*4 + 3*3 + 2*2 + 2*2 + 1*3) / (11 * 4) = 72.7
    assert text(facts["Priorité"]) == "73 / 100"
    assert text(facts["Quadrant"]) == "Gain rapide"
    scores = table_rows(by_class(root, "js-chantier-scores")[0])
    assert [(text(r[0]), text(r[1]), text(r[2])) for r in scores][:2] == [("Importance client", "3", "5"),
                                                                           ("Impact entreprise", "3", "4")]
    inverse = {text(r[0]): r[3] for r in scores}
    assert by_class(inverse["Coût"], "js-mark-inverse") and not by_class(inverse["Faisabilité"], "js-mark-inverse")
    deps = {text(f.find("dt")): f.find("dd") for f in by_class(by_class(root, "js-chantier-dependencies")[0], "js-fact")}
    assert links(deps["Dépend de"]) == {"Référentiel client": "../referentiel-client/"}

    required = root_of(format_build, "chantiers/referentiel-client.md")
    deps = {text(f.find("dt")): f.find("dd") for f in by_class(by_class(required, "js-chantier-dependencies")[0], "js-fact")}
    assert links(deps["Nécessaire à"]) == {"Fiche client unique web-magasin": "../fiche-client/"}
    assert by_class(required, "js-empty")  # it improves no touchpoint


def test_channel_page_lists_its_touchpoints_and_owner(format_build: SiteBuild) -> None:
    root = root_of(format_build, "channels/magasin.md")
    owner = by_class(root, "js-channel-summary")[0]
    assert text(owner.find(".//dd")) == "Direction des magasins"
    # one section per stage, with the anchor the heatmap links to
    sections = by_class(by_class(root, "js-channel-touchpoints")[0], "js-channel-stage")
    assert [(s.get("id"), text(s.find("h3"))) for s in sections] == [("stage-achat", "Achat (2)")]
    rows = table_rows(sections[0])
    assert [links(r[0]) for r in rows] == [{"Acheter un équipement de randonnée": "../../journeys/achat/"},
                                           {"Acheter un équipement de randonnée (cible)": "../../journeys/achat-cible/"}]
    assert [r[1].find(".//a").get("href") for r in rows] == ["../../journeys/achat/#tp-t3", "../../journeys/achat-cible/#tp-t3"]
    assert [r[2].get("data-sort") for r in rows] == ["-1", "1"]
    assert links(rows[0][3]) == {"Fiche client unique web-magasin": "../../chantiers/fiche-client/"}
    # a channel with no page written and no touchpoint still has its page
    telephone = root_of(format_build, "channels/telephone.md")
    assert not by_class(telephone, "js-channel-summary") and by_class(telephone, "js-empty")


# -- index pages ----------------------------------------------------------------------------------

def test_index_pages_exist_in_the_navigation_with_localized_titles(format_build: SiteBuild) -> None:
    indexes = {r.page.doc_path: r.page for r in format_build.pages if r.page.kind.endswith("_index")}
    assert {path: (page.kind, page.title, page.nav_order) for path, page in indexes.items()} == {
        "personas/index.md": ("personas_index", "Personas", 10),
        "journeys/index.md": ("journeys_index", "Parcours", 20),
        "chantiers/index.md": ("chantiers_index", "Chantiers", 30),
        "channels/index.md": ("channels_index", "Canaux", 40),
        "departments/index.md": ("departments_index", "Directions", 36),
    }


def test_index_tables_are_sortable_and_list_every_item(format_build: SiteBuild) -> None:
    for doc in ("personas/index.md", "journeys/index.md", "chantiers/index.md", "channels/index.md"):
        tables = list(root_of(format_build, doc).iter("table"))
        assert len(tables) == 1
        assert {"js-table", "js-sortable"} <= classes(tables[0])
        assert all(th.get("scope") == "col" for th in tables[0].iter("th"))
    journeys = root_of(format_build, "journeys/index.md")
    headers = [text(th) for th in journeys.iter("th")]
    for column in ("Parcours", "État", "Personas", "Points de contact", "Bonheur", "Émotion moyenne", "Irritants relevés",
                   "Points de rupture", "Moments de vérité", "Avancement"):
        assert column in headers
    rows = {text(r[0]): r for r in table_rows(journeys)}
    assert links(rows["Acheter un équipement de randonnée"][0]) == {"Acheter un équipement de randonnée": "achat/"}
    assert links(rows["Acheter un équipement de randonnée"][2]) == {"Quentin": "../personas/quentin/"}
    progress = headers.index("Avancement")
    assert rows["Acheter un équipement de randonnée"][progress].get("data-sort") == ""  # current: no progress
    assert rows["Acheter un équipement de randonnée (cible)"][progress].get("data-sort") == "0"

    personas = root_of(format_build, "personas/index.md")
    assert [(text(r[0]), text(r[1]), text(r[2])) for r in table_rows(personas)] == [
        ("Léa", "Alpiniste confirmée", "1"), ("Quentin", "Randonneur occasionnel", "2")]

    channels = root_of(format_build, "channels/index.md")
    assert [text(r[0]) for r in table_rows(channels)] == ["Site web", "Magasin", "Téléphone", "Chat en ligne"]
    counts = {text(r[0]): r[[text(th) for th in channels.iter("th")].index("Points de contact")].get("data-sort")
              for r in table_rows(channels)}
    # over current journeys only (the target journey's web and store touchpoints are imagined)
    assert counts == {"Site web": "1", "Magasin": "1", "Téléphone": "0", "Chat en ligne": "1"}


def test_chantiers_index_is_sorted_by_priority_unscored_last(format_build: SiteBuild) -> None:
    root = root_of(format_build, "chantiers/index.md")
    headers = [text(th) for th in root.iter("th")]
    rows = table_rows(root)
    assert [text(r[headers.index("Chantier")]) for r in rows] == [
        "Fiche client unique web-magasin", "Référentiel client", "Fiches conseils personnalisées"]
    assert [r[headers.index("Priorité")].get("data-sort") for r in rows] == ["73", "55", ""]
    assert [text(r[headers.index("Statut")]) for r in rows] == ["Planifié", "Livré", "En cours"]
    assert [text(r[headers.index("Quadrant")]) for r in rows] == ["Gain rapide", "Projet majeur", ""]
    assert [text(r[headers.index("Points de contact")]) for r in rows] == ["2", "0", "2"]
    assert list(root.iter("th"))[headers.index("Priorité")].get("aria-sort") == "descending"


def test_dropped_chantiers_come_last_unranked_and_muted(build) -> None:
    dropped = ("---\ntype: chantier\ntitle: Abandonné mais prioritaire\nstatus: dropped\n"
               "scores: {customer_importance: 5, business_impact: 5}\n---\n")
    result = build({**FORMAT_SITE, "docs/chantiers/abandon.md": dropped}, FORMAT_CONFIG)
    root = root_of(result, "chantiers/index.md")
    headers = [text(th) for th in root.iter("th")]
    rows = [tr for tr in root.iter("tr") if list(tr.iter("td"))]
    cells = [list(tr.iter("td")) for tr in rows]
    # priority 100, yet last: it competes for nothing
    assert [text(c[headers.index("Chantier")]) for c in cells][-1] == "Abandonné mais prioritaire"
    assert [text(c[0]) for c in cells] == ["1", "2", "3", "–"]
    assert [tr.get("class") for tr in rows] == [None, None, None, "js-row-muted"]
    # the export keeps docs/format.md's order: by priority, whatever the status
    assert result.computed.chantiers_by_priority(result.site)[0] == "abandon"


# -- language, escaping, robustness ------------------------------------------------------------------

def test_english_site_gets_english_labels(build) -> None:
    result = build(FORMAT_SITE, FORMAT_CONFIG.replace("language: fr", "language: en"))
    titles = {r.page.doc_path: r.page.title for r in result.pages if r.page.kind.endswith("_index")}
    assert titles["journeys/index.md"] == "Journeys" and titles["chantiers/index.md"] == "Workstreams"
    journey = markdown_of(result, "journeys/achat.md")
    assert "## Touchpoints" in journey
    root = root_of(result, "journeys/achat.md")
    facts = {text(f.find("dt")) for f in by_class(by_class(root, "js-journey-header")[0], "js-fact")}
    assert {"Persona", "State", "Target journey", "Objectives", "Tags"} <= facts
    assert text(by_class(root, "js-state")[0]) == "Current"
    assert "Moment of truth" in [text(m) for m in by_class(root, "js-mark")]
    assert "Breakpoint" in [text(m) for m in by_class(root, "js-mark")]
    metrics = text(root.find(".//article[@id='tp-t1']"))
    assert "Volume 12,000" in metrics and "CES 2.1" in metrics
    chantier = root_of(result, "chantiers/fiche-client.md")
    assert "Quick win" in text(chantier) and "Planned" in text(chantier)
    for element in root_of(result, "chantiers/index.md").iter("th"):
        assert text(element) not in ("Priorité", "Statut", "Chantier")


EVIL = """<script>alert("x")</script> & 'quote' <img src=x onerror=alert(2)>"""


def test_user_text_is_escaped_in_every_view(build, tmp_path) -> None:
    evil_yaml = EVIL.replace("'", "''")
    config = FORMAT_CONFIG.replace("{id: web, label: Site web}", f"{{id: web, label: '{evil_yaml}'}}")
    files = {
        "docs/p.md": f"""\
            ---
            type: persona
            name: '{evil_yaml}'
            segment: '{evil_yaml}'
            quote: '{evil_yaml}'
            goals: ['{evil_yaml}']
            expectations: ['{evil_yaml}']
            frustrations: ['{evil_yaml}']
            channels: [web]
            ---
            """,
        "docs/j.md": f"""\
            ---
            type: journey
            title: '{evil_yaml}'
            persona: p
            tags: ['{evil_yaml}']
            touchpoints:
              - id: t1
                stage: achat
                step: '{evil_yaml}'
                channel: web
                action: '{evil_yaml}'
                emotion: irritant
                moment_of_truth: true
                expectations: ['{evil_yaml}']
                irritants: ['{evil_yaml}']
                enchantements: ['{evil_yaml}']
                verbatims: ['{evil_yaml}']
                data: ['{evil_yaml}']
                contact_reasons: ['{evil_yaml}']
                owner: '{evil_yaml}'
            ---
            """,
        "docs/c.md": f"""\
            ---
            type: chantier
            title: '{evil_yaml}'
            owner: '{evil_yaml}'
            department: '{evil_yaml}'
            touchpoints: [j#t1]
            depends_on: [d]
            ---
            """,
        "docs/d.md": f"---\ntype: chantier\ntitle: '{evil_yaml}'\n---\n",
        "docs/w.md": f"---\ntype: channel\nid: web\nowner: '{evil_yaml}'\n---\n",
    }
    result = build(files, config)
    assert not [p for p in result.problems if "plugin failed" in p.message], result.problems
    seen = 0
    for page in result.pages:
        for view in (ET.fromstring(v.html) for v in views(result, page.page.doc_path)):
            for element in view.iter():  # it parsed: no stray markup broke the structure
                assert element.tag not in ("script", "img"), (page.page.doc_path, element.tag)
                assert not any(name.startswith("on") for name in element.attrib), page.page.doc_path
            seen += text(view).count('<script>alert("x")</script> & \'quote\'')
            seen += sum(1 for e in view.iter() for v in e.attrib.values() if EVIL in v)
    assert seen > 30  # the text comes back whole, as text, all over the site


def test_missing_references_render_as_plain_text(build) -> None:
    result = build({
        "docs/p.md": "---\ntype: persona\nname: P\nchannels: [web, nowhere]\n---\n",
        "docs/j.md": """\
            ---
            type: journey
            title: J
            persona: [p, ghost]
            target: no-such-journey
            touchpoints:
              - {id: t1, stage: achat, channel: webb, action: Je paie, chantiers: [no-such-chantier]}
              - {id: t2, stage: nulle-part, channel: web, action: Je reviens, emotion: pas-une-emotion}
            ---
            """,
        "docs/t.md": "---\ntype: journey\ntitle: T\npersona: ghost\nstate: target\n---\n",
        "docs/c.md": "---\ntype: chantier\ntitle: C\ntouchpoints: [j#t9, nope#t1]\ndepends_on: [ghost]\n"
                     "scores: {feasibility: 4}\n---\n",
    })
    assert result.pages, result.problems
    assert not [p for p in result.problems if "plugin failed" in p.message], result.problems
    journey = root_of(result, "journeys/j.md")
    facts = {text(f.find("dt")): f.find("dd") for f in by_class(journey, "js-fact")}
    assert links(facts["Personas"]) == {"P": "../../personas/p/"}
    assert [text(li) for li in facts["Personas"].iter("li")] == ["P", "ghost"]
    assert text(facts["Parcours cible"]) == "no-such-journey" and not list(facts["Parcours cible"].iter("a"))
    t1 = journey.find(".//article[@id='tp-t1']")
    assert text(by_class(t1, "js-tp-channel")[0]) == "webb" and not list(by_class(t1, "js-tp-channel")[0].iter("a"))
    assert [text(g.find("h3")) for g in by_class(journey, "js-stage")] == ["Achat", "nulle-part"]
    persona = root_of(result, "personas/p.md")
    assert "nowhere" in text(persona) and "nowhere" not in links(persona)
    chantier = root_of(result, "chantiers/c.md")
    assert text(by_class(chantier, "js-chantier-dependencies")[0]).endswith("ghost")
    assert by_class(chantier, "js-empty")  # neither dangling reference is listed
    assert text(by_class(root_of(result, "chantiers/index.md"), "js-table")[0])


def test_persona_photo_links_relative_to_the_page(build) -> None:
    files = {"docs/img/quentin.png": b"\x89PNG\r\n\x1a\n",
             "docs/gens/quentin.md": "---\ntype: persona\nname: Quentin\nphoto: ../img/quentin.png\n---\n"}
    img = root_of(build(files), "personas/quentin.md").find(".//img")
    assert img.get("src") == "../../img/quentin.png" and img.get("alt") == "Photo de Quentin"
    flat = build(files, FORMAT_CONFIG + "use_directory_urls: false\n")
    assert root_of(flat, "personas/quentin.md").find(".//img").get("src") == "../img/quentin.png"


def test_persona_without_journeys_or_profile_still_renders(build) -> None:
    root = root_of(build({"docs/p.md": "---\ntype: persona\nname: Seul\n---\n"}), "personas/p.md")
    assert by_class(root, "js-persona-card") and by_class(root, "js-empty")


def test_views_are_blocks_without_blank_lines_in_the_documented_order(format_build: SiteBuild) -> None:
    for page in format_build.pages:
        found = views(format_build, page.page.doc_path)
        assert found or page.page.kind not in ("persona", "journey", "chantier", "channel"), page.page.doc_path
        for view in found:
            element = ET.fromstring(view.html)
            assert element.tag == "div" and any(c.startswith("js-") for c in classes(element))
            assert "\n\n" not in view.html
    orders = {v.name: v.order for v in views(format_build, "journeys/achat.md")}
    assert orders == {"journey_header": 10, "journey_touchpoints": 50}
    markdown = markdown_of(format_build, "journeys/achat.md")
    assert markdown.index("Parcours observé en 2026.") < markdown.index('class="js-journey-header') \
        < markdown.index("## Points de contact") < markdown.index('id="tp-t1"')


# -- labels and assets ---------------------------------------------------------------------------

def test_problems_banner_counts_errors_and_warnings_in_words() -> None:
    def shown(language: str, errors: int, warnings: int) -> str:
        problems = [Problem("a.md", n, "x") for n in range(errors)] + \
                   [Problem("b.md", n, "x", WARNING) for n in range(warnings)]
        with use_language(language):
            return " ".join(parse(problems_banner(problems, "p/")).text).replace("\u00a0", " ")

    assert "Problèmes (48 erreurs, 2 avertissements)" in shown("fr", 48, 2)
    assert "Problèmes (1 erreur, 0 avertissement)" in shown("fr", 1, 0)
    assert "Problems (48 errors, 2 warnings)" in shown("en", 48, 2)
    assert "Problems (0 errors, 1 warning)" in shown("en", 0, 1)
    # only warnings: the page is whole; the banner says what they will cost
    assert "This site has warnings: mkdocs build --strict fails" in shown("en", 0, 1)
    assert "erreurs" in shown("fr", 1, 1) and "avertissements : mkdocs build --strict" not in shown("fr", 1, 1)


def test_assets_are_self_contained_and_classes_prefixed() -> None:
    css = (ASSETS / "journeysite.css").read_text(encoding="utf-8")
    js = (ASSETS / "journeysite.js").read_text(encoding="utf-8")
    for source in (css, js):
        assert "http://" not in source and "https://" not in source and "@import" not in source
    selectors = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    selectors = re.sub(r"\{[^{}]*\}", "", re.sub(r"@media[^{]*\{", "", selectors))
    for name in re.findall(r"\.([A-Za-z_][\w-]*)", selectors):
        assert name.startswith(("js-", "md-")), name
    assert "document$" in js and "DOMContentLoaded" in js and "data-sort" in js and "aria-sort" in js


def test_faces_css_is_generated_from_the_drawings_and_draws_every_slot() -> None:
    css = (ASSETS / "faces.css").read_text(encoding="utf-8")
    assert css == emotion.faces_css(), "regenerate assets/faces.css (see its header)"
    assert "http:" not in css and "https:" not in css and "@import" not in css
    for n, colour in enumerate(emotion.COLOURS):  # colour AND shape, from the same drawing as the curve's
        rule = re.search(rf'\.js-face\.js-emo-{n}::before {{ background-image: '
                         rf'url\("data:image/svg\+xml,([^"]+)"\); }}', css)
        assert rule, n
        svg = unquote(rule.group(1))
        assert emotion.drawing(n).replace('"', "'") in svg and colour in svg
    assert re.search(r"\.js-face\.js-face-none::before \{[^}]*dashed currentColor", css)
    base = re.search(r"\.js-face::before \{([^}]*)\}", css).group(1)
    assert 'content: ""' in base and "print-color-adjust: exact" in base  # printed with its colours


def test_free_metric_keys_read_as_words() -> None:
    from journeysite.render.widgets import metric_label
    with use_language("fr"):
        assert metric_label("nps") == "NPS"  # a known key has its own label
        assert metric_label("abandon_rate") == "Taux d'abandon"
        assert metric_label("taux_rebond") == "Taux rebond"  # a free key, made readable
        assert metric_label("share") == "Share"
    with use_language("en"):
        assert metric_label("abandon_rate") == "Abandonment rate"


def test_views_can_wait_outside_the_markdown(format_build: SiteBuild) -> None:
    from journeysite.build import build_site
    from journeysite.pages import restore_views
    inline = markdown_of(format_build, "journeys/achat.md")
    stashed = build_site(format_build.config, stash_views=True)
    page = rendered(stashed, "journeys/achat.md")
    assert 'class="js-matrix"' in inline and 'class="js-matrix"' not in page.markdown
    assert "JOURNEYSITEVIEW0000X" in page.markdown.splitlines()  # a paragraph of its own
    # converted, then restored: the same views, in the same order
    html = markdown.markdown(page.markdown.split("---\n", 2)[2], extensions=["md_in_html"])
    restored = restore_views(html, page.views)
    assert "JOURNEYSITEVIEW" not in restored
    positions = [restored.index(v) for v in page.views.values()]  # each view whole (index raises otherwise)
    assert positions == sorted(positions)
    # a token the page does not own, or not alone in its paragraph, is left as written
    assert restore_views("<p>JOURNEYSITEVIEW0099X</p><p>see JOURNEYSITEVIEW0000X</p>", page.views) == \
        "<p>JOURNEYSITEVIEW0099X</p><p>see JOURNEYSITEVIEW0000X</p>"


def test_views_packed_and_taken_out_come_back_the_same(format_build: SiteBuild) -> None:
    from journeysite.build import build_site
    from journeysite.pages import restore_views, take_views_out, unpack
    stashed = build_site(format_build.config, stash_views=True)
    packed = build_site(format_build.config, stash_views=True, pack=True)
    page, light = rendered(stashed, "journeys/achat.md"), rendered(packed, "journeys/achat.md")
    assert light.views == {} and light.markdown == page.markdown
    assert {token: unpack(view) for token, view in light.packed.items()} == page.views
    html = markdown.markdown(page.markdown.split("---\n", 2)[2], extensions=["md_in_html"])
    whole = restore_views(html, page.views)
    # taken out again: the converted page as it was, and back whole
    assert take_views_out(whole, page.views) == (html, list(page.views))
    # a view another plugin changed stays in the page; the others are taken out
    first, *others = page.views
    changed = whole.replace(page.views[first], page.views[first].replace("js-", "other-", 1))
    rest, taken = take_views_out(changed, page.views)
    assert taken == others and restore_views(rest, page.views) == changed
    # a page already holding a placeholder's text is left whole: it could not be told from a view's
    assert take_views_out(whole + "<p>JOURNEYSITEVIEW0000X</p>", page.views) == (
        whole + "<p>JOURNEYSITEVIEW0000X</p>", [])
