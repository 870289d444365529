"""The Actions section: quick capture, advice, coverage, backlog export, tracker paste."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.model import Action
from pmdesk.store import Library
from pmdesk.store.sample import sample_review
from pmdesk.ui.actions import ActionsSection, action_advice
from pmdesk.ui.document import ReviewDocument


@pytest.fixture
def section(qtbot: QtBot, tmp_path: Path) -> Iterator[ActionsSection]:
    library = Library.open(tmp_path / "library.pmdesk")
    library.add_review(sample_review())
    document = ReviewDocument(library, sample_review().id)
    widget = ActionsSection(document)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    yield widget
    document.close()
    library.close()


def test_quick_capture_adds_owner_and_action_in_one_undo_step(
    qtbot: QtBot, section: ActionsSection
) -> None:
    doc = section._doc
    before = (len(doc.review.people), len(doc.review.actions))
    qtbot.keyClicks(
        section.capture_edit, "Robin Park: add an alert for replication lag > 30s by 2027-01-15"
    )
    assert "Robin Park" in section.understood.text()
    qtbot.keyClick(section.capture_edit, "\r")
    review = doc.review
    added = review.actions[-1]
    assert review.person_name(added.owner) == "Robin Park"
    assert added.text.lower().startswith("add an alert")
    assert added.due is not None and added.due.isoformat() == "2027-01-15"
    assert section.capture_edit.text() == ""
    doc.undo_stack.undo()
    assert (len(doc.review.people), len(doc.review.actions)) == before
    with Library.open(doc.library.location) as fresh:
        assert len(fresh.get_review(doc.review_id).actions) == before[1]


def test_a_line_with_no_action_is_explained_and_kept(qtbot: QtBot, section: ActionsSection) -> None:
    count = len(section._doc.review.actions)
    qtbot.keyClicks(section.capture_edit, "Mei Chen: by Friday")
    assert not section.capture()
    assert "no action" in section.understood.text()
    assert section.capture_edit.text() == "Mei Chen: by Friday"
    assert len(section._doc.review.actions) == count


def test_coach_advice_for_a_wish_and_none_for_a_concrete_action(section: ActionsSection) -> None:
    review = section._doc.review
    assert action_advice(review, Action("x", "Improve monitoring")) != ""
    concrete = review.actions[1]
    assert action_advice(review, concrete) == ""


def test_export_csv_neutralises_formulas_and_reads_back(
    section: ActionsSection, tmp_path: Path
) -> None:
    doc = section._doc
    doc.write_item(Action("evil", '=HYPERLINK("http://x.example","click")'))
    out = tmp_path / "actions.csv"
    assert section.export("csv", out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert not any(cell.startswith("=") for cell in cells)


def test_tracker_paste_and_factor_links_are_undoable(section: ActionsSection) -> None:
    doc = section._doc
    action = doc.review.action("a3")
    assert action is not None and action.tracker_ref is None
    matched = section.apply_tracker_paste(f"OPS-4242 {action.text}")
    assert matched == 1 and doc.review.action("a3").tracker_ref == "OPS-4242"
    doc.undo_stack.undo()
    assert doc.review.action("a3").tracker_ref is None
    section.link_factors("a3", ["f-alert"])
    assert doc.review.action("a3").factors == ("f-alert",)
    assert "factor" in section.coverage.text()


def test_text_columns_never_shrink_to_a_word_per_line(
    qtbot: QtBot, section: ActionsSection
) -> None:
    """Very narrow: the table scrolls sideways; wide: the text columns share the room.

    In between, every column gives way together down to its floor (issue 15).
    """
    from PySide6.QtWidgets import QHeaderView

    from pmdesk.ui.item_table import MIN_SQUEEZE, MIN_TEXT_CHARS, TEXT_FLOOR_CHARS

    section.show()
    view = section.table.view
    header = view.horizontalHeader()
    text_columns = [n for n, c in enumerate(section.table.model.columns) if not c.width]
    floor = view.fontMetrics().horizontalAdvance("n" * TEXT_FLOOR_CHARS) * MIN_SQUEEZE
    least = view.fontMetrics().horizontalAdvance("n" * MIN_TEXT_CHARS)
    section.resize(400, 700)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0)
    assert all(header.sectionSize(n) >= floor for n in text_columns)
    section.resize(2400, 700)
    qtbot.waitUntil(
        lambda: all(
            header.sectionResizeMode(n) == QHeaderView.ResizeMode.Stretch for n in text_columns
        )
    )
    assert all(header.sectionSize(n) > least for n in text_columns)
