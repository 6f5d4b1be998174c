"""Pages rendered on two processes (``parallel``) make the build a serial one makes: the same pages, the
same problems, the same diagrams; when a plugin or the worker fails, the build is made serially."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from journeysite import parallel
from journeysite.build import SiteBuild, build_site
from journeysite.config import read_site_config
from sites import FORMAT_CONFIG, FORMAT_SITE

# A plugin whose view fails on one page: with the split, that page may be the worker's.
FAILING = ("from journeysite import hookimpl\n\n@hookimpl\ndef journeysite_page_views(page):\n"
           "    if page.page.doc_path == '{doc_path}':\n        raise RuntimeError('boom')\n    return []\n")


def snapshot(result: SiteBuild) -> tuple[Any, ...]:
    return ([(p.page.doc_path, p.markdown, p.views) for p in result.pages], sorted(result.ordinary.items()),
            [str(p) for p in result.problems])


@pytest.fixture
def splits(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every split of pages a build makes (files parsed on two cores are not listed), with what it gave
    (None: it fell back) and the pages this process rendered (the others are the worker's); any site is big
    enough, and pages take long enough for both to take some."""
    made: list[Any] = []
    real = parallel.split

    def recorded(count: int, render: Callable[[int], Any], failed: Callable[[], bool]) -> Any:
        parent, here = os.getpid(), set()

        def slow(index: int) -> Any:
            time.sleep(0.02)
            if os.getpid() == parent:
                here.add(index)
            return render(index)

        if "_render_split" not in render.__qualname__:
            return real(count, render, failed)
        made.append((real(count, slow, failed), here))
        return made[-1][0]

    monkeypatch.setattr(parallel, "MIN_PAGES", 2)
    monkeypatch.setattr(parallel, "split", recorded)
    return made


def build(root: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> SiteBuild:
    monkeypatch.setattr(parallel, "workers", lambda: workers)
    return build_site(read_site_config(root / "mkdocs.yml"), stash_views=True)


def test_a_split_build_is_the_serial_build(make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch,
                                           splits: list[Any]) -> None:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    serial = build(root, monkeypatch, 1)
    assert splits == []
    split = build(root, monkeypatch, 2)
    assert len(splits) == 1 and splits[0][0] is not None
    assert snapshot(split) == snapshot(serial)
    # both processes drew diagrams: the placeholders were renumbered in page order
    here = splits[0][1]
    drawn = {n for n, page in enumerate(split.pages) if "js-graph-svg" in "".join(page.views.values())}
    assert drawn & here and drawn - here


@pytest.mark.parametrize("worker", [True, False])
def test_a_plugin_failing_in_either_process_fails_as_in_a_serial_build(
        make_site: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, splits: list[Any], worker: bool) -> None:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    pages = [p.page.doc_path for p in build(root, monkeypatch, 1).pages]
    failing = next(doc_path for n, doc_path in enumerate(pages) if n % 2 == int(worker))
    (root / "plugins").mkdir()
    (root / "plugins" / "failing.py").write_text(FAILING.format(doc_path=failing), encoding="utf-8")
    serial = build(root, monkeypatch, 1)
    assert [p.path for p in serial.problems] == ["plugins/failing.py"]  # the plugin failed, on one page
    split = build(root, monkeypatch, 2)
    assert splits[-1][0] is None  # the split was given up, and the build made serially
    assert snapshot(split) == snapshot(serial)


def test_a_worker_that_dies_leaves_a_serial_build(make_site: Callable[..., Path],
                                                   monkeypatch: pytest.MonkeyPatch, splits: list[Any]) -> None:
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    serial = build(root, monkeypatch, 1)
    parent, real = os.getpid(), parallel.split  # the recording split of ``splits``

    def dying(count: int, render: Callable[[int], Any], failed: Callable[[], bool]) -> Any:
        def render_or_die(index: int) -> Any:
            if os.getpid() != parent:
                os._exit(3)
            return render(index)
        render_or_die.__qualname__ = render.__qualname__  # a split of pages, or of files: both die
        return real(count, render_or_die, failed)

    monkeypatch.setattr(parallel, "split", dying)
    split = build(root, monkeypatch, 2)
    assert splits[-1][0] is None
    assert snapshot(split) == snapshot(serial)


def test_files_parsed_on_two_cores_load_the_same_site(make_site: Callable[..., Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from journeysite.load import load_site
    root = make_site(FORMAT_SITE, FORMAT_CONFIG)
    monkeypatch.setattr(parallel, "MIN_PAGES", 2)
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    serial = load_site(read_site_config(root / "mkdocs.yml"))
    parsed = []
    real = parallel.split
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(parallel, "split", lambda *args: parsed.append(real(*args)) or parsed[-1])
    split = load_site(read_site_config(root / "mkdocs.yml"))
    assert parsed and parsed[0] is not None
    assert repr(split) == repr(serial)


def test_mkdocs_builds_the_same_bytes_on_one_core_and_on_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              splits: list[Any]) -> None:
    """The whole written site (pages, search index, diagrams, assets) of a real ``mkdocs build``."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from test_search import bench_corpus

    root = bench_corpus(tmp_path / "bench")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def built(workers: int) -> dict[str, bytes]:
        monkeypatch.setattr(parallel, "workers", lambda: workers)
        site_dir = tmp_path / f"site-{workers}"
        mkdocs_build(load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir)))
        return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}

    serial = built(1)
    assert splits == []
    split = built(2)
    assert len(splits) == 1 and splits[0][0] is not None
    assert 0 < len(splits[0][1]) < len(splits[0][0])  # both processes rendered pages
    assert split.keys() == serial.keys()
    assert [path for path in split if split[path] != serial[path]] == []
