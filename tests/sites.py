"""Small sites written only from docs/format.md, shared by the integration tests."""
from __future__ import annotations

FORMAT_CONFIG = """\
site_name: Format site
docs_dir: docs
theme:
  name: material
  language: fr
  font: false
plugins:
  - search
  - journeysite:
      channels:
        - {id: web, label: Site web}
        - {id: magasin, label: Magasin}
        - {id: telephone, label: Téléphone}
        - {id: chat, label: Chat en ligne}
"""

FORMAT_SITE = {
    "docs/index.md": """\
        # Accueil

        [Personas](personas/index.md) · [Parcours](journeys/index.md) · [Chantiers](chantiers/index.md)
        · [Canaux](channels/index.md)
        """,
    "docs/personas/quentin.md": """\
        ---
        type: persona
        name: Quentin
        segment: Randonneur occasionnel
        quote: "Je veux partir léger, sans me ruiner."
        goals: [Trouver le bon équipement, Être conseillé]
        expectations: [Des conseils adaptés à mon niveau]
        frustrations: [Ressaisir mes informations en magasin]
        channels: [web, magasin]
        metrics: {clv: 420, share: 0.35}
        ---
        Quentin randonne quelques week-ends par an.
        """,
    "docs/personas/lea.md": """\
        ---
        type: persona
        name: Léa
        segment: Alpiniste confirmée
        ---
        Léa connaît son matériel.
        """,
    "docs/parcours/achat.md": """\
        ---
        type: journey
        title: Acheter un équipement de randonnée
        persona: quentin
        state: current
        target: achat-cible
        objectives: [conquete, fidelisation]
        tags: [retail]
        touchpoints:
          - id: t1
            stage: recherche
            step: Je prépare ma sortie
            channel: web
            action: Je consulte les fiches conseils
            emotion: plaisir
            moment_of_truth: false
            importance: {customer: 4, business: 3}
            rupture: false
            expectations: [Des conseils adaptés à mon niveau]
            irritants: []
            enchantements: [Fiches claires]
            verbatims: ["J'ai trouvé la fiche très claire"]
            metrics: {nps: 32, ces: 2.1, volume: 12000, abandon_rate: 0.4}
            data: [email, centres d'intérêt]
            contact_reasons: []
            owner: marketing
            chantiers: [fiches-conseils]
          - id: t2
            stage: choix
            channel: chat
            action: Je pose une question au conseiller en ligne
          - id: t3
            stage: achat
            channel: magasin
            action: Je paie en caisse
            emotion: Déception
            moment_of_truth: true
            rupture: true
            irritants: [Ressaisir mes informations]
            importance: {customer: 5, business: 5}
        ---
        Parcours observé en 2026.
        """,
    "docs/parcours/achat-cible.md": """\
        ---
        type: journey
        title: Acheter un équipement de randonnée (cible)
        persona: [quentin, lea]
        state: target
        touchpoints:
          - id: t1
            stage: recherche
            channel: web
            action: Je consulte les fiches conseils personnalisées
            emotion: enchantement
          - id: t3
            stage: achat
            channel: magasin
            action: Je paie en caisse, le vendeur me reconnaît
            emotion: 1
            chantiers: [fiche-client]
        ---
        Le parcours que nous visons.
        """,
    "docs/chantiers/fiche-client.md": """\
        ---
        type: chantier
        title: Fiche client unique web-magasin
        department: digital
        owner: DSI
        status: planned
        quarter: 2027-Q1
        scores: {customer_importance: 5, business_impact: 4, feasibility: 3, cost: 3, delay: 2}
        objectives: [fidelisation]
        touchpoints: [achat#t3]
        depends_on: [referentiel-client]
        ---
        Une seule fiche client.
        """,
    "docs/chantiers/referentiel-client.md": """\
        ---
        type: chantier
        title: Référentiel client
        department: reporting
        status: done
        scores: {customer_importance: 2, business_impact: 5, feasibility: 4, cost: 4, delay: 4}
        ---
        Le socle de données.
        """,
    "docs/chantiers/fiches-conseils.md": """\
        ---
        type: chantier
        title: Fiches conseils personnalisées
        department: marketing
        status: in_progress
        touchpoints: [achat-cible#t1]
        ---
        Des fiches selon le niveau.
        """,
    "docs/canaux/magasin.md": """\
        ---
        type: channel
        id: magasin
        owner: Direction des magasins
        ---
        Nos 120 magasins.
        """,
}


# A French site with the mistakes people new to YAML make, one of each (test_french.py, test_mkdocs_serve.py):
# the file each is in, and the line where it is reported, are in MISTAKES below.
MISTAKES_CONFIG = """\
site_name: Parcours clients
docs_dir: docs
strict: true
theme:
  name: material
  language: fr
plugins:
  - search
  - journeysite
"""

MISTAKES_SITE = {
    "docs/index.md": "# Accueil\n\nNos parcours clients.\n",
    "docs/synthese.md": "# Synthèse\n\nCe que nous retenons.\n",
    # a sentence cut at its comma by a list written on one line; channels by their labels (fine)
    "docs/personas/quentin.md": """\
        ---
        type: persona
        name: Quentin
        goals: [Partir léger, sans me ruiner]
        channels: [Site web, Magasin]
        ---
        Quentin randonne le week-end.
        """,
    # a tab in the indentation
    "docs/personas/sophie.md": "---\ntype: persona\nname: Sophie\n\tsegment: Famille\n---\nSophie loue des skis.\n",
    # values written as people say them (fine), a channel mistyped, an emotion off the scale, a sentence cut
    "docs/parcours/achat.md": """\
        ---
        type: journey
        title: Acheter un équipement
        persona: quentin
        state: actuel
        target: achat-cible
        touchpoints:
          - id: t1
            stage: Recherche
            channel: webb
            action: Je compare les produits
            emotion: content
          - id: t2
            stage: Choix
            channel: Téléphone
            action: J'appelle le magasin
            emotion: mitigé
            irritants: [La FAQ parle de résiliation, pas de déménagement]
          - id: t3
            stage: après-vente
            channel: E-mail
            action: Je reçois ma facture
            emotion: déçu
        ---
        Le parcours d'achat.
        """,
    # a list item at the wrong level
    "docs/parcours/achat-cible.md": """\
        ---
        type: journey
        title: Acheter un équipement (cible)
        persona: quentin
        state: cible
        touchpoints:
          - id: t1
            stage: recherche
            channel: web
            action: Je trouve le bon produit
           - id: t2
            stage: achat
            channel: magasin
            action: Je paie sans attendre
        ---
        """,
    # a colon inside a value
    "docs/parcours/demenagement.md": """\
        ---
        type: journey
        title: Déménager
        persona: sophie
        touchpoints:
          - id: t1
            stage: usage
            channel: web
            action: Je déclare ma nouvelle adresse
          - id: t2
            stage: usage
            channel: courrier
            action: Facture : double prélèvement
        ---
        """,
    # a key indented one space short
    "docs/parcours/sav.md": """\
        ---
        type: journey
        title: Faire réparer
        persona: quentin
        touchpoints:
          - id: t1
            stage: apres-vente
           channel: magasin
            action: Je dépose mon vélo
        ---
        """,
    # a quote never closed
    "docs/parcours/retour.md": """\
        ---
        type: journey
        title: Rapporter un article
        persona: quentin
        touchpoints:
          - id: t1
            stage: apres-vente
            channel: magasin
            action: "Je rapporte l'article
        ---
        """,
    # a bracket never closed
    "docs/parcours/location.md": """\
        ---
        type: journey
        title: Louer des skis
        persona: sophie
        touchpoints:
          - id: t1
            stage: achat
            channel: magasin
            action: Je retire mes skis
            irritants: [Attente au comptoir
        ---
        """,
    # a key given twice
    "docs/chantiers/rappel.md": """\
        ---
        type: chantier
        title: Rappel automatique
        status: planned
        quarter: 2027-Q1
        status: in_progress
        ---
        """,
    # a status and a quarter as the site shows them (fine); references into files that cannot be read
    "docs/chantiers/faq.md": """\
        ---
        type: chantier
        title: FAQ du déménagement
        status: en cours
        quarter: T1 2027
        touchpoints: [demenagement#t2, achat#t2]
        depends_on: [rappel]
        ---
        """,
    # a status that is none
    "docs/chantiers/espace-client.md": """\
        ---
        type: chantier
        title: Espace client
        status: en pause
        objectives: [Fidélisation]
        touchpoints: [demenagement#t1, achat-cible#t1]
        ---
        """,
}
