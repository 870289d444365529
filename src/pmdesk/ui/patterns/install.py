"""Adding the Patterns tab to a main window the way the Open actions tab is: built on first use.

A placeholder holds the tab's place; the view (and its look across the library)
is made when the tab is first shown, so start-up costs nothing more.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QWidget

from pmdesk.errors import UserError
from pmdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.patterns.view import PatternsView

PATTERNS_TIP = "What the reviews have in common: recurring factors, services, layers, actions"


class PatternsTab:
    """The window's Patterns tab: a placeholder until first shown, then the view."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._view: PatternsView | None = None
        self._placeholder = QWidget()
        self._placeholder.setObjectName("patternsPlaceholder")
        tabs = window.tabs
        index = tabs.indexOf(window.browser) + 2  # after Library and Open actions
        index = tabs.insertTab(min(index, tabs.count()), self._placeholder, "Patterns")
        tabs.setTabToolTip(index, plain_tooltip(PATTERNS_TIP))
        tabs.tabBar().setTabButton(index, tabs.tabBar().ButtonPosition.RightSide, None)
        tabs.currentChanged.connect(self._on_current_changed)

    def _on_current_changed(self, index: int) -> None:
        if self.window.tabs.widget(index) is self._placeholder:
            _ = self.view

    @property
    def view(self) -> PatternsView:
        """The Patterns view, built (in the placeholder's place) on first use."""
        if self._view is None:
            from pmdesk.ui.patterns.view import PatternsView

            view = PatternsView()
            self._view = view
            view.open_review_requested.connect(self.window.open_review)
            tabs = self.window.tabs
            index = tabs.indexOf(self._placeholder)
            current = tabs.currentIndex()
            with QSignalBlocker(tabs):
                tabs.removeTab(index)
                tabs.insertTab(index, view, "Patterns")
                tabs.setTabToolTip(index, plain_tooltip(PATTERNS_TIP))
                tabs.tabBar().setTabButton(index, tabs.tabBar().ButtonPosition.RightSide, None)
                tabs.setCurrentIndex(current)
            self._placeholder.deleteLater()
            self.window.library_loaded.connect(self._on_library_loaded)
            self._on_library_loaded()
        return self._view

    def _on_library_loaded(self) -> None:
        """Look across the window's library, once it is open (and again when replaced)."""
        if self._view is None:
            return
        try:
            library = self.window.library
        except UserError:  # still opening: library_loaded comes later
            return
        self._view.set_library(library)


def install_patterns(window: MainWindow) -> PatternsTab:
    """Add the Patterns tab to ``window`` (which keeps it as ``window.patterns_tab``)."""
    return PatternsTab(window)
