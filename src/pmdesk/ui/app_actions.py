"""Application-wide commands of the main window: theme, interface zoom, About, the log folder.

They concern pmdesk itself rather than a library or a review, so they live
beside the window instead of in it; the window puts them in its menus.

Signals:
    theme_applied(str): the concrete theme ("light", "dark", "projector") now in use.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from pmdesk import __version__
from pmdesk.ui import settings as keys
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.settings import Settings
from pmdesk.ui.theme import THEMES, apply_theme, current_zoom, zoom_percent, zoom_step

THEME_LABELS = {
    "system": "Follow system",
    "light": "Light",
    "dark": "Dark",
    "projector": "Projector (large, high contrast)",
}


def make_action(
    parent: QObject,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    name: str = "",
    tip: str = "",
) -> QAction:
    """A menu action with its shortcut, objectName and tip (status bar and tooltip alike)."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if name:
        action.setObjectName(name)
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(plain_tooltip(tip))
    action.triggered.connect(slot)
    return action


class AppActions(QObject):
    """View › Theme and the Help menu's actions for one window."""

    theme_applied = Signal(str)

    def __init__(
        self, window: QWidget, settings: Settings, library_shown: Callable[[], str]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._library_shown = library_shown
        self.about_action = make_action(
            window, "&About pmdesk", self.show_about, None, "aboutAction"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.log_action = make_action(window, "Open &log folder", self.open_log_folder)
        self.theme_group = QActionGroup(window)
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            action = QAction(THEME_LABELS[theme], window, checkable=True)
            action.setObjectName(f"theme_{theme}")
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.theme_group.addAction(action)
            self.theme_actions[theme] = action
        chosen = settings.get(keys.THEME)
        self.theme_actions.get(chosen, self.theme_actions["system"]).setChecked(True)
        std = QKeySequence.StandardKey
        zoom_in = make_action(window, "Zoom &in", lambda: self.step_zoom(1), None, "zoomInAction")
        # Ctrl+= as well as the platform's Ctrl++: on most keyboards + needs Shift.
        zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(std.ZoomIn)])
        zoom_out = make_action(
            window, "Zoom &out", lambda: self.step_zoom(-1), std.ZoomOut, "zoomOutAction"
        )
        reset = make_action(
            window, "&Actual size", lambda: self.set_zoom(100), "Ctrl+0", "zoomResetAction"
        )
        self.zoom_actions = [zoom_in, zoom_out, reset]
        for action in self.zoom_actions:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def set_theme(self, theme: str) -> None:
        """Apply and remember a theme; open editors follow through ``theme_applied``."""
        self._settings.set(keys.THEME, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.theme_applied.emit(apply_theme(app, theme))
        if theme in self.theme_actions:
            self.theme_actions[theme].setChecked(True)

    def step_zoom(self, steps: int) -> None:
        """One zoom level in or out from the one in use."""
        self.set_zoom(zoom_step(current_zoom(), steps))

    def set_zoom(self, percent: int) -> None:
        """Scale the whole interface's type and remember it; the theme stays as it is."""
        percent = zoom_percent(percent)
        self._settings.set(keys.ZOOM, str(percent))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme = self._settings.get(keys.THEME)
            self.theme_applied.emit(apply_theme(app, theme, zoom=percent))
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(
                f"Interface zoom {percent} % (Ctrl+0 for actual size)", 4000
            )

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._window)
        box.setWindowTitle("About pmdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"pmdesk {__version__}")
        box.setInformativeText(
            "Blameless post-incident reviews: draft offline, run the meeting, publish reports "
            f"for every reader.\n\nLibrary: {self._library_shown()}"
        )
        box.exec()

    def open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from pmdesk.ui.errors import log_path

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))
