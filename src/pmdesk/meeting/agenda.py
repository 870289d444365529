"""The meeting's agenda: time-boxed phases, saved with the review as plain JSON.

The library stores one JSON value per review (``Library.meeting``); this
module owns its shape: ``{"agenda": [...], "records": [...], "notes": "..."}``.
Reading is forgiving about what a person may have edited (unknown keys are
ignored) and strict about what would break the timers (minutes must be 1–240).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pmdesk.errors import BadInput
from pmdesk.text import clean_text, one_line

MAX_PHASES = 30
MAX_MINUTES = 240
MAX_NOTES = 100_000


class PhaseKind(enum.StrEnum):
    """What a phase is for; it decides what the presenter shows and which editor is live."""

    STAGE = "stage"
    FOLLOW_UP = "follow_up"
    STORY = "story"
    CHEESE = "cheese"
    WENT_WELL = "went_well"
    ACTIONS = "actions"
    WRAP_UP = "wrap_up"


@dataclass(frozen=True, slots=True)
class AgendaPhase:
    kind: PhaseKind
    title: str
    minutes: int

    def __post_init__(self) -> None:
        """A time box of 0 or 600 minutes is a typo; refuse it, naming the phase."""
        if not 1 <= self.minutes <= MAX_MINUTES:
            raise BadInput(f"'{self.title}' needs 1 to {MAX_MINUTES} minutes, not {self.minutes}")


#: An hour, the usual slot: most of it goes to the story and the factors.
DEFAULT_AGENDA: tuple[AgendaPhase, ...] = (
    AgendaPhase(PhaseKind.STAGE, "Set the stage", 5),
    AgendaPhase(PhaseKind.FOLLOW_UP, "Open actions from earlier reviews", 5),
    AgendaPhase(PhaseKind.STORY, "Walk the story", 15),
    AgendaPhase(PhaseKind.CHEESE, "Swiss cheese", 13),
    AgendaPhase(PhaseKind.WENT_WELL, "What went well, where we got lucky", 7),
    AgendaPhase(PhaseKind.ACTIONS, "Actions", 10),
    AgendaPhase(PhaseKind.WRAP_UP, "Wrap-up", 5),
)


def default_agenda() -> tuple[AgendaPhase, ...]:
    """The agenda every review starts with until the facilitator changes it."""
    return DEFAULT_AGENDA


@dataclass(frozen=True, slots=True)
class MeetingData:
    """Everything pmdesk keeps about a review's meetings: agenda, past records, private notes.

    ``records`` stay plain dicts (see ``record.MeetingRecord.to_json``) so a
    record written by a newer pmdesk survives a round trip through an older one.
    """

    agenda: tuple[AgendaPhase, ...] = DEFAULT_AGENDA
    records: tuple[Mapping[str, Any], ...] = ()
    notes: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> MeetingData:
        """Read what the store kept; keys this version does not know are carried in extra."""
        if not data:
            return cls()
        agenda_data = data.get("agenda")
        agenda = read_agenda(agenda_data) if agenda_data else DEFAULT_AGENDA
        records = data.get("records") or ()
        if not isinstance(records, list | tuple):
            raise BadInput("the stored meeting records are not a list")
        notes = data.get("notes") or ""
        if not isinstance(notes, str):
            raise BadInput("the stored meeting notes are not text")
        extra = {k: v for k, v in data.items() if k not in ("agenda", "records", "notes")}
        return cls(
            agenda=agenda,
            records=tuple(r for r in records if isinstance(r, Mapping)),
            notes=notes,
            extra=extra,
        )

    def to_json(self) -> dict[str, Any]:
        """The stored form, unknown keys from a newer pmdesk written back unchanged."""
        data: dict[str, Any] = dict(self.extra)
        data["agenda"] = [
            {"kind": p.kind.value, "title": p.title, "minutes": p.minutes} for p in self.agenda
        ]
        data["records"] = [dict(r) for r in self.records]
        data["notes"] = self.notes
        return data

    def with_agenda(self, agenda: Sequence[AgendaPhase]) -> MeetingData:
        return MeetingData(tuple(agenda), self.records, self.notes, self.extra)

    def with_notes(self, notes: str) -> MeetingData:
        """Notes are cleaned and capped at MAX_NOTES, so a paste cannot bloat the review."""
        return MeetingData(self.agenda, self.records, clean_text(notes)[:MAX_NOTES], self.extra)

    def with_record(self, record: Mapping[str, Any]) -> MeetingData:
        """Records only grow: a past meeting is never rewritten."""
        return MeetingData(self.agenda, (*self.records, dict(record)), self.notes, self.extra)


def read_agenda(data: object) -> tuple[AgendaPhase, ...]:
    """Phases from stored JSON; a bad entry names its position."""
    if not isinstance(data, list) or not data:
        raise BadInput("the stored agenda is not a list of phases")
    if len(data) > MAX_PHASES:
        raise BadInput(f"an agenda has at most {MAX_PHASES} phases, this one has {len(data)}")
    phases = []
    for n, entry in enumerate(data, start=1):
        if not isinstance(entry, Mapping):
            raise BadInput(f"agenda phase {n} is not an object")
        try:
            kind = PhaseKind(str(entry.get("kind")))
        except ValueError:
            raise BadInput(f"agenda phase {n} has an unknown kind {entry.get('kind')!r}") from None
        minutes = entry.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool):
            raise BadInput(f"agenda phase {n} needs whole minutes")
        phases.append(AgendaPhase(kind, phase_title(entry.get("title"), kind), minutes))
    return tuple(phases)


def phase_title(text: object, kind: PhaseKind) -> str:
    """A phase title as typed, cleaned to one line; blank falls back to the default title."""
    if isinstance(text, str) and text.strip():
        return one_line(clean_text(text), 80)
    return next(p.title for p in DEFAULT_AGENDA if p.kind is kind)


def total_minutes(agenda: Sequence[AgendaPhase]) -> int:
    """The whole agenda's length, for the planned end time."""
    return sum(p.minutes for p in agenda)
