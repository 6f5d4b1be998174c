"""The user docs stand alone: docs/format.md is the complete reference users get (nothing outside the
repository is cited), and it names every key the JSON export writes."""
from __future__ import annotations

import re
from pathlib import Path

from journeysite.export import to_data
from test_export import HAND_SITE

ROOT = Path(__file__).resolve().parent.parent
USER_DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def test_the_docs_cite_no_file_users_do_not_have():
    for path in USER_DOCS:
        assert "FORMAT.md" not in path.read_text(encoding="utf-8"), path.name


def test_format_md_names_every_key_of_the_json_export(build):
    data = to_data(build(HAND_SITE))
    keys = set(data)
    for kind in ("personas", "journeys", "chantiers", "departments"):
        keys |= set(data[kind][0])
    keys |= set(data["journeys"][0]["touchpoints"][0]) | set(data["roadmap"]) | set(data["site"])
    exports = (ROOT / "docs" / "format.md").read_text(encoding="utf-8").split("## Exports", 1)[1]
    exports = exports.split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", exports))
    assert sorted(keys - documented) == []


def test_format_md_says_which_export_gives_ids_and_which_labels():
    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert "always give the id" not in text
    assert "`--ids`" in text
