"""Child process for test_kill: edit the title through the real widgets, say when it shows 'Saved'.

Run as: python kill_child.py LIBRARY SETTINGS_INI TEXT
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window


def main() -> None:
    library, ini, text = sys.argv[1:4]
    app = QApplication(["kill-child"])
    window = build_main_window(
        library, settings=Settings(QSettings(ini, QSettings.Format.IniFormat))
    )
    assert isinstance(window, MainWindow)
    window.show()
    editor = window.open_review(window.library.list_reviews()[0].id)
    assert editor is not None
    title = editor.findChild(QLineEdit, "titleEdit")
    saved = window.findChild(QLabel, "savedLabel")
    title.setFocus()
    title.selectAll()
    for char in text:  # QTest.keyClicks asserts on characters beyond Latin-1
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(title, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    QTest.keyClick(title, Qt.Key.Key_Return)

    def report_when_saved() -> None:
        if saved.text().startswith("Saved"):
            print("SAVED", flush=True)  # the parent kills us as soon as it reads this
        else:
            QTimer.singleShot(5, report_when_saved)

    QTimer.singleShot(0, report_when_saved)
    app.exec()


if __name__ == "__main__":
    main()
