"""What people read, set as they expect: no line break inside a number or a quote (matrix, diagrams), rates
as percentages, the French first of the month, the heatmap's colours symmetric around neutral, a matrix
that names each of its columns and rows, a channel page named by the channel's label."""
from __future__ import annotations

import datetime

from test_journey_map import fragment, matrix_grid, page, text

from journeysite.defaults.heatmap import nearest_level
from journeysite.formatting import NBSP, date, unbreakable
from journeysite.i18n import use_language
from journeysite.referential import default_referential
from journeysite.render.dot import wrap
from journeysite.render.widgets import metric_text

JOURNEY = """\
    ---
    type: journey
    title: Crédit
    persona: sophie
    touchpoints:
      - id: t1
        stage: choix
        step: Je m'informe
        channel: web
        action: Je lis les pages « Acheter ma résidence » du site
        metrics: {abandon_rate: 0.62, volume: 18500, taux_conversion: 0.125, score_rate: 7}
      - id: t2
        stage: choix
        channel: telephone
        action: "Je simule mon prêt : 220 000 € sur 25 ans"
    ---
    """
SITE = {
    "docs/index.md": "# Accueil\n",
    "docs/personas/sophie.md": "---\ntype: persona\nname: Sophie\n---\n",
    "docs/parcours/credit.md": JOURNEY,
    "docs/canaux/tel.md": "---\ntype: channel\nid: Téléphone\nowner: CRC\n---\nLe centre d'appels.\n",
}


def test_spaces_inside_numbers_units_quotes_and_before_french_punctuation_do_not_break():
    assert unbreakable("Je simule mon prêt : 220 000 € sur 25 ans") == \
        f"Je simule mon prêt{NBSP}: 220{NBSP}000{NBSP}€ sur 25 ans"
    assert unbreakable("les pages « Acheter » et 40 % !") == f"les pages «{NBSP}Acheter{NBSP}» et 40{NBSP}%{NBSP}!"
    assert unbreakable("Note: 2026 was good") == "Note: 2026 was good"


def test_a_diagram_never_cuts_a_line_inside_a_number_or_a_quote():
    lines = wrap("Je simule mon prêt : 220 000 € sur 25 ans", 12, 5)
    assert f"220{NBSP}000{NBSP}€" in " ".join(lines).split(" ")
    assert not any(line.endswith(("220", "000")) for line in lines)
    assert wrap("« Acheter ma résidence » du site", 10, 5)[0] == f"«{NBSP}Acheter"


def test_matrix_cards_keep_numbers_whole_and_name_the_column_of_touchpoints_without_a_step(build):
    result = build(SITE)
    assert [str(p) for p in result.problems] == []
    table = fragment(page(result, "journeys/credit.md"), 'class="js-matrix"').find(".//table")
    grid = {key: [text(c) for c in cards] for key, cards in matrix_grid(table).items() if cards}
    assert list(grid) == [("Site web", "Choix", "Je m'informe"), ("Téléphone", "Choix", "sans sous-étape")]
    assert f"220{NBSP}000{NBSP}€" in grid[("Téléphone", "Choix", "sans sous-étape")][0]
    # only the stage its touchpoints use: the journey lists no 'stages'
    assert [text(th) for th in table.find("thead").find("tr").findall("th")][1:] == ["Choix"]


def test_rates_are_shown_as_percentages_other_metrics_as_numbers(build):
    with use_language("fr"):
        assert (metric_text("abandon_rate", 0.62), metric_text("taux_conversion", 0.125)) == \
            (f"62{NBSP}%", f"12{NBSP}%")
        assert metric_text("share", 1) == f"100{NBSP}%"
        assert metric_text("score_rate", 7) == "7"  # above 1: not a share, shown as written
        assert metric_text("volume", 0.5) == "0,5"  # not a rate
    html = page(build(SITE), "journeys/credit.md")
    assert f"62{NBSP}%" in html and "0,62" not in html


def test_the_first_of_the_month_is_an_ordinal_in_french():
    assert date(datetime.date(2026, 12, 1), "fr") == "1er déc. 2026"
    assert date(datetime.date(2026, 12, 11), "fr") == "11 déc. 2026"
    assert date(datetime.date(2026, 12, 1), "en") == "Dec 1, 2026"


def test_heatmap_colours_a_mean_halfway_between_two_levels_alike_on_both_sides_of_neutral():
    referential = default_referential("fr")
    assert nearest_level(0.5, referential).id == nearest_level(-0.5, referential).id == "satisfaction"
    assert (nearest_level(1.5, referential).id, nearest_level(-1.5, referential).id) == ("plaisir", "deception")
    assert nearest_level(-0.6, referential).id == "deception"


def test_a_channel_page_may_name_its_channel_by_label(build):
    result = build(SITE)
    assert [str(p) for p in result.problems] == []
    assert "Le centre d'appels." in page(result, "channels/telephone.md")


def test_a_touchpoint_without_a_channel_keeps_a_named_row_while_the_site_has_errors(build):
    files = dict(SITE, **{"docs/parcours/credit.md": JOURNEY.replace("        channel: telephone\n", "")})
    result = build(files)
    assert "docs/parcours/credit.md:12" in [str(p).split(": ", 1)[0] for p in result.problems]
    table = fragment(page(result, "journeys/credit.md"), 'class="js-matrix"').find(".//table")
    rows = [text(tr.find("th")) for tr in table.find("tbody").findall("tr")]
    assert rows == ["Site web", "(canal non renseigné)"]


def test_filter_tokens_transliterate_accents_as_department_ids_do(build):
    from journeysite.load import slug
    from journeysite.render.widgets import css_token
    for word in ("Randonnée", "vélo", "Fidélité", "Main-d'œuvre", "Direction des opérations"):
        assert css_token(word) == slug(word)
    files = dict(SITE, **{"docs/parcours/credit.md": JOURNEY.replace("    persona: sophie\n",
                                                                   "    persona: sophie\n    tags: [Randonnée, vélo]\n")})
    result = build(files)
    index = next(p.markdown for p in result.pages if p.page.doc_path == "journeys/index.md")
    assert 'value="randonnee"' in index and 'value="velo"' in index
    assert 'data-f-tag="randonnee velo"' in index
