"""journeysite diff: what changed between two versions of a site, from git revisions or folders."""
from __future__ import annotations

import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest

from gittools import commit_all, git, init
from journeysite.cli import main
from journeysite.formatting import number
from journeysite.i18n import use_language
from journeysite.render.diff_markdown import cut_report, gfm
from journeysite.render.mermaid import mermaid_string, xychart
from sites import FORMAT_CONFIG, FORMAT_SITE
from conftest import write_site

NEW_CHANTIER = """\
    ---
    type: chantier
    title: Paiement mobile en rayon
    department: digital
    status: planned
    quarter: 2027-Q2
    scores: {customer_importance: 4, business_impact: 3, feasibility: 4, cost: 2, delay: 2}
    touchpoints: [achat#t3]
    ---
    Payer sans passer en caisse.
    """


def edit(root: Path, path: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in a file of the site."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_touchpoint(root: Path, path: str, touchpoint_id: str) -> None:
    """Remove the touchpoint ``touchpoint_id`` (its ``- id:`` line to the next one) from a journey file."""
    file = root / path
    lines = file.read_text(encoding="utf-8").split("\n")
    start = lines.index(f"  - id: {touchpoint_id}")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("  - id:") or lines[i] == "---")
    file.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")


def the_four_changes(root: Path) -> None:
    """Change an emotion, remove a touchpoint, add a chantier and close another."""
    edit(root, "docs/parcours/achat.md", "emotion: plaisir", "emotion: enchantement")
    remove_touchpoint(root, "docs/parcours/achat.md", "t2")
    (root / "docs/chantiers/paiement-mobile.md").write_text(textwrap.dedent(NEW_CHANTIER), encoding="utf-8")
    edit(root, "docs/chantiers/fiche-client.md", "status: planned", "status: done")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The format site in a git repository, committed once."""
    root = init(tmp_path / "repo")
    write_site(root, FORMAT_SITE, FORMAT_CONFIG)
    commit_all(root, "journeys")
    return root


def run_diff(capsys, *argv: str) -> str:
    assert main(["diff", *argv]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


def as_data(capsys, *argv: str) -> dict:
    return json.loads(run_diff(capsys, *argv, "--format", "json"))


def body(markdown: str) -> str:
    """The report without its title line (which names the two sides)."""
    first, _newline, rest = markdown.partition("\n")
    assert first.startswith("## journeysite")
    return rest


# -- the change the issue describes ---------------------------------------------------------

def test_four_changes_give_exactly_those_four_changes(repo, capsys, monkeypatch):
    the_four_changes(repo)
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert data["old"] == "HEAD" and data["new"] is None and not data["identical"]
    edited = [(i["kind"], i["id"], i["change"]) for kind in ("journeys", "chantiers", "personas", "channels")
              for i in data[kind] if i["edited"]]
    assert edited == [("journey", "achat", "changed"), ("chantier", "fiche-client", "changed"),
                      ("chantier", "paiement-mobile", "added")]
    achat = data["journeys"][0]
    touchpoints = achat["touchpoints"]
    assert [(t["id"], t["changes"]) for t in touchpoints["changed"]] == [
        ("t1", [{"field": "emotion", "old": "plaisir", "new": "enchantement"}])]
    assert [t["id"] for t in touchpoints["removed"]] == ["t2"] and touchpoints["added"] == []
    assert touchpoints["curve"] == {"old": [["t1", 1], ["t3", -1]], "new": [["t1", 2], ["t3", -1]]}
    assert achat["fields"] == [] and touchpoints["ruptures"] == touchpoints["moments_of_truth"] == {"gained": [], "lost": []}
    fiche = next(c for c in data["chantiers"] if c["id"] == "fiche-client")
    assert fiche["fields"] == [{"field": "status", "old": "planned", "new": "done"}]
    assert fiche["derived"] == [] and fiche["linked"] == fiche["unlinked"] == []
    added = next(c for c in data["chantiers"] if c["id"] == "paiement-mobile")
    assert {f["field"]: f["new"] for f in added["fields"]}["touchpoints"] == ["achat#t3"]
    # What the changes move, and nothing else: the target journey's progress, Quentin's figures.
    moved = {(i["kind"], i["id"]): {x["id"] for x in i["indicators"]} for kind in ("journeys", "personas")
             for i in data[kind] if not i["edited"]}
    assert moved == {("journey", "achat-cible"): {"progress"},
                     ("persona", "quentin"): {"touchpoints", "mean_emotion"}}
    assert data["referential"]["priority_order"] is None
    assert all(not (e["added"] or e["removed"] or e["changed"] or e["order"]) for e in data["referential"]["lists"])
    assert data["pages"] == {"added": [], "removed": [], "changed": []}
    assert data["problems"]["introduced"] == data["problems"]["fixed"] == []


def test_the_report_says_it_in_the_sites_language(repo, capsys, monkeypatch):
    the_four_changes(repo)
    monkeypatch.chdir(repo)
    report = run_diff(capsys, "HEAD")
    lines = report.splitlines()
    assert lines[0] == "## journeysite diff\u00a0: `HEAD` → copie de travail"
    assert lines[2] == ("En bref\u00a0: 1 parcours modifié, 1 point de contact supprimé, 1 point de contact modifié, "
                        "1 émotion en hausse, 1 chantier ajouté et 1 chantier livré.")
    assert "- **t1** «\u00a0Je consulte les fiches conseils\u00a0»\u00a0: émotion\u00a0: Plaisir → Enchantement (+1)" in lines
    assert ("- Point de contact supprimé\u00a0: **t2** «\u00a0Je pose une question au conseiller en ligne\u00a0» "
            "(Choix · Chat en ligne)") in lines
    assert "- Statut\u00a0: Planifié → Livré" in lines
    added = next(line for line in lines if line.startswith("- Ajouté"))
    assert "**Paiement mobile en rayon** (`paiement-mobile`)" in added and "T2 2027" in added
    assert "| Émotion moyenne | 0 | +0,5 |" in lines
    # One chart, both curves: the same touchpoints before and after.
    assert report.count("```mermaid") == 1 and "    line [1, -1]\n    line [2, -1]" in report
    sections = [line for line in lines if line.startswith("### ")]
    assert sections == ["### Parcours", "### Chantiers", "### Répercussions de ces changements"]
    english = run_diff(capsys, "HEAD", "--lang", "en")
    assert "- **t1** “I” " not in english and "emotion: Pleasure → Delight (+1)" in english
    assert "In short: 1 journey changed, 1 touchpoint removed" in english


def test_the_way_back_is_the_mirror_of_the_way_there(repo, capsys):
    before = commit_all(repo, "before")
    the_four_changes(repo)
    edit(repo, "docs/personas/lea.md", "segment: Alpiniste confirmée", "segment: Alpiniste")
    after = commit_all(repo, "after", date="2026-02-01T10:00:00+00:00")
    there = as_data(capsys, before, after, "--site", str(repo))
    back = as_data(capsys, after, before, "--site", str(repo))
    mirror = {"added": "removed", "removed": "added", "changed": "changed"}

    def swapped(changes):
        return [{"field": c["field"], "old": c["new"], "new": c["old"]} for c in changes]

    for kind in ("journeys", "chantiers", "personas", "channels"):
        assert sorted((i["id"], mirror[i["change"]]) for i in there[kind]) == \
            sorted((i["id"], i["change"]) for i in back[kind])
        for item in there[kind]:
            other = next(i for i in back[kind] if i["id"] == item["id"])
            if item["change"] == "changed":
                assert swapped(item["fields"]) == other["fields"], item["id"]
                assert [(i["id"], i["old"], i["new"]) for i in item["indicators"]] == \
                    [(i["id"], i["new"], i["old"]) for i in other["indicators"]]
            else:  # the facts of what one side adds are those of what the other removes
                assert swapped(item["fields"]) == other["fields"], item["id"]
    achat_there, achat_back = there["journeys"][0]["touchpoints"], back["journeys"][0]["touchpoints"]
    assert [t["id"] for t in achat_there["removed"]] == [t["id"] for t in achat_back["added"]] == ["t2"]
    assert swapped(achat_there["changed"][0]["changes"]) == achat_back["changed"][0]["changes"]
    assert achat_there["curve"] == {"old": achat_back["curve"]["new"], "new": achat_back["curve"]["old"]}
    assert "1 chantier livré" in run_diff(capsys, before, after, "--site", str(repo))
    assert "Statut\u00a0: Livré → Planifié" in run_diff(capsys, after, before, "--site", str(repo))


def test_a_site_compared_with_itself_says_nothing_changed(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo)
    assert run_diff(capsys, "HEAD").splitlines()[2] == "Rien n'a changé\u00a0: les deux versions donnent le même site."
    assert as_data(capsys, "HEAD", "HEAD")["identical"] is True
    assert as_data(capsys, str(repo), str(repo))["identical"] is True


def test_two_folders_give_the_same_report_as_two_revisions_of_them(repo, capsys, tmp_path, monkeypatch):
    old_commit = git(repo, "rev-parse", "HEAD").strip()
    old_copy = shutil.copytree(repo, tmp_path / "old", ignore=shutil.ignore_patterns(".git"))
    the_four_changes(repo)
    new_commit = commit_all(repo, "four changes", date="2026-02-01T10:00:00+00:00")
    new_copy = shutil.copytree(repo, tmp_path / "new", ignore=shutil.ignore_patterns(".git"))
    by_revisions = run_diff(capsys, old_commit, new_commit, "--site", str(repo))
    by_folders = run_diff(capsys, str(old_copy), str(new_copy))
    assert body(by_folders) == body(by_revisions)
    assert "`" + old_commit + "`" in by_revisions.splitlines()[0]
    data_revisions = as_data(capsys, old_commit, new_commit, "--site", str(repo))
    data_folders = as_data(capsys, str(old_copy), str(new_copy))
    for data in (data_revisions, data_folders):
        del data["old"], data["new"]
    assert data_folders == data_revisions
    monkeypatch.chdir(repo)  # the working tree is the new commit: the same again
    assert body(run_diff(capsys, old_commit)) == body(by_revisions)


def test_reading_a_revision_leaves_the_checkout_alone(repo, capsys):
    the_four_changes(repo)
    (repo / "notes.txt").write_text("mine")
    state = [git(repo, *args) for args in (["status", "--porcelain", "--untracked-files=all"], ["stash", "list"],
                                           ["worktree", "list"], ["rev-parse", "HEAD"], ["branch", "--list"])]
    files = sorted((p.relative_to(repo).as_posix(), p.read_bytes()) for p in repo.rglob("*")
                   if p.is_file() and ".git" not in p.parts)
    run_diff(capsys, "HEAD", "--site", str(repo))
    assert [git(repo, *args) for args in (["status", "--porcelain", "--untracked-files=all"], ["stash", "list"],
                                          ["worktree", "list"], ["rev-parse", "HEAD"], ["branch", "--list"])] == state
    assert sorted((p.relative_to(repo).as_posix(), p.read_bytes()) for p in repo.rglob("*")
                  if p.is_file() and ".git" not in p.parts) == files


# -- edge cases -----------------------------------------------------------------------------

def test_a_moved_file_keeping_its_id_changes_nothing(repo, capsys, monkeypatch):
    (repo / "docs/autres").mkdir()
    git(repo, "mv", "docs/parcours/achat.md", "docs/autres/achat.md")
    monkeypatch.chdir(repo)
    assert as_data(capsys, "HEAD")["identical"] is True


def test_a_renamed_journey_is_a_rename_and_links_follow_it(repo, capsys, monkeypatch):
    """Renaming the file renames the id; chantiers linked to its touchpoints are not unlinked and relinked."""
    git(repo, "mv", "docs/parcours/achat.md", "docs/parcours/achat-magasin.md")
    edit(repo, "docs/chantiers/fiche-client.md", "touchpoints: [achat#t3]", "touchpoints: [achat-magasin#t3]")
    edit(repo, "docs/personas/quentin.md", "name: Quentin", "name: Quentin")  # untouched
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert [(j["id"], j["old_id"], j["change"], j["fields"], j["touchpoints"]["changed"])
            for j in data["journeys"] if j["old_id"]] == [("achat-magasin", "achat", "changed", [], [])]
    assert [c for c in data["chantiers"] if c["linked"] or c["unlinked"] or c["fields"]] == []
    report = run_diff(capsys, "HEAD")
    assert "- Identifiant modifié\u00a0: `achat` → `achat-magasin`" in report
    assert "Supprimé" not in report and "Ajouté" not in report


def test_a_touchpoint_whose_id_changed_is_renamed_not_removed_and_added(repo, capsys, monkeypatch):
    edit(repo, "docs/parcours/achat.md", "  - id: t3\n", "  - id: caisse\n")
    edit(repo, "docs/chantiers/fiche-client.md", "touchpoints: [achat#t3]", "touchpoints: [achat#caisse]")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    touchpoints = data["journeys"][0]["touchpoints"]
    assert touchpoints["added"] == touchpoints["removed"] == []
    assert [(t["id"], t["old_id"], t["changes"]) for t in touchpoints["changed"]] == [("caisse", "t3", [])]
    assert touchpoints["ruptures"] == {"gained": [], "lost": []} and touchpoints["curve"] is None
    assert [c for c in data["chantiers"] if c["linked"] or c["unlinked"]] == []


def test_a_touchpoint_moved_to_another_stage_and_place(repo, capsys, monkeypatch):
    text = (repo / "docs/parcours/achat.md").read_text(encoding="utf-8")
    t1 = text[text.index("  - id: t1"):text.index("  - id: t2")]
    t3 = text[text.index("  - id: t3"):text.index("---\nParcours")]
    moved = t3.replace("stage: achat", "stage: choix")
    (repo / "docs/parcours/achat.md").write_text(text.replace(t1, moved.rstrip("\n") + "\n" + t1).replace(t3, ""),
                                                 encoding="utf-8")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    changed = data["journeys"][0]["touchpoints"]["changed"]
    assert [(t["id"], t["changes"], t["reordered"], t["after"]) for t in changed] == [
        ("t3", [{"field": "stage", "old": "achat", "new": "choix"}], True, None)]
    assert "- **t3** «\u00a0Je paie en caisse\u00a0»\u00a0: déplacé\u00a0: Achat · Magasin → Choix · Magasin\u00a0; " \
           "placé en premier" in run_diff(capsys, "HEAD")


def test_marks_gained_and_lost(repo, capsys, monkeypatch):
    edit(repo, "docs/parcours/achat.md", "moment_of_truth: false\n    importance: {customer: 4",
         "moment_of_truth: true\n    importance: {customer: 4")
    edit(repo, "docs/parcours/achat.md", "rupture: true", "rupture: false")
    monkeypatch.chdir(repo)
    touchpoints = as_data(capsys, "HEAD")["journeys"][0]["touchpoints"]
    assert touchpoints["moments_of_truth"] == {"gained": ["t1"], "lost": []}
    assert touchpoints["ruptures"] == {"gained": [], "lost": ["t3"]}
    assert touchpoints["changed"] == [] and touchpoints["curve"] is None
    report = run_diff(capsys, "HEAD")
    assert "- Nouveau moment de vérité\u00a0: **t1** «\u00a0Je consulte les fiches conseils\u00a0»" in report
    assert "- Point de rupture levé\u00a0: **t3** «\u00a0Je paie en caisse\u00a0»" in report


def test_a_broken_file_on_one_side_is_unreadable_not_removed(repo, capsys, monkeypatch):
    edit(repo, "docs/parcours/achat.md", "title: Acheter", "title: [Acheter")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert [(j["id"], j["change"]) for j in data["journeys"] if j["change"] != "changed"] == [("achat", "unreadable")]
    introduced = data["problems"]["introduced"]
    assert introduced and all(p["path"] in ("docs/parcours/achat.md", "docs/parcours/achat-cible.md",
                                             "docs/chantiers/fiche-client.md") for p in introduced)
    assert any(p["path"] == "docs/parcours/achat.md" for p in introduced) and data["problems"]["fixed"] == []
    report = run_diff(capsys, "HEAD")
    assert "Illisible désormais\u00a0: **Acheter un équipement de randonnée** (`achat`)" in report
    assert "### Problèmes" in report
    # The other way round: the fix is a fix, and the journey is back as it was.
    commit_all(repo, "broken", date="2026-01-06T10:00:00+00:00")
    edit(repo, "docs/parcours/achat.md", "title: [Acheter", "title: Acheter")
    data = as_data(capsys, "HEAD")
    assert [(j["id"], j["change"]) for j in data["journeys"] if j["change"] != "changed"] == [("achat", "readable")]
    assert data["problems"]["introduced"] == [] and len(data["problems"]["fixed"]) == len(introduced)
    report = run_diff(capsys, "HEAD")
    assert "1 fichier de nouveau lisible" in report.splitlines()[2]
    assert "- De nouveau lisible\u00a0: **Acheter un équipement de randonnée** (`achat`) (son fichier contenait " \
           "des erreurs) — " in report


def test_breaking_a_file_and_fixing_it_are_mirrors_with_nothing_else(repo, capsys, monkeypatch):
    """Chantiers linked to the journey and its persona's figures moved only because the file could not be read:
    neither the break nor the fix reports them (a steering committee reads: this file, its problems)."""
    monkeypatch.chdir(repo)
    edit(repo, "docs/parcours/achat.md", "action: Je paie en caisse", "action: Je paie : en caisse")
    commit_all(repo, "broken", date="2026-01-06T10:00:00+00:00")
    edit(repo, "docs/parcours/achat.md", "action: Je paie : en caisse", "action: Je paie en caisse")
    commit_all(repo, "fixed", date="2026-01-07T10:00:00+00:00")
    broke, fixed = as_data(capsys, "HEAD~2", "HEAD~1"), as_data(capsys, "HEAD~1", "HEAD")

    def items(data: dict) -> list[tuple[str, str, str]]:
        return [(i["kind"], i["id"], i["change"]) for kind in ("journeys", "chantiers", "personas", "channels")
                for i in data[kind]]

    assert items(broke) == [("journey", "achat", "unreadable")]
    assert items(fixed) == [("journey", "achat", "readable")]
    assert len(broke["problems"]["introduced"]) == len(fixed["problems"]["fixed"]) > 0
    report = run_diff(capsys, "HEAD~1", "HEAD")
    assert "### Chantiers" not in report and "Répercussions" not in report
    # A real change on the way is still reported: a chantier edited in the fix.
    edit(repo, "docs/chantiers/fiche-client.md", "status: planned", "status: done")
    fixed = as_data(capsys, "HEAD~1")
    assert items(fixed) == [("journey", "achat", "readable"), ("chantier", "fiche-client", "changed")]
    assert fixed["chantiers"][0]["linked"] == []


@pytest.mark.parametrize("path, before, old, new, kind, item", [
    # a chantier delivered counts in its target journey's progress
    ("docs/chantiers/fiches-conseils.md", "status: in_progress", "status: done", "status: [done", "chantier",
     "fiches-conseils"),
    ("docs/personas/quentin.md", "name: Quentin", "name: Quentin", "name: [Quentin", "persona", "quentin")])
def test_a_chantier_or_persona_file_broken_and_fixed_are_mirrors_too(repo, capsys, monkeypatch, path, before, old,
                                                                    new, kind, item):
    monkeypatch.chdir(repo)
    edit(repo, path, before, old)
    commit_all(repo, "ready", date="2026-01-05T10:00:00+00:00")
    edit(repo, path, old, new)
    commit_all(repo, "broken", date="2026-01-06T10:00:00+00:00")
    edit(repo, path, new, old)
    commit_all(repo, "fixed", date="2026-01-07T10:00:00+00:00")
    broke, fixed = as_data(capsys, "HEAD~2", "HEAD~1"), as_data(capsys, "HEAD~1", "HEAD")
    assert [(i["kind"], i["id"], i["change"]) for k in ("journeys", "chantiers", "personas", "channels")
            for i in broke[k]] == [(kind, item, "unreadable")]
    assert [(i["kind"], i["id"], i["change"]) for k in ("journeys", "chantiers", "personas", "channels")
            for i in fixed[k]] == [(kind, item, "readable")]


def test_an_unreadable_mkdocs_yml_on_one_side_compares_only_problems(repo, capsys, monkeypatch):
    edit(repo, "mkdocs.yml", "plugins:", "plugins: [")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert data["unreadable"] == ["new"] and data["journeys"] == data["chantiers"] == []
    assert [p["path"] for p in data["problems"]["introduced"]] == ["mkdocs.yml"]
    report = run_diff(capsys, "HEAD")
    assert "> Le mkdocs.yml de la nouvelle version est illisible\u00a0: seuls les problèmes sont comparés." in report
    assert "### Problèmes" in report and "### Parcours" not in report


def test_a_criterion_weight_moves_every_priority_said_once_with_the_new_order(repo, capsys, monkeypatch):
    edit(repo, "mkdocs.yml", "  - journeysite:\n", "  - journeysite:\n      criteria:\n"
         "        - {id: customer_importance, label: Importance client, weight: 1}\n"
         "        - {id: business_impact, label: Impact entreprise, weight: 6}\n"
         "        - {id: feasibility, label: Faisabilité, weight: 2}\n"
         "        - {id: cost, label: Coût, weight: 2, inverse: true}\n"
         "        - {id: delay, label: Délai de mise en œuvre, weight: 1, inverse: true}\n")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    criteria = next(e for e in data["referential"]["lists"] if e["name"] == "criteria")
    assert [(c["id"], c["changes"]) for c in criteria["changed"]] == [
        ("customer_importance", [{"field": "weight", "old": 3, "new": 1}]),
        ("business_impact", [{"field": "weight", "old": 3, "new": 6}])]
    order = data["referential"]["priority_order"]
    assert [(r["id"], r["rank"], r["old_rank"]) for r in order] == [
        ("referentiel-client", 1, 2), ("fiche-client", 2, 1), ("fiches-conseils", 3, None)]
    report = run_diff(capsys, "HEAD")
    assert report.count("Priorité") == 0  # no chantier repeats it
    assert "Les critères ont changé\u00a0: toutes les priorités bougent. Le nouvel ordre\u00a0:" in report
    assert re.search(r"^1\. \*\*Référentiel client\*\* \(`referentiel-client`\)\u00a0: \d+ \(avant\u00a0: \d+, "
                     r"rang 2\)$", report, re.M)


def test_a_criterion_relabelled_moves_no_priority(repo, capsys, monkeypatch):
    edit(repo, "mkdocs.yml", "  - journeysite:\n", "  - journeysite:\n      criteria:\n"
         "        - {id: customer_importance, label: Attente client, weight: 3}\n"
         "        - {id: business_impact, label: Impact entreprise, weight: 3}\n"
         "        - {id: feasibility, label: Faisabilité, weight: 2}\n"
         "        - {id: cost, label: Coût, weight: 2, inverse: true}\n"
         "        - {id: delay, label: Délai de mise en œuvre, weight: 1, inverse: true}\n")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert data["referential"]["priority_order"] is None and data["chantiers"] == []
    report = run_diff(capsys, "HEAD")
    assert "- Critères, modification\u00a0: «\u00a0Attente client\u00a0» (`customer_importance`)\u00a0: " \
           "libellé\u00a0: «\u00a0Importance client\u00a0» → «\u00a0Attente client\u00a0»" in report
    assert "priorités" not in report


def test_referential_lists_say_what_they_move(repo, capsys, monkeypatch):
    edit(repo, "mkdocs.yml", "        - {id: chat, label: Chat en ligne}\n", "")
    edit(repo, "mkdocs.yml", "{id: magasin, label: Magasin}", "{id: magasin, label: Boutique}")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    channels = next(e for e in data["referential"]["lists"] if e["name"] == "channels")
    assert [(c["id"], c["uses"]) for c in channels["removed"]] == [("chat", 1)]
    assert [(c["id"], c["changes"]) for c in channels["changed"]] == [
        ("magasin", [{"field": "label", "old": "Magasin", "new": "Boutique"}])]
    assert [p["path"] for p in data["problems"]["introduced"]] == ["docs/parcours/achat.md"]
    report = run_diff(capsys, "HEAD")
    assert "- Canaux, retrait\u00a0: «\u00a0Chat en ligne\u00a0» (`chat`) (1 point de contact l'utilisait)" in report
    assert "- Canaux, modification\u00a0: «\u00a0Boutique\u00a0» (`magasin`)\u00a0: libellé\u00a0: " \
           "«\u00a0Magasin\u00a0» → «\u00a0Boutique\u00a0»" in report


def test_each_side_reads_its_own_mkdocs_yml_and_docs_dir_in_a_subfolder(tmp_path, capsys):
    repo = init(tmp_path / "repo")
    site = write_site(repo / "cx", FORMAT_SITE, FORMAT_CONFIG)
    (repo / "README.md").write_text("not the site")
    old = commit_all(repo, "site in cx/docs")
    shutil.move(site / "docs", site / "contenu")
    edit(site, "mkdocs.yml", "docs_dir: docs", "docs_dir: contenu")
    edit(site, "contenu/personas/lea.md", "segment: Alpiniste confirmée", "segment: Alpiniste")
    new = commit_all(repo, "docs moved", date="2026-01-06T10:00:00+00:00")
    data = as_data(capsys, old, new, "--site", str(site))
    changed = [(p["id"], p["fields"]) for p in data["personas"] if p["fields"]]
    assert changed == [("lea", [{"field": "segment", "old": "Alpiniste confirmée", "new": "Alpiniste"}])]
    assert [j for j in data["journeys"] if j["change"] != "changed"] == []
    assert data["pages"] == {"added": [], "removed": [], "changed": []}


def test_new_ids_for_the_same_emotion_levels_and_channels_change_no_touchpoint(repo, capsys, monkeypatch):
    """Levels are matched by what people see (label, else score) when their ids change: touchpoints still name
    the same levels, the scale says the ids changed, nothing is removed."""
    scale = "".join(f"        - {{id: {new}, label: {label}, score: {score}}}\n" for new, label, score in [
        ("delight", "Enchantement", 2), ("pleasure", "Plaisir", 1), ("ok", "Satisfaction", 0),
        ("letdown", "Décevant, aliases: [Déception]", -1), ("irritation", "Irritant", -2)])
    edit(repo, "mkdocs.yml", "      channels:\n", "      emotions:\n" + scale + "      channels:\n")
    edit(repo, "mkdocs.yml", "{id: telephone, label: Téléphone}", "{id: tel, label: Téléphone}")
    monkeypatch.chdir(repo)
    data = as_data(capsys, "HEAD")
    assert [i["id"] for kind in ("journeys", "chantiers", "personas", "channels") for i in data[kind]] == []
    lists = {entries["name"]: entries for entries in data["referential"]["lists"]}
    emotions = lists["emotions"]
    assert emotions["added"] == emotions["removed"] == [] and emotions["order"] is None
    assert [(e["id"], e["changes"]) for e in emotions["changed"]] == [
        ("delight", [{"field": "id", "old": "enchantement", "new": "delight"}]),
        ("pleasure", [{"field": "id", "old": "plaisir", "new": "pleasure"}]),
        ("ok", [{"field": "id", "old": "satisfaction", "new": "ok"}]),
        ("letdown", [{"field": "id", "old": "deception", "new": "letdown"},
                     {"field": "label", "old": "Déception", "new": "Décevant"}]),  # matched by its score
        ("irritation", [{"field": "id", "old": "irritant", "new": "irritation"}])]
    assert [(e["id"], e["changes"]) for e in lists["channels"]["changed"]] == [
        ("tel", [{"field": "id", "old": "telephone", "new": "tel"}])]
    report = run_diff(capsys, "HEAD")
    assert "- Échelle des émotions, modification\u00a0: «\u00a0Plaisir\u00a0» (`pleasure`)\u00a0: identifiant\u00a0: " \
           "`plaisir` → `pleasure`" in report
    assert "### Parcours" not in report and "suppression" not in report and "Problèmes" not in report


def test_other_pages_added_removed_and_edited(repo, capsys, monkeypatch):
    (repo / "docs/equipe.md").write_text("# Équipe\n")
    edit(repo, "docs/index.md", "# Accueil", "# Bienvenue")
    monkeypatch.chdir(repo)
    assert as_data(capsys, "HEAD")["pages"] == {"added": ["equipe.md"], "removed": [], "changed": ["index.md"]}


def test_output_to_a_file(repo, capsys, tmp_path, monkeypatch):
    the_four_changes(repo)
    monkeypatch.chdir(repo)
    out = tmp_path / "diff.md"
    assert main(["diff", "HEAD", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert out.read_text(encoding="utf-8") == run_diff(capsys, "HEAD")


@pytest.mark.parametrize("argv, message", [  # in the language of the site of the current folder (French)
    (["nowhere"], "«\u00a0nowhere\u00a0» n'est ni un dossier ni une révision de ce dépôt git"),
    (["--", "-x"], "«\u00a0-x\u00a0» n'est pas une révision"),
])
def test_bad_revisions_are_usage_errors(repo, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(repo)
    assert main(["diff", *argv]) == 2
    assert message in capsys.readouterr().err


def test_revisions_need_a_repository_and_a_site(tmp_path, capsys, monkeypatch):
    site = write_site(tmp_path / "plain", FORMAT_SITE, FORMAT_CONFIG)
    monkeypatch.chdir(site)
    assert main(["diff", "HEAD"]) == 2
    assert "n'est pas dans un dépôt git" in capsys.readouterr().err
    repo = init(tmp_path / "repo")
    (repo / "README.md").write_text("x")
    commit_all(repo, "no site yet")
    shutil.copytree(site, repo / "site")
    assert main(["diff", "HEAD", "--site", str(repo / "site")]) == 2
    assert "la révision «\u00a0HEAD\u00a0» n'a pas de mkdocs.yml dans «\u00a0site\u00a0»" in capsys.readouterr().err


# -- escaping -------------------------------------------------------------------------------

def test_user_text_is_literal_in_the_report(repo, capsys, monkeypatch):
    edit(repo, "docs/parcours/achat.md", "action: Je consulte les fiches conseils",
         "action: \"Je *clique* <img src=x onerror=alert(1)> [ici](http://x) | `code` $x$ #1 & ~y~\"")
    monkeypatch.chdir(repo)
    report = run_diff(capsys, "HEAD")
    line = next(line for line in report.splitlines() if line.startswith("- **t1**"))
    assert not re.search(r"(?<!\\)[<>*\[\]|`$#&~]", line.split("«", 1)[1])  # every special character escaped
    assert "\\<img" in line and "\\*clique\\*" in line and "\\[ici\\]" in line
    assert "\\|" in line and "\\`code\\`" in line and "\\$x\\$" in line and "\\#\u20601" in line and "\\&" in line


def test_gfm_escaping():
    assert gfm("a*b_c`d[e]f<g>h!i&j~k|l$m#n\\o\nnext") == \
        "a\\*b\\_c\\`d\\[e\\]f\\<g\\>h\\!i\\&j\\~k\\|l\\$m\\#n\\\\o next"


def test_mentions_and_issue_references_are_shown_but_not_linked():
    # GitHub reads @name, #123 and GH-123 after Markdown (a backslash does not stop them): a word joiner does.
    assert gfm("Ask @acme/everyone (see #12, gh-3) — mail a@b.fr") == \
        "Ask @\u2060acme/everyone (see \\#\u206012, gh-\u20603) — mail a@\u2060b.fr"
    assert gfm("# @ GH- alone").replace("\u2060", "") == "\\# @ GH- alone"


def test_a_mention_in_a_title_notifies_nobody(repo, capsys, monkeypatch):
    edit(repo, "docs/parcours/achat.md", "title: Acheter", "title: \"@acme/everyone: acheter #1\"")
    monkeypatch.chdir(repo)
    report = run_diff(capsys, "HEAD")
    assert not re.search(r"@\w|#\d", report)
    assert "@\u2060acme/everyone: acheter \\#\u20601" in report


def test_a_long_report_is_cut_at_a_line_outside_code_blocks_and_says_so():
    chart = "```mermaid\nxychart-beta\n" + "    line [1, 2]\n" * 30 + "```\n"
    report = "## journeysite diff\n\nEn bref : é.\n\n" + "- ligne « é » 🙂\n" * 40 + chart + "- fin\n"
    assert cut_report(report, len(report)) == report
    with use_language("fr"):
        for limit in range(300, len(report), 7):
            cut = cut_report(report, limit)
            assert len(cut) <= limit
            kept, note = cut.rsplit("\n\n> ", 1)
            assert report.startswith(kept + "\n")  # whole lines, as they were
            assert kept.count("```") % 2 == 0  # no block left open
            assert note == f"Le rapport est coupé ici\u00a0: il compte {number(len(report))}\u00a0caractères, plus " \
                           f"que {number(limit)}. Lancez `journeysite diff` pour le lire en entier.\n"
        cut = cut_report(report, len(report) - 10)  # the chart would be cut: it is left out whole
        assert "```" not in cut and cut.count("- ligne") == 40


def test_the_report_can_be_given_a_length(repo, capsys, monkeypatch):
    the_four_changes(repo)
    monkeypatch.chdir(repo)
    whole = run_diff(capsys, "HEAD")
    cut = run_diff(capsys, "HEAD", "--max-length", "1000")
    assert len(whole) > 1000 >= len(cut) and "Lancez `journeysite diff`" in cut
    assert run_diff(capsys, "HEAD", "--max-length", str(len(whole))) == whole
    assert main(["diff", "HEAD", "--max-length", "999"]) == 2
    assert "--max-length" in capsys.readouterr().err


def test_mermaid_strings_cannot_break_out():
    assert mermaid_string('a "b" %%{init}%% `c` #35; <d>\nnext') == \
        '"a #quot;b#quot; #37;#37;{init}#37;#37; #96;c#96; #35;35; #lt;d#gt; next"'
    chart = xychart('Parcours "test"', ["t1", 'x"y'], [[1, -2]], "Émotion", (-2, 2), ("#9e9e9e", "red"))
    assert chart.splitlines() == [
        "```mermaid",
        '%%{init: {"themeVariables": {"xyChart": {"plotColorPalette": "#9e9e9e"}}}}%%',
        "xychart-beta",
        '    title "Parcours #quot;test#quot;"',
        '    x-axis ["t1", "x#quot;y"]',
        '    y-axis "Émotion" -2 --> 2',
        "    line [1, -2]",
        "```"]
    with pytest.raises(ValueError):
        xychart("t", ["a", "b"], [[1]], "y", (0, 1))


# -- the README's example -------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent
README_START, README_END = "<!-- diff-example:start -->\n````markdown\n", "````\n<!-- diff-example:end -->"


def demo_change(root: Path) -> None:
    """The README's change of the demo: one emotion better, a touchpoint removed, a chantier added and another
    delivered."""
    edit(root, "journeys/parcours/achat-randonnee.md",
         "    action: Je compare les tentes 2 places sur l'appli et j'essaie de filtrer par poids\n    emotion: Déception",
         "    action: Je compare les tentes 2 places sur l'appli et j'essaie de filtrer par poids\n    emotion: Satisfaction")
    remove_touchpoint(root, "journeys/parcours/achat-randonnee.md", "t4")
    (root / "journeys/chantiers/notices-video.md").write_text(textwrap.dedent("""\
        ---
        type: chantier
        title: Notices de montage en vidéo
        department: digital
        owner: Équipe contenus
        status: planned
        quarter: 2027-Q2
        scores: {customer_importance: 4, business_impact: 2, feasibility: 5, cost: 1, delay: 1}
        objectives: [fidelisation]
        touchpoints: [achat-randonnee#t10]
        ---
        Une vidéo de montage par produit technique, depuis la fiche et par QR code sur l'emballage.
        """), encoding="utf-8")
    edit(root, "journeys/chantiers/fiche-client-unique.md", "status: in_progress", "status: done")


def changed_demo(folder: Path) -> Path:
    """The demo in a git repository, committed on main, then changed by ``demo_change`` (not committed)."""
    root = init(folder / "demo")
    for name in ("mkdocs.yml", "journeys", "plugins", "theme"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    commit_all(root, "demo")
    demo_change(root)
    return root


def test_the_readme_shows_a_real_diff_of_the_demo(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(changed_demo(tmp_path))
    report = run_diff(capsys, "main")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme[readme.index(README_START) + len(README_START):readme.index(README_END)]
    assert shown == report, "the README's diff example is out of date: run python tests/test_diff.py --readme"


if __name__ == "__main__":  # print the README's example report; with --readme, write it into the README
    import contextlib
    import io
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            main(["diff", "main", "--site", str(changed_demo(Path(folder)))])
    if "--readme" in sys.argv:
        text = (REPO / "README.md").read_text(encoding="utf-8")
        start, end = text.index(README_START) + len(README_START), text.index(README_END)
        (REPO / "README.md").write_text(text[:start] + printed.getvalue() + text[end:], encoding="utf-8")
    else:
        print(printed.getvalue(), end="")
