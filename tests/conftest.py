"""Shared fixtures: small sites written into temporary folders."""
from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import settings

from journeysite.build import SiteBuild, build_site
from journeysite.config import read_site_config
from journeysite.load import load_site
from journeysite.model import Site
from journeysite.problems import Problem

# Hypothesis profiles: "ci" (the default) keeps the property tests to a few seconds; "fuzz" is
# ``make fuzz``: many more examples, a few minutes.
settings.register_profile("ci", max_examples=12)
settings.register_profile("fuzz", max_examples=1500)
settings.load_profile("ci")

MKDOCS_YML = """\
site_name: Test
docs_dir: docs
theme:
  name: material
  language: fr
plugins:
  - journeysite
"""


def write_site(root: Path, files: dict[str, str], config: str = MKDOCS_YML) -> Path:
    """Write ``mkdocs.yml`` and ``files`` (paths relative to root, text dedented) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """``make_site({"docs/a.md": "..."}, config=...)`` -> the site root."""
    counter = iter(range(1000))

    def make(files: dict[str, str], config: str = MKDOCS_YML) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files, config)

    return make


@pytest.fixture
def build(make_site: Callable[..., Path]) -> Callable[..., SiteBuild]:
    """``build({"docs/a.md": "..."})`` -> the SiteBuild of that site (core only, no MkDocs)."""

    def run(files: dict[str, str], config: str = MKDOCS_YML) -> SiteBuild:
        root = make_site(files, config)
        return build_site(read_site_config(root / "mkdocs.yml"))

    return run


@pytest.fixture
def load(make_site: Callable[..., Path]) -> Callable[..., tuple[Site, list[Problem]]]:
    """``load({"docs/a.md": "..."})`` -> (site, problems) of ``load_site`` alone (no validation)."""

    def run(files: dict[str, str], config: str = MKDOCS_YML) -> tuple[Site, list[Problem]]:
        root = make_site(files, config)
        return load_site(read_site_config(root / "mkdocs.yml"))

    return run
