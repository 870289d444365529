"""Phases from milestones when set, from event kinds otherwise; always contiguous in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pmdesk.draft import Phase
from pmdesk.draft.phases import split_phases
from pmdesk.model import Event, EventKind, Review

T0 = datetime(2024, 5, 2, 9, 0, tzinfo=UTC)


def _events(*kinds: EventKind) -> tuple[Event, ...]:
    return tuple(
        Event(f"e{i}", T0 + timedelta(minutes=5 * i), kind, f"step {i}")
        for i, kind in enumerate(kinds)
    )


def _phases(review: Review) -> dict[Phase, list[str]]:
    return {part.phase: [e.id for e in part.events] for part in split_phases(review)}


def test_phases_from_event_kinds_alone() -> None:
    k = EventKind
    review = Review(
        id="r",
        title="t",
        events=_events(
            k.CHANGE, k.ALERT, k.ESCALATION, k.INVESTIGATION, k.MITIGATION, k.RESOLUTION, k.NOTE
        ),
    )
    assert _phases(review) == {
        Phase.LEAD_UP: ["e0"],
        Phase.DETECTION: ["e1", "e2"],
        Phase.DIAGNOSIS: ["e3"],
        Phase.MITIGATION: ["e4"],
        Phase.RECOVERY: ["e5"],
        Phase.FOLLOW_UP: ["e6"],
    }


def test_milestones_set_the_boundaries() -> None:
    events = _events(*[EventKind.NOTE] * 8)  # kinds say nothing; times decide
    review = Review(
        id="r",
        title="t",
        events=events,
        started_at=T0 + timedelta(minutes=5),
        detected_at=T0 + timedelta(minutes=10),
        mitigated_at=T0 + timedelta(minutes=25),
        resolved_at=T0 + timedelta(minutes=30),
    )
    phases = _phases(review)
    assert phases[Phase.LEAD_UP] == ["e0", "e1"]
    assert phases[Phase.DETECTION][0] == "e2"
    # No mitigation step is recorded, so mitigation is the moment impact ended;
    # the moment of resolution is told with recovery.
    assert phases[Phase.MITIGATION] == ["e5"]
    assert phases[Phase.RECOVERY] == ["e6"]
    assert phases[Phase.FOLLOW_UP] == ["e7"]
    marks = {m.name: part.phase for part in split_phases(review) for m in part.milestones}
    assert marks == {
        "started_at": Phase.LEAD_UP,
        "detected_at": Phase.DETECTION,
        "mitigated_at": Phase.MITIGATION,
        "resolved_at": Phase.RECOVERY,
    }


def test_out_of_order_milestones_keep_phases_contiguous() -> None:
    review = Review(
        id="r",
        title="t",
        events=_events(EventKind.ALERT, EventKind.MITIGATION, EventKind.NOTE),
        detected_at=T0 + timedelta(minutes=10),  # after the mitigation step
    )
    order = [part.phase for part in split_phases(review)]
    assert order == sorted(order, key=list(Phase).index)
    times = [e.at for part in split_phases(review) for e in part.events]
    assert times == sorted(times)
