"""The facilitator's console: agenda and timers, the live editor for the phase, notes, capture.

Keyboard first: every control is a QAction with the key from
:mod:`pmdesk.ui.meeting.shortcuts`, active in the console and in the
presenter window alike, so the facilitator can drive the meeting from
whichever window has focus. Widgets here read ``document.review`` and the
controller; every edit goes through an undo command or the controller.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import format_duration, format_moment
from pmdesk.errors import UserError
from pmdesk.meeting.agenda import (
    DEFAULT_AGENDA,
    MAX_MINUTES,
    MAX_PHASES,
    AgendaPhase,
    PhaseKind,
    phase_title,
)
from pmdesk.meeting.record import MeetingRecord
from pmdesk.meeting.timer import Overrun, format_countdown
from pmdesk.model import Change, NoteKind, Part
from pmdesk.text import one_line
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.presenter import BLAMELESS, PresenterWindow, choose_screen
from pmdesk.ui.meeting.shortcuts import CONTROL, CONTROLS, ShortcutsOverlay

NOTES_SAVE_MS = 1200
_OVERRUN_COLOURS = {
    Overrun.ON_TIME: "",
    Overrun.NEARLY: "color: #7a4d00;",
    Overrun.OVER: "color: #b3261e;",
    Overrun.WELL_OVER: "color: #b3261e; font-weight: 700;",
}


def _say(label: QLabel, text: str, limit: int = 400) -> None:
    """Set a status line; a 2,000-character word must not stretch the window (PITFALLS QT-06)."""
    label.setText(one_line(text, limit))


def _label(text: str = "", *, name: str = "", user_text: bool = False) -> QLabel:
    """A plain-text label; ``user_text`` ones never ask for more width than they get."""
    label = QLabel(text)
    if user_text:
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class MeetingConsole(QWidget):
    """The facilitator's window for one review meeting (objectName ``meetingConsole``).

    It owns the ``PresenterWindow`` (objectName ``presenterWindow``), which it
    shows full-screen on another screen when there is one.
    """

    def __init__(
        self,
        document: ReviewDocument,
        controller: MeetingController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingConsole")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(f"Meeting — {document.review.title}")
        self.document = document
        self.controller = controller or MeetingController(document, parent=self)
        self.presenter = PresenterWindow(self.controller, self)
        self.presenter.back_requested.connect(self._on_presenter_back_requested)
        self.actions_by_name: dict[str, QAction] = {}
        self._editors: dict[PhaseKind, QWidget] = {}
        self._auto_shown = False

        self._build_header()
        self._build_agenda()
        self._build_side()
        self._build_capture()
        self.live = QStackedWidget()
        self.live.setObjectName("liveEditor")
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        self.live_title = _label(name="sectionHeading", user_text=True)
        centre_layout.addWidget(self.live_title)
        centre_layout.addWidget(self.live, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.agenda_panel)
        splitter.addWidget(centre)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 760, 280])
        layout = QVBoxLayout(self)
        layout.addLayout(self.header)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.capture_row)
        layout.addWidget(self.understood)
        self.overlay = ShortcutsOverlay(self)
        self._build_actions()

        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_SAVE_MS)
        self._notes_timer.timeout.connect(self._save_notes)

        c = self.controller
        c.state_changed.connect(self._on_controller_state_changed)
        c.ticked.connect(self._refresh_clock)
        c.moment_changed.connect(self._on_controller_moment_changed)
        c.captured.connect(self._on_controller_captured)
        c.problem.connect(self._on_controller_problem)
        c.ended.connect(self._on_controller_ended)
        document.changed.connect(self._on_document_changed)
        self.agenda_table.installEventFilter(self)
        self.capture_edit.installEventFilter(self)
        self.resize(1280, 800)
        self._refresh_all()

    # -- building --------------------------------------------------------------------

    def _build_header(self) -> None:
        self.phase_label = _label(name="phaseLabel")
        self.phase_label.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.phase_clock = _label(name="phaseClock")
        self.phase_clock.setStyleSheet("font-size: 26pt; font-weight: 700;")
        self.phase_clock.setAccessibleName("Time left in this phase")
        self.overall_clock = _label(name="overallClock")
        self.overall_clock.setAccessibleName("Time left in the meeting")
        self.state_label = _label(name="meetingState")
        self.start_button = QPushButton("Start")
        self.previous_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.presenter_button = QPushButton("Presenter")
        self.end_button = QPushButton("End meeting")
        self.screen_combo = QComboBox()
        self.screen_combo.setObjectName("presenterScreenCombo")
        self.screen_combo.setAccessibleName("Screen for the presenter window")
        self.screen_combo.activated.connect(self._on_screen_combo_activated)
        clocks = QVBoxLayout()
        clocks.addWidget(self.phase_clock, 0, Qt.AlignmentFlag.AlignRight)
        clocks.addWidget(self.overall_clock, 0, Qt.AlignmentFlag.AlignRight)
        title = QVBoxLayout()
        title.addWidget(self.phase_label)
        title.addWidget(self.state_label)
        self.header = QHBoxLayout()
        self.header.addLayout(title, 1)
        for button in (
            self.start_button,
            self.previous_button,
            self.next_button,
            self.presenter_button,
            self.screen_combo,
            self.end_button,
        ):
            self.header.addWidget(button)
        self.header.addLayout(clocks)

    def _build_agenda(self) -> None:
        self.agenda_table = QTableWidget(0, 3)
        self.agenda_table.setObjectName("agendaTable")
        self.agenda_table.setAccessibleName("Agenda: phase, minutes, time spent")
        self.agenda_table.setHorizontalHeaderLabels(["Phase", "Min", "Spent"])
        header = self.agenda_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.agenda_table.verticalHeader().hide()
        self.agenda_table.itemChanged.connect(self._on_agenda_table_item_changed)
        self.agenda_table.cellDoubleClicked.connect(self._on_agenda_table_cell_double_clicked)
        self.agenda_panel = QWidget()
        layout = QVBoxLayout(self.agenda_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("agendaKindCombo")
        self.kind_combo.setAccessibleName("Kind of phase to add")
        for phase in DEFAULT_AGENDA:
            self.kind_combo.addItem(phase.title, phase.kind.value)
        self.add_phase_button = QPushButton("Add")
        self.add_phase_button.setToolTip("Add a phase after the selected one (Insert)")
        self.add_phase_button.clicked.connect(self.add_phase)
        self.remove_phase_button = QPushButton("Remove")
        self.remove_phase_button.setToolTip("Remove the selected phase (Delete)")
        self.remove_phase_button.clicked.connect(self.remove_phase)
        tools = QHBoxLayout()
        tools.addWidget(self.kind_combo, 1)
        tools.addWidget(self.add_phase_button)
        tools.addWidget(self.remove_phase_button)
        layout.addWidget(_label("Agenda (double-click a row to go there)"))
        layout.addWidget(self.agenda_table, 1)
        layout.addLayout(tools)

    def _build_side(self) -> None:
        self.side = QTabWidget()
        self.side.setObjectName("meetingSideTabs")
        self.attendees_list = QListWidget()
        self.attendees_list.setObjectName("attendeesList")
        self.attendees_list.setAccessibleName("Attendees: check who is in the room")
        self.attendees_list.itemChanged.connect(self._on_attendees_list_item_changed)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("privateNotesEdit")
        self.notes_edit.setAccessibleName("Private notes (not shown to the room)")
        self.notes_edit.setPlaceholderText("Private notes: only you see these.")
        self.notes_edit.setPlainText(self.controller.data.notes)
        self.notes_edit.textChanged.connect(self._on_notes_edit_text_changed)
        self.parking_list = QListWidget()
        self.parking_list.setObjectName("parkingList")
        self.parking_list.setAccessibleName("Parking lot and open questions")
        self.past_view = QPlainTextEdit()
        self.past_view.setObjectName("pastMeetingsView")
        self.past_view.setReadOnly(True)
        self.side.addTab(self.attendees_list, "Attendees")
        self.side.addTab(self.notes_edit, "Private notes")
        self.side.addTab(self.parking_list, "Parking && questions")
        self.side.addTab(self.past_view, "Past meetings")

    def _build_capture(self) -> None:
        self.capture_edit = QLineEdit()
        self.capture_edit.setObjectName("quickCaptureEdit")
        self.capture_edit.setAccessibleName("Quick capture")
        self.capture_edit.setPlaceholderText(
            "Quick capture (Ctrl+K): e 14:32 rollback started · f monitoring: no alert on lag · "
            "w fast escalation · ? why was the canary skipped · a Alex: add lag alert by Friday"
        )
        self.capture_edit.setMaxLength(2000)
        self.capture_edit.returnPressed.connect(self._on_capture_edit_return_pressed)
        self.capture_edit.textChanged.connect(self._on_capture_edit_text_changed)
        self.capture_row = QHBoxLayout()
        self.capture_row.addWidget(_label("Capture:"))
        self.capture_row.addWidget(self.capture_edit, 1)
        self.understood = _label(name="captureUnderstood", user_text=True)
        self.understood.setAccessibleName("What quick capture understood")

    def _build_actions(self) -> None:
        c = self.controller
        slots: dict[str, Callable[[], object]] = {
            "startMeetingAction": c.start,
            "pauseMeetingAction": c.toggle_pause,
            "nextPhaseAction": c.next_phase,
            "previousPhaseAction": c.previous_phase,
            "nextMomentAction": c.next_moment,
            "previousMomentAction": c.previous_moment,
            "quickCaptureAction": self.focus_capture,
            "togglePresenterAction": self.toggle_presenter,
            "focusAgendaAction": self.agenda_table.setFocus,
            "focusEditorAction": self._focus_live_editor,
            "focusNotesAction": lambda: self._focus_side(self.notes_edit),
            "focusAttendeesAction": lambda: self._focus_side(self.attendees_list),
            "focusParkingAction": lambda: self._focus_side(self.parking_list),
            "endMeetingAction": c.end,
            "meetingHelpAction": self.overlay.open,
        }
        for control in CONTROLS:
            action = QAction(control.text, self)
            action.setObjectName(control.name)
            action.setShortcuts([QKeySequence(k) for k in control.keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{control.text} ({' or '.join(control.keys)})")
            action.triggered.connect(slots[control.name])
            self.addAction(action)
            self.presenter.addAction(action)
            self.actions_by_name[control.name] = action
        # Start, then Pause / Resume: the button names what a click will do, never a state.
        self.start_button.clicked.connect(self._on_start_button_clicked)
        for button, name in (
            (self.previous_button, "previousPhaseAction"),
            (self.next_button, "nextPhaseAction"),
            (self.presenter_button, "togglePresenterAction"),
            (self.end_button, "endMeetingAction"),
        ):
            action = self.actions_by_name[name]
            button.clicked.connect(action.trigger)
            button.setToolTip(action.toolTip())

    def _on_start_button_clicked(self) -> None:
        name = "pauseMeetingAction" if self.controller.started else "startMeetingAction"
        self.actions_by_name[name].trigger()

    # -- live editors ----------------------------------------------------------------

    def editor_for(self, kind: PhaseKind) -> QWidget:
        """The editor for a phase kind, built the first time the meeting reaches it."""
        editor = self._editors.get(kind)
        if editor is None:
            editor = self._make_editor(kind)
            self._editors[kind] = editor
            self.live.addWidget(editor)
        return editor

    def _make_editor(self, kind: PhaseKind) -> QWidget:
        from pmdesk.ui.actions import ActionsSection
        from pmdesk.ui.editor.sections import FactorsSection, WentWellSection, timeline_section

        if kind is PhaseKind.STORY:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            self.moment_label = _label(name="keyMomentLabel", user_text=True)
            self.moment_label.setStyleSheet("font-size: 13pt;")
            layout.addWidget(self.moment_label)
            self.timeline_table = timeline_section(self.document)
            selection = self.timeline_table.view.selectionModel()
            selection.currentRowChanged.connect(self._on_timeline_current_row_changed)
            layout.addWidget(self.timeline_table, 1)
            self._refresh_moment()
            return box
        if kind is PhaseKind.CHEESE:
            return FactorsSection(self.document)
        if kind is PhaseKind.WENT_WELL:
            return WentWellSection(self.document)
        if kind is PhaseKind.ACTIONS:
            return ActionsSection(self.document)
        text = _label(name=f"{kind.value}Text", user_text=True)
        text.setStyleSheet("font-size: 13pt;")
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return text

    def _refresh_live(self) -> None:
        kind = self.controller.phase.kind
        editor = self.editor_for(kind)
        self.live.setCurrentWidget(editor)
        self.live_title.setText(f"Live: {self.controller.phase.title}")
        if isinstance(editor, QLabel):
            editor.setText(self._text_for(kind))

    def _text_for(self, kind: PhaseKind) -> str:
        c = self.controller
        if kind is PhaseKind.STAGE:
            return (
                "Shown to the room:\n\n"
                + "\n".join(BLAMELESS)
                + ("\n\nCheck the attendees on the right; the presenter shows the reminder.")
            )
        if kind is PhaseKind.FOLLOW_UP:
            found = c.follow_ups()
            if not found:
                return "No open actions from earlier reviews on the same services."
            return "\n".join(
                f"• {f.action.text} — {f.owner_name or 'no owner'} — "
                f"{f.action.due or 'no date'} — {f.review_title}"
                for f in found
            )
        added = c.added_items()
        lines = [f"Added in this meeting: {len(added)}"]
        lines += [f"• {kind.value.replace('_', ' ')}: {_text(item)}" for kind, item in added]
        lines.append("\nEnd the meeting (Ctrl+Shift+E) to save its record.")
        return "\n".join(lines)

    def _focus_live_editor(self) -> None:
        widget = self.live.currentWidget()
        if widget is not None:
            widget.setFocus()
            widget.focusNextChild()

    def _focus_side(self, widget: QWidget) -> None:
        self.side.setCurrentWidget(widget)
        widget.setFocus()

    # -- refreshing ------------------------------------------------------------------

    def _refresh_all(self) -> None:
        self._refresh_agenda()
        self._refresh_clock()
        self._refresh_live()
        self._refresh_attendees()
        self._refresh_parking()
        self._refresh_past()
        self._refresh_screens()

    def _refresh_agenda(self) -> None:
        c = self.controller
        with QSignalBlocker(self.agenda_table):
            self.agenda_table.setRowCount(len(c.agenda))
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
                    self.agenda_table.setItem(row, col, cell)

    def _refresh_clock(self) -> None:
        c = self.controller
        self.phase_label.setText(f"{c.phase_index + 1}. {c.phase.title}")
        if c.started:
            remaining = c.phase_remaining()
            self.phase_clock.setText(format_countdown(remaining))
            self.phase_clock.setStyleSheet(
                "font-size: 26pt; font-weight: 700;" + _OVERRUN_COLOURS[c.overrun()]
            )
            overall = c.overall_remaining()
            self.overall_clock.setText(f"{format_countdown(overall)} left in the meeting")
            over = " · over time: time to move on gently" if remaining < 0 else ""
            self.state_label.setText(("Running" if c.running else "Paused (F6 resumes)") + over)
            pause = self.actions_by_name["pauseMeetingAction"]
            self.start_button.setText("Pause" if c.running else "Resume")
            self.start_button.setToolTip(pause.toolTip())
        else:
            self.phase_clock.setText(f"{c.phase.minutes}:00")
            minutes = sum(p.minutes for p in c.agenda)
            self.overall_clock.setText(f"{minutes} min planned")
            self.state_label.setText("Not started: F5 starts the meeting")
            self.start_button.setText("Start")
            self.start_button.setToolTip(self.actions_by_name["startMeetingAction"].toolTip())
        row = c.phase_index
        if self.agenda_table.rowCount() > row and c.started:
            item = self.agenda_table.item(row, 2)
            if item is not None:
                item.setText(format_countdown(c.phase_spent(row)))

    def _refresh_moment(self) -> None:
        if not hasattr(self, "moment_label"):
            return
        c = self.controller
        moment = c.current_moment()
        if moment is None:
            self.moment_label.setText("No events yet.")
            return
        when = format_moment(moment.at, c.review.timezone, with_date=False)
        knew = moment.knew or "(not written yet)"
        self.moment_label.setText(
            f"Key moment (Alt+Left / Alt+Right): {when} {one_line(moment.title, 200)}\n"
            f"What we knew then: {one_line(knew, 400)}"
        )

    def _refresh_attendees(self) -> None:
        present = set(self.controller.attendees)
        with QSignalBlocker(self.attendees_list):
            self.attendees_list.clear()
            for person in self.controller.review.people:
                label = f"{person.name} ({person.role})" if person.role else person.name
                item = QListWidgetItem(label)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                checked = label in present
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.attendees_list.addItem(item)

    def _refresh_parking(self) -> None:
        self.parking_list.clear()
        for note in self.controller.review.notes:
            if note.kind in (NoteKind.PARKING, NoteKind.QUESTION):
                mark = "?" if note.kind is NoteKind.QUESTION else "P"
                self.parking_list.addItem(f"{mark}  {note.text}")

    def _refresh_past(self) -> None:
        texts = []
        for data in reversed(self.controller.data.records):
            try:
                record = MeetingRecord.from_json(data)
            except (KeyError, ValueError, TypeError):
                texts.append("(a record this version of pmdesk cannot read)")
                continue
            texts.append(record.summary(self.controller.review.timezone))
        self.past_view.setPlainText("\n\n".join(texts) or "No meetings recorded yet.")

    def _refresh_screens(self) -> None:
        screens = QGuiApplication.screens()
        current = self.screen_combo.currentData()
        chosen = choose_screen(screens, self.screen())
        with QSignalBlocker(self.screen_combo):
            self.screen_combo.clear()
            for n, screen in enumerate(screens, start=1):
                size = screen.geometry()
                here = ", this window" if screen is self.screen() else ""
                self.screen_combo.addItem(
                    f"Screen {n} {screen.name()} ({size.width()}×{size.height()}{here})",
                    screen.name(),
                )
            names = [s.name() for s in screens]
            wanted = current if current in names else (chosen.name() if chosen else None)
            if wanted in names:
                self.screen_combo.setCurrentIndex(names.index(wanted))

    # -- presenter -------------------------------------------------------------------

    def presenter_screen_name(self) -> str | None:
        data = self.screen_combo.currentData()
        return str(data) if data else None

    def show_presenter(self) -> None:
        """Full screen on the chosen screen; on one screen it covers the console (F7/Esc back)."""
        name = self.presenter_screen_name()
        screen = next((s for s in QGuiApplication.screens() if s.name() == name), None)
        if screen is not None:
            self.presenter.setScreen(screen)
            self.presenter.setGeometry(screen.geometry())
        self.presenter.showFullScreen()
        self.presenter.raise_()
        if screen is None or screen is self.screen():
            self.presenter.activateWindow()

    def toggle_presenter(self) -> None:
        shared = self.presenter.screen() is self.screen()
        if self.presenter.isVisible() and (shared or not self.presenter.isActiveWindow()):
            if shared:
                self._back_to_console()
            else:
                self.presenter.hide()
            return
        self.show_presenter()

    def _back_to_console(self) -> None:
        self.presenter.hide()
        self.activateWindow()
        self.raise_()

    def _on_presenter_back_requested(self) -> None:
        if self.presenter.screen() is self.screen():
            self._back_to_console()

    def _on_screen_combo_activated(self, _index: int) -> None:
        if self.presenter.isVisible():
            self.show_presenter()

    # -- quick capture ---------------------------------------------------------------

    def focus_capture(self) -> None:
        self.capture_edit.setFocus()
        self.capture_edit.selectAll()

    def _on_capture_edit_return_pressed(self) -> None:
        line = self.capture_edit.text()
        if not line.strip():
            return
        if self.controller.capture(line) is not None:
            self.capture_edit.clear()

    def _on_capture_edit_text_changed(self, text: str) -> None:
        if not text.strip():
            _say(self.understood, "")
            return
        try:
            result = self.controller.read_line(text)
        except UserError as exc:
            _say(self.understood, str(exc))
            return
        _say(self.understood, "Enter adds: " + result.understood)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.agenda_table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and self.agenda_table.state() != QTableWidget.State.EditingState
        ):
            if event.key() == Qt.Key.Key_Insert:
                self.add_phase()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_phase()
                return True
        if (
            watched is self.capture_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.capture_edit.clear()
            self.live.setFocus()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    # -- slots -----------------------------------------------------------------------

    def _on_controller_state_changed(self) -> None:
        self._refresh_agenda()
        self._refresh_clock()
        self._refresh_live()
        self._refresh_past()
        # With a second screen the room sees the presenter as soon as the meeting starts.
        if self.controller.started and not self._auto_shown:
            self._auto_shown = True
            if len(QGuiApplication.screens()) > 1 and self.isVisible():
                self.show_presenter()

    def _on_controller_moment_changed(self, event_id: str) -> None:
        self._refresh_moment()
        table = getattr(self, "timeline_table", None)
        if table is not None and event_id and table.selected_ids() != [event_id]:
            table.select_item(event_id)

    def _on_timeline_current_row_changed(self, *_indexes: object) -> None:
        """Choosing an event in the table makes it the moment the room looks at."""
        ids = self.timeline_table.selected_ids()
        current = self.timeline_table.view.currentIndex()
        if current.isValid():
            row = self.timeline_table.proxy.mapToSource(current).row()
            item = self.timeline_table.model.item_at(row)
            ids = [item.id] if item is not None else ids
        if ids:
            self.controller.set_moment(ids[0])

    def _on_controller_captured(self, understood: str) -> None:
        _say(self.understood, "Added: " + understood + " (Ctrl+Z undoes)")

    def _on_controller_problem(self, why: str) -> None:
        _say(self.understood, why)

    def _on_controller_ended(self, record: object) -> None:
        assert isinstance(record, MeetingRecord)
        _say(
            self.understood,
            f"Meeting ended after {format_duration(record.duration)}; "
            "its record is under Past meetings.",
        )
        self.side.setCurrentWidget(self.past_view)
        self.presenter.hide()
        self._auto_shown = False

    def _on_document_changed(self, change: Change) -> None:
        if change.parts & {Part.NOTES}:
            self._refresh_parking()
        if change.parts & {Part.PEOPLE}:
            self._refresh_attendees()
        if change.parts & {Part.EVENTS}:
            self._refresh_moment()
        if isinstance(self.live.currentWidget(), QLabel):
            self._refresh_live()

    def _on_attendees_list_item_changed(self, _item: QListWidgetItem) -> None:
        present = []
        for row in range(self.attendees_list.count()):
            item = self.attendees_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                present.append(item.text())
        self.controller.set_attendees(present)

    def _on_agenda_table_cell_double_clicked(self, row: int, column: int) -> None:
        if column == 2 or not self.controller.started:
            self.controller.go_to(row)

    def _on_agenda_table_item_changed(self, item: QTableWidgetItem) -> None:
        agenda = list(self.controller.agenda)
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
            _say(self.understood, f"Minutes are a whole number from 1 to {MAX_MINUTES}.")
            self._refresh_agenda()
            return
        self.controller.set_agenda(agenda, f"Change agenda: {phase.title}")

    def add_phase(self) -> None:
        """Insert a phase of the chosen kind after the selected row, with its default time box."""
        kind = PhaseKind(self.kind_combo.currentData())
        template = next(p for p in DEFAULT_AGENDA if p.kind is kind)
        agenda = list(self.controller.agenda)
        if len(agenda) >= MAX_PHASES:
            _say(self.understood, f"An agenda has at most {MAX_PHASES} phases.")
            return
        row = self.agenda_table.currentRow()
        at = row + 1 if row >= 0 else len(agenda)
        agenda.insert(at, template)
        self.controller.set_agenda(agenda, f"Add phase: {template.title}")
        self.agenda_table.setCurrentCell(at, 0)

    def remove_phase(self) -> None:
        agenda = list(self.controller.agenda)
        row = self.agenda_table.currentRow()
        if not 0 <= row < len(agenda) or len(agenda) == 1:
            return
        removed = agenda.pop(row)
        self.controller.set_agenda(agenda, f"Remove phase: {removed.title}")

    def _on_notes_edit_text_changed(self) -> None:
        self._notes_timer.start()

    def _save_notes(self) -> None:
        self.controller.save_notes(self.notes_edit.toPlainText())

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the console during a meeting ends it: the record is never lost to a stray click.
        if self.controller.started:
            self.controller.end()
        if self._notes_timer.isActive():
            self._notes_timer.stop()
            self._save_notes()
        self.presenter.close()
        self.controller.close()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.overlay.isVisible():
            self.overlay.hide()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())
        super().resizeEvent(event)  # type: ignore[arg-type]


def _text(item: object) -> str:
    for name in ("text", "title", "name"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return ""


__all__ = ["CONTROL", "MeetingConsole"]
