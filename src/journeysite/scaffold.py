"""``journeysite new``: a small, valid site of one's own to start from.

One persona, one current journey of four touchpoints and one chantier, in
French or English, written as an author would (every file follows FORMAT.md);
with GitHub Actions workflows (``site_template/github``: check, diff and build
on pull requests, the site for hosting on main) and the ``requirements.txt``
they install from.
"""
from __future__ import annotations

import json
import textwrap
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

LANGUAGES = ("fr", "en")
TEMPLATE = Path(__file__).parent / "site_template"
WORKFLOWS = ("journeysite.yml", "journeysite-comment.yml")
PLACEHOLDER_REQUIREMENT = "journeysite @ git+https://git.example.com/CHANGE-ME/journeysite.git"


class ScaffoldError(Exception):
    """The site cannot be created there; the message says why."""


MKDOCS_YML = """\
# {comment_title}
#   journeysite check    {comment_check}
#   mkdocs serve         {comment_serve}
site_name: {site_name}
docs_dir: journeys

theme:
  name: material
  language: {language}
  font: false            # {comment_font}
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.top
    - navigation.prune
    - toc.follow
    - search.highlight
    - content.tooltips

markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true

# {comment_repo}
# repo_url: https://github.com/ORGANISATION/REPOSITORY
# edit_uri: edit/main/journeys/

plugins:
  - search
  - journeysite
  # {comment_referential}
  # - journeysite:
  #     stages:
  #       - {{id: {stage_id}, label: {stage_label}}}
  #     channels:
  #       - {{id: web, label: {web_label}}}
"""

FILES = {
    "fr": {
        "mkdocs.yml": MKDOCS_YML.format(
            comment_title="Parcours clients, construits par journeysite.",
            comment_check="vérifie les sources (toutes les erreurs, avec leur ligne)",
            comment_serve="affiche le site sur http://127.0.0.1:8000",
            site_name="Parcours clients", language="fr",
            comment_font="pas de polices Google : le site marche sur un intranet",
            comment_repo="Avec l'adresse du dépôt, chaque page a un lien « modifier » vers son fichier source :",
            comment_referential="Étapes, canaux, émotions et critères ont des valeurs par défaut ; "
                                "pour les remplacer :",
            stage_id="recherche", stage_label="Recherche", web_label="Site web"),
        ".gitignore": "/site/\n/.cache/\n",  # the built site; diagrams Graphviz drew (graphviz_cache)
        "journeys/index.md": """\
            # Parcours clients

            Bienvenue ! Ce site est construit par journeysite à partir des fichiers du dossier `journeys/`.

            - [Personas](personas/index.md) : qui sont nos clients ;
            - [Parcours](journeys/index.md) : ce qu'ils vivent, point de contact par point de contact ;
            - [Chantiers](chantiers/index.md) : ce que nous changeons pour eux, et leur [feuille de route](roadmap/index.md) ;
            - [Canaux](channels/index.md) : où ils nous rencontrent.

            Pour ajouter un parcours, copiez `parcours/premier-achat.md` et lancez `journeysite check`.

            ## Carte des parcours

            ::: journeysite journey-map

            ## Où en sommes-nous ?

            ::: journeysite unaddressed

            ::: journeysite delivery
            """,
        "journeys/personas/camille.md": """\
            ---
            type: persona
            name: Camille
            segment: Nouvelle cliente
            quote: "Je veux savoir quand je serai livrée."
            goals: [Trouver vite le bon produit, Être livrée à temps]
            expectations: [Une réponse claire à mes questions]
            frustrations: [Attendre au téléphone]
            channels: [web, telephone]
            ---
            Camille découvre la marque et achète en ligne pour la première fois.
            """,
        "journeys/parcours/premier-achat.md": """\
            ---
            type: journey
            title: Faire un premier achat en ligne
            persona: camille
            state: current                # current (actuel) ou target (cible)
            objectives: [conquete]
            touchpoints:                  # dans l'ordre où la cliente les vit
              - id: t1
                stage: recherche
                channel: web
                action: Je compare les produits sur le site
                emotion: plaisir          # enchantement, plaisir, satisfaction, deception, irritant
              - id: t2
                stage: choix
                step: J'ai une question
                channel: telephone
                action: J'appelle pour connaître le délai de livraison
                emotion: irritant
                importance: {customer: 4, business: 3}
                irritants: [Dix minutes d'attente]
                chantiers: [rappel-automatique]
              - id: t3
                stage: achat
                channel: web
                action: Je paie en ligne
                emotion: satisfaction
                moment_of_truth: true
              - id: t4
                stage: apres-vente
                channel: email
                action: Je reçois le suivi de ma livraison
                emotion: enchantement
                verbatims: ["J'ai su exactement quand j'allais être livrée"]
            ---
            Le parcours d'une nouvelle cliente, de la recherche à la livraison.
            """,
        "journeys/chantiers/rappel-automatique.md": """\
            ---
            type: chantier
            title: Rappel automatique au lieu de l'attente
            department: relation-client
            owner: Service client
            status: planned               # idea, planned, in_progress, done, dropped
            quarter: 2027-Q1
            scores: {customer_importance: 5, business_impact: 3, feasibility: 4, cost: 2, delay: 2}   # de 1 à 5
            objectives: [conquete]
            touchpoints: [premier-achat#t2]
            ---
            Proposer d'être rappelé plutôt que d'attendre en ligne.
            """,
    },
    "en": {
        "mkdocs.yml": MKDOCS_YML.format(
            comment_title="Customer journeys, built by journeysite.",
            comment_check="checks the sources (every error, with its line)",
            comment_serve="serves the site at http://127.0.0.1:8000",
            site_name="Customer journeys", language="en",
            comment_font="no Google Fonts: the site works on an intranet",
            comment_repo="With the repository's address, each page links to its source file for editing:",
            comment_referential="Stages, channels, emotions and criteria have defaults; to replace them:",
            stage_id="recherche", stage_label="Research", web_label="Website"),
        ".gitignore": "/site/\n/.cache/\n",  # the built site; diagrams Graphviz drew (graphviz_cache)
        "journeys/index.md": """\
            # Customer journeys

            Welcome! journeysite builds this site from the files of the `journeys/` folder.

            - [Personas](personas/index.md): who our customers are;
            - [Journeys](journeys/index.md): what they live, touchpoint by touchpoint;
            - [Workstreams](chantiers/index.md): what we change for them, and their [roadmap](roadmap/index.md);
            - [Channels](channels/index.md): where they meet us.

            To add a journey, copy `customer-journeys/first-purchase.md` and run `journeysite check`.

            ## Map of journeys

            ::: journeysite journey-map

            ## Where do we stand?

            ::: journeysite unaddressed

            ::: journeysite delivery
            """,
        "journeys/personas/alex.md": """\
            ---
            type: persona
            name: Alex
            segment: New customer
            quote: "I want to know when my order arrives."
            goals: [Find the right product quickly, Get it on time]
            expectations: [A clear answer to my questions]
            frustrations: [Waiting on the phone]
            channels: [web, telephone]
            ---
            Alex discovers the brand and buys online for the first time.
            """,
        "journeys/customer-journeys/first-purchase.md": """\
            ---
            type: journey
            title: Make a first purchase online
            persona: alex
            state: current                # current or target
            objectives: [conquete]
            touchpoints:                  # in the order the customer lives them
              - id: t1
                stage: recherche
                channel: web
                action: I compare products on the website
                emotion: plaisir          # enchantement, plaisir, satisfaction, deception, irritant
              - id: t2
                stage: choix
                step: I have a question
                channel: telephone
                action: I call to ask about the delivery time
                emotion: irritant
                importance: {customer: 4, business: 3}
                irritants: [Ten minutes on hold]
                chantiers: [automatic-callback]
              - id: t3
                stage: achat
                channel: web
                action: I pay online
                emotion: satisfaction
                moment_of_truth: true
              - id: t4
                stage: apres-vente
                channel: email
                action: I get the tracking of my delivery
                emotion: enchantement
                verbatims: ["I knew exactly when it would arrive"]
            ---
            The journey of a new customer, from research to delivery.
            """,
        "journeys/workstreams/automatic-callback.md": """\
            ---
            type: chantier
            title: Automatic callback instead of waiting
            department: relation-client
            owner: Customer service
            status: planned               # idea, planned, in_progress, done, dropped
            quarter: 2027-Q1
            scores: {customer_importance: 5, business_impact: 3, feasibility: 4, cost: 2, delay: 2}   # 1 to 5
            objectives: [conquete]
            touchpoints: [first-purchase#t2]
            ---
            Offer a callback rather than a wait on the line.
            """,
    },
}


def site_files(language: str = "fr") -> dict[str, str]:
    """The files of a new site (paths relative to its folder) in ``language``."""
    if language not in LANGUAGES:
        raise ScaffoldError(f"language '{language}' is not one of {', '.join(LANGUAGES)}")
    files = {path: textwrap.dedent(text) for path, text in FILES[language].items()}
    for name in WORKFLOWS:
        files[f".github/workflows/{name}"] = (TEMPLATE / "github" / "workflows" / name).read_text(encoding="utf-8")
    files["requirements.txt"] = requirements_txt()
    return files


def requirements_txt() -> str:
    """What the site's CI installs: this journeysite, from where it was installed when that can be told."""
    found = installed_requirement()
    lines = ["# What the site's CI installs (.github/workflows/journeysite.yml): journeysite, which brings MkDocs",
             "# and Material for MkDocs."]
    if found is None:
        lines += ["# CHANGE the line below: say where your organisation gets journeysite (a git URL with a tag,",
                  "# or a name and version on your package index).", PLACEHOLDER_REQUIREMENT]
    else:
        lines.append(found)
    return "\n".join(lines) + "\n"


def installed_requirement() -> str | None:
    """This journeysite as a pip requirement: ``journeysite==V`` when installed from a package index,
    ``journeysite @ git+URL@COMMIT`` from a git repository; None for a local or editable copy."""
    try:
        dist = distribution("journeysite")
    except PackageNotFoundError:
        return None
    direct = dist.read_text("direct_url.json")
    if direct is None:  # from an index
        return f"journeysite=={dist.version}"
    try:
        info = json.loads(direct)
    except ValueError:
        return None
    url, vcs = str(info.get("url", "")), info.get("vcs_info") or {}
    if url.startswith(("https://", "ssh://", "git@")) and vcs.get("vcs") == "git" and vcs.get("commit_id"):
        return f"journeysite @ git+{url}@{vcs['commit_id']}"
    return None


def create_site(target: Path, language: str = "fr") -> list[Path]:
    """Write a new site into ``target`` (missing or empty); return the files written."""
    files = site_files(language)
    if target.exists() and not target.is_dir():
        raise ScaffoldError(f"{target} is a file; give a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(f"{target} is not empty; give a new or empty folder (nothing was written)")
    written = []
    for path, text in files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(text.encode("utf-8"))
        written.append(destination)
    return written
