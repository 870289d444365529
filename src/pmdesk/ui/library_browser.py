"""The library browser: every review with its severity, status, dates and open actions.

Search filters as you type across title, id, severity, status and services.
The browser only shows and selects; creating, deleting and importing are the
main window's actions, so menus, buttons and shortcuts share one code path.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.table_model import WRAPPED_ROWS_UP_TO, RowTableModel, read_only_view

if TYPE_CHECKING:
    from pmdesk.model import ReviewSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3
AnyIndex = QModelIndex | QPersistentModelIndex


class LibraryTableModel(RowTableModel["ReviewSummary"]):
    """Rows of ``ReviewSummary`` snapshots from ``Library.list_reviews``."""

    TITLE, SEVERITY, STATUS, STARTED, UPDATED, OPEN_ACTIONS = range(6)
    HEADERS = ("Title", "Severity", "Status", "Incident date", "Last change", "Open actions")

    def set_summaries(self, summaries: list[ReviewSummary]) -> None:
        old = [s.id for s in self._rows]
        new = [s.id for s in summaries]
        if old == new:
            self._rows = list(summaries)
            if summaries:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(summaries) - 1, len(self.HEADERS) - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(summaries)
        self.endResetModel()

    def summary(self, row: int) -> ReviewSummary | None:
        return self.row(row)

    def row_of(self, review_id: str) -> int:
        return next((n for n, s in enumerate(self._rows) if s.id == review_id), -1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        s = self._rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return s.id
        if role == SEARCH_ROLE:
            return " ".join([s.title, s.id, s.severity or "", s.status.value, *s.services]).lower()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(s, column)
        if role == SORT_ROLE:
            if column == self.STARTED:
                return _stamp(s.started_at)
            if column == self.UPDATED:
                return _stamp(s.updated_at)
            if column == self.OPEN_ACTIONS:
                return s.open_actions
            return (self._display(s, column) or "").lower()
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            services = ", ".join(s.services)
            details = f"{s.event_count} events" + (f" · {services}" if services else "")
            return plain_tooltip(f"{s.title}\n{details}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.OPEN_ACTIONS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, s: ReviewSummary, column: int) -> str:
        if column == self.TITLE:
            short = " (short)" if s.kind.value == "short" else ""
            return s.title + short
        if column == self.SEVERITY:
            return s.severity or ""
        if column == self.STATUS:
            return s.status.value.replace("_", " ")
        if column == self.STARTED:
            return s.started_at.strftime("%Y-%m-%d") if s.started_at else ""
        if column == self.UPDATED:
            return s.updated_at.astimezone().strftime("%Y-%m-%d %H:%M") if s.updated_at else ""
        return str(s.open_actions)


def _stamp(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


class _SearchProxy(QSortFilterProxyModel):
    """Every word typed must appear somewhere in the row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        self._words = text.lower().split()
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = str(model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE))
        return all(word in haystack for word in self._words)


class LibraryBrowser(QWidget):
    """Search field and review table.

    Signals:
        open_requested(str): the user activated a review (Enter or double-click).
        selection_changed(): the selected reviews changed.
    """

    open_requested = Signal(str)
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LibraryTableModel(self)
        self.proxy = _SearchProxy(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search reviews by title, service, severity, status…")
        self.search.setAccessibleName("Search reviews")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view = read_only_view(
            self.proxy,
            name="libraryView",
            accessible_name="Reviews in the library",
            sort_column=LibraryTableModel.UPDATED,
            order=Qt.SortOrder.DescendingOrder,
            stretch_column=LibraryTableModel.TITLE,
        )
        self.view.setTabKeyNavigation(False)
        self.view.activated.connect(self._on_view_activated)
        self.view.selectionModel().selectionChanged.connect(
            lambda *_: self.selection_changed.emit()
        )
        self.empty_hint = QLabel(
            "No reviews yet. Start one with File › New review (Ctrl+N), or drop a .pmreview "
            "file here."
        )
        self.empty_hint.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_hint.setObjectName("sectionHint")
        self.empty_hint.setWordWrap(True)
        self.toolbar = QHBoxLayout()
        heading = QLabel("Library")
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addLayout(self.toolbar)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)

    def add_button(self, button: QToolButton) -> None:
        self.toolbar.addWidget(button)

    def set_summaries(self, summaries: list[ReviewSummary]) -> None:
        selected = self.selected_ids()
        self.model.set_summaries(summaries)
        # A long title wraps onto more lines (large type, narrow screen) rather than
        # eliding to "Checkout …"; a very large library keeps one line per row, to stay fast.
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
            if len(summaries) < WRAPPED_ROWS_UP_TO
            else QHeaderView.ResizeMode.Interactive
        )
        self.empty_hint.setVisible(not summaries)
        for review_id in selected:
            self.select(review_id)

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [str(self.proxy.data(index, ID_ROLE)) for index in rows]

    def select(self, review_id: str) -> None:
        row = self.model.row_of(review_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def _on_view_activated(self, index: QModelIndex) -> None:
        review_id = self.proxy.data(index, ID_ROLE)
        if review_id:
            self.open_requested.emit(str(review_id))
