"""A read-only table model over a list of row snapshots, and the view it is shown in."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

AnyIndex = QModelIndex | QPersistentModelIndex
_Row = TypeVar("_Row")


#: Tables up to this many rows grow each row to its wrapped text; longer ones stay fast.
WRAPPED_ROWS_UP_TO = 2000


class RowTableModel(QAbstractTableModel, Generic[_Row]):
    """Rows are snapshots from a service call; subclasses say what each column shows."""

    HEADERS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []

    def row(self, n: int) -> _Row | None:
        """The snapshot behind a row, or None outside the table."""
        return self._rows[n] if 0 <= n < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles from HEADERS; other roles and the vertical header are left to Qt."""
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None


def read_only_view(
    model: QAbstractItemModel,
    *,
    name: str,
    accessible_name: str,
    sort_column: int,
    order: Qt.SortOrder,
    stretch_column: int,
) -> QTableView:
    """A sortable table of whole rows the user opens or acts on, never edits in place.

    One column takes the spare width; the others fit their contents.
    """
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(accessible_name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, order)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        mode = QHeaderView.ResizeMode.ResizeToContents
        if column == stretch_column:
            mode = QHeaderView.ResizeMode.Stretch
        header.setSectionResizeMode(column, mode)
    return view
