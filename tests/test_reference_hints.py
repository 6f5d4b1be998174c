"""A reference to an item that does not exist says what to write: the id of the item whose name or title
it is, or of the one whose id or title is close."""
from __future__ import annotations

import pytest

from journeysite.validate import validate_site

from test_load import Load, load  # noqa: F401  (the fixture)

PERSONA = "---\ntype: persona\nname: Sophie Martin\n---\n"
CHANTIER = "---\ntype: chantier\ntitle: Prise de rendez-vous en ligne\n---\n"


def journey(persona: str, chantier: str = "rdv") -> str:
    return ("---\ntype: journey\ntitle: J\npersona: " + persona + "\ntouchpoints:\n"
            "  - {id: t1, stage: achat, channel: web, action: Je paie, chantiers: [" + chantier + "]}\n---\n")


@pytest.mark.parametrize("persona, chantier, messages", [
    ("Sophie Martin", "rdv", ["'Sophie Martin' is the name of 'sophie', but references name items by their id: "
                              "write 'sophie'"]),
    ("sophie martin", "Prise de rendez-vous en ligne", [
        "'sophie martin' is the name of 'sophie', but references name items by their id: write 'sophie'",
        "'Prise de rendez-vous en ligne' is the name of 'rdv', but references name items by their id: write 'rdv'"]),
    ("sofie", "rdv", ["journey 'j' names persona 'sofie', which does not exist (did you mean 'sophie'?); use the "
                      "id of a persona page, or create that persona"]),
    ("Sofie Martin", "rdv", ["journey 'j' names persona 'Sofie Martin', which does not exist (did you mean "
                             "'sophie'?); use the id of a persona page, or create that persona"]),
    ("karim", "rdv", ["journey 'j' names persona 'karim', which does not exist; use the id of a persona page, "
                      "or create that persona"]),
])
def test_a_reference_by_name_or_close_to_one_is_told_the_id(load: Load, persona: str, chantier: str,
                                                            messages: list[str]) -> None:
    site, problems = load({"docs/sophie.md": PERSONA, "docs/rdv.md": CHANTIER,
                           "docs/j.md": journey(persona, chantier)})
    assert problems == [] and [p.message for p in validate_site(site)] == messages
