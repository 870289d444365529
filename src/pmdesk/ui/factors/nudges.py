"""Nudges beside the board: questions from the analysis that never block anything.

The list comes from ``pmdesk.coach.analysis.board_nudges``; activating one
shows the factor it is about on the board.

Signals:
    factorRequested(str): the user activated a nudge about this factor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from pmdesk.coach.analysis import board_nudges
from pmdesk.model import Change, Part
from pmdesk.text import one_line
from pmdesk.ui.document import ReviewDocument

_NUDGE_PARTS = frozenset({Part.LAYERS, Part.FACTORS, Part.ACTIONS})
_FACTOR_ROLE = Qt.ItemDataRole.UserRole


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        document.changed.connect(self._on_document_changed)
        self.refresh()

    def messages(self) -> list[str]:
        return [self.list.item(n).text() for n in range(self.list.count())]

    def refresh(self) -> None:
        review = self._doc.review
        self.list.clear()
        for nudge in board_nudges(review):
            factor = review.factor(nudge.factor)
            text = nudge.message
            if factor is not None:
                text = f"“{one_line(factor.text, 60)}”: {text}"
            item = QListWidgetItem(text)  # plain text: list items never render markup
            item.setData(_FACTOR_ROLE, nudge.factor or "")
            item.setToolTip(text)
            self.list.addItem(item)
        if not self.list.count():
            done = QListWidgetItem("No questions: the board covers every layer and factor.")
            done.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(done)

    def _on_document_changed(self, change: Change) -> None:
        if change.parts & _NUDGE_PARTS:
            self.refresh()

    def _on_list_itemActivated(self, item: QListWidgetItem) -> None:
        factor_id = item.data(_FACTOR_ROLE)
        if factor_id:
            self.factorRequested.emit(str(factor_id))
