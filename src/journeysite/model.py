"""The journey model: plain, immutable dataclasses built by ``load``.

Every item keeps its ``Location`` (source path relative to the site root and
the line of each key) so problems can point at the offending line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Mapping, TypeVar

from .enumerations import OBJECTIVE, QUADRANT, STATE, STATUS
from .vocabulary import Vocabulary

CURRENT, TARGET = "current", "target"
STATES = STATE.ids  # a journey as lived today (current), or as the company wants it (target)
STATUSES = STATUS.ids
DONE, DROPPED = "done", "dropped"
OBJECTIVES = OBJECTIVE.ids
QUADRANTS = QUADRANT.ids  # arbitration matrix, docs/format.md


@dataclass(frozen=True)
class Location:
    """Where an item was written: ``path`` from the site root, ``line`` of its start."""

    path: str
    line: int = 1
    key_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    body_line: int = 1

    def at(self, key: str) -> int:
        """The line of ``key``, or of the item when the key is absent."""
        return self.key_lines.get(key, self.line)


# -- referential ---------------------------------------------------------------

@dataclass(frozen=True)
class Stage:
    id: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Channel:
    id: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class EmotionLevel:
    id: str
    label: str
    score: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    weight: float = 1.0
    inverse: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Department:
    """A department (direction) of the company: owns chantiers and touchpoints."""

    id: str
    label: str
    aliases: tuple[str, ...] = ()


_Item = TypeVar("_Item", Stage, Channel, EmotionLevel, Criterion, Department)


def _by_id(items: Iterable[_Item]) -> dict[str, _Item]:
    """Items by id, the first one winning (as a scan in order would find it)."""
    found: dict[str, _Item] = {}
    for item in items:
        found.setdefault(item.id, item)
    return found


@dataclass(frozen=True)
class Referential:
    """Stages, channels, emotion scale and criteria shared by all journeys.

    Lookups by id are dictionaries built once (views call them for every touchpoint); so are the
    ``vocabularies`` that read what people write (an id, a label or an alias of each list).
    """

    stages: tuple[Stage, ...]
    channels: tuple[Channel, ...]
    emotions: tuple[EmotionLevel, ...]
    criteria: tuple[Criterion, ...]
    departments: tuple[Department, ...] = ()  # optional: without it, department names are free text
    currency: str = "EUR"                     # ISO 4217 code of chantier budgets

    @cached_property
    def _stages(self) -> dict[str, Stage]:
        return _by_id(self.stages)

    @cached_property
    def _channels(self) -> dict[str, Channel]:
        return _by_id(self.channels)

    @cached_property
    def _emotions(self) -> dict[str, EmotionLevel]:
        return _by_id(self.emotions)

    @cached_property
    def _criteria(self) -> dict[str, Criterion]:
        return _by_id(self.criteria)

    @cached_property
    def vocabularies(self) -> dict[str, Vocabulary]:
        """The words of each list (``stages``, ``channels``, ``emotions``, ``criteria``, ``departments``), by list
        name."""
        return {name: Vocabulary.of(getattr(self, name))
                for name in ("stages", "channels", "emotions", "criteria", "departments")}

    @cached_property
    def emotion_ranks(self) -> dict[str, int]:
        """Each level's rank on the scale: 0 for the best (highest score); ties keep the scale's order."""
        ranked = sorted(self.emotions, key=lambda e: -e.score)
        return {e.id: rank for rank, e in enumerate(ranked)}

    def stage(self, stage_id: str) -> Stage | None:
        return self._stages.get(stage_id)

    def channel(self, channel_id: str) -> Channel | None:
        return self._channels.get(channel_id)

    def emotion(self, emotion_id: str | None) -> EmotionLevel | None:
        return self._emotions.get(emotion_id) if emotion_id is not None else None

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._criteria.get(criterion_id)

    @cached_property
    def _departments(self) -> dict[str, Department]:
        return _by_id(self.departments)

    def department(self, value: str) -> Department | None:
        """The listed department that ``value`` names (its id, label or an alias; accents, case, spaces
        and dashes ignored: the ``departments`` vocabulary), or None (always None when the site lists none)."""
        found = self.vocabularies["departments"].resolve(value) if value else None
        return self._departments.get(found) if found else None

    def stage_label(self, stage_id: str) -> str:
        """The label of a stage, or its id when the referential lacks it (reported elsewhere)."""
        stage = self._stages.get(stage_id)
        return stage.label if stage else stage_id

    def channel_label(self, channel_id: str) -> str:
        """The label of a channel, or its id when the referential lacks it (reported elsewhere)."""
        channel = self._channels.get(channel_id)
        return channel.label if channel else channel_id


# -- content -------------------------------------------------------------------

@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    location: Location
    segment: str = ""
    quote: str = ""
    photo: str = ""
    goals: tuple[str, ...] = ()
    expectations: tuple[str, ...] = ()
    frustrations: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    metrics: Mapping[str, float] = field(default_factory=dict)
    body: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Touchpoint:
    id: str
    stage: str
    channel: str
    action: str
    location: Location
    step: str = ""
    emotion: str | None = None
    moment_of_truth: bool = False
    importance_customer: int | None = None
    importance_business: int | None = None
    rupture: bool = False
    expectations: tuple[str, ...] = ()
    irritants: tuple[str, ...] = ()
    enchantements: tuple[str, ...] = ()
    verbatims: tuple[str, ...] = ()
    metrics: Mapping[str, float] = field(default_factory=dict)
    data: tuple[str, ...] = ()
    contact_reasons: tuple[str, ...] = ()
    owner: str = ""
    chantiers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    location: Location
    personas: tuple[str, ...] = ()
    state: str = CURRENT
    target: str | None = None
    stages: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    touchpoints: tuple[Touchpoint, ...] = ()
    body: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)

    def touchpoint(self, touchpoint_id: str) -> Touchpoint | None:
        return next((t for t in self.touchpoints if t.id == touchpoint_id), None)

    @cached_property
    def listed(self) -> tuple[Listed, ...]:
        """Its touchpoints as listings across journeys show them, made once per journey: under ``mkdocs serve``
        a journey whose file did not change is kept from build to build, and so are these (a rebuild finds
        their fingerprints known, incremental.py)."""
        return tuple(Listed(self.id, self.title, self.state, touchpoint, position, self.personas)
                     for position, touchpoint in enumerate(self.touchpoints, start=1))


@dataclass(frozen=True)
class Chantier:
    id: str
    title: str
    location: Location
    department: str = ""
    owner: str = ""
    status: str = "idea"
    quarter: str = ""
    budget: float | None = None
    scores: Mapping[str, int] = field(default_factory=dict)
    objectives: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    body: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChannelPage:
    """The optional page of a channel of the referential."""

    id: str
    location: Location
    owner: str = ""
    body: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict)


BROKEN = "broken"  # the kind of a source page that cannot be read


@dataclass(frozen=True)
class SourcePage:
    """A Markdown file of docs_dir: ``kind`` is None for an ordinary page, ``broken`` when unreadable.

    ``text`` keeps the whole text of an ordinary page that embeds views (directives). A broken file
    keeps in ``item_id`` and ``declared`` the id and kind it says it defines, as far as can be told
    (its ``type:`` line, its ``id:`` line or its file name): references to that item are about this file.
    """

    doc_path: str
    path: str
    kind: str | None
    item_id: str | None = None
    text: str = ""
    declared: str | None = None


@dataclass(frozen=True)
class Listed:
    """A touchpoint in a listing across journeys: with its journey's id, title, state and personas (what a
    listing shows of it; a page built from these depends on nothing else of the journey)."""

    journey_id: str
    journey_title: str
    journey_state: str
    touchpoint: Touchpoint
    position: int = 0  # in its journey, from 1
    journey_personas: tuple[str, ...] = ()

    @property
    def ref(self) -> str:
        """``JOURNEY#TOUCHPOINT``."""
        return f"{self.journey_id}#{self.touchpoint.id}"


@dataclass(frozen=True)
class Site:
    """A whole journey site: referential, content, and every source page; ``files``, docs_dir's other
    files (MkDocs copies them as they are), ``blocked``, the links in docs_dir never to publish."""

    referential: Referential
    language: str = "fr"
    personas: Mapping[str, Persona] = field(default_factory=dict)
    journeys: Mapping[str, Journey] = field(default_factory=dict)
    chantiers: Mapping[str, Chantier] = field(default_factory=dict)
    channel_pages: Mapping[str, ChannelPage] = field(default_factory=dict)
    pages: tuple[SourcePage, ...] = ()
    docs_prefix: str = ""
    files: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()

    def journeys_of(self, persona_id: str | None = None, state: str | None = None) -> list[Journey]:
        """The journeys of ``persona_id`` in ``state`` (either may be None: any), by id."""
        return [self.journeys[j] for j in sorted(self.journeys)
                if (persona_id is None or persona_id in self.journeys[j].personas)
                and (state is None or self.journeys[j].state == state)]

    def title(self, kind: str, item_id: str) -> str | None:
        """The title of a persona (its name), journey or chantier; None when there is no such item."""
        items: Mapping[str, Any] = {"persona": self.personas, "journey": self.journeys,
                                    "chantier": self.chantiers}.get(kind, {})
        item = items.get(item_id)
        if item is None:
            return None
        return item.name if kind == "persona" else item.title

    def touchpoints_on(self, channel_id: str) -> list[Listed]:
        """The touchpoints on ``channel_id``, across journeys by title (then id), each in journey order,
        with what a listing shows of its journey."""
        return self._listing(lambda journey, touchpoint: touchpoint.channel == channel_id)

    def touchpoints_in(self, refs: tuple[str, ...]) -> list[Listed]:
        """The touchpoints ``refs`` names (``JOURNEY#TOUCHPOINT``), listed as ``touchpoints_on`` lists them."""
        wanted = set(refs)
        named = {ref.partition("#")[0] for ref in wanted}  # only the journeys they name are walked
        return self._listing(lambda journey, touchpoint: f"{journey.id}#{touchpoint.id}" in wanted,
                             [journey for journey_id, journey in self.journeys.items() if journey_id in named])

    def _listing(self, keep: Callable[[Journey, Touchpoint], bool], journeys: Iterable[Journey] | None = None
                 ) -> list[Listed]:
        return [listed for journey in sorted(self.journeys.values() if journeys is None else journeys,
                                             key=lambda j: (j.title.casefold(), j.id))
                for listed in journey.listed if keep(journey, listed.touchpoint)]

    def listed(self, ref: str) -> Listed | None:
        """The touchpoint named ``JOURNEY#TOUCHPOINT`` as a listing shows it, if any."""
        journey_id, _, touchpoint_id = ref.partition("#")
        journey = self.journeys.get(journey_id)
        return next((listed for listed in journey.listed if listed.touchpoint.id == touchpoint_id),
                    None) if journey else None

    def journeys_targeting(self, journey_id: str) -> list[Journey]:
        """The journeys that name ``journey_id`` as their ``target``, by id."""
        return [self.journeys[j] for j in sorted(self.journeys) if self.journeys[j].target == journey_id]

    def chantiers_depending_on(self, chantier_id: str) -> list[Chantier]:
        """The chantiers whose ``depends_on`` names ``chantier_id``, by id."""
        return [self.chantiers[c] for c in sorted(self.chantiers) if chantier_id in self.chantiers[c].depends_on]

    def broken_file(self, kind: str, item_id: str) -> str | None:
        """The path of the file that cannot be read and says it defines the ``kind`` ``item_id`` (by its
        ``type:`` and ``id:`` lines or its name), if any: what references to that item wait for."""
        return next((page.path for page in self.pages if page.kind == BROKEN and page.item_id == item_id
                     and page.declared in (kind, None)), None)

    def touchpoint(self, ref: str) -> Touchpoint | None:
        """The touchpoint named ``JOURNEY#TOUCHPOINT``, if any."""
        journey_id, _, touchpoint_id = ref.partition("#")
        journey = self.journeys.get(journey_id)
        return journey.touchpoint(touchpoint_id) if journey else None
