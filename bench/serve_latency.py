#!/usr/bin/env python3
"""Serve latency: from writing one journey file until ``mkdocs serve`` serves the rebuilt page.

    python bench/serve_latency.py SITE_DIR [SITE_DIR ...] [--edits 8] [--journey parcours-1]

Starts ``mkdocs serve`` for each site on a free localhost port (all at once, so
their edits can be interleaved: edit k of every site before edit k+1 of any),
then, ``--edits`` times, rewrites one journey file with a new marker and polls
the journey's page until the marker shows. It reports each latency and the
resident memory of each server after each rebuild (flat memory is shown here,
never asserted by a test). A site whose mkdocs.yml lists the journeysite plugin
gets a touchpoint's text edited (the page is at ``journeys/ID/``); a plain site
gets the page's body edited (at ``parcours/ID/``), the only text MkDocs shows.

Loopback only, every wait bounded; Linux (memory is read from /proc).
"""
from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 600.0  # the first build of a large plain site takes minutes
EDIT_TIMEOUT = 300.0
POLL = 0.02


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    """The page at ``url``, or '' when it cannot be had (not built yet, 404, server busy)."""
    try:
        with urllib.request.urlopen(url, timeout=EDIT_TIMEOUT) as response:
            return response.read().decode("utf-8", "replace")
    except (OSError, urllib.error.URLError):
        return ""


def rss_mib(pid: int) -> float:
    """Resident memory of process ``pid`` in MiB (Linux /proc)."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024


def has_plugin(site: Path) -> bool:
    return re.search(r"^\s*-\s*journeysite\b", (site / "mkdocs.yml").read_text(encoding="utf-8"), re.M) is not None


@dataclass
class Server:
    """One ``mkdocs serve`` of ``site``, and what was measured on it."""

    site: Path
    journey: str
    process: subprocess.Popen | None = None
    base: str = ""
    latencies: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.site.name

    @property
    def source(self) -> Path:
        return self.site / "journeys" / "parcours" / f"{self.journey}.md"

    @property
    def url(self) -> str:
        return self.base + (f"journeys/{self.journey}/" if has_plugin(self.site) else f"parcours/{self.journey}/")

    def start(self) -> None:
        port = free_port()
        self.base = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=self.site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def wait_ready(self) -> None:
        if not wait_for(lambda: self.journey in fetch(self.url), START_TIMEOUT):
            raise SystemExit(f"mkdocs serve of {self.site} did not serve {self.url}")

    def edit(self, marker: str) -> None:
        """Write the journey file with ``marker`` in a touchpoint's text (or, for a plain site, its body)."""
        text = self.source.read_text(encoding="utf-8")
        text = re.sub(r" bench-edit-\d+", "", text)
        if has_plugin(self.site):
            text = text.replace(f"({self.journey}, 1)", f"({self.journey}, 1) {marker}", 1)
        else:
            text = text.rstrip("\n") + f" {marker}\n"
        self.source.write_text(text, encoding="utf-8")

    def measure_edit(self, number: int) -> float:
        marker = f"bench-edit-{number}"
        start = time.perf_counter()
        self.edit(marker)
        if not wait_for(lambda: marker in fetch(self.url), EDIT_TIMEOUT):
            raise SystemExit(f"{self.url} did not show edit {number} within {EDIT_TIMEOUT:.0f} s")
        latency = time.perf_counter() - start
        self.latencies.append(latency)
        assert self.process is not None
        self.memory.append(rss_mib(self.process.pid))
        return latency

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


def wait_for(condition, seconds: float) -> bool:
    """Poll ``condition`` until it holds, for at most ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(POLL)
    return False


def measure(sites: list[Path], edits: int = 8, journey: str = "parcours-1", settle: float = 1.0,
            log=print) -> list[Server]:
    """Serve every site, then edit each ``edits`` times, interleaved; the servers with their measures."""
    servers = [Server(site, journey) for site in sites]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_ready()
            server.memory.append(rss_mib(server.process.pid))  # after the first build
        time.sleep(settle)
        for number in range(1, edits + 1):
            for server in servers[number % len(servers):] + servers[:number % len(servers)]:
                latency = server.measure_edit(number)
                log(f"  serve {server.name:<16} edit {number:2}: {latency:6.2f} s, "
                    f"{server.memory[-1]:5.0f} MiB resident")
                time.sleep(settle)  # let the server's other work (its watcher, logging) finish
    finally:
        for server in servers:
            server.stop()
    return servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites", type=Path, nargs="+", help="site folders written by bench/corpus.py")
    parser.add_argument("--edits", type=int, default=8)
    parser.add_argument("--journey", default="parcours-1", help="the journey whose file is edited")
    args = parser.parse_args()
    for server in measure(args.sites, args.edits, args.journey):
        print(f"{server.name}: median {statistics.median(server.latencies):.2f} s over {len(server.latencies)} edits; "
              f"memory {' '.join(f'{m:.0f}' for m in server.memory)} MiB (after the first build, then each edit)")


if __name__ == "__main__":
    main()
