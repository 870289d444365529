"""PagerDuty log entries and CSV timelines."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pmdesk.errors import BadImport
from pmdesk.ingest import guess_mapping, load_source, propose_key_moments
from pmdesk.ingest.csv_timeline import CsvMapping, load_csv
from pmdesk.ingest.pagerduty import load_pagerduty
from pmdesk.model.review import EventKind


def _entry(kind: str, at: str, who: str = "Ana Silva", agent: str = "user_reference") -> dict:
    return {
        "id": f"E{kind[:3]}",
        "type": kind,
        "summary": f"{kind.split('_')[0].title()}d by {who}",
        "created_at": at,
        "agent": {"id": "P1", "type": agent, "summary": who},
        "incident": {"id": "PINC"},
    }


def test_log_entries_become_key_moments() -> None:
    entries = [
        _entry("trigger_log_entry", "2026-03-04T10:00:00Z", "Checkout API", "service_reference"),
        _entry("notify_log_entry", "2026-03-04T10:00:05Z", "PagerDuty", "service_reference"),
        _entry("acknowledge_log_entry", "2026-03-04T10:02:00Z"),
        _entry("escalate_log_entry", "2026-03-04T10:20:00Z"),
        _entry("resolve_log_entry", "2026-03-04T12:00:00+01:00"),
    ]
    result = load_pagerduty(json.dumps({"log_entries": entries}).encode())
    kinds = [p.kind for p in propose_key_moments(result)]
    assert kinds == [
        EventKind.ALERT,
        EventKind.DETECTION,
        EventKind.ESCALATION,
        EventKind.RESOLUTION,
    ]
    assert result.messages[-1].at == datetime(2026, 3, 4, 11, 0, tzinfo=UTC)
    assert result.messages[0].is_bot and result.messages[0].source_ref == "PINC/Etri"


def test_bad_entries_name_their_position() -> None:
    with pytest.raises(BadImport, match="entry 2: created_at 'yesterday'"):
        load_pagerduty(
            json.dumps(
                [
                    _entry("trigger_log_entry", "2026-03-04T10:00:00Z"),
                    _entry("resolve_log_entry", "yesterday"),
                ]
            ).encode()
        )
    with pytest.raises(BadImport, match="no 'log_entries' list"):
        load_pagerduty(b'{"incidents": []}')


def test_real_pagerduty_examples(realdata: Path) -> None:
    folder = realdata / "pagerduty"
    classic = load_source(folder / "classic-docs-example" / "incident_log_entries_12_entries.json")
    assert len(classic.messages) == 12
    kinds = {p.kind for p in propose_key_moments(classic)}
    assert {EventKind.ALERT, EventKind.DETECTION, EventKind.RESOLUTION} <= kinds
    api = load_source(folder / "api-schema-examples" / "incident_log_entries.GET.json")
    assert api.messages[0].subtype == "trigger_log_entry"


def test_csv_mapping_is_guessed_and_can_be_confirmed() -> None:
    header = ["incident_id", "created_at", "type", "user_or_agent_summary", "summary"]
    assert guess_mapping(header) == CsvMapping(
        time="created_at", text="summary", author="user_or_agent_summary", kind="type"
    )
    assert guess_mapping(["a", "b"]) is None


def test_csv_with_bom_semicolons_cp1252_and_local_times() -> None:
    data = "Zeit;Wer;Nachricht\n2026-03-04 14:32;José;Rollback gestartet\n".encode("cp1252")
    mapping = CsvMapping(time="Zeit", text="Nachricht", author="Wer")
    result = load_csv(data, mapping=mapping, tz="Europe/Berlin")
    assert result.messages[0].author_name == "José"
    assert result.messages[0].at == datetime(2026, 3, 4, 13, 32, tzinfo=UTC)
    bom = "\ufefftime,author,text\n14:32,Ana,deployed v2\n".encode()
    result = load_csv(bom, default_date=date(2026, 3, 4))
    assert result.messages[0].text == "deployed v2"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('time,text\n2026-03-04 10:00,"never closed\n2026-03-04 10:05,x\n', "line 3"),
        ("time,text\n2026-03-04 10:00,ok\n2026-03-04 10:05\n", "line 3: 1 fields"),
        ("time,text\nsoon,hello\n", "line 2: 'soon' is not a time"),
        ("time,text\n2026-03-04 10:00," + "x" * 200_000 + "\n", "line 2"),
        ("when\n10:00\n", "cannot tell which columns"),
    ],
)
def test_bad_csv_rows_name_their_line(body: str, message: str) -> None:
    with pytest.raises(BadImport, match=message):
        load_csv(body.encode())
