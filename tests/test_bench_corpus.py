"""The benchmark's corpus (bench/corpus.py): valid content, the same bytes from the same arguments."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from journeysite.build import build_site
from journeysite.config import read_site_config

CORPUS = Path(__file__).resolve().parents[1] / "bench" / "corpus.py"


def write_corpus(out: Path, journeys: int, **options: bool) -> None:
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_corpus(out, journeys, 6, **options)


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_corpus_has_no_problem_and_every_kind(tmp_path: Path) -> None:
    write_corpus(tmp_path / "site", 8)
    result = build_site(read_site_config(tmp_path / "site" / "mkdocs.yml"))
    assert [str(p) for p in result.problems] == []
    site = result.site
    assert (len(site.personas), len(site.journeys), len(site.chantiers)) == (1, 10, 12)
    assert any(j.target for j in site.journeys.values())
    assert any(t.irritants for j in site.journeys.values() for t in j.touchpoints)


def test_corpus_is_seeded_and_plain_variants_differ_only_in_mkdocs_yml(tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 8)
    write_corpus(tmp_path / "b", 8)
    write_corpus(tmp_path / "plain", 8, plain=True, same_nav=True)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    ours, plain = files(tmp_path / "a"), files(tmp_path / "plain")
    assert {k: v for k, v in ours.items() if k != "mkdocs.yml"} == {k: v for k, v in plain.items() if k != "mkdocs.yml"}
    assert b"- journeysite" in ours["mkdocs.yml"] and b"- journeysite" not in plain["mkdocs.yml"]
    assert b"nav:\n  - index.md" in plain["mkdocs.yml"]


def test_phases_times_each_phase_of_a_real_build(tmp_path: Path) -> None:
    write_corpus(tmp_path / "site", 4)
    write_corpus(tmp_path / "plain", 4, plain=True, same_nav=True)
    done = subprocess.run([sys.executable, str(CORPUS.parent / "phases.py"), str(tmp_path / "site"),
                           str(tmp_path / "plain"), "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    ours, plain = done.stdout.split(str(tmp_path / "plain"))
    timed = {" ".join(line.split()[:-2]): [float(x) for x in line.split()[-2:]] for line in ours.splitlines()
             if line.startswith("  ")}
    assert list(timed) == ["starting", "on_pre_build", "Markdown (_populate_page)", "page loop (_build_page)",
                           "search (on_page_context)", "writing files", "rest of the build", "whole"]
    assert timed["on_pre_build"][0] > 0 and timed["whole"][0] >= timed["on_pre_build"][0]
    assert "page loop (_build_page)" in plain
