"""A typed from/to window: the rule the import dialog relies on, tested without Qt."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pmdesk.clock import parse_window
from pmdesk.errors import BadInput

STARTED = datetime(2026, 10, 14, 14, 2, tzinfo=UTC)


def test_bare_times_fall_on_the_day_given_else_on_the_reviews_day() -> None:
    assert parse_window("15:00", "", "Europe/Berlin", STARTED) == (
        datetime(2026, 10, 14, 13, 0, tzinfo=UTC),
        None,
    )
    since, until = parse_window("23:30", "2026-03-05 01:00", "Europe/Berlin", STARTED,
                                date(2026, 3, 4))  # fmt: skip
    assert since == datetime(2026, 3, 4, 22, 30, tzinfo=UTC)
    assert until == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)
    assert parse_window("", "  ", "UTC") == (None, None)


@pytest.mark.parametrize(
    ("since", "until", "words"),
    [
        ("soon", "", "from: 'soon'"),
        ("", "25:99", "to: '25:99'"),
        ("2026-10-14 15:00", "2026-10-14 14:00", "the end of the window is before its start"),
    ],
)
def test_a_bad_window_says_which_end(since: str, until: str, words: str) -> None:
    with pytest.raises(BadInput, match=words):
        parse_window(since, until, "UTC", STARTED)
