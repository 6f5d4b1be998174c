"""The ``journeysite`` command: exit codes, problems as PATH:LINE, new, the module entry."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import journeysite
from journeysite.build import build_site
from journeysite.cli import main
from journeysite.config import read_site_config

PERSONA = """\
    ---
    type: persona
    name: Quentin
    ---
    Quentin.
    """
JOURNEY = """\
    ---
    type: journey
    title: Achat
    persona: quentin
    touchpoints:
      - id: t1
        stage: recherche
        channel: web
        action: Je cherche
        emotion: plaisir
    ---
    """
GOOD_SITE = {"docs/personas/quentin.md": PERSONA, "docs/parcours/achat.md": JOURNEY,
             "docs/chantiers/c.md": "---\ntype: chantier\ntitle: C\ntouchpoints: [achat#t1]\n---\n"}

# Every kind of mistake, one site: each line below is the line of the offending key.
BAD_SITE = {
    "docs/p/achat.md": """\
        ---
        type: journey
        title: Achat
        persona: quentin
        touchpoints:
          - id: t1
            stage: recherche
            channel: webb
            action: Je cherche
            emotion: moyen
          - id: t2
            stage: choix
            channel: web
            action: J'achète
            chantiers: [inconnu]
        ---
        """,
    "docs/p/sans-nom.md": "---\ntype: persona\nsegment: x\ncolour: blue\n---\n",
    "docs/p/casse.md": "---\ntype: persona\nname: [oops\n---\n",
    "docs/p/typo.md": "---\ntype: personna\nname: X\n---\n",
    "docs/p/c.md": "---\ntype: chantier\ntitle: C\nstatus: bientôt\ntouchpoints: [achat#t9, nope]\n---\n",
    "docs/p/latin1.md": "---\ntype: persona\nname: Café\n---\n".encode("latin-1"),
}
BAD_SITE_LOCATIONS = [
    "docs/p/achat.md:4: ",     # persona 'quentin' does not exist
    "docs/p/achat.md:8: ",     # channel 'webb'
    "docs/p/achat.md:10: ",    # emotion 'moyen'
    "docs/p/achat.md:15: ",    # chantier 'inconnu'
    "docs/p/c.md:4: ",         # status 'bientôt'
    "docs/p/c.md:5: ",         # bad touchpoint references
    "docs/p/casse.md:",        # YAML syntax error
    "docs/p/latin1.md:3: ",    # not UTF-8
    "docs/p/sans-nom.md:2: ",  # persona without a name
    "docs/p/sans-nom.md:4: avertissement\u00a0: ",  # unknown key
    "docs/p/typo.md:2: ",      # unknown type
]


def plain(text: str) -> str:
    """French typography's non-breaking spaces as spaces (test_french.py checks them)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_check_ok(make_site, capsys):
    root = make_site({**GOOD_SITE, "docs/canaux/web.md": "---\ntype: channel\nid: web\nowner: Digital\n---\n"})
    assert main(["check", str(root)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "OK\u00a0: 1 persona, 1 parcours, 1 chantier, 1 page de canal\n"
    assert captured.err == ""
    assert main(["check", str(root), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "OK: 1 persona, 1 journey, 1 workstream, 1 channel page\n"


def test_check_defaults_to_the_current_folder_and_takes_a_yml_path(make_site, capsys, monkeypatch):
    root = make_site(GOOD_SITE)
    (root / "mkdocs.yml").rename(root / "site.yml")
    assert main(["check", str(root / "site.yml")]) == 0
    (root / "site.yml").rename(root / "mkdocs.yml")
    monkeypatch.chdir(root)
    assert main(["check"]) == 0
    assert "OK\u00a0:" in capsys.readouterr().out


def test_check_reports_every_problem_of_a_broken_site_in_one_run(make_site, capsys):
    root = make_site(BAD_SITE)
    assert main(["check", str(root)]) == 1
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    expected = [str(p) for p in build_site(read_site_config(root / "mkdocs.yml")).problems]
    assert lines[:-1] == expected  # every problem, sorted, nothing else
    for location in BAD_SITE_LOCATIONS:
        assert any(line.startswith(location) for line in lines), location
    assert "docs/p/achat.md:8: le point de contact « t1 » cite le canal « webb », absent du référentiel " \
           "(vouliez-vous dire « web » ?)" in [plain(line) for line in lines]
    errors = sum(1 for line in expected if ": avertissement\u00a0: " not in line)
    assert lines[-1] == f"{errors} erreurs, 1 avertissement dans 7 fichiers"
    assert captured.out == ""
    assert "Traceback" not in captured.err
    # the same site, in English
    assert main(["check", str(root), "--lang", "en"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert "docs/p/achat.md:8: touchpoint 't1' names channel 'webb', which the referential lacks (did you mean 'web'?)" \
        in lines
    assert lines[-1] == f"{errors} errors, 1 warning in 7 files"


def test_warnings_pass_unless_strict(make_site, capsys):
    files = dict(GOOD_SITE, **{"docs/personas/quentin.md": "---\ntype: persona\nname: Q\ncolour: blue\n---\n"})
    root = make_site(files)
    assert main(["check", str(root)]) == 0
    captured = capsys.readouterr()
    assert plain(captured.err).startswith("docs/personas/quentin.md:4: avertissement : clé inconnue « colour »")
    assert plain(captured.out) == "OK : 1 persona, 1 parcours, 1 chantier (1 avertissement)\n"
    assert main(["check", str(root), "--strict"]) == 1
    captured = capsys.readouterr()
    assert plain(captured.err.splitlines()[-1]) == \
        "0 erreur, 1 avertissement dans 4 fichiers (--strict : les avertissements font échouer)"
    assert main(["check", str(root), "--strict", "--lang", "en"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == "0 errors, 1 warning in 4 files (--strict: warnings fail)"
    assert captured.out == ""


def test_a_missing_mkdocs_yml_is_a_usage_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no site here: the system's language
    monkeypatch.setenv("LANGUAGE", "en_GB.UTF-8")
    assert main(["check", str(tmp_path)]) == 2
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    assert main(["export", "json", str(tmp_path)]) == 2
    (tmp_path / "notes.md").write_text("# x\n")
    assert main(["check", str(tmp_path / "notes.md")]) == 2
    err = capsys.readouterr().err
    assert f"no mkdocs.yml in '{tmp_path}'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [[], ["chek"], ["check", "--nope"], ["export"], ["export", "xml"],
                                  ["new"], ["new", "x", "--lang", "de"]])
def test_bad_arguments_exit_2(argv, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANGUAGE", "C")
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_help_and_usage_speak_the_language_of_the_site_here_else_the_system(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANGUAGE", "fr_FR.UTF-8")
    assert main(["chek"]) == 2
    assert plain(capsys.readouterr().err) == (
        "utilisation : journeysite [-h] [--version] COMMANDE ...\njourneysite : erreur : argument COMMANDE : "
        "choix invalide : 'chek' (choix possibles : 'check', 'export', 'new', 'diff')\n")
    assert main(["check", "--help"]) == 0
    help_text = plain(capsys.readouterr().out)
    assert "Lit le site et signale chaque problème" in help_text and "les avertissements font aussi échouer" in help_text
    (tmp_path / "mkdocs.yml").write_text("site_name: T\ntheme:\n  name: material\n  language: en\n")
    assert main(["check", "--help"]) == 0  # the site here is in English
    assert "Read the site and report every problem" in capsys.readouterr().out
    assert main(["check", "--help", "--lang", "fr"]) == 0  # --lang says otherwise
    assert "Lit le site et signale chaque problème" in capsys.readouterr().out


def test_broken_mkdocs_yml_is_reported_at_its_line(make_site, capsys):
    root = make_site(GOOD_SITE, config="site_name: T\ndocs_dir: docs\nplugins: [journeysite\n")
    assert main(["check", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("mkdocs.yml:3:10: the '[' opened here is never closed")  # no language: English
    assert err.splitlines()[-1] == "1 error, 0 warnings in 1 file"


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("journeysite ")


def test_new_then_check_is_ok(tmp_path, capsys):
    for language in ("fr", "en"):
        target = tmp_path / language
        assert main(["new", str(target), "--lang", language]) == 0
        assert (target / "mkdocs.yml").is_file() and (target / "journeys" / "index.md").is_file()
        result = build_site(read_site_config(target / "mkdocs.yml"))
        assert result.problems == []
        assert result.config.docs_dir == "journeys" and result.config.language == language
        site = result.site
        # a start a team can grow: a persona, a current journey and its target, chantiers, a channel page
        assert (len(site.personas), len(site.journeys), len(site.chantiers), len(site.channel_pages)) == (1, 2, 3, 1)
        current, target_journey = sorted(site.journeys.values(), key=lambda j: j.state)
        assert (current.state, target_journey.state, current.target) == ("current", "target", target_journey.id)
        assert len(current.touchpoints) == 4 and result.computed.progress[target_journey.id] == 0
        assert {c.status for c in site.chantiers.values()} == {"idea", "planned", "in_progress"}
        assert all(result.computed.index.touchpoints_of(c) for c in site.chantiers)
        # one team, one department: the starter declares its departments, and every file's name resolves to one
        declared = [(d.id, d.label) for d in site.referential.departments]
        assert len(declared) == 2 and [(d.id, d.label) for d in result.computed.departments.departments] == declared
        assert all(d.label != d.id for d in result.computed.departments.departments)  # titled by a label
        home = result.ordinary["index.md"]  # where things stand: pains left unaddressed, target journeys
        assert 'class="js-unaddressed-summary' in home and 'class="js-delivery-all"' in home
        capsys.readouterr()
        assert main(["check", str(target), "--strict"]) == 0
    assert capsys.readouterr().out == "OK: 1 persona, 2 journeys, 3 workstreams, 1 channel page\n"
    mkdocs_yml = (tmp_path / "fr" / "mkdocs.yml").read_text(encoding="utf-8")
    for expected in ("name: material", "language: fr", "- search", "- journeysite", "docs_dir: journeys",
                     "navigation.prune", "strict: true", "scheme: slate", "name: Passer en mode sombre",
                     "- {id: apres-vente, label: Après-vente, aliases: [SAV, service après-vente]}",
                     "- {id: telephone, label: Téléphone, aliases: [tél, appel]}"):
        assert expected in mkdocs_yml
    # the comments teach free text as block lists, and the files do as they say
    persona = (tmp_path / "fr" / "journeys" / "personas" / "camille.md").read_text(encoding="utf-8")
    assert "un élément par ligne, commençant par « - »" in persona and "goals:\n  - Trouver" in persona
    for path in (tmp_path / "fr" / "journeys").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(irritants|expectations|verbatims|enchantements|goals|frustrations): \[", text,
                             re.M), path


def test_new_refuses_a_non_empty_folder(tmp_path, capsys):
    (tmp_path / "keep.txt").write_text("mine")
    assert main(["new", str(tmp_path)]) == 1
    assert "n'est pas vide" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["new", str(empty)]) == 0


def test_module_entry_point_writes_utf8_under_the_c_locale(make_site):
    """`python -m journeysite` in a real process, with an ASCII-only locale."""
    files = dict(GOOD_SITE)
    files["docs/personas/quentin.md"] = "---\ntype: persona\nname: Quentin\nsegment: Randonneur né\n---\n"
    files["docs/parcours/achat.md"] = JOURNEY.replace("channel: web", "channel: wébb")
    root = make_site(files)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO", "PYTHONUTF8"))}
    src = str(Path(journeysite.__file__).parent.parent)
    env.update(LC_ALL="C", LANG="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0",
               PYTHONPATH=os.pathsep.join([src, env.get("PYTHONPATH", "")]))
    run = subprocess.run([sys.executable, "-m", "journeysite", "check", str(root)], env=env, capture_output=True)
    assert run.returncode == 1
    err = run.stderr.decode("utf-8")
    assert "docs/parcours/achat.md:8: le point de contact «\u00a0t1\u00a0» cite le canal «\u00a0wébb\u00a0»" in err
    assert "Traceback" not in err
    files["docs/parcours/achat.md"] = JOURNEY
    root = make_site(files)
    run = subprocess.run([sys.executable, "-m", "journeysite", "export", "json", str(root)], env=env,
                         capture_output=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.decode("utf-8"))["personas"][0]["segment"] == "Randonneur né"
