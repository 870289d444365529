"""Importing history: read off the UI thread, review proposals, add them as one undo step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.store import Library
from pmdesk.store.sample import sample_review
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.import_dialog import ChatImportDialog

TRANSCRIPT = """\
[14:30] dana: checkout errors are up, looking
[14:32] dana: I think it's the connection pool
[14:35] robin: rolling back the 14:20 deploy now
[14:41] robin: rollback done, error rate back to normal
[14:45] dana: posted an update on the status page for customers
"""


@pytest.fixture
def document(tmp_path: Path) -> Iterator[ReviewDocument]:
    library = Library.open(tmp_path / "library.pmdesk")
    library.add_review(sample_review())
    doc = ReviewDocument(library, sample_review().id)
    yield doc
    doc.close()
    library.close()


def test_transcript_proposals_land_on_the_timeline_as_one_undo_step(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    source = tmp_path / "chat.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    dialog = ChatImportDialog(document, source)
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("2026-10-14")
    dialog.start_reading(wait=True)
    assert dialog.proposals, dialog.message.text()
    assert "moments proposed" in dialog.message.text()
    first_title = dialog.model.item(0, 3)
    first_title.setText("Rollback of the 14:20 deploy started")
    dialog.model.item(len(dialog.proposals) - 1, 0).setCheckState(Qt.CheckState.Unchecked)
    assert "▶" in dialog.context.toPlainText()
    before = len(document.review.events)
    added = dialog.add_to_timeline()
    assert added == len(dialog.proposals) - 1
    review = document.review
    assert len(review.events) == before + added
    assert any(e.title == "Rollback of the 14:20 deploy started" for e in review.events)
    assert {"dana", "robin"} & {p.name for p in review.people}
    document.undo_stack.undo()
    assert len(document.review.events) == before


def test_a_broken_export_is_one_clear_message_and_adds_nothing(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 this is not really a zip")
    dialog = ChatImportDialog(document, broken)
    qtbot.addWidget(dialog)
    before = document.review.events
    dialog.start_reading(wait=True)
    assert "export.zip" in dialog.message.text()
    assert dialog.add_to_timeline() == 0
    assert document.review.events == before
    assert dialog.read_button.isEnabled()
