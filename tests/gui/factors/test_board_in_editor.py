"""The board inside the real main window: its keys reach it and it shares the window's undo."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.ui.editor.review_editor import ReviewEditor
from pmdesk.ui.factors.board import FactorBoard
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window


@pytest.fixture
def window(qtbot: QtBot, library_path: str, settings: Settings) -> Iterator[MainWindow]:
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.resize(1600, 950)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def test_board_keys_work_inside_the_main_window(qtbot: QtBot, window: MainWindow) -> None:
    review_id = window.library.list_reviews()[0].id
    editor = window.open_review(review_id)
    assert isinstance(editor, ReviewEditor)
    editor.show_section("factors")
    board = editor.findChild(FactorBoard, "factorBoard")
    assert board is not None and board.isVisible()
    document = editor.document
    board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Tab)
    current = board.current_factor()
    assert current is not None
    was = document.review.factor(current).on_trajectory  # type: ignore[union-attr]
    qtbot.keyClick(board, Qt.Key.Key_T)
    assert document.review.factor(current).on_trajectory is not was  # type: ignore[union-attr]
    qtbot.keyClick(board, Qt.Key.Key_Delete)
    assert document.review.factor(current) is None
    qtbot.keyClick(board, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert document.review.factor(current) is not None
