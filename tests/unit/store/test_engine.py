"""Opening libraries: what pmdesk refuses to touch, and how SQLite is set up (PITFALLS DB-02…DB-07).

A file that is not a healthy pmdesk library must come back as LibraryUnavailable with
a message a person can act on, and must be left exactly as it was.
"""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmdesk.errors import LibraryUnavailable
from pmdesk.model.review import Event, EventKind, WentWell
from pmdesk.store import Library
from pmdesk.store import engine as engines
from pmdesk.store.sample import sample_review
from pmdesk.store.where import APPLICATION_ID

T0 = datetime(2026, 5, 6, 9, 30, tzinfo=UTC)


def make_library(path: Path, copies: int = 1) -> None:
    with Library.open(path) as library:
        for _ in range(copies):
            library.add_review(sample_review(), on_conflict="copy")


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def not_sqlite(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("review.json", "{}")


def text_file(path: Path) -> None:
    path.write_text("Notes from the review meeting\n" * 20, encoding="utf-8")


def empty_file(path: Path) -> None:
    path.write_bytes(b"")


def other_program(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Alex Kim', '555-0100')")
    conn.commit()
    conn.close()


def other_program_with_reviews_table(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY, stars INTEGER)")
    conn.commit()
    conn.close()


def truncated_to_50_bytes(path: Path) -> None:
    make_library(path)
    path.write_bytes(path.read_bytes()[:50])


def truncated_to_half(path: Path) -> None:
    make_library(path, copies=4)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def one_page_garbled(path: Path) -> None:
    make_library(path, copies=4)
    data = bytearray(path.read_bytes())
    noise = random.Random(7)
    start = 4096 * (len(data) // 4096 // 2)
    data[start : start + 4096] = bytes(noise.randrange(256) for _ in range(4096))
    path.write_bytes(bytes(data))


def header_garbled(path: Path) -> None:
    make_library(path)
    data = bytearray(path.read_bytes())
    data[16:24] = b"\xff" * 8  # page size and format bytes
    path.write_bytes(bytes(data))


REFUSED: dict[str, tuple[Callable[[Path], None], str]] = {
    "zip file": (not_sqlite, "not a SQLite database"),
    "text file": (text_file, "not a SQLite database"),
    "0-byte file": (empty_file, "empty (0 bytes)"),
    "another program's database": (other_program, "another program"),
    "another program's reviews table": (other_program_with_reviews_table, "another program"),
    "truncated to 50 bytes": (truncated_to_50_bytes, "not a SQLite database"),
    "truncated to half": (truncated_to_half, "damaged"),
    "one page garbled": (one_page_garbled, "damaged"),
    "header garbled": (header_garbled, "damaged"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_unusable_file_is_refused_and_left_byte_for_byte(case: str, tmp_path: Path) -> None:
    prepare, words = REFUSED[case]
    path = tmp_path / "library.pmdesk"
    prepare(path)
    before = path.read_bytes()
    others = side_files(path)
    with pytest.raises(LibraryUnavailable) as caught:
        Library.open(path)
    message = str(caught.value)
    assert words in message and str(path) in message
    assert "\n" not in message
    assert path.read_bytes() == before
    assert side_files(path) == others


def test_damaged_library_message_points_at_backups(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    one_page_garbled(path)
    with pytest.raises(LibraryUnavailable, match="backups"):
        Library.open(path)


def test_folder_missing_library_and_unknown_backends(tmp_path: Path) -> None:
    with pytest.raises(LibraryUnavailable, match="is a folder"):
        Library.open(tmp_path)
    with pytest.raises(LibraryUnavailable, match="there is no library"):
        Library.open(tmp_path / "none.pmdesk", create=False)
    assert not (tmp_path / "none.pmdesk").exists()
    with pytest.raises(LibraryUnavailable, match="SQLite or PostgreSQL"):
        Library.open("mysql://someone@localhost/reviews")


def test_missing_parent_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "library.pmdesk"
    with Library.open(path) as library:
        assert library.created and library.list_reviews() == []
    assert path.is_file()


def test_unreachable_server_is_a_clear_message() -> None:
    with pytest.raises(LibraryUnavailable, match="cannot reach the library server"):
        Library.open("postgresql+psycopg://pmdesk@127.0.0.1:1/reviews?connect_timeout=2")


def test_pragmas_in_effect(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        engine = engines.make_engine(library.location)  # the engine setup the library uses
        try:
            with engine.connect() as conn:

                def pragma(name: str) -> object:
                    return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

                assert pragma("journal_mode") == "wal"
                assert pragma("synchronous") == 2  # FULL
                assert pragma("foreign_keys") == 1
                assert pragma("busy_timeout") == engines.BUSY_TIMEOUT_MS
                assert pragma("application_id") == APPLICATION_ID
        finally:
            engine.dispose()
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA application_id").fetchone() == (0x706D646B,)
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # stored in the file
    finally:
        raw.close()


def test_an_empty_sqlite_file_of_ours_in_spirit_is_initialised(tmp_path: Path) -> None:
    """A SQLite file with no tables and no application_id holds nothing to lose."""
    path = tmp_path / "library.pmdesk"
    sqlite3.connect(path).close()  # creates a 0-byte file: refused, as DB-03 asks
    with pytest.raises(LibraryUnavailable, match="empty"):
        Library.open(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    assert path.stat().st_size > 0
    with Library.open(path) as library:
        assert library.created


def test_second_library_waits_a_bounded_time_then_says_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 200)
    path = tmp_path / "library.pmdesk"
    first = Library.open(path)
    second = Library.open(path)
    review = first.create_review("Lock contention on the build cache")
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another window in the middle of a write
        with pytest.raises(LibraryUnavailable) as caught:
            second.put_item(review.id, WentWell("w1", "Retry worked"))
        assert "busy in another pmdesk window" in str(caught.value)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    second.put_item(review.id, WentWell("w1", "Retry worked"))
    assert [w.text for w in first.get_review(review.id).went_well] == ["Retry worked"]
    first.close()
    second.close()


class ReadOnly:
    """Makes files or folders unwritable for this process, and writable again afterwards.

    File modes do not stop root, so as root the immutable attribute (chattr +i) is used.
    """

    def __init__(self) -> None:
        self._undo: list[Callable[[], None]] = []

    def __call__(self, path: Path) -> None:
        if os.geteuid() != 0:
            mode = path.stat().st_mode
            path.chmod(0o555 if path.is_dir() else 0o444)
            self._undo.append(lambda: path.chmod(mode))
            return
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("cannot make a file read-only for root here (chattr +i failed)")

        def writable_again() -> None:
            subprocess.run(["chattr", "-i", str(path)], check=True)

        self._undo.append(writable_again)

    def undo(self) -> None:
        for step in reversed(self._undo):
            step()


@pytest.fixture
def read_only() -> Iterator[ReadOnly]:
    if os.name != "posix" or (os.geteuid() == 0 and shutil.which("chattr") is None):
        pytest.skip("needs POSIX file modes, or chattr when running as root")
    maker = ReadOnly()
    yield maker
    maker.undo()


def test_read_only_file_is_refused_clearly_on_first_write(
    tmp_path: Path, read_only: ReadOnly
) -> None:
    path = tmp_path / "library.pmdesk"
    make_library(path)
    before = path.read_bytes()
    read_only(path)  # the folder stays writable, so SQLite can make its side files
    with Library.open(path) as library:
        [summary] = library.list_reviews()
        with pytest.raises(LibraryUnavailable) as caught:
            library.put_item(summary.id, WentWell("w-new", "Rollback was quick"))
    assert "is read-only; nothing was changed" in str(caught.value)
    assert path.read_bytes() == before


def test_read_only_folder_is_not_called_damaged(tmp_path: Path, read_only: ReadOnly) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "library.pmdesk"
    make_library(path)
    before = path.read_bytes()
    read_only(path)
    read_only(folder)
    with pytest.raises(LibraryUnavailable) as caught:
        Library.open(path)
    message = str(caught.value)
    assert ("read-only" in message or "writable" in message) and "damaged" not in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["library.pmdesk"]


def test_events_survive_reopen_with_foreign_keys_on(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    with Library.open(path) as library:
        review = library.create_review("Reopen")
        library.put_item(review.id, Event("e1", T0, EventKind.ALERT, "Disk alert"))
    raw = sqlite3.connect(path)
    try:
        raw.execute("PRAGMA foreign_keys = ON")
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        raw.close()
