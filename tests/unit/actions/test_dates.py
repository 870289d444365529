"""Due dates as people say them, read against a meeting on Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.actions.dates import describe, find_due, parse_due, read_expression

WED = date(2026, 11, 25)
SPRINT_END = date(2026, 12, 4)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("by 15 Dec", date(2026, 12, 15)),
        ("by 2026-12-15", date(2026, 12, 15)),
        ("2026/12/15", date(2026, 12, 15)),
        ("by Friday", date(2026, 11, 27)),
        ("by Fri", date(2026, 11, 27)),
        ("this Friday", date(2026, 11, 27)),
        ("next Friday", date(2026, 12, 4)),
        ("Friday next week", date(2026, 12, 4)),
        ("by Wednesday", date(2026, 12, 2)),
        ("by Monday", date(2026, 11, 30)),
        ("EOW", date(2026, 11, 27)),
        ("by end of the week", date(2026, 11, 27)),
        ("by the end of next week", date(2026, 12, 4)),
        ("next week", date(2026, 11, 30)),
        ("end of month", date(2026, 11, 30)),
        ("EOM", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("next month", date(2026, 12, 1)),
        ("in 2 weeks", date(2026, 12, 9)),
        ("in two weeks", date(2026, 12, 9)),
        ("2 weeks from now", date(2026, 12, 9)),
        ("within 10 days", date(2026, 12, 5)),
        ("in a month", date(2026, 12, 25)),
        ("in a couple of weeks", date(2026, 12, 9)),
        ("within 3 business days", date(2026, 11, 30)),
        ("in a fortnight", date(2026, 12, 9)),
        ("by Q1", date(2027, 3, 31)),
        ("by Q4", date(2026, 12, 31)),
        ("Q3 2027", date(2027, 9, 30)),
        ("by H1", date(2027, 6, 30)),
        ("end of quarter", date(2026, 12, 31)),
        ("EOY", date(2026, 12, 31)),
        ("tomorrow", date(2026, 11, 26)),
        ("day after tomorrow", date(2026, 11, 27)),
        ("today", WED),
        ("EOD", WED),
        ("by Dec 15th, 2027", date(2027, 12, 15)),
        ("by the 15th of December", date(2026, 12, 15)),
        ("15 December 2026", date(2026, 12, 15)),
        ("by 3 Jan", date(2027, 1, 3)),
        ("by mid-Dec", date(2026, 12, 15)),
        ("end of January", date(2027, 1, 31)),
        ("by 15/12", date(2026, 12, 15)),
        ("by 12/15", date(2026, 12, 15)),
        ("by 3/4", date(2027, 4, 3)),
        ("by 29 Feb", date(2028, 2, 29)),
        ("no later than 1 Dec", date(2026, 12, 1)),
        ("by Friday 4 Dec", date(2026, 12, 4)),
        ("Fri, 4th December", date(2026, 12, 4)),
        ("by Mon 2026-11-30", date(2026, 11, 30)),
        ("by the 1st", date(2026, 12, 1)),
        ("by the 30th", date(2026, 11, 30)),
    ],
)
def test_common_forms(phrase: str, expected: date) -> None:
    assert parse_due(phrase, WED) == expected


@pytest.mark.parametrize("phrase", ["end of sprint", "by EOS", "by the end of the sprint"])
def test_end_of_sprint_needs_the_sprint_end(phrase: str) -> None:
    assert parse_due(phrase, WED, sprint_end=SPRINT_END) == SPRINT_END
    reading = read_expression(phrase, WED)
    assert reading is not None
    assert reading.due is None
    assert reading.note == "the sprint's end date is not set"


def test_a_sprint_that_already_ended_is_not_used() -> None:
    reading = read_expression("end of sprint", WED, sprint_end=WED - timedelta(days=1))
    assert reading is not None
    assert reading.due is None
    assert "ended" in (reading.note or "")


@pytest.mark.parametrize(
    ("phrase", "note"),
    [("by 3/4", "read as day/month"), ("by 12/15", "read as month/day")],
)
def test_numeric_dates_say_how_they_were_read(phrase: str, note: str) -> None:
    reading = read_expression(phrase, WED)
    assert reading is not None
    assert (reading.note or "").startswith(note)


@pytest.mark.parametrize(
    "phrase", ["2026-02-30", "by 31/02", "Q5", "in 900 days", "by someday", "", "by"]
)
def test_impossible_or_unknown_dates_are_not_dates(phrase: str) -> None:
    assert parse_due(phrase, WED) is None


@pytest.mark.parametrize(
    "line",
    [
        "keep logs for 30 days",
        "support 24/7",
        "deploy friday canary builds",
        "raise the Q1 OKR",
        "the may release",
        "read rfc 2026 section 3",
        "cut retries from 5 to 3",
    ],
)
def test_numbers_in_running_text_are_not_due_dates(line: str) -> None:
    assert find_due(line, WED) is None


def test_find_due_gives_the_span_to_cut() -> None:
    line = "add an alert for replication lag > 30s (by 15 Dec) please"
    match = find_due(line, WED)
    assert match is not None
    assert match.phrase == "by 15 Dec"
    assert match.due == date(2026, 12, 15)
    assert line[match.start : match.end] == "(by 15 Dec)"


def test_a_prefixed_date_wins_over_a_bare_one() -> None:
    match = find_due("move the 2026-12-01 freeze review due 10 Dec", WED)
    assert match is not None
    assert match.due == date(2026, 12, 10)


def test_bare_weekday_counts_only_at_the_end() -> None:
    match = find_due("fix it Friday", WED)
    assert match is not None
    assert match.due == date(2026, 11, 27)


def test_describe_ignores_the_locale() -> None:
    assert describe(date(2026, 12, 15)) == "Tue 15 Dec 2026"


@given(st.text(max_size=200), st.dates())
def test_no_text_crashes_the_reader(text: str, today: date) -> None:
    due = parse_due(text, today, sprint_end=today + timedelta(days=5))
    match = find_due(text, today)
    assert due is None or isinstance(due, date)
    if match is not None:
        assert 0 <= match.start < match.end <= len(text)


_FORMS = st.sampled_from(
    ["by Friday", "next Monday", "EOW", "end of month", "in 3 weeks", "by Q2", "tomorrow"]
)


@given(_FORMS, st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_relative_forms_are_never_in_the_past(phrase: str, today: date) -> None:
    due = parse_due(phrase, today)
    assert due is not None
    assert today <= due <= today + timedelta(days=366)


def test_a_weekday_that_does_not_fit_the_date_is_pointed_out() -> None:
    reading = read_expression("by Thu 4 Dec", WED)
    assert reading is not None
    assert reading.due == date(2026, 12, 4)
    assert reading.note == "Fri 4 Dec 2026 is not a Thursday; check the date"


def test_hyphenated_words_read_like_spaced_ones() -> None:
    assert parse_due("by end-of-sprint", WED, sprint_end=SPRINT_END) == SPRINT_END
