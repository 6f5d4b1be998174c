"""Messages that tell the fix with the user's own words and items, never the demo's (A1 finding 8)."""
from __future__ import annotations

from test_load import Load, load, report  # noqa: F401  (the fixture)

JOURNEY = """\
---
type: journey
title: Succession
persona: monique
touchpoints:
  - {id: t3, stage: achat, channel: web, action: J'appelle}
  - {id: t5, stage: achat, channel: web, action: J'écris}
---
"""
FR = "site_name: T\ndocs_dir: docs\ntheme: {name: material, language: fr}\nplugins: [journeysite]\n"


def chantier(touchpoints: str) -> str:
    return f"---\ntype: chantier\ntitle: C\ntouchpoints: {touchpoints}\n---\n"


def test_a_reference_without_its_journey_names_the_journeys_that_have_that_touchpoint(load: Load) -> None:
    _, problems = load({"docs/succession.md": JOURNEY, "docs/c.md": chantier("[t5]")})
    assert report(problems) == [
        "docs/c.md:4: touchpoint reference 't5' must be JOURNEY#TOUCHPOINT, e.g. succession#t5"]


def test_a_reference_cut_in_two_items_is_one_problem_with_the_fix(load: Load) -> None:
    _, problems = load({"docs/succession.md": JOURNEY, "docs/c.md": chantier("[succession, t3, zz]")})
    assert report(problems) == [
        "docs/c.md:4: 'succession, t3' is one touchpoint written as two items; write succession#t3",
        "docs/c.md:4: touchpoint reference 'zz' must be JOURNEY#TOUCHPOINT, e.g. succession#t3"]


def test_a_missing_name_or_title_is_exemplified_from_the_file_name(load: Load) -> None:
    _, problems = load({"docs/personas/monique.md": "---\ntype: persona\n---\n",
                        "docs/chantiers/courriers-deces.md": "---\ntype: chantier\n---\n"})
    assert report(problems) == [
        "docs/chantiers/courriers-deces.md:2: workstream needs 'title', e.g. title: Courriers deces",
        "docs/personas/monique.md:2: persona needs 'name', e.g. name: Monique"]


def test_a_key_twice_in_a_touchpoint_says_the_next_one_lacks_its_first_line(load: Load) -> None:
    _, problems = load({"docs/j.md": "---\ntype: journey\ntitle: J\npersona: p\ntouchpoints:\n  - id: t1\n"
                                     "    stage: achat\n    channel: web\n    action: J'achète\n"
                                     "    stage: usage\n    channel: web\n    action: J'utilise\n---\n"})
    assert report(problems) == [
        "docs/j.md:10:5: 'stage' is given twice in this item of the list (first at line 7); if a new item starts "
        "here, its first line ('- id: …') is probably missing just above"]


def test_a_number_written_the_way_people_do_is_given_its_fix(load: Load) -> None:
    _, problems = load({"docs/c.md": "---\ntype: chantier\ntitle: C\nbudget: 250 000 €\n---\n",
                        "docs/d.md": "---\ntype: chantier\ntitle: D\nbudget: beaucoup\n---\n"})
    assert report(problems) == [
        "docs/c.md:4: 'budget' must be a number, written without spaces, currency or thousands separators, not "
        "'250 000 €'; write budget: 250000",
        "docs/d.md:4: 'budget' must be a number, not 'beaucoup'"]


def test_a_type_close_to_a_french_word_is_suggested_and_quoted_the_french_way(load: Load) -> None:
    _, problems = load({"docs/j.md": "---\ntype: parcour\ntitle: J\n---\n"}, FR)
    assert report(problems) == ["docs/j.md:2: type inconnu «\u00a0parcour\u00a0»\u00a0; types possibles\u00a0: "
                                "persona, journey, chantier, channel (vouliez-vous dire «\u00a0parcours\u00a0»\u00a0?)"]


def test_views_of_an_item_in_a_broken_file_wait_for_it_in_one_line(build) -> None:
    """A2 finding 6: the file's own problem first, then one warning for every view naming its item; never
    'not found (did you mean …)'."""
    broken = JOURNEY.replace("action: J'écris", "action: Je commande : la tente")
    result = build({"docs/succession.md": broken, "docs/monique.md": "---\ntype: persona\nname: Monique\n---\n",
                    "docs/synthese.md": "# Synthèse\n\n::: journeysite curve journey=succession\n\n"
                                        "::: journeysite indicators journey=succession\n\n"
                                        "::: journeysite matrix journey=succesion\n"}, FR.replace("fr}", "en}"))
    said = [str(p) for p in result.problems]
    assert said[0].startswith("docs/succession.md:7:")  # the cause
    assert said[1:] == [
        "docs/synthese.md:7: journeysite directive: journey 'succesion' not found",  # a mistake of its own
        "docs/synthese.md:3: warning: view 'curve' shows journey 'succession', which is in docs/succession.md, a file "
        "that cannot be read (see its problems above); the view is shown once that file is fixed; 1 other view "
        "waits for that file too"]
    page = result.ordinary["synthese.md"]
    assert "a file that cannot be read" in page and "did you mean" not in page
