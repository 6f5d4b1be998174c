"""A file meant as an item that is not read as one is a problem at that file, never a silent ordinary page
(its data gone, references to it reported as about an item that does not exist)."""
from __future__ import annotations

from typing import Callable

import pytest

from journeysite.load import BROKEN
from journeysite.validate import validate_site

from test_load import CONFIG_EN, Load, load  # noqa: F401  (the fixture)

CHANTIER = "---\ntype: chantier\ntitle: Courriers\nstatus: planned\nquarter: 2026-Q4\nbudget: 15000\n---\nText.\n"
CITING = """\
---
type: journey
title: J
persona: p
touchpoints:
  - {id: t1, stage: achat, channel: web, action: Je paie, chantiers: [courriers]}
---
"""
PERSONA = "---\ntype: persona\nname: P\n---\n"


@pytest.mark.parametrize("text, line, says", [
    (("\n" + CHANTIER).encode(), 2, "must be the very first line"),  # bytes: written as they are
    ("  " + CHANTIER, 1, "must be the very first line"),
    ("-" + CHANTIER, 1, "exactly three dashes"),
    (CHANTIER.replace("type:", "Type:"), 2, "key 'Type' is written 'type'"),
])
def test_a_chantier_whose_front_matter_opens_wrong_is_an_error_there(load: Load, text: str | bytes, line: int,
                                                                     says: str) -> None:
    site, problems = load({"docs/courriers.md": text, "docs/j.md": CITING, "docs/p.md": PERSONA})
    here = [p for p in problems if p.path == "docs/courriers.md"]
    assert [(p.line, p.severity) for p in here] == [(line, "error")] and says in here[0].message
    page = next(p for p in site.pages if p.doc_path == "courriers.md")
    assert (page.kind, page.declared, page.item_id) == (BROKEN, "chantier", "courriers")
    # the journey citing it is told to wait for that file, not that the chantier does not exist
    cited = [p for p in validate_site(site) if p.path == "docs/j.md"]
    assert len(cited) == 1 and "docs/courriers.md" in cited[0].message and "does not exist" not in cited[0].message


def test_front_matter_without_type_that_looks_like_a_chantier_is_a_warning(load: Load) -> None:
    site, problems = load({"docs/courriers.md": CHANTIER.replace("type: chantier\n", ""), "docs/j.md": CITING,
                           "docs/p.md": PERSONA})
    here = [p for p in problems if p.path == "docs/courriers.md"]
    assert [(p.line, p.severity) for p in here] == [(2, "warning")]
    assert "(quarter, budget)" in here[0].message and "add 'type: chantier'" in here[0].message
    assert not site.chantiers


@pytest.mark.parametrize("text", [
    "---\ntitle: About\ndescription: Our team\n---\n# About\n",  # theme keys only
    "---\ntitle: Notes\ntags: [a]\nstatus: new\n---\n",  # Material's keys, shared with items
    "----\n\nA page under a rule.\n\n---\n",  # rules, no type
    "---\nname: Kit\n---\n",  # one key of a kind is no sign
])
def test_ordinary_pages_are_left_alone(load: Load, text: str) -> None:
    site, problems = load({"docs/page.md": text})
    assert problems == [] and site.pages[0].kind is None
