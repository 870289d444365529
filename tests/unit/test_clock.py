"""The one clock's rules: zones, the three durations, their two wordings, dates and numbers."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.clock import (
    EARLIEST,
    LATEST,
    Zone,
    chosen_zone,
    duration_short,
    duration_words,
    durations,
    format_day,
    format_duration,
    format_number,
    in_calendar,
    minutes_between,
    parse_moment,
    wall_moment,
)
from pmdesk.errors import BadImport, BadInput
from pmdesk.model import Review


def told(review: Review) -> dict[str, int]:
    return {d.name: d.minutes for d in durations(review)}


def test_every_duration_counts_from_the_start() -> None:
    start = datetime(2026, 10, 14, 14, 2, tzinfo=UTC)
    review = Review(
        id="r",
        title="t",
        timezone="Europe/Berlin",
        started_at=start,
        detected_at=start + timedelta(minutes=1),
        mitigated_at=start + timedelta(minutes=50),
        resolved_at=start + timedelta(minutes=98),
    )
    assert told(review) == {"detect": 1, "mitigate": 50, "resolve": 98}
    assert [(d.label, d.short, d.words) for d in durations(review)] == [
        ("to detect", "1 min", "1 minute"),
        ("to mitigate", "50 min", "50 minutes"),
        ("to resolve", "1 h 38 min", "1 hour 38 minutes"),
    ]


def test_durations_are_counted_between_the_minutes_shown() -> None:
    # 14:05:50 → 14:55:10 reads "14:05" and "14:55": 50 minutes, though 49 min 20 s passed.
    review = Review(
        id="r",
        title="t",
        started_at=datetime(2026, 5, 4, 14, 5, 50, tzinfo=UTC),
        mitigated_at=datetime(2026, 5, 4, 14, 55, 10, tzinfo=UTC),
    )
    assert told(review) == {"mitigate": 50}


def test_durations_cross_midnight_and_daylight_saving() -> None:
    # Europe/Berlin goes from 03:00 CEST back to 02:00 CET on Sunday 25 October 2026.
    start = datetime(2026, 10, 24, 21, 30, tzinfo=UTC)  # 23:30 CEST on Saturday
    review = Review(
        id="r",
        title="t",
        timezone="Europe/Berlin",
        started_at=start,
        detected_at=datetime(2026, 10, 24, 22, 10, tzinfo=UTC),  # 00:10 CEST, the next day
        resolved_at=datetime(2026, 10, 25, 2, 30, tzinfo=UTC),  # 03:30 CET
    )
    zone = Zone.of(review)
    assert (zone.hhmm(start), zone.hhmm(review.resolved_at)) == ("23:30", "03:30")
    # Four wall-clock hours, but five real ones: the clock went back an hour.
    assert told(review) == {"detect": 40, "resolve": 5 * 60}


def test_a_missing_or_reversed_end_is_absent_never_zero_or_negative() -> None:
    start = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    review = Review(
        id="r",
        title="t",
        started_at=start,
        detected_at=start - timedelta(minutes=5),
        resolved_at=start + timedelta(hours=2),
    )
    assert told(review) == {"resolve": 120}
    assert durations(review.replace(started_at=None)) == ()
    same = review.replace(detected_at=start + timedelta(seconds=40))
    assert told(same)["detect"] == 0  # the same minute shown: told as such, not left out


@pytest.mark.parametrize(
    ("minutes", "short", "words"),
    [
        (0, "0 min", "less than a minute"),
        (1, "1 min", "1 minute"),
        (59, "59 min", "59 minutes"),
        (60, "1 h", "1 hour"),
        (98, "1 h 38 min", "1 hour 38 minutes"),
        (30 * 60, "30 h", "30 hours"),
        (23 * 60 + 14, "23 h 14 min", "23 hours 14 minutes"),
        (47 * 60 + 59, "47 h 59 min", "47 hours 59 minutes"),
        (48 * 60, "2 d", "2 days"),
        (51 * 60 + 5, "2 d 3 h 5 min", "2 days 3 hours 5 minutes"),
        (72 * 60 + 1, "3 d 1 min", "3 days 1 minute"),
    ],
)
def test_both_wordings_come_from_the_same_minutes(minutes: int, short: str, words: str) -> None:
    assert duration_short(minutes) == short
    assert duration_words(minutes) == words


@given(st.integers(1, 10 * 24 * 60))
def test_the_wordings_give_back_their_minutes(minutes: int) -> None:
    units = {"d": 1440, "h": 60, "min": 1, "day": 1440, "hour": 60, "minute": 1}
    for text in (duration_short(minutes), duration_words(minutes)):
        parts = text.split()
        pairs = zip(parts[::2], parts[1::2], strict=True)
        total = sum(int(n) * units[u.rstrip("s")] for n, u in pairs)
        assert total == minutes, text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (45, "45 s"), (42 * 60, "42 min"), (2 * 3600 + 5 * 60, "2 h 5 min"),
     (27 * 3600, "27 h"), (2 * 86400, "2 d")],
)  # fmt: skip
def test_stretches_in_seconds_use_the_same_rule(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_dates_name_the_year_unless_it_is_this_one_on_a_screen() -> None:
    today = date(2026, 11, 2)
    assert format_day(date(2026, 11, 30), today) == "30 Nov"
    assert format_day(date(2027, 1, 16), today) == "16 Jan 2027"
    assert format_day(date(2025, 12, 31), today) == "31 Dec 2025"
    assert format_day(date(2026, 11, 30)) == "30 Nov 2026"  # a document always names it


@pytest.mark.parametrize(
    ("value", "text"),
    [(18400, "18,400"), (18400.0, "18,400"), (2140, "2,140"), (830, "830"), (2.5, "2.5"),
     (-1250.75, "-1,250.75"), (1234567, "1,234,567"), (0, "0")],
)  # fmt: skip
def test_numbers_separate_thousands_with_commas(value: float, text: str) -> None:
    assert format_number(value) == text


def test_an_unknown_zone_is_utc_with_a_note() -> None:
    zone = Zone.named("Mars/Olympus")
    assert (zone.tz, zone.name) == (UTC, "UTC")
    assert zone.note is not None and "'Mars/Olympus'" in zone.note
    assert Zone.named(None).note is None and Zone.named("utc").name == "UTC"
    summer = datetime(2026, 7, 1, tzinfo=UTC)
    assert Zone.named("Europe/Berlin").label(summer) == "Europe/Berlin (UTC+02:00)"
    assert Zone.named("Asia/Kolkata").label(summer) == "Asia/Kolkata (UTC+05:30)"
    assert Zone.named(None).label(summer) == "UTC"
    with pytest.raises(BadImport, match="'Mars/Olympus' is not a time zone name"):
        chosen_zone("Mars/Olympus", error=BadImport)


def test_minutes_are_cut_in_the_zone_the_reader_sees() -> None:
    # Amsterdam in 1930 was 19 min 32 s ahead of UTC: its minutes do not start on UTC's.
    amsterdam = Zone.named("Europe/Amsterdam")
    start = datetime(1930, 1, 15, 11, 40, 20, tzinfo=UTC)  # 11:59:52 there (winter)
    end = start + timedelta(seconds=10)  # 12:00:02 there
    assert (amsterdam.hhmm(start), amsterdam.hhmm(end)) == ("11:59", "12:00")
    assert minutes_between(amsterdam, start, end) == 1


@pytest.mark.parametrize(
    "value",
    [
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
        "0001-01-01T12:00:00+00:00",  # fine in UTC, but not in a zone west of it
        "9999-12-31T00:30:00+00:00",
    ],
)
def test_moments_at_the_calendars_edges_are_refused_quoting_them(value: str) -> None:
    with pytest.raises(BadInput, match=re.escape(f"'{value}' is outside the calendar")):
        in_calendar(datetime.fromisoformat(value), value)
    with pytest.raises(BadInput, match=re.escape(f"'{value}' is outside the calendar")):
        parse_moment(value, "Europe/Berlin")


def test_the_edges_themselves_are_kept_and_shown_in_every_zone() -> None:
    for moment in (EARLIEST, LATEST):
        assert in_calendar(moment) == moment
        for name in ("Pacific/Kiritimati", "Pacific/Niue", "Etc/GMT+12", "Etc/GMT-14"):
            assert Zone.named(name).full(moment)


def test_a_wall_time_after_the_last_midnight_is_refused() -> None:
    with pytest.raises(BadImport, match="outside the calendar"):
        wall_moment(date(9999, 12, 30), time(0, 3), UTC, "00:03", days_later=1, error=BadImport)
    with pytest.raises(BadInput, match="'00:30' is outside"):
        wall_moment(date(1, 1, 1), time(0, 30), timezone(timedelta(hours=1)), "00:30")
    berlin = Zone.named("Europe/Berlin").tz
    assert wall_moment(date(2026, 3, 4), time(23, 50), berlin, days_later=1) == datetime(
        2026, 3, 5, 22, 50, tzinfo=UTC
    )


def test_a_typed_time_alone_near_the_edge_is_refused_not_a_crash() -> None:
    reference = datetime(9999, 12, 30, 23, 0, tzinfo=UTC)  # 9999-12-31 00:00 in Berlin
    with pytest.raises(BadInput, match="'23:30' is outside the calendar"):
        parse_moment("23:30", "Europe/Berlin", reference)
