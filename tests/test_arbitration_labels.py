"""The arbitration chart on a crowded real-life arrangement (13 chantiers of a bank, A1): every label sits in
its marker's quadrant and is read as its marker's, and the legend names every number."""
from __future__ import annotations

import math
import re

from test_steering import CHAR, HREF, LINE, LEFT, PLOT_H, PLOT_W, TOP, by_class, chart, text

BANK = [  # title, customer_importance, business_impact, feasibility, cost, delay
    ("Cellule succession dédiée, joignable en direct", 5, 3, 4, 3, 2),
    ("Le chatbot répond sur les justificatifs refusés", 3, 2, 3, 2, 2),
    ("Codes d'accès par SMS, à la place du courrier", 4, 3, 5, 1, 1),
    ("Contestation d'un paiement en ligne, sans formulaire papier", 4, 3, 4, 2, 2),
    ("Arrêt des courriers commerciaux au nom du défunt", 5, 2, 5, 1, 1),
    ("Dépôt des justificatifs dans l'appli", 5, 4, 3, 4, 3),
    ("Lecture automatique des justificatifs", 4, 5, 2, 5, 4),
    ("Motif de refus explicite pour chaque justificatif", 5, 4, 4, 2, 2),
    ("Offre de prêt électronique : réception et acceptation en ligne", 4, 3, 4, 2, 3),
    ("Ligne directe pour les clients premium", 3, 2, 2, 4, 3),
    ("Prise de rendez-vous en ligne sous 48 heures", 5, 4, 5, 1, 1),
    ("Simulation de prêt partagée entre le site et l'agence", 5, 4, 3, 3, 3),
    ("Suivi du dossier de crédit, étape par étape", 5, 3, 3, 3, 3),
]
SITE = {"docs/p.md": "---\ntype: persona\nname: P\n---\n"}
for n, (title, ci, bi, fe, co, de) in enumerate(BANK):
    SITE[f"docs/c{n:02d}.md"] = (f'---\ntype: chantier\ntitle: "{title}"\nscores: {{customer_importance: {ci}, '
                                 f"business_impact: {bi}, feasibility: {fe}, cost: {co}, delay: {de}}}\n---\n")


def markers(svg) -> dict[str, tuple[float, float]]:
    """Where each chantier's marker is (by its page's href)."""
    found = {}
    for element in svg.iter():
        if element.get("data-chantiers"):
            circle = element.find(".//circle")
            for chantier in element.get("data-chantiers").split():
                found[f"{chantier}/"] = (float(circle.get("cx")), float(circle.get("cy")))
    return found


def labels(svg) -> dict[str, tuple[float, float, float, float]]:
    """The box (x, y, w, h) of each chantier's label, all its lines."""
    boxes: dict[str, list] = {}
    for a in by_class(svg, "js-arb-label"):
        t = a.find("text")
        x, y, w = float(t.get("x")), float(t.get("y")) - LINE + 3, len(t.text) * CHAR
        boxes.setdefault(a.get(HREF), []).append((x, y, x + w, y + LINE - 1))
    return {href: (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs) - min(b[0] for b in bs),
                   max(b[3] for b in bs) - min(b[1] for b in bs)) for href, bs in boxes.items()}


def quadrant(x: float, y: float) -> tuple[bool, bool]:
    return x < LEFT + PLOT_W / 2, y < TOP + PLOT_H / 2


def test_labels_stay_in_their_quadrant_and_are_read_as_their_markers(build) -> None:
    svg = chart(build(SITE)).find(".//svg")
    where, boxes = markers(svg), labels(svg)
    assert len(boxes) >= 9
    for href, (x, y, w, h) in boxes.items():
        own = where[href]
        assert quadrant(x + 1, y + 1) == quadrant(x + w - 1, y + h - 1) == quadrant(*own), href
        head = (x, y + h / 2)  # where a reader starts: the chantier's number
        if x + w > own[0]:  # a label on the left of its marker reads towards it
            nearest = min(where.values(), key=lambda m: math.dist(m, head))
            assert nearest == own, (href, text(svg))


def test_the_legend_names_every_number(build) -> None:
    root = chart(build(SITE))
    legend = by_class(root, "js-arb-legend")[0]
    items = [(li.get("value"), li.find("a").get("href"), text(li)) for li in legend.iter("li")]
    assert [int(v) for v, _href, _text in items] == list(range(1, 14))
    assert items[0] == ("1", "c10/", "Prise de rendez-vous en ligne sous 48 heures")  # priority first
    numbers_on_markers = {re.sub(r"\D", "", text(t)) for t in by_class(root, "js-arb-count")}
    assert numbers_on_markers <= {v for v, _href, _text in items} | {"2"}  # ×2: a shared marker
