#!/usr/bin/env python3
"""Where a build's wall time goes, phase by phase, unprofiled: journeysite's core, then MkDocs' own work.

    python bench/phases.py SITE_DIR [SITE_DIR ...] [--runs 3]

Builds each site with ``mkdocs build`` in a fresh process, ``--runs`` times,
interleaved, and reports the median wall time and the main process's CPU time
of each phase: starting (imports, mkdocs.yml), ``on_pre_build`` (for a
journeysite site: the core, whose pages are rendered on two cores where there
are two), the files and navigation, converting the pages' Markdown
(``_populate_page``), then MkDocs' page loop (``_build_page``: Material's search
indexing, the theme's templates, writing each file), and the rest (sitemap,
search index). A plain site (``bench/corpus.py --plain``) has the same
phases, with nothing in ``on_pre_build``. Measured by wrapping MkDocs'
functions, not by a profiler: the figures are those of a real build.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

# Run in the child: wraps MkDocs' phases with wall and CPU clocks, builds, prints them as JSON.
CHILD = r"""
import json, os, sys, time
start = (time.perf_counter(), time.process_time())
import mkdocs.commands.build as build
import mkdocs.utils as utils
from mkdocs.config import load_config
from mkdocs.plugins import PluginCollection
spent = {}

def clocked(name, function):
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            total = spent.setdefault(name, [0.0, 0.0])
            total[0] += time.perf_counter() - wall
            total[1] += time.process_time() - cpu
    return wrapper

run_event = PluginCollection.run_event
def events(self, name, item=None, **kwargs):
    phase = {"pre_build": "on_pre_build", "page_context": "search (on_page_context)"}.get(name)
    call = run_event if phase is None else clocked(phase, run_event)
    return call(self, name, item, **kwargs)
PluginCollection.run_event = events
build._populate_page = clocked("Markdown (_populate_page)", build._populate_page)
build._build_page = clocked("page loop (_build_page)", build._build_page)
utils.write_file = clocked("writing files", utils.write_file)
build.utils.write_file = utils.write_file
config = load_config(os.path.join(sys.argv[1], "mkdocs.yml"), site_dir=sys.argv[2])
spent["starting"] = [time.perf_counter() - start[0], time.process_time() - start[1]]
wall, cpu = time.perf_counter(), time.process_time()
build.build(config)
spent["build"] = [time.perf_counter() - wall, time.process_time() - cpu]
print(json.dumps(spent))
"""

ORDER = ("starting", "on_pre_build", "Markdown (_populate_page)", "page loop (_build_page)",
         "search (on_page_context)", "writing files", "rest of the build", "whole")


def measure(site: Path) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="journeysite-phases-") as out:
        done = subprocess.run([sys.executable, "-c", CHILD, str(site), out], capture_output=True, text=True,
                              check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    spent = json.loads(done.stdout.strip().splitlines()[-1])
    accounted = ("on_pre_build", "Markdown (_populate_page)", "page loop (_build_page)")
    spent["rest of the build"] = [spent["build"][i] - sum(spent.get(k, [0, 0])[i] for k in accounted) for i in (0, 1)]
    spent["whole"] = [spent["starting"][i] + spent["build"][i] for i in (0, 1)]
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs: dict[Path, list[dict[str, list[float]]]] = {site: [] for site in args.sites}
    for _run in range(args.runs):
        for site in args.sites:
            runs[site].append(measure(site.resolve()))
    width = max(len(name) for name in ORDER)
    for site, measured in runs.items():
        print(f"\n{site} (median of {len(measured)} runs: wall s, CPU s of the main process)")
        for name in ORDER:
            if any(name in spent for spent in measured):
                wall = statistics.median(spent.get(name, [0, 0])[0] for spent in measured)
                cpu = statistics.median(spent.get(name, [0, 0])[1] for spent in measured)
                indent = "    " if name in ("search (on_page_context)", "writing files") else ""
                print(f"  {indent}{name:<{width}}  {wall:6.2f}  {cpu:6.2f}")


if __name__ == "__main__":
    main()
