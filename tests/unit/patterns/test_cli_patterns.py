"""``pmdesk patterns``: the JSON for scripts, the learning report, and how it fails."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.patterns import find_patterns, patterns_json
from pmdesk.store import Library

TODAY = date(2026, 6, 1)


@pytest.fixture(autouse=True)
def no_library_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMDESK_LIBRARY", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_lists_the_groups_with_their_review_ids(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "patterns.json"
    status, stdout, err = run(
        capsys, "--library", library_path, "patterns", "--format", "json", "-o", out
    )
    assert (status, err) == (0, "")
    assert stdout == f"wrote {out}\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    groups = {tuple(g["review_ids"]) for g in data["groups"]}
    assert ("r1", "r2", "r4") in groups
    assert not any("r3" in ids and "r1" in ids and len(ids) == 3 for ids in groups)
    pool = next(g for g in data["groups"] if g["review_ids"] == ["r1", "r2", "r4"])
    assert all(link["shared_words"] for link in pool["links"])
    assert data["follow_through"]["came_back"][0]["later_review_ids"] == ["r2", "r4"]


def test_service_and_period_narrow_the_json(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "billing.json"
    args = ("--library", library_path, "patterns", "--service", "billing", "--since", "2026-03-20")
    status, _, err = run(capsys, *args, "--format", "json", "-o", out)
    assert (status, err) == (0, "")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data["reviews"]] == ["r5", "r6"]
    assert data["groups"] == []  # orders and invoices tables are two things


def test_markdown_is_a_learning_report(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "patterns.md"
    status, _, _ = run(capsys, "--library", library_path, "patterns", "--format", "md", "-o", out)
    assert status == 0
    text = out.read_text(encoding="utf-8")
    for heading in (
        "Recurring contributing factors",
        "Layers of defence most often holed",
        "Action follow-through",
    ):
        assert heading in text
    assert "payments\\-api" in text or "payments-api" in text


def test_a_bad_day_is_one_sentence_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.json"
    status, stdout, err = run(
        capsys,
        "--library",
        library_path,
        "patterns",
        "--since",
        "last week",
        "--format",
        "json",
        "-o",
        out,
    )
    assert status == 1 and stdout == ""
    assert err.startswith("pmdesk: --since: 'last week' is not a date") and err.count("\n") == 1
    assert not out.exists()


def test_the_library_itself_is_never_the_output(
    capsys: pytest.CaptureFixture[str], library_path: Path
) -> None:
    before = library_path.read_bytes()
    status, _, err = run(
        capsys, "--library", library_path, "patterns", "--format", "json", "-o", library_path
    )
    assert status == 1 and "the library" in err
    assert library_path.read_bytes() == before


def test_sqlite_and_postgresql_give_the_same_patterns(
    library_path: Path, postgres_url: str
) -> None:
    with Library.open(library_path) as local:
        on_file = patterns_json(find_patterns(local, today=TODAY))
        with Library.open(postgres_url) as team:
            for summary in local.list_reviews():
                team.add_review(local.get_review(summary.id))
            on_server = patterns_json(find_patterns(team, today=TODAY))
    assert on_file["groups"]
    assert on_server == on_file


def test_the_pdf_shows_the_timing_chart_the_patterns_view_draws(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    out = tmp_path / "patterns.pdf"
    args = ("--library", library_path, "patterns", "--format", "pdf", "-o", out)
    status, _, err = run(capsys, *args)
    assert (status, err) == (0, "")
    reader = PdfReader(out)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Median time to detect and to mitigate, by month" in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 1
    assert images[0].image is not None and images[0].image.width >= 1000  # print resolution
