"""The Actions section: quick capture, the actions table with the coach's advice, coverage,
backlog export and tracker references pasted back.

Parsing a captured line, checking an action's quality, export formats and
matching tracker references are core functions (``pmdesk.actions``,
``pmdesk.coach``); this module shows their results and turns the user's
choices into undo commands.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import UserError
from pmdesk.model import Action, Item, Part, Review, new_id
from pmdesk.ui.commands import EditItemsCommand, PutItemCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor import columns as cols
from pmdesk.ui.item_table import Column, ItemTableModel, ItemTableSection

if TYPE_CHECKING:
    from pmdesk.actions.capture import CapturedAction

EXPORT_FILTERS = {
    "csv": "CSV for spreadsheets (*.csv)",
    "jira-csv": "Jira CSV import (*.csv)",
    "github-csv": "GitHub issues CSV (*.csv)",
    "json": "JSON (*.json)",
}


def action_advice(review: Review, action: Action) -> str:
    """The coach's short advice on one action ('' when it is concrete and owned)."""
    from pmdesk.coach.actions import item_findings

    index = next((n for n, a in enumerate(review.actions) if a.id == action.id), 0)
    findings = item_findings(action, f"actions[{index}]")
    return "; ".join(f.message for f in findings[:2])


def _factor_summary(review: Review, action: Action) -> str:
    texts = [f.text for f in (review.factor(fid) for fid in action.factors) if f is not None]
    return "; ".join(t if len(t) <= 40 else t[:39] + "…" for t in texts)


ADVICE_COLUMN = Column(
    "Coach",
    action_advice,
    width=16,
    tooltip="What would make this action concrete: an owner, a verb, a measure, a date",
)
FACTORS_COLUMN = Column(
    "Addresses",
    _factor_summary,
    width=18,
    tooltip="The contributing factors this action addresses (Link factors… to change)",
)


class ActionsSection(QWidget):
    """Quick capture above the actions table; coverage and backlog tools below it."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.capture_edit = QLineEdit()
        self.capture_edit.setObjectName("actionCaptureEdit")
        self.capture_edit.setPlaceholderText(
            "Quick capture: Alex: add an alert for replication lag > 30s by 15 Dec — Enter adds it"
        )
        self.capture_edit.setAccessibleName("Quick capture of an action")
        self.capture_edit.textChanged.connect(self._on_capture_text_changed)
        self.capture_edit.returnPressed.connect(self.capture)
        self.understood = QLabel()
        self.understood.setObjectName("sectionHint")
        self.understood.setTextFormat(Qt.TextFormat.PlainText)
        self.understood.setWordWrap(True)
        self.understood.hide()

        model = ItemTableModel(
            document,
            Part.ACTIONS,
            [*cols.ACTION_COLUMNS, FACTORS_COLUMN, ADVICE_COLUMN],
            noun="action",
        )
        self.table = ItemTableSection(
            document,
            model,
            title="Actions",
            hint="Each action has an owner, starts with a verb, says how we will know it is "
            "done, and has a due date. The coach column says what is missing; it never blocks.",
            make_item=cols.new_action,
            object_name="actionsTable",
        )
        self.model = model
        self.link_button = QPushButton("&Link factors…")
        self.link_button.clicked.connect(self._on_link_clicked)
        self.export_button = QPushButton("E&xport to backlog…")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.paste_button = QPushButton("Paste &tracker references…")
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.coverage = QLabel()
        self.coverage.setObjectName("sectionHint")
        self.coverage.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage.setWordWrap(True)

        capture_row = QHBoxLayout()
        capture_label = QLabel("&Capture")
        capture_label.setTextFormat(Qt.TextFormat.PlainText)
        capture_label.setBuddy(self.capture_edit)
        capture_row.addWidget(capture_label)
        capture_row.addWidget(self.capture_edit, 1)
        tools = QHBoxLayout()
        for button in (self.link_button, self.export_button, self.paste_button):
            tools.addWidget(button)
        tools.addStretch(1)
        # The table sits in this section's margins, not in a second set of its own.
        inner = self.table.layout()
        if inner is not None:
            inner.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addLayout(capture_row)
        layout.addWidget(self.understood)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.coverage)
        layout.addLayout(tools)
        document.changed.connect(lambda *_: self._refresh_coverage())
        self._refresh_coverage()

    # -- quick capture -------------------------------------------------------------

    def read_capture(self) -> CapturedAction | None:
        """What the capture line says, or None (with the reason shown) if it says nothing."""
        from pmdesk.actions.capture import parse_action_line

        line = self.capture_edit.text().strip()
        if not line:
            return None
        review = self._doc.review
        try:
            return parse_action_line(line, today=_meeting_day(review), people=review.people)
        except UserError as exc:
            self._say(str(exc))
            return None

    def capture(self) -> bool:
        """Add the typed action (and a new owner) as one undo step."""
        captured = self.read_capture()
        if captured is None:
            return False
        owner_id = captured.owner_id
        person = captured.new_person(new_id())
        if person is not None:
            owner_id = person.id
        action = captured.to_action(new_id(), owner_id=owner_id)
        added: list[Item] = [action] if person is None else [person, action]
        self._doc.undo_stack.push(EditItemsCommand(self._doc, "Capture action", added))
        self.capture_edit.clear()
        self._say("Added: " + " · ".join(captured.understood))
        self.table.select_item(action.id)
        return True

    def _say(self, text: str) -> None:
        """What the capture line understood or did; an empty line takes no room."""
        self.understood.setText(text)
        self.understood.setVisible(bool(text))

    def _on_capture_text_changed(self, _text: str) -> None:
        captured = self.read_capture()
        if captured is not None:
            self._say("Understood: " + " · ".join(captured.understood))
        elif not self.capture_edit.text().strip():
            self._say("")

    # -- coverage, links, export, tracker ---------------------------------------------

    def _refresh_coverage(self) -> None:
        from pmdesk.coach.analysis import coverage

        review = self._doc.review
        result = coverage(review)
        parts = []
        uncovered = [f for f in review.factors if f.id in result.factors_without_action]
        if uncovered:
            names = "; ".join(f.text[:50] for f in uncovered[:3])
            more = len(uncovered) - 3
            parts.append(
                f"{len(uncovered)} factor(s) with no action: {names}"
                + (f" (+{more} more)" if more > 0 else "")
            )
        if result.actions_without_factor:
            parts.append(f"{len(result.actions_without_factor)} action(s) address no factor")
        self.coverage.setText(
            "  ·  ".join(parts) if parts else "Every factor has an action addressing it."
        )

    def _selected_action(self) -> Action | None:
        ids = self.table.selected_ids()
        action = self._doc.review.action(ids[0]) if len(ids) == 1 else None
        if action is None:
            self.table.show_message("Select one action first.")
        return action

    def _on_link_clicked(self) -> None:
        action = self._selected_action()
        if action is None:
            return
        dialog = LinkFactorsDialog(self._doc.review, action, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.link_factors(action.id, dialog.chosen())

    def link_factors(self, action_id: str, factor_ids: list[str]) -> None:
        action = self._doc.review.action(action_id)
        if action is None or tuple(factor_ids) == action.factors:
            return
        new = dataclasses.replace(action, factors=tuple(factor_ids))
        self._doc.undo_stack.push(PutItemCommand(self._doc, "Link factors", new, action))

    def _on_export_clicked(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(
            self, "Export actions", "actions.csv", ";;".join(EXPORT_FILTERS.values())
        )
        if path:
            fmt = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "csv")
            self.export(fmt, Path(path))

    def export(self, fmt: str, path: Path) -> bool:
        from pmdesk.actions.export import write_actions

        try:
            write_actions(self._doc.review, fmt, path)
        except UserError as exc:
            self.table.show_message(str(exc))
            return False
        self.table.show_message("")
        self._say(f"Exported {len(self._doc.review.actions)} actions to {path}")
        return True

    def _on_paste_clicked(self) -> None:
        dialog = TrackerPasteDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_tracker_paste(dialog.text())

    def apply_tracker_paste(self, pasted: str) -> int:
        """Store matched tracker references as one undo step; returns how many matched."""
        from pmdesk.actions.tracker import read_tracker_paste

        review = self._doc.review
        result = read_tracker_paste(review, pasted)
        changed = [
            (action, dataclasses.replace(action, tracker_ref=link.ref))
            for link in result.links
            if (action := review.action(link.action_id)) is not None
            and action.tracker_ref != link.ref
        ]
        if changed:
            linked = [new for _, new in changed]
            self._doc.undo_stack.push(
                EditItemsCommand(self._doc, "Paste tracker references", linked)
            )
        unmatched = f"; no action for {', '.join(result.unmatched[:5])}" if result.unmatched else ""
        self._say(f"Linked {len(changed)} action(s) to the tracker{unmatched}")
        return len(changed)


def _meeting_day(review: Review) -> date:
    """Relative dates ('next Friday') count from today: the day the action is captured."""
    return date.today()


class LinkFactorsDialog(QDialog):
    """Check the factors an action addresses."""

    def __init__(self, review: Review, action: Action, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Factors this action addresses")
        self.list = QListWidget()
        self.list.setAccessibleName("Contributing factors")
        for factor in review.factors:
            item = QListWidgetItem(factor.text)
            item.setData(Qt.ItemDataRole.UserRole, factor.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = factor.id in action.factors
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]


class TrackerPasteDialog(QDialog):
    """Paste issue keys, URLs or a tracker's CSV/JSON export to link actions to the backlog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Paste tracker references")
        hint = QLabel(
            "Paste what the tracker gave back: issue keys (PROJ-123), #numbers, issue URLs, "
            "or the CSV/JSON it exported. pmdesk matches them to actions by title."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        self.edit = QPlainTextEdit()
        self.edit.setAccessibleName("Pasted tracker references")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.resize(600, 400)

    def text(self) -> str:
        return self.edit.toPlainText()
