"""The change log: what each committed write did, and a cheap way to hear of new ones.

Every write through ``Library`` adds one ``changes`` row in its own transaction
(review, version, kind, parts, item ids, who, when), so another window, another
laptop or ``pmdesk watch`` can learn what changed by reading a few rows instead
of the whole review.

``ChangeFeed`` says when it is worth looking. On SQLite it polls ``PRAGMA
data_version`` on a read-only connection of its own (the number moves when any
other connection commits; a few microseconds a call). On PostgreSQL it LISTENs on
``CHANNEL``; every write sends ``NOTIFY`` with the review id inside its
transaction, so the notice arrives exactly when the change is committed.
NOTIFY is scoped to one database, which is one library, so one fixed channel
name is a channel per library.
"""

from __future__ import annotations

import contextlib
import enum
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pmdesk.model.review import Change, Part

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pmdesk.store.engine import Location

#: The PostgreSQL notification channel of a library (NOTIFY never leaves its database).
CHANNEL = "pmdesk_changes"
#: How often ``wait`` looks at SQLite's data_version (cheap; well inside the 1 s promise).
SQLITE_POLL_S = 0.25
_PARTS = {part.value: part for part in Part}


class ChangeKind(enum.StrEnum):
    """Which library call made a change, as the log and ``pmdesk watch`` name it."""

    EDIT = "edit"  # items put or removed (Library.edit and everything built on it)
    MOVE = "move"  # an item moved within its part
    REVIEW = "review"  # the review's own fields
    MEETING = "meeting"
    DISMISSED = "dismissed"
    ADD = "add"  # a whole review stored (new, imported, or put back by undo)
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One row of the change log, as values."""

    review_id: str
    version: int
    #: A ``ChangeKind`` value; kept as text so a kind from a newer pmdesk still reads.
    kind: str
    parts: frozenset[Part]
    #: Ids of the items written or removed; empty means "anything in ``parts``".
    items: tuple[str, ...]
    by: str
    at: datetime

    @classmethod
    def from_row(cls, row: Any) -> LoggedChange:
        """A row of the ``changes`` table (as SQLAlchemy returns it) as values."""
        return cls(
            review_id=row.review_uid,
            version=row.version,
            kind=row.kind,
            parts=read_parts(row.parts),
            items=tuple(row.items),
            by=row.author,
            at=row.at,
        )

    @property
    def change(self) -> Change:
        return Change(self.review_id, self.parts, self.version, frozenset(self.items))

    def to_json(self) -> dict[str, Any]:
        """The line ``pmdesk watch`` prints for this change."""
        return {
            "review": self.review_id,
            "version": self.version,
            "kind": self.kind,
            "parts": sorted(part.value for part in self.parts),
            "items": list(self.items),
            "by": self.by,
            "at": self.at.isoformat(),
        }


def read_parts(values: Iterable[str]) -> frozenset[Part]:
    """Parts named in a log row; one this pmdesk does not know means "maybe anything"."""
    parts = [_PARTS.get(value) for value in values]
    if any(part is None for part in parts):
        return frozenset(Part)
    return frozenset(part for part in parts if part is not None)


def combined(review_id: str, version: int, changes: Sequence[Change]) -> Change:
    """Several changes as one, so views refresh once; items only if every change names some."""
    parts = frozenset().union(*(c.parts for c in changes))
    named = all(c.items for c in changes)
    items = frozenset().union(*(c.items for c in changes)) if named else frozenset()
    return Change(review_id, parts, version, items)


class ChangeFeed:
    """Tells, cheaply and without blocking, whether the library may hold new changes.

    ``poll`` is safe to call every few hundred milliseconds from a UI timer;
    ``wait`` blocks up to a timeout (for ``pmdesk watch``). Both may say True
    when nothing this caller cares about changed (another review was edited):
    the caller then reads ``Library.changes_since``, which is a few rows.
    """

    def __init__(self, engine: Engine, location: Location, review_id: str | None = None) -> None:
        self._engine = engine
        self._location = location
        self._review_id = review_id
        self._sqlite: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._listener: Any = None  # a psycopg connection that LISTENs
        if location.is_sqlite:
            if location.path is not None:
                self._sqlite = sqlite3.connect(
                    f"{location.path.as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
                self._seen = self._data_version()
        else:
            self._listen()

    def poll(self) -> bool:
        """True when something may have been committed since the last call."""
        if self._location.is_sqlite:
            if self._sqlite is None:
                return True  # an in-memory library: no other connection can write it
            try:
                current = self._data_version()
            except sqlite3.Error:
                return True  # let the caller's read say what is wrong
            moved, self._seen = current != self._seen, current
            return moved
        return self._notified(0.0)

    def wait(self, timeout: float) -> bool:
        """Block up to ``timeout`` seconds for a change; True when one may have come."""
        if self._location.is_sqlite:
            import time

            deadline = time.monotonic() + timeout
            while True:
                if self.poll():
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                time.sleep(min(SQLITE_POLL_S, left))
        return self._notified(timeout)

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        self._drop_listener()

    # -- internals --------------------------------------------------------------

    def _data_version(self) -> int:
        assert self._sqlite is not None
        (value,) = self._sqlite.execute("PRAGMA data_version").fetchone()
        return int(value)

    def _listen(self) -> bool:
        """A connection of our own, out of SQLAlchemy's pool, listening on the channel."""
        try:
            fairy = self._engine.raw_connection()
            conn = fairy.driver_connection
            fairy.detach()  # LISTEN belongs to this connection: it must never go back to the pool
            assert conn is not None
            conn.rollback()
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
        except _server_errors():  # a server that is down is retried on the next poll
            return False
        self._listener = conn
        return True

    def _drop_listener(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(*_server_errors()):  # a broken one may fail to close
                self._listener.close()
            self._listener = None

    def _notified(self, timeout: float) -> bool:
        if self._listener is None:
            # After a drop, anything may have been missed: a fresh listener says "look".
            if not self._listen():
                if timeout:
                    import time

                    time.sleep(timeout)
                return False
            return True
        try:
            payloads = [n.payload for n in self._listener.notifies(timeout=timeout, stop_after=1)]
            if payloads:
                payloads += [n.payload for n in self._listener.notifies(timeout=0.0)]
        except _server_errors():  # the server went away; reconnect on the next call
            self._drop_listener()
            return True
        return any(self._review_id is None or p == self._review_id for p in payloads)


def _server_errors() -> tuple[type[BaseException], ...]:
    """What a lost or refused PostgreSQL connection raises, through SQLAlchemy or psycopg."""
    import psycopg
    from sqlalchemy.exc import DBAPIError

    return (psycopg.Error, DBAPIError, OSError)
