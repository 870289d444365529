"""Times at the edges of the calendar: every reader refuses them in one sentence, never crashes.

Before the one clock, ``0001-01-01T00:00:00+01:00`` and ``9999-12-31T23:59:59-01:00``
raised ``OverflowError: date value out of range`` once converted to UTC or a zone.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.errors import BadImport, BadReviewFile
from pmdesk.ingest.csv_timeline import load_csv
from pmdesk.ingest.pagerduty import load_pagerduty
from pmdesk.ingest.transcript import load_transcript
from pmdesk.store import Library
from pmdesk.store.pmreview import read_review_bytes, review_to_json
from pmdesk.store.sample import sample_review

EDGES = ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00")


def refusal(value: str) -> str:
    return re.escape(f"'{value}' is outside the calendar")


@pytest.mark.parametrize("value", EDGES)
@pytest.mark.parametrize("where", ["milestone", "event"])
def test_a_review_file_with_an_edge_time_is_refused(value: str, where: str) -> None:
    document = json.loads(review_to_json(sample_review()))
    if where == "milestone":
        document["review"]["mitigated_at"] = value
    else:
        document["events"][3]["at"] = value
    with pytest.raises(BadReviewFile, match=refusal(value)) as caught:
        read_review_bytes(json.dumps(document).encode(), "edge.pmreview")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("value", EDGES)
def test_a_pagerduty_log_with_an_edge_time_is_refused(value: str) -> None:
    entries = {
        "log_entries": [
            {"type": "trigger_log_entry", "created_at": "2026-03-04T14:00:00Z", "id": "A"},
            {"type": "acknowledge_log_entry", "created_at": value, "id": "B"},
        ]
    }
    with pytest.raises(BadImport, match="entry 2: created_at " + refusal(value)):
        load_pagerduty(json.dumps(entries).encode())


@pytest.mark.parametrize(
    ("text", "tz", "day", "refused"),
    [
        ("[0001-01-01 00:30] ana: deploy", "Europe/Berlin", None, 1),
        ("[9999-12-31 23:30] ana: deploy", "America/New_York", None, 1),
        # No date on the lines: the second one passes midnight into the calendar's last day…
        ("[23:58] ana: deploy\n[00:03] ben: errors", "UTC", date(9999, 12, 30), 2),
        # … or on the last day itself, west of UTC: refused at once, never an overflow.
        ("[23:58] ana: deploy\n[00:03] ben: errors", "Etc/GMT+12", date(9999, 12, 31), 1),
    ],
)
def test_a_transcript_at_the_edge_of_the_calendar_is_refused(
    text: str, tz: str, day: date | None, refused: int
) -> None:
    line = text.splitlines()[refused - 1]
    with pytest.raises(BadImport, match=f"line {refused}: " + refusal(line)):
        load_transcript(text, tz=tz, default_date=day)


def test_a_csv_timeline_with_an_edge_time_is_refused() -> None:
    data = f"time,text\n2026-03-04T14:00:00Z,ok\n{EDGES[0]},too early\n".encode()
    with pytest.raises(BadImport, match=refusal(EDGES[0])):
        load_csv(data)


@pytest.fixture
def library(tmp_path: Path) -> str:
    path = str(tmp_path / "library.pmdesk")
    with Library.open(path) as lib:
        lib.add_review(sample_review())
    return path


@pytest.mark.parametrize("value", EDGES)
@pytest.mark.parametrize("option", ["--since", "--until"])
def test_import_chat_window_at_the_edge_is_refused_in_one_line(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    source = tmp_path / "chat.txt"
    source.write_text("[14:30] dana: checkout errors are up\n", encoding="utf-8")
    args = ["--library", library, "import-chat", "checkout", str(source), "--date", "2026-10-14"]
    assert main([*args, option, value]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and re.search(refusal(value), err[0]), err
