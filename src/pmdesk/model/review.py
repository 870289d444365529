"""The review as plain values: what every core package reads and writes.

These frozen dataclasses mirror the interchange format (shared review-format.md)
field for field. The library turns database rows into them and back; the
coach, importers, drafter and reports only ever see these, never ORM objects
or Qt types. Times are timezone-aware and in UTC; ``Review.timezone`` says
how to show them.
"""

from __future__ import annotations

import dataclasses
import enum
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypeAlias, TypeVar


class ReviewKind(enum.StrEnum):
    FULL = "full"
    SHORT = "short"


class ReviewStatus(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"


class EventKind(enum.StrEnum):
    ALERT = "alert"
    DETECTION = "detection"
    ESCALATION = "escalation"
    HYPOTHESIS = "hypothesis"
    INVESTIGATION = "investigation"
    CHANGE = "change"
    MITIGATION = "mitigation"
    COMMUNICATION = "communication"
    RESOLUTION = "resolution"
    NOTE = "note"


class SourceType(enum.StrEnum):
    MANUAL = "manual"
    SLACK = "slack"
    TRANSCRIPT = "transcript"
    PAGERDUTY = "pagerduty"
    CSV = "csv"


class Stage(enum.StrEnum):
    """Where a layer of defence acts; the board draws layers in this order."""

    PREVENT = "prevent"
    DETECT = "detect"
    RESPOND = "respond"
    RECOVER = "recover"


class FactorCategory(enum.StrEnum):
    """The usual categories; the format tolerates free text, so fields stay ``str``."""

    PEOPLE = "people"
    PROCESS = "process"
    TECHNOLOGY = "technology"
    THIRD_PARTY = "third_party"
    ENVIRONMENT = "environment"


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    WONT_DO = "wont_do"


class NoteKind(enum.StrEnum):
    LUCKY = "lucky"
    QUESTION = "question"
    PARKING = "parking"


def new_id() -> str:
    """A fresh id for a review or one of its items; stable across export and import."""
    return uuid.uuid4().hex[:12]


@dataclass(frozen=True, slots=True)
class Source:
    type: SourceType
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    role: str | None = None
    team: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    at: datetime
    kind: EventKind
    title: str
    detail: str | None = None
    knew: str | None = None
    actor: str | None = None
    source: Source | None = None
    key: bool = False


@dataclass(frozen=True, slots=True)
class Layer:
    id: str
    name: str
    stage: Stage | None = None
    order: int | None = None


@dataclass(frozen=True, slots=True)
class Factor:
    id: str
    layer: str
    text: str
    category: str | None = None
    third_party: bool = False
    on_trajectory: bool = False
    events: tuple[str, ...] = ()
    #: Other teams likely built the same defence the same way: the adjacent report lists it.
    generalisable: bool = False

    @property
    def is_third_party(self) -> bool:
        """Third party by its flag or by its category: a review may set either one."""
        return self.third_party or (self.category or "").lower() == FactorCategory.THIRD_PARTY


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    text: str
    owner: str | None = None
    outcome: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    tracker_ref: str | None = None
    factors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WentWell:
    id: str
    text: str


@dataclass(frozen=True, slots=True)
class Note:
    id: str
    kind: NoteKind
    text: str


@dataclass(frozen=True, slots=True)
class Attachment:
    id: str
    path: str
    caption: str | None = None
    event: str | None = None
    data: bytes = field(default=b"", repr=False)


@dataclass(frozen=True, slots=True)
class Metric:
    name: str
    value: float | str
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Impact:
    description: str | None = None
    metrics: tuple[Metric, ...] = ()


Item: TypeAlias = Person | Event | Layer | Factor | Action | WentWell | Note | Attachment
_T = TypeVar("_T", Person, Event, Layer, Factor, Action, WentWell, Note, Attachment)


class Part(enum.StrEnum):
    """A part of a review that a change can touch; views refresh only what changed."""

    REVIEW = "review"  # the review's own fields
    PEOPLE = "people"
    EVENTS = "events"
    LAYERS = "layers"
    FACTORS = "factors"
    ACTIONS = "actions"
    WENT_WELL = "went_well"
    NOTES = "notes"
    ATTACHMENTS = "attachments"
    DISMISSED = "dismissed"  # coach findings dismissed for this review
    MEETING = "meeting"  # the review meeting's agenda and record

    @classmethod
    def of(cls, item: Item) -> Part:
        """The part an item belongs to, so a service can say what an edit touched."""
        return _PART_OF[type(item)]


_ITEM_TYPES: dict[Part, type[Item]] = {
    Part.PEOPLE: Person,
    Part.EVENTS: Event,
    Part.LAYERS: Layer,
    Part.FACTORS: Factor,
    Part.ACTIONS: Action,
    Part.WENT_WELL: WentWell,
    Part.NOTES: Note,
    Part.ATTACHMENTS: Attachment,
}
_PART_OF: dict[type[Item], Part] = {v: k for k, v in _ITEM_TYPES.items()}

ITEM_PARTS: tuple[Part, ...] = tuple(_ITEM_TYPES)

#: The review's own fields that ``Library.update_review`` may change.
REVIEW_FIELDS: frozenset[str] = frozenset(
    {
        "title",
        "kind",
        "status",
        "severity",
        "summary",
        "narrative",
        "impact",
        "services",
        "timezone",
        "started_at",
        "detected_at",
        "mitigated_at",
        "resolved_at",
    }
)

MILESTONES: tuple[str, ...] = ("started_at", "detected_at", "mitigated_at", "resolved_at")


@dataclass(frozen=True, slots=True)
class Review:
    """One post-incident review with all of its parts, as one consistent snapshot.

    ``version`` is the library's counter for this review when the snapshot was
    taken; writes that pass it as ``expected_version`` fail instead of
    overwriting a newer state.
    """

    id: str
    title: str
    kind: ReviewKind = ReviewKind.FULL
    status: ReviewStatus = ReviewStatus.DRAFT
    severity: str | None = None
    summary: str | None = None
    narrative: str | None = None
    impact: Impact | None = None
    services: tuple[str, ...] = ()
    timezone: str | None = None
    started_at: datetime | None = None
    detected_at: datetime | None = None
    mitigated_at: datetime | None = None
    resolved_at: datetime | None = None
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    layers: tuple[Layer, ...] = ()
    factors: tuple[Factor, ...] = ()
    actions: tuple[Action, ...] = ()
    went_well: tuple[WentWell, ...] = ()
    notes: tuple[Note, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None

    def items(self, part: Part) -> Sequence[Item]:
        """The items of one part, in the review's order."""
        items: Sequence[Item] = getattr(self, part.value)
        return items

    def person(self, person_id: str | None) -> Person | None:
        """The person with this id, or None for no id or one that names nobody."""
        return _find(self.people, person_id)

    def event(self, event_id: str | None) -> Event | None:
        return _find(self.events, event_id)

    def layer(self, layer_id: str | None) -> Layer | None:
        return _find(self.layers, layer_id)

    def factor(self, factor_id: str | None) -> Factor | None:
        return _find(self.factors, factor_id)

    def action(self, action_id: str | None) -> Action | None:
        return _find(self.actions, action_id)

    def person_name(self, person_id: str | None) -> str | None:
        """The person's name, or None: callers choose their own wording for nobody."""
        person = self.person(person_id)
        return person.name if person else None

    def ordered_layers(self) -> list[Layer]:
        """Board order: ``order`` when set, then stage (prevent → recover), then as stored."""
        stage_rank = {stage: n for n, stage in enumerate(Stage)}
        unstaged = len(stage_rank)

        def rank(pair: tuple[int, Layer]) -> tuple[int, int, int]:
            """Sort key: explicit order first, then stage, unstaged layers last, then as stored."""
            index, layer = pair
            stage = stage_rank[layer.stage] if layer.stage else unstaged
            order = layer.order if layer.order is not None else 1 << 30
            return (order, stage, index)

        return [layer for _, layer in sorted(enumerate(self.layers), key=rank)]

    def events_by_time(self) -> list[Event]:
        """Events in time order; equal times keep their stored order."""
        return sorted(self.events, key=lambda event: event.at)

    def key_moments(self) -> list[Event]:
        """Key events in time order: the numbering a report's figure and its list share."""
        return [event for event in self.events_by_time() if event.key]

    def replace(self, **changes: object) -> Review:
        """A changed copy; a Review is frozen, so every edit makes a new snapshot."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def _find(items: Sequence[_T], item_id: str | None) -> _T | None:
    """The item with this id, or None for no id or a dangling one (links may outlive items)."""
    if item_id is None:
        return None
    for item in items:
        if item.id == item_id:
            return item
    return None


@dataclass(frozen=True, slots=True)
class Change:
    """What one library call changed, so views refresh only that."""

    review_id: str
    parts: frozenset[Part]
    version: int
    #: Ids of the items written or removed; empty when the call names no items
    #: (a review field, a reload), which means "anything in ``parts``".
    items: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ReviewSummary:
    """One row of the library browser: cheap to list for hundreds of reviews."""

    id: str
    title: str
    kind: ReviewKind
    status: ReviewStatus
    severity: str | None
    started_at: datetime | None
    updated_at: datetime | None
    open_actions: int
    event_count: int
    services: tuple[str, ...]
    version: int
