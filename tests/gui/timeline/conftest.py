"""Fixtures for the timeline canvas: the sample review in a fresh library, the section shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from pmdesk.model import Review
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.section import TimelineCanvasSection
from pmdesk.ui.timeline.view import TimelineView


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "l.pmdesk"


@pytest.fixture
def document(library_file: Path) -> Iterator[ReviewDocument]:
    library = Library.open(library_file, seed=seed_sample)
    doc = ReviewDocument(library, library.list_reviews()[0].id)
    yield doc
    doc.close()
    library.close()


@pytest.fixture
def section(qtbot: QtBot, document: ReviewDocument) -> Iterator[TimelineCanvasSection]:
    widget = TimelineCanvasSection(document)
    qtbot.addWidget(widget)
    widget.resize(1600, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    widget.view.fit_across()
    yield widget
    widget.close()


@pytest.fixture
def view(section: TimelineCanvasSection) -> TimelineView:
    return section.view


def reopened(library_file: Path, review_id: str) -> Review:
    """The review as a fresh library connection reads it from disk."""
    library = Library.open(library_file)
    try:
        return library.get_review(review_id)
    finally:
        library.close()


def card_point(view: TimelineView, event_id: str) -> QPoint:
    """The viewport point at the middle of an event's card, scrolled into sight."""
    view.center_on_event(event_id)
    item = view.card(event_id)
    assert item is not None, f"event {event_id} has no card"
    rect = item.sceneBoundingRect()
    return view.mapFromScene(rect.center().x(), rect.top() + 20)
