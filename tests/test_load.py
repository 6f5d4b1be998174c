"""``load_site``: front matter with line numbers, and every single-file rule of docs/format.md."""
from __future__ import annotations

import gc
import textwrap
from pathlib import Path
from typing import Callable

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeysite.build import build_site
from journeysite.config import read_site_config
from journeysite.frontmatter import MAX_DEPTH, read_document
from journeysite.load import BROKEN, load_site
from journeysite.model import Site
from journeysite.problems import Problem
from journeysite.validate import validate_site

Load = Callable[..., "tuple[Site, list[Problem]]"]

CONFIG_EN = """\
site_name: T
docs_dir: docs
theme:
  name: material
  language: en
plugins:
  - journeysite
"""

PERSONA = """\
---
type: persona
name: Quentin
---
"""


@pytest.fixture
def load(make_site: Callable[..., Path]) -> Load:
    """``load_site`` of a site in English: these tests are about the rules, their French is test_french.py's."""

    def run(files: dict[str, str], config: str = CONFIG_EN) -> tuple[Site, list[Problem]]:
        return load_site(read_site_config(make_site(files, config) / "mkdocs.yml"))

    return run


@pytest.fixture
def build(make_site: Callable[..., Path]) -> Callable:
    """``build_site`` of a site in English (as ``load``)."""

    def run(files: dict[str, str], config: str = CONFIG_EN):
        return build_site(read_site_config(make_site(files, config) / "mkdocs.yml"))

    return run


def report(problems: list[Problem]) -> list[str]:
    """Problems as the user reads them, sorted."""
    return sorted(str(p) for p in problems)


def journey(*touchpoint_lines: str, head: str = "") -> str:
    """A journey of persona quentin, then ``head`` lines, then one touchpoint t1 per line block given."""
    text = "---\ntype: journey\ntitle: J\npersona: quentin\n" + head + "touchpoints:\n"
    for number, extra in enumerate(touchpoint_lines, start=1):
        text += f"  - id: t{number}\n    stage: achat\n    channel: web\n    action: Je paie\n{extra}"
    return text + "---\nBody.\n"


def emotion_of(load: Load, value: str, config: str | None = None) -> tuple[str | None, list[str]]:
    site, problems = load({"docs/j.md": journey(f"    emotion: {value}\n")}, *([config] if config else []))
    return site.journeys["j"].touchpoints[0].emotion, report(problems)


# -- lines ------------------------------------------------------------------------------

def test_problem_is_reported_at_the_path_and_line_of_the_offending_key(load: Load) -> None:
    config = "site_name: T\ndocs_dir: journeys\ntheme:\n  name: material\n  language: en\nplugins:\n  - journeysite\n"
    _, problems = load({"journeys/parcours/a.md": """\
        ---
        type: journey
        title: Achat
        persona: quentin
        touchpoints:
          - id: t4
            channel: webb
            stage: achat
            action: Je paie
        ---
        """}, config)
    assert report(problems) == [
        "journeys/parcours/a.md:7: touchpoint 't4' names channel 'webb', which the referential lacks "
        "(did you mean 'web'?)"]


def test_location_keeps_the_line_of_each_key_and_of_the_body(load: Load) -> None:
    site, problems = load({"docs/j.md": journey("    emotion: plaisir\n", head="state: current\n")})
    assert problems == []
    j = site.journeys["j"]
    assert j.location.path == "docs/j.md"
    assert (j.location.at("type"), j.location.at("title"), j.location.at("state")) == (2, 3, 5)
    assert j.location.at("absent") == j.location.line
    tp = j.touchpoints[0]
    assert (tp.location.line, tp.location.at("id"), tp.location.at("channel")) == (7, 7, 9)
    assert tp.location.at("emotion") == 11
    assert j.location.body_line == 13 and j.body == "Body.\n"


def test_blank_lines_after_the_opening_fence_count(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\n\n\ntype: persona\nname: Q\nsegement: x\n---\n\n\nBody\n"})
    assert report(problems) == ["docs/p.md:6: warning: unknown key 'segement' in persona (did you mean 'segment'?)"]
    assert site.personas["p"].location.at("name") == 5
    assert site.personas["p"].location.body_line == 10


def test_crlf_line_endings_keep_lines(load: Load) -> None:
    text = "---\r\ntype: persona\r\nname: Q\r\nchannels: web\r\nsegement: x\r\n---\r\nBody\r\n"
    site, problems = load({"docs/p.md": text.encode()})
    assert report(problems) == ["docs/p.md:5: warning: unknown key 'segement' in persona (did you mean 'segment'?)"]
    assert site.personas["p"].channels == ("web",)
    assert site.personas["p"].location.body_line == 7


def test_byte_order_mark_is_ignored(load: Load) -> None:
    site, problems = load({"docs/p.md": "\ufeff---\ntype: persona\nname: Quentin\nsegement: x\n---\n".encode()})
    assert report(problems) == ["docs/p.md:4: warning: unknown key 'segement' in persona (did you mean 'segment'?)"]
    assert site.personas["p"].name == "Quentin"


def test_text_values_keep_french_text(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\ntype: persona\nname: Gérard\nquote: « Ça coûte ! »\n---\nÉté.\n"})
    assert problems == []
    assert (site.personas["p"].name, site.personas["p"].quote, site.personas["p"].body) == (
        "Gérard", "« Ça coûte ! »", "Été.\n")


# -- reading files --------------------------------------------------------------------------

def test_yaml_syntax_error_is_reported_at_its_line_and_column(load: Load) -> None:
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: [Quentin\nsegment: x\n---\n"})
    assert report(problems) == ["docs/p.md:3:7: the '[' opened here is never closed; end the list with ']' on the "
                                "same line, or write one item a line, each starting with '- '"]


def test_file_that_is_not_utf8_is_reported_at_the_line_of_the_bad_byte(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\ntype: persona\nname: G\xe9rard\n---\n".encode("latin-1")})
    assert report(problems) == ["docs/p.md:3: not valid UTF-8 (byte 0xe9); save the file as UTF-8"]
    assert site.personas == {} and site.pages[0].kind == BROKEN


def test_front_matter_that_is_a_list_is_refused(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\n- type: persona\n- name: Q\n---\n"})
    assert report(problems) == ["docs/p.md:2: front matter must be a mapping of keys to values (key: value)"]
    assert site.pages[0].kind == BROKEN


def test_unknown_type_suggests_the_nearest_kind(load: Load) -> None:
    _, problems = load({"docs/p.md": "---\ntitle: x\ntype: jouney\n---\n"})
    assert report(problems) == [
        "docs/p.md:3: unknown type 'jouney'; use one of persona, journey, chantier, channel (did you mean 'journey'?)"]


def test_ordinary_pages_without_type_are_left_alone(load: Load) -> None:
    site, problems = load({
        "docs/index.md": "# Accueil\n\nTexte.\n",
        "docs/about.md": "---\ntitle: À propos\nhide: [navigation]\nwhatever: 1\n---\n# About\n",
        "docs/rule.md": "---\nNot front matter, a rule that never closes.\n",
    })
    assert problems == []
    assert sorted((p.doc_path, p.kind) for p in site.pages) == [
        ("about.md", None), ("index.md", None), ("rule.md", None)]
    assert site.personas == {} and site.journeys == {}


def test_front_matter_never_closed_is_a_problem_when_it_names_a_type(load: Load) -> None:
    site, problems = load({
        "docs/p.md": "---\ntype: persona\nname: Quentin\n\nQuentin randonne.\n",
        "docs/bom.md": "\ufeff---\ntitle: x\ntype : journey\n",
        "docs/rule.md": "---\n\nA page that starts with a rule; its type of content is free.\n",
    })
    assert report(problems) == [
        "docs/bom.md:1: front matter opened here is never closed; add a line '---' after its last key",
        "docs/p.md:1: front matter opened here is never closed; add a line '---' after its last key",
    ]
    assert sorted((p.doc_path, p.kind) for p in site.pages) == [
        ("bom.md", BROKEN), ("p.md", BROKEN), ("rule.md", None)]


def test_folders_are_free_type_decides(load: Load) -> None:
    site, problems = load({"docs/chantiers/quentin.md": PERSONA, "docs/x/y/achat.md": journey()})
    assert problems == []
    assert list(site.personas) == ["quentin"] and list(site.journeys) == ["achat"]


def test_several_broken_files_are_all_reported_in_one_run(load: Load) -> None:
    site, problems = load({
        "docs/a.md": "---\ntype: persona\nname: [x\n---\n",
        "docs/b.md": b"---\ntype: persona\nname: \xff\n---\n",
        "docs/c.md": "---\n- a\n---\n",
        "docs/d.md": "---\ntype: chantier\ntitle: D\nstatus: plannned\n---\n",
        "docs/quentin.md": PERSONA,
    })
    assert sorted({p.path for p in problems}) == ["docs/a.md", "docs/b.md", "docs/c.md", "docs/d.md"]
    assert "docs/d.md:4: status 'plannned' must be one of idea, planned, in_progress, done, dropped " \
           "(or their labels: Idea, Planned, In progress, Done, Dropped) (did you mean 'planned'?)" in report(problems)
    assert list(site.personas) == ["quentin"] and list(site.chantiers) == ["d"]


def test_unreadable_file_is_a_problem_and_the_others_are_read(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/quentin.md": PERSONA}, CONFIG_EN)
    (root / "docs/dangling.md").symlink_to(root / "nowhere.md")
    site, problems = load_site(read_site_config(root / "mkdocs.yml"))
    assert report(problems) == ["docs/dangling.md:1: this link leads to nothing; it is not published: "
                                "fix the link or remove it"]
    assert list(site.personas) == ["quentin"]


# -- safe YAML --------------------------------------------------------------------------

def test_python_object_tag_is_refused_and_never_run(load: Load, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    site, problems = load({"docs/p.md": f"""\
        ---
        type: persona
        name: !!python/object/apply:os.system ["touch {marker}"]
        ---
        """})
    assert not marker.exists()
    assert report(problems) == ["docs/p.md:3: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
                                "is not allowed; remove it (content never runs code)"]
    assert site.personas == {}


def test_alias_bomb_is_refused_without_expanding(load: Load) -> None:
    lines = ["---", "type: persona", "name: Q", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{','.join(['*' + previous] * 9)}]")
    site, problems = load({"docs/p.md": "\n".join(lines + ["---", ""])})
    # reported where the anchor is defined: the composer shares that node with every alias
    assert report(problems) == ["docs/p.md:4: YAML anchors and aliases (&name, *name) are not allowed here; "
                                "write the values out"]
    assert site.personas == {}


def test_merge_keys_are_refused(load: Load) -> None:
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\nbase: &b {x: 1}\nmetrics:\n  <<: *b\n---\n"})
    assert report(problems) == ["docs/p.md:6: YAML merge keys (<<) are not allowed here; write the keys out"]


def test_duplicate_keys_are_refused(load: Load) -> None:
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\nsegment: a\nname: R\n---\n"})
    assert report(problems) == ["docs/p.md:5:1: 'name' is given twice in the same block (first at line 3); keep one, "
                                "or, if this one belongs to another item, indent it like that item's keys"]


@pytest.mark.parametrize("depth", [MAX_DEPTH, 100_000])
def test_deep_nesting_is_a_problem_not_a_crash(load: Load, depth: int) -> None:
    # 100 000 levels segfaulted libyaml's composer; a few hundred hit Python's recursion limit
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\nx: " + "[" * depth + "]" * depth + "\n---\n"})
    assert report(problems) == [f"docs/p.md:4: YAML nested more than {MAX_DEPTH} levels deep; flatten it"]


def test_nesting_just_under_the_limit_is_read(load: Load) -> None:
    depth = MAX_DEPTH - 1
    site, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\nmetrics: {}\nhide: " + "[" * depth + "]" * depth
                                         + "\n---\n"})
    assert [p.message.split(",")[0] for p in problems] == ["'hide' lists parts of the page to hide"]  # read, then checked
    assert "p" in site.personas


def test_reading_front_matter_keeps_no_yaml_node_alive() -> None:
    # One YAML constructor serves the whole process; it must not remember what it built
    # (memory grew with every file read, and with every rebuild under mkdocs serve).
    def live_nodes() -> int:
        gc.collect()
        return sum(isinstance(o, yaml.Node) for o in gc.get_objects())

    before = live_nodes()
    for number in range(50):
        document = read_document(f"---\ntype: persona\nname: Q{number}\nmetrics: {{a: 1}}\nodd: !!map x\n---\n")
        assert document.data["name"] == f"Q{number}" and document.data["odd"] == {}
    assert live_nodes() == before


# -- ids ----------------------------------------------------------------------------------

def test_id_defaults_to_the_file_name(load: Load) -> None:
    site, _ = load({"docs/personas/quentin-m.md": PERSONA})
    assert list(site.personas) == ["quentin-m"]


def test_bad_explicit_id_is_refused_with_a_suggestion(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\ntype: persona\nid: Quentin Martin\nname: Q\n---\n"})
    assert report(problems) == ["docs/p.md:3: bad id 'Quentin Martin' from 'id': ids are lowercase letters, digits, "
                                "'-' and '_', starting with a letter or digit (e.g. 'quentin-martin')"]
    assert site.personas == {}


def test_bad_file_name_id_is_refused(load: Load) -> None:
    _, problems = load({"docs/Léa Dupont.md": PERSONA})
    assert report(problems) == ["docs/Léa Dupont.md:2: bad id 'Léa Dupont' from the file name (the default id): "
                                "ids are lowercase letters, digits, '-' and '_', starting with a letter or digit "
                                "(e.g. 'lea-dupont')"]


def test_numeric_id_is_read_as_text(load: Load) -> None:
    site, problems = load({"docs/c.md": "---\ntype: chantier\nid: 2027\ntitle: C\n---\n"})
    assert problems == [] and list(site.chantiers) == ["2027"]


def test_duplicate_id_within_a_kind_is_refused_but_not_across_kinds(load: Load) -> None:
    site, problems = load({
        "docs/a/quentin.md": PERSONA,
        "docs/b/other.md": "---\ntype: persona\nid: quentin\nname: Other\n---\n",
        "docs/c/quentin.md": "---\ntype: chantier\ntitle: Also quentin\n---\n",
    })
    assert report(problems) == [
        "docs/a/quentin.md:1: persona id 'quentin' (from the file name) is also used by docs/b/other.md; "
        "ids are unique within a kind: change one of them",
        "docs/b/other.md:3: persona id 'quentin' is also used by docs/a/quentin.md; "
        "ids are unique within a kind: change one of them"]
    assert site.personas["quentin"].name == "Quentin" and "quentin" in site.chantiers


def test_duplicate_id_is_not_also_reported_as_a_page_overwritten(build) -> None:
    result = build({"docs/personas/quentin.md": PERSONA,  # sorts after quentin-bis.md, which keeps the id
                    "docs/personas/quentin-bis.md": "---\ntype: persona\nid: quentin\nname: Bis\n---\n"})
    assert report(result.problems) == [
        "docs/personas/quentin-bis.md:3: persona id 'quentin' is also used by docs/personas/quentin.md; "
        "ids are unique within a kind: change one of them",
        "docs/personas/quentin.md:1: persona id 'quentin' (from the file name) is also used by "
        "docs/personas/quentin-bis.md; ids are unique within a kind: change one of them"]


# -- required keys and values ---------------------------------------------------------------

def test_required_keys(load: Load) -> None:
    _, problems = load({
        "docs/p.md": "---\ntype: persona\nsegment: x\n---\n",
        "docs/j.md": "---\ntype: journey\ntouchpoints:\n  - stage: achat\n  - id: t2\n---\n",
        "docs/c.md": "---\ntype: chantier\n---\n",
    })
    assert report(problems) == [
        "docs/c.md:2: workstream needs 'title', e.g. title: C",
        "docs/j.md:2: journey needs 'persona': a persona id, or a list of ids",
        "docs/j.md:2: journey needs 'title', e.g. title: J",
        "docs/j.md:4: touchpoint number 1 needs an 'id' (e.g. id: t1)",
        "docs/j.md:5: touchpoint 't2' needs 'action', e.g. action: Je paie en caisse (in the first person)",
        "docs/j.md:5: touchpoint 't2' needs 'channel'",
        "docs/j.md:5: touchpoint 't2' needs 'stage'",
        "docs/p.md:2: persona needs 'name', e.g. name: P",
    ]


def test_persona_may_be_one_id_or_a_list(load: Load) -> None:
    two = journey().replace("persona: quentin", "persona: [x, y]")
    site, problems = load({"docs/a.md": journey(), "docs/b.md": two})
    assert problems == []
    assert site.journeys["a"].personas == ("quentin",) and site.journeys["b"].personas == ("x", "y")


def test_touchpoint_ids_unique_within_a_journey(load: Load) -> None:
    site, problems = load({"docs/j.md": journey("", "    emotion: moyen\n    colour: red\n").replace("id: t2", "id: t1")})
    assert report(problems) == [
        "docs/j.md:10: touchpoint id 't1' is already used at line 6 of this journey",
        "docs/j.md:14: touchpoint 't1': emotion 'moyen' is not on the scale "
        "(Delight, Pleasure, Satisfaction, Disappointment, Irritation)",
        "docs/j.md:15: warning: unknown key 'colour' in touchpoint 't1'",
    ]  # the duplicate's own fields are checked too
    assert [t.action for t in site.journeys["j"].touchpoints] == ["Je paie"]


def test_unknown_stage_channel_and_stage_outside_the_journey(load: Load) -> None:
    _, problems = load({"docs/j.md": """\
        ---
        type: journey
        title: J
        persona: q
        stages: [recherche, achatt, achat]
        touchpoints:
          - {id: t1, stage: usage, channel: magasin, action: A}
          - {id: t2, stage: rechrche, channel: magasins, action: A}
        ---
        """})
    assert report(problems) == [
        "docs/j.md:5: stage 'achatt' is not in the referential's stages (did you mean 'achat'?)",
        "docs/j.md:7: touchpoint 't1' is in stage 'usage', which this journey's 'stages' leaves out; add it there",
        "docs/j.md:8: touchpoint 't2' names channel 'magasins', which the referential lacks (did you mean 'magasin'?)",
        "docs/j.md:8: touchpoint 't2' names stage 'rechrche', which the referential lacks (did you mean 'recherche'?)",
    ]


def test_unknown_stage_or_channel_without_a_close_match_lists_the_valid_ids(load: Load) -> None:
    _, problems = load({"docs/j.md": journey("").replace("stage: achat", "stage: zzz").replace("channel: web", "channel: fax")
                                   .replace("touchpoints:", "stages: [recherche, zut]\ntouchpoints:")})
    stages = "recherche, choix, achat, usage, apres-vente"
    assert report(problems) == [
        f"docs/j.md:5: stage 'zut' is not in the referential's stages; use one of: {stages}",
        f"docs/j.md:8: touchpoint 't1' names stage 'zzz', which the referential lacks; use one of: {stages}",
        "docs/j.md:9: touchpoint 't1' names channel 'fax', which the referential lacks; "
        "use one of: web, appli, email, telephone, reseaux, magasin, courrier",
    ]


def test_list_item_problems_point_at_their_own_line(load: Load) -> None:
    _, problems = load({
        "docs/j.md": "---\ntype: journey\ntitle: J\npersona: q\nstages:\n  - [x]\n  - achatt\n---\n",
        "docs/c.md": "---\ntype: chantier\ntitle: C\ntouchpoints:\n  - null\n  - bad ref\n---\n",
    })
    assert report(problems) == [
        "docs/c.md:5: 'touchpoints' items must be text, not null",
        "docs/c.md:6: touchpoint reference 'bad ref' must be JOURNEY#TOUCHPOINT: a journey's id, '#', then the id of "
        "one of its touchpoints",
        "docs/j.md:6: 'stages' items must be text, not [x]",
        "docs/j.md:7: stage 'achatt' is not in the referential's stages (did you mean 'achat'?)",
    ]


def test_stages_subset_sets_the_journey_order(load: Load) -> None:
    site, _ = load({"docs/j.md": journey(head="stages: [achat, recherche]\n")})
    assert site.journeys["j"].stages == ("achat", "recherche")
    site, _ = load({"docs/j.md": journey()})
    assert site.journeys["j"].stages == ("recherche", "choix", "achat", "usage", "apres-vente")


def test_state_accepts_french_aliases_and_refuses_others(load: Load) -> None:
    site, problems = load({"docs/a.md": journey(head="state: cible\n"), "docs/b.md": journey(head="state: actuel\n"),
                           "docs/c.md": journey(head="state: targt\n")})
    assert site.journeys["a"].state == "target" and site.journeys["b"].state == "current"
    assert site.journeys["c"].state == "current"
    assert report(problems) == ["docs/c.md:5: state 'targt' must be 'current' or 'target' (did you mean 'target'?)"]


def test_objectives_must_be_known(load: Load) -> None:
    site, problems = load({"docs/j.md": journey(head="objectives: [conquete, fidelisaton]\n")})
    assert report(problems) == ["docs/j.md:5: 'objectives' value 'fidelisaton' must be one of conquete, fidelisation, "
                                "recommandation, rentabilite (did you mean 'fidelisation'?)"]
    assert site.journeys["j"].objectives == ("conquete",)


# -- emotions -------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("plaisir", "plaisir"), ("deception", "deception"), ("Déception", "deception"), ("DÉCEPTION", "deception"),
    ("déception", "deception"), ("  Enchantement ", "enchantement"), ("IRRITANT", "irritant"),
    ("2", "enchantement"), ("-1", "deception"), ("0", "satisfaction"), ("1.0", "plaisir"),
])
def test_emotion_by_id_label_or_score(load: Load, value: str, expected: str) -> None:
    assert emotion_of(load, repr(value) if value.startswith(" ") else value) == (expected, [])


def test_emotion_by_english_label_on_an_english_site(load: Load) -> None:
    assert emotion_of(load, "disappointment", CONFIG_EN) == ("deception", [])


def test_missing_emotion_stays_none(load: Load) -> None:
    site, problems = load({"docs/j.md": journey("")})
    assert problems == [] and site.journeys["j"].touchpoints[0].emotion is None


def test_emotion_not_on_the_scale(load: Load) -> None:
    assert emotion_of(load, "plaisire") == (None, [
        "docs/j.md:10: touchpoint 't1': emotion 'plaisire' is not on the scale "
        "(Delight, Pleasure, Satisfaction, Disappointment, Irritation) (did you mean 'plaisir'?)"])
    assert emotion_of(load, "3") == (None, [
        "docs/j.md:10: touchpoint 't1': emotion score 3 is not on the scale (-2..2)"])
    assert emotion_of(load, "true")[0] is None


# -- chantiers -------------------------------------------------------------------------------

def test_chantier_fields(load: Load) -> None:
    site, problems = load({"docs/c.md": """\
        ---
        type: chantier
        title: Fiche client
        status: in_progress
        quarter: 2027-Q1
        scores: {customer_importance: 5, cost: 2}
        touchpoints: [achat#t5]
        depends_on: other
        ---
        """})
    assert problems == []
    c = site.chantiers["c"]
    assert (c.status, c.quarter, dict(c.scores), c.touchpoints, c.depends_on) == (
        "in_progress", "2027-Q1", {"customer_importance": 5, "cost": 2}, ("achat#t5",), ("other",))


def test_chantier_status_defaults_to_idea(load: Load) -> None:
    site, _ = load({"docs/c.md": "---\ntype: chantier\ntitle: C\n---\n"})
    assert site.chantiers["c"].status == "idea"


def test_chantier_bad_values(load: Load) -> None:
    site, problems = load({"docs/c.md": """\
        ---
        type: chantier
        title: C
        status: paused
        quarter: 2027-Q5
        scores:
          customer_importance: 6
          cost: 0
          feasibility: 2.5
          delai: 3
          business_impact: 4
        touchpoints: [achat#T5, achat, achat#t1]
        ---
        """})
    assert report(problems) == [
        "docs/c.md:10: score 'delai' is not a criterion of the referential (customer_importance, business_impact, "
        "feasibility, cost, delay) (did you mean 'delay'?)",
        "docs/c.md:12: touchpoint reference 'achat#T5' must be JOURNEY#TOUCHPOINT: a journey's id, '#', then the id of "
        "one of its touchpoints",
        "docs/c.md:12: touchpoint reference 'achat' must be JOURNEY#TOUCHPOINT: a journey's id, '#', then the id of "
        "one of its touchpoints",
        "docs/c.md:4: status 'paused' must be one of idea, planned, in_progress, done, dropped "
        "(or their labels: Idea, Planned, In progress, Done, Dropped)",
        "docs/c.md:5: quarter '2027-Q5' must be written YYYY-Qn, e.g. 2027-Q1",
        "docs/c.md:7: 'scores.customer_importance' must be a whole number from 1 to 5, not 6",
        "docs/c.md:8: 'scores.cost' must be a whole number from 1 to 5, not 0",
        "docs/c.md:9: 'scores.feasibility' must be a whole number from 1 to 5, not 2.5",
    ]
    c = site.chantiers["c"]
    assert (c.status, c.quarter, dict(c.scores), c.touchpoints) == ("idea", "", {"business_impact": 4}, ("achat#t1",))


def test_touchpoint_importance_is_checked(load: Load) -> None:
    site, problems = load({"docs/j.md": journey("    importance: {customer: 4, busines: 2}\n",
                                                "    importance: {customer: 9, business: 2}\n")})
    assert report(problems) == [
        "docs/j.md:10: importance has 'customer' and 'business', not 'busines' (did you mean 'business'?)",
        "docs/j.md:15: 'importance.customer' must be a whole number from 1 to 5, not 9",
    ]
    t1, t2 = site.journeys["j"].touchpoints
    assert (t1.importance_customer, t1.importance_business, t2.importance_customer, t2.importance_business) == (
        4, None, None, 2)


# -- personas and channel pages --------------------------------------------------------------

def test_photo_must_stay_inside_docs_dir(load: Load) -> None:
    files = {f"docs/personas/{name}.md": f"---\ntype: persona\nname: Q\nphoto: {photo}\n---\n" for name, photo in [
        ("up", "../../secret.jpg"), ("abs", "/etc/passwd"), ("url", "https://example.com/q.jpg"),
        ("missing", "img/none.jpg"), ("ok", "../img/q.jpg")]}
    files["docs/img/q.jpg"] = b"\xff\xd8"
    site, problems = load(files)
    assert report(problems) == [
        "docs/personas/abs.md:4: photo '/etc/passwd' must be a path relative to this file, inside the docs folder",
        "docs/personas/missing.md:4: warning: photo 'img/none.jpg' not found (looked for docs/personas/img/none.jpg)",
        "docs/personas/up.md:4: photo '../../secret.jpg' leaves the docs folder; put the image inside 'docs'",
        "docs/personas/url.md:4: photo 'https://example.com/q.jpg' must be a path relative to this file, "
        "inside the docs folder",
    ]
    assert site.personas["ok"].photo == "img/q.jpg" and site.personas["up"].photo == ""


def test_unknown_keys_are_warnings_with_suggestions_and_page_meta_passes(load: Load) -> None:
    site, problems = load({"docs/p.md": "---\ntype: persona\nname: Q\nfrustation: [x]\nhide: [toc]\n---\n",
                           "docs/j.md": journey("    emotoin: plaisir\n")})
    assert report(problems) == [
        "docs/j.md:10: warning: unknown key 'emotoin' in touchpoint 't1' (did you mean 'emotion'?)",
        "docs/p.md:4: warning: unknown key 'frustation' in persona (did you mean 'frustrations'?)",
    ]
    assert all(p.severity == "warning" for p in problems)
    assert site.personas["p"].meta == {"hide": ["toc"]}


def test_values_of_the_wrong_shape(load: Load) -> None:
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: [Q]\ngoals: {a: 1}\nmetrics: {clv: lots}\n---\n",
                        "docs/j.md": journey("    rupture: maybe\n")})
    assert report(problems) == [
        "docs/j.md:10: 'rupture' must be true or false, not 'maybe'",
        "docs/p.md:3: 'name' must be text, not a list",
        "docs/p.md:4: 'goals' must be a list, with one item a line starting with '- '",
        "docs/p.md:5: 'metrics.clv' must be a number, not 'lots'",
    ]


def test_persona_channel_must_be_in_the_referential(load: Load) -> None:
    site, problems = load({"docs/lea.md": "---\ntype: persona\nname: Léa\nchannels: [web, magasinn, fax, Magasin]\n---\n"})
    assert report(problems) == [
        "docs/lea.md:4: persona 'lea' names channel 'fax', which the referential lacks; use one of: web, appli, email, "
        "telephone, reseaux, magasin, courrier; or add it to 'channels' in mkdocs.yml",
        "docs/lea.md:4: persona 'lea' names channel 'magasinn', which the referential lacks (did you mean 'magasin'?); "
        "or add it to 'channels' in mkdocs.yml",
    ]
    assert site.personas["lea"].channels == ("web", "magasinn", "fax", "magasin")  # unknown ones kept as written


def test_persona_channels_follow_a_custom_channel_list(load: Load) -> None:
    config = ("site_name: T\ndocs_dir: docs\ntheme: {name: material, language: en}\nplugins:\n"
              "  - journeysite:\n      channels: [web, chat]\n")
    _, problems = load({"docs/p.md": "---\ntype: persona\nname: P\nchannels: [chat, magasin]\n---\n"}, config)
    assert report(problems) == [
        "docs/p.md:4: persona 'p' names channel 'magasin', which the referential lacks; use one of: web, chat; "
        "or add it to 'channels' in mkdocs.yml"]


def test_channel_page_must_name_a_channel_of_the_referential(load: Load) -> None:
    site, problems = load({"docs/canaux/magasin.md": "---\ntype: channel\nowner: Direction\n---\n",
                           "docs/canaux/x.md": "---\ntype: channel\nid: magasins\n---\n"})
    assert report(problems) == ["docs/canaux/x.md:3: channel 'magasins' is not in the referential's channels "
                                "(did you mean 'magasin'?); add it to 'channels' in mkdocs.yml or fix the id"]
    assert site.channel_pages["magasin"].owner == "Direction"


# -- the referential -----------------------------------------------------------------------

def test_default_labels_follow_the_site_language(load: Load) -> None:
    fr, _ = load({}, CONFIG_EN.replace("language: en", "language: fr"))
    en, _ = load({}, CONFIG_EN)
    assert [c.label for c in fr.referential.channels][:2] == ["Site web", "Application mobile"]
    assert [c.label for c in en.referential.channels][:2] == ["Website", "Mobile app"]
    assert [s.id for s in fr.referential.stages] == [s.id for s in en.referential.stages]
    assert fr.referential.emotion("deception").label == "Déception"
    assert en.referential.emotion("deception").label == "Disappointment"
    assert fr.referential.criterion("delay").label == "Délai de mise en œuvre"
    assert [(c.id, c.weight, c.inverse) for c in fr.referential.criteria] == [
        ("customer_importance", 3, False), ("business_impact", 3, False), ("feasibility", 2, False),
        ("cost", 2, True), ("delay", 1, True)]
    assert [(e.id, e.score) for e in en.referential.emotions] == [
        ("enchantement", 2), ("plaisir", 1), ("satisfaction", 0), ("deception", -1), ("irritant", -2)]


CUSTOM = """\
site_name: T
docs_dir: docs
theme:
  name: material
  language: en
plugins:
  - search
  - journeysite:
      channels:
        - {id: web, label: Internet}
        - {id: chat, label: Chat en ligne}
"""


def test_a_list_in_mkdocs_yml_replaces_the_default_list(load: Load) -> None:
    files = {"docs/j.md": journey("", "").replace("channel: web", "channel: chat", 1)
                                         .replace("channel: web", "channel: courrier")}
    _, problems = load(files)
    assert report(problems) == ["docs/j.md:8: touchpoint 't1' names channel 'chat', which the referential lacks; "
                                "use one of: web, appli, email, telephone, reseaux, magasin, courrier"]
    site, problems = load(files, CUSTOM)
    assert report(problems) == ["docs/j.md:12: touchpoint 't2' names channel 'courrier', which the referential lacks; "
                                "use one of: web, chat"]
    assert [(c.id, c.label) for c in site.referential.channels] == [("web", "Internet"), ("chat", "Chat en ligne")]
    assert [s.id for s in site.referential.stages][0] == "recherche"  # lists not given keep their default


def test_problems_in_mkdocs_yml_are_reported_at_their_line(load: Load) -> None:
    config = """\
site_name: T
docs_dir: docs
theme: {name: material, language: en}
plugins:
  - journeysite:
      stages: recherche
      channels:
        - web
        - {id: Web Site}
        - {label: nothing}
        - web
      emotions:
        - {id: bien, label: Bien, score: 1}
        - {id: mal, label: Mal}
      criteria:
        - {id: cout, weight: -1}
        - {id: valeur, weight: 2, inverse: false}
"""
    site, problems = load({}, config)
    assert report(problems) == [
        "mkdocs.yml:10: each item of 'channels' needs an 'id', e.g. {id: web, label: Site web}",
        "mkdocs.yml:11: channels id 'web' is listed twice",
        "mkdocs.yml:14: emotions 'mal': needs a numeric 'score' (best level highest)",
        "mkdocs.yml:16: criteria 'cout': 'weight' must be a positive number",
        "mkdocs.yml:6: 'stages' must be a non-empty list of {id, label} items",
        "mkdocs.yml:9: channels id 'Web Site' must be lowercase letters, digits, '-' or '_'",
    ]
    assert [c.id for c in site.referential.channels] == ["web"]
    assert [(e.id, e.score) for e in site.referential.emotions] == [("bien", 1)]
    assert [(c.id, c.weight) for c in site.referential.criteria] == [("valeur", 2)]
    assert len(site.referential.stages) == 5  # a bad list keeps the default


def test_unknown_options_and_a_missing_plugins_dir_are_warnings_at_their_line(build) -> None:
    config = CONFIG_EN.replace("  - journeysite\n", "  - journeysite:\n      colour: red\n      chanels: [web]\n"
                                                   "      plugins_dir: plugs\n      disable: matrix\n")
    result = build({"docs/p.md": PERSONA}, config)
    options = ("the journeysite plugin's options (stages, channels, emotions, criteria, plugins_dir, disable, "
               "departments, currency, raw_html, graphviz_cache)")
    assert report(result.problems) == [
        "mkdocs.yml:10: warning: plugins_dir 'plugs' is not a folder (relative to mkdocs.yml); create it or fix the path",
        f"mkdocs.yml:8: warning: unknown key 'colour' in {options}",
        f"mkdocs.yml:9: warning: unknown key 'chanels' in {options} (did you mean 'channels'?)",
    ]  # and 'disable: matrix', one name without a list, is fine
    assert build({"docs/p.md": PERSONA}).problems == []  # the default plugins folder may be absent


def test_mkdocs_yml_with_anchors_and_env_tags_is_still_read(load: Load) -> None:
    config = """\
site_name: !ENV [SITE_NAME, T]
docs_dir: docs
theme:
  name: material
  language: en
extra:
  base: &base {a: 1}
  copy: *base
  more:
    <<: *base
  twice: 1
  twice: 2
plugins:
  - journeysite:
      channels: [web, chat]
"""
    site, problems = load({}, config)
    assert problems == []
    assert site.language == "en" and [c.id for c in site.referential.channels] == ["web", "chat"]


# -- never raise ------------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("-:#&*!<>[]{},|'\"?%@` \t\nabtyp01é\ufeff\r")), max_size=200)
_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["web", "achat", "plaisir", "quentin", "a#t1", "../x"]))
_VALUE = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["id", "stage", "channel", "action", "emotion", "importance", "customer", "chantiers", "x"]),
    inner, max_size=4), max_leaves=12)
_KEYS = ["type", "id", "name", "title", "persona", "state", "target", "stages", "touchpoints", "channels", "photo",
         "status", "quarter", "scores", "depends_on", "metrics", "goals", "objectives", "hide"]
_FRONT = st.fixed_dictionaries({"type": st.sampled_from(["persona", "journey", "chantier", "channel", "x"])},
                               optional={key: _VALUE for key in _KEYS[1:]})


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    (root / "mkdocs.yml").write_text("site_name: T\ndocs_dir: docs\nplugins:\n  - journeysite\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs/quentin.md").write_text(PERSONA, encoding="utf-8")
    (root / "docs/achat.md").write_text(textwrap.dedent(journey("")), encoding="utf-8")
    return root


def _load_and_validate(root: Path, raw: bytes) -> list[Problem]:
    (root / "docs/fuzz.md").write_bytes(raw)
    site, problems = load_site(read_site_config(root / "mkdocs.yml"))
    problems += validate_site(site)
    assert all(isinstance(p, Problem) and p.line >= 1 for p in problems)
    return problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(st.binary(max_size=300), _TEXT.map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8"))))
def test_random_files_give_problems_never_exceptions(fuzz_root: Path, raw: bytes) -> None:
    _load_and_validate(fuzz_root, raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_FRONT)
def test_random_front_matter_gives_problems_never_exceptions(fuzz_root: Path, data: dict) -> None:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\nBody\n"
    _load_and_validate(fuzz_root, text.encode("utf-8"))


def test_options_given_as_plain_python_values_are_checked_not_crashed_on(tmp_path) -> None:
    # an adapter may pass its own config (plain dicts and lists, no line numbers): problems at line 1
    from journeysite.config import SiteConfig, plugin_options
    from journeysite.referential import build_referential
    options = {"disable": ["matrix", {"bad": 1}], "channels": [{"label": "sans id"}], "colour": "red"}
    found = plugin_options(SiteConfig(root=tmp_path, options=options))
    assert found.disable == ("matrix",)
    assert [(p.line, p.message.split(",")[0]) for p in found.problems] == [
        (1, "unknown key 'colour' in the journeysite plugin's options (stages"), (1, "'disable' items must be text")]
    _, problems = build_referential(options, "fr", "mkdocs.yml")
    assert [(p.line, p.message) for p in problems] == \
        [(1, "each item of 'channels' needs an 'id', e.g. {id: web, label: Site web}")]


# -- free text, quarters ------------------------------------------------------------------------

@pytest.mark.parametrize("irritants, warned", [
    ("[La FAQ parle de résiliation, pas de déménagement]", True),   # one sentence, cut at its comma
    ("[Attente, personne au téléphone]", True),
    ("[Attente trop longue, Personne pour répondre]", False),       # two items, each its own sentence
    ("[attente, prix]", False),                                     # short words: a list
    ('["La FAQ parle de résiliation, pas de déménagement"]', False),  # quoted: said as meant
    ("['La FAQ parle de résiliation', 'pas de déménagement']", False),
    ("\n      - La FAQ parle de résiliation, pas de déménagement", False),  # the block form
    ("La FAQ parle de résiliation, pas de déménagement", False),    # one text
])
def test_a_sentence_cut_at_its_commas_by_a_list_on_one_line_is_a_warning(load: Load, irritants: str,
                                                                          warned: bool) -> None:
    site, problems = load({"docs/j.md": journey(f"    irritants: {irritants}\n")})
    if warned:
        assert [p.severity for p in problems] == ["warning"] and problems[0].line == 10
        assert problems[0].message.endswith("write one item a line: 'irritants:' then, below it, "
                                            f"'  - {', '.join(site.journeys['j'].touchpoints[0].irritants)}'")
    else:
        assert problems == []


def test_every_free_text_field_is_checked_and_only_those(load: Load) -> None:
    cut = "[Rapide, mais cher]"
    touchpoint = "".join(f"    {key}: {cut}\n" for key in ("expectations", "irritants", "enchantements", "verbatims",
                                                           "contact_reasons", "data", "chantiers"))
    persona = "---\ntype: persona\nname: Q\n" + "".join(f"{key}: {cut}\n" for key in ("goals", "expectations",
                                                                                     "frustrations")) + "---\n"
    _, problems = load({"docs/j.md": journey(touchpoint), "docs/p.md": persona})
    assert sorted(p.message.split("'")[1] for p in problems) == [
        "contact_reasons", "enchantements", "expectations", "expectations", "frustrations", "goals", "irritants",
        "verbatims"]
    assert {p.severity for p in problems} == {"warning"}


@pytest.mark.parametrize("written, expected", [
    ("2027-Q1", "2027-Q1"), ("T1 2027", "2027-Q1"), ("t4 2026", "2026-Q4"), ("2027 Q2", "2027-Q2"),
    ("Q3-2027", "2027-Q3"), ("2027/T2", "2027-Q2"),
])
def test_a_quarter_may_be_written_as_the_site_shows_it(load: Load, written: str, expected: str) -> None:
    site, problems = load({"docs/c.md": f"---\ntype: chantier\ntitle: C\nquarter: {written}\n---\n"})
    assert problems == [] and site.chantiers["c"].quarter == expected


def test_type_may_be_written_in_french(load: Load) -> None:
    site, problems = load({"docs/q.md": "---\ntype: Persona\nname: Q\n---\n", "docs/j.md": journey().replace(
        "type: journey", "type: parcours"), "docs/canaux/web.md": "---\ntype: canal\nid: web\n---\n"})
    assert problems == [] and list(site.journeys) == ["j"] and list(site.channel_pages) == ["web"]
