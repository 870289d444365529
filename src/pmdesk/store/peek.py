"""A first look at a SQLite library without SQLAlchemy: the review list for the first paint.

Opening a ``Library`` imports SQLAlchemy and checks the schema, which takes
longer than painting the window. The window lists the reviews from this
read-only look first and takes the full library a moment later. Anything
unusual (a PostgreSQL URL, a new or foreign file, a schema this query does
not match) returns None, and the caller simply waits for the library.
"""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from pmdesk.model.review import ActionStatus, ReviewKind, ReviewStatus, ReviewSummary

#: The same query as ``Library.list_reviews``, in SQL the sqlite3 module runs as it is.
_SUMMARIES = """
SELECT r.uid, r.title, r.kind, r.status, r.severity, r.started_at, r.updated_at,
       (SELECT count(*) FROM actions a
         WHERE a.review_pk = r.pk AND a.status IN (?, ?)),
       (SELECT count(*) FROM events e WHERE e.review_pk = r.pk),
       r.services, r.version
FROM reviews r ORDER BY r.updated_at DESC, r.pk
"""
_OPEN = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)  # as list_reviews counts
_APPLICATION_ID = 0x706D646B  # "pmdk", as pmdesk.store.engine stamps every library


def peek_summaries(location: str | None) -> list[ReviewSummary] | None:
    """The library's reviews, newest change first; None when a quick look is not possible."""
    path = _sqlite_path(location)
    if path is None or not path.is_file():
        return None
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?{flags}", uri=True, timeout=0.5)
        try:
            (app_id,) = conn.execute("PRAGMA application_id").fetchone()
            if app_id != _APPLICATION_ID:
                return None
            rows = conn.execute(_SUMMARIES, _OPEN).fetchall()
        finally:
            conn.close()
        return [_summary(row) for row in rows]
    except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
        return None


def _sqlite_path(location: str | None) -> Path | None:
    """The file a plain location names, as ``engine.resolve_location`` reads it; None for URLs."""
    raw = location or os.environ.get("PMDESK_LIBRARY") or None
    if raw is None:
        import platformdirs

        return Path(platformdirs.user_data_dir("pmdesk", appauthor=False)) / "library.pmdesk"
    if "://" in raw:
        return None
    return Path(raw).expanduser().resolve()


def _summary(row: tuple[object, ...]) -> ReviewSummary:
    uid, title, kind, status, severity, started, updated, n_open, n_events, services, version = row
    listed = json.loads(str(services)) if services else []
    return ReviewSummary(
        id=str(uid),
        title=str(title),
        kind=ReviewKind(str(kind)),
        status=ReviewStatus(str(status)),
        severity=str(severity) if severity is not None else None,
        started_at=_moment(started),
        updated_at=_moment(updated),
        open_actions=int(str(n_open)),
        event_count=int(str(n_events)),
        services=tuple(str(s) for s in listed),
        version=int(str(version)),
    )


def _moment(value: object) -> datetime | None:
    """SQLAlchemy stores naive UTC text on SQLite (``orm.UtcDateTime``); tag it as UTC."""
    if value is None:
        return None
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)
