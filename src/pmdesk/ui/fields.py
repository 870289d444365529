"""Editors bound to one field of the review, committing as the user types.

Typing is committed after a short pause (and at once when focus leaves), and
successive commits to one field merge into a single undo step. While a field
has uncommitted typing, a refresh from the library does not overwrite it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from pmdesk.errors import UserError
from pmdesk.model import Change, Part, Review
from pmdesk.ui.commands import UpdateReviewCommand
from pmdesk.ui.document import ReviewDocument

#: Pause after the last keystroke before typing is committed.
COMMIT_DELAY_MS = 400


class FieldBinding(QObject):
    """Connects one editor to one review field through undo commands.

    ``read`` turns the review into the editor's text; ``parse`` turns the text
    into the field's value (raising BadInput for text it cannot read).
    """

    def __init__(
        self,
        document: ReviewDocument,
        editor: QLineEdit | QPlainTextEdit | QComboBox,
        field: str,
        label: str,
        *,
        read: Callable[[Review], str] | None = None,
        parse: Callable[[str, Review], Any] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(editor)
        self._doc = document
        self._editor = editor
        self.field = field
        self._label = label
        self._read = read or (lambda review: getattr(review, field) or "")
        self._parse = parse or (lambda text, _review: text)
        self._on_error = on_error or (lambda _message: None)
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COMMIT_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._on_editor_typed)
            editor.editingFinished.connect(self.commit)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self._on_plain_text_changed)
        else:
            editor.currentTextChanged.connect(self._on_editor_typed)
            line = editor.lineEdit()
            if line is not None:
                line.editingFinished.connect(self.commit)
        editor.installEventFilter(self)
        document.changed.connect(self._on_document_changed)
        self._loading = False
        self.refresh()

    def text(self) -> str:
        """The editor's text, whatever kind of editor it is."""
        editor = self._editor
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        return editor.currentText()

    def refresh(self) -> None:
        """Show the review's value, unless the user has typing waiting to commit."""
        if self._pending:
            return
        value = self._read(self._doc.review)
        if value == self.text():
            return
        self._loading = True
        editor = self._editor
        try:
            if isinstance(editor, QLineEdit):
                editor.setText(value)
            elif isinstance(editor, QPlainTextEdit):
                editor.setPlainText(value)
            else:
                editor.setCurrentText(value)
        finally:
            self._loading = False

    def commit(self) -> None:
        """Push the typed value (if it changed) as one undo step."""
        self._timer.stop()
        if not self._pending:
            return
        self._pending = False
        try:
            value = self._parse(self.text(), self._doc.review)
        except UserError as exc:
            self._pending = True  # keep the text; the user fixes it
            self._on_error(f"{self._label}: {exc}")
            return
        self._on_error("")
        if value == getattr(self._doc.review, self.field):
            return
        self._doc.undo_stack.push(
            UpdateReviewCommand(
                self._doc, f"Edit {self._label.lower()}", {self.field: value}, merge_key=self.field
            )
        )

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Leaving the editor commits at once instead of waiting for the timer."""
        from PySide6.QtCore import QEvent

        if watched is self._editor and event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False

    def _on_editor_typed(self, _text: str = "") -> None:
        """Typing starts the commit timer; loading text from the review does not."""
        if self._loading:
            return
        self._pending = True
        self._timer.start()

    def _on_plain_text_changed(self) -> None:
        self._on_editor_typed()

    def _on_document_changed(self, change: Change) -> None:
        """Follow changes to the review's fields, from undo or elsewhere."""
        if Part.REVIEW in change.parts:
            self.refresh()


def plain_text_editor(placeholder: str, parent: QWidget | None = None) -> QPlainTextEdit:
    """A multi-line editor that never accepts rich text (pasted HTML becomes plain)."""
    editor = QPlainTextEdit(parent)
    editor.setPlaceholderText(placeholder)
    editor.setTabChangesFocus(True)
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    editor.setAccessibleName(placeholder)
    return editor


def line_editor(placeholder: str, parent: QWidget | None = None) -> QLineEdit:
    """A plain line editor whose placeholder doubles as its accessible name."""
    editor = QLineEdit(parent)
    editor.setPlaceholderText(placeholder)
    editor.setAccessibleName(placeholder)
    editor.setClearButtonEnabled(False)
    editor.setAlignment(Qt.AlignmentFlag.AlignLeft)
    return editor
