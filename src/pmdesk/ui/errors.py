"""What a person sees when pmdesk has a bug: a dialog with copyable details, and the app runs on.

Exceptions raised in slots would otherwise go to stderr and vanish (PITFALLS
QT-07). The hook logs the traceback to a file in the user's log folder and
shows a short plain-text message with the details one click away.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pmdesk.errors import UserError

log = logging.getLogger("pmdesk")


def log_path() -> Path:
    """Where the log lives, per platform; the bug dialog names it."""
    import platformdirs

    return Path(platformdirs.user_log_dir("pmdesk", appauthor=False)) / "pmdesk.log"


def setup_logging() -> Path:
    """Log to the user's log file, or to stderr when it cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def show_message(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A plain-text message box (never rich text: the text may quote user input)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)
        copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.addButton(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def ask_choice(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str,
    choices: Sequence[tuple[str, str, QMessageBox.ButtonRole]],
) -> str | None:
    """A plain-text question with named answers (plus Cancel); the chosen key, or None."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = [(box.addButton(label, role), key) for key, label, role in choices]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return next((key for button, key in buttons if button is clicked), None)


class _Relay(QObject):
    """Moves reports from any thread to the GUI thread."""

    report = Signal(str, str)


class ErrorReporter(QObject):
    """Installs sys.excepthook and threading.excepthook for the running app."""

    def __init__(self, parent_window: QWidget | None = None) -> None:
        super().__init__()
        self.window = parent_window
        self._relay = _Relay()
        self._relay.report.connect(self._on_relay_report, Qt.ConnectionType.QueuedConnection)
        self._previous = sys.excepthook
        self._previous_thread = threading.excepthook

    def install(self) -> None:
        """Route uncaught errors from any thread to a dialog; the app keeps running."""
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put back the previous hooks (both of them), e.g. at the end of a test."""
        sys.excepthook = self._previous
        threading.excepthook = self._previous_thread

    def _hook(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """Ctrl+C quits; a UserError is one sentence; anything else is logged as a bug."""
        if isinstance(value, KeyboardInterrupt):
            QApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        if isinstance(value, UserError):
            self._relay.report.emit(str(value), "")
            return
        log.error("unexpected error\n%s", details)
        self._relay.report.emit(f"Something went wrong inside pmdesk: {value}", details)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        """Errors in worker threads take the same path as the main thread's."""
        if args.exc_value is not None:
            self._hook(args.exc_type, args.exc_value, args.exc_traceback)

    def _on_relay_report(self, text: str, details: str) -> None:
        """Show the message on the GUI thread, after the failing call has unwound."""
        message = text
        if details:
            message += (
                "\n\nYour work is saved: every edit was committed to the library when you "
                f"made it. The details are in {log_path()}."
            )
        QTimer.singleShot(0, lambda: show_message(self.window, "pmdesk", message, details))
