"""Follow-through: every open action in the library, by owner and due date, overdue first.

The meeting is not where the work ends. This view lists what is still open
across all reviews, lets the user filter by owner, and marks actions done
(undoable, like every edit). A review open in a tab is written through its
document, as a step of that tab's undo history; any other is written with the
version the list read, and a change made meanwhile is told, never overwritten.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model import ActionStatus
from pmdesk.text import one_line
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.table_model import RowTableModel, read_only_view
from pmdesk.ui.theme import theme_colour

if TYPE_CHECKING:
    from pmdesk.store import Library
    from pmdesk.store.library import FollowUp
    from pmdesk.ui.document import ReviewDocument

AnyIndex = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class FollowThroughModel(RowTableModel["FollowUp"]):
    """Rows of ``FollowUp``; overdue rows say so in colour and in words."""

    DUE, OWNER, ACTION, STATUS, REVIEW = range(5)
    HEADERS = ("Due", "Owner", "Action", "Status", "Review")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = date.today()

    def set_rows(self, rows: list[FollowUp]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        f = self._rows[index.row()]
        column = index.column()
        overdue = f.overdue(self.today)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DUE:
                if f.action.due is None:
                    return "no date"
                return f.action.due.isoformat() + (" (overdue)" if overdue else "")
            if column == self.OWNER:
                return f.owner_name or "no owner"
            if column == self.ACTION:
                return f.action.text
            if column == self.STATUS:
                return f.action.status.value.replace("_", " ")
            return f.review_title
        if role == SORT_ROLE:
            if column == self.DUE:
                return (f.action.due or date.max).isoformat()
            return str(self.data(index)).lower()
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column == self.DUE:
            return QBrush(theme_colour("error"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.ACTION:
            outcome = f"\nDone when: {f.action.outcome}" if f.action.outcome else ""
            return plain_tooltip(f.action.text + outcome)
        return None


class _OwnerFilter(QSortFilterProxyModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = ""
        self.setSortRole(SORT_ROLE)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.owner:
            return True
        model = self.sourceModel()
        owner = model.data(model.index(source_row, FollowThroughModel.OWNER, source_parent))
        return bool(owner == self.owner)


class SetActionStatusCommand(QUndoCommand):
    """Mark an action of a review not open in a tab done (or back), on the library's stack.

    Each write expects the version the previous one left (first: the version the
    list read), so a change made meanwhile is refused and told, never overwritten.
    """

    def __init__(self, view: FollowThroughView, follow_up: FollowUp, status: ActionStatus) -> None:
        super().__init__(f"Mark '{follow_up.action.text[:40]}' {status.value.replace('_', ' ')}")
        self._view = view
        self._review_id = follow_up.review_id
        self._action_id = follow_up.action.id
        self._status = status
        self._old: ActionStatus | None = None
        self._version = follow_up.review_version

    def redo(self) -> None:
        done = self._view.write_status(
            self._review_id, self._action_id, self._status, self._version
        )
        if done is None:
            self.setObsolete(True)
            return
        self._old, self._version = done

    def undo(self) -> None:
        if self._old is None:
            return
        done = self._view.write_status(self._review_id, self._action_id, self._old, self._version)
        if done is None:
            self.setObsolete(True)
            return
        self._version = done[1]


class FollowThroughView(QWidget):
    """Open actions across the library.

    Signals:
        open_review_requested(str): the user wants to see an action's review.
        changed(): an action's status changed here.
    """

    open_review_requested = Signal(str)
    changed = Signal()

    def __init__(
        self,
        undo_stack: QUndoStack,
        document_for: Callable[[str], ReviewDocument | None] = lambda _review_id: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("followThroughView")
        self._library: Library | None = None
        self._stack = undo_stack
        self._document_for = document_for
        self.model = FollowThroughModel(self)
        self.proxy = _OwnerFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = read_only_view(
            self.proxy,
            name="followThroughTable",
            accessible_name="Open actions across all reviews",
            sort_column=FollowThroughModel.DUE,
            order=Qt.SortOrder.AscendingOrder,
            stretch_column=FollowThroughModel.ACTION,
        )
        self.view.setWordWrap(True)
        self.view.activated.connect(self._on_view_activated)
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Show actions of")
        self.owner_filter.currentTextChanged.connect(self._on_owner_filter_changed)
        self.done_button = QPushButton("Mark &done")
        self.done_button.setObjectName("markDoneButton")
        self.done_button.clicked.connect(self._on_done_clicked)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setObjectName("sectionHint")
        # Laid out like the Library tab beside it: a heading, then the controls, then the table.
        heading = QLabel("Open actions")
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.done_button)
        filters = QHBoxLayout()
        caption = QLabel("&Owner")
        caption.setTextFormat(Qt.TextFormat.PlainText)
        caption.setBuddy(self.owner_filter)
        filters.addWidget(caption)
        filters.addWidget(self.owner_filter)
        filters.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)

    def set_library(self, library: Library | None) -> None:
        self._library = library
        self.refresh()

    def refresh(self) -> None:
        rows = self._library.open_actions() if self._library is not None else []
        self.model.today = date.today()
        self.model.set_rows(rows)
        owners = sorted({f.owner_name or "no owner" for f in rows})
        current = self.owner_filter.currentText()
        self.owner_filter.blockSignals(True)
        self.owner_filter.clear()
        self.owner_filter.addItem("everyone")
        self.owner_filter.addItems(owners)
        self.owner_filter.setCurrentText(current if current in owners else "everyone")
        self.owner_filter.blockSignals(False)
        overdue = sum(1 for f in rows if f.overdue(self.model.today))
        self.summary.setText(f"{len(rows)} open actions, {overdue} overdue")

    def selected(self) -> FollowUp | None:
        rows = self.view.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.row(self.proxy.mapToSource(rows[0]).row())

    def mark_done(self, follow_up: FollowUp) -> None:
        self.set_status(follow_up, ActionStatus.DONE)

    def set_status(self, follow_up: FollowUp, status: ActionStatus) -> None:
        """One undo step: on the review's own stack when it is open in a tab, else the library's.

        Through the open review's document the write expects the version its tab
        holds, so the tab keeps its undo history instead of reloading.
        """
        from pmdesk.ui.commands import PutItemCommand

        document = self._document_for(follow_up.review_id)
        if document is None:
            self._stack.push(SetActionStatusCommand(self, follow_up, status))
            return
        action = document.review.action(follow_up.action.id)
        if action is None:
            self._tell("That action is no longer in its review.")
            return
        label = f"Mark '{action.text[:40]}' {status.value.replace('_', ' ')}"
        new = dataclasses.replace(action, status=status)
        document.undo_stack.push(PutItemCommand(document, label, new, action))
        self.refresh()
        self.changed.emit()

    def write_status(
        self, review_id: str, action_id: str, status: ActionStatus, version: int
    ) -> tuple[ActionStatus, int] | None:
        """Write a status expecting ``version``; (the status it had, the new version), or None.

        None means nothing was written; the summary line says why and the list is read again.
        """
        from pmdesk.errors import ConflictError, UserError

        if self._library is None:
            return None
        try:
            action = self._library.get_review(review_id).action(action_id)
            if action is None:
                self._tell("That action is no longer in its review.")
                return None
            change = self._library.put_item(
                review_id, dataclasses.replace(action, status=status), expected_version=version
            )
        except ConflictError:
            self._tell("Not changed: that review was changed elsewhere meanwhile; the list is new.")
            return None
        except UserError as exc:
            self._tell(f"Not changed: {exc}")
            return None
        self.refresh()
        self.changed.emit()
        return action.status, change.version

    def _tell(self, why: str) -> None:
        """One line for the user, over a list read again (what they saw may be stale)."""
        self.refresh()
        self.summary.setText(one_line(why, 300))

    def _on_done_clicked(self) -> None:
        follow_up = self.selected()
        if follow_up is not None:
            self.mark_done(follow_up)

    def _on_owner_filter_changed(self, text: str) -> None:
        self.proxy.owner = "" if text == "everyone" else text
        self.proxy.invalidateFilter()

    def _on_view_activated(self, index: QModelIndex) -> None:
        follow_up = self.model.row(self.proxy.mapToSource(index).row())
        if follow_up is not None:
            self.open_review_requested.emit(follow_up.review_id)
