"""Import chat or pager history: read it off the UI thread, review the proposed key moments.

``pmdesk.ingest`` reads the export and proposes the moments that matter, each
with the reason it was proposed. Here the facilitator sees every proposal
with the messages around it, accepts, rejects or retitles each (or accepts
all above a score), and the accepted ones land on the timeline as one undo
step. Nothing is added unless the whole import was read.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import format_moment, is_known_zone, zone_names
from pmdesk.ui.commands import EditItemsCommand
from pmdesk.ui.document import ReviewDocument

if TYPE_CHECKING:
    from pmdesk.ingest import ImportResult, Proposal

FORMATS = (
    ("", "Guess from the file"),
    ("slack", "Slack export (zip or folder)"),
    ("transcript", "Chat transcript"),
    ("pagerduty", "PagerDuty log entries (JSON)"),
    ("csv", "CSV timeline"),
)
ACCEPT, TIME, KIND, TITLE, WHO, WHY = range(6)
HEADERS = ("Add", "Time", "Kind", "Title on the timeline", "Who", "Why it was proposed")
CONTEXT = 3  # messages shown before and after a proposal


class _ReadSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)


class _ReadJob(QRunnable):
    """Reads the source in a worker thread; progress, result and errors come back as signals."""

    def __init__(self, path: Path, options: dict[str, Any]) -> None:
        super().__init__()
        self.signals = _ReadSignals()
        self.cancel = threading.Event()
        self._path = path
        self._options = options

    def run(self) -> None:
        from pmdesk.errors import UserError
        from pmdesk.ingest import ImportCancelled, load_source

        try:
            result = load_source(
                self._path,
                progress=lambda done, total: self.signals.progress.emit(done, total),
                cancelled=self.cancel.is_set,
                **self._options,
            )
        except ImportCancelled:
            self.signals.failed.emit("Import cancelled; nothing was added.")
            return
        except UserError as exc:
            self.signals.failed.emit(str(exc))
            return
        self.signals.finished.emit(result)


class ChatImportDialog(QDialog):
    """Read an export, then choose which proposed moments go on the timeline."""

    def __init__(self, document: ReviewDocument, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import history — {path.name}")
        self.setObjectName("chatImportDialog")
        self._doc = document
        self._path = path
        self._job: _ReadJob | None = None
        self.result_: ImportResult | None = None
        self.proposals: list[Proposal] = []

        self.format_box = QComboBox()
        for key, label in FORMATS:
            self.format_box.addItem(label, key)
        self.zone_box = QComboBox()
        self.zone_box.setEditable(True)
        self.zone_box.addItems(zone_names())
        self.zone_box.setCurrentText(document.review.timezone or "UTC")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText("for transcripts without dates, e.g. 2026-10-14")
        started = document.review.started_at
        if started is not None:
            self.date_edit.setText(format_moment(started, document.review.timezone)[:10])
        # Slack: the export's channels to tick (all at first), read from channels.json.
        self.channel_list = QListWidget()
        self.channel_list.setObjectName("channelList")
        self.channel_list.setAccessibleName("Slack channels to read")
        # The time window, in the review's zone: "2026-03-04 14:00", or "14:00" on its day.
        zone_hint = document.review.timezone or "UTC"
        self.since_edit = QLineEdit()
        self.since_edit.setPlaceholderText(f"from (e.g. 14:00 or 2026-10-14 14:00, {zone_hint})")
        self.until_edit = QLineEdit()
        self.until_edit.setPlaceholderText("to (empty: to the end)")
        self.read_button = QPushButton("&Read")
        self.read_button.clicked.connect(self.start_reading)
        self.cancel_button = QPushButton("Cancel reading")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(list(HEADERS))
        self.table = QTableView()
        self.table.setObjectName("proposalTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        for column in (ACCEPT, TIME, KIND, WHO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.context = QPlainTextEdit()
        self.context.setReadOnly(True)
        self.context.setObjectName("proposalContext")
        self.context.setAccessibleName("Messages around the selected proposal")
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0.0, 10.0)
        self.threshold.setSingleStep(0.5)
        self.threshold.setValue(1.5)
        above = QPushButton("Tick all scoring at least")
        above.clicked.connect(lambda: self.accept_above(self.threshold.value()))
        none = QPushButton("Untick all")
        none.clicked.connect(lambda: self.accept_above(float("inf")))

        window = QHBoxLayout()
        window.addWidget(self.since_edit)
        window.addWidget(self.until_edit)
        form = QFormLayout()
        form.addRow("&Format", self.format_box)
        form.addRow("Time &zone of the text", self.zone_box)
        form.addRow("&Day", self.date_edit)
        form.addRow("&Channels", self.channel_list)
        between = QLabel("&Between")
        between.setBuddy(self.since_edit)
        form.addRow(between, window)
        self._form = form
        read_row = QHBoxLayout()
        for widget in (self.read_button, self.cancel_button, self.progress):
            read_row.addWidget(widget)
        pick_row = QHBoxLayout()
        pick_row.addWidget(above)
        pick_row.addWidget(self.threshold)
        pick_row.addWidget(none)
        pick_row.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.context)
        splitter.setStretchFactor(0, 3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to the timeline")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(read_row)
        layout.addWidget(self.message)
        layout.addLayout(pick_row)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.resize(1100, 720)
        self.format_box.currentIndexChanged.connect(lambda *_: self._show_fields())
        self._show_fields()

    def source_format(self) -> str | None:
        """The chosen format, or the one the file looks like; None if it is unclear yet."""
        from pmdesk.errors import UserError
        from pmdesk.ingest import guess_format

        chosen = self.format_box.currentData()
        if chosen:
            return str(chosen)
        try:
            return str(guess_format(self._path))
        except (UserError, OSError):
            return None

    def _show_fields(self) -> None:
        """Only the questions this source needs: Slack and PagerDuty carry UTC times."""
        fmt = self.source_format()
        wall_clock = fmt not in ("slack", "pagerduty")
        self._form.setRowVisible(self.zone_box, wall_clock)
        self._form.setRowVisible(self.date_edit, fmt in ("transcript", "csv", None))
        self._form.setRowVisible(self.channel_list, fmt == "slack")
        if fmt == "slack" and self.channel_list.count() == 0:
            self._fill_channels()

    def _fill_channels(self) -> None:
        from pmdesk.errors import UserError
        from pmdesk.ingest import list_channels

        try:
            names = list_channels(self._path)
        except UserError as exc:
            self.message.setText(str(exc))
            return
        for name in names:
            item = QListWidgetItem(f"#{name}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.channel_list.addItem(item)
        rows = min(max(len(names), 1), 6)  # a short list stays short; a long one scrolls
        row = self.channel_list.sizeHintForRow(0) if names else self.fontMetrics().height()
        self.channel_list.setFixedHeight(rows * row + 2 * self.channel_list.frameWidth() + 4)

    def chosen_channels(self) -> list[str] | None:
        """The ticked channels; None when all are (or the list is empty), meaning all."""
        items = [self.channel_list.item(n) for n in range(self.channel_list.count())]
        ticked = [i for i in items if i.checkState() == Qt.CheckState.Checked]
        if len(ticked) == len(items):
            return None
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in ticked]

    # -- reading ---------------------------------------------------------------------

    def options(self) -> dict[str, Any]:
        from datetime import date

        from pmdesk.clock import parse_window
        from pmdesk.errors import BadInput

        zone = self.zone_box.currentText().strip() or "UTC"
        if not is_known_zone(zone):
            raise BadInput(f"'{zone}' is not a known time zone (e.g. Europe/Berlin)")
        day = None
        if self.date_edit.text().strip():
            try:
                day = date.fromisoformat(self.date_edit.text().strip())
            except ValueError:
                raise BadInput(
                    f"'{self.date_edit.text()}' is not a date (use 2026-10-14)"
                ) from None
        channels = self.chosen_channels()
        if channels == []:
            raise BadInput("tick at least one channel to read")
        review = self._doc.review
        try:
            since, until = parse_window(
                self.since_edit.text(),
                self.until_edit.text(),
                review.timezone,
                review.started_at,
                day,
            )
        except BadInput as exc:
            raise BadInput(f"Between, {exc}") from None
        return {
            "format": self.format_box.currentData() or None,
            "tz": zone,
            "default_date": day,
            "channels": channels,
            "since": since,
            "until": until,
        }

    def start_reading(self, *, wait: bool = False) -> None:
        from pmdesk.errors import UserError

        try:
            options = self.options()
        except UserError as exc:
            self.message.setText(str(exc))
            return
        job = _ReadJob(self._path, options)
        job.signals.progress.connect(self._on_job_progress)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._job = job
        self.read_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.message.setText(f"Reading {self._path.name}…")
        if wait:
            job.setAutoDelete(False)
            job.run()
        else:
            QThreadPool.globalInstance().start(job)

    def _on_cancel_clicked(self) -> None:
        if self._job is not None:
            self._job.cancel.set()

    def _on_job_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_job_failed(self, message: str) -> None:
        self._job = None
        self.read_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.message.setText(message)

    def _on_job_finished(self, result: ImportResult) -> None:
        from pmdesk.ingest import propose_key_moments

        self._job = None
        self.read_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.result_ = result
        self.proposals = propose_key_moments(result)
        self.message.setText(
            f"Read {len(result.messages)} messages from {len(result.people)} people; "
            f"{len(self.proposals)} moments proposed. Tick the ones for the timeline; "
            "titles can be edited."
        )
        self._fill_table()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.proposals))

    # -- choosing ----------------------------------------------------------------------

    def _fill_table(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        zone = self.zone_box.currentText()
        for proposal in self.proposals:
            tick = QStandardItem()
            tick.setCheckable(True)
            tick.setCheckState(Qt.CheckState.Checked)
            tick.setEditable(False)
            cells = [tick]
            for text, editable in (
                (format_moment(proposal.message.at, zone), False),
                (proposal.kind.value, False),
                (proposal.title, True),
                (proposal.message.author_name or "", False),
                (f"{proposal.reason} (score {proposal.score:g})", False),
            ):
                cell = QStandardItem(text)
                cell.setEditable(editable)
                cells.append(cell)
            self.model.appendRow(cells)
        if self.proposals:
            self.table.selectRow(0)

    def accept_above(self, score: float) -> None:
        for row, proposal in enumerate(self.proposals):
            state = Qt.CheckState.Checked if proposal.score >= score else Qt.CheckState.Unchecked
            item = self.model.item(row, ACCEPT)
            if item is not None:
                item.setCheckState(state)

    def chosen(self) -> list[Proposal]:
        """The ticked proposals, with any title the user typed."""
        picked = []
        for row, proposal in enumerate(self.proposals):
            tick = self.model.item(row, ACCEPT)
            if tick is None or tick.checkState() != Qt.CheckState.Checked:
                continue
            title_item = self.model.item(row, TITLE)
            title = title_item.text().strip() if title_item is not None else ""
            picked.append(dataclasses.replace(proposal, title=title or proposal.title))
        return picked

    def _on_current_row_changed(self, current: Any, _previous: Any) -> None:
        if self.result_ is None or not 0 <= current.row() < len(self.proposals):
            self.context.setPlainText("")
            return
        target = self.proposals[current.row()].message
        messages = list(self.result_.messages)
        index = next((n for n, m in enumerate(messages) if m is target), 0)
        zone = self.zone_box.currentText()
        lines = []
        for message in messages[max(0, index - CONTEXT) : index + CONTEXT + 1]:
            mark = "▶ " if message is target else "  "
            when = format_moment(message.at, zone)
            lines.append(f"{mark}{when}  {message.author_name}: {message.text}")
        self.context.setPlainText("\n".join(lines))

    def add_to_timeline(self) -> int:
        """Put the chosen moments (and their new people) on the timeline as one undo step."""
        from pmdesk.ingest import accept_all

        if self.result_ is None:
            return 0
        review = self._doc.review
        people, events = accept_all(self.result_, self.chosen(), review.people, review.events)
        if not events:
            return 0
        label = f"Import {len(events)} moments from {self._path.name}"
        self._doc.undo_stack.push(EditItemsCommand(self._doc, label, [*people, *events]))
        return len(events)

    def _on_accepted(self) -> None:
        self.add_to_timeline()
        self.accept()

    def reject(self) -> None:
        if self._job is not None:
            self._job.cancel.set()
        super().reject()
