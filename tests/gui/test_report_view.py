"""The Report section: preview per reader, readiness before export, export off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from pmdesk.store import Library
from pmdesk.store.sample import sample_review
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.report_view import ReportSection


@pytest.fixture
def section(qtbot: QtBot, tmp_path: Path) -> Iterator[ReportSection]:
    library = Library.open(tmp_path / "library.pmdesk")
    library.add_review(sample_review())
    document = ReviewDocument(library, sample_review().id)
    widget = ReportSection(document)
    qtbot.addWidget(widget)
    yield widget
    document.close()
    library.close()


def test_preview_follows_the_reader(section: ReportSection) -> None:
    section.audience.setCurrentIndex(section.audience.findData("leadership"))
    leadership = section.preview.toPlainText()
    assert "What we will do" in leadership and "Sam Rivera" in leadership
    section.audience.setCurrentIndex(section.audience.findData("adjacent"))
    adjacent = section.preview.toPlainText()
    assert adjacent != leadership and "orders-db" in adjacent


def test_blame_is_pointed_out_before_export_but_never_blocks(
    qtbot: QtBot, section: ReportSection, tmp_path: Path
) -> None:
    assert section.blame.isHidden()
    section._doc.write_review(summary="The on-call engineer was careless with the failover.")
    section.refresh()
    assert not section.blame.isHidden() and "judge people" in section.blame.text()
    out = tmp_path / "leaders.pdf"
    section.audience.setCurrentIndex(section.audience.findData("leadership"))
    with qtbot.waitSignal(section.exported, timeout=30000):
        section.export(out)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Checkout failures" in text and len(PdfReader(out).pages) <= 3


def test_a_failed_export_says_so_and_keeps_the_old_file(
    section: ReportSection, tmp_path: Path
) -> None:
    section.fmt.setCurrentIndex(section.fmt.findData("md"))
    missing = tmp_path / "no such folder" / "report.md"
    section.export(missing, wait=True)
    assert "Not written" in section.status.text() and "does not exist" in section.status.text()
    assert section.export_button.isEnabled()


def test_the_preview_lays_the_report_out_and_shows_markup_as_typed(
    section: ReportSection,
) -> None:
    """Headings, real tables and lists, as the reader will get them; never rich text."""
    from PySide6.QtGui import QTextCursor, QTextTable

    section._doc.write_review(title="Checkout <b>down</b> & <img src=x>")
    section.audience.setCurrentIndex(section.audience.findData("engineering"))
    section.refresh()
    document = section.preview.document()
    text = section.preview.toPlainText()
    assert text.startswith("Checkout <b>down</b> & <img src=x>")
    assert "&lt;b&gt;down&lt;/b&gt;" in document.toHtml()  # text, not markup
    headings = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            headings.append(block.text())
        block = block.next()
    assert {"Summary", "Impact", "Timeline"} <= set(headings)
    cursor = QTextCursor(document)
    tables = 0
    while not cursor.atEnd():
        if isinstance(cursor.currentTable(), QTextTable):
            tables += 1
            cursor.setPosition(cursor.currentTable().lastPosition() + 1)
        else:
            cursor.movePosition(QTextCursor.MoveOperation.NextBlock)
            if cursor.atEnd():
                break
    assert tables >= 3  # impact, durations, timeline
    assert "▣ Figure:" in text  # where each figure goes; drawn on export


def test_figures_appear_in_the_preview_once_typing_pauses(
    qtbot: QtBot, section: ReportSection
) -> None:
    """Marked at first (drawing would stall typing), drawn after a pause, then kept."""
    import re

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    section.show()
    section.audience.setCurrentIndex(section.audience.findData("engineering"))
    assert "▣ Figure:" in section.preview.toPlainText()
    qtbot.waitUntil(lambda: "▣ Figure:" not in section.preview.toPlainText(), timeout=10000)
    document = section.preview.document()
    names = re.findall(r'<img src="([^"]+)"', document.toHtml())
    assert names == ["pmdesk-figure:1", "pmdesk-figure:2"]  # the timeline and the board
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(names[0]))
    assert not image.isNull()
    # An edit brings the marks back until the next pause; the old pictures are not shown.
    section._doc.write_review(title="Checkout failures (edited)")
    section.refresh()
    assert "▣ Figure:" in section.preview.toPlainText()


def test_figures_are_drawn_when_the_section_comes_back_into_view(
    qtbot: QtBot, section: ReportSection
) -> None:
    """Edits made elsewhere only mark the figures; showing the section draws them."""
    section.show()
    qtbot.waitUntil(lambda: "▣ Figure:" not in section.preview.toPlainText(), timeout=10000)
    section.hide()
    section._doc.write_review(title="Edited while the report was hidden")
    section.refresh()
    assert "▣ Figure:" in section.preview.toPlainText()
    # Some time passes while hidden: the preview's timers fire, and draw nothing.
    section._timer.stop()
    section._figure_timer.stop()
    section._on_figure_timer_timeout()
    assert "▣ Figure:" in section.preview.toPlainText()
    assert not section._figure_timer.isActive()
    section.show()
    qtbot.waitUntil(lambda: "▣ Figure:" not in section.preview.toPlainText(), timeout=10000)
