"""``validate_site``: every cross-file rule of FORMAT.md, at the line of the offending key."""
from __future__ import annotations

from typing import Callable

import pytest

from journeysite.model import Chantier, Location, Site
from journeysite.problems import WARNING, Problem, sort_problems
from journeysite.referential import default_referential
from journeysite.validate import validate_site
from sites import FORMAT_CONFIG, FORMAT_SITE

QUENTIN = "---\ntype: persona\nname: Quentin\nchannels: [web, magasin]\n---\n"
LEA = "---\ntype: persona\nname: Léa\n---\n"
ACHAT = """\
---
type: journey
title: Achat
persona: quentin
target: achat-cible
touchpoints:
  - id: t1
    stage: recherche
    channel: web
    action: Je cherche
  - id: t2
    stage: achat
    channel: magasin
    action: Je paie
    chantiers: [fiche]
---
"""
ACHAT_CIBLE = """\
---
type: journey
title: Achat cible
persona: [quentin, lea]
state: target
touchpoints:
  - id: t1
    stage: recherche
    channel: web
    action: Je trouve
---
"""


def chantier(depends_on: str = "", touchpoints: str = "") -> str:
    """A chantier page; ``touchpoints`` (if any) is line 4, then ``depends_on``."""
    text = "---\ntype: chantier\ntitle: C\n"
    text += f"touchpoints: [{touchpoints}]\n" if touchpoints else ""
    text += f"depends_on: [{depends_on}]\n" if depends_on else ""
    return text + "---\n"


def base(**changes: str) -> dict[str, str]:
    """A consistent site; ``changes`` replace files by name (``achat_cible`` for achat-cible.md)."""
    files = {"quentin": QUENTIN, "lea": LEA, "achat": ACHAT, "achat_cible": ACHAT_CIBLE,
             "fiche": chantier("socle", "achat#t1, achat-cible#t1"), "socle": chantier()}
    files.update(changes)
    return {f"docs/{name.replace('_', '-')}.md": text for name, text in files.items() if text is not None}


@pytest.fixture
def check(load: Callable) -> Callable[..., list[str]]:
    """``check(files)`` -> the validate problems (load problems must be none) as the user reads them."""

    def run(files: dict[str, str], config: str | None = None, allow_load_problems: bool = False) -> list[str]:
        site, problems = load(files, *([config] if config else []))
        if not allow_load_problems:
            assert problems == []
        found = validate_site(site)
        assert found == sort_problems(found)
        return [str(p) for p in found]

    return run


# -- consistent sites ----------------------------------------------------------------------

def test_consistent_site_has_no_problem(check: Callable) -> None:
    assert check(base()) == []


def test_format_example_site_has_no_problem(check: Callable) -> None:
    assert check(FORMAT_SITE, FORMAT_CONFIG) == []


# -- journey personas -----------------------------------------------------------------------

def test_unknown_persona_with_suggestion(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("persona: quentin", "persona: [quentn, lea, zorro]"))) == [
        "docs/achat.md:4: journey 'achat' names persona 'quentn', which does not exist (did you mean 'quentin'?); "
        "use the id of a persona page, or create that persona",
        "docs/achat.md:4: journey 'achat' names persona 'zorro', which does not exist; "
        "use the id of a persona page, or create that persona",
    ]


def test_unknown_persona_whose_file_is_broken_says_so(check: Callable) -> None:
    files = base(achat=ACHAT.replace("persona: quentin", "persona: zorro"), zorro="---\ntype: persona\nname: [Z\n---\n")
    assert check(files, allow_load_problems=True) == [
        "docs/achat.md:4: journey 'achat' names persona 'zorro', which does not exist "
        "(docs/zorro.md may define it but could not be read); use the id of a persona page, or create that persona"]


# -- journey targets --------------------------------------------------------------------------

def test_unknown_target_with_suggestion(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible", "target: achat-cibel"))) == [
        "docs/achat.md:5: journey 'achat' names target journey 'achat-cibel', which does not exist "
        "(did you mean 'achat-cible'?); use the id of a journey with 'state: target'"]


def test_target_must_be_a_target_journey(check: Callable) -> None:
    assert check(base(achat_cible=ACHAT_CIBLE.replace("state: target\n", ""))) == [
        "docs/achat.md:5: journey 'achat' names 'achat-cible' as its target, but 'achat-cible' is a current journey; "
        "set 'state: target' in docs/achat-cible.md or name another journey"]


def test_journey_cannot_be_its_own_target(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible", "target: achat"))) == [
        "docs/achat.md:5: journey 'achat' names 'achat' as its target, but 'achat' is a current journey; "
        "set 'state: target' in docs/achat.md or name another journey"]


def test_target_must_share_a_persona(check: Callable) -> None:
    assert check(base(achat_cible=ACHAT_CIBLE.replace("persona: [quentin, lea]", "persona: lea"))) == [
        "docs/achat.md:5: journey 'achat' (personas: quentin) and its target 'achat-cible' (personas: lea) "
        "share no persona; give them at least one persona in common"]


def test_unknown_persona_is_not_also_reported_as_sharing_none(check: Callable) -> None:
    problems = check(base(achat=ACHAT.replace("persona: quentin", "persona: quentn")))
    assert len(problems) == 1 and "names persona 'quentn'" in problems[0]


def test_target_journey_naming_a_target_is_a_warning(load: Callable) -> None:
    site, _ = load(base(achat_cible=ACHAT_CIBLE.replace("state: target\n", "state: target\ntarget: achat\n")))
    problems = validate_site(site)
    assert [str(p) for p in problems] == [
        "docs/achat-cible.md:6: warning: journey 'achat-cible' is itself a target journey (state: target), "
        "so it does not name a target; remove 'target: achat' or set 'state: current'"]
    assert problems[0].severity == WARNING


def test_target_journey_named_by_no_current_journey_is_fine(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible\n", ""))) == []


# -- touchpoint chantiers -------------------------------------------------------------------------

def test_unknown_chantier_of_a_touchpoint(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("chantiers: [fiche]", "chantiers: [fiche, fiches, travaux]"))) == [
        "docs/achat.md:15: touchpoint 't2' names chantier 'fiches', which does not exist (did you mean 'fiche'?); "
        "use the id of a chantier page, or create that chantier",
        "docs/achat.md:15: touchpoint 't2' names chantier 'travaux', which does not exist; "
        "use the id of a chantier page, or create that chantier",
    ]


# -- chantier touchpoints ----------------------------------------------------------------------

def test_chantier_touchpoint_in_unknown_journey(check: Callable) -> None:
    assert check(base(fiche=chantier("socle", "achats#t1, ailleurs#t1"))) == [
        "docs/fiche.md:4: chantier 'fiche' links 'achats#t1', but journey 'achats' does not exist "
        "(did you mean 'achat'?); write JOURNEY#TOUCHPOINT with the id of a journey",
        "docs/fiche.md:4: chantier 'fiche' links 'ailleurs#t1', but journey 'ailleurs' does not exist; "
        "write JOURNEY#TOUCHPOINT with the id of a journey",
    ]


def test_chantier_touchpoint_unknown_in_its_journey(check: Callable) -> None:
    assert check(base(fiche=chantier("socle", "achat#tt1, achat-cible#t2"))) == [
        "docs/fiche.md:4: chantier 'fiche' links 'achat#tt1', but journey 'achat' has no touchpoint 'tt1' "
        "(did you mean 't1'?); its touchpoints are: t1, t2",
        "docs/fiche.md:4: chantier 'fiche' links 'achat-cible#t2', but journey 'achat-cible' has no touchpoint 't2'; "
        "its touchpoints are: t1",
    ]


# -- chantier dependencies ----------------------------------------------------------------------

def test_unknown_dependency_with_suggestion(check: Callable) -> None:
    assert check(base(fiche=chantier("socles, budget"))) == [
        "docs/fiche.md:4: chantier 'fiche' depends on 'budget', which does not exist; "
        "use the id of a chantier page, or create that chantier",
        "docs/fiche.md:4: chantier 'fiche' depends on 'socles', which does not exist (did you mean 'socle'?); "
        "use the id of a chantier page, or create that chantier",
    ]


def test_chantier_depending_on_itself(check: Callable) -> None:
    assert check(base(socle=chantier("socle"))) == [
        "docs/socle.md:4: chantier 'socle' depends on itself; remove 'socle' from 'depends_on'"]


def test_two_chantiers_depending_on_each_other(check: Callable) -> None:
    assert check(base(socle=chantier("fiche"))) == [
        "docs/fiche.md:5: chantiers depend on each other in a loop: fiche -> socle -> fiche; "
        "remove one of these 'depends_on' links"]


def test_longer_loop_is_reported_once_from_its_first_id(check: Callable) -> None:
    files = {"docs/z.md": chantier("a"), "docs/sub/a.md": chantier("m"), "docs/m.md": chantier("z, free"),
             "docs/free.md": chantier()}
    assert check(files) == ["docs/sub/a.md:4: chantiers depend on each other in a loop: a -> m -> z -> a; "
                            "remove one of these 'depends_on' links"]


def test_separate_loops_are_reported_separately(check: Callable) -> None:
    files = {"docs/a.md": chantier("b"), "docs/b.md": chantier("a"), "docs/c.md": chantier("d, a"),
             "docs/d.md": chantier("c")}
    assert check(files) == [
        "docs/a.md:4: chantiers depend on each other in a loop: a -> b -> a; remove one of these 'depends_on' links",
        "docs/c.md:4: chantiers depend on each other in a loop: c -> d -> c; remove one of these 'depends_on' links",
    ]


def test_loops_sharing_a_chantier_are_one_problem_naming_every_member(check: Callable) -> None:
    files = {"docs/a.md": chantier("c, b"), "docs/b.md": chantier("a"), "docs/c.md": chantier("d"),
             "docs/d.md": chantier("a")}
    assert check(files) == [
        "docs/a.md:4: chantiers depend on each other in a loop: a -> b -> a (also in this loop: c, d); "
        "remove one of these 'depends_on' links"]


def test_self_dependency_is_not_also_a_loop(check: Callable) -> None:
    problems = check({"docs/a.md": chantier("a, b"), "docs/b.md": chantier()})
    assert problems == ["docs/a.md:4: chantier 'a' depends on itself; remove 'a' from 'depends_on'"]


def test_shared_dependencies_without_loop_are_fine(check: Callable) -> None:
    files = {"docs/a.md": chantier("b, c"), "docs/b.md": chantier("d"), "docs/c.md": chantier("d"),
             "docs/d.md": chantier()}
    assert check(files) == []


def _chain(count: int, loop: bool) -> Site:
    """Chantiers c0000 -> c0001 -> ... (-> c0000 when ``loop``), built directly in the model."""
    ids = [f"c{index:04d}" for index in range(count)]
    chantiers = {}
    for index, cid in enumerate(ids):
        following = ids[index + 1] if index + 1 < count else (ids[0] if loop else None)
        chantiers[cid] = Chantier(cid, cid.upper(), Location(f"docs/{cid}.md", 1, {"depends_on": 4}),
                                  depends_on=(following,) if following else ())
    return Site(referential=default_referential(), chantiers=chantiers)


def test_long_dependency_chain_is_no_loop_and_no_recursion_error() -> None:
    assert validate_site(_chain(5000, loop=False)) == []


def test_long_loop_is_reported_once() -> None:
    problems = validate_site(_chain(3000, loop=True))
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line) == ("docs/c0000.md", 4)
    assert problems[0].message.startswith("chantiers depend on each other in a loop: c0000 -> c0001 -> c0002 -> ")
    assert " -> c2999 -> c0000; " in problems[0].message


def test_report_does_not_depend_on_file_order(check: Callable) -> None:
    one = {"docs/a.md": chantier("b"), "docs/b.md": chantier("c"), "docs/c.md": chantier("a")}
    other = {"docs/x/c.md": chantier("a"), "docs/y/a.md": chantier("b"), "docs/b.md": chantier("c")}
    assert check(one) == ["docs/a.md:4: chantiers depend on each other in a loop: a -> b -> c -> a; "
                          "remove one of these 'depends_on' links"]
    assert check(other) == ["docs/y/a.md:4: chantiers depend on each other in a loop: a -> b -> c -> a; "
                            "remove one of these 'depends_on' links"]


# -- persona channels ---------------------------------------------------------------------

def test_persona_channel_must_be_in_the_referential(check: Callable) -> None:
    assert check(base(lea="---\ntype: persona\nname: Léa\nchannels: [web, magasinn, fax]\n---\n")) == [
        "docs/lea.md:4: persona 'lea' names channel 'fax', which the referential lacks; use one of web, appli, email, "
        "telephone, reseaux, magasin, courrier, or add it to 'channels' in mkdocs.yml",
        "docs/lea.md:4: persona 'lea' names channel 'magasinn', which the referential lacks (did you mean 'magasin'?); "
        "use one of web, appli, email, telephone, reseaux, magasin, courrier, or add it to 'channels' in mkdocs.yml",
    ]


def test_persona_channels_follow_a_custom_channel_list(check: Callable) -> None:
    config = ("site_name: T\ndocs_dir: docs\ntheme: {name: material, language: fr}\nplugins:\n"
              "  - journeysite:\n      channels: [web, chat]\n")
    files = {"docs/p.md": "---\ntype: persona\nname: P\nchannels: [chat, magasin]\n---\n"}
    assert check(files, config) == [
        "docs/p.md:4: persona 'p' names channel 'magasin', which the referential lacks; use one of web, chat, "
        "or add it to 'channels' in mkdocs.yml"]


# -- all at once ----------------------------------------------------------------------------

def test_every_problem_of_a_site_is_reported_in_one_run(check: Callable) -> None:
    files = base(achat=ACHAT.replace("persona: quentin", "persona: quentn").replace("chantiers: [fiche]",
                                                                                   "chantiers: [nope]"),
                 fiche=chantier("fiche", "achat#t9"), lea=LEA.replace("name: Léa", "name: Léa\nchannels: fax"))
    problems = check(files)
    assert [p.split(": ")[0] for p in problems] == ["docs/achat.md:4", "docs/achat.md:15", "docs/fiche.md:4",
                                                    "docs/fiche.md:5", "docs/lea.md:4"]


def test_problems_are_problem_objects_sorted_by_path_and_line(load: Callable) -> None:
    site, _ = load(base(socle=chantier("socle, x"), fiche=chantier("y", "achat#t7")))
    problems = validate_site(site)
    assert all(isinstance(p, Problem) for p in problems)
    assert [(p.path, p.line) for p in problems] == [("docs/fiche.md", 4), ("docs/fiche.md", 5),
                                                    ("docs/socle.md", 4), ("docs/socle.md", 4)]
