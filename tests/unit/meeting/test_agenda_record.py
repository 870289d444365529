"""The agenda and meeting records survive the library's JSON; bad stored data is refused by name."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.errors import BadInput
from pmdesk.meeting.agenda import (
    DEFAULT_AGENDA,
    AgendaPhase,
    MeetingData,
    PhaseKind,
    read_agenda,
    total_minutes,
)
from pmdesk.meeting.capture import CaptureKind
from pmdesk.meeting.record import MeetingRecord, build_record
from pmdesk.meeting.timer import MeetingClock

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def test_default_agenda_follows_the_design_and_fits_an_hour() -> None:
    assert [p.kind for p in DEFAULT_AGENDA] == list(PhaseKind)
    assert total_minutes(DEFAULT_AGENDA) == 60


def test_no_stored_data_means_the_default_agenda() -> None:
    assert MeetingData.from_json(None).agenda == DEFAULT_AGENDA


phases = st.builds(
    AgendaPhase,
    st.sampled_from(PhaseKind),
    st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and t.isprintable()),
    st.integers(1, 240),
)


@given(st.lists(phases, min_size=1, max_size=10), st.text(max_size=200))
def test_meeting_data_round_trips_through_json(agenda: list[AgendaPhase], notes: str) -> None:
    data = MeetingData().with_agenda(agenda).with_notes(notes)
    again = MeetingData.from_json(json.loads(json.dumps(data.to_json())))
    assert [p.kind for p in again.agenda] == [p.kind for p in agenda]
    assert [p.minutes for p in again.agenda] == [p.minutes for p in agenda]
    assert again.notes == data.notes


def test_unknown_keys_are_kept() -> None:
    data = MeetingData.from_json({"agenda": None, "future": [1, 2]})
    assert data.to_json()["future"] == [1, 2]


@pytest.mark.parametrize(
    ("stored", "words"),
    [
        ("x", "not a list"),
        ([{"kind": "story", "minutes": 0}], "1 to 240"),
        ([{"kind": "story", "minutes": 5}, {"kind": "nap", "minutes": 5}], "phase 2"),
        ([{"kind": "story", "minutes": "5"}], "whole minutes"),
        ([{"kind": "story", "minutes": True}], "whole minutes"),
    ],
)
def test_bad_stored_agenda_is_refused_by_name(stored: object, words: str) -> None:
    with pytest.raises(BadInput, match=words):
        read_agenda(stored)


def test_blank_title_falls_back_to_the_default() -> None:
    (phase,) = read_agenda([{"kind": "cheese", "title": "  ", "minutes": 9}])
    assert phase.title == "Swiss cheese"


def test_record_says_who_came_how_long_and_what_was_added() -> None:
    clock = MeetingClock.start(len(DEFAULT_AGENDA), T0).go_to(2, T0 + timedelta(minutes=6))
    end = T0 + timedelta(minutes=20)
    record = build_record(
        clock,
        DEFAULT_AGENDA,
        now=end,
        attendees=["Priya Natarajan (Incident commander)"],
        added=[(CaptureKind.FACTOR, "no alert on lag"), (CaptureKind.ACTION, "Add lag alert")],
    )
    assert record.duration == 20 * 60
    assert [s for _, _, s in record.phases[:3]] == [360, 0, 14 * 60]
    summary = record.summary("Europe/Berlin")
    assert "Priya Natarajan (Incident commander)" in summary
    assert "Walk the story: 14 min of 15 min" in summary
    assert "1 factor, 1 action" in summary
    assert MeetingRecord.from_json(json.loads(json.dumps(record.to_json()))) == record


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"started_at": 5, "ended_at": "2026-01-01T10:00:00+00:00"},
        {"started_at": "2026-01-01T09:00:00+00:00", "ended_at": "2026-01-01T10:00:00+00:00",
         "phases": [{"title": "x", "minutes": 5, "seconds": 10**400}]},
        {"started_at": "2026-01-01T09:00:00+00:00", "ended_at": "2026-01-01T10:00:00+00:00",
         "phases": "not a list of phases"},
        {"started_at": "2026-01-01T09:00:00+00:00", "ended_at": "2026-01-01T10:00:00+00:00",
         "added": [{"kind": "nap", "text": "x"}]},
    ],
)  # fmt: skip
def test_a_record_from_someone_elses_file_fails_only_in_the_ways_the_console_catches(
    record: dict[str, object],
) -> None:
    """Records arrive in .pmreview files now; the console lists a bad one as unreadable."""
    with pytest.raises((KeyError, ValueError, TypeError)):
        MeetingRecord.from_json(record)
