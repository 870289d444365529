"""The console's header: the phase, its countdown and the meeting's, the main buttons.

The buttons only trigger the console's actions (so a click and a key do the
same thing); the header shows the controller's state and decides nothing.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction, QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pmdesk.meeting.timer import format_countdown
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.labels import meeting_label
from pmdesk.ui.meeting.presenter import choose_screen
from pmdesk.ui.theme import set_state


class MeetingHeader(QWidget):
    """Phase title and state, the two countdowns, Start/Pause, phase and presenter buttons."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._actions: Mapping[str, QAction] = {}
        self.phase_label = meeting_label(name="phaseLabel")
        self.phase_clock = meeting_label(name="phaseClock")
        self.phase_clock.setAccessibleName("Time left in this phase")
        self.overall_clock = meeting_label(name="overallClock")
        self.overall_clock.setAccessibleName("Time left in the meeting")
        self.state_label = meeting_label(name="meetingState")
        self.start_button = QPushButton("Start")
        self.previous_button = QPushButton("◀ Previous")
        self.next_button = QPushButton("Next ▶")
        self.presenter_button = QPushButton("Presenter")
        self.end_button = QPushButton("End meeting")
        self.screen_combo = QComboBox()
        self.screen_combo.setObjectName("presenterScreenCombo")
        self.screen_combo.setAccessibleName("Screen for the presenter window")
        clocks = QVBoxLayout()
        clocks.addWidget(self.phase_clock, 0, Qt.AlignmentFlag.AlignRight)
        clocks.addWidget(self.overall_clock, 0, Qt.AlignmentFlag.AlignRight)
        title = QVBoxLayout()
        title.addWidget(self.phase_label)
        title.addWidget(self.state_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(title, 1)
        for widget in (
            self.start_button,
            self.previous_button,
            self.next_button,
            self.presenter_button,
            self.screen_combo,
            self.end_button,
        ):
            layout.addWidget(widget)
        layout.addLayout(clocks)

    def bind(self, actions: Mapping[str, QAction]) -> None:
        """Each button triggers its action; Start becomes Pause / Resume once started."""
        self._actions = actions
        # Start, then Pause / Resume: the button names what a click will do, never a state.
        self.start_button.clicked.connect(self._on_start_button_clicked)
        for button, name in (
            (self.previous_button, "previousPhaseAction"),
            (self.next_button, "nextPhaseAction"),
            (self.presenter_button, "togglePresenterAction"),
            (self.end_button, "endMeetingAction"),
        ):
            action = actions[name]
            button.clicked.connect(action.trigger)
            button.setToolTip(action.toolTip())

    def _on_start_button_clicked(self) -> None:
        name = "pauseMeetingAction" if self._controller.started else "startMeetingAction"
        self._actions[name].trigger()

    def refresh(self) -> None:
        """The countdowns and the state line, once a second while the meeting runs."""
        c = self._controller
        self.phase_label.setText(f"{c.phase_index + 1}. {c.phase.title}")
        if c.started:
            remaining = c.phase_remaining()
            self.phase_clock.setText(format_countdown(remaining))
            # The theme colours the clock by how the time stands (app.qss, [overrun=…]).
            set_state(self.phase_clock, "overrun", c.overrun().value)
            overall = c.overall_remaining()
            self.overall_clock.setText(f"{format_countdown(overall)} left in the meeting")
            over = " · over time: time to move on gently" if remaining < 0 else ""
            self.state_label.setText(("Running" if c.running else "Paused (F6 resumes)") + over)
            self.start_button.setText("Pause" if c.running else "Resume")
            self.start_button.setToolTip(self._actions["pauseMeetingAction"].toolTip())
        else:
            self.phase_clock.setText(f"{c.phase.minutes}:00")
            minutes = sum(p.minutes for p in c.agenda)
            self.overall_clock.setText(f"{minutes} min planned")
            self.state_label.setText("Not started: F5 starts the meeting")
            self.start_button.setText("Start")
            self.start_button.setToolTip(self._actions["startMeetingAction"].toolTip())

    def refresh_screens(self, here: QScreen | None) -> None:
        """List the screens; keep the one chosen, else suggest one other than ``here``."""
        screens = QGuiApplication.screens()
        current = self.screen_combo.currentData()
        chosen = choose_screen(screens, here)
        with QSignalBlocker(self.screen_combo):
            self.screen_combo.clear()
            for n, screen in enumerate(screens, start=1):
                size = screen.geometry()
                mark = ", this window" if screen is here else ""
                self.screen_combo.addItem(
                    f"Screen {n} {screen.name()} ({size.width()}×{size.height()}{mark})",
                    screen.name(),
                )
            names = [s.name() for s in screens]
            wanted = current if current in names else (chosen.name() if chosen else None)
            if wanted in names:
                self.screen_combo.setCurrentIndex(names.index(wanted))

    def chosen_screen(self) -> str | None:
        data = self.screen_combo.currentData()
        return str(data) if data else None
