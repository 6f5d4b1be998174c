"""Running Graphviz's ``dot``: every drawing of a build in one batch, in parallel, cached on disk.

``dot`` is called directly rather than through the ``graphviz`` package: a batch
needs the executable's path (to find it, and to key the cache by its version
without running it), its own pool of processes and timeouts; the package would
add a process per call and nothing else (its ``quote()`` is not used either: see
``render.dot``).

The cache holds each normalised SVG under the SHA-256 of the Graphviz version,
the code that normalised it and the DOT source: a drawing whose source has not changed is never drawn again,
across builds and ``mkdocs serve`` rebuilds. The version is itself cached by the
executable's path, size and date, so an unchanged build runs ``dot`` zero times.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import sys
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .i18n import N_
from .render import dot as dot_module
from .render import graph_svg, svg
from .render.graph_svg import normalise

TIMEOUT = 120  # seconds for one drawing: dot can take long on a graph of hundreds of nodes
BATCH = 16     # drawings per dot process at most
VERSION_FILE = "dot-version.json"


@dataclass(frozen=True)
class Drawn:
    """What became of one DOT source: its normalised ``svg``, or why it could not be drawn: ``error``, a
    message to ``translate`` with ``values`` (drawings run in threads, which know no language)."""

    svg: str | None = None
    error: str = ""
    values: dict = field(default_factory=dict)


def find_dot() -> str | None:
    """The path of ``dot`` on the PATH, or None when Graphviz is not installed."""
    return shutil.which("dot")


_versions: dict[tuple[str, int, int], str] = {}


def dot_version(dot: str, cache: Path | None) -> str:
    """The version line of ``dot`` (``dot - graphviz version 2.43.0 (0)``), asked once per executable:
    remembered in this process and in the cache folder, by the executable's path, size and date."""
    stat = os.stat(dot)
    key = (os.path.realpath(dot), stat.st_size, stat.st_mtime_ns)
    if key in _versions:
        return _versions[key]
    record = cache / VERSION_FILE if cache is not None else None
    stored = _read_json(record) if record is not None else None
    if isinstance(stored, dict) and stored.get("key") == list(key) and isinstance(stored.get("version"), str):
        _versions[key] = stored["version"]
        return stored["version"]
    out = subprocess.run([dot, "-V"], capture_output=True, text=True, timeout=30)
    version = (out.stderr or out.stdout).strip().splitlines()[0] if (out.stderr or out.stdout).strip() else "unknown"
    _versions[key] = version
    if record is not None:
        _write(record, json.dumps({"key": list(key), "version": version}))
    return version


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a parallel build never reads half a file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only cache folder only costs speed


@lru_cache(maxsize=1)
def reader_version() -> str:
    """A digest of the code that turns Graphviz's SVG into what the cache keeps (``render.graph_svg``
    and what it draws with, this module's batching): a new journeysite never reads a drawing an older one
    normalised or batched otherwise."""
    digest = hashlib.sha256()
    for module in (graph_svg, dot_module, svg, sys.modules[__name__]):  # this one: how drawings are batched
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:16]


def cache_key(version: str, source: str) -> str:
    """The cache's name for a drawing: the Graphviz version, journeysite's reader, the DOT source."""
    return hashlib.sha256(f"{version}\n{reader_version()}\n{source}".encode("utf-8")).hexdigest()


def cached(source: str, dot: str, cache: Path) -> str | None:
    """The normalised drawing of ``source`` that ``cache`` holds, if it holds one."""
    return _read_svg(cache, cache_key(dot_version(dot, cache), source))


def draw(sources: Iterable[str], dot: str, cache: Path | None = None, workers: int | None = None) -> dict[str, Drawn]:
    """Each distinct DOT source drawn as a normalised SVG (``render.graph_svg.normalise``): from the
    cache when it is there, else by ``dot``, in parallel (``workers`` processes at a time at most, one
    per core by default, each drawing a batch of sources), then cached."""
    version = dot_version(dot, cache)
    distinct = list(dict.fromkeys(sources))
    keys = {source: cache_key(version, source) for source in distinct}
    results: dict[str, Drawn] = {}
    missing = []
    for source in distinct:
        cached = _read_svg(cache, keys[source]) if cache is not None else None
        if cached is not None:
            results[source] = Drawn(cached)
        else:
            missing.append(source)
    if missing:
        count = max(1, min(workers or os.cpu_count() or 1, len(missing)))
        size = max(1, min(BATCH, math.ceil(len(missing) / (4 * count))))  # a few batches per process: balanced
        batches = [group[start:start + size] for group in _alike(missing) for start in range(0, len(group), size)]
        with ThreadPoolExecutor(max_workers=count) as pool:
            for batch, drawings in zip(batches, pool.map(lambda b: _run_batch(dot, b), batches)):
                for source, drawn in zip(batch, drawings):
                    results[source] = drawn
                    if drawn.svg is not None and cache is not None:
                        _write(_svg_path(cache, keys[source]), drawn.svg)
    return results


_ATTRIBUTE_NAME = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")


def _alike(sources: list[str]) -> list[list[str]]:
    """``sources`` grouped by the attribute names each sets, in order. ``dot`` carries state from one graph
    to the next it draws in a process when they set different attributes (Graphviz 2.43: a journey flow
    drawn after the dependency graph of chantiers is laid out otherwise than alone, and the other way
    round), so that a drawing would depend on what happened to be drawn with it: only sources setting the
    same attributes share a process (a test compares every drawing of a site with the same drawn alone)."""
    groups: dict[frozenset[str], list[str]] = {}
    for source in sources:
        groups.setdefault(frozenset(_ATTRIBUTE_NAME.findall(source)), []).append(source)
    return list(groups.values())


def _svg_path(cache: Path, key: str) -> Path:
    return cache / key[:2] / f"{key}.svg"


def _read_svg(cache: Path, key: str) -> str | None:
    try:
        return _svg_path(cache, key).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _run_batch(dot: str, sources: list[str]) -> list[Drawn]:
    """Several sources drawn by one ``dot`` (a process costs more than a small graph); when that fails,
    one by one, to tell which failed and why."""
    if len(sources) > 1:
        try:
            out = subprocess.run([dot, "-Tsvg"], input="".join(sources).encode("utf-8"), capture_output=True,
                                 timeout=TIMEOUT * len(sources))
        except (subprocess.TimeoutExpired, OSError):
            out = None
        if out is not None and out.returncode == 0:
            documents = out.stdout.decode("utf-8", "replace").split("<?xml")[1:]
            if len(documents) == len(sources):
                try:
                    return [Drawn(normalise("<?xml" + document)) for document in documents]
                except ValueError:
                    pass
    return [_run(dot, source) for source in sources]


def _run(dot: str, source: str) -> Drawn:
    try:
        out = subprocess.run([dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return Drawn(error=N_("dot took more than {seconds} s"), values={"seconds": TIMEOUT})
    except OSError as exc:
        return Drawn(error=N_("dot could not run: {error}"), values={"error": str(exc)})
    if out.returncode != 0:
        lines = [line.strip() for line in out.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        if not lines:
            return Drawn(error=N_("dot stopped with status {status}"), values={"status": out.returncode})
        reason = next((line for line in lines if line.startswith("Error")), lines[-1])  # the first error, or how it ended
        reason = reason if len(reason) <= 300 else reason[:299] + "…"
        return Drawn(error=N_("dot said: {reason}"), values={"reason": reason})
    try:
        return Drawn(normalise(out.stdout.decode("utf-8")))
    except (UnicodeDecodeError, ValueError) as exc:
        return Drawn(error=N_("dot wrote no usable SVG ({error})"), values={"error": str(exc)})
