"""A gesture over many cards is one commit, one change and one undo step, or nothing."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from pmdesk.model import Change
from pmdesk.store import Library
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.view import TimelineView

from .conftest import reopened


def test_moving_many_cards_is_one_commit_one_change_and_one_undo_step(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    events = document.review.events_by_time()[:8]
    version = document.version
    changes: list[Change] = []
    document.changed.connect(changes.append)
    steps = document.undo_stack.count()
    view.move_events({e.id: e.at + timedelta(minutes=5) for e in events})
    assert document.version == version + 1  # one commit
    assert len(changes) == 1 and changes[0].items == {e.id for e in events}
    assert document.undo_stack.count() == steps + 1
    stored = reopened(library_file, document.review_id)
    assert all(stored.event(e.id).at == e.at + timedelta(minutes=5) for e in events)  # type: ignore[union-attr]
    document.undo_stack.undo()
    assert document.version == version + 2  # undo is one commit too
    assert [document.review.event(e.id) for e in events] == events


def test_a_conflict_during_a_multi_card_move_leaves_every_card_where_it_was(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    events = document.review.events_by_time()[:8]
    other = Library.open(library_file)
    try:  # another window changes one of the same cards first
        other.put_item(document.review_id, dataclasses.replace(events[3], title="Edited elsewhere"))
    finally:
        other.close()
    reloaded: list[str] = []
    document.reloaded.connect(reloaded.append)
    view.move_events({e.id: e.at + timedelta(minutes=5) for e in events})
    assert reloaded  # told, and the view shows the library's state
    stored = reopened(library_file, document.review_id)
    assert [stored.event(e.id).at for e in events] == [e.at for e in events]  # type: ignore[union-attr]
    assert stored.event(events[3].id).title == "Edited elsewhere"  # type: ignore[union-attr]


def test_a_move_lands_whole_on_top_of_a_change_elsewhere_to_other_items(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    events = document.review.events_by_time()[:8]
    other = Library.open(library_file)
    try:  # another window renames the review: nothing this move is about
        other.update_review(document.review_id, title="Renamed elsewhere")
    finally:
        other.close()
    steps = document.undo_stack.count()
    view.move_events({e.id: e.at + timedelta(minutes=5) for e in events})
    stored = reopened(library_file, document.review_id)
    assert [stored.event(e.id).at for e in events] == [  # type: ignore[union-attr]
        e.at + timedelta(minutes=5) for e in events
    ]
    assert stored.title == "Renamed elsewhere"
    assert document.undo_stack.count() == steps + 1


def test_deleting_many_events_and_undo_is_one_commit_each(
    view: TimelineView, document: ReviewDocument
) -> None:
    events = document.review.events_by_time()[2:6]
    factors_before = document.review.factors
    version = document.version
    view.select_ids([e.id for e in events])
    assert view.delete_selected() == 4
    assert document.version == version + 1
    assert all(document.review.event(e.id) is None for e in events)
    document.undo_stack.undo()
    assert document.version == version + 2
    assert [e.id for e in document.review.events_by_time()[2:6]] == [e.id for e in events]
    assert document.review.factors == factors_before  # cut links came back
