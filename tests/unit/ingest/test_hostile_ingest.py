"""Hostile imports (issue 22 items 5 and 12): clean text at the boundary, any encoding.

Control characters in a Slack channel folder name never reach a source reference;
a transcript or CSV saved as UTF-16 (with or without a byte order mark) reads as
text; a bare clock time in a CSV says the day is missing and how to give it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pmdesk.errors import BadImport
from pmdesk.ingest import load_source
from pmdesk.ingest.csv_timeline import decode_csv, load_csv
from pmdesk.text import clean_text

CHAT = (
    "[2026-03-04 14:02] Ana: the error rate alert fired for checkout\n"
    "[2026-03-04 14:10] Ben: rolled back the deploy, errors are dropping\n"
)
CSV = (
    "time,author,text\n2026-03-04T14:02:00Z,Ana,alert fired\n2026-03-04T14:10:00Z,Ben,rolled back\n"
)


def test_ansi_in_a_channel_folder_name_never_reaches_the_source_reference(
    make_export: Callable[..., Path],
) -> None:
    channel = "inc\x1b[31m-red\x1b[0m\x07"
    root = make_export(
        {"2026-03-04": [{"type": "message", "user": "U1", "text": "deploy", "ts": "1772632800.0"}]},
        channel=channel,
    )
    result = load_source(root, "slack")
    [message] = result.messages
    assert message.source_ref is not None
    assert clean_text(message.source_ref) == message.source_ref
    assert message.source_ref.startswith("#inc-red/")
    assert message.channel == "inc-red"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_utf16_transcript_reads_as_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes(CHAT.encode(encoding))
    result = load_source(path, "transcript", tz="UTC")
    assert [m.author_name for m in result.messages] == ["Ana", "Ben"]
    assert result.messages[0].text == "the error rate alert fired for checkout"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_csv_reads_and_is_recognised(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "timeline.csv"
    path.write_bytes(CSV.encode(encoding))
    result = load_source(path)
    assert [m.text for m in result.messages] == ["alert fired", "rolled back"]
    unnamed = tmp_path / "timeline"
    unnamed.write_bytes(CSV.encode(encoding))
    assert len(load_source(unnamed).messages) == 2  # the format is guessed from the text


def test_utf8_and_cp1252_still_decode_as_before() -> None:
    assert decode_csv("café,ok\n".encode()) == "café,ok\n"
    assert decode_csv("café,ok\n".encode("cp1252")) == "café,ok\n"


def test_a_bare_time_in_a_csv_asks_for_the_day() -> None:
    data = b"time,text\n10:00,alert fired\n"
    with pytest.raises(BadImport) as caught:
        load_csv(data, label="timeline.csv")
    message = str(caught.value)
    assert "'10:00' is a time without a date" in message and "--date" in message
    [message_read] = load_csv(data, default_date=date(2026, 3, 4)).messages
    assert message_read.at == datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def test_a_transcript_without_dates_names_the_option_too() -> None:
    with pytest.raises(BadImport, match="--date"):
        load_source("[14:02] Ana: alert fired\n", "transcript")
