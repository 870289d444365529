"""Hostile values in the library and in .pmreview files (issue 22 items 2, 7, 9-12).

What the library accepts it must also export and import again unchanged; what it
cannot hold it refuses in one sentence; a row it cannot read (written by a newer
pmdesk) is refused whole, never half-read; a full disk is a full disk; readers do
not queue behind a writer.
"""

from __future__ import annotations

import io
import sqlite3
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.unit.store.test_pmreview import reviews

from pmdesk.errors import BadInput, BadReviewFile, LibraryUnavailable
from pmdesk.model.review import Attachment, Impact, Layer, Metric, Review
from pmdesk.store import Library
from pmdesk.store import engine as engines
from pmdesk.store.pmreview import (
    read_review_bytes,
    read_review_bytes_with_extras,
    review_to_bytes,
    review_to_json,
)
from pmdesk.store.sample import sample_review

T0 = datetime(2026, 5, 6, 9, 30, tzinfo=UTC)


def document(**review: Any) -> dict[str, Any]:
    head = {"id": "r1", "title": "Queue backlog", **review}
    return {"format": "pmdesk-review", "version": 1, "review": head}


def as_bytes(doc: dict[str, Any]) -> bytes:
    import json

    return json.dumps(doc).encode()


# -- item 2: two attachments with one path ----------------------------------------------


def test_two_attachments_with_one_path_export_once_each_and_import_again() -> None:
    review = Review(
        "r1",
        "Screenshots",
        attachments=(
            Attachment("a1", "attachments/image.png", "before", data=b"first"),
            Attachment("a2", "attachments/image.png", "after", data=b"second"),
            Attachment("a3", "attachments/image.png", "before again", data=b"first"),
        ),
    )
    data = review_to_bytes(review)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
    assert len(names) == len(set(names))
    back = read_review_bytes(data)
    assert [a.data for a in back.attachments] == [b"first", b"second", b"first"]
    assert [a.caption for a in back.attachments] == ["before", "after", "before again"]
    assert review_to_bytes(back) == data


def test_the_library_refuses_an_attachment_outside_the_attachments_folder(
    sqlite_library: Library,
) -> None:
    review = Review("r1", "X", attachments=(Attachment("a1", "../../etc/passwd", data=b"x"),))
    with pytest.raises(BadInput, match="attachments/<file name>"):
        sqlite_library.add_review(review)


# -- item 7: a layer order of 10**30 -----------------------------------------------------


def test_a_huge_layer_order_is_refused_in_one_line(sqlite_library: Library) -> None:
    review = sqlite_library.create_review("Orders")
    with pytest.raises(BadInput, match="order must be a whole number from"):
        sqlite_library.put_item(review.id, Layer("l-huge", "Canary", order=10**30))
    with pytest.raises(BadInput, match="order must be a whole number from"):
        sqlite_library.add_review(Review("r2", "Y", layers=(Layer("l1", "A", order=-(10**30)),)))
    layers = [{"id": "l1", "name": "Canary", "order": 10**30}]
    with pytest.raises(BadReviewFile, match=r"layers\[0\].order: must be a whole number"):
        read_review_bytes(as_bytes({**document(), "layers": layers}))


# -- item 9: a row this pmdesk does not know ------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "words"),
    [("kind", "explosion", "'explosion'"), ("at", "next tuesday", "'next tuesday'")],
)
def test_a_row_from_a_newer_pmdesk_refuses_the_review_in_one_line(
    tmp_path: Path, column: str, value: str, words: str
) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        library.add_review(sample_review())
    conn = sqlite3.connect(path)
    conn.execute(
        f"UPDATE events SET {column} = ? WHERE pk = (SELECT min(pk) FROM events)", (value,)
    )
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with Library.open(path) as library:
        with pytest.raises(LibraryUnavailable) as caught:
            library.get_review(sample_review().id)
        assert [s.id for s in library.list_reviews()] == [sample_review().id]
    message = str(caught.value)
    assert words in message and "newer pmdesk" in message and "\n" not in message
    assert path.read_bytes() == before


def test_lint_and_report_of_such_a_review_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmdesk.cli import main

    monkeypatch.delenv("PMDESK_LIBRARY", raising=False)
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        library.add_review(sample_review())
    conn = sqlite3.connect(path)
    conn.execute("UPDATE events SET kind = 'explosion'")
    conn.commit()
    conn.close()
    out = tmp_path / "r.md"
    for command in (
        ["lint", sample_review().id],
        ["report", sample_review().id, "--audience", "short", "--format", "md", "-o", out],
    ):
        assert main(["--library", str(path), *map(str, command)]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "explosion" in err


# -- item 10: a full disk ---------------------------------------------------------------


class _FailingConnection:
    def __init__(self, code: int, message: str) -> None:
        self._error = sqlite3.OperationalError(message)
        self._error.sqlite_errorcode = code

    def execute(self, *_args: Any) -> Any:
        raise self._error

    def close(self) -> None:
        pass


@pytest.mark.parametrize(
    ("code", "message", "free", "words"),
    [
        (13, "database or disk is full", 10**9, "is full"),
        (4874, "disk I/O error", 0, "is full"),  # SQLITE_IOERR_SHMSIZE on a full disk
        (10, "disk I/O error", 10**9, "input/output error"),
    ],
)
def test_a_full_disk_is_not_called_damaged(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    message: str,
    free: int,
    words: str,
) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        library.add_review(sample_review())
    before = path.read_bytes()
    monkeypatch.setattr(
        engines, "_connect_read_only", lambda _path: _FailingConnection(code, message)
    )
    import shutil

    usage = shutil.disk_usage(tmp_path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage._replace(free=free))
    with pytest.raises(LibraryUnavailable) as caught:
        Library.open(path)
    assert words in str(caught.value) and "damaged" not in str(caught.value)
    assert path.read_bytes() == before


# -- item 11: readers do not wait for a writer ------------------------------------------


def test_read_only_commands_do_not_wait_behind_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        library.add_review(sample_review())
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process in the middle of a long write
    holder.execute("UPDATE reviews SET title = 'being edited'")
    try:
        started = time.monotonic()
        with Library.open(path, create=False) as library:
            [summary] = library.list_reviews()
            review = library.get_review(summary.id)
        assert time.monotonic() - started < 2.0
        assert review.title == sample_review().title  # the last commit, not the open write
    finally:
        holder.execute("ROLLBACK")
        holder.close()


# -- item 12: blank ids, giant numbers ----------------------------------------------------


@pytest.mark.parametrize("bad_id", [" ", "  r1", "r1 ", "\t"])
def test_a_blank_or_padded_review_id_is_refused_on_import(
    sqlite_library: Library, bad_id: str
) -> None:
    with pytest.raises(BadReviewFile, match=r"review\.id: an id must not be blank"):
        read_review_bytes(as_bytes(document(id=bad_id)))
    with pytest.raises(BadInput, match="must not be blank"):
        sqlite_library.add_review(Review(bad_id, "Padded"))


def test_a_5000_digit_number_gets_a_plain_message() -> None:
    data = b'{"format": "pmdesk-review", "version": ' + b"7" * 5000 + b"}"
    with pytest.raises(BadReviewFile) as caught:
        read_review_bytes(data)
    message = str(caught.value)
    assert "5,000 digits" in message and "set_int_max_str_digits" not in message


def test_a_5000_digit_number_in_a_pager_export_gets_a_plain_message() -> None:
    from pmdesk.errors import BadImport
    from pmdesk.ingest.jsondata import parse_json

    with pytest.raises(BadImport) as caught:
        parse_json(b'[{"id": ' + b"9" * 5000 + b"}]", "log.json")
    assert "too long" in str(caught.value) and "sys." not in str(caught.value)


# -- the round trip: whatever the library accepts, it can export and import again ------

hostile_ids = st.one_of(
    st.text(max_size=6),
    st.sampled_from([" ", " a", "a ", "\x00", "\x1b[31m", "\ud800", "x" * 201]),
)
orders = st.one_of(st.none(), st.integers(), st.sampled_from([10**30, -(10**30), 2**63]))
zones = st.sampled_from([None, "Europe/Berlin", "Mars/Olympus", "", "UTC"])
metric_values = st.one_of(
    st.integers(), st.floats(), st.sampled_from([10**400, float("inf"), float("nan")])
)


@st.composite
def library_candidates(draw: st.DrawFn) -> Review:
    """Reviews as any caller might hand them to the library; now and then a hostile part."""
    review = draw(reviews())

    def sometimes(hostile: st.SearchStrategy[Any], usual: Any) -> Any:
        return draw(hostile) if draw(st.integers(0, 4)) == 0 else usual

    layers = tuple(Layer(x.id, x.name, x.stage, sometimes(orders, x.order)) for x in review.layers)
    shared = sometimes(st.just("attachments/same.bin"), None)
    attachments = tuple(
        Attachment(a.id, shared or a.path, a.caption, a.event, a.data) for a in review.attachments
    )
    impact = review.impact
    if impact is not None:
        impact = sometimes(
            metric_values.map(lambda v: Impact(impact.description, (Metric("m", v),))), impact
        )
    return review.replace(
        id=sometimes(hostile_ids, f"rt-{uuid.uuid4().hex}"),
        timezone=sometimes(zones, review.timezone),
        layers=layers,
        attachments=attachments,
        impact=impact,
    )


@pytest.fixture(scope="module")
def round_trip_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    library = Library.open(tmp_path_factory.mktemp("hostile") / "library.pmdesk")
    yield library
    library.close()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(candidate=library_candidates())
def test_any_review_the_library_accepts_exports_and_imports_to_the_same_json(
    round_trip_library: Library, candidate: Review
) -> None:
    try:
        stored = round_trip_library.add_review(candidate, on_conflict="replace")
    except BadInput as exc:  # refused: fine, in one sentence
        assert "\n" not in str(exc)
        return
    held = round_trip_library.get_review(stored.id)
    exported = review_to_bytes(held)
    read, _ = read_review_bytes_with_extras(exported, "exported.pmreview")
    assert review_to_json(read) == review_to_json(held)
    assert [a.data for a in read.attachments] == [a.data for a in held.attachments]
    # And through the library once more: importing the export changes nothing.
    again = round_trip_library.add_review(read, on_conflict="replace")
    assert review_to_json(round_trip_library.get_review(again.id)) == review_to_json(held)
