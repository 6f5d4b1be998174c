"""Layout as people see it, in headless Chromium: the wide tables of the steering pages show every column
on a laptop (1440 px) without scrolling sideways."""
from __future__ import annotations

from typing import Iterator

import pytest

from test_browser import build_with_harness, play, static_server

CONFIG = """\
site_name: Banque
docs_dir: docs
theme:
  name: material
  language: fr
plugins:
  - journeysite:
      departments:
        - {id: dsi, label: Direction des systèmes d'information}
        - {id: credits, label: Direction des crédits immobiliers}
        - {id: relation-client, label: Relation client et réclamations}
"""


def chantier(number: int, title: str, department: str, owner: str) -> str:
    return (f"---\ntype: chantier\ntitle: \"{title}\"\ndepartment: {department}\nowner: {owner}\nstatus: planned\n"
            f"quarter: 2027-Q{number % 4 + 1}\nbudget: {number * 125000}\n"
            "scores: {customer_importance: 4, business_impact: 3, feasibility: 4, cost: 2, delay: 2}\n---\n")


TITLES = ["Prise de rendez-vous en ligne sous 48 heures", "Lecture automatique des justificatifs de revenus",
          "Suivi du dossier de crédit, étape par étape", "Offre de prêt électronique : réception et signature"]
SITE = {
    "docs/p.md": "---\ntype: persona\nname: Sophie Martin\nsegment: Primo-accédante en couple\n---\n",
    **{f"docs/c{n}.md": chantier(n, title, ["dsi", "credits", "relation-client"][n % 3],
                                 "Équipe crédit digital, avec la DSI")
       for n, title in enumerate(TITLES)},
    "docs/j.md": "---\ntype: journey\ntitle: Obtenir un crédit immobilier pour un premier achat\npersona: p\n"
                 "touchpoints:\n" + "".join(
                     f"  - {{id: t{n}, stage: {stage}, channel: {channel}, action: \"J'envoie mes justificatifs "
                     f"par e-mail, en pièces jointes ({n})\", emotion: irritant, owner: {owner}, "
                     f"importance: {{customer: 5, business: 4}}, chantiers: [c{n % 4}, c{(n + 1) % 4}]}}\n"
                     for n, (stage, channel, owner) in enumerate([
                         ("recherche", "telephone", "dsi"), ("choix", "email", "credits"),
                         ("achat", "appli", "relation-client"), ("apres-vente", "courrier", "credits")])) + "---\n",
}


@pytest.fixture(scope="module")
def wide_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conftest import write_site
    root = write_site(tmp_path_factory.mktemp("wide"), SITE, CONFIG)
    build_with_harness(root)
    with static_server(root / "site") as base:
        yield base


PAGES = ["chantiers/", "pains/", "departments/credits/", "journeys/", "channels/", "personas/"]


def test_wide_tables_show_every_column_on_a_laptop(wide_site: str) -> None:
    seen = play(wide_site, *[step for url in PAGES for step in ({"open": url, "width": 1440}, {"report": "table"})],
                window=1480)
    overflow = {url: report["overflow"] for url, report in zip(PAGES, seen)}
    assert all(overflow.values()) and overflow == {url: [0] * len(found) for url, found in overflow.items()}
