"""The writing coach in the GUI: wavy underlines in prose fields and a findings panel.

The rules live in ``pmdesk.coach``; this module only shows their findings.
Linting runs after a pause in typing (the whole review lints in tens of
milliseconds, so the UI thread is fine), underlines the spans in the story,
summary and impact fields with the message on hover, and lists every
finding in the panel. A finding can be dismissed for this review; the
dismissal is stored in the library and is undoable.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QSyntaxHighlighter, QTextCharFormat, QTextDocument, QUndoCommand
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import UserError
from pmdesk.text import one_line
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.theme import coach_colour

if TYPE_CHECKING:  # the coach's rules compile on first use, not at start-up
    from pmdesk.coach import Finding
    from pmdesk.model import Change, Review
    from pmdesk.ui.document import ReviewDocument

LINT_DELAY_MS = 300


_WHERE = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")
_PLACES = {
    "title": "Title",
    "summary": "Summary",
    "narrative": "Story",
    "impact.description": "Impact",
}
_PARTS = {
    "events": ("Timeline", "event"),
    "factors": ("Factors", "factor"),
    "actions": ("Actions", "action"),
    "went_well": ("Went well", "item"),
    "notes": ("Notes", "note"),
}


def describe_where(review: Review, where: str) -> str:
    """'Timeline · event "Rollback started" (what we knew)' instead of 'events[7].knew'."""
    if where in _PLACES:
        return _PLACES[where]
    match = _WHERE.match(where)
    if match is None or match.group(1) not in _PARTS:
        return where
    from pmdesk.model import Part

    part, index, field = match.group(1), int(match.group(2)), match.group(3)
    section, noun = _PARTS[part]
    items = review.items(Part(part))
    label = ""
    if index < len(items):
        item = items[index]
        text = str(getattr(item, "title", None) or getattr(item, "text", ""))
        label = f" “{one_line(text, 50)}”"
    field_names = {"knew": "what we knew", "detail": "detail", "outcome": "outcome"}
    suffix = f" ({field_names[field]})" if field in field_names else ""
    return f"{section} · {noun}{label}{suffix}"


class ReviewCoach(QObject):
    """Lints one open review after each change and holds the current findings.

    Signals:
        findings_changed(): ``findings`` was recomputed.
    """

    findings_changed = Signal()

    def __init__(self, document: ReviewDocument) -> None:
        super().__init__(document)
        self._doc = document
        self.findings: list[Finding] = []
        self.dismissed: frozenset[str] = frozenset()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(LINT_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        document.changed.connect(self._on_document_changed)
        self._load_dismissed()
        self.refresh()

    def refresh(self) -> None:
        from pmdesk.coach import lint_review

        self._timer.stop()
        self.findings = lint_review(self._doc.review, dismissed=self.dismissed)
        self.findings_changed.emit()

    def review(self) -> Review:
        return self._doc.review

    def in_field(self, where: str) -> list[Finding]:
        return [f for f in self.findings if f.where == where and f.end > f.start]

    def dismiss(self, finding: Finding) -> None:
        self._doc.undo_stack.push(DismissFindingCommand(self, finding))

    def set_dismissed(self, key: str, dismissed: bool) -> bool:
        return self._doc.write_dismissed(key, dismissed)

    def _load_dismissed(self) -> None:
        try:
            self.dismissed = self._doc.library.dismissed(self._doc.review_id)
        except UserError:
            self.dismissed = frozenset()

    def _on_document_changed(self, change: Change) -> None:
        from pmdesk.model import Part

        if Part.DISMISSED in change.parts:
            self._load_dismissed()
            self.refresh()
        else:
            self._timer.start()


class DismissFindingCommand(QUndoCommand):
    """Dismiss a finding for this review; undo brings it back."""

    def __init__(self, coach: ReviewCoach, finding: Finding) -> None:
        super().__init__(f"Dismiss coach note ({finding.rule})")
        self._coach = coach
        self._key = finding.key

    def redo(self) -> None:
        if not self._coach.set_dismissed(self._key, True):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._coach.set_dismissed(self._key, False):
            self.setObsolete(True)


class FindingHighlighter(QSyntaxHighlighter):
    """Wavy underlines under the findings of one field, with their message on hover."""

    def __init__(self, editor: QPlainTextEdit, coach: ReviewCoach, where: str) -> None:
        document = editor.document()
        assert isinstance(document, QTextDocument)
        super().__init__(document)
        self._editor = editor
        self._coach = coach
        self._where = where
        coach.findings_changed.connect(self.rehighlight)
        editor.viewport().installEventFilter(self)

    def findings(self) -> list[Finding]:
        """Only findings whose span still matches the text (typing may have moved it)."""
        text = self._editor.toPlainText()
        return [
            f
            for f in self._coach.in_field(self._where)
            if f.end <= len(text)
            and " ".join(text[f.start : f.end].lower().split())
            == " ".join(f.excerpt.lower().split())
        ]

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start, end = block.position(), block.position() + len(text)
        for finding in self.findings():
            if finding.end <= start or finding.start >= end:
                continue
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(coach_colour(finding.family.value))
            fmt.setToolTip(plain_tooltip(finding.message))
            left = max(finding.start, start) - start
            self.setFormat(left, min(finding.end, end) - start - left, fmt)

    def finding_at(self, position: int) -> Finding | None:
        return next((f for f in self.findings() if f.start <= position < f.end), None)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            cursor = self._editor.cursorForPosition(event.pos())
            finding = self.finding_at(cursor.position())
            if finding is not None:
                text = finding.message + (f"\n{finding.suggestion}" if finding.suggestion else "")
                # Tooltips guess rich text; convert so quoted user text stays literal.
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self._editor.viewport())
                return True
            QToolTip.hideText()
        return False


class CoachPanel(QWidget):
    """Readiness summary and the list of findings for the current review.

    Signals:
        jump_requested(object): a ``Finding`` the user wants to see in its field.
    """

    jump_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coachPanel")
        self._coach: ReviewCoach | None = None
        self._shown: list[Finding] = []
        self.summary = QLabel("Open a review to see the coach's suggestions.")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionHint")
        self.list = QListWidget()
        self.list.setObjectName("coachFindings")
        self.list.setAccessibleName("Coach suggestions")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._on_list_item_activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        # Short labels: the dock shares a 1280-pixel screen with the review itself.
        self.show_button = QPushButton("&Show")
        self.show_button.setToolTip(
            plain_tooltip("Go to the field this suggestion is about (or double-click it)")
        )
        self.show_button.clicked.connect(self._on_show_clicked)
        self.dismiss_button = QPushButton("D&ismiss")
        self.dismiss_button.setToolTip(
            plain_tooltip("Hide this suggestion for this review (undoable)")
        )
        self.dismiss_button.clicked.connect(self._on_dismiss_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addStretch(0)
        self._update_buttons()

    def set_coach(self, coach: ReviewCoach | None) -> None:
        if self._coach is not None:
            self._coach.findings_changed.disconnect(self._refresh)
        self._coach = coach
        if coach is not None:
            coach.findings_changed.connect(self._refresh)
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        self._shown = []
        coach = self._coach
        if coach is None:
            self.summary.setText("Open a review to see the coach's suggestions.")
            self._update_buttons()
            return
        from pmdesk.coach import summarise

        self.summary.setText(summarise(coach.findings).headline)
        review = coach.review()
        for finding in coach.findings:
            item = QListWidgetItem(f"{finding.message}\n{describe_where(review, finding.where)}")
            self._shown.append(finding)
            item.setToolTip(plain_tooltip(finding.suggestion or finding.message))
            item.setForeground(coach_colour(finding.family.value))
            self.list.addItem(item)
        self._update_buttons()

    def current_finding(self) -> Finding | None:
        row = self.list.currentRow()
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def _update_buttons(self) -> None:
        has = self.current_finding() is not None
        self.show_button.setEnabled(has)
        self.dismiss_button.setEnabled(has)
        # Nothing to say: the headline alone, no empty box and idle buttons.
        shown = bool(self._shown)
        self.list.setVisible(shown)
        self.show_button.setVisible(shown)
        self.dismiss_button.setVisible(shown)

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self._shown):
            self.jump_requested.emit(self._shown[row])

    def _on_show_clicked(self) -> None:
        finding = self.current_finding()
        if finding is not None:
            self.jump_requested.emit(finding)

    def _on_dismiss_clicked(self) -> None:
        finding = self.current_finding()
        if finding is not None and self._coach is not None:
            self._coach.dismiss(finding)
