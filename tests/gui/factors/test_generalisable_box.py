"""Marking a factor as a gap other teams may share: one box, one undo step, saved at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.model import Review
from pmdesk.ui.factors.section import FactorBoardSection


def test_the_box_marks_the_factor_and_undo_takes_it_back(
    qtbot: QtBot, section: FactorBoardSection, saved: Callable[[], Review]
) -> None:
    section.board.set_current("f-alert")
    box = section.details.generalisable
    assert box.isEnabled() and not box.isChecked()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert saved().factor("f-alert").generalisable  # type: ignore[union-attr]
    stack = section._doc.undo_stack
    assert stack.undoText() == "Mark factor as one others may share"
    stack.undo()
    assert not saved().factor("f-alert").generalisable  # type: ignore[union-attr]
    assert not box.isChecked()
    section.board.set_current(None)
    assert not box.isEnabled()
