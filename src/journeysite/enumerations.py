"""The format's fixed enumerations (a chantier's status, a journey's state, objectives, quadrants):
their ids, their labels in the current language, and every word that names them.

A value may be written as its id, its label in any language journeysite speaks, or an alias
(``en cours`` is ``in_progress``), accents, case, spaces and dashes ignored (``vocabulary``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from .i18n import N_, languages, translate
from .vocabulary import Term, Vocabulary


@dataclass(frozen=True)
class Enumeration:
    """The values of one key: ``labels`` maps each id to its label (an English message of the
    catalogue), ``aliases`` to other words people write for it."""

    labels: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, value: str) -> str:
        """The label of ``value`` in the current language (the value itself when it has none)."""
        message = self.labels.get(value)
        return translate(message) if message else value

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Ids, labels in every language and aliases, built once."""
        return Vocabulary([Term(value, tuple(translate(message, language) for language in languages())
                                + self.aliases.get(value, ()))
                           for value, message in self.labels.items()])


STATUS = Enumeration(
    {"idea": N_("Idea"), "planned": N_("Planned"), "in_progress": N_("In progress"), "done": N_("Done"),
     "dropped": N_("Dropped")},
    {"idea": ("idée", "proposition", "à l'étude", "proposed"),
     "planned": ("planifié", "planifiée", "prévu", "prévue", "à faire", "todo", "scheduled"),
     "in_progress": ("en cours", "démarré", "démarrée", "commencé", "commencée", "ongoing", "started", "wip"),
     "done": ("livré", "livrée", "terminé", "terminée", "fait", "faite", "fini", "finie", "réalisé", "réalisée",
              "delivered", "finished", "completed", "complete"),
     "dropped": ("abandonné", "abandonnée", "annulé", "annulée", "cancelled", "canceled", "abandoned")})

STATE = Enumeration(
    {"current": N_("Current"), "target": N_("Target")},
    {"current": ("actuel", "actuelle", "existant", "existante", "as is", "today"),
     "target": ("cible", "futur", "future", "to be")})

OBJECTIVE = Enumeration(
    {"conquete": N_("Acquisition"), "fidelisation": N_("Loyalty"), "recommandation": N_("Advocacy"),
     "rentabilite": N_("Profitability")},
    {"conquete": ("conquest", "recrutement"), "fidelisation": ("rétention", "retention"),
     "recommandation": ("referral", "bouche à oreille"), "rentabilite": ("marge", "profit")})

QUADRANT = Enumeration(
    {"quick_win": N_("Quick win"), "major_project": N_("Major project"), "fill_in": N_("Fill-in"),
     "thankless": N_("Thankless task")})
