"""The main window for a library, built the same way for the app, snapshots and tests."""

from __future__ import annotations

from pmdesk.store.sample import open_user_library
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings


def build_main_window(
    library: str | None = None, *, settings: Settings | None = None
) -> MainWindow:
    """The main window over ``library`` (the caller owns the QApplication).

    The library closes with the window, so a test or a snapshot leaks nothing.
    """
    window = MainWindow(open_user_library(library), settings)
    library_handle = window.library
    window.destroyed.connect(library_handle.close)
    return window
