"""``journeysite new``: a site of one's own to start from, that a team can grow.

A persona, a current journey and its target, three chantiers that lead from one to the other, a
channel page, in French or English: the referential written out in mkdocs.yml with the language's
labels (its departments too, so that each team is one department however a file names it), a light
and a dark palette, ``strict: true``, and comments that teach what trips people up (free text as
block lists, one item a line). Every file follows docs/format.md; the site passes
``journeysite check --strict`` and ``mkdocs build --strict``. With GitHub Actions workflows
(``site_template/github``: check, diff and build on pull requests, the site for hosting on main) and
the ``requirements.txt`` they install from.
"""
from __future__ import annotations

import json
import textwrap
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from .i18n import _

LANGUAGES = ("fr", "en")
TEMPLATE = Path(__file__).parent / "site_template"
WORKFLOWS = ("journeysite.yml", "journeysite-comment.yml")
PLACEHOLDER_REQUIREMENT = "journeysite @ git+https://git.example.com/CHANGE-ME/journeysite.git"


class ScaffoldError(Exception):
    """The site cannot be created there; the message says why."""


MKDOCS_YML = """\
# {title}
#   journeysite check --strict   {check}
#   mkdocs serve                 {serve}
site_name: {site_name}
docs_dir: journeys
strict: true             # {strict}

theme:
  name: material
  language: {language}
  font: false            # {font}
  features:
    - navigation.instant
    - navigation.tracking
    - navigation.top
    - navigation.prune
    - toc.follow
    - search.highlight
    - content.tooltips
  palette:               # {palette}
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: teal
      accent: deep orange
      toggle:
        icon: material/weather-night
        name: {dark}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: teal
      accent: deep orange
      toggle:
        icon: material/weather-sunny
        name: {light}

markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true

# {repo}
# repo_url: https://github.com/ORGANISATION/REPOSITORY
# edit_uri: edit/main/journeys/

plugins:
  - search:
      lang: {language}
  - journeysite:
      # {referential}
      stages:
{stages}
      channels:
{channels}
      # {departments_comment}
      departments:
{departments}
"""

WORDS = {
    "fr": {
        "title": "Parcours clients, construits par journeysite.",
        "check": "vérifie les sources : chaque problème, avec sa ligne",
        "serve": "affiche le site sur http://127.0.0.1:8000, à jour à chaque enregistrement",
        "site_name": "Parcours clients",
        "strict": "un avertissement fait échouer mkdocs build : rien ne se perd en silence",
        "font": "pas de polices Google : le site marche sur un intranet sans internet",
        "palette": "mode clair et mode sombre, au choix du lecteur",
        "repo": "Avec l'adresse du dépôt, chaque page a un lien « modifier » vers son fichier source :",
        "dark": "Passer en mode sombre", "light": "Passer en mode clair",
        "referential": "Le référentiel : les étapes (colonnes de la matrice) et les canaux (ses lignes). Changez "
                       "les libellés, ajoutez ou retirez des éléments ;\n      # « aliases » donne d'autres mots "
                       "pour un même élément. L'échelle d'émotions (enchantement, plaisir, satisfaction, "
                       "déception,\n      # irritant) et les critères d'arbitrage gardent leurs valeurs par défaut.",
        "stages": [("recherche", "Recherche", ""), ("choix", "Choix", ""), ("achat", "Achat", ""),
                   ("usage", "Usage", ""), ("apres-vente", "Après-vente", "SAV, service après-vente")],
        "channels": [("web", "Site web", "site, internet"), ("appli", "Application mobile", "appli mobile"),
                     ("email", "E-mail", "courriel"), ("telephone", "Téléphone", "tél, appel"),
                     ("magasin", "Magasin", "boutique")],
        "departments_comment": "Les directions : qui porte les chantiers (leur « department ») et qui a la charge des "
                               "points de contact (« owner » d'un point\n      # de contact ou d'une page de canal). "
                               "Chacune s'écrit par son identifiant, son libellé ou un alias : une équipe, une "
                               "direction.",
        "departments": [("relation-client", "Relation client", "service client"),
                        ("digital", "Direction digitale", "e-commerce, équipe e-commerce")],
    },
    "en": {
        "title": "Customer journeys, built by journeysite.",
        "check": "checks the sources: every problem, with its line",
        "serve": "serves the site at http://127.0.0.1:8000, updated at each save",
        "site_name": "Customer journeys",
        "strict": "a warning fails mkdocs build: nothing gets lost silently",
        "font": "no Google Fonts: the site works on an intranet with no internet",
        "palette": "light and dark mode, as the reader chooses",
        "repo": "With the repository's address, each page links to its source file for editing:",
        "dark": "Switch to dark mode", "light": "Switch to light mode",
        "referential": "The referential: the stages (columns of the matrix) and the channels (its rows). Change "
                       "the labels, add or remove items;\n      # 'aliases' gives other words for the same item. "
                       "The emotion scale (enchantement, plaisir, satisfaction, deception,\n      # irritant) and "
                       "the arbitration criteria keep their defaults.",
        "stages": [("recherche", "Research", ""), ("choix", "Choice", ""), ("achat", "Purchase", ""),
                   ("usage", "Use", ""), ("apres-vente", "After-sales", "customer service")],
        "channels": [("web", "Website", "site, internet"), ("appli", "Mobile app", "app"),
                     ("email", "E-mail", ""), ("telephone", "Phone", "call"), ("magasin", "Store", "shop")],
        "departments_comment": "The departments: who carries the chantiers (their 'department') and owns the "
                               "touchpoints (the 'owner' of a touchpoint\n      # or of a channel page). Each is "
                               "written as its id, its label or an alias: one team, one department.",
        "departments": [("customer-service", "Customer service", "customer care"),
                        ("digital", "Digital", "e-commerce, e-commerce team")],
    },
}

FILES = {
    "fr": {
        ".gitignore": "/site/\n/.cache/\n",  # the built site; diagrams Graphviz drew (graphviz_cache)
        "journeys/index.md": """\
            # Parcours clients

            Bienvenue ! Ce site est construit par journeysite à partir des fichiers du dossier `journeys/`.

            - [Personas](personas/index.md) : qui sont nos clients ;
            - [Parcours](journeys/index.md) : ce qu'ils vivent aujourd'hui, et ce que nous visons ;
            - [Chantiers](chantiers/index.md) : ce que nous changeons pour y arriver, et leur [feuille de route](roadmap/index.md) ;
            - [Canaux](channels/index.md) : où ils nous rencontrent.

            Pour ajouter un parcours, copiez `parcours/premier-achat.md`, changez son `title`, puis lancez
            `journeysite check --strict` : chaque problème est signalé avec sa ligne et la façon de le corriger.

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
            # Texte libre : un élément par ligne, commençant par « - ». Entre crochets [a, b], YAML couperait
            # chaque phrase à ses virgules.
            goals:
              - Trouver vite le bon produit
              - Être livrée à temps, sans avoir à relancer
            expectations:
              - Une réponse claire à mes questions, du premier coup
            frustrations:
              - Attendre au téléphone
            channels: [web, telephone]   # des identifiants : la forme courte [a, b] leur convient
            ---
            Camille découvre la marque et achète en ligne pour la première fois.
            """,
        "journeys/parcours/premier-achat.md": """\
            ---
            type: journey
            title: Faire un premier achat en ligne
            persona: camille
            state: actuel                 # actuel (current) ou cible (target)
            target: premier-achat-cible   # le parcours que nous visons
            objectives: [conquete]
            touchpoints:                  # dans l'ordre où la cliente les vit
              - id: t1
                stage: recherche
                channel: web
                action: Je compare les produits sur le site
                emotion: plaisir          # enchantement, plaisir, satisfaction, déception ou irritant
              - id: t2
                stage: choix
                step: J'ai une question
                channel: telephone
                action: J'appelle pour connaître le délai de livraison
                emotion: irritant
                importance: {customer: 4, business: 3}
                # Texte libre : un élément par ligne, commençant par « - ».
                irritants:
                  - Dix minutes d'attente, puis la musique coupe
                expectations:
                  - Connaître le délai avant de commander
                verbatims:
                  - "J'ai raccroché, et j'ai failli commander ailleurs"
              - id: t3
                stage: achat
                channel: web
                action: Je paie en ligne
                emotion: satisfaction
                moment_of_truth: true
              - id: t4
                stage: apres-vente
                channel: email
                action: J'attends ma commande sans nouvelles
                emotion: déception
                rupture: true
                irritants:
                  - Aucun suivi de livraison, ni date, ni transporteur
            ---
            Le parcours d'une nouvelle cliente, de la recherche à la livraison, tel qu'elle le vit aujourd'hui.
            """,
        "journeys/parcours/premier-achat-cible.md": """\
            ---
            type: journey
            title: Faire un premier achat en ligne (cible)
            persona: camille
            state: cible
            objectives: [conquete, fidelisation]
            touchpoints:
              - id: t1
                stage: recherche
                channel: web
                action: Je compare les produits et je vois le délai de livraison
                emotion: plaisir
                chantiers: [delai-affiche]
              - id: t2
                stage: choix
                channel: telephone
                action: Je demande à être rappelée, et on me rappelle
                emotion: satisfaction
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
                action: Je suis ma livraison jusqu'à ma porte
                emotion: enchantement
                chantiers: [suivi-livraison]
                verbatims:
                  - "J'ai su exactement quand j'allais être livrée"
            ---
            Le même parcours, tel que nous voulons que Camille le vive.
            """,
        "journeys/chantiers/rappel-automatique.md": """\
            ---
            type: chantier
            title: Rappel automatique au lieu de l'attente
            department: relation-client
            owner: Service client
            status: en cours              # idée, planifié, en cours, livré, abandonné
            quarter: T1 2027
            scores: {customer_importance: 5, business_impact: 3, feasibility: 4, cost: 2, delay: 2}   # de 1 à 5
            objectives: [conquete]
            touchpoints: [premier-achat#t2, premier-achat-cible#t2]
            ---
            Proposer d'être rappelé plutôt que d'attendre en ligne.
            """,
        "journeys/chantiers/suivi-livraison.md": """\
            ---
            type: chantier
            title: Suivi de livraison par e-mail
            department: digital
            owner: Équipe e-commerce
            status: planifié
            quarter: T2 2027
            scores: {customer_importance: 5, business_impact: 4, feasibility: 3, cost: 3, delay: 3}
            objectives: [fidelisation]
            touchpoints: [premier-achat#t4, premier-achat-cible#t4]
            depends_on: [delai-affiche]
            ---
            Un e-mail à chaque étape de la livraison, avec la date et le transporteur.
            """,
        "journeys/chantiers/delai-affiche.md": """\
            ---
            type: chantier
            title: Délai de livraison affiché sur chaque produit
            department: digital
            status: idée
            scores: {customer_importance: 4, business_impact: 3, feasibility: 4, cost: 2, delay: 2}
            touchpoints: [premier-achat-cible#t1]
            ---
            Le délai de livraison visible avant la commande, calculé à partir du stock.
            """,
        "journeys/canaux/telephone.md": """\
            ---
            type: channel
            id: telephone
            owner: Service client
            ---
            Le service client répond du lundi au samedi, de 9 h à 19 h.
            """,
    },
    "en": {
        ".gitignore": "/site/\n/.cache/\n",  # the built site; diagrams Graphviz drew (graphviz_cache)
        "journeys/index.md": """\
            # Customer journeys

            Welcome! journeysite builds this site from the files of the `journeys/` folder.

            - [Personas](personas/index.md): who our customers are;
            - [Journeys](journeys/index.md): what they live today, and what we aim for;
            - [Workstreams](chantiers/index.md): what we change to get there, and their [roadmap](roadmap/index.md);
            - [Channels](channels/index.md): where they meet us.

            To add a journey, copy `customer-journeys/first-purchase.md`, change its `title`, then run
            `journeysite check --strict`: every problem is reported with its line and how to fix it.

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
            # Free text: one item a line, starting with '- '. Between brackets [a, b], YAML would cut each
            # sentence at its commas.
            goals:
              - Find the right product quickly
              - Get it on time, without chasing anyone
            expectations:
              - A clear answer to my questions, the first time
            frustrations:
              - Waiting on the phone
            channels: [web, telephone]   # ids: the short form [a, b] suits them
            ---
            Alex discovers the brand and buys online for the first time.
            """,
        "journeys/customer-journeys/first-purchase.md": """\
            ---
            type: journey
            title: Make a first purchase online
            persona: alex
            state: current                # current or target
            target: first-purchase-target # the journey we aim for
            objectives: [conquete]
            touchpoints:                  # in the order the customer lives them
              - id: t1
                stage: recherche
                channel: web
                action: I compare products on the website
                emotion: pleasure         # delight, pleasure, satisfaction, disappointment or irritation
              - id: t2
                stage: choix
                step: I have a question
                channel: telephone
                action: I call to ask about the delivery time
                emotion: irritation
                importance: {customer: 4, business: 3}
                # Free text: one item a line, starting with '- '.
                irritants:
                  - Ten minutes on hold, then the music cuts out
                expectations:
                  - Knowing the delivery time before ordering
                verbatims:
                  - "I hung up, and nearly ordered elsewhere"
              - id: t3
                stage: achat
                channel: web
                action: I pay online
                emotion: satisfaction
                moment_of_truth: true
              - id: t4
                stage: apres-vente
                channel: email
                action: I wait for my order with no news
                emotion: disappointment
                rupture: true
                irritants:
                  - No delivery tracking, no date, no carrier
            ---
            The journey of a new customer, from research to delivery, as they live it today.
            """,
        "journeys/customer-journeys/first-purchase-target.md": """\
            ---
            type: journey
            title: Make a first purchase online (target)
            persona: alex
            state: target
            objectives: [conquete, fidelisation]
            touchpoints:
              - id: t1
                stage: recherche
                channel: web
                action: I compare products and see the delivery time
                emotion: pleasure
                chantiers: [delivery-time-shown]
              - id: t2
                stage: choix
                channel: telephone
                action: I ask for a callback, and I get called back
                emotion: satisfaction
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
                action: I follow my delivery to my door
                emotion: delight
                chantiers: [delivery-tracking]
                verbatims:
                  - "I knew exactly when it would arrive"
            ---
            The same journey, as we want Alex to live it.
            """,
        "journeys/workstreams/automatic-callback.md": """\
            ---
            type: chantier
            title: Automatic callback instead of waiting
            department: customer-service
            owner: Customer service
            status: in progress           # idea, planned, in progress, done, dropped
            quarter: 2027-Q1
            scores: {customer_importance: 5, business_impact: 3, feasibility: 4, cost: 2, delay: 2}   # 1 to 5
            objectives: [conquete]
            touchpoints: [first-purchase#t2, first-purchase-target#t2]
            ---
            Offer a callback rather than a wait on the line.
            """,
        "journeys/workstreams/delivery-tracking.md": """\
            ---
            type: chantier
            title: Delivery tracking by e-mail
            department: digital
            owner: E-commerce team
            status: planned
            quarter: 2027-Q2
            scores: {customer_importance: 5, business_impact: 4, feasibility: 3, cost: 3, delay: 3}
            objectives: [fidelisation]
            touchpoints: [first-purchase#t4, first-purchase-target#t4]
            depends_on: [delivery-time-shown]
            ---
            An e-mail at each step of the delivery, with the date and the carrier.
            """,
        "journeys/workstreams/delivery-time-shown.md": """\
            ---
            type: chantier
            title: Delivery time shown on every product
            department: digital
            status: idea
            scores: {customer_importance: 4, business_impact: 3, feasibility: 4, cost: 2, delay: 2}
            touchpoints: [first-purchase-target#t1]
            ---
            The delivery time visible before ordering, computed from the stock.
            """,
        "journeys/channels/telephone.md": """\
            ---
            type: channel
            id: telephone
            owner: Customer service
            ---
            Customer service answers Monday to Saturday, 9 am to 7 pm.
            """,
    },
}


def _items(items: list[tuple[str, str, str]]) -> str:
    """Referential items as mkdocs.yml lines: ``{id: x, label: X[, aliases: [a, b]]}``."""
    lines = []
    for item_id, label, aliases in items:
        extra = f", aliases: [{aliases}]" if aliases else ""
        lines.append(f"        - {{id: {item_id}, label: {label}{extra}}}")
    return "\n".join(lines)


def mkdocs_yml(language: str) -> str:
    """The mkdocs.yml of a new site in ``language``."""
    words = WORDS[language]
    values = {key: value for key, value in words.items() if isinstance(value, str)}
    return MKDOCS_YML.format(**values, language=language, stages=_items(words["stages"]),
                             channels=_items(words["channels"]), departments=_items(words["departments"]))


def site_files(language: str = "fr") -> dict[str, str]:
    """The files of a new site (paths relative to its folder) in ``language``."""
    if language not in LANGUAGES:
        raise ScaffoldError(_("language '{language}' is not one of {languages}", language=language,
                              languages=", ".join(LANGUAGES)))
    files = {"mkdocs.yml": mkdocs_yml(language)}
    files.update((path, textwrap.dedent(text)) for path, text in FILES[language].items())
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
        raise ScaffoldError(_("{path} is a file; give a new or empty folder", path=target))
    if target.is_dir() and any(target.iterdir()):
        raise ScaffoldError(_("{path} is not empty; give a new or empty folder (nothing was written)", path=target))
    written = []
    for path, text in files.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(text.encode("utf-8"))
        written.append(destination)
    return written
