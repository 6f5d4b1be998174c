#!/usr/bin/env python3
"""Write a synthetic journey site for benchmarks and scale tests.

    python bench/corpus.py OUT_DIR [--journeys 200] [--touchpoints 30] [--plain [--same-nav]]

The site follows the content format (docs/format.md): N journeys (a quarter of
them with a target journey), N/5 personas, 3N/2 chantiers indexed to
touchpoints (from the chantier's side, and now and then from the
touchpoint's), the default referential. Touchpoints carry what authors write:
a step, an emotion, importance, expectations, irritants, verbatims, metrics,
an owner. The output depends only on the arguments (seeded): two runs with the
same arguments write the same bytes.

``--plain`` writes the same pages with the journeysite plugin left out of
mkdocs.yml: what MkDocs alone costs on those sources. With ``--same-nav``, the
plain site's navigation lists only the home page, as journeysite keeps item
pages out of its navigation (MkDocs renders the navigation on every page, so a
navigation of 600 pages costs more than the pages themselves). Compare with both.

Standard library only: the benchmark runs it with any Python 3.10+.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

STAGES = ["recherche", "choix", "achat", "usage", "apres-vente"]
CHANNELS = ["web", "appli", "email", "telephone", "reseaux", "magasin", "courrier"]
EMOTIONS = ["enchantement", "plaisir", "satisfaction", "deception", "irritant"]
STATUSES = ["idea", "planned", "in_progress", "done", "dropped"]
DEPARTMENTS = ["digital", "marketing", "commercial", "relation-client", "communication"]
OBJECTIVES = ["conquete", "fidelisation", "recommandation", "rentabilite"]
VERBS = ["Je consulte", "Je compare", "Je commande", "Je reçois", "J'appelle",
         "Je paie", "Je retourne", "Je note", "Je partage", "Je m'inscris"]
OBJECTS = ["la fiche produit", "mon panier", "le devis", "la facture", "mon colis",
           "le conseiller", "l'application", "la newsletter", "mon avis", "le magasin"]
IRRITANTS = ["Je dois ressaisir mes informations", "Le délai annoncé n'est pas tenu",
             "Personne ne connaît mon historique", "Le site et le magasin se contredisent",
             "J'attends vingt minutes au téléphone"]
SEGMENTS = ["Randonneur occasionnel", "Famille active", "Sportif confirmé", "Client fidèle", "Nouveau client"]


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (the generated texts hold no backslash)."""
    return '"' + text.replace('"', "'") + '"'


def page(front: list[str], body: str) -> str:
    return "---\n" + "\n".join(front) + "\n---\n" + body + "\n"


def touchpoints(rng: random.Random, jid: str, count: int, chantiers: list[str]) -> list[str]:
    """The ``touchpoints:`` block of journey ``jid``: ``count`` touchpoints over the stages in order."""
    lines = ["touchpoints:"]
    for i in range(count):
        stage = STAGES[min(len(STAGES) - 1, i * len(STAGES) // count)]
        lines += [
            f"  - id: t{i + 1}",
            f"    stage: {stage}",
            f"    step: Sous-étape {i // 3 + 1}",
            f"    channel: {rng.choice(CHANNELS)}",
            f"    action: {quoted(f'{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({jid}, {i + 1})')}",
            f"    emotion: {rng.choice(EMOTIONS)}",
        ]
        if rng.random() < 0.4:
            lines.append(f"    importance: {{customer: {rng.randint(1, 5)}, business: {rng.randint(1, 5)}}}")
        if rng.random() < 0.1:
            lines.append("    moment_of_truth: true")
        if rng.random() < 0.05:
            lines.append("    rupture: true")
        if rng.random() < 0.3:
            lines.append(f"    expectations: [{quoted(f'Attente {i + 1} de {jid}')}]")
        if rng.random() < 0.25:
            lines.append(f"    irritants: [{quoted(f'{rng.choice(IRRITANTS)} ({jid}, {i + 1})')}]")
        if rng.random() < 0.15:
            lines.append(f"    verbatims: [{quoted(f'Verbatim {i + 1} de {jid} : « ça pourrait être plus simple »')}]")
        if rng.random() < 0.2:
            lines.append(f"    metrics: {{nps: {rng.randint(-50, 80)}, volume: {rng.randint(10, 90000)}}}")
        if rng.random() < 0.3:
            lines.append(f"    owner: {rng.choice(DEPARTMENTS)}")
        if chantiers and rng.random() < 0.05:
            lines.append(f"    chantiers: [{rng.choice(chantiers)}]")
    return lines


def write_corpus(out: Path, journeys: int = 200, count: int = 30, plain: bool = False, same_nav: bool = False) -> None:
    """Write the site of ``journeys`` journeys of ``count`` touchpoints into ``out`` (see the module's docstring)."""
    rng = random.Random(f"journeysite-bench-{journeys}-{count}")
    docs = out / "journeys"
    for sub in ("personas", "parcours", "chantiers"):
        (docs / sub).mkdir(parents=True, exist_ok=True)

    plugin = "" if plain else "  - journeysite\n"
    nav = "nav:\n  - index.md\n" if plain and same_nav else ""
    (out / "mkdocs.yml").write_text(
        "site_name: Bench\ndocs_dir: journeys\n"
        "theme:\n  name: material\n  language: fr\n  features:\n    - navigation.prune\n"
        "plugins:\n  - search\n" + plugin + nav, encoding="utf-8")
    (docs / "index.md").write_text("# Bench\n\nUn site de parcours clients écrit pour mesurer.\n", encoding="utf-8")

    personas = [f"persona-{p}" for p in range(max(1, journeys // 5))]
    for pid in personas:
        (docs / "personas" / f"{pid}.md").write_text(page(
            ["type: persona", f"name: {pid.title()}", f"segment: {rng.choice(SEGMENTS)}",
             f"quote: {quoted(f'Je veux que ce soit simple ({pid}).')}",
             f"goals: [{quoted('Trouver le bon produit')}, {quoted('Être conseillé')}]",
             f"frustrations: [{quoted(rng.choice(IRRITANTS))}]",
             f"channels: [{rng.choice(CHANNELS)}, {rng.choice(CHANNELS)}]"],
            f"Description de {pid}."), encoding="utf-8")

    chantier_ids = [f"chantier-{c}" for c in range(journeys * 3 // 2)]
    journey_ids = []
    for j in range(journeys):
        jid = f"parcours-{j}"
        persona = rng.choice(personas)
        front = ["type: journey", f"title: Parcours {j}", f"persona: {persona}",
                 f"objectives: [{rng.choice(OBJECTIVES)}]"]
        if j % 4 == 0:
            front.append(f"target: {jid}-cible")
        front += touchpoints(rng, jid, count, chantier_ids)
        (docs / "parcours" / f"{jid}.md").write_text(page(front, f"Récit du parcours {j}."), encoding="utf-8")
        journey_ids.append(jid)
        if j % 4 == 0:
            target = ["type: journey", f"title: Parcours {j} (cible)", f"persona: {persona}", "state: target"]
            target += touchpoints(rng, jid + "-cible", count, chantier_ids)
            (docs / "parcours" / f"{jid}-cible.md").write_text(page(target, "Cible."), encoding="utf-8")
            journey_ids.append(jid + "-cible")

    # Chantier c is planned in quarter 1 + c * 8 // total (so, in id order, never before what it depends on),
    # and depends only on earlier chantiers that are done: no roadmap warning, no cycle.
    statuses: list[str] = []
    for c, cid in enumerate(chantier_ids):
        quarter = 1 + c * 8 // len(chantier_ids)
        refs = ", ".join(f"{rng.choice(journey_ids)}#t{rng.randint(1, count)}" for _ in range(rng.randint(1, 4)))
        scores = ", ".join(f"{k}: {rng.randint(1, 5)}" for k in
                           ("customer_importance", "business_impact", "feasibility", "cost", "delay"))
        status = rng.choice(STATUSES)
        statuses.append(status)
        front = ["type: chantier", f"title: Chantier {c}", f"department: {rng.choice(DEPARTMENTS)}",
                 f"owner: {quoted(f'Équipe {c % 12}')}", f"status: {status}",
                 f"quarter: {2027 + (quarter - 1) // 4}-Q{(quarter - 1) % 4 + 1}",
                 f"scores: {{{scores}}}", f"objectives: [{rng.choice(OBJECTIVES)}]", f"touchpoints: [{refs}]"]
        done_before = [chantier_ids[d] for d in range(max(0, c - 20), c) if statuses[d] == "done"]
        if done_before and rng.random() < 0.2:
            front.append(f"depends_on: [{rng.choice(done_before)}]")
        (docs / "chantiers" / f"{cid}.md").write_text(page(
            front, f"Description du chantier {c} : ce qu'il change pour les clients, et pourquoi."),
            encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--journeys", type=int, default=200)
    parser.add_argument("--touchpoints", type=int, default=30)
    parser.add_argument("--plain", action="store_true", help="leave the journeysite plugin out of mkdocs.yml")
    parser.add_argument("--same-nav", action="store_true", help="with --plain: a navigation of the home page only")
    args = parser.parse_args()
    if args.same_nav and not args.plain:
        parser.error("--same-nav goes with --plain")
    write_corpus(args.out, args.journeys, args.touchpoints, args.plain, args.same_nav)


if __name__ == "__main__":
    main()
