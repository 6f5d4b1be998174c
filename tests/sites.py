"""Small sites written only from FORMAT.md, shared by the integration tests."""
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
