#!/usr/bin/env python3
"""This checkout's build against another commit's, and plain MkDocs, on the same corpus: paired runs.

    python bench/against.py [REF] [--journeys 200] [--runs 4]

REF (default ``main``) is exported with ``git archive`` into a temporary
folder and imported instead of this checkout's package (``PYTHONPATH``), with
the same installed MkDocs and Material. Each run builds, in a fresh process
with ``mkdocs build``, the bench corpus with this checkout, with REF and plain
(``--plain --same-nav``), interleaved with the order rotated, after one build
of each journeysite site to fill Graphviz's cache. It prints each run's wall
time, CPU time (the build, its forked worker and any ``dot`` it ran) and peak
resident memory of the build's process, then the medians and the medians of
the paired ratios. CPU time is the steadier figure on a shared machine, and
tells whether a wall time was won by a second core or by less work.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def build(site: Path, pythonpath: str | None) -> tuple[float, float, float]:
    """(wall s, CPU s, peak resident MiB) of ``mkdocs build`` of ``site``; exits when it fails."""
    env = dict(ENV, PYTHONPATH=pythonpath) if pythonpath else ENV
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site) + "-out"], cwd=site,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)  # the child's usage with its own waited-for children
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"mkdocs build failed in {site}:\n{process.stderr.read().decode('utf-8', 'replace')}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", nargs="?", default="main")
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=30)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="journeysite-against-") as tmp:
        root = Path(tmp)
        export = root / "ref"
        export.mkdir()
        archive = subprocess.run(["git", "archive", args.ref, "src"], cwd=HERE.parent, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(export)], input=archive, check=True)
        variants = {"this checkout": None, args.ref: str(export / "src"), "plain": None}
        sites = {name: root / f"site-{n}" for n, name in enumerate(variants)}
        for name, site in sites.items():
            write_corpus(site, args.journeys, args.touchpoints, plain=name == "plain", same_nav=name == "plain")
        for name in list(variants)[:2]:
            build(sites[name], variants[name])  # Graphviz's cache filled
        print(f"{args.journeys} journeys, {args.runs} runs, load average {os.getloadavg()[0]:.1f}")
        raw: dict[str, list[tuple[float, float, float]]] = {name: [] for name in variants}
        names = list(variants)
        for run in range(args.runs):
            for name in names[run % 3:] + names[:run % 3]:
                raw[name].append(build(sites[name], variants[name]))
                wall, cpu, mib = raw[name][-1]
                print(f"  run {run + 1}: {name:<16} {wall:6.2f} s, CPU {cpu:6.2f} s, {mib:5.0f} MiB "
                      f"(load average {os.getloadavg()[0]:.1f})", flush=True)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    for name, runs in raw.items():
        print(f"{name:<16} medians: {median([r[0] for r in runs]):6.2f} s, CPU {median([r[1] for r in runs]):6.2f} s, "
              f"{median([r[2] for r in runs]):5.0f} MiB")
    for ours, theirs in (("this checkout", "plain"), (args.ref, "plain"), ("this checkout", args.ref)):
        ratios = [median([a[i] / b[i] for a, b in zip(raw[ours], raw[theirs])]) for i in range(3)]
        print(f"{ours} / {theirs}: wall x{ratios[0]:.2f}, CPU x{ratios[1]:.2f}, memory x{ratios[2]:.2f}")


if __name__ == "__main__":
    main()
