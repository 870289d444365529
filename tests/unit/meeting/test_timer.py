"""Countdowns are functions of the time: pausing, moving between phases and overrun signals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pmdesk.meeting.agenda import DEFAULT_AGENDA, total_minutes
from pmdesk.meeting.timer import (
    MeetingClock,
    Overrun,
    format_countdown,
    overall_remaining,
    overrun,
    phase_overrun,
    phase_remaining,
)

T0 = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_a_running_phase_counts_down_and_the_meeting_with_it() -> None:
    clock = MeetingClock.start(len(DEFAULT_AGENDA), T0)
    assert phase_remaining(clock, DEFAULT_AGENDA, at(2)) == (DEFAULT_AGENDA[0].minutes - 2) * 60
    assert (
        overall_remaining(clock, DEFAULT_AGENDA, at(2)) == (total_minutes(DEFAULT_AGENDA) - 2) * 60
    )


def test_paused_time_is_not_counted() -> None:
    clock = MeetingClock.start(len(DEFAULT_AGENDA), T0).pause(at(1)).resume(at(11))
    assert clock.phase_spent(at(12)) == 120


def test_time_stays_with_the_phase_it_was_spent_in() -> None:
    clock = MeetingClock.start(len(DEFAULT_AGENDA), T0).go_to(1, at(4)).go_to(0, at(7))
    assert clock.phase_spent(at(8), 0) == 5 * 60
    assert clock.phase_spent(at(8), 1) == 3 * 60
    assert clock.total_spent(at(8)) == 8 * 60


def test_go_to_stays_inside_the_agenda() -> None:
    clock = MeetingClock.start(3, T0)
    assert clock.go_to(7, at(1)).phase == 2
    assert clock.go_to(-1, at(1)).phase == 0


def test_resize_keeps_spent_time_of_remaining_phases() -> None:
    clock = MeetingClock.start(3, T0).go_to(2, at(5))
    smaller = clock.resize(2)
    assert smaller.phase == 1
    assert smaller.spent == (300.0, 0.0)
    assert clock.resize(4).spent[:1] == (300.0,)


def test_overrun_is_gentle_then_firmer() -> None:
    clock = MeetingClock.start(len(DEFAULT_AGENDA), T0)  # 5-minute first phase
    assert phase_overrun(clock, DEFAULT_AGENDA, at(1)) is Overrun.ON_TIME
    assert phase_overrun(clock, DEFAULT_AGENDA, at(4.5)) is Overrun.NEARLY
    assert phase_overrun(clock, DEFAULT_AGENDA, at(6)) is Overrun.OVER
    assert phase_overrun(clock, DEFAULT_AGENDA, at(9)) is Overrun.WELL_OVER


@given(st.floats(60, 14400), st.floats(-20000, 20000))
def test_overrun_only_grows_as_time_runs_out(box: float, remaining: float) -> None:
    order = list(Overrun)
    assert order.index(overrun(box, remaining)) <= order.index(overrun(box, remaining - 30))


def test_countdown_text() -> None:
    assert format_countdown(300) == "5:00"
    assert format_countdown(59.2) == "1:00"
    assert format_countdown(3725) == "1:02:05"
    assert format_countdown(-190) == "+3:10"


@given(st.floats(-86400, 86400))
def test_countdown_text_reads_back(seconds: float) -> None:
    text = format_countdown(seconds)
    sign = -1 if text.startswith("+") else 1
    parts = [int(p) for p in text.lstrip("+").split(":")]
    value = parts[-1] + 60 * parts[-2] + (3600 * parts[0] if len(parts) == 3 else 0)
    assert abs(sign * value - seconds) < 1.0 or (sign == -1 and -1 < seconds < 0)
