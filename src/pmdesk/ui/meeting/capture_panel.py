"""Quick capture: one typed line adds an event, factor, action… as one undo step.

While typing, the line below says what Enter would add (or why it cannot); after
Enter it says what was added. The controller reads and adds; this panel only
shows.

Signals:
    escaped(): Esc left the field (cleared), so the console can give focus back.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from pmdesk.errors import UserError
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.labels import meeting_label, say

CAPTURE_HINT = (
    "Quick capture (Ctrl+K): e 14:32 rollback started · f monitoring: no alert on lag · "
    "w fast escalation · ? why was the canary skipped · a Alex: add lag alert by Friday"
)


class CapturePanel(QWidget):
    """The capture field (``quickCaptureEdit``) and what it understood (``captureUnderstood``)."""

    escaped = Signal()

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.edit = QLineEdit()
        self.edit.setObjectName("quickCaptureEdit")
        self.edit.setAccessibleName("Quick capture")
        self.edit.setPlaceholderText(CAPTURE_HINT)
        self.edit.setMaxLength(2000)
        self.edit.returnPressed.connect(self._on_edit_return_pressed)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.installEventFilter(self)
        self.understood = meeting_label(name="captureUnderstood", user_text=True)
        self.understood.setAccessibleName("What quick capture understood")
        row = QHBoxLayout()
        row.addWidget(meeting_label("Capture:"))
        row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.understood)

    def say(self, text: str) -> None:
        """One line for the facilitator under the field (the console's status line)."""
        say(self.understood, text)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def _on_edit_return_pressed(self) -> None:
        line = self.edit.text()
        if line.strip() and self._controller.capture(line) is not None:
            # Quietly: the "Added: … (Ctrl+Z undoes)" line just said must stay to be read.
            with QSignalBlocker(self.edit):
                self.edit.clear()

    def _on_edit_text_changed(self, text: str) -> None:
        if not text.strip():
            self.say("")
            return
        try:
            result = self._controller.read_line(text)
        except UserError as exc:
            self.say(str(exc))
            return
        self.say("Enter adds: " + result.understood)

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.edit.clear()
            self.escaped.emit()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
