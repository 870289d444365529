"""Opening a library: where it lives, how SQLite is set up, and what we refuse to open.

A library is a SQLite file in the user's data folder by default, or any
SQLAlchemy URL (``postgresql+psycopg://…`` for a team library). SQLite runs
in WAL mode with ``synchronous=FULL`` (a commit the user was told about
survives a power cut, PITFALLS §2.6), foreign keys on, a bounded busy wait,
and write transactions that start with ``BEGIN IMMEDIATE`` so a second
window never hits SQLITE_BUSY_SNAPSHOT (DB-08). Before touching a file we
check it really is a pmdesk library (DB-02…DB-05) and never write to one
that is not.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from pmdesk.errors import LibraryUnavailable
from pmdesk.store.where import APPLICATION_ID, library_file, requested

#: ``PRAGMA application_id`` of every pmdesk library: ASCII "pmdk".
_SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class Location:
    """Where a library lives: a SQLAlchemy URL, plus the file path for SQLite."""

    url: URL
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def display(self) -> str:
        """The location as the user should see it: a path, or a URL without password."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)


def resolve_location(location: str | os.PathLike[str] | None = None) -> Location:
    """Turn ``--library``, ``PMDESK_LIBRARY`` or the default into a Location."""
    text = requested(location)
    if text is None or "://" not in text:
        path = library_file(text)
        assert path is not None
        return Location(make_url(f"sqlite:///{path}"), path)
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise LibraryUnavailable(f"'{text}' is not a library path or URL") from exc
    if url.get_backend_name() == "sqlite":
        database = url.database
        if not database or database == ":memory:":
            return Location(url, None)
        return Location(url, Path(database).expanduser().resolve())
    if url.get_backend_name() != "postgresql":
        raise LibraryUnavailable(
            f"pmdesk libraries live in SQLite or PostgreSQL, not {url.get_backend_name()}"
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return Location(url, None)


def check_sqlite_file(path: Path) -> bool:
    """Refuse files that are not pmdesk libraries; return True if the file is new.

    Nothing is written here: a file we do not recognise stays exactly as it was.
    """
    if not path.exists():
        if not path.parent.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise LibraryUnavailable(
                    f"cannot create the folder {path.parent}: {exc.strerror}"
                ) from exc
        return True
    if path.is_dir():
        raise LibraryUnavailable(f"{path} is a folder, not a pmdesk library")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise LibraryUnavailable(f"cannot read {path}: {exc.strerror}") from exc
    if len(header) == 0:
        raise LibraryUnavailable(
            f"{path} is empty (0 bytes), so it is not a pmdesk library; "
            "delete it or choose another file"
        )
    if not header.startswith(_SQLITE_HEADER) or len(header) < 100:
        raise LibraryUnavailable(f"{path} is not a pmdesk library (it is not a SQLite database)")
    # The header's copy of application_id can lag behind in WAL mode; ask SQLite instead.
    app_id, objects = _read_identity(path)
    if app_id != APPLICATION_ID:
        if app_id == 0 and objects == 0:
            return True
        raise LibraryUnavailable(f"{path} is a database of another program, not a pmdesk library")
    return False


def _read_identity(path: Path) -> tuple[int, int]:
    """(application_id, number of schema objects), read without writing anything."""
    try:
        conn = _connect_read_only(path)
        try:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            (count,) = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        _raise_if_environment(exc, path)
        raise LibraryUnavailable(
            f"{path} is damaged or not a pmdesk library ({exc}); it was left untouched"
        ) from exc
    return int(app_id), int(count)


def schema_revision(path: Path) -> str | None:
    """The schema revision stamped in an existing library, read without any lock.

    ``Library.open`` takes the write lock (BEGIN IMMEDIATE) only when this is not
    the current one, so listing or reading never waits behind another window's write.
    None when the file has no stamp (new, or not readable this way).
    """
    try:
        conn = _connect_read_only(path)
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


#: SQLite's primary result codes that say the disk, not the file, is the trouble.
_SQLITE_IOERR = 10
_SQLITE_FULL = 13
#: Below this much free space a failed read or write is taken for a full disk.
_NEARLY_FULL_BYTES = 1024 * 1024


def _raise_if_environment(exc: sqlite3.DatabaseError, path: Path) -> None:
    """Say what the environment did (read-only, full disk, I/O error); damage is not it."""
    # Reading a WAL library needs its -shm side file; in a read-only folder SQLite
    # says "attempt to write a readonly database", which is not damage.
    if "readonly" in str(exc).lower():
        raise LibraryUnavailable(
            f"{path} or its folder is read-only; pmdesk needs to write there "
            "(copy the library to a folder you can write to)"
        ) from exc
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL or (code == _SQLITE_IOERR and _disk_is_full(path)):
        raise LibraryUnavailable(
            f"the disk holding {path} is full; free some space and try again "
            "(the library was left untouched)"
        ) from exc
    if code == _SQLITE_IOERR:
        raise LibraryUnavailable(
            f"cannot read {path}: the disk reported an input/output error; "
            "the library was left untouched (check the disk, then try again)"
        ) from exc


def _disk_is_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < _NEARLY_FULL_BYTES
    except OSError:
        return False


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading without creating -wal/-shm files beside a file we may refuse.

    With no -wal file every committed page is in the main file, so SQLite may treat
    it as immutable; with one, it must read the WAL (and its side files exist already).
    """
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    return sqlite3.connect(
        f"{path.absolute().as_uri()}?{flags}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
    )


def quick_check(path: Path) -> None:
    """Run SQLite's quick_check read-only; a damaged file is reported, never repaired."""
    try:
        conn = _connect_read_only(path)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:  # DB-04: the check itself can raise
        _raise_if_environment(exc, path)
        raise LibraryUnavailable(
            f"{path} is damaged ({exc}); it was left untouched. Restore a backup from "
            f"{backup_folder(path)} or open another library"
        ) from exc
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).split())  # SQLite's report spans several lines
        raise LibraryUnavailable(
            f"{path} is damaged ({first[:200]}); it was left untouched. Restore a backup from "
            f"{backup_folder(path)} or open another library"
        )


def backup_folder(path: Path) -> Path:
    return path.parent / "backups"


def make_engine(location: Location, *, writes: bool = True) -> Engine:
    """An engine with pmdesk's connection settings for that backend.

    SQLite write engines start every transaction with BEGIN IMMEDIATE; a read
    engine (``writes=False``) keeps SQLite's deferred BEGIN, so reading never
    waits behind another window's write (WAL readers see the last commit).
    """
    if location.is_sqlite:
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            poolclass=NullPool if location.path is None else None,
        )
        _configure_sqlite(engine, immediate=writes)
        return engine
    return create_engine(location.url, pool_pre_ping=True)


def _configure_sqlite(engine: Engine, *, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred).
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def back_up_sqlite(path: Path, *, keep: int, min_age_hours: float) -> Path | None:
    """A consistent snapshot of the library in ``backups/`` beside it, at most one a period.

    VACUUM INTO, not a file copy: a copy of a WAL database can miss committed data.
    The oldest snapshots beyond ``keep`` are removed.
    """
    folder = backup_folder(path)
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob(f"{path.stem}-*.pmdesk"))
    now = datetime.now(UTC)
    if existing:
        newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, UTC)
        if (now - newest).total_seconds() < min_age_hours * 3600:
            return None
    target = folder / f"{path.stem}-{now.strftime('%Y%m%d-%H%M%S-%f')}.pmdesk"
    # A plain connection: VACUUM cannot run inside the BEGIN IMMEDIATE our engine issues.
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise LibraryUnavailable(f"could not back up {path}: {exc}") from exc
    for old in sorted(folder.glob(f"{path.stem}-*.pmdesk"))[:-keep]:
        old.unlink(missing_ok=True)
    return target
