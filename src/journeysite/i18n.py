"""Translation: every message and label a person reads, in the site's language.

Messages are written in English in the code, marked for extraction with ``_``
(translated now, in the current language), ``ngettext`` (singular and plural)
or ``N_`` (marked only, translated later with ``translate``). Translations
live in gettext catalogues, one per language:
``locale/<language>/LC_MESSAGES/journeysite.po``, read with Babel when first
needed. Adding a language is adding one catalogue (``make messages`` extracts
the messages and updates every catalogue); English needs none.

Values are passed by name and formatted with ``str.format`` after translation
(``_("journey '{id}' has no persona", id=journey.id)``), so a message always
writes a literal brace as ``{{``. The current language is set for a whole run
with ``use_language`` (``build_site`` sets the site's; the command line's
``--lang`` overrides it).
"""
from __future__ import annotations

import gettext as _gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "journeysite"
SOURCE_LANGUAGE = "en"
_current: ContextVar[str] = ContextVar("journeysite_language", default=SOURCE_LANGUAGE)


@lru_cache(maxsize=1)
def languages() -> list[str]:
    """Every language with a catalogue, and English (the messages' own language), sorted."""
    found = {path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return sorted(found | {SOURCE_LANGUAGE})


def site_language(language: str | None) -> str:
    """The catalogue language for a site's ``theme.language`` (``fr``, ``fr_CA``, ``fr-BE`` -> ``fr``);
    English for a language with no catalogue."""
    code = (language or SOURCE_LANGUAGE).replace("-", "_")
    known = languages()
    for candidate in (code, code.split("_")[0].lower()):
        if candidate in known:
            return candidate
    return SOURCE_LANGUAGE


@lru_cache(maxsize=None)
def catalogue(language: str) -> _gettext.NullTranslations:
    """The translations of ``language`` (a language ``languages()`` lists), read from its ``.po`` once."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE_LANGUAGE or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        compiled = io.BytesIO()
        write_mo(compiled, read_po(po, locale=language))
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def current_language() -> str:
    """The language messages are translated into now."""
    return _current.get()


@contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Translate into ``language`` (a site's ``theme.language``) inside the ``with`` block."""
    token = _current.set(site_language(language))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def translate(message: str, language: str | None = None, **values: object) -> str:
    """``message`` in ``language`` (default: the current one), its ``{names}`` filled from ``values``."""
    text = catalogue(site_language(language) if language else _current.get()).gettext(message)
    return text.format(**values)


def _(message: str, **values: object) -> str:
    """``message`` in the current language, its ``{names}`` filled from ``values``."""
    return catalogue(_current.get()).gettext(message).format(**values)


def ngettext(singular: str, plural: str, count: int, **values: object) -> str:
    """The singular or plural form for ``count`` in the current language (French counts 0 as singular);
    ``{count}`` and ``values`` are filled in."""
    return catalogue(_current.get()).ngettext(singular, plural, count).format(count=count, **values)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; ``translate`` it where it is shown."""
    return message


LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "personas": "Personas",
        "persona": "Persona",
        "journeys": "Parcours",
        "journey": "Parcours",
        "chantiers": "Chantiers",
        "chantier": "Chantier",
        "channels": "Canaux",
        "channel": "Canal",
        "stage": "Étape",
        "step": "Sous-étape",
        "action": "Action",
        "emotion": "Émotion",
        "segment": "Segment",
        "goals": "Objectifs",
        "expectations": "Attentes",
        "frustrations": "Frustrations",
        "irritants": "Irritants",
        "enchantements": "Enchantements",
        "verbatims": "Verbatims",
        "metrics": "Indicateurs",
        "data": "Données collectées",
        "contact_reasons": "Motifs de contact",
        "owner": "Responsable",
        "department": "Direction",
        "status": "Statut",
        "quarter": "Livraison prévue",
        "scores": "Notes d'arbitrage",
        "priority": "Priorité",
        "quadrant": "Quadrant",
        "depends_on": "Dépend de",
        "required_by": "Nécessaire à",
        "objectives": "Objectifs",
        "tags": "Étiquettes",
        "state": "État",
        "state_current": "Actuel",
        "state_target": "Cible",
        "target_journey": "Parcours cible",
        "current_journey": "Parcours actuel",
        "preferred_channels": "Canaux préférés",
        "moment_of_truth": "Moment de vérité",
        "rupture": "Point de rupture",
        "touchpoints": "Points de contact",
        "touchpoint": "Point de contact",
        "improved_touchpoints": "Points de contact améliorés",
        "touchpoints_on_channel": "Points de contact sur ce canal",
        "none": "Aucun",
        "no_emotion": "Émotion non renseignée",
        "no_emotion_short": "Non renseignée",
        "up": "Retour à la liste",
        "progress": "Avancement",
        "happiness": "Bonheur",
        "title": "Titre",
        "count": "Nombre",
        "problems": "Problèmes",
        "problems_banner": "Ce site contient des erreurs : la page ci-dessous peut être incomplète.",
        "warnings_banner": "Ce site contient des avertissements : mkdocs build --strict échouera tant qu'ils restent.",
        "problems_page": "Problèmes du site",
        "problems_intro": "journeysite a trouvé ces problèmes dans les sources. Corrigez-les : la page se recharge d'elle-même.",
        "count_error": "{count} erreur",
        "count_errors": "{count} erreurs",
        "count_warning": "{count} avertissement",
        "count_warnings": "{count} avertissements",
        "status_idea": "Idée",
        "status_planned": "Planifié",
        "status_in_progress": "En cours",
        "status_done": "Livré",
        "status_dropped": "Abandonné",
        "quadrant_quick_win": "Gain rapide",
        "quadrant_major_project": "Projet majeur",
        "quadrant_fill_in": "Bouche-trou",
        "quadrant_thankless": "Tâche ingrate",
        "objective_conquete": "Conquête",
        "objective_fidelisation": "Fidélisation",
        "objective_recommandation": "Recommandation",
        "objective_rentabilite": "Rentabilité",
        "importance": "Importance",
        "importance_customer": "Importance client",
        "importance_business": "Importance entreprise",
        "mean_emotion": "Émotion moyenne",
        "mean_emotion_help": "Moyenne des scores d'émotion (de -2 à +2) des points de contact renseignés",
        "happiness_help": "Part des points de contact vécus positivement parmi ceux dont l'émotion est renseignée",
        "irritants_help": "Nombre d'irritants relevés sur les points de contact",
        "progress_help": "Part des points de contact améliorés dont tous les chantiers sont livrés",
        "ruptures": "Points de rupture",
        "moments_of_truth": "Moments de vérité",
        # page views (defaults/*_page.py, index_pages.py)
        "experience": "Expérience vécue sur ses parcours",
        "no_journeys": "Aucun parcours ne concerne ce persona pour l'instant.",
        "no_items": "Rien à afficher pour l'instant.",
        "photo_alt": "Photo de {name}",
        "permalink": "Lien vers ce point de contact",
        "customer": "Client",
        "business": "Entreprise",
        "dependencies": "Dépendances",
        "criterion": "Critère",
        "weight": "Poids",
        "criterion_score": "Note",
        "inverse": "Inversé",
        "inverse_help": "Critère inversé : plus la note est haute, plus la priorité baisse",
        "metric_nps": "NPS",
        "metric_ces": "CES",
        "metric_csat": "CSAT",
        "metric_volume": "Volume",
        "metric_abandon_rate": "Taux d'abandon",
        "metric_clv": "Valeur client (CLV)",
        "yes": "oui",
        "no": "non",
        # journey map views (matrix, emotion curve, heatmap, pains, embedding)
        "colon": "\u00a0: ",
        "details": "voir le détail",
        "matrix_title": "Matrice canaux × étapes",
        "persona_matrix_current": "Matrice canaux × étapes de ses parcours actuels",
        "persona_matrix_target": "Matrice canaux × étapes de ses parcours cibles",
        "matrix_corner": "Canal \\ Étape",
        "moment_of_truth_abbr": "MV",
        "rupture_abbr": "PR",
        "no_touchpoints": "Aucun point de contact.",
        "curve_title": "Courbe émotionnelle",
        "compared_with": "comparé à",
        "curve_desc": "{count} points de contact, dont {felt} avec une émotion renseignée ; les autres sont des trous dans la courbe.",
        "curve_data": "Données de la courbe (tableau)",
        "legend": "Légende",
        "position": "N°",
        "score": "Score",
        "marks": "Repères",
        "heatmap": "Carte de chaleur",
        "heatmap_current": "Parcours actuels",
        "heatmap_target": "Parcours cibles",
        "heatmap_intro": "Pour chaque canal et chaque étape : le nombre de points de contact (en gros) et le score d'émotion moyen, la case colorée selon le niveau le plus proche. Une case mène à ses points de contact, sur la page du canal.",
        "heat_summary": "{count} point(s) de contact, émotion moyenne {mean} ({level})",
        "pains": "Irritants à traiter en priorité",
        "pains_intro": "Les points de contact de tous les parcours, classés par criticité : plus l'émotion est négative et plus le moment compte pour le client et pour l'entreprise, plus il est critique. Criticité = max(0, −score d'émotion) × (importance client + importance entreprise), une importance non renseignée comptant 3.",
        "no_pains": "Aucun point de contact critique : aucune émotion négative n'est renseignée.",
        "rank": "Rang",
        "criticality": "Criticité",
        "importance_cb": "Importance (client / entreprise)",
        "importance_missing": "Non renseignée : compte pour {value}",
    },
    "en": {
        "personas": "Personas",
        "persona": "Persona",
        "journeys": "Journeys",
        "journey": "Journey",
        "chantiers": "Workstreams",
        "chantier": "Workstream",
        "channels": "Channels",
        "channel": "Channel",
        "stage": "Stage",
        "step": "Step",
        "action": "Action",
        "emotion": "Emotion",
        "segment": "Segment",
        "goals": "Goals",
        "expectations": "Expectations",
        "frustrations": "Frustrations",
        "irritants": "Pain points",
        "enchantements": "Delights",
        "verbatims": "Verbatims",
        "metrics": "Metrics",
        "data": "Data collected",
        "contact_reasons": "Contact reasons",
        "owner": "Owner",
        "department": "Department",
        "status": "Status",
        "quarter": "Planned delivery",
        "scores": "Arbitration scores",
        "priority": "Priority",
        "quadrant": "Quadrant",
        "depends_on": "Depends on",
        "required_by": "Required by",
        "objectives": "Objectives",
        "tags": "Tags",
        "state": "State",
        "state_current": "Current",
        "state_target": "Target",
        "target_journey": "Target journey",
        "current_journey": "Current journey",
        "preferred_channels": "Preferred channels",
        "moment_of_truth": "Moment of truth",
        "rupture": "Breakpoint",
        "touchpoints": "Touchpoints",
        "touchpoint": "Touchpoint",
        "improved_touchpoints": "Touchpoints improved",
        "touchpoints_on_channel": "Touchpoints on this channel",
        "none": "None",
        "no_emotion": "Emotion not given",
        "no_emotion_short": "Not given",
        "up": "Back to the list",
        "progress": "Progress",
        "happiness": "Happiness",
        "title": "Title",
        "count": "Count",
        "problems": "Problems",
        "problems_banner": "This site has errors: the page below may be incomplete.",
        "warnings_banner": "This site has warnings: mkdocs build --strict fails while they remain.",
        "problems_page": "Site problems",
        "problems_intro": "journeysite found these problems in the sources. Fix them: the page reloads by itself.",
        "count_error": "{count} error",
        "count_errors": "{count} errors",
        "count_warning": "{count} warning",
        "count_warnings": "{count} warnings",
        "status_idea": "Idea",
        "status_planned": "Planned",
        "status_in_progress": "In progress",
        "status_done": "Done",
        "status_dropped": "Dropped",
        "quadrant_quick_win": "Quick win",
        "quadrant_major_project": "Major project",
        "quadrant_fill_in": "Fill-in",
        "quadrant_thankless": "Thankless task",
        "objective_conquete": "Acquisition",
        "objective_fidelisation": "Loyalty",
        "objective_recommandation": "Advocacy",
        "objective_rentabilite": "Profitability",
        "importance": "Importance",
        "importance_customer": "Customer importance",
        "importance_business": "Business importance",
        "mean_emotion": "Mean emotion",
        "mean_emotion_help": "Mean emotion score (from -2 to +2) of the touchpoints that have one",
        "happiness_help": "Share of touchpoints felt positively among those with an emotion",
        "irritants_help": "Number of pain points noted on the touchpoints",
        "progress_help": "Share of improved touchpoints whose chantiers are all delivered",
        "ruptures": "Breakpoints",
        "moments_of_truth": "Moments of truth",
        # page views (defaults/*_page.py, index_pages.py)
        "experience": "Experience across their journeys",
        "no_journeys": "No journey is about this persona yet.",
        "no_items": "Nothing to show yet.",
        "photo_alt": "Photo of {name}",
        "permalink": "Link to this touchpoint",
        "customer": "Customer",
        "business": "Business",
        "dependencies": "Dependencies",
        "criterion": "Criterion",
        "weight": "Weight",
        "criterion_score": "Score",
        "inverse": "Inverse",
        "inverse_help": "Inverse criterion: the higher the score, the lower the priority",
        "metric_nps": "NPS",
        "metric_ces": "CES",
        "metric_csat": "CSAT",
        "metric_volume": "Volume",
        "metric_abandon_rate": "Abandonment rate",
        "metric_clv": "Customer lifetime value",
        "yes": "yes",
        "no": "no",
        # journey map views (matrix, emotion curve, heatmap, pains, embedding)
        "colon": ": ",
        "details": "see details",
        "matrix_title": "Channel × stage matrix",
        "persona_matrix_current": "Channel × stage matrix of their current journeys",
        "persona_matrix_target": "Channel × stage matrix of their target journeys",
        "matrix_corner": "Channel \\ Stage",
        "moment_of_truth_abbr": "MoT",
        "rupture_abbr": "BP",
        "no_touchpoints": "No touchpoint.",
        "curve_title": "Emotion curve",
        "compared_with": "compared with",
        "curve_desc": "{count} touchpoints, {felt} of them with an emotion; the others are gaps in the curve.",
        "curve_data": "Curve data (table)",
        "legend": "Legend",
        "position": "No.",
        "score": "Score",
        "marks": "Marks",
        "heatmap": "Heatmap",
        "heatmap_current": "Current journeys",
        "heatmap_target": "Target journeys",
        "heatmap_intro": "For each channel and stage: the number of touchpoints (large) and the mean emotion score, the cell coloured by the nearest level. A cell leads to its touchpoints, on the channel's page.",
        "heat_summary": "{count} touchpoint(s), mean emotion {mean} ({level})",
        "pains": "Pains to treat first",
        "pains_intro": "Touchpoints of every journey ranked by criticality: the more negative the emotion and the more the moment matters to the customer and the company, the more critical it is. Criticality = max(0, −emotion score) × (customer importance + business importance), a missing importance counting 3.",
        "no_pains": "No critical touchpoint: no negative emotion is recorded.",
        "rank": "Rank",
        "criticality": "Criticality",
        "importance_cb": "Importance (customer / business)",
        "importance_missing": "Not given: counts as {value}",
    },
}


class Labels:
    """Labels of one language: ``labels["journeys"]`` or ``labels("status", "done")``."""

    def __init__(self, language: str) -> None:
        self.language = site_language(language)
        self._labels = LABELS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def count(self, word: str, number: int) -> str:
        """``number`` and the label ``count_<word>`` or ``count_<word>s``, singular or plural by the
        language's rule (French counts 0 as singular, English 1 only)."""
        singular = number < 2 if self.language == "fr" else number == 1
        return self._labels[f"count_{word}" if singular else f"count_{word}s"].format(count=number)

    def __call__(self, prefix: str, value: str) -> str:
        """The label of an enumerated value, or the value itself when it has none."""
        return self._labels.get(f"{prefix}_{value}", value)
