"""The console's side tabs: who is in the room, private notes, parking lot, past meetings.

Private notes are saved through the controller a moment after typing pauses;
``flush`` saves at once (the console calls it when it closes).
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QTabWidget, QWidget

from pmdesk.meeting.record import MeetingRecord
from pmdesk.model import NoteKind
from pmdesk.ui.meeting.controller import MeetingController, attendee_label

NOTES_SAVE_MS = 1200


class MeetingSideTabs(QTabWidget):
    """Attendees, Private notes, Parking && questions, Past meetings (``meetingSideTabs``)."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingSideTabs")
        self._controller = controller
        self.attendees_list = QListWidget()
        self.attendees_list.setObjectName("attendeesList")
        self.attendees_list.setAccessibleName("Attendees: check who is in the room")
        self.attendees_list.itemChanged.connect(self._on_attendees_list_item_changed)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("privateNotesEdit")
        self.notes_edit.setAccessibleName("Private notes (not shown to the room)")
        self.notes_edit.setPlaceholderText("Private notes: only you see these.")
        self.notes_edit.setPlainText(controller.data.notes)
        self.notes_edit.textChanged.connect(self._on_notes_edit_text_changed)
        self.parking_list = QListWidget()
        self.parking_list.setObjectName("parkingList")
        self.parking_list.setAccessibleName("Parking lot and open questions")
        self.past_view = QPlainTextEdit()
        self.past_view.setObjectName("pastMeetingsView")
        self.past_view.setReadOnly(True)
        self.addTab(self.attendees_list, "Attendees")
        self.addTab(self.notes_edit, "Private notes")
        self.addTab(self.parking_list, "Parking && questions")
        self.addTab(self.past_view, "Past meetings")
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_MS)
        self._notes_timer.timeout.connect(self._save_notes)

    def focus(self, widget: QWidget) -> None:
        self.setCurrentWidget(widget)
        widget.setFocus()

    def refresh_attendees(self) -> None:
        present = set(self._controller.attendees)
        with QSignalBlocker(self.attendees_list):
            self.attendees_list.clear()
            for person in self._controller.review.people:
                label = attendee_label(person)
                item = QListWidgetItem(label)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = label in present
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.attendees_list.addItem(item)

    def refresh_parking(self) -> None:
        self.parking_list.clear()
        for note in self._controller.review.notes:
            if note.kind in (NoteKind.PARKING, NoteKind.QUESTION):
                mark = "?" if note.kind is NoteKind.QUESTION else "P"
                self.parking_list.addItem(f"{mark}  {note.text}")

    def refresh_past(self) -> None:
        texts = []
        for data in reversed(self._controller.data.records):
            try:
                record = MeetingRecord.from_json(data)
            except (KeyError, ValueError, TypeError):
                texts.append("(a record this version of pmdesk cannot read)")
                continue
            texts.append(record.summary(self._controller.review.timezone))
        self.past_view.setPlainText("\n\n".join(texts) or "No meetings recorded yet.")

    def flush(self) -> None:
        """Save notes still waiting for their pause."""
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._save_notes()

    def _on_attendees_list_item_changed(self, _item: QListWidgetItem) -> None:
        present = []
        for row in range(self.attendees_list.count()):
            item = self.attendees_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                present.append(item.text())
        self._controller.set_attendees(present)

    def _on_notes_edit_text_changed(self) -> None:
        self._notes_timer.start()

    def _save_notes(self) -> None:
        self._controller.save_notes(self.notes_edit.toPlainText())
