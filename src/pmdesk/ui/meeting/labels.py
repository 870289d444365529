"""Plain-text labels for the meeting windows: user text never widens the console."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from pmdesk.text import one_line


def say(label: QLabel, text: str, limit: int = 400) -> None:
    """Set a status line; a 2,000-character word must not stretch the window (PITFALLS QT-06)."""
    label.setText(one_line(text, limit))


def meeting_label(text: str = "", *, name: str = "", user_text: bool = False) -> QLabel:
    """A plain-text label; ``user_text`` ones never ask for more width than they get."""
    label = QLabel(text)
    if user_text:
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label
