"""Side panels of the canvas: the event editor, and what the team knew at "now".

Signals (EventPanel):
    closed(): the editor was closed (Esc or the Close button); the canvas takes focus back.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import format_moment, parse_moment
from pmdesk.errors import UserError
from pmdesk.model import Change, Event, EventKind, Part
from pmdesk.text import clean_optional, clean_text, one_line
from pmdesk.ui.commands import PutItemCommand
from pmdesk.ui.document import ReviewDocument

_NOBODY = ""


def _label(text: str, *, bold: bool = False) -> QLabel:
    """A plain-text, word-wrapped label: user text never becomes markup."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        label.setProperty("emphasis", True)
    return label


class EventPanel(QWidget):
    """Edit one event beside the canvas; each field commits as an undo step when left."""

    closed = Signal()

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineEventPanel")
        self.document = document
        self.event_id: str | None = None
        self._loading = False
        self.heading = _label("Event", bold=True)
        self.time_edit = QLineEdit()
        self.time_edit.setObjectName("eventTimeEdit")
        self.kind_box = QComboBox()
        for kind in EventKind:
            self.kind_box.addItem(kind.value.capitalize(), kind.value)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("eventTitleEdit")
        self.title_edit.setMaxLength(500)
        self.actor_box = QComboBox()
        self.knew_edit = QPlainTextEdit()
        self.knew_edit.setObjectName("eventKnewEdit")
        self.knew_edit.setPlaceholderText("What the team knew or believed at this moment")
        self.detail_edit = QPlainTextEdit()
        self.detail_edit.setPlaceholderText("Detail")
        self.key_box = QCheckBox("Key moment (K)")
        self.factor_list = QListWidget()
        self.factor_list.setObjectName("eventFactorList")
        self.message = _label("")
        self.message.setObjectName("inlineError")
        close = QPushButton("Close (Esc)")
        form = QFormLayout()
        form.addRow("Time", self.time_edit)
        form.addRow("Kind", self.kind_box)
        form.addRow("Title", self.title_edit)
        form.addRow("Who", self.actor_box)
        form.addRow("Knew", self.knew_edit)
        form.addRow("Detail", self.detail_edit)
        form.addRow("", self.key_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(_label("Linked factors"))
        layout.addWidget(self.factor_list)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.time_edit.editingFinished.connect(self.commit)
        self.title_edit.editingFinished.connect(self.commit)
        self.kind_box.activated.connect(self._on_box_activated)
        self.actor_box.activated.connect(self._on_box_activated)
        self.key_box.clicked.connect(self._on_box_activated)
        self.factor_list.itemChanged.connect(self._on_factor_list_item_changed)
        for editor in (self.knew_edit, self.detail_edit):
            editor.installEventFilter(self)
        close.clicked.connect(self.close_editor)
        document.changed.connect(self._on_document_changed)

    def edit(self, event_id: str) -> None:
        """Show ``event_id`` and put the cursor in its title."""
        if self.event_id and self.event_id != event_id:
            self.commit()
        self.event_id = event_id
        self.load()
        self.setVisible(True)
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def close_editor(self) -> None:
        """Esc or Close: keep what was typed, then hide and say so."""
        self.commit()
        self.event_id = None
        self.setVisible(False)
        self.closed.emit()

    def load(self) -> None:
        """Fill the fields from the review without committing anything back."""
        review = self.document.review
        event = review.event(self.event_id)
        if event is None:
            self.event_id = None
            self.setVisible(False)
            return
        self._loading = True
        try:
            self.heading.setText(f"Event at {format_moment(event.at, review.timezone)}")
            self.time_edit.setText(format_moment(event.at, review.timezone))
            self.kind_box.setCurrentIndex(max(self.kind_box.findData(event.kind.value), 0))
            self.title_edit.setText(event.title)
            self.actor_box.clear()
            self.actor_box.addItem("—", _NOBODY)
            for person in review.people:
                self.actor_box.addItem(one_line(clean_text(person.name), 60), person.id)
            self.actor_box.setCurrentIndex(max(self.actor_box.findData(event.actor or ""), 0))
            _set_plain(self.knew_edit, event.knew or "")
            _set_plain(self.detail_edit, event.detail or "")
            self.key_box.setChecked(event.key)
            self.factor_list.clear()
            for factor in review.factors:
                item = QListWidgetItem(one_line(clean_text(factor.text), 120))
                item.setData(Qt.ItemDataRole.UserRole, factor.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                linked = event.id in factor.events
                item.setCheckState(Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked)
                self.factor_list.addItem(item)
            self.message.clear()
        finally:
            self._loading = False

    def commit(self) -> None:
        """Push one change with every field as shown, if anything differs."""
        review = self.document.review
        old = review.event(self.event_id)
        if old is None or self._loading:
            return
        try:
            at = parse_moment(self.time_edit.text(), review.timezone, old.at)
        except (UserError, ValueError) as exc:
            self.message.setText(str(exc))
            return
        actor = self.actor_box.currentData()
        new = dataclasses.replace(
            old,
            at=at or old.at,
            kind=EventKind(self.kind_box.currentData() or old.kind.value),
            title=one_line(clean_text(self.title_edit.text()), 500) or old.title,
            actor=actor or None,
            knew=clean_optional(self.knew_edit.toPlainText()),
            detail=clean_optional(self.detail_edit.toPlainText()),
            key=self.key_box.isChecked(),
        )
        if new != old:
            self.message.clear()
            self.document.undo_stack.push(PutItemCommand(self.document, "Edit event", new, old))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Esc closes the panel from any of its fields."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_editor()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A field losing focus commits, so leaving a field is an undo step."""
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return super().eventFilter(watched, event)

    def _on_box_activated(self, *_args: object) -> None:
        """A choice in a drop-down or the check box commits straight away."""
        self.commit()

    def _on_factor_list_item_changed(self, item: QListWidgetItem) -> None:
        """Ticking a factor links it to this event, as one undoable edit."""
        if self._loading or self.event_id is None:
            return
        factor = self.document.review.factor(item.data(Qt.ItemDataRole.UserRole))
        if factor is None:
            return
        linked = item.checkState() == Qt.CheckState.Checked
        events = tuple(e for e in factor.events if e != self.event_id)
        if linked:
            events += (self.event_id,)
        if events != factor.events:
            label = "Link event to factor" if linked else "Unlink event from factor"
            new = dataclasses.replace(factor, events=events)
            self.document.undo_stack.push(PutItemCommand(self.document, label, new, factor))

    def _on_document_changed(self, change: Change) -> None:
        """Reload for outside changes, but not under the cursor of someone typing."""
        if self.event_id and change.parts & {Part.EVENTS, Part.FACTORS, Part.PEOPLE, Part.REVIEW}:
            focus = self.focusWidget()
            typing = focus in (self.knew_edit, self.detail_edit) and focus.hasFocus()
            if not typing:
                self.load()


def _set_plain(editor: QPlainTextEdit, text: str) -> None:
    """Replace the text only if it differs, so the cursor and undo history stay."""
    if editor.toPlainText() != text:
        editor.setPlainText(text)


class KnewPanel(QWidget):
    """What the team knew and believed at the now line, latest first, without hindsight."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineKnewPanel")
        self.document = document
        self.heading = _label("What we knew then", bold=True)
        self.hint = _label("Drag the now line along the axis, or step with N and P.")
        self.list = QListWidget()
        self.list.setObjectName("knewList")
        self.list.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)

    def show_moment(self, at: datetime | None) -> None:
        """Everything known by then, latest first: what the room could have known, no more."""
        review = self.document.review
        self.list.clear()
        if at is None:
            self.heading.setText("What we knew then")
            return
        self.heading.setText(f"What we knew at {format_moment(at, review.timezone)}")
        known = [e for e in review.events_by_time() if e.at <= at]
        for event in reversed(known):
            self.list.addItem(_knew_line(event, review.timezone))
        if not known:
            self.list.addItem("Nothing had happened yet.")

    def texts(self) -> list[str]:
        """The lines as a person reads them, newest first."""
        return [self.list.item(n).text() for n in range(self.list.count())]


def _knew_line(event: Event, zone: str | None) -> str:
    """One event as a line: time, a star for key moments, title, and what was known."""
    when = format_moment(event.at, zone, with_date=False)
    title = one_line(clean_text(event.title), 160)
    knew = one_line(clean_text(event.knew or ""), 400)
    star = "★ " if event.key else ""
    return f"{when}  {star}{title}" + (f"\n    Knew: {knew}" if knew else "")
