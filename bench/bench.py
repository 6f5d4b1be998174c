#!/usr/bin/env python3
"""Benchmark: journeysite build against a plain MkDocs build of the same sources.

    python bench/bench.py [--journeys 200] [--touchpoints 30] [--runs 3]

Writes the bench corpus twice with ../shared/bench/make_corpus.py (with the
plugin, and --plain without it), builds each with ``mkdocs build`` in a child
process, and prints the best wall time and the peak memory of each, with the
ratios. Numbers are quoted, never asserted: machines differ.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAKE_CORPUS = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"


def build(site: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one ``mkdocs build`` of ``site`` in a fresh process."""
    script = ("import resource, subprocess, sys, time\n"
              "t = time.perf_counter()\n"
              "r = subprocess.run([sys.executable, '-m', 'mkdocs', 'build', '-q'], cwd=sys.argv[1],\n"
              "                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
              "dt = time.perf_counter() - t\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
              "print(dt, peak, r.returncode)\n")
    out = subprocess.run([sys.executable, "-c", script, str(site)], capture_output=True, text=True, check=True)
    seconds, peak, code = out.stdout.split()[-3:]
    if code != "0":
        sys.exit(f"mkdocs build failed in {site}")
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--make-corpus", type=Path, default=MAKE_CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        for name, extra in (("plain", ["--plain"]), ("journeysite", [])):
            sites[name] = Path(tmp) / name
            subprocess.run([sys.executable, str(args.make_corpus), str(sites[name]), "--journeys", str(args.journeys),
                            "--touchpoints", str(args.touchpoints), *extra], check=True)
        results = {}
        for name, site in sites.items():
            runs = [build(site) for _ in range(args.runs)]
            results[name] = (min(r[0] for r in runs), max(r[1] for r in runs))
            print(f"{name:12} best {results[name][0]:7.2f} s   peak {results[name][1]:7.0f} MiB   ({args.runs} runs)")
        plain, ours = results["plain"], results["journeysite"]
        print(f"ratio        time x{ours[0] / plain[0]:.2f}   memory x{ours[1] / plain[1]:.2f}   "
              f"({args.journeys} journeys x {args.touchpoints} touchpoints)")


if __name__ == "__main__":
    main()
