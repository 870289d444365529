"""What the timeline canvas can change, each as one undo command on the review's stack.

The view decides *which* events (selection, the point clicked); these functions
decide *what* the change is and push exactly one command for it, as
``pmdesk.ui.factors.edits`` does for the board. None of them touch the scene:
the view redraws from the document's ``changed`` signal.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from pmdesk.clock import format_moment
from pmdesk.figures.timeline.layout import MILESTONE_NAMES
from pmdesk.model import Event, EventKind, Part, Review, Source, SourceType, new_id
from pmdesk.text import clean_optional, clean_text, one_line
from pmdesk.ui.commands import EditItemsCommand, PutItemCommand, UpdateReviewCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.gestures import snap_to_minute

#: Clipboard format for events copied on the canvas; plain text goes alongside.
EVENTS_MIME = "application/x-pmdesk-events+json"
#: More than this many pasted events is a mistake (a clipboard from elsewhere), not a paste.
MAX_PASTED = 5000


def add_event(
    document: ReviewDocument, at: datetime, defaults: Mapping[str, object]
) -> Event | None:
    """A new event at the minute of ``at``, of the lane's kind or person; None if refused."""
    kind = defaults.get("kind", EventKind.NOTE)
    actor = defaults.get("actor")
    event = Event(
        new_id(),
        snap_to_minute(at),
        kind if isinstance(kind, EventKind) else EventKind.NOTE,
        "New event",
        actor=actor if isinstance(actor, str) else None,
        source=Source(SourceType.MANUAL),
    )
    document.undo_stack.push(PutItemCommand(document, "Add event", event))
    return event if document.review.event(event.id) is not None else None


def move_events(document: ReviewDocument, new_times: Mapping[str, datetime]) -> bool:
    """Give events new times as one step; False when none of them moves."""
    moved = [
        dataclasses.replace(e, at=new_times[e.id])
        for e in document.review.events
        if e.id in new_times and new_times[e.id] != e.at
    ]
    if not moved:
        return False
    label = "Move event" if len(moved) == 1 else f"Move {len(moved)} events"
    document.undo_stack.push(EditItemsCommand(document, label, moved))
    return True


def set_milestone(document: ReviewDocument, name: str, at: datetime) -> None:
    """Set ``started_at``, ``detected_at`` … to ``at``, unless it is there already."""
    if getattr(document.review, name) == at:
        return
    label = {n: t for n, t, _ in MILESTONE_NAMES}.get(name, name)
    command = UpdateReviewCommand(document, f"Move '{label}' on the timeline", {name: at})
    document.undo_stack.push(command)


def delete_events(document: ReviewDocument, ids: Sequence[str]) -> int:
    """Delete events (and their links) as one step; how many were asked for."""
    if not ids:
        return 0
    label = "Delete event" if len(ids) == 1 else f"Delete {len(ids)} events"
    removals = [(Part.EVENTS, event_id) for event_id in ids]
    document.undo_stack.push(EditItemsCommand(document, label, removals=removals))
    return len(ids)


def toggle_key(document: ReviewDocument, ids: Sequence[str]) -> list[str]:
    """Mark events as key moments, or unmark them when all already are; the ids kept."""
    review = document.review
    events = [e for e in (review.event(i) for i in ids) if e is not None]
    if not events:
        return []
    mark = not all(e.key for e in events)
    label = "Mark key moment" if mark else "Unmark key moment"
    marked = [dataclasses.replace(e, key=mark) for e in events if e.key != mark]
    document.undo_stack.push(EditItemsCommand(document, label, marked))
    return [e.id for e in events]


def copy_events(review: Review, ids: Sequence[str]) -> int:
    """Put events on the clipboard, as pmdesk events and as tab-separated text."""
    events = [e for e in (review.event(i) for i in ids) if e is not None]
    if not events:
        return 0
    payload = [
        {
            "at": e.at.isoformat(),
            "kind": e.kind.value,
            "title": e.title,
            "detail": e.detail,
            "knew": e.knew,
            "actor": e.actor,
            "key": e.key,
        }
        for e in events
    ]
    mime = QMimeData()
    mime.setData(EVENTS_MIME, json.dumps(payload).encode("utf-8"))
    zone = review.timezone
    mime.setText("\n".join(f"{format_moment(e.at, zone)}\t{e.title}" for e in events))
    QGuiApplication.clipboard().setMimeData(mime)
    return len(events)


def paste_events(document: ReviewDocument, at: datetime | None) -> list[str]:
    """Paste copied events as one step, shifted so the first lands at ``at`` when given."""
    data = QGuiApplication.clipboard().mimeData()
    if data is None or not data.hasFormat(EVENTS_MIME):
        return []
    events = events_from_clipboard(bytes(data.data(EVENTS_MIME).data()), document.review)
    if not events:
        return []
    if at is not None:
        shift = snap_to_minute(at) - min(e.at for e in events)
        events = [dataclasses.replace(e, at=e.at + shift) for e in events]
    label = "Paste event" if len(events) == 1 else f"Paste {len(events)} events"
    document.undo_stack.push(EditItemsCommand(document, label, events))
    return [e.id for e in events if document.review.event(e.id) is not None]


def events_from_clipboard(raw: bytes, review: Review) -> list[Event]:
    """Events from our clipboard format; anything malformed is skipped, text is cleaned."""
    try:
        rows = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return []
    if not isinstance(rows, list):
        return []
    people = {p.id for p in review.people}
    events: list[Event] = []
    for row in rows[:MAX_PASTED]:
        if not isinstance(row, dict):
            continue
        try:
            at = datetime.fromisoformat(str(row["at"]))
            kind = EventKind(str(row["kind"]))
        except (KeyError, ValueError):
            continue
        if at.tzinfo is None:
            continue
        title = one_line(clean_text(str(row.get("title") or "")), 500) or "Pasted event"
        actor = row.get("actor")
        events.append(
            Event(
                new_id(),
                at,
                kind,
                title,
                detail=clean_optional(_text_or_none(row.get("detail"))),
                knew=clean_optional(_text_or_none(row.get("knew"))),
                actor=actor if isinstance(actor, str) and actor in people else None,
                source=Source(SourceType.MANUAL),
                key=row.get("key") is True,
            )
        )
    return events


def _text_or_none(value: object) -> str | None:
    """A pasted field that is text, or None: a clipboard from elsewhere may hold anything."""
    return value if isinstance(value, str) else None
