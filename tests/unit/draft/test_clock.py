"""The drafter's times: in the review's zone, counted between the minutes the reader sees."""

from __future__ import annotations

from datetime import UTC, datetime

from pmdesk.clock import Zone, minutes_between
from pmdesk.draft.prose import TimeWriter
from pmdesk.model import Review


def test_minutes_are_counted_between_shown_minutes() -> None:
    zone = Zone.of(Review(id="r", title="t"))
    start = datetime(2024, 1, 1, 14, 5, 50, tzinfo=UTC)
    end = datetime(2024, 1, 1, 14, 7, 10, tzinfo=UTC)
    assert (zone.hhmm(start), zone.hhmm(end)) == ("14:05", "14:07")
    assert minutes_between(zone, start, end) == 2


def test_writer_names_zone_once_and_dates_when_they_change() -> None:
    writer = TimeWriter(Zone.of(Review(id="r", title="t", timezone="America/New_York")))
    first = datetime(2024, 3, 10, 5, 30, tzinfo=UTC)  # 00:30 EST, the night clocks go forward
    assert writer.at(first) == "on Sunday 10 March 2024 at 00:30 (times in America/New_York)"
    assert writer.at(datetime(2024, 3, 10, 7, 15, tzinfo=UTC)) == "at 03:15"  # EDT now
    assert (
        writer.later(first, datetime(2024, 3, 10, 7, 15, tzinfo=UTC))
        == "then, 1 hour 45 minutes later"
    )
    assert writer.at(datetime(2024, 3, 11, 4, 0, tzinfo=UTC)) == "at 00:00 on Monday 11 March 2024"


def test_writer_prefers_clock_time_across_days_and_long_gaps() -> None:
    writer = TimeWriter(Zone.of(Review(id="r", title="t")))
    start = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    writer.at(start)
    assert writer.later(start, start.replace(minute=4)) == "four minutes later"
    assert writer.later(start, start.replace(minute=1)) == "a minute later"
    assert writer.later(start, start) == "at the same time"
    assert writer.later(start, start.replace(hour=20)) is None
    assert writer.later(start, start.replace(day=2)) is None
