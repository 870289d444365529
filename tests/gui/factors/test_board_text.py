"""User text on the board: any text is stored plain and drawn readable, never as markup."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from pytestqt.qtbot import QtBot

from pmdesk.figures.geometry import Rect
from pmdesk.figures.qt_text import QtTextMeasure
from pmdesk.figures.samples import big_board
from pmdesk.model import Review
from pmdesk.store import Library
from pmdesk.text import clean_text
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits
from pmdesk.ui.factors.board import FactorBoard
from pmdesk.ui.factors.section import FactorBoardSection

_FIXTURES = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_NASTY = st.sampled_from(
    [
        '<img src="file:///etc/passwd">x',
        "<b>bold</b> & <i>it</i>",
        "\x1b[31mred\x1b[0m",
        "שלום عالم mixed",
        "a" * 3000,
        "line one\nline two",
        "\x00\x07\ud800",
    ]
)


@_FIXTURES
@given(text=st.one_of(st.text(max_size=300), _NASTY))
def test_any_text_becomes_a_plain_hole_or_nothing(
    section: FactorBoardSection, document: ReviewDocument, text: str
) -> None:
    layer = document.review.ordered_layers()[0]
    before = len(document.review.factors)
    new_id = edits.add_factor(document, layer.id, text)
    expected = clean_text(text).strip()[:2000]
    if not expected:
        assert new_id is None and len(document.review.factors) == before
        return
    assert new_id is not None
    factor = document.review.factor(new_id)
    assert factor is not None and factor.text == expected
    hole = section.board.hole_item(new_id)
    assert hole is not None and hole.hole.text
    assert "<" not in hole.hole.text or "<" in expected  # shown literally, never parsed
    document.undo_stack.undo()
    assert document.review.factor(new_id) is None


def test_rich_text_paste_into_the_board_editor_is_stored_plain(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    board = section.board
    factor = document.review.factors[0]
    board.set_current(factor.id)
    board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Return)
    editor = board.editor
    assert editor is not None
    clipboard = QGuiApplication.clipboard()
    mime = QMimeData()
    mime.setHtml(
        '<b>Pool</b> <img src="file:///tmp/secret.png"> <span style="font-size:300px">big</span>'
    )
    mime.setText("Pool big")
    clipboard.setMimeData(mime)
    editor.selectAll()
    qtbot.keySequence(editor, QKeySequence.StandardKey.Paste)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert document.review.factor(factor.id).text == "Pool big"  # type: ignore[union-attr]


@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("which", ["sample", "big"])
def test_no_overlaps_and_every_hole_shows_its_whole_text(
    qtbot: QtBot, tmp_path: Path, document: ReviewDocument, theme: str, which: str
) -> None:
    review: Review = document.review
    if which == "big":
        crowded = big_board(8, 3)
        library = Library.open(tmp_path / "big.pmdesk")
        review = library.add_review(crowded.replace(title="Eight layers"))
        doc = ReviewDocument(library, review.id)
    else:
        doc = document
    try:
        board = FactorBoard(doc, theme)
        qtbot.addWidget(board)
        board.resize(1900, 900)
        board.show()
        qtbot.waitExposed(board)
        layout = board.layout_used
        assert layout is not None
        assert len(layout.holes) == len(doc.review.factors)
        _assert_apart([s.rect for s in layout.slices] + [s.label_rect for s in layout.slices])
        for layer in layout.slices:
            _assert_apart([h.rect for h in layer.holes])
        measure = QtTextMeasure(board.fig_style)
        body = board.fig_style.body_px
        for hole in layout.holes:
            lines = measure.wrapped_lines(hole.text, hole.text_rect.w, body)
            tag = measure.line_height(board.fig_style.small_px) if hole.third_party else 0
            assert lines * measure.line_height(body) + tag <= hole.text_rect.h + 0.5, hole.text
        assert board.transform().m11() >= 0.72
    finally:
        if doc is not document:
            doc.close()
            doc.library.close()


def _assert_apart(rects: list[Rect]) -> None:
    for n, a in enumerate(rects):
        for b in rects[n + 1 :]:
            overlap_w = min(a.right, b.right) - max(a.x, b.x)
            overlap_h = min(a.bottom, b.bottom) - max(a.y, b.y)
            assert overlap_w <= 0.5 or overlap_h <= 0.5, (a, b)


def test_hole_tooltip_shows_text_and_linked_events_escaped(
    section: FactorBoardSection, document: ReviewDocument
) -> None:
    layer = document.review.ordered_layers()[0]
    new_id = edits.add_factor(document, layer.id, '<img src="file:///tmp/x.png"> & <b>pool</b>')
    assert new_id is not None
    first = document.review.events_by_time()[0]
    assert edits.set_events(document, new_id, [first.id])
    hole = section.board.hole_item(new_id)
    assert hole is not None
    tip = hole.toolTip()
    assert "<img" not in tip and "<b>" not in tip
    assert "&lt;img" in tip and "&amp;" in tip
    assert "Seen in 1 timeline event:" in tip
    assert html.escape(first.title[:40]) in tip
