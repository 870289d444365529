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


@pytest.fixture
def transcript_dialog(qtbot: QtBot, document: ReviewDocument, tmp_path: Path) -> ChatImportDialog:
    source = tmp_path / "chat.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    dialog = ChatImportDialog(document, source)
    qtbot.addWidget(dialog)
    return dialog


def test_transcript_proposals_land_on_the_timeline_as_one_undo_step(
    document: ReviewDocument, transcript_dialog: ChatImportDialog
) -> None:
    dialog = transcript_dialog
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


def _slack_export(root: Path) -> Path:
    import json

    root.mkdir()
    (root / "users.json").write_text(json.dumps([{"id": "U1", "real_name": "Dana Reyes"}]))
    channels = [{"id": "C1", "name": "inc-checkout"}, {"id": "C2", "name": "random"}]
    (root / "channels.json").write_text(json.dumps(channels))
    for channel, text in (("inc-checkout", "rolled back the 14:20 deploy"), ("random", "lunch?")):
        (root / channel).mkdir()
        messages = [
            {"type": "message", "user": "U1", "ts": f"17726{n}0000.000100", "text": text}
            for n in range(6, 9)
        ]
        (root / channel / "2026-03-04.json").write_text(json.dumps(messages))
    return root


def test_a_slack_export_asks_for_channels_and_a_window_not_a_zone(
    qtbot: QtBot, document: ReviewDocument, tmp_path: Path
) -> None:
    """Slack carries UTC times, so no zone or day; its channels are listed to tick."""
    dialog = ChatImportDialog(document, _slack_export(tmp_path / "export"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.channel_list.isVisible()
    assert not dialog.zone_box.isVisible() and not dialog.date_edit.isVisible()
    names = [dialog.channel_list.item(n).text() for n in range(dialog.channel_list.count())]
    assert names == ["#inc-checkout", "#random"]
    dialog.channel_list.item(1).setCheckState(Qt.CheckState.Unchecked)
    dialog.start_reading(wait=True)
    assert dialog.result_ is not None
    assert {m.channel for m in dialog.result_.messages} == {"inc-checkout"}
    assert len(dialog.result_.messages) == 3

    # The window, in the review's zone (Europe/Berlin): only the middle message (01:20).
    dialog.since_edit.setText("2026-03-05 01:00")
    dialog.until_edit.setText("2026-03-05 02:00")
    dialog.start_reading(wait=True)
    assert [m.source_ref for m in dialog.result_.messages] == ["#inc-checkout/1772670000.000100"]

    dialog.until_edit.setText("2026-03-05 00:30")
    dialog.start_reading(wait=True)
    assert "before its start" in dialog.message.text()
    dialog.channel_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.start_reading(wait=True)
    assert "tick at least one channel" in dialog.message.text()


def test_a_transcript_asks_for_its_zone_and_day(transcript_dialog: ChatImportDialog) -> None:
    dialog = transcript_dialog
    dialog.show()
    assert dialog.zone_box.isVisible() and dialog.date_edit.isVisible()
    assert not dialog.channel_list.isVisible()
