#!/usr/bin/env python3
"""Where a build's time goes: a cold ``mkdocs build``, or one rebuild as ``mkdocs serve`` does it.

    python bench/profile_build.py SITE_DIR [--rebuild] [--top 40] [--sort cumulative|tottime]

Builds the site in this process under cProfile and prints the costliest calls.
``--rebuild`` first builds the site as ``mkdocs serve`` does (plugins kept
across builds), edits one journey (a touchpoint's text, as
bench/serve_latency.py does), and profiles only the rebuild that follows.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from serve_latency import Server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--rebuild", action="store_true", help="profile a rebuild under serve after one edit")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative", choices=("cumulative", "tottime"))
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.chdir(args.site)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory(prefix="journeysite-profile-") as out:
        def config():
            loaded = load_config("mkdocs.yml", site_dir=out)
            if args.rebuild:
                loaded.site_url = "http://127.0.0.1:8000/"
            return loaded

        serve_url = "http://127.0.0.1:8000/" if args.rebuild else None
        if args.rebuild:
            first = config()
            first.plugins.on_startup(command="serve", dirty=False)
            start = time.perf_counter()
            build(first, serve_url=serve_url)
            print(f"first build: {time.perf_counter() - start:.2f} s")
            Server(args.site.resolve(), "parcours-1").edit("bench-edit-1")
        profile = cProfile.Profile()
        start = time.perf_counter()
        profile.enable()
        build(config(), serve_url=serve_url)
        profile.disable()
        print(f"{'rebuild' if args.rebuild else 'cold build'} (profiled): {time.perf_counter() - start:.2f} s")
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
