"""Plain-text chat transcripts: the common shapes, zones, missing dates, midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pmdesk.errors import BadImport
from pmdesk.ingest import load_source
from pmdesk.ingest.transcript import load_transcript

DAY = date(2026, 3, 4)


@pytest.mark.parametrize(
    ("line", "name", "clock"),
    [
        ("[14:32] alex: rolled back", "alex", (13, 32, 0)),
        ("[14:32:05] Alex Kim: rolled back", "Alex Kim", (13, 32, 5)),
        ("2026-03-04 14:32 Alex: rolled back", "Alex", (13, 32, 0)),
        ("2026-03-04T14:32:05 - Alex: rolled back", "Alex", (13, 32, 5)),
        ("[3/4/2026 2:32 PM] Alex Kim: rolled back", "Alex Kim", (13, 32, 0)),
        ("14:32:05 From Alex Kim to Everyone: rolled back", "Alex Kim", (13, 32, 5)),
        ("14:32:05\t From  Alex Kim : rolled back", "Alex Kim", (13, 32, 5)),
    ],
)
def test_common_shapes(line: str, name: str, clock: tuple[int, int, int]) -> None:
    result = load_transcript(line, tz="Europe/Berlin", default_date=DAY)
    (message,) = result.messages
    assert (message.author_name, message.text) == (name, "rolled back")
    assert message.at == datetime(2026, 3, 4, *clock, tzinfo=UTC)


def test_continuation_lines_and_zoom_text_on_the_next_line() -> None:
    text = "14:00:00 From Ana Silva to Everyone:\n\tfirst line\n\tsecond line\n[14:01] Ben: ok"
    result = load_transcript(text, default_date=DAY)
    assert [m.text for m in result.messages] == ["first line\nsecond line", "ok"]
    assert [p.name for p in result.people] == ["Ana Silva", "Ben"]


def test_a_missing_date_is_asked_for_and_midnight_rolls_over() -> None:
    with pytest.raises(BadImport, match="choose the day"):
        load_transcript("[23:58] ana: deploy started")
    result = load_transcript("[23:58] ana: deploy\n[00:03] ben: errors", default_date=DAY, tz="UTC")
    assert [m.at.day for m in result.messages] == [4, 5]


def test_bad_zone_and_text_without_chat_lines_are_refused() -> None:
    with pytest.raises(BadImport, match="not a time zone name"):
        load_transcript("[10:00] a: b", tz="Mars/Olympus", default_date=DAY)
    with pytest.raises(BadImport, match="no line that looks like a chat message"):
        load_transcript("just some notes\nwith no times", default_date=DAY)


def test_a_saved_transcript_file_is_guessed_and_read(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "chat.txt"
    path.write_bytes("\ufeff[09:15] Ana Silva: I think it's the cache\n".encode())
    result = load_source(path, tz="America/New_York", default_date=DAY)
    assert result.messages[0].at == datetime(2026, 3, 4, 14, 15, tzinfo=UTC)
    assert result.messages[0].source_ref == "chat.txt:1"


def test_teams_two_line_copies_are_read_and_a_message_ending_in_a_time_is_not_a_header() -> None:
    from datetime import date

    from pmdesk.ingest.transcript import load_transcript

    text = (
        "Alex Kim 2:32 PM\n"
        "I think it's the cache\n"
        "and it is cold\n"
        "Sam Rivera 2:40 PM\n"
        "rolled back the deploy at 2:38 PM\n"
        "[2:45 PM] Alex Kim\n"
        "error rate back to normal\n"
    )
    result = load_transcript(text, tz="Europe/Berlin", default_date=date(2026, 3, 4))
    assert [(m.author_name, m.text) for m in result.messages] == [
        ("Alex Kim", "I think it's the cache\nand it is cold"),
        ("Sam Rivera", "rolled back the deploy at 2:38 PM"),
        ("Alex Kim", "error rate back to normal"),
    ]
    assert result.messages[0].at.isoformat() == "2026-03-04T13:32:00+00:00"
