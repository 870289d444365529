"""The facilitator's console: agenda and timers, the live editor for the phase, notes, capture.

Keyboard first: every control is a QAction with the key from
:mod:`pmdesk.ui.meeting.shortcuts`, active in the console and in the
presenter window alike, so the facilitator can drive the meeting from
whichever window has focus. The console assembles its parts (header,
agenda, live editor, side tabs, quick capture) and routes the controller's
signals to them; every edit goes through an undo command or the controller.

Signals:
    closed(): the facilitator closed the console; its meeting was ended and saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QSplitter, QVBoxLayout, QWidget

from pmdesk.clock import format_duration
from pmdesk.meeting.record import MeetingRecord
from pmdesk.model import Change, Part
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting.agenda_panel import AgendaPanel
from pmdesk.ui.meeting.capture_panel import CapturePanel
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.header import MeetingHeader
from pmdesk.ui.meeting.live_panel import LivePanel
from pmdesk.ui.meeting.presenter import PresenterWindow
from pmdesk.ui.meeting.shortcuts import CONTROL, CONTROLS, ShortcutsOverlay, meeting_action
from pmdesk.ui.meeting.side_tabs import MeetingSideTabs


class MeetingConsole(QWidget):
    """The facilitator's window for one review meeting (objectName ``meetingConsole``).

    It owns the ``PresenterWindow`` (objectName ``presenterWindow``), which it
    shows full-screen on another screen when there is one.
    """

    closed = Signal()

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
        self._auto_shown = False
        self._shut = False

        self.header = MeetingHeader(self.controller)
        self.header.screen_combo.activated.connect(self._on_screen_combo_activated)
        self.agenda = AgendaPanel(self.controller)
        self.live = LivePanel(self.controller)
        self.side = MeetingSideTabs(self.controller)
        self.capture = CapturePanel(self.controller)
        self.agenda.problem.connect(self.capture.say)
        self.capture.escaped.connect(self.live.stack.setFocus)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.agenda)
        splitter.addWidget(self.live)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([240, 760, 280])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.capture)
        self.overlay = ShortcutsOverlay(self)
        self.presenter_help = ShortcutsOverlay(self.presenter)
        self._build_actions()
        self.header.bind(self.actions_by_name)

        c = self.controller
        c.state_changed.connect(self._on_controller_state_changed)
        c.ticked.connect(self.refresh_clock)
        c.moment_changed.connect(self.live.show_moment)
        c.captured.connect(self._on_controller_captured)
        c.problem.connect(self.capture.say)
        c.ended.connect(self._on_controller_ended)
        document.changed.connect(self._on_document_changed)
        self.resize(1280, 800)
        self._refresh_all()

    def _build_actions(self) -> None:
        c = self.controller
        slots: dict[str, Callable[[], object]] = {
            "startMeetingAction": c.start,
            "pauseMeetingAction": c.toggle_pause,
            "nextPhaseAction": c.next_phase,
            "previousPhaseAction": c.previous_phase,
            "nextMomentAction": c.next_moment,
            "previousMomentAction": c.previous_moment,
            "quickCaptureAction": self.capture.focus,
            "togglePresenterAction": self.toggle_presenter,
            "focusAgendaAction": self.agenda.table.setFocus,
            "focusEditorAction": self.live.focus_editor,
            "focusNotesAction": lambda: self.side.focus(self.side.notes_edit),
            "focusAttendeesAction": lambda: self.side.focus(self.side.attendees_list),
            "focusParkingAction": lambda: self.side.focus(self.side.parking_list),
            "endMeetingAction": self.ask_to_end,
            "meetingHelpAction": self.open_help,
        }
        for control in CONTROLS:
            if control.presenter_only:
                continue
            action = meeting_action(control, self, slots[control.name])
            self.addAction(action)
            self.presenter.addAction(action)
            self.actions_by_name[control.name] = action

    # -- refreshing ------------------------------------------------------------------

    def _refresh_all(self) -> None:
        self.agenda.refresh()
        self.refresh_clock()
        self.live.refresh()
        self.side.refresh_attendees()
        self.side.refresh_parking()
        self.side.refresh_past()
        self.header.refresh_screens(self.screen())

    def refresh_clock(self) -> None:
        """The countdowns and the current phase's time spent (once a second while running)."""
        self.header.refresh()
        self.agenda.tick()

    # -- presenter -------------------------------------------------------------------

    def show_presenter(self) -> None:
        """Full screen on the chosen screen; on one screen it covers the console (F7/Esc back)."""
        name = self.header.chosen_screen()
        screen = next((s for s in QGuiApplication.screens() if s.name() == name), None)
        if screen is not None:
            self.presenter.setScreen(screen)
            self.presenter.setGeometry(screen.geometry())
        self.presenter.showFullScreen()
        self.presenter.raise_()
        if screen is None or screen is self.screen():
            self.presenter.activateWindow()

    def toggle_presenter(self) -> None:
        """F7: show the presenter; from the presenter, back to the console (which it keeps)."""
        shared = self.presenter.screen() is self.screen()
        if self.presenter.isVisible():
            if shared:
                self._back_to_console()
            elif self.presenter.isActiveWindow():  # the room keeps its screen
                self.activateWindow()
                self.raise_()
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

    def open_help(self) -> None:
        """F1: the key sheet over whichever meeting window is in front."""
        on_presenter = self.presenter.isVisible() and self.presenter.isActiveWindow()
        (self.presenter_help if on_presenter else self.overlay).open()

    def ask_to_end(self) -> QMessageBox | None:
        """Ctrl+Shift+E or End meeting: ask first, as ending stops the clock for good.

        The question is window-modal over whichever meeting window is in front (the
        presenter on one screen); Esc or Keep going leaves the meeting running.
        """
        c = self.controller
        if not c.started:
            return None
        active = QApplication.activeWindow()
        parent = active if active in (self, self.presenter) else self
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "End the meeting?",
            f"End the meeting now? {c.phase_index + 1} of {len(c.agenda)} phases are done; "
            "the timers stop and its record is saved under Past meetings.",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setObjectName("endMeetingBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        end = box.addButton("End meeting", QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def _on_box_button_clicked(button: object) -> None:
            if button is end and c.started:
                c.end()

        box.buttonClicked.connect(_on_box_button_clicked)
        box.open()
        return box

    # -- slots -----------------------------------------------------------------------

    def _on_controller_state_changed(self) -> None:
        self.agenda.refresh()
        self.refresh_clock()
        self.live.refresh()
        self.side.refresh_past()
        # With a second screen the room sees the presenter as soon as the meeting starts.
        if self.controller.started and not self._auto_shown:
            self._auto_shown = True
            if len(QGuiApplication.screens()) > 1 and self.isVisible():
                self.show_presenter()

    def _on_controller_captured(self, understood: str) -> None:
        self.capture.say("Added: " + understood + " (Ctrl+Z undoes)")

    def _on_controller_ended(self, record: object) -> None:
        assert isinstance(record, MeetingRecord)
        self.capture.say(
            f"Meeting ended after {format_duration(record.duration)}; "
            "its record is under Past meetings."
        )
        self.side.setCurrentWidget(self.side.past_view)
        self.presenter.hide()
        self._auto_shown = False

    def _on_document_changed(self, change: Change) -> None:
        if change.parts & {Part.NOTES}:
            self.side.refresh_parking()
        if change.parts & {Part.PEOPLE}:
            self.side.refresh_attendees()
        if change.parts & {Part.EVENTS}:
            self.live.refresh_moment()
        if self.live.shows_text():
            self.live.refresh()

    # -- closing ---------------------------------------------------------------------

    def shutdown(self, *, save: bool = True) -> None:
        """End the meeting and stop every timer; the record and notes are saved if ``save``.

        Runs once, whichever comes first: the facilitator closing the console, or
        its review closing. Without ``save`` (the review is gone) nothing is written.
        """
        if self._shut:
            return
        self._shut = True
        self.document.changed.disconnect(self._on_document_changed)
        if save:
            if self.controller.started:
                self.controller.end()  # a stray click never loses the meeting's record
            self.side.flush()
        self.controller.close()
        self.presenter.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.overlay.isVisible():
            self.overlay.hide()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: object) -> None:
        if self.overlay.isVisible():
            self.overlay.setGeometry(self.rect())
        super().resizeEvent(event)  # type: ignore[arg-type]


__all__ = ["CONTROL", "MeetingConsole"]
