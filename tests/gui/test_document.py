"""The open review takes in its own writes without reading the whole review back."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.model import (
    Attachment,
    Change,
    Event,
    EventKind,
    Part,
    Review,
    Source,
    SourceType,
    new_id,
)
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.commands import PutItemCommand
from pmdesk.ui.document import ReviewDocument


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    opened = Library.open(tmp_path / "l.pmdesk", seed=seed_sample)
    yield opened
    opened.close()


@pytest.fixture
def document(library: Library) -> Iterator[ReviewDocument]:
    doc = ReviewDocument(library, library.list_reviews()[0].id)
    yield doc
    doc.close()


def reads_of(library: Library, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every whole-review read the library is asked for from now on."""
    reads: list[str] = []
    read = library.get_review

    def spy(review_id: str) -> Review:
        reads.append(review_id)
        return read(review_id)

    monkeypatch.setattr(library, "get_review", spy)
    return reads


def as_stored(library: Library, document: ReviewDocument) -> tuple[Review, Review]:
    """The document's snapshot and the library's review, the write time left aside."""
    stored = library.get_review(document.review_id)
    return (
        dataclasses.replace(document.review, updated_at=None),
        dataclasses.replace(stored, updated_at=None),
    )


def test_a_card_move_is_taken_in_without_reading_the_review_back(
    qtbot: QtBot, library: Library, document: ReviewDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = document.review.events_by_time()[:5]
    moved = [dataclasses.replace(e, at=e.at + timedelta(minutes=3)) for e in events]
    changes: list[Change] = []
    document.changed.connect(changes.append)
    reads = reads_of(library, monkeypatch)
    version = document.version
    assert document.write_edit(puts=moved) is not None
    assert reads == []
    assert document.version == version + 1
    assert [c.items for c in changes] == [frozenset(e.id for e in events)]
    mine, stored = as_stored(library, document)
    assert mine == stored


def test_local_writes_keep_order_cleaned_text_and_undo_the_same_as_the_library(
    qtbot: QtBot, library: Library, document: ReviewDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = document.review.events[0]
    reads = reads_of(library, monkeypatch)
    hostile = dataclasses.replace(first, title="Pager\u202e went off\x00 ", kind=EventKind.ALERT)
    document.undo_stack.push(PutItemCommand(document, "Edit event", hostile, first))
    added = Event(
        new_id(), first.at, EventKind.NOTE, "Placed second", source=Source(SourceType.MANUAL)
    )
    assert document.write_item(added, index=1)
    assert reads == []
    mine, stored = as_stored(library, document)
    assert mine == stored
    assert document.review.events[1].id == added.id
    removal = document.write_removal(Part.EVENTS, added.id)
    assert removal is not None
    assert document.write_restore(removal)
    document.undo_stack.undo()
    document.undo_stack.redo()
    mine, stored = as_stored(library, document)
    assert mine == stored
    assert document.review.events[1].id == added.id


@pytest.mark.parametrize(
    "removals",
    [
        [(Part.PEOPLE, "p-tomas")],  # an actor of events and an owner of an action
        [(Part.EVENTS, "e01")],  # linked to factors and to an attachment
        [(Part.LAYERS, "l-design")],  # takes its factors, which actions address
        [(Part.FACTORS, "f-notice"), (Part.PEOPLE, "p-sam"), (Part.EVENTS, "e25")],
    ],
)
def test_a_delete_is_taken_in_as_the_library_cuts_references_without_reading_back(
    qtbot: QtBot,
    library: Library,
    document: ReviewDocument,
    monkeypatch: pytest.MonkeyPatch,
    removals: list[tuple[Part, str]],
) -> None:
    picture = Attachment(new_id(), "attachments/graph.png", "Error rate", event="e01", data=b"png")
    assert document.write_item(picture)
    reads = reads_of(library, monkeypatch)
    if len(removals) == 1:
        removal = document.write_removal(*removals[0])
    else:
        removal = document.write_edit(removals=removals)
    assert removal is not None
    assert reads == []
    mine, stored = as_stored(library, document)
    assert mine == stored
    assert document.write_restore(removal)
    mine, stored = as_stored(library, document)
    assert mine == stored


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "  Checkout failures\u202e after a failover\x00 "},
        {"services": ("checkout-api", " ", "orders-db\u200b ", "search")},
        {"started_at": datetime(2026, 10, 14, 16, 1, tzinfo=timezone(timedelta(hours=2)))},
        {"summary": "", "severity": "SEV1", "timezone": "America/New_York"},
    ],
)
def test_a_review_field_edit_is_taken_in_as_the_library_stores_it(
    qtbot: QtBot,
    library: Library,
    document: ReviewDocument,
    monkeypatch: pytest.MonkeyPatch,
    fields: dict[str, object],
) -> None:
    reads = reads_of(library, monkeypatch)
    assert document.write_review(**fields)
    assert reads == []
    mine, stored = as_stored(library, document)
    assert mine == stored
