"""The meeting says what a capture added and asks before it ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGridLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.shortcuts import ShortcutsOverlay

KM = Qt.KeyboardModifier


def test_a_capture_says_what_it_added_and_how_to_undo_it(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    console.controller.start()
    qtbot.keyClick(console, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(console.capture.edit, "w fast escalation")
    qtbot.keyClick(console.capture.edit, Qt.Key.Key_Return)
    assert console.capture.edit.text() == ""
    said = console.capture.understood.text()
    assert "Added" in said and "fast escalation" in said and "Ctrl+Z" in said
    qtbot.keyClicks(console.capture.edit, "?")  # typing again shows what Enter would add
    assert "Added" not in console.capture.understood.text()


def _end_box(widget: QWidget) -> QMessageBox:
    box = widget.findChild(QMessageBox, "endMeetingBox")
    assert isinstance(box, QMessageBox), "no question was asked"
    return box


def _button(box: QMessageBox, text: str) -> QAbstractButton:
    return next(b for b in box.buttons() if b.text() == text)


def test_ctrl_shift_e_asks_before_it_ends_the_meeting(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    c = console.controller
    c.start()
    qtbot.keyClick(console, Qt.Key.Key_E, KM.ControlModifier | KM.ShiftModifier)
    box = _end_box(console)
    assert c.started and box.isVisible()
    assert "End the meeting now?" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc keeps going
    assert c.started
    qtbot.waitUntil(lambda: console.findChild(QMessageBox, "endMeetingBox") is None)
    console.header.end_button.click()  # the button asks too
    _button(_end_box(console), "End meeting").click()
    assert not c.started
    assert "Meeting ended" in console.capture.understood.text()


def test_ending_from_the_presenter_asks_on_the_presenter(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    c = console.controller
    c.start()
    console.show_presenter()
    presenter = console.presenter
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_E, KM.ControlModifier | KM.ShiftModifier)
    box = _end_box(presenter)  # over the screen the facilitator is looking at
    _button(box, "Keep going").click()
    assert c.started


def test_nothing_is_asked_before_the_meeting_starts(console: MeetingConsole) -> None:
    assert console.ask_to_end() is None


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_the_key_help_is_whole_and_aligned(
    qtbot: QtBot, console: MeetingConsole, size: tuple[int, int]
) -> None:
    console.resize(*size)
    qtbot.keyClick(console, Qt.Key.Key_F1)
    overlay = console.overlay
    assert overlay.isVisible()
    area = overlay.sheet_area
    assert overlay.rect().contains(area.geometry())
    grid = overlay.sheet.layout()
    assert isinstance(grid, QGridLayout)
    rows = 0
    for row in range(grid.rowCount()):
        keys, meaning = (grid.itemAtPosition(row, col) for col in (0, 1))
        if keys is None or meaning is None or keys.widget() is meaning.widget():
            continue
        key_label, text_label = keys.widget(), meaning.widget()
        assert isinstance(key_label, QLabel) and isinstance(text_label, QLabel)
        rows += 1
        # the key names end well before the description starts, on every row
        assert key_label.geometry().right() + 16 < text_label.geometry().left(), key_label.text()
        assert key_label.width() >= key_label.sizeHint().width(), key_label.text()
        # a long description wraps to as many lines as it needs: never cut
        assert text_label.height() >= text_label.heightForWidth(text_label.width()) - 1
        assert text_label.geometry().right() <= overlay.sheet.width()
    assert rows >= 20


def test_f1_on_the_presenter_shows_the_keys_there_and_esc_closes_only_the_help(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    console.controller.start()
    console.show_presenter()
    presenter = console.presenter
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_F1)
    help_sheet = console.presenter_help
    assert help_sheet.isVisible() and help_sheet.parentWidget() is presenter
    assert not console.overlay.isVisible()
    qtbot.keyClick(help_sheet, Qt.Key.Key_Escape)
    assert not help_sheet.isVisible()
    assert presenter.isVisible()  # Esc closed the help, not the presenter


def test_the_help_menu_lists_the_meeting_keys(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from pmdesk.ui.settings import Settings
    from pmdesk.ui.startup import build_main_window

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = build_main_window(str(tmp_path / "w.pmdesk"), settings=settings)
    qtbot.addWidget(window)
    window.show()
    (help_menu,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Help"]
    assert isinstance(help_menu, QMenu)
    (keys,) = [a for a in help_menu.actions() if a.objectName() == "meetingKeysAction"]
    keys.trigger()  # no meeting open: the sheet shows over the main window
    sheets = [w for w in window.findChildren(ShortcutsOverlay) if w.isVisible()]
    assert len(sheets) == 1 and sheets[0].parentWidget() is window
    texts = {label.text() for label in sheets[0].findChildren(QLabel)}
    assert "Ctrl+Shift+E" in texts and "B or ." in texts
    window.close()
