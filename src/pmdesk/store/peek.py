"""A first look at a SQLite library without SQLAlchemy: the review list for the first paint.

Opening a ``Library`` imports SQLAlchemy and checks the schema, which takes
longer than painting the window. The window lists the reviews from this
read-only look first and takes the full library a moment later. Anything
unusual (a PostgreSQL URL, a new or foreign file, a schema this query does
not match) returns None, and the caller simply waits for the library.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pmdesk.model.review import ActionStatus, ReviewKind, ReviewStatus, ReviewSummary
from pmdesk.store.where import APPLICATION_ID, library_file

_E = TypeVar("_E", ReviewKind, ReviewStatus)

#: Every review with the counts the browser shows, newest change first. Plain SQL with
#: named parameters, which both sqlite3 and SQLAlchemy's ``text()`` run as it is.
SUMMARIES_SQL = """
SELECT r.uid, r.title, r.kind, r.status, r.severity, r.started_at, r.updated_at,
       (SELECT count(*) FROM actions a
         WHERE a.review_pk = r.pk AND a.status IN (:open, :in_progress)),
       (SELECT count(*) FROM events e WHERE e.review_pk = r.pk),
       r.services, r.version
FROM reviews r ORDER BY r.updated_at DESC, r.pk
"""
#: Open actions are those not yet done or dropped.
SUMMARIES_PARAMS = {"open": ActionStatus.OPEN.value, "in_progress": ActionStatus.IN_PROGRESS.value}


def peek_summaries(location: str | None) -> list[ReviewSummary] | None:
    """The library's reviews, newest change first; None when a quick look is not possible."""
    path = library_file(location)
    if path is None or not path.is_file():
        return None
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True, timeout=0.5)
        try:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            if app_id != APPLICATION_ID:
                return None
            rows = conn.execute(SUMMARIES_SQL, SUMMARIES_PARAMS).fetchall()
        finally:
            conn.close()
        return [summary_of(row) for row in rows]
    except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
        return None


def summary_of(row: Sequence[object]) -> ReviewSummary:
    """One row of ``SUMMARIES_SQL`` as the browser's summary.

    A kind or status this pmdesk does not know (a newer one wrote it to a shared
    library) lists as a full draft rather than hiding the review; opening it says why.
    """
    uid, title, kind, status, severity, started, updated, n_open, n_events, services, version = row
    listed = services if isinstance(services, list) else json.loads(str(services or "[]"))
    return ReviewSummary(
        id=str(uid),
        title=str(title),
        kind=_known(ReviewKind, kind, ReviewKind.FULL),
        status=_known(ReviewStatus, status, ReviewStatus.DRAFT),
        severity=str(severity) if severity is not None else None,
        started_at=_moment(started),
        updated_at=_moment(updated),
        open_actions=int(str(n_open)),
        event_count=int(str(n_events)),
        services=tuple(str(s) for s in listed),
        version=int(str(version)),
    )


def _moment(value: object) -> datetime | None:
    """SQLite holds naive UTC text (``orm.UtcDateTime``); PostgreSQL gives aware datetimes."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _known(kind: type[_E], value: object, fallback: _E) -> _E:
    try:
        return kind(str(value))
    except ValueError:
        return fallback
