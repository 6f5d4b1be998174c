#!/usr/bin/env python3
"""Benchmark: journeysite against plain MkDocs on the same sources, in one run.

    python bench/bench.py [--journeys 20 200] [--large] [--runs 5] [--edits 8] [--no-serve]

For each size, bench/corpus.py writes the bench site three times: with the
journeysite plugin, plain (the plugin left out) with the same navigation as
journeysite (the home page only: ``--plain --same-nav``, the fair baseline),
and plain with MkDocs' default navigation (every page listed). Then, ``--runs``
times, interleaved (one repetition of every variant before the next, the order
rotated each time), it measures in a fresh process each:

- ``mkdocs build`` of each site: wall time and peak resident memory;
- ``journeysite check`` of the journeysite site: the same.

It prints the median of each and the median of the paired ratios (each
journeysite run against the plain runs of the same repetition): on a busy
machine, pairs taken close together compare better than bests or means.

Then bench/serve_latency.py serves the journeysite site and both plain sites
of ``--serve-journeys`` journeys, edits one journey ``--edits`` times
(interleaved across the servers), and reports the latency from writing the
file until the page is served, and the server's memory after each rebuild.

``--large`` adds 1,000 journeys (15 minutes or more: MkDocs' default navigation
is quadratic). Numbers are quoted in docs/performance.md, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from serve_latency import measure as measure_serve  # noqa: E402

VARIANTS = {  # name: (plain, same_nav)
    "journeysite": (False, False),
    "plain-same-nav": (True, True),
    "plain-default-nav": (True, False),
}
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak resident MiB) of ``command`` in a fresh process; exits when it fails."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.exit(f"{' '.join(command)} failed in {cwd}:\n{errors.read().decode('utf-8', 'replace')}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def mkdocs_build(site: Path) -> tuple[float, float]:
    return run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site.parent / f"{site.name}-out")], site)


def journeysite_check(site: Path) -> tuple[float, float]:
    return run([sys.executable, "-m", "journeysite", "check", str(site)], site)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def bench_size(root: Path, journeys: int, touchpoints: int, runs: int, log=print) -> dict:
    """Build and check timings of every variant at ``journeys`` journeys: medians, paired ratios, raw runs."""
    sites = {}
    for name, (plain, same_nav) in VARIANTS.items():
        sites[name] = root / f"{name}-{journeys}"
        write_corpus(sites[name], journeys, touchpoints, plain, same_nav)
    tasks = [(f"build {name}", mkdocs_build, site) for name, site in sites.items()]
    tasks.append(("check journeysite", journeysite_check, sites["journeysite"]))
    raw: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in tasks}
    for repetition in range(runs):
        shift = repetition % len(tasks)
        for label, measure, site in tasks[shift:] + tasks[:shift]:
            raw[label].append(measure(site))
            seconds, mib = raw[label][-1]
            log(f"  {journeys:5} journeys, run {repetition + 1}/{runs}: {label:<26} {seconds:7.2f} s {mib:6.0f} MiB")
    ours = raw["build journeysite"]
    result = {"journeys": journeys, "touchpoints": touchpoints, "runs": runs, "raw": raw,
              "median": {label: (median([s for s, _ in v]), median([m for _, m in v])) for label, v in raw.items()},
              "ratio": {}}
    for baseline in ("plain-same-nav", "plain-default-nav"):
        theirs = raw[f"build {baseline}"]
        result["ratio"][baseline] = (median([a[0] / b[0] for a, b in zip(ours, theirs)]),
                                     median([a[1] / b[1] for a, b in zip(ours, theirs)]))
    return result


def bench_serve(root: Path, journeys: int, touchpoints: int, edits: int, log=print) -> dict:
    """Serve latency and memory of every variant at ``journeys`` journeys."""
    sites = []
    for name, (plain, same_nav) in VARIANTS.items():
        site = root / f"serve-{journeys}" / name
        write_corpus(site, journeys, touchpoints, plain, same_nav)
        sites.append(site)
    servers = measure_serve(sites, edits, log=log)
    return {"journeys": journeys, "edits": edits,
            "servers": {s.name: {"latencies": s.latencies, "memory": s.memory} for s in servers}}


def report(sizes: list[dict], serve: dict | None) -> str:
    """The results as Markdown tables (what docs/performance.md quotes)."""
    lines = ["| journeys | build: journeysite | plain, same nav | plain, default nav | "
             "ratio to same nav (time, memory) | ratio to default nav | `journeysite check` |",
             "|---|---|---|---|---|---|---|"]
    for size in sizes:
        m = size["median"]

        def cell(label: str) -> str:
            return f"{m[label][0]:.2f} s, {m[label][1]:.0f} MiB"

        same, default = size["ratio"]["plain-same-nav"], size["ratio"]["plain-default-nav"]
        lines.append(f"| {size['journeys']:,} | {cell('build journeysite')} | {cell('build plain-same-nav')} | "
                     f"{cell('build plain-default-nav')} | x{same[0]:.2f}, x{same[1]:.2f} | "
                     f"x{default[0]:.2f}, x{default[1]:.2f} | {cell('check journeysite')} |")
    lines.append("")
    lines.append(f"Medians of {sizes[0]['runs']} interleaved runs; ratios are medians of the paired ratios.")
    if serve:
        lines += ["", f"| mkdocs serve, {serve['journeys']} journeys | latency, median (min-max) | "
                      "resident memory: after the first build, then after each edit (MiB) |", "|---|---|---|"]
        for name, measured in serve["servers"].items():
            latencies = measured["latencies"]
            lines.append(f"| {name} | {median(latencies):.2f} s ({min(latencies):.2f}-{max(latencies):.2f}) | "
                         f"{' '.join(f'{m:.0f}' for m in measured['memory'])} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--journeys", type=int, nargs="+", default=[20, 200], help="sizes (default: 20 200)")
    parser.add_argument("--large", action="store_true", help="add 1,000 journeys (long)")
    parser.add_argument("--touchpoints", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5, help="interleaved repetitions (default 5)")
    parser.add_argument("--serve-journeys", type=int, default=200)
    parser.add_argument("--edits", type=int, default=8, help="edits under mkdocs serve (default 8)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve latency")
    parser.add_argument("--json", type=Path, help="also write every measure to this file")
    args = parser.parse_args()
    sizes = sorted(set(args.journeys + ([1000] if args.large else [])))
    print(f"journeysite bench: {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}, sizes {sizes}, {args.runs} runs")
    with tempfile.TemporaryDirectory(prefix="journeysite-bench-") as tmp:
        results = [bench_size(Path(tmp), n, args.touchpoints, args.runs) for n in sizes]
        serve = None if args.no_serve else bench_serve(Path(tmp), args.serve_journeys, args.touchpoints, args.edits)
    text = report(results, serve)
    print("\n" + text)
    if args.json:
        args.json.write_text(json.dumps({"sizes": results, "serve": serve}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
