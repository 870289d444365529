"""The GUI entry point: ``run`` starts the app (``pmdesk.ui.startup`` builds its window)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def run(library: str | None = None, open_file: Path | None = None) -> int:
    """Start the app; returns the exit status."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    from pmdesk import __version__
    from pmdesk.resources import resource
    from pmdesk.ui import settings as keys
    from pmdesk.ui.errors import ErrorReporter, setup_logging
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.settings import Settings
    from pmdesk.ui.theme import apply_theme, zoom_percent

    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QCoreApplication.setOrganizationName("pmdesk")
    QCoreApplication.setApplicationName("pmdesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setDesktopFileName("pmdesk")
    icon = resource("icons", "pmdesk.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    setup_logging()
    reporter = ErrorReporter()
    reporter.install()
    settings = Settings()
    apply_theme(app, settings.get(keys.THEME), zoom=zoom_percent(settings.get(keys.ZOOM)))
    # The window paints first; the library (SQLAlchemy, migrations) opens right after.
    window = MainWindow(None, settings, location=library or settings.get(keys.LIBRARY) or None)
    reporter.window = window

    def _on_window_library_loaded() -> None:
        if window.library.created:
            _open_first(window)
        if open_file is not None:
            window.library_actions.import_file(Path(open_file))

    window.library_loaded.connect(_on_window_library_loaded)
    window.show()
    code = app.exec()
    _release_clipboard(app)
    if window._library is not None:
        window._library.close()
    reporter.uninstall()
    return int(code)


def _release_clipboard(app: object) -> None:
    """Drop pmdesk's own clipboard data before Qt shuts down.

    Mime data we put on the clipboard would otherwise be destroyed after its
    Python wrapper at exit, which crashes PySide6 6.11 on the way out.
    """
    from PySide6.QtWidgets import QApplication

    if not isinstance(app, QApplication):
        return
    clipboard = app.clipboard()
    data = clipboard.mimeData() if clipboard is not None else None
    if data is not None and any(f.startswith("application/x-pmdesk") for f in data.formats()):
        clipboard.clear()


def _open_first(window: object) -> None:
    from pmdesk.ui.main_window import MainWindow

    if isinstance(window, MainWindow):
        summaries = window.library.list_reviews()
        if summaries:
            window.open_review(summaries[0].id)
