"""``validate_site``: every cross-file rule of docs/format.md, at the line of the offending key."""
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


def plain(text: str) -> str:
    """``text`` with its non-breaking spaces as spaces (French typography: test_french.py checks it)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def check(load: Callable) -> Callable[..., list[str]]:
    """``check(files)`` -> the validate problems (load problems must be none) as the user reads them."""

    def run(files: dict[str, str], config: str | None = None, allow_load_problems: bool = False) -> list[str]:
        site, problems = load(files, *([config] if config else []))
        if not allow_load_problems:
            assert problems == []
        found = validate_site(site)
        assert found == sort_problems(found)
        return [plain(str(p)) for p in found]

    return run


# -- consistent sites ----------------------------------------------------------------------

def test_consistent_site_has_no_problem(check: Callable) -> None:
    assert check(base()) == []


def test_format_example_site_has_no_problem(check: Callable) -> None:
    assert check(FORMAT_SITE, FORMAT_CONFIG) == []


# -- journey personas -----------------------------------------------------------------------

def test_unknown_persona_with_suggestion(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("persona: quentin", "persona: [quentn, lea, zorro]"))) == [
        "docs/achat.md:4: le parcours « achat » cite le persona « quentn », qui n'existe pas (vouliez-vous dire "
        "« quentin » ?) ; utilisez l'id d'une page de persona, ou créez ce persona",
        "docs/achat.md:4: le parcours « achat » cite le persona « zorro », qui n'existe pas ; "
        "utilisez l'id d'une page de persona, ou créez ce persona",
    ]


def test_unknown_persona_whose_file_is_broken_says_so_once(check: Callable) -> None:
    files = base(achat=ACHAT.replace("persona: quentin", "persona: zorro"), zorro="---\ntype: persona\nname: [Z\n---\n")
    assert check(files, allow_load_problems=True) == [
        "docs/achat.md:4: avertissement : le persona « zorro » est dans docs/zorro.md, illisible pour l'instant "
        "(voir ses problèmes plus haut) ; cette référence sera vérifiée une fois ce fichier corrigé"]


def test_references_into_a_file_that_cannot_be_read_wait_for_it_in_one_line(check: Callable) -> None:
    broken = "---\ntype: journey\nid: demenagement\ntitle: Déménager\npersona: quentin\ntouchpoints:\n" \
             "  - id: t1\n    action: Facture : double prélèvement\n---\n"
    files = base(move=broken, fiche=chantier("socle", "demenagement#t1, demenagement#t2, achat#t1"),
                 socle=chantier(touchpoints="demenagement#t3"),
                 achat=ACHAT.replace("target: achat-cible", "target: demenagement"))
    assert check(files, allow_load_problems=True) == [
        "docs/achat.md:5: avertissement : le parcours « demenagement » est dans docs/move.md, illisible pour "
        "l'instant (voir ses problèmes plus haut) ; cette référence et 3 autres vers ce fichier seront vérifiées une "
        "fois celui-ci corrigé"]  # its id is its 'id:' line, not its file name; never "does not exist"


def test_a_file_whose_kind_cannot_be_told_holds_back_references_to_its_name(check: Callable) -> None:
    files = base(achat=ACHAT.replace("persona: quentin", "persona: zoe"), zoe=b"---\nname: Z\xe9\n---\n")
    assert [p.split(": avertissement : ")[1].split(" est dans")[0] for p in check(files, allow_load_problems=True)] \
        == ["le persona « zoe »"]


# -- journey targets --------------------------------------------------------------------------

def test_unknown_target_with_suggestion(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible", "target: achat-cibel"))) == [
        "docs/achat.md:5: le parcours « achat » cite le parcours cible « achat-cibel », qui n'existe pas "
        "(vouliez-vous dire « achat-cible » ?) ; utilisez l'id d'un parcours en « state: target »"]


def test_target_must_be_a_target_journey(check: Callable) -> None:
    assert check(base(achat_cible=ACHAT_CIBLE.replace("state: target\n", ""))) == [
        "docs/achat.md:5: le parcours « achat » a pour cible « achat-cible », mais « achat-cible » est un parcours "
        "actuel ; mettez « state: target » dans docs/achat-cible.md ou citez un autre parcours"]


def test_journey_cannot_be_its_own_target(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible", "target: achat"))) == [
        "docs/achat.md:5: le parcours « achat » a pour cible « achat », mais « achat » est un parcours actuel ; "
        "mettez « state: target » dans docs/achat.md ou citez un autre parcours"]


def test_target_must_share_a_persona(check: Callable) -> None:
    assert check(base(achat_cible=ACHAT_CIBLE.replace("persona: [quentin, lea]", "persona: lea"))) == [
        "docs/achat.md:5: le parcours « achat » (personas : quentin) et sa cible « achat-cible » (personas : lea) "
        "n'ont aucun persona en commun ; donnez-leur au moins un persona commun"]


def test_unknown_persona_is_not_also_reported_as_sharing_none(check: Callable) -> None:
    problems = check(base(achat=ACHAT.replace("persona: quentin", "persona: quentn")))
    assert len(problems) == 1 and "cite le persona « quentn »" in problems[0]


def test_target_journey_naming_a_target_is_a_warning(load: Callable) -> None:
    site, _ = load(base(achat_cible=ACHAT_CIBLE.replace("state: target\n", "state: target\ntarget: achat\n")))
    problems = validate_site(site)
    assert [plain(str(p)) for p in problems] == [
        "docs/achat-cible.md:6: avertissement : le parcours « achat-cible » est lui-même un parcours cible "
        "(state: target) et ne cite donc pas de cible ; retirez « target: achat » ou mettez « state: current »"]
    assert problems[0].severity == WARNING


def test_target_journey_named_by_no_current_journey_is_fine(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("target: achat-cible\n", ""))) == []


# -- touchpoint chantiers -------------------------------------------------------------------------

def test_unknown_chantier_of_a_touchpoint(check: Callable) -> None:
    assert check(base(achat=ACHAT.replace("chantiers: [fiche]", "chantiers: [fiche, fiches, travaux]"))) == [
        "docs/achat.md:15: le point de contact « t2 » cite le chantier « fiches », qui n'existe pas (vouliez-vous "
        "dire « fiche » ?) ; utilisez l'id d'une page de chantier, ou créez ce chantier",
        "docs/achat.md:15: le point de contact « t2 » cite le chantier « travaux », qui n'existe pas ; "
        "utilisez l'id d'une page de chantier, ou créez ce chantier",
    ]


# -- chantier touchpoints ----------------------------------------------------------------------

def test_chantier_touchpoint_in_unknown_journey(check: Callable) -> None:
    assert check(base(fiche=chantier("socle", "achats#t1, ailleurs#t1"))) == [
        "docs/fiche.md:4: le chantier « fiche » cite « achats#t1 », mais le parcours « achats » n'existe pas "
        "(vouliez-vous dire « achat » ?) ; écrivez PARCOURS#POINT avec l'id d'un parcours",
        "docs/fiche.md:4: le chantier « fiche » cite « ailleurs#t1 », mais le parcours « ailleurs » n'existe pas ; "
        "écrivez PARCOURS#POINT avec l'id d'un parcours",
    ]


def test_chantier_touchpoint_unknown_in_its_journey(check: Callable) -> None:
    assert check(base(fiche=chantier("socle", "achat#tt1, achat-cible#t2"))) == [
        "docs/fiche.md:4: le chantier « fiche » cite « achat#tt1 », mais le parcours « achat » n'a pas de point de "
        "contact « tt1 » (vouliez-vous dire « t1 » ?) ; ses points de contact : t1, t2",
        "docs/fiche.md:4: le chantier « fiche » cite « achat-cible#t2 », mais le parcours « achat-cible » n'a pas "
        "de point de contact « t2 » ; ses points de contact : t1",
    ]


# -- chantier dependencies ----------------------------------------------------------------------

def test_unknown_dependency_with_suggestion(check: Callable) -> None:
    assert check(base(fiche=chantier("socles, budget"))) == [
        "docs/fiche.md:4: le chantier « fiche » dépend de « budget », qui n'existe pas ; "
        "utilisez l'id d'une page de chantier, ou créez ce chantier",
        "docs/fiche.md:4: le chantier « fiche » dépend de « socles », qui n'existe pas (vouliez-vous dire "
        "« socle » ?) ; utilisez l'id d'une page de chantier, ou créez ce chantier",
    ]


def test_chantier_depending_on_itself(check: Callable) -> None:
    assert check(base(socle=chantier("socle"))) == [
        "docs/socle.md:4: le chantier « socle » dépend de lui-même ; retirez « socle » de « depends_on »"]


def test_two_chantiers_depending_on_each_other(check: Callable) -> None:
    assert check(base(socle=chantier("fiche"))) == [
        "docs/fiche.md:5: des chantiers dépendent les uns des autres en boucle : fiche -> socle -> fiche ; "
        "retirez l'un de ces liens « depends_on »"]


def test_longer_loop_is_reported_once_from_its_first_id(check: Callable) -> None:
    files = {"docs/z.md": chantier("a"), "docs/sub/a.md": chantier("m"), "docs/m.md": chantier("z, free"),
             "docs/free.md": chantier()}
    assert check(files) == ["docs/sub/a.md:4: des chantiers dépendent les uns des autres en boucle : "
                            "a -> m -> z -> a ; retirez l'un de ces liens « depends_on »"]


def test_separate_loops_are_reported_separately(check: Callable) -> None:
    files = {"docs/a.md": chantier("b"), "docs/b.md": chantier("a"), "docs/c.md": chantier("d, a"),
             "docs/d.md": chantier("c")}
    assert check(files) == [
        "docs/a.md:4: des chantiers dépendent les uns des autres en boucle : a -> b -> a ; "
        "retirez l'un de ces liens « depends_on »",
        "docs/c.md:4: des chantiers dépendent les uns des autres en boucle : c -> d -> c ; "
        "retirez l'un de ces liens « depends_on »",
    ]


def test_loops_sharing_a_chantier_are_one_problem_naming_every_member(check: Callable) -> None:
    files = {"docs/a.md": chantier("c, b"), "docs/b.md": chantier("a"), "docs/c.md": chantier("d"),
             "docs/d.md": chantier("a")}
    assert check(files) == [
        "docs/a.md:4: des chantiers dépendent les uns des autres en boucle : a -> b -> a (aussi dans cette "
        "boucle : c, d) ; retirez l'un de ces liens « depends_on »"]


def test_self_dependency_is_not_also_a_loop(check: Callable) -> None:
    problems = check({"docs/a.md": chantier("a, b"), "docs/b.md": chantier()})
    assert problems == ["docs/a.md:4: le chantier « a » dépend de lui-même ; retirez « a » de « depends_on »"]


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
    assert plain(problems[0].message).startswith("des chantiers dépendent les uns des autres en boucle : "
                                                 "c0000 -> c0001 -> c0002 -> ")
    assert " -> c2999 -> c0000 ; " in plain(problems[0].message)


def test_report_does_not_depend_on_file_order(check: Callable) -> None:
    one = {"docs/a.md": chantier("b"), "docs/b.md": chantier("c"), "docs/c.md": chantier("a")}
    other = {"docs/x/c.md": chantier("a"), "docs/y/a.md": chantier("b"), "docs/b.md": chantier("c")}
    assert check(one) == ["docs/a.md:4: des chantiers dépendent les uns des autres en boucle : a -> b -> c -> a ; "
                          "retirez l'un de ces liens « depends_on »"]
    assert check(other) == ["docs/y/a.md:4: des chantiers dépendent les uns des autres en boucle : "
                            "a -> b -> c -> a ; retirez l'un de ces liens « depends_on »"]


# -- all at once ----------------------------------------------------------------------------

def test_every_problem_of_a_site_is_reported_in_one_run(check: Callable) -> None:
    files = base(achat=ACHAT.replace("persona: quentin", "persona: quentn").replace("chantiers: [fiche]",
                                                                                   "chantiers: [nope]"),
                 fiche=chantier("fiche", "achat#t9"), achat_cible=ACHAT_CIBLE.replace("persona: [quentin, lea]",
                                                                                       "persona: [quentin, leaa]"))
    problems = check(files)
    assert [p.split(": ")[0] for p in problems] == ["docs/achat-cible.md:4", "docs/achat.md:4", "docs/achat.md:15",
                                                    "docs/fiche.md:4", "docs/fiche.md:5"]


def test_problems_are_problem_objects_sorted_by_path_and_line(load: Callable) -> None:
    site, _ = load(base(socle=chantier("socle, x"), fiche=chantier("y", "achat#t7")))
    problems = validate_site(site)
    assert all(isinstance(p, Problem) for p in problems)
    assert [(p.path, p.line) for p in problems] == [("docs/fiche.md", 4), ("docs/fiche.md", 5),
                                                    ("docs/socle.md", 4), ("docs/socle.md", 4)]
