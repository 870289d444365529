"""Splitting a timeline into the phases of its story.

Phases are contiguous stretches of time, so that paragraphs read in order.
Their boundaries come from the review's milestones when the facilitator has set
them, and otherwise from the event kinds (the first alert marks detection, the
first mitigation step marks mitigation, and so on).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from pmdesk.clock import as_utc
from pmdesk.draft.result import Phase
from pmdesk.model import MILESTONES, Event, EventKind, Review

_DETECTING = frozenset({EventKind.ALERT, EventKind.DETECTION})
_DIAGNOSING = frozenset({EventKind.HYPOTHESIS, EventKind.INVESTIGATION})

# A position in time; the second element orders a milestone after the events of its minute
# and lets a phase start strictly after a moment.
_Key = tuple[datetime, int]


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str  # one of MILESTONES
    at: datetime


@dataclass(frozen=True, slots=True)
class PhaseSpan:
    phase: Phase
    events: tuple[Event, ...]
    milestones: tuple[Milestone, ...]


def milestones_of(review: Review) -> list[Milestone]:
    """The review's milestone times that are set, in MILESTONES order, as UTC."""
    found = []
    for name in MILESTONES:
        value = getattr(review, name)
        if isinstance(value, datetime):
            found.append(Milestone(name, as_utc(value)))
    return found


def split_phases(review: Review) -> list[PhaseSpan]:
    """The phases that hold events or milestones, in story order."""
    events = sorted(review.events, key=lambda event: as_utc(event.at))
    starts = _phase_starts(review, events)
    by_phase: dict[Phase, tuple[list[Event], list[Milestone]]] = {p: ([], []) for p in Phase}
    for event in events:
        by_phase[_phase_at(starts, (as_utc(event.at), 0))][0].append(event)
    for milestone in milestones_of(review):
        by_phase[_phase_at(starts, (milestone.at, 0))][1].append(milestone)
    return [
        PhaseSpan(phase, tuple(evs), tuple(marks))
        for phase, (evs, marks) in by_phase.items()
        if evs or marks
    ]


def _phase_starts(review: Review, events: list[Event]) -> list[tuple[_Key, Phase]]:
    """When each phase starts: milestones first, else the first event of a fitting kind."""

    def first(kinds: Iterable[EventKind], after: datetime | None = None) -> datetime | None:
        """The first event of one of kinds at or after a moment, if any."""
        wanted = frozenset(kinds)
        for event in events:
            at = as_utc(event.at)
            if event.kind in wanted and (after is None or at >= after):
                return at
        return None

    def last(kinds: Iterable[EventKind]) -> datetime | None:
        """The last event of one of kinds: follow-up starts after the last resolution."""
        wanted = frozenset(kinds)
        times = [as_utc(event.at) for event in events if event.kind in wanted]
        return times[-1] if times else None

    started = _utc(review.started_at)
    detect = _utc(review.detected_at) or first(_DETECTING) or started
    if detect is None and events:
        detect = as_utc(events[0].at)
    diagnose = first(_DIAGNOSING, after=detect) if detect else None
    mitigate = first({EventKind.MITIGATION}, after=detect) or _utc(review.mitigated_at)
    recover = _utc(review.mitigated_at) or first({EventKind.RESOLUTION})
    resolved = _utc(review.resolved_at) or last({EventKind.RESOLUTION})

    candidates: list[tuple[_Key | None, Phase]] = [
        (_key(detect, 0), Phase.DETECTION),
        (_key(diagnose, 0), Phase.DIAGNOSIS),
        (_key(mitigate, 0), Phase.MITIGATION),
        # The minute impact ends belongs to mitigation; recovery starts just after it.
        (_key(recover, 1 if review.mitigated_at else 0), Phase.RECOVERY),
        (_key(resolved, 1), Phase.FOLLOW_UP),
    ]
    starts: list[tuple[_Key, Phase]] = []
    for key, phase in candidates:
        if key is None:
            continue
        if starts and key < starts[-1][0]:
            # Out-of-order milestones: keep phases contiguous rather than interleaved.
            key = starts[-1][0]
        starts.append((key, phase))
    return starts


def _phase_at(starts: list[tuple[_Key, Phase]], key: _Key) -> Phase:
    """The phase a moment falls in: the last one started by then, lead-up before any."""
    phase = Phase.LEAD_UP
    for start, candidate in starts:
        if start <= key:
            phase = candidate
    return phase


def _utc(moment: datetime | None) -> datetime | None:
    return as_utc(moment) if moment is not None else None


def _key(moment: datetime | None, tie: int) -> _Key | None:
    """A sort key whose tie puts a milestone's own minute in the phase before or after it."""
    return (moment, tie) if moment is not None else None
