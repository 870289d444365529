"""The coach dock: beside an open review only, built on first use, put away when told.

On the library it would only say "open a review", so the list gets the width
there. Closing it (View › Coach, Ctrl+Shift+K, or the dock's own close button)
is remembered in the settings; the window hiding it beside the library is not.

Signals:
    jump_requested(object): a ``Finding`` the user wants to see in its field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from pmdesk.ui import settings as keys
from pmdesk.ui.settings import Settings

# The coach compiles its rules on import: it loads after the window's first paint.
if TYPE_CHECKING:
    from pmdesk.ui.coach import CoachPanel, ReviewCoach


class CoachDock(QDockWidget):
    """The dock (objectName ``coachDock``) holding the ``CoachPanel`` of the current review."""

    jump_requested = Signal(object)

    def __init__(self, settings: Settings, window: QMainWindow) -> None:
        super().__init__("Coach", window)
        self.setObjectName("coachDock")
        self.setWidget(QWidget())
        self._window = window
        self._settings = settings
        self._panel: CoachPanel | None = None
        self._wanted = True
        self._placing = False
        self._on_review = False
        self.action = self.toggleViewAction()
        self.action.setText("&Coach")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.action.triggered.connect(self._on_action_triggered)

    @property
    def built(self) -> bool:
        return self._panel is not None

    @property
    def panel(self) -> CoachPanel:
        """The panel, built on first use."""
        if self._panel is None:
            from pmdesk.ui.coach import CoachPanel

            self._panel = CoachPanel()
            self._panel.jump_requested.connect(self.jump_requested)
            self.setWidget(self._panel)
        return self._panel

    def restore(self) -> None:
        """Take the remembered choice; from now on a close by the user is remembered too."""
        self._wanted = self._settings.get(keys.COACH)
        self.place(on_review=self._on_review)
        self.visibilityChanged.connect(self._on_visibility_changed)

    def place(self, *, on_review: bool) -> None:
        """Show beside an open review if the user wants it; never beside the library."""
        self._on_review = on_review
        self._placing = True
        self.setVisible(self._wanted and on_review)
        self._placing = False

    def show_coach(self, coach: ReviewCoach | None) -> None:
        self.panel.set_coach(coach)

    def forget(self, coach: ReviewCoach) -> None:
        """The coach's review is closing: the panel must not keep listening to it."""
        if self._panel is not None and self._panel._coach is coach:
            self._panel.set_coach(None)

    def _on_action_triggered(self, checked: bool) -> None:
        self._wanted = checked
        self._settings.set(keys.COACH, checked)
        if checked and not self._on_review:
            self._window.statusBar().showMessage("The coach shows beside an open review", 4000)
            self.place(on_review=False)

    def _on_visibility_changed(self, visible: bool) -> None:
        # The dock's own close button is the user's choice too; our hiding is not.
        closed = not visible and not self._placing and not self.isVisible()
        window = self._window
        if not shiboken6.isValid(window):  # hidden by the window's own destruction
            return
        if closed and window.isVisible() and not window.isMinimized():
            self._wanted = False
            self._settings.set(keys.COACH, False)
