"""Enumerated values as people write them: ids, labels (in any language) or aliases, whatever the accents,
case, spaces and dashes; one resolver for stages, channels, emotions, statuses, states, quadrants and
objectives, and did-you-means only for close words. Exports always give the ids."""
from __future__ import annotations

import json

import pytest

from conftest import MKDOCS_YML
from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.enumerations import OBJECTIVE, QUADRANT, STATE, STATUS
from journeysite.export import to_csv, to_json
from journeysite.i18n import languages
from journeysite.load import load_site
from journeysite.referential import default_referential
from journeysite.vocabulary import Term, Vocabulary, closest, fold

JOURNEY = """\
---
type: journey
title: Achat
persona: quentin
state: {state}
objectives: [{objective}]
touchpoints:
  - id: t1
    stage: {stage}
    channel: {channel}
    action: Je paie
    emotion: {emotion}
---
"""
QUENTIN = "---\ntype: persona\nname: Quentin\n---\n"
CONFIG_EN = MKDOCS_YML.replace("language: fr", "language: en")


@pytest.fixture
def load(make_site):
    """``load_site`` of a site in English (every language's words are understood on any site)."""
    def run(files: dict[str, str], config: str = CONFIG_EN):
        return load_site(read_site_config(make_site(files, config) / "mkdocs.yml"))
    return run


@pytest.fixture
def build(make_site):
    def run(files: dict[str, str], config: str = CONFIG_EN):
        return build_site(read_site_config(make_site(files, config) / "mkdocs.yml"))
    return run


def journey(state: str = "current", objective: str = "conquete", stage: str = "achat", channel: str = "web",
            emotion: str = "plaisir") -> str:
    return JOURNEY.format(state=state, objective=objective, stage=stage, channel=channel, emotion=emotion)


def test_fold_ignores_accents_case_spaces_dashes_and_underscores() -> None:
    assert fold("Après-vente") == fold("apres vente") == fold("APRES_VENTE") == "apresvente"
    assert fold("E-mail") == fold("email") and fold("En cours") == fold("en_cours") == "encours"
    assert fold("Déçu") == "decu" and fold("centre d'appels") == "centredappels"


@pytest.mark.parametrize("written, expected", [
    ("apres-vente", "apres-vente"), ("Après-vente", "apres-vente"), ("après vente", "apres-vente"),
    ("APRES_VENTE", "apres-vente"), ("Choix", "choix"), ("choice", "choix"), ("SAV", "apres-vente"),
])
def test_stages_by_id_label_or_alias(load, written: str, expected: str) -> None:
    site, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(stage=written)})
    assert problems == [] and site.journeys["j"].touchpoints[0].stage == expected


@pytest.mark.parametrize("written, expected", [
    ("Téléphone", "telephone"), ("telephone", "telephone"), ("Phone", "telephone"), ("Site web", "web"),
    ("site internet", "web"), ("E-mail", "email"), ("e mail", "email"), ("Réseaux sociaux", "reseaux"),
])
def test_channels_by_id_label_or_alias(load, written: str, expected: str) -> None:
    site, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(channel=written)})
    assert problems == [] and site.journeys["j"].touchpoints[0].channel == expected


@pytest.mark.parametrize("written, expected", [
    ("content", "plaisir"), ("contente", "plaisir"), ("Satisfait", "satisfaction"), ("ravi", "enchantement"),
    ("Ravie", "enchantement"), ("déçu", "deception"), ("decue", "deception"), ("énervé", "irritant"),
    ("frustré", "irritant"), ("en colère", "irritant"), ("Delight", "enchantement"), ("disappointed", "deception"),
])
def test_the_built_in_scale_understands_what_a_cx_team_writes(load, written: str, expected: str) -> None:
    site, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(emotion=written)})
    assert problems == [] and site.journeys["j"].touchpoints[0].emotion == expected


@pytest.mark.parametrize("written, expected", [
    ("en cours", "in_progress"), ("En Cours", "in_progress"), ("in progress", "in_progress"), ("Livré", "done"),
    ("terminé", "done"), ("planifié", "planned"), ("Idée", "idea"), ("abandonné", "dropped"),
])
def test_statuses_by_id_label_or_alias(load, written: str, expected: str) -> None:
    site, problems = load({"docs/c.md": f"---\ntype: chantier\ntitle: C\nstatus: {written}\n---\n"})
    assert problems == [] and site.chantiers["c"].status == expected


@pytest.mark.parametrize("state, objective, expected", [
    ("cible", "Fidélisation", ("target", "fidelisation")), ("Actuel", "loyalty", ("current", "fidelisation")),
    ("Target", "conquête", ("target", "conquete")), ("current", "Rentabilité", ("current", "rentabilite")),
])
def test_states_and_objectives_by_id_label_or_alias(load, state: str, objective: str, expected) -> None:
    site, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(state=state, objective=objective)})
    assert problems == []
    assert (site.journeys["j"].state, site.journeys["j"].objectives[0]) == expected


def test_quadrants_have_one_vocabulary_too() -> None:
    assert QUADRANT.vocabulary.resolve("Gain rapide") == "quick_win"
    assert QUADRANT.vocabulary.resolve("quick win") == "quick_win"
    assert QUADRANT.vocabulary.resolve("Tâche ingrate") == "thankless"


@pytest.mark.parametrize("language", languages())
def test_no_built_in_word_names_two_values(language: str) -> None:
    referential = default_referential(language)
    for name, vocabulary in referential.vocabularies.items():
        assert vocabulary.clashes == [], (language, name)
    for enumeration in (STATUS, STATE, OBJECTIVE, QUADRANT):
        assert enumeration.vocabulary.clashes == []


def test_a_did_you_mean_proposes_only_close_words() -> None:
    emotions = default_referential("fr").vocabularies["emotions"]
    assert emotions.resolve("content") == "plaisir"  # never enchantement
    assert emotions.closest("contant") == "content"  # what is close to the word typed
    assert emotions.closest("plaisire") == "plaisir"
    for far in ("mitigé", "bof bof", "heureux comme tout", "ok ok"):
        assert emotions.closest(far) is None, far
    assert closest("sva", ["sav", "achat"]) == "sav"  # a slip in a short id
    assert closest("content", ["enchantement"]) is None
    assert closest("ab", ["xyz"]) is None


def test_problems_propose_close_values_or_list_the_ids(load) -> None:
    _, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(emotion="mitige", stage="Achatt", channel="fax")})
    messages = sorted(p.message for p in problems)
    assert messages == [
        "touchpoint 't1' names channel 'fax', which the referential lacks; use one of: web, appli, email, telephone, "
        "reseaux, magasin, courrier",
        "touchpoint 't1' names stage 'Achatt', which the referential lacks (did you mean 'achat'?)",
        "touchpoint 't1': emotion 'mitige' is not on the scale (Delight, Pleasure, Satisfaction, Disappointment, "
        "Irritation)"]


ALIASES_CONFIG = """\
site_name: T
docs_dir: docs
theme: {name: material, language: en}
plugins:
  - journeysite:
      emotions:
        - {id: top, label: Super, score: 1, aliases: [génial, au top]}
        - {id: bof, label: Bof, score: 0, aliases: [moyen, mitigé]}
        - {id: nul, label: Nul, score: -1, aliases: [Moyen]}
      channels:
        - {id: web, label: Site web, aliases: internet}
        - {id: agence, label: Agence, aliases: [{bad: 1}]}
"""


def test_referential_items_carry_aliases_and_a_word_names_one_item(load) -> None:
    site, problems = load({"docs/q.md": QUENTIN, "docs/j.md": journey(emotion="Au top", channel="Internet")}, ALIASES_CONFIG)
    assert sorted((p.line, p.message) for p in problems) == [
        (9, "'Moyen' names both emotions 'bof' and 'nul'; keep it on one of them, so that it means one thing"),
        (12, "channels 'agence': 'aliases' must be a list of words, e.g. aliases: [content, ravi]"),
    ]
    touchpoint = site.journeys["j"].touchpoints[0]
    assert (touchpoint.emotion, touchpoint.channel) == ("top", "web")
    assert site.referential.vocabularies["emotions"].resolve("moyen") == "bof"  # the first keeps it


def test_exports_always_give_the_ids(build) -> None:
    files = {"docs/quentin.md": QUENTIN, "docs/j.md": journey(state="Actuel", stage="Après-vente", channel="Téléphone",
                                                       emotion="content", objective="Fidélisation"),
             "docs/c.md": "---\ntype: chantier\ntitle: C\nstatus: en cours\nquarter: T3 2027\n"
                          "touchpoints: [j#t1]\n---\n"}
    result = build(files)
    assert result.problems == []
    data = json.loads(to_json(result))
    touchpoint = data["journeys"][0]["touchpoints"][0]
    assert (touchpoint["stage"], touchpoint["channel"], touchpoint["emotion"]) == ("apres-vente", "telephone",
                                                                                   "plaisir")
    assert (data["journeys"][0]["state"], data["journeys"][0]["objectives"]) == ("current", ["fidelisation"])
    assert (data["chantiers"][0]["status"], data["chantiers"][0]["quarter"]) == ("in_progress", "2027-Q3")
    row = to_csv(result, sep=";", ids=True).splitlines()[1].split(";")
    assert row[2:6] == ["current", "apres-vente", "", "telephone"] and row[8] == "plaisir"


def test_vocabulary_from_terms() -> None:
    vocabulary = Vocabulary([Term("a", ("Alpha", "premier")), Term("b", ("Bêta", "premier"))])
    assert vocabulary.ids == ["a", "b"]
    assert (vocabulary.resolve("ALPHA"), vocabulary.resolve("beta"), vocabulary.resolve("premier")) == ("a", "b", "a")
    assert [(c.word, c.kept, c.other) for c in vocabulary.clashes] == [("premier", "a", "b")]
    assert vocabulary.resolve(None) is None and vocabulary.resolve(3) is None
