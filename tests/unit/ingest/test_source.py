"""Format guessing and the lines ``pmdesk import-chat`` prints."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from pmdesk.errors import BadImport
from pmdesk.ingest import SourceFormat, guess_format, import_chat_lines, load_source


def test_formats_are_guessed(tmp_path: Path, incident_export: tuple[Path, dict[str, str]]) -> None:
    (tmp_path / "log.json").write_text('{"log_entries": []}')
    (tmp_path / "timeline.csv").write_text("time,text\n")
    (tmp_path / "chat.log").write_text("[10:00] ana: hi\n")
    (tmp_path / "notes.txt").write_text("nothing here\n")
    assert guess_format(incident_export[0]) is SourceFormat.SLACK
    assert guess_format(tmp_path / "log.json") is SourceFormat.PAGERDUTY
    assert guess_format(tmp_path / "timeline.csv") is SourceFormat.CSV
    assert guess_format(tmp_path / "chat.log") is SourceFormat.TRANSCRIPT
    assert guess_format("[10:00] ana: pasted") is SourceFormat.TRANSCRIPT
    with pytest.raises(BadImport, match=r"cannot tell what kind of export notes\.txt is"):
        guess_format(tmp_path / "notes.txt")
    with pytest.raises(BadImport, match="unknown import format 'fax'"):
        load_source(tmp_path / "chat.log", "fax")


def test_import_chat_lines_are_json_with_the_promised_fields(
    incident_export: tuple[Path, dict[str, str]],
) -> None:
    lines = import_chat_lines(incident_export[0], "slack")
    assert len(lines) >= 25
    for line in lines:
        assert json.loads(json.dumps(line, ensure_ascii=False)) == line
        assert datetime.fromisoformat(line["at"]).utcoffset() is not None
        assert line["kind"] and line["title"] and line["reason"] and line["text"]
        assert set(line["source"]) == {"type", "ref"}
    assert "Priya Raman" in {line["actor"] for line in lines}
    assert any("@Tomás Ortega" in line["text"] for line in lines)


def test_pasted_transcript_keeps_only_the_window() -> None:
    text = "[10:00] ana: deploy started\n[11:00] ben: rolled back\n"
    since = datetime.fromisoformat("2026-03-04T10:30:00+00:00")
    result = load_source(text, tz="UTC", default_date=date(2026, 3, 4), since=since)
    assert [m.text for m in result.messages] == ["rolled back"]
    assert [p.name for p in result.people] == ["ben"]
