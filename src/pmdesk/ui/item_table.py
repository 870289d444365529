"""Editable tables over one part of a review (people, events, actions …).

A ``Column`` says how to show a value and how to turn typed text back into a
new item; the model turns each accepted edit into one undo command. Parsing
errors ("'3pm-ish' is not a time") come back as a signal the section shows
inline, and the cell keeps the old value: nothing typed is silently lost, the
message quotes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import UserError
from pmdesk.model import Change, Item, Part, Review
from pmdesk.ui.commands import EditItemsCommand, MoveItemCommand, PutItemCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.table_model import WRAPPED_ROWS_UP_TO

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex


#: A text column this wide (in characters) reads comfortably; below it, columns share.
MIN_TEXT_CHARS = 26
#: The narrowest a text column gets before the table scrolls sideways: two short words.
TEXT_FLOOR_CHARS = 10
#: The narrowest a fixed column gets (its title elides, its text wraps).
FIXED_FLOOR_CHARS = 6
#: Fixed columns whose values fit in this many characters (dates, states) give way last.
SHORT_CHARS = 11
#: How far below their floors wrapped columns give way so that short values stay whole.
MIN_SQUEEZE = 0.8
#: Rows grow with wrapped text up to this many lines; the cell's tooltip has the rest.
MAX_ROW_LINES = 4
_CELL_PAD = 12


@dataclass(frozen=True)
class Column:
    """One column: how it shows an item, and how an edit makes a new item."""

    title: str
    show: Callable[[Review, Any], str]
    edit: Callable[[Review, Any, str], Any] | None = None
    choices: Callable[[Review], Sequence[tuple[str, str]]] | None = None  # (value, label)
    sort: Callable[[Review, Any], Any] | None = None
    check: Callable[[Any], bool] | None = None  # a check box instead of text
    toggle: Callable[[Any, bool], Any] | None = None
    width: int = 0  # a hint in characters; 0 stretches
    tooltip: str = ""


class ItemTableModel(QAbstractTableModel):
    """Rows are the items of one part of the open review, in the review's order.

    Signals:
        edit_failed(str): typed text could not be turned into a value.
    """

    edit_failed = Signal(str)

    def __init__(
        self,
        document: ReviewDocument,
        part: Part,
        columns: Sequence[Column],
        *,
        noun: str,
        rows: Callable[[Review], Sequence[Item]] | None = None,
    ) -> None:
        """Rows default to the part's items in stored order; a section may pick its own."""
        super().__init__(document)
        self._doc = document
        self.part = part
        self.columns = list(columns)
        self.noun = noun
        self._rows_of = rows or (lambda review: review.items(part))
        self._items: list[Item] = list(self._rows_of(document.review))
        document.changed.connect(self._on_document_changed)

    # -- Qt model API ---------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles, with the column's explanation as a plain-text tooltip."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return plain_tooltip(column.tooltip)
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display, edit, check, sort and id roles from the column; long cells get a tooltip."""
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = self.columns[index.column()]
        review = self._doc.review
        if role == ID_ROLE:
            return item.id
        if column.check is not None:
            if role == Qt.ItemDataRole.CheckStateRole:
                checked = column.check(item)
                return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return int(column.check(item))
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.show(review, item)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.show(review, item)
            return plain_tooltip(text) if len(text) > 40 else None
        if role == SORT_ROLE:
            return column.sort(review, item) if column.sort else column.show(review, item).lower()
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """A column is checkable if it can toggle, editable if it can edit, else read-only."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.check is not None and column.toggle is not None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif column.edit is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit becomes one undoable put; a bad value is reported, never stored."""
        if not index.isValid():
            return False
        item = self._items[index.row()]
        column = self.columns[index.column()]
        try:
            if role == Qt.ItemDataRole.CheckStateRole and column.toggle is not None:
                checked = Qt.CheckState(value) == Qt.CheckState.Checked
                new = column.toggle(item, checked)
            elif role == Qt.ItemDataRole.EditRole and column.edit is not None:
                if str(value) == column.show(self._doc.review, item):
                    return False
                new = column.edit(self._doc.review, item, str(value))
            else:
                return False
        except UserError as exc:
            self.edit_failed.emit(f"{column.title}: {exc}")
            return False
        if new == item:
            return False
        self._doc.undo_stack.push(
            PutItemCommand(self._doc, f"Edit {self.noun} {column.title.lower()}", new, item)
        )
        return True

    # -- helpers ------------------------------------------------------------------

    def item_at(self, row: int) -> Item | None:
        """The item shown in a source row, or None outside the table."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: str) -> int:
        """The source row of an item, or -1 when this table does not show it."""
        return next((n for n, item in enumerate(self._items) if item.id == item_id), -1)

    def _on_document_changed(self, change: Change) -> None:
        """Precise updates: changed rows, one insert or one removal; reset only otherwise."""
        if self.part not in change.parts and not (change.parts & {Part.PEOPLE, Part.LAYERS}):
            return
        new_items = list(self._rows_of(self._doc.review))
        old_ids = [i.id for i in self._items]
        new_ids = [i.id for i in new_items]
        if old_ids == new_ids:
            old_items, self._items = self._items, new_items
            # People and layers show through names in other rows: those rows may all change.
            whole = bool(change.parts & {Part.PEOPLE, Part.LAYERS}) and self.part not in (
                Part.PEOPLE,
                Part.LAYERS,
            )
            last = len(self.columns) - 1
            for first, end in _runs(
                n
                for n, (a, b) in enumerate(zip(old_items, new_items, strict=True))
                if whole or a != b
            ):
                self.dataChanged.emit(self.index(first, 0), self.index(end, last))
            return
        if len(new_ids) == len(old_ids) + 1 and [i for i in new_ids if i in old_ids] == old_ids:
            row = next(n for n, i in enumerate(new_ids) if i not in old_ids)
            self.beginInsertRows(QModelIndex(), row, row)
            self._items = new_items
            self.endInsertRows()
            return
        if len(new_ids) + 1 == len(old_ids) and [i for i in old_ids if i in new_ids] == new_ids:
            row = next(n for n, i in enumerate(old_ids) if i not in new_ids)
            self.beginRemoveRows(QModelIndex(), row, row)
            self._items = new_items
            self.endRemoveRows()
            return
        self.beginResetModel()
        self._items = new_items
        self.endResetModel()


def _runs(rows: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Ascending row numbers as (first, last) runs, one ``dataChanged`` per run."""
    start = end = None
    for row in rows:
        if end is not None and row == end + 1:
            end = row
            continue
        if start is not None and end is not None:
            yield start, end
        start = end = row
    if start is not None and end is not None:
        yield start, end


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box for columns with a fixed set of values (kind, status, owner)."""

    def __init__(self, model: ItemTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def _column(self, index: AnyIndex) -> Column:
        """The column behind an index, through the sort proxy."""
        source = index.model()
        if isinstance(source, QSortFilterProxyModel):
            index = source.mapToSource(index)
        return self._model.columns[index.column()]

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        """A combo box of the column's choices for this review, else the usual editor."""
        column = self._column(index)
        if column.choices is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        for value, label in column.choices(self._model._doc.review):
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        """Open the combo box at the value the cell shows."""
        if isinstance(editor, QComboBox):
            shown = index.data(Qt.ItemDataRole.EditRole)
            found = editor.findText(str(shown))
            editor.setCurrentIndex(max(found, 0))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        """Pass the chosen label through setData, so a choice parses like typed text."""
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)


class ItemTableSection(QWidget):
    """A titled, sortable table with Add / Delete / Move buttons and an inline message line."""

    def __init__(
        self,
        document: ReviewDocument,
        model: ItemTableModel,
        *,
        title: str,
        hint: str,
        make_item: Callable[[Review], Item] | None,
        object_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._doc = document
        self.model = model
        self._make_item = make_item
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)

        heading = QLabel(title)
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        explanation = QLabel(hint)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        explanation.setWordWrap(True)
        explanation.setObjectName("sectionHint")

        self.view = QTableView()
        self.view.setObjectName(object_name)
        self.view.setAccessibleName(title)
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ChoiceDelegate(model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        for n, column in enumerate(model.columns):
            if column.width:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
                self.view.setColumnWidth(n, self._chars(column.width))
            else:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
        self._squeezed = False
        # Rows grow to show wrapped text; very long tables keep a fixed height to stay fast.
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
            if model.rowCount() < WRAPPED_ROWS_UP_TO
            else QHeaderView.ResizeMode.Interactive
        )
        self._cap_rows()
        self.view.setSortingEnabled(False)

        self.add_button = QPushButton(f"&Add {model.noun}")
        self.add_button.setToolTip(plain_tooltip(f"Add a {model.noun} (Ctrl+Shift+N)"))
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.add_button.setVisible(make_item is not None)
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setToolTip(plain_tooltip(f"Delete the selected {model.noun} (Del)"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.up_button = QPushButton("Move &up")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("Move do&wn")
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()
        model.edit_failed.connect(self.show_message)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)

    def _chars(self, count: int) -> int:
        """The width of ``count`` characters of the table's font, with the cell's padding."""
        return self.view.fontMetrics().horizontalAdvance("n" * count) + _CELL_PAD

    def _wanted(self, n: int) -> int:
        """Column ``n`` at its hint, or as wide as its title and cells need if that is less."""
        column = self.model.columns[n]
        if not column.width:
            return self._chars(MIN_TEXT_CHARS)
        needed = max(
            self.view.horizontalHeader().sectionSizeHint(n), self.view.sizeHintForColumn(n)
        )
        return min(self._chars(column.width), needed)

    def _floor(self, n: int) -> int:
        """The narrowest column ``n`` gets before the table scrolls sideways."""
        width = self.model.columns[n].width
        return self._chars(min(width, FIXED_FLOOR_CHARS) if width else TEXT_FLOOR_CHARS)

    def _cap_rows(self) -> None:
        """Wrapped rows stop at MAX_ROW_LINES lines, so a projector still shows several."""
        lines = self.view.fontMetrics().lineSpacing() * MAX_ROW_LINES
        self.view.verticalHeader().setMaximumSectionSize(lines + _CELL_PAD)

    def fit_columns(self) -> None:
        """Every column in view when it can be: the fixed ones at their hint, text sharing the rest.

        When the hints do not fit (a 1280-pixel projector beside the coach), all
        columns give way together down to their floor (FIXED_FLOOR_CHARS,
        TEXT_FLOOR_CHARS), and only below that does the table scroll sideways.
        """
        header = self.view.horizontalHeader()
        columns = self.model.columns
        shown = [n for n in range(len(columns)) if not header.isSectionHidden(n)]
        flexible = [n for n in shown if not columns[n].width]
        if not flexible:
            return
        room = self.view.viewport().width()
        wanted = {n: self._wanted(n) for n in shown}
        if sum(wanted.values()) <= room:
            if self._squeezed:  # back from a squeeze: the fixed columns return to their hint
                for n in shown:
                    if n not in flexible:
                        self.view.setColumnWidth(n, wanted[n])
            self._squeezed = False
            for n in flexible:
                if header.sectionResizeMode(n) != QHeaderView.ResizeMode.Stretch:
                    header.setSectionResizeMode(n, QHeaderView.ResizeMode.Stretch)
            return
        self._squeezed = True
        floors = {n: min(self._floor(n), wanted[n]) for n in shown}
        # Short values (a date, a state) stay whole; wrapped text gives way for them, a
        # little below its floor if it must (its tooltip has the rest).
        short = [n for n in shown if n not in flexible and wanted[n] <= self._chars(SHORT_CHARS)]
        rest = sum(floors[n] for n in shown if n not in short)
        scale = (room - sum(wanted[n] for n in short)) / rest if rest else 0.0
        if scale >= MIN_SQUEEZE:
            floors.update({n: wanted[n] for n in short})
            if scale < 1:
                floors.update({n: int(floors[n] * scale) for n in shown if n not in short})
        spare = sum(wanted.values()) - sum(floors.values())
        share = max(0.0, min(1.0, (room - sum(floors.values())) / spare)) if spare else 0.0
        for n in flexible:
            if header.sectionResizeMode(n) != QHeaderView.ResizeMode.Interactive:
                header.setSectionResizeMode(n, QHeaderView.ResizeMode.Interactive)
        widths = {n: int(floors[n] + share * (wanted[n] - floors[n])) for n in shown}
        if share > 0:  # what rounding left over goes to the last text column
            widths[flexible[-1]] += max(0, room - sum(widths.values()))
        for n, width in widths.items():
            if header.sectionSize(n) != width:
                self.view.setColumnWidth(n, width)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Refit columns on viewport resize; Delete removes rows unless a cell is being edited."""
        from PySide6.QtCore import QEvent

        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_columns()  # the viewport's own resize: its width is already the new one
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and event.matches(QKeySequence.StandardKey.Delete)
            and self.view.state() != QAbstractItemView.State.EditingState
        ):
            self._on_delete_clicked()
            return True
        return super().eventFilter(watched, event)

    def show_message(self, text: str) -> None:
        """Show an inline error under the table, or hide the line when text is empty."""
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def selected_ids(self) -> list[str]:
        """The selected items in source order, whatever the sort."""
        rows = {self.proxy.mapToSource(i).row() for i in self.view.selectionModel().selectedRows()}
        items = [self.model.item_at(r) for r in sorted(rows)]
        return [item.id for item in items if item is not None]

    def select_item(self, item_id: str, *, edit_column: int | None = None) -> None:
        """Select an item's row, scroll to it, and optionally start editing a cell."""
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, edit_column or 0))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if edit_column is not None:
            self.view.edit(index)

    def _on_add_clicked(self) -> None:
        """Add a new item as one undo step and start editing its first editable cell."""
        if self._make_item is None:
            return
        try:
            item = self._make_item(self._doc.review)
        except UserError as exc:
            self.show_message(str(exc))
            return
        self.show_message("")
        self._doc.undo_stack.push(PutItemCommand(self._doc, f"Add {self.model.noun}", item))
        editable = next((n for n, c in enumerate(self.model.columns) if c.edit), None)
        self.select_item(item.id, edit_column=editable)

    def _on_delete_clicked(self) -> None:
        """Delete the selected rows as one undo step."""
        ids = self.selected_ids()
        if not ids:
            return
        label = f"Delete {self.model.noun}" if len(ids) == 1 else f"Delete {len(ids)} items"
        removals = [(self.model.part, item_id) for item_id in ids]
        self._doc.undo_stack.push(EditItemsCommand(self._doc, label, removals=removals))

    def _move(self, step: int) -> None:
        """Move the one selected item past its visible neighbour, as one undo step."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        row = self.model.row_of(ids[0])
        neighbour = self.model.item_at(row + step)
        if neighbour is None:
            return
        # The table may show a subset of its part (notes of one kind): move past the neighbour.
        ids_in_part = [item.id for item in self._doc.review.items(self.model.part)]
        old, new = ids_in_part.index(ids[0]), ids_in_part.index(neighbour.id)
        self._doc.undo_stack.push(
            MoveItemCommand(self._doc, f"Move {self.model.noun}", self.model.part, ids[0], old, new)
        )
        self.select_item(ids[0])
