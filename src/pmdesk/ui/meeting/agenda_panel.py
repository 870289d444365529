"""The console's agenda: phases with their time boxes and time spent, edited in place.

Editing a title or the minutes, Insert and Delete change the agenda through the
controller (one undo step each); a double-click goes to that phase.

Signals:
    problem(str): an edit was refused; the text says why.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.errors import UserError
from pmdesk.meeting.agenda import (
    DEFAULT_AGENDA,
    MAX_MINUTES,
    MAX_PHASES,
    AgendaPhase,
    PhaseKind,
    phase_title,
)
from pmdesk.meeting.timer import format_countdown
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.labels import meeting_label
from pmdesk.ui.plain import plain_tooltip


class AgendaPanel(QWidget):
    """Agenda table (objectName ``agendaTable``), the kind of phase to add, Add and Remove."""

    problem = Signal(str)

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("agendaTable")
        self.table.setAccessibleName("Agenda: phase, minutes, time spent")
        self.table.setHorizontalHeaderLabels(["Phase", "Min", "Spent"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.table.installEventFilter(self)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("agendaKindCombo")
        self.kind_combo.setAccessibleName("Kind of phase to add")
        for phase in DEFAULT_AGENDA:
            self.kind_combo.addItem(phase.title, phase.kind.value)
        self.add_button = QPushButton("Add")
        self.add_button.setToolTip(plain_tooltip("Add a phase after the selected one (Insert)"))
        self.add_button.clicked.connect(self.add_phase)
        self.remove_button = QPushButton("Remove")
        self.remove_button.setToolTip(plain_tooltip("Remove the selected phase (Delete)"))
        self.remove_button.clicked.connect(self.remove_phase)
        tools = QHBoxLayout()
        tools.addWidget(self.kind_combo, 1)
        tools.addWidget(self.add_button)
        tools.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(meeting_label("Agenda (double-click a row to go there)"))
        layout.addWidget(self.table, 1)
        layout.addLayout(tools)

    def refresh(self) -> None:
        """Every row again, the current phase in bold."""
        c = self._controller
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(c.agenda))
            for row, phase in enumerate(c.agenda):
                spent = c.phase_spent(row)
                cells = [
                    QTableWidgetItem(phase.title),
                    QTableWidgetItem(str(phase.minutes)),
                    QTableWidgetItem(format_countdown(spent) if spent else ""),
                ]
                cells[2].setFlags(cells[2].flags() & ~Qt.ItemFlag.ItemIsEditable)
                if row == c.phase_index:
                    bold = QFont()
                    bold.setBold(True)
                    for cell in cells:
                        cell.setFont(bold)
                for col, cell in enumerate(cells):
                    self.table.setItem(row, col, cell)

    def tick(self) -> None:
        """Only the current phase's time spent, once a second."""
        c = self._controller
        row = c.phase_index
        item = self.table.item(row, 2) if c.started and self.table.rowCount() > row else None
        if item is not None:
            with QSignalBlocker(self.table):
                item.setText(format_countdown(c.phase_spent(row)))

    def add_phase(self) -> None:
        """Insert a phase of the chosen kind after the selected row, with its default time box."""
        kind = PhaseKind(self.kind_combo.currentData())
        template = next(p for p in DEFAULT_AGENDA if p.kind is kind)
        agenda = list(self._controller.agenda)
        if len(agenda) >= MAX_PHASES:
            self.problem.emit(f"An agenda has at most {MAX_PHASES} phases.")
            return
        row = self.table.currentRow()
        at = row + 1 if row >= 0 else len(agenda)
        agenda.insert(at, template)
        self._controller.set_agenda(agenda, f"Add phase: {template.title}")
        self.table.setCurrentCell(at, 0)

    def remove_phase(self) -> None:
        agenda = list(self._controller.agenda)
        row = self.table.currentRow()
        if not 0 <= row < len(agenda) or len(agenda) == 1:
            return
        removed = agenda.pop(row)
        self._controller.set_agenda(agenda, f"Remove phase: {removed.title}")

    def eventFilter(self, watched: QObject, event: object) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and self.table.state() != QTableWidget.State.EditingState
        ):
            if event.key() == Qt.Key.Key_Insert:
                self.add_phase()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_phase()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _on_table_cell_double_clicked(self, row: int, column: int) -> None:
        if column == 2 or not self._controller.started:
            self._controller.go_to(row)

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        agenda = list(self._controller.agenda)
        row, col = item.row(), item.column()
        if row >= len(agenda):
            return
        phase = agenda[row]
        try:
            if col == 0:
                agenda[row] = AgendaPhase(
                    phase.kind, phase_title(item.text(), phase.kind), phase.minutes
                )
            elif col == 1:
                minutes = int(item.text().strip().removesuffix("min").strip())
                agenda[row] = AgendaPhase(phase.kind, phase.title, minutes)
        except (ValueError, UserError):
            self.problem.emit(f"Minutes are a whole number from 1 to {MAX_MINUTES}.")
            self.refresh()
            return
        self._controller.set_agenda(agenda, f"Change agenda: {phase.title}")
