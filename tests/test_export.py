"""``journeysite export``: the JSON document and the CSV of docs/format.md, checked by hand."""
from __future__ import annotations

import csv
import io
import json

import pytest

from journeysite.build import build_site
from journeysite.cli import main
from journeysite.config import read_site_config
from journeysite.export import ExportError, csv_words, safe_cell, to_csv, to_data, to_json

# A small site whose every figure is computed by hand below (default referential).
HAND_SITE = {
    "docs/index.md": "# Accueil\n",
    "docs/personas/ana.md": """\
        ---
        type: persona
        name: Ana
        segment: Cadre pressée
        ---
        Ana.
        """,
    "docs/personas/bob.md": """\
        ---
        type: persona
        name: Bob
        ---
        Bob.
        """,
    "docs/parcours/achat.md": """\
        ---
        type: journey
        title: Acheter
        persona: ana
        target: achat-cible
        touchpoints:
          - id: t1
            stage: recherche
            channel: web
            action: Je cherche
            emotion: plaisir
            chantiers: [zeta]
          - id: t2
            stage: choix
            channel: telephone
            action: J'appelle
            emotion: irritant
            importance: {customer: 5, business: 4}
          - id: t3
            stage: achat
            step: Je paie
            channel: magasin
            action: Je paie en caisse
            emotion: Déception
            moment_of_truth: true
            rupture: true
          - id: t4
            stage: usage
            channel: email
            action: Je lis le mode d'emploi
        ---
        """,
    "docs/parcours/achat-cible.md": """\
        ---
        type: journey
        title: Acheter (cible)
        persona: [ana, bob]
        state: target
        touchpoints:
          - id: t1
            stage: recherche
            channel: web
            action: Je trouve tout de suite
            emotion: enchantement
            chantiers: [alpha]
          - id: t2
            stage: achat
            channel: web
            action: Je paie en ligne
            emotion: 0
          - id: t3
            stage: apres-vente
            channel: email
            action: Je reçois un conseil
            emotion: plaisir
        ---
        """,
    "docs/chantiers/alpha.md": """\
        ---
        type: chantier
        title: Alpha
        status: done
        scores: {customer_importance: 5, business_impact: 4, feasibility: 3, cost: 2, delay: 1}
        ---
        """,
    "docs/chantiers/beta.md": """\
        ---
        type: chantier
        title: Beta
        status: dropped
        scores: {customer_importance: 2, cost: 4}
        touchpoints: [achat-cible#t1]
        depends_on: [alpha]
        ---
        """,
    "docs/chantiers/zeta.md": """\
        ---
        type: chantier
        title: Zeta
        status: in_progress
        touchpoints: [achat-cible#t2]
        ---
        """,
    "docs/chantiers/gamma.md": """\
        ---
        type: chantier
        title: Gamma
        status: planned
        department: digital
        owner: DSI
        quarter: 2027-Q1
        scores: {delay: 3, business_impact: 3}
        ---
        """,
    "docs/chantiers/delta.md": """\
        ---
        type: chantier
        title: Delta
        scores: {feasibility: 1, cost: 1}
        ---
        """,
}


@pytest.fixture
def hand_build(build):
    result = build(HAND_SITE)
    assert result.problems == []
    return result


@pytest.fixture
def doc(hand_build):
    return json.loads(to_json(hand_build))


def test_top_level_keys_in_format_order_and_referential(doc):
    keys = list(doc)
    assert keys[0] == "format" and doc["format"] == 1
    required = ["stages", "channels", "emotions", "criteria", "personas", "journeys", "chantiers"]
    assert [k for k in keys if k in required] == required
    assert [s["id"] for s in doc["stages"]] == ["recherche", "choix", "achat", "usage", "apres-vente"]
    assert doc["stages"][4]["label"] == "Après-vente"  # French site, French labels
    assert [c["id"] for c in doc["channels"]][:2] == ["web", "appli"]
    assert doc["emotions"][0] == {"id": "enchantement", "label": "Enchantement", "score": 2}
    assert [e["score"] for e in doc["emotions"]] == [2, 1, 0, -1, -2]
    assert doc["criteria"][3] == {"id": "cost", "label": "Coût", "weight": 2, "inverse": True}


def test_personas_by_id_with_their_journeys(doc):
    personas = doc["personas"]
    assert [p["id"] for p in personas] == ["ana", "bob"]
    ana = personas[0]
    for key in ("id", "name", "segment", "path", "journeys"):
        assert key in ana
    assert ana["name"] == "Ana" and ana["segment"] == "Cadre pressée"
    assert ana["path"] == "docs/personas/ana.md"
    assert ana["journeys"] == ["achat", "achat-cible"]
    assert personas[1]["journeys"] == ["achat-cible"]


def test_journeys_by_id_with_happiness_progress_and_touchpoints_in_file_order(doc):
    journeys = doc["journeys"]
    assert [j["id"] for j in journeys] == ["achat", "achat-cible"]
    current, target = journeys
    for key in ("id", "title", "path", "state", "target", "personas", "stages", "happiness", "progress", "touchpoints"):
        assert key in current
    assert current["path"] == "docs/parcours/achat.md"
    assert (current["state"], current["target"]) == ("current", "achat-cible")
    assert (target["state"], target["target"]) == ("target", None)
    assert target["personas"] == ["ana", "bob"]
    assert current["stages"] == ["recherche", "choix", "achat", "usage", "apres-vente"]
    # 1 of the 3 touchpoints with an emotion is above 0 (t4 has none: not counted as 0)
    assert current["happiness"] == pytest.approx(1 / 3)
    # enchantement, satisfaction (score 0), plaisir -> 2 of 3
    assert target["happiness"] == pytest.approx(2 / 3)
    # progress: current journeys have none
    assert current["progress"] is None
    # t1: alpha (done) + beta (dropped, ignored) -> delivered; t2: zeta in progress; t3: no chantier -> 1/2
    assert target["progress"] == 0.5
    assert [t["id"] for t in current["touchpoints"]] == ["t1", "t2", "t3", "t4"]


def test_touchpoint_values(doc):
    t1, t2, t3, t4 = doc["journeys"][0]["touchpoints"]
    keys = ["id", "stage", "step", "channel", "action", "emotion", "emotion_score", "moment_of_truth", "rupture",
            "criticality", "chantiers"]
    assert [k for k in t1 if k in keys] == keys
    assert (t1["emotion"], t1["emotion_score"], t1["criticality"]) == ("plaisir", 1, 0)
    # criticality = max(0, -score) * (customer + business)
    assert (t2["emotion"], t2["emotion_score"], t2["criticality"]) == ("irritant", -2, 2 * (5 + 4))
    # emotion written as a label ("Déception") exports as the level id; missing importance counts 3
    assert (t3["emotion"], t3["emotion_score"], t3["criticality"]) == ("deception", -1, 1 * (3 + 3))
    assert t3["emotion_label"] == "Déception"
    assert (t3["step"], t3["stage"], t3["channel"], t3["action"]) == ("Je paie", "achat", "magasin", "Je paie en caisse")
    assert t3["moment_of_truth"] is True and t3["rupture"] is True
    assert t1["moment_of_truth"] is False and t1["rupture"] is False
    # no emotion: null, never zero
    assert (t4["emotion"], t4["emotion_score"], t4["criticality"]) == (None, None, 0)


def test_chantiers_by_priority_then_id_with_hand_computed_figures(doc):
    chantiers = {c["id"]: c for c in doc["chantiers"]}
    # alpha 79.5 > delta 50 = gamma 50 (by id) > beta 25 > zeta (no scores: last)
    assert [c["id"] for c in doc["chantiers"]] == ["alpha", "delta", "gamma", "beta", "zeta"]
    # priority = 100 * sum(w * (v - 1)) / sum(w * 4), v = 6 - s for inverse criteria
    # alpha: ci 3*(5-1) + bi 3*(4-1) + fe 2*(3-1) + cost 2*((6-2)-1) + delay 1*((6-1)-1) = 12+9+4+6+4 = 35 over 4*11
    assert chantiers["alpha"]["priority"] == pytest.approx(100 * 35 / 44)
    # beta: ci 3*(2-1) + cost 2*((6-4)-1) = 5 over 4*(3+2)
    assert chantiers["beta"]["priority"] == pytest.approx(25)
    # gamma: bi 3*(3-1) + delay 1*((6-3)-1) = 8 over 4*(3+1)
    assert chantiers["gamma"]["priority"] == pytest.approx(50)
    # delta: fe 2*(1-1) + cost 2*((6-1)-1) = 8 over 4*(2+2)
    assert chantiers["delta"]["priority"] == pytest.approx(50)
    assert chantiers["zeta"]["priority"] is None
    # quadrant: value = mean of non-inverse raw scores, effort = mean of inverse ones
    assert chantiers["alpha"]["quadrant"] == "quick_win"      # value 4, effort 1.5
    assert chantiers["gamma"]["quadrant"] == "major_project"  # value 3, effort 3
    assert chantiers["delta"]["quadrant"] == "fill_in"        # value 1, effort 1
    assert chantiers["beta"]["quadrant"] == "thankless"       # value 2, effort 4
    assert chantiers["zeta"]["quadrant"] is None
    gamma = chantiers["gamma"]
    keys = ["id", "title", "path", "status", "department", "owner", "quarter", "scores", "priority", "quadrant",
            "depends_on", "touchpoints"]
    assert [k for k in gamma if k in keys] == keys
    assert (gamma["path"], gamma["status"], gamma["department"], gamma["owner"], gamma["quarter"]) == (
        "docs/chantiers/gamma.md", "planned", "digital", "DSI", "2027-Q1")
    assert list(gamma["scores"].items()) == [("business_impact", 3), ("delay", 3)]  # referential order
    assert chantiers["beta"]["depends_on"] == ["alpha"]
    assert chantiers["alpha"]["required_by"] == ["beta"]


def test_index_is_built_from_both_sides_and_sorted(doc):
    chantiers = {c["id"]: c for c in doc["chantiers"]}
    touchpoints = {f"{j['id']}#{t['id']}": t for j in doc["journeys"] for t in j["touchpoints"]}
    # zeta is named by achat#t1 (touchpoint side) and names achat-cible#t2 (chantier side)
    assert chantiers["zeta"]["touchpoints"] == ["achat#t1", "achat-cible#t2"]
    assert touchpoints["achat-cible#t2"]["chantiers"] == ["zeta"]
    assert touchpoints["achat#t1"]["chantiers"] == ["zeta"]
    # achat-cible#t1 names alpha; beta names achat-cible#t1
    assert touchpoints["achat-cible#t1"]["chantiers"] == ["alpha", "beta"]
    assert chantiers["alpha"]["touchpoints"] == ["achat-cible#t1"]
    assert chantiers["beta"]["touchpoints"] == ["achat-cible#t1"]
    assert chantiers["gamma"]["touchpoints"] == []


def test_extras_indicators_per_journey(doc):
    indicators = {i["id"]: i for i in doc["journeys"][0]["indicators"]}
    assert indicators["touchpoints"]["value"] == 4
    assert indicators["happiness"]["value"] == pytest.approx(1 / 3)


def test_json_is_deterministic_utf8_and_indented(make_site, tmp_path):
    root = make_site(HAND_SITE)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["export", "json", str(root), "-o", str(first)]) == 0
    assert main(["export", "json", str(root), "-o", str(second)]) == 0
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data == to_json(build_site(read_site_config(root / "mkdocs.yml"))).encode("utf-8")
    text = data.decode("utf-8")
    assert "Cadre pressée" in text  # ensure_ascii=False
    assert text.startswith('{\n  "format": 1,')
    assert text.endswith("}\n")


def test_json_goes_to_stdout(make_site, capsys):
    root = make_site(HAND_SITE)
    assert main(["export", "json", str(root)]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == 1


def test_export_refuses_a_site_with_errors(make_site, capsys, tmp_path):
    files = dict(HAND_SITE)
    files["docs/chantiers/bad.md"] = "---\ntype: chantier\ntitle: Bad\nstatus: paused\n---\n"
    root = make_site(files)
    target = tmp_path / "out.json"
    assert main(["export", "json", str(root), "-o", str(target)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "docs/chantiers/bad.md:4: le statut «\u00a0paused\u00a0»" in captured.err
    assert "rien n'a été exporté" in captured.err
    assert not target.exists()
    assert main(["export", "csv", str(root)]) == 1
    with pytest.raises(ExportError):
        to_json(build_site(read_site_config(root / "mkdocs.yml")))


# -- CSV -------------------------------------------------------------------------------

TRICKY_JOURNEY = '''\
    ---
    type: journey
    title: "=HYPERLINK(\\"http://evil\\")"
    persona: ana
    touchpoints:
      - id: t1
        stage: recherche
        step: "-2 jours"
        channel: web
        action: "+33 6 00 00 00 00"
        emotion: irritant
        expectations: ["@SUM(A1)", "Un prix; juste", "Le \\"meilleur\\" conseil"]
        irritants: ["\\tcaché", "\\rretour"]
      - id: t2
        stage: choix
        channel: web
        action: "Je dis \\"bonjour\\"; puis je pars,\\nsur deux lignes"
        emotion: 2
        expectations: ["-moins cher", "=1+1"]
    ---
    '''


def read_csv(text: str, sep: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))


def test_csv_default_bom_semicolon_french_headers_one_row_per_touchpoint(make_site, tmp_path):
    root = make_site(HAND_SITE)
    target = tmp_path / "export.csv"
    assert main(["export", "csv", str(root), "-o", str(target)]) == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data.decode("utf-8-sig"))
    assert rows[0] == ["Parcours", "Personas", "État", "Étape", "Sous-étape", "Canal", "Point de contact", "Action",
                       "Émotion", "Score d'émotion", "Moment de vérité", "Point de rupture", "Attentes",
                       "Irritants", "Chantiers", "Criticité", "Importance client", "Importance entreprise",
                       "Direction", "Enchantements", "Verbatims"]
    assert len(rows) == 1 + 4 + 3
    # journeys by id, touchpoints in file order
    assert [(r[0], r[6]) for r in rows[1:]] == [("Acheter", "t1"), ("Acheter", "t2"), ("Acheter", "t3"),
                                                ("Acheter", "t4"), ("Acheter (cible)", "t1"),
                                                ("Acheter (cible)", "t2"), ("Acheter (cible)", "t3")]
    t3 = rows[3]
    assert t3[:15] == ["Acheter", "Ana", "Actuel", "Achat", "Je paie", "Magasin", "t3", "Je paie en caisse",
                       "Déception", "-1", "oui", "oui", "", "", ""]
    assert rows[2][9] == "-2"          # a real number stays a number, not neutralised
    assert rows[4][8:10] == ["", ""]   # no emotion: empty cells, never 0
    assert rows[5][1] == "Ana | Bob"   # multi-valued cells
    assert rows[5][14] == "Alpha | Beta"
    assert data.count(b"\r\n") == len(rows)


def test_csv_neutralises_formulas_and_escapes_separators_and_quotes(make_site):
    root = make_site({**HAND_SITE, "docs/parcours/tricky.md": TRICKY_JOURNEY})
    text = to_csv(build_site(read_site_config(root / "mkdocs.yml")))
    rows = [r for r in read_csv(text.lstrip("\ufeff")) if r[6] in ("t1", "t2") and r[0].startswith("'")]
    assert len(rows) == 2
    first, second = rows
    assert first[0] == "'=HYPERLINK(\"http://evil\")"
    assert first[4] == "'-2 jours"
    assert first[7] == "'+33 6 00 00 00 00"
    assert first[9] == "-2"
    assert first[12] == "'@SUM(A1) | Un prix; juste | Le \"meilleur\" conseil"
    assert first[13] == "'\tcaché | \rretour"
    assert second[7] == "Je dis \"bonjour\"; puis je pars,\nsur deux lignes"
    assert second[8:10] == ["Enchantement", "2"]
    assert second[12] == "'-moins cher | =1+1"
    for row in read_csv(text.lstrip("\ufeff")):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            assert not cell.startswith("-") or cell.lstrip("-").isdigit(), cell


def test_csv_separator_and_no_bom_and_english_headers(make_site, capsys):
    config = "site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  language: en\nplugins:\n  - journeysite\n"
    root = make_site(HAND_SITE, config=config)
    assert main(["export", "csv", str(root), "--sep", ",", "--no-bom"]) == 0
    out = capsys.readouterr().out
    assert not out.startswith("\ufeff")
    rows = read_csv(out, ",")
    assert rows[0][:4] == ["Journey", "Personas", "State", "Stage"]
    assert rows[0][14] == "Workstreams"
    assert rows[3][2:4] == ["Current", "Purchase"]
    assert rows[3][10:12] == ["yes", "yes"]
    assert main(["export", "csv", str(root), "--sep", "tab", "--ids"]) == 0
    rows = read_csv(capsys.readouterr().out.lstrip("\ufeff"), "\t")
    assert rows[3][:10] == ["achat", "ana", "current", "achat", "Je paie", "magasin", "t3", "Je paie en caisse",
                            "deception", "-1"]
    assert rows[5][14] == "alpha | beta"


RICH_JOURNEY = """\
    ---
    type: journey
    title: Succession
    persona: ana
    touchpoints:
      - id: t1
        stage: achat
        channel: telephone
        action: J'appelle la banque
        emotion: irritant
        importance: {customer: 5, business: 3}
        owner: CRC
        enchantements: [Un conseiller patient]
        verbatims: ["On m'a baladée", Trois appels]
        metrics: {abandon_rate: 0.62, nps: -12.5}
      - id: t2
        stage: usage
        channel: web
        action: Je lis
        emotion: plaisir
        metrics: {delai_jours: 3}
    ---
    """
DEPARTMENTS = """\
      departments:
        - {id: relation-client, label: Relation client, aliases: [CRC]}
"""


def rich_site(make_site, language: str):
    config = (f"site_name: T\ndocs_dir: docs\ntheme:\n  name: material\n  language: {language}\nplugins:\n"
              f"  - journeysite:\n{DEPARTMENTS}")
    return make_site({**HAND_SITE, "docs/parcours/succession.md": RICH_JOURNEY}, config=config)


@pytest.mark.parametrize("language, sep, decimal, department", [
    ("fr", ";", ",", "Relation client"), ("en", ",", ".", "Relation client")])
def test_csv_has_what_the_json_has_of_a_touchpoint_numbers_in_the_site_language(make_site, capsys, language, sep,
                                                                                 decimal, department):
    root = rich_site(make_site, language)
    assert main(["export", "csv", str(root)]) == 0
    rows = read_csv(capsys.readouterr().out.lstrip("\ufeff"), sep)
    header = rows[0]
    assert header[-3:] == ["abandon_rate", "delai_jours", "nps"]  # one column per metric name used, sorted
    row = dict(zip(header, next(r for r in rows if r[0] == "Succession" and r[6] == "t1")))
    other = dict(zip(header, next(r for r in rows if r[0] == "Succession" and r[6] == "t2")))
    words = csv_words(language)
    data = to_data(build_site(read_site_config(root / "mkdocs.yml")))
    exported = next(j for j in data["journeys"] if j["id"] == "succession")["touchpoints"][0]
    assert exported["criticality"] > 0
    assert float(row[words["criticality"]].replace(decimal, ".")) == round(exported["criticality"], 2)
    assert (row[words["importance_customer"]], row[words["importance_business"]]) == ("5", "3")
    assert row[words["touchpoint_department"]] == department
    assert row[words["enchantements"]] == "Un conseiller patient"
    assert row[words["verbatims"]] == "On m'a baladée | Trois appels"
    assert (row["abandon_rate"], row["nps"], row["delai_jours"]) == (f"0{decimal}62", f"-12{decimal}5", "")
    assert (other["abandon_rate"], other["delai_jours"], other[words["touchpoint_department"]]) == ("", "3", "")


def test_csv_ids_give_the_department_id_and_an_explicit_separator_keeps_its_numbers_readable(make_site, capsys):
    root = rich_site(make_site, "fr")
    assert main(["export", "csv", str(root), "--ids", "--sep", ","]) == 0
    rows = read_csv(capsys.readouterr().out.lstrip("\ufeff"), ",")
    row = dict(zip(rows[0], next(r for r in rows if r[0] == "succession" and r[6] == "t1")))
    assert row["Direction"] == "relation-client"
    assert row["abandon_rate"] == "0.62"  # a decimal comma would split the cell


def test_csv_words_are_a_contract_with_spreadsheets():
    """The CSV's words come from the catalogue, and must never change: spreadsheets are built on them."""
    assert csv_words("fr") == {
        "journey": "Parcours", "personas": "Personas", "state": "État", "stage": "Étape", "step": "Sous-étape",
        "channel": "Canal", "touchpoint": "Point de contact", "action": "Action", "emotion": "Émotion",
        "emotion_score": "Score d'émotion", "moment_of_truth": "Moment de vérité", "rupture": "Point de rupture",
        "expectations": "Attentes", "irritants": "Irritants", "chantiers": "Chantiers",
        "current": "Actuel", "target": "Cible", "yes": "oui", "no": "non",
        "id": "Identifiant", "title": "Titre", "status": "Statut", "department": "Direction",
        "owner": "Responsable", "quarter": "Livraison prévue", "budget": "Budget", "priority": "Priorité",
        "quadrant": "Quadrant", "objectives": "Objectifs", "chantier_touchpoints": "Points de contact",
        "depends_on": "Dépend de", "criticality": "Criticité", "importance_customer": "Importance client",
        "importance_business": "Importance entreprise", "touchpoint_department": "Direction",
        "enchantements": "Enchantements", "verbatims": "Verbatims"}
    assert csv_words("en") == {
        "journey": "Journey", "personas": "Personas", "state": "State", "stage": "Stage", "step": "Step",
        "channel": "Channel", "touchpoint": "Touchpoint", "action": "Action", "emotion": "Emotion",
        "emotion_score": "Emotion score", "moment_of_truth": "Moment of truth", "rupture": "Breakpoint",
        "expectations": "Expectations", "irritants": "Pain points", "chantiers": "Workstreams",
        "current": "Current", "target": "Target", "yes": "yes", "no": "no",
        "id": "Id", "title": "Title", "status": "Status", "department": "Department", "owner": "Owner",
        "quarter": "Planned delivery", "budget": "Budget", "priority": "Priority", "quadrant": "Quadrant",
        "objectives": "Objectives", "chantier_touchpoints": "Touchpoints", "depends_on": "Depends on",
        "criticality": "Criticality", "importance_customer": "Customer importance",
        "importance_business": "Business importance", "touchpoint_department": "Department",
        "enchantements": "Delights", "verbatims": "Verbatims"}


def test_lang_gives_the_csv_in_another_language(make_site, capsys):
    root = make_site(HAND_SITE)  # a French site
    assert main(["export", "csv", str(root), "--lang", "en"]) == 0
    rows = read_csv(capsys.readouterr().out.lstrip("\ufeff"), ",")  # an English spreadsheet's separator
    assert rows[0][:4] == ["Journey", "Personas", "State", "Stage"] and rows[3][2:4] == ["Current", "Purchase"]


def test_csv_is_deterministic(make_site):
    root = make_site(HAND_SITE)
    runs = {to_csv(build_site(read_site_config(root / "mkdocs.yml"))) for _ in range(2)}
    assert len(runs) == 1


def test_csv_bad_separator_is_a_usage_error(make_site, capsys):
    root = make_site(HAND_SITE)
    assert main(["export", "csv", str(root), "--sep", ";;"]) == 2
    assert main(["export", "csv", str(root), "--sep", '"']) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("＝1", "'＝1"), ("a=1", "a=1"), ("", ""), (None, ""),
])
def test_safe_cell(text, expected):
    assert safe_cell(text) == expected
