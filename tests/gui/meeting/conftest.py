"""A library with the sample review, a document over it, and a meeting console on a test clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.controller import MeetingController


class ManualClock:
    """A clock the test moves by hand, so countdowns are exact."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "l.pmdesk"


@pytest.fixture
def document(library_file: Path) -> Iterator[ReviewDocument]:
    library = Library.open(library_file, seed=seed_sample)
    review_id = library.list_reviews()[0].id
    doc = ReviewDocument(library, review_id)
    yield doc
    doc.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def console(qtbot: QtBot, document: ReviewDocument, clock: ManualClock) -> Iterator[MeetingConsole]:
    controller = MeetingController(document, now=clock)
    widget = MeetingConsole(document, controller)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    QApplication.processEvents()
    yield widget
    widget.close()
