"""The feature commands (lint, draft) on the sample review, in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.store import Library
from pmdesk.store.pmreview import write_review_file
from pmdesk.store.sample import sample_review


@pytest.fixture
def library(tmp_path: Path) -> str:
    path = str(tmp_path / "library.pmdesk")
    with Library.open(path) as lib:
        lib.add_review(sample_review().replace(narrative=None))
    return path


def test_lint_json_has_the_documented_fields(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library.open(library) as lib:
        lib.update_review(sample_review().id, summary="Some users saw errors for a while.")
    assert main(["--library", library, "lint", "checkout", "--json"]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {f["rule"].split(".")[0] for f in findings} == {"vague"}
    assert all(f["where"] == "summary" for f in findings)
    for finding in findings:
        assert set(finding) >= {"rule", "where", "start", "end", "message", "suggestion"}


def test_lint_of_a_file_with_blame_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = sample_review().replace(summary="The outage was caused by human error.")
    path = tmp_path / "r.pmreview"
    write_review_file(review, path)
    assert main(["lint", str(path)]) == 0
    out = capsys.readouterr().out
    assert "blame." in out and "summary" in out


def test_draft_prints_and_apply_stores_only_when_empty(
    library: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", library, "draft", "checkout", "--apply"]) == 0
    printed = capsys.readouterr().out.strip()
    with Library.open(library) as lib:
        stored = lib.get_review(sample_review().id)
    assert stored.narrative == printed
    assert stored.factors == sample_review().factors
    assert stored.actions == sample_review().actions
    assert main(["--library", library, "draft", "checkout", "--apply"]) == 0
    assert "left as it is" in capsys.readouterr().err


def test_draft_with_model_but_no_server_configured_is_one_clear_line(
    library: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PMDESK_MODEL_URL", raising=False)
    assert main(["--library", library, "draft", "checkout", "--use-model"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "PMDESK_MODEL_URL" in err[0]


def test_actions_export_formats_read_back(library: str, tmp_path: Path) -> None:
    import csv

    for fmt in ("csv", "jira-csv", "github-csv", "json"):
        out = tmp_path / f"actions.{fmt}"
        assert (
            main(["--library", library, "actions", "checkout", "--format", fmt, "-o", str(out)])
            == 0
        )
        text = out.read_text(encoding="utf-8-sig")
        if fmt == "json":
            assert len(json.loads(text)["actions"]) == len(sample_review().actions)
        else:
            rows = list(csv.reader(text.splitlines()))
            assert len(rows) == len(sample_review().actions) + 1
    out = tmp_path / "open.csv"
    assert main(["--library", library, "actions", "checkout", "--open-only", "-o", str(out)]) == 0
    assert len(list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))) == 5


TRANSCRIPT = """\
[14:30] dana: checkout errors are up, looking
[14:35] robin: rolling back the 14:20 deploy now
[14:41] robin: rollback done, error rate back to normal
"""


def test_import_chat_prints_proposals_and_accept_adds_them(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "chat.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    args = ["--library", library, "import-chat", "checkout", str(source), "--date", "2026-10-14"]
    assert main(args) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines and all(
        {"at", "kind", "title", "actor", "reason", "source", "text"} <= set(line) for line in lines
    )
    assert lines[0]["at"].endswith("+00:00") and lines[0]["source"]["type"] == "transcript"
    # the review's zone is Europe/Berlin: 14:35 there is 12:35 UTC
    assert any(line["at"] == "2026-10-14T12:35:00+00:00" for line in lines)
    assert main([*args, "--accept"]) == 0
    with Library.open(library) as lib:
        review = lib.get_review(sample_review().id)
    assert len(review.events) == len(sample_review().events) + len(lines)
    assert "robin" in {p.name for p in review.people}


def test_import_chat_of_a_broken_export_adds_nothing(
    library: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    assert main(["--library", library, "import-chat", "checkout", str(broken), "--accept"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("pmdesk: ") and "export.zip" in err[0]
    with Library.open(library) as lib:
        assert len(lib.get_review(sample_review().id).events) == len(sample_review().events)


def test_import_chat_reads_a_real_pagerduty_log(
    library: str, realdata: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = realdata / "pagerduty" / "classic-docs-example" / "incident_log_entries_12_entries.json"
    assert main(["--library", library, "import-chat", "checkout", str(log)]) == 0
    kinds = {json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()}
    assert {"alert", "detection"} <= kinds
