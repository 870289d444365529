"""Nudges beside the board: questions from the analysis that never block anything.

The list comes from ``pmdesk.coach.analysis.board_nudges``; activating one
shows the factor it is about on the board. A nudge the room has answered can
be dismissed for this review (stored with the coach's dismissals, undoable).

Signals:
    factorRequested(str): the user activated a nudge about this factor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.coach.analysis import board_nudges
from pmdesk.errors import UserError
from pmdesk.model import Change, Part
from pmdesk.text import one_line
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.plain import plain_tooltip

_NUDGE_PARTS = frozenset({Part.LAYERS, Part.FACTORS, Part.ACTIONS, Part.DISMISSED})
_FACTOR_ROLE = Qt.ItemDataRole.UserRole
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class NudgePanel(QWidget):
    """The board's questions, refreshed after every change (see module docstring for signals)."""

    factorRequested = Signal(str)

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        heading = QLabel("Questions for the room")
        heading.setObjectName("boardNudgesHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        self.list = QListWidget()
        self.list.setObjectName("boardNudges")
        self.list.setAccessibleName("Questions for the room")
        self.list.setWordWrap(True)
        self.list.setSpacing(4)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.list.itemActivated.connect(self._on_list_itemActivated)
        self.list.itemClicked.connect(self._on_list_itemActivated)
        self.list.currentItemChanged.connect(self._on_list_currentItemChanged)
        self.dismiss_button = QPushButton("Dis&miss this question")
        self.dismiss_button.setObjectName("dismissNudgeButton")
        self.dismiss_button.setToolTip(
            plain_tooltip("Answered, or not useful here: hide it for this review")
        )
        self.dismiss_button.setEnabled(False)
        self.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
        self._read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.dismiss_button)
        document.changed.connect(self._on_document_changed)
        self.refresh()

    def count(self) -> int:
        """How many questions are open (the "no questions" line does not count)."""
        return sum(bool(self.list.item(n).data(_KEY_ROLE)) for n in range(self.list.count()))

    def messages(self) -> list[str]:
        """The lines as shown, the "no questions" line included: what a person reads."""
        return [self.list.item(n).text() for n in range(self.list.count())]

    def set_read_only(self, read_only: bool) -> None:
        """Nobody dismisses questions while the board is read-only; the list stays."""
        self._read_only = read_only
        self.dismiss_button.setVisible(not read_only)

    def dismiss_current(self) -> bool:
        """Hide the selected question for this review; one undo step brings it back."""
        item = self.list.currentItem()
        key = item.data(_KEY_ROLE) if item is not None else None
        if self._read_only or not key:
            return False
        self._doc.undo_stack.push(DismissNudgeCommand(self, str(key)))
        return True

    def set_dismissed(self, key: str, dismissed: bool) -> bool:
        """The one write DismissNudgeCommand makes; False when it could not be stored."""
        return self._doc.write_dismissed(key, dismissed)

    def refresh(self) -> None:
        """Rebuild the list without dismissed questions; an unreadable library hides none."""
        review = self._doc.review
        try:
            dismissed = self._doc.library.dismissed(review.id)
        except UserError:
            dismissed = frozenset()
        self.list.clear()
        for nudge in board_nudges(review):
            if nudge.key in dismissed:
                continue
            factor = review.factor(nudge.factor)
            text = nudge.message
            if factor is not None:
                text = f"“{one_line(factor.text, 60)}”: {text}"
            item = QListWidgetItem(text)  # plain text: list items never render markup
            item.setData(_FACTOR_ROLE, nudge.factor or "")
            item.setData(_KEY_ROLE, nudge.key)
            item.setToolTip(plain_tooltip(text))
            self.list.addItem(item)
        if not self.list.count():
            done = QListWidgetItem("No questions: the board covers every layer and factor.")
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(done)

    def _on_document_changed(self, change: Change) -> None:
        """Refresh only for the parts the questions are asked about."""
        if change.parts & _NUDGE_PARTS:
            self.refresh()

    def _on_list_currentItemChanged(self, item: QListWidgetItem | None) -> None:
        """Only a real question can be dismissed, not the "no questions" line."""
        self.dismiss_button.setEnabled(item is not None and bool(item.data(_KEY_ROLE)))

    def _on_dismiss_button_clicked(self) -> None:
        self.dismiss_current()

    def _on_list_itemActivated(self, item: QListWidgetItem) -> None:
        """A question about a factor shows that factor on the board."""
        factor_id = item.data(_FACTOR_ROLE)
        if factor_id:
            self.factorRequested.emit(str(factor_id))


class DismissNudgeCommand(QUndoCommand):
    """Dismiss one board question for this review; undo brings it back."""

    def __init__(self, panel: NudgePanel, key: str) -> None:
        super().__init__("Dismiss board question")
        self._panel = panel
        self._key = key

    def redo(self) -> None:
        """Hide the question; a failed write makes the command obsolete, not a lie in the stack."""
        if not self._panel.set_dismissed(self._key, True):
            self.setObsolete(True)

    def undo(self) -> None:
        """Bring the question back; obsolete if the write fails."""
        if not self._panel.set_dismissed(self._key, False):
            self.setObsolete(True)
