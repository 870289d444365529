"""The headless ``pmdesk`` commands: list, import-review, export-review, and how they fail.

Bad input must end with exit status 1 and exactly one line on stderr starting with
``pmdesk: `` (never a traceback), and must leave the library as it was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.model.review import Event, EventKind, ReviewSummary
from pmdesk.store import Library
from pmdesk.store.pmreview import read_review_file, review_to_json, write_review_file
from pmdesk.store.sample import sample_review

SRC = Path(__file__).resolve().parents[2] / "src"
T0 = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_library_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMDESK_LIBRARY", raising=False)


@pytest.fixture
def library_path(tmp_path: Path) -> Iterator[Path]:
    """A library holding two reviews whose titles share the prefix 'Payments'."""
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        first = library.create_review("Payments outage in March")
        library.update_review(first.id, severity="SEV1", started_at=T0)
        library.put_item(first.id, Event("e1", T0, EventKind.ALERT, "Error rate alert"))
        library.create_review("Payments latency in April")
    yield path


def snapshot(path: Path) -> list[ReviewSummary]:
    with Library.open(path) as library:
        return library.list_reviews()


def run(
    capsys: pytest.CaptureFixture[str], library: Path, *args: str | Path
) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--library", str(library), *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, words: str) -> None:
    assert status == 1
    assert out == ""
    assert err.startswith("pmdesk: ") and err.endswith("\n") and err.count("\n") == 1
    assert "Traceback" not in err
    assert words in err


def test_list_shows_one_line_per_review(
    capsys: pytest.CaptureFixture[str], library_path: Path
) -> None:
    status, out, err = run(capsys, library_path, "list")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 2
    march = next(line for line in lines if "March" in line)
    assert "2026-07-01" in march and "SEV1" in march and "Payments outage in March" in march


def test_list_of_an_empty_library_says_what_to_do(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.pmdesk"
    Library.open(path).close()
    status, out, _ = run(capsys, path, "list")
    assert status == 0 and "import-review" in out


def test_a_new_library_starts_with_the_sample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, _ = run(capsys, tmp_path / "new.pmdesk", "list")
    assert status == 0 and sample_review().title in out


def test_titles_with_line_breaks_stay_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        library.create_review("Two\nlines\tand \x1b[31mcolour")
    status, out, _ = run(capsys, path, "list")
    assert status == 0 and len(out.splitlines()) == 1 and "\x1b" not in out


def test_import_then_refuse_then_replace_or_copy(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    source = write_review_file(sample_review(), tmp_path / "sample.pmreview")
    status, out, err = run(capsys, library_path, "import-review", source)
    assert (status, err) == (0, "")
    assert out == f"imported {sample_review().id}: {sample_review().title}\n"
    before = snapshot(library_path)
    assert len(before) == 3

    status, out, err = run(capsys, library_path, "import-review", source)
    assert_one_line_error(status, out, err, "--replace or --copy")
    assert snapshot(library_path) == before

    renamed = write_review_file(sample_review().replace(title="Renamed"), tmp_path / "r.pmreview")
    status, out, _ = run(capsys, library_path, "import-review", "--replace", renamed)
    assert status == 0
    with Library.open(library_path) as library:
        assert library.get_review(sample_review().id).title == "Renamed"
        assert len(library.list_reviews()) == 3

    status, out, _ = run(capsys, library_path, "import-review", "--copy", source)
    assert status == 0
    new_id = out.split()[1].rstrip(":")
    assert new_id != sample_review().id
    with Library.open(library_path) as library:
        copy = library.get_review(new_id)
    assert copy.title == sample_review().title and len(copy.events) == len(sample_review().events)


def test_import_a_bare_review_json(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "review.json"
    source.write_bytes(review_to_json(sample_review()))
    status, out, _ = run(capsys, library_path, "import-review", source)
    assert status == 0 and sample_review().id in out


def exported(path: Path) -> dict[str, object]:
    document = json.loads(review_to_json(read_review_file(path)))
    return document["review"]  # type: ignore[no-any-return]


@pytest.mark.parametrize("how", ["id", "id prefix", "title prefix", "exact title"])
def test_export_by_id_or_name(
    how: str, capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    with Library.open(library_path) as library:
        march = next(s for s in library.list_reviews() if "March" in s.title)
    name = {
        "id": march.id,
        "id prefix": march.id[:6],
        "title prefix": "payments OUTAGE",
        "exact title": "Payments outage in March",
    }[how]
    target = tmp_path / "out.pmreview"
    status, out, err = run(capsys, library_path, "export-review", name, "-o", target)
    assert (status, err) == (0, "")
    assert out == f"wrote {target}\n"
    review = read_review_file(target)
    assert (review.id, review.title, review.severity) == (march.id, march.title, "SEV1")
    assert [e.title for e in review.events] == ["Error rate alert"]


def test_export_from_a_file_converts_without_touching_the_library(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    source = write_review_file(sample_review(), tmp_path / "sample.pmreview")
    before = snapshot(library_path)
    status, _, _ = run(capsys, library_path, "export-review", source, "-o", tmp_path / "r.json")
    assert status == 0
    assert (tmp_path / "r.json").read_bytes() == review_to_json(sample_review())
    assert snapshot(library_path) == before


def broken_json(tmp_path: Path) -> list[str]:
    path = tmp_path / "broken.pmreview"
    path.write_text('{"format": "pmdesk-review", "version": 1, "review": {', encoding="utf-8")
    return ["import-review", str(path)]


def missing_file(tmp_path: Path) -> list[str]:
    return ["import-review", str(tmp_path / "nowhere.pmreview")]


def wrong_field(tmp_path: Path) -> list[str]:
    document = json.loads(review_to_json(sample_review()))
    document["events"][3]["at"] = "around 3pm"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return ["import-review", str(path)]


def ambiguous(tmp_path: Path) -> list[str]:
    return ["export-review", "Payments", "-o", str(tmp_path / "x.pmreview")]


def unknown(tmp_path: Path) -> list[str]:
    return ["export-review", "Database failover", "-o", str(tmp_path / "x.pmreview")]


def folder_as_output(tmp_path: Path) -> list[str]:
    (tmp_path / "out").mkdir()
    return ["export-review", "Payments outage", "-o", str(tmp_path / "out")]


def missing_output_folder(tmp_path: Path) -> list[str]:
    return ["export-review", "Payments outage", "-o", str(tmp_path / "no" / "x.pmreview")]


def missing_export_source(tmp_path: Path) -> list[str]:
    return ["export-review", str(tmp_path / "gone.pmreview"), "-o", str(tmp_path / "x.pmreview")]


BAD_INPUT = {
    "missing file": (missing_file, "no such file"),
    "broken JSON": (broken_json, "not valid JSON"),
    "a field in error": (wrong_field, "events[3].at: 'around 3pm' is not an ISO 8601 date-time"),
    "ambiguous name": (ambiguous, "matches 2 reviews"),
    "unknown review": (unknown, "no review matches 'Database failover'"),
    "folder as output": (folder_as_output, "is a folder"),
    "missing output folder": (missing_output_folder, "does not exist"),
    "missing file to export": (missing_export_source, "no such file"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_is_one_line_exit_1_and_changes_nothing(
    case: str, capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    make_args, words = BAD_INPUT[case]
    args = make_args(tmp_path)
    before = snapshot(library_path)
    files_before = sorted(p.name for p in tmp_path.rglob("*"))
    status, out, err = run(capsys, library_path, *args)
    assert_one_line_error(status, out, err, words)
    assert snapshot(library_path) == before
    assert sorted(p.name for p in tmp_path.rglob("*")) == files_before


def test_an_unusable_library_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    not_a_library = tmp_path / "notes.txt"
    not_a_library.write_text("just notes", encoding="utf-8")
    status, out, err = run(capsys, not_a_library, "list")
    assert_one_line_error(status, out, err, "not a pmdesk library")
    assert not_a_library.read_text(encoding="utf-8") == "just notes"


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PMDESK_LIBRARY"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pmdesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_real_process_import_and_export(library_path: Path, tmp_path: Path) -> None:
    source = write_review_file(sample_review(), tmp_path / "sample.pmreview")
    done = cli("--library", library_path, "import-review", source)
    assert (done.returncode, done.stderr) == (0, "")
    target = tmp_path / "again.pmreview"
    done = cli("--library", library_path, "export-review", sample_review().id[:10], "-o", target)
    assert (done.returncode, done.stderr) == (0, "")
    assert exported(target) == exported(source)


def test_real_process_bad_input_has_no_traceback(library_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pmreview"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    before = snapshot(library_path)
    done = cli("--library", library_path, "import-review", broken)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith("pmdesk: ") and done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
    assert snapshot(library_path) == before


MEETING = {
    "agenda": [{"kind": "story", "title": "Walk the story", "minutes": 20}],
    "records": [{"started_at": "2026-10-15T09:00:00+00:00", "attendees": ["Mei Chen"]}],
    "notes": "Private: ask Mei about the pager rota first.",
}


def test_export_and_import_carry_the_meeting_and_dismissed_findings(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    """Moving a review to another library keeps the facilitator's agenda and dismissals."""
    with Library.open(library_path) as library:
        review_id = library.resolve("Payments outage")
        library.set_meeting(review_id, MEETING)
        library.set_dismissed(review_id, "vague.quantity:summary:some users", True)
    out_file = tmp_path / "moved.pmreview"
    assert run(capsys, library_path, "export-review", review_id, "-o", out_file)[0] == 0
    other = tmp_path / "other.pmdesk"
    assert run(capsys, other, "import-review", out_file)[0] == 0
    with Library.open(other) as library:
        extras = library.extras(review_id)
    assert extras.dismissed == {"vague.quantity:summary:some users"}
    assert extras.meeting is not None
    assert extras.meeting["agenda"] == MEETING["agenda"]
    assert extras.meeting["records"] == MEETING["records"]
    assert "notes" not in extras.meeting  # private notes stay in the library they were typed in
