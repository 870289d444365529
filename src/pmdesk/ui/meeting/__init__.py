"""Running the review meeting: facilitator console, presenter window, shortcuts, controller.

``install_meeting(window)`` adds the Meeting menu to the main window: F5
opens the console for the current review and starts the meeting; the phase
and end actions drive that review's console from the main window too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from pmdesk.ui.meeting.shortcuts import CONTROL, ShortcutsOverlay
from pmdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.meeting.console import MeetingConsole

_MENU_ACTIONS = ("startMeetingAction", "nextPhaseAction", "previousPhaseAction", "endMeetingAction")


class MeetingLauncher(QObject):
    """The Meeting menu's slots for a main window (objectName ``meetingLauncher``).

    It holds no consoles: each belongs to its review's ``ReviewWorkspace``.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("meetingLauncher")
        self.window = window
        self._help: ShortcutsOverlay | None = None

    def console(self) -> MeetingConsole | None:
        """The console of the review in the current tab, if it has one."""
        workspace = self.window.current_workspace()
        return workspace.console if workspace is not None else None

    def open_console(self) -> MeetingConsole | None:
        """The console of the review in the current tab, created the first time."""
        workspace = self.window.current_workspace()
        if workspace is None:
            self.window.statusBar().showMessage("Open a review first; its meeting starts here.")
            return None
        return workspace.open_console()

    def start(self) -> None:
        console = self.open_console()
        if console is not None and not console.controller.running:
            console.controller.start()

    def next_phase(self) -> None:
        if console := self.console():
            console.controller.next_phase()

    def previous_phase(self) -> None:
        if console := self.console():
            console.controller.previous_phase()

    def end(self) -> None:
        if console := self.console():
            console.controller.end()

    def show_keys(self) -> None:
        """Help > Meeting keys: the sheet over the console when one is open, else here."""
        if console := self.console():
            console.show()
            console.raise_()
            console.activateWindow()
            console.open_help()
            return
        if self._help is None:
            self._help = ShortcutsOverlay(self.window)
        self._help.open()


def install_meeting(window: MainWindow) -> None:
    """Add the Meeting menu and its actions (``startMeetingAction`` F5 …) to the main window."""
    launcher = MeetingLauncher(window)
    slots = {
        "startMeetingAction": launcher.start,
        "nextPhaseAction": launcher.next_phase,
        "previousPhaseAction": launcher.previous_phase,
        "endMeetingAction": launcher.end,
    }
    labels = {
        "startMeetingAction": "&Start meeting",
        "nextPhaseAction": "&Next phase",
        "previousPhaseAction": "&Previous phase",
        "endMeetingAction": "&End meeting",
    }
    menu = window.menuBar().addMenu("&Meeting")
    help_menu = next(
        (a for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"), None
    )
    if help_menu is not None:
        window.menuBar().insertMenu(help_menu, menu)
        keys = QAction("&Meeting keys", window)
        keys.setObjectName("meetingKeysAction")
        keys.setStatusTip("Every key the meeting console and the presenter take (F1 in a meeting)")
        keys.triggered.connect(launcher.show_keys)
        if isinstance(help_actions := help_menu.menu(), QMenu):
            help_actions.addAction(keys)
    for name in _MENU_ACTIONS:
        control = CONTROL[name]
        action = QAction(labels[name], window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in control.keys])
        action.setStatusTip(control.text)
        action.setToolTip(plain_tooltip(f"{control.text} ({' or '.join(control.keys)})"))
        action.triggered.connect(slots[name])
        window.addAction(action)
        menu.addAction(action)


__all__ = ["MeetingLauncher", "install_meeting"]
