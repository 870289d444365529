"""The main window: the library on the first tab, one tab per open review.

Every review tab owns a ``ReviewDocument`` and its undo stack; the library
tab has a stack of its own for creating and deleting reviews. A QUndoGroup
makes Edit › Undo/Redo and the history dock follow the current tab. Files can
be imported from the menu or by dropping them on the window.

Signals:
    review_opened(str): a review tab was opened (or brought to front).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QUndoCommand,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolButton,
    QUndoView,
    QWidget,
)

from pmdesk import __version__
from pmdesk.errors import AlreadyExists, UserError
from pmdesk.ui import settings as keys
from pmdesk.ui.errors import show_message
from pmdesk.ui.library_browser import LibraryBrowser
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.settings import Settings
from pmdesk.ui.theme import THEMES, apply_theme

# The library, the editor and the coach import SQLAlchemy and compile rules: they load
# after the window's first paint (start-up benchmark), so only their types come here.
if TYPE_CHECKING:
    from pmdesk.model import Review, ReviewKind
    from pmdesk.store import Library, ReviewExtras
    from pmdesk.ui.coach import CoachPanel, ReviewCoach
    from pmdesk.ui.document import ReviewDocument
    from pmdesk.ui.editor.review_editor import ReviewEditor
    from pmdesk.ui.follow_through import FollowThroughView

REVIEW_FILE_FILTER = "pmdesk reviews (*.pmreview *.json);;All files (*)"


def _is_review_file(path: Path) -> bool:
    """A .pmreview, or a JSON file that says it is one (a PagerDuty log is JSON too)."""
    if path.suffix.lower() == ".pmreview":
        return True
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b"pmdesk-review" in head


class CreateReviewCommand(QUndoCommand):
    """New review (or an import); undo deletes it, redo brings the same review back."""

    def __init__(self, window: MainWindow, label: str, review: Review) -> None:
        super().__init__(label)
        self._window = window
        self._review = review
        self._extras: ReviewExtras | None = None  # the library holds them the first time

    def redo(self) -> None:
        if self._extras is not None:
            library = self._window.library
            library.add_review(self._review, on_conflict="replace", extras=self._extras)
        self._window.refresh_library()

    def undo(self) -> None:
        self._window.close_review(self._review.id)
        self._extras = self._window.library.extras(self._review.id)
        self._review = self._window.library.delete_review(self._review.id)
        self._window.refresh_library()


class DeleteReviewCommand(QUndoCommand):
    """Delete a review; undo stores the full snapshot back under the same id.

    The snapshot includes the meeting data and the dismissed coach findings,
    which live beside the review rather than in it.
    """

    def __init__(self, window: MainWindow, review_id: str, title: str) -> None:
        super().__init__(f"Delete review '{title[:40]}'")
        self._window = window
        self._id = review_id
        self._snapshot: tuple[Review, ReviewExtras] | None = None

    def redo(self) -> None:
        self._window.close_review(self._id)
        extras = self._window.library.extras(self._id)
        self._snapshot = (self._window.library.delete_review(self._id), extras)
        self._window.refresh_library()

    def undo(self) -> None:
        if self._snapshot is not None:
            review, extras = self._snapshot
            self._window.library.add_review(review, on_conflict="replace", extras=extras)
            self._window.refresh_library()


class MainWindow(QMainWindow):
    """Library browser and review editors for one library.

    Given no library, the window paints first and opens the one at ``location``
    right after (``load_library``), so start-up feels instant.
    """

    review_opened = Signal(str)
    library_loaded = Signal()

    def __init__(
        self,
        library: Library | None,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        location: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self._library = library
        self._location = location
        self.settings = settings or Settings()
        self.setWindowTitle("pmdesk")
        self.setAcceptDrops(True)
        self.documents: dict[str, ReviewDocument] = {}
        self.editors: dict[str, ReviewEditor] = {}
        self.undo_group = QUndoGroup(self)
        self.library_stack = QUndoStack(self)
        self.undo_group.addStack(self.library_stack)
        self.undo_group.setActiveStack(self.library_stack)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("reviewTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self._on_tabs_close_requested)
        self.browser = LibraryBrowser()
        self.browser.open_requested.connect(self.open_review)
        self.browser.selection_changed.connect(self._update_actions)
        self.tabs.addTab(self.browser, "Library")
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        # The Open actions tab and the coach panel are built on first use (right after the
        # first paint, or at once when the library is given): their modules are not small.
        self._follow_through: FollowThroughView | None = None
        self._follow_placeholder = QWidget()
        self.tabs.addTab(self._follow_placeholder, "Open actions")
        self.tabs.setTabToolTip(1, "Open actions across every review, overdue first")
        self.tabs.tabBar().setTabButton(1, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)

        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.saved_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.saved_label)
        self.location_label = QLabel(
            f"Library: {library.location.display()}" if library else "Opening the library…"
        )
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.location_label)

        self.history = QUndoView(self.undo_group)
        self.history.setEmptyLabel("Opened")
        self.history.setAccessibleName("Undo history")
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()

        self.coaches: dict[str, ReviewCoach] = {}
        self._coach_panel: CoachPanel | None = None
        self.coach_dock = QDockWidget("Coach", self)
        self.coach_dock.setObjectName("coachDock")
        self.coach_dock.setWidget(QWidget())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.coach_dock)
        self._coach_wanted = True
        self._placing_coach = False

        self._build_actions()
        self._build_menus()
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh_library)
        self.refresh_library()
        self._restore_state()
        self._update_actions()
        self._load_after_paint = library is None
        self._features_installed = False
        if library is not None:
            self._install_features()
            self._build_panels()

    def _build_panels(self) -> None:
        """The coach panel and the Open actions tab (deferred past the first paint)."""
        _ = self.coach_panel, self.follow_through

    @property
    def coach_panel(self) -> CoachPanel:
        """The coach dock's panel, built on first use."""
        if self._coach_panel is None:
            from pmdesk.ui.coach import CoachPanel

            panel = CoachPanel()
            panel.jump_requested.connect(self._on_coach_panel_jump_requested)
            self._coach_panel = panel
            self.coach_dock.setWidget(panel)
        return self._coach_panel

    @property
    def follow_through(self) -> FollowThroughView:
        """The Open actions tab, built on first use in the placeholder's place."""
        if self._follow_through is None:
            from PySide6.QtCore import QSignalBlocker

            from pmdesk.ui.follow_through import FollowThroughView

            view = FollowThroughView(self.library_stack)
            self._follow_through = view
            view.open_review_requested.connect(self.open_review)
            view.changed.connect(self._schedule_library_refresh)
            if self._library is not None:
                view.set_library(self._library)
            index = self.tabs.indexOf(self._follow_placeholder)
            current = self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, view, "Open actions")
                self.tabs.setTabToolTip(index, "Open actions across every review, overdue first")
                bar = self.tabs.tabBar()
                bar.setTabButton(index, bar.ButtonPosition.RightSide, None)
                self.tabs.setCurrentIndex(current)
            self._follow_placeholder.deleteLater()
        return self._follow_through

    @property
    def library(self) -> Library:
        if self._library is None:
            raise UserError("the library is still opening; try again in a moment")
        return self._library

    def load_library(self) -> bool:
        """Open the library named at construction; a new one starts with the sample."""
        from pmdesk.app import open_user_library

        self._install_features()
        try:
            self._library = open_user_library(self._location)
        except UserError as exc:
            self.location_label.setText("No library")
            show_message(self, "pmdesk", f"The library cannot be opened: {exc}")
            return False
        self.location_label.setText(f"Library: {self._library.location.display()}")
        self._build_panels()
        self.follow_through.set_library(self._library)
        self.refresh_library()
        self._update_actions()
        self.library_loaded.emit()
        QTimer.singleShot(3000, self._back_up_library)
        return True

    def _install_features(self) -> None:
        """Menus of features that load more code (the meeting); added once, after first paint."""
        if self._features_installed:
            return
        self._features_installed = True
        from pmdesk.ui.meeting import install_meeting

        install_meeting(self)

    def _back_up_library(self) -> None:
        """The day's rolling snapshot of the library, taken once the user is settled in."""
        if self._library is None:
            return
        try:
            made = self._library.backup()
        except UserError as exc:
            self.statusBar().showMessage(f"Backup not made: {exc}", 15000)
            return
        if made is not None:
            self.statusBar().showMessage(f"Backed up the library to {made.parent}", 5000)

    # -- actions and menus -------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        name: str = "",
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if name:
            action.setObjectName(name)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(
            "&New review…",
            lambda: self.new_review(),
            std.New,
            "newReviewAction",
            "Start a full review",
        )
        self.new_short_action = self._action(
            "New &short review…",
            lambda: self.new_review(short=True),
            "Ctrl+Shift+N",
            "newShortReviewAction",
            "What happened, why, what we'll do: fifteen minutes",
        )
        self.open_action = self._action(
            "&Open selected review", self._open_selected, std.Open, "openReviewAction"
        )
        self.import_action = self._action(
            "&Import review file…", self.import_dialog, "Ctrl+I", "importAction"
        )
        self.import_chat_action = self._action(
            "Import &history into this review…",
            lambda: self.import_history_dialog(folder=False),
            "Ctrl+Shift+I",
            "importChatAction",
            "Slack export (zip), chat transcript, PagerDuty log or CSV: propose key moments",
        )
        self.import_chat_folder_action = self._action(
            "Import a Slack export &folder…",
            lambda: self.import_history_dialog(folder=True),
            None,
            "importChatFolderAction",
        )
        self.export_action = self._action(
            "&Export review file…", self.export_dialog, "Ctrl+E", "exportAction"
        )
        self.duplicate_action = self._action(
            "D&uplicate review", self.duplicate_selected, "Ctrl+D", "duplicateAction"
        )
        self.delete_action = self._action(
            "&Delete review…", self.delete_selected, "Ctrl+Shift+Delete", "deleteReviewAction"
        )
        self.switch_library_action = self._action(
            "Open another &library…",
            self._on_switch_library_triggered,
            None,
            "switchLibraryAction",
            "Work in another library file (or a team's PostgreSQL library)",
        )
        self.close_tab_action = self._action(
            "&Close review", self._close_current_tab, std.Close, "closeReviewAction"
        )
        self.library_tab_action = self._action(
            "Show &library", lambda: self.tabs.setCurrentIndex(0), "Ctrl+L", "showLibraryAction"
        )
        self.quit_action = self._action("&Quit", self.close, std.Quit, "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(std.Undo))
        self.undo_action.setObjectName("undoAction")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(std.Redo))
        self.redo_action.setObjectName("redoAction")
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.coach_action = self.coach_dock.toggleViewAction()
        self.coach_action.setText("&Coach")
        self.coach_action.setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.coach_action.triggered.connect(self._on_coach_action_triggered)
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &history")
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.about_action = self._action("&About pmdesk", self.show_about, None, "aboutAction")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.log_action = self._action("Open &log folder", self._open_log_folder)

        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        labels = {
            "system": "Follow system",
            "light": "Light",
            "dark": "Dark",
            "projector": "Projector (large, high contrast)",
        }
        for theme in THEMES:
            action = QAction(labels[theme], self, checkable=True)
            action.setObjectName(f"theme_{theme}")
            action.triggered.connect(lambda _checked=False, t=theme: self.set_theme(t))
            self.theme_group.addAction(action)
            self.theme_actions[theme] = action
        self.theme_actions.get(
            self.settings.get(keys.THEME), self.theme_actions["system"]
        ).setChecked(True)
        for action, text in (
            (self.new_action, "New"),
            (self.import_action, "Import"),
            (self.duplicate_action, "Duplicate"),
            (self.delete_action, "Delete"),
        ):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setText(text)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.browser.add_button(button)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        for action in (self.new_action, self.new_short_action, self.open_action):
            file_menu.addAction(action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        for action in (
            self.import_action,
            self.import_chat_action,
            self.import_chat_folder_action,
            self.export_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.duplicate_action, self.delete_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.switch_library_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.library_tab_action)
        view_menu.addAction(self.coach_action)
        theme_menu = view_menu.addMenu("&Theme")
        for action in self.theme_actions.values():
            theme_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.log_action)

    def _update_actions(self) -> None:
        loaded = self._library is not None
        on_library = self.tabs.currentWidget() is self.browser
        selected = loaded and (bool(self.browser.selected_ids()) if on_library else True)
        for action in (self.duplicate_action, self.delete_action, self.export_action):
            action.setEnabled(selected)
        for action in (self.new_action, self.new_short_action, self.import_action):
            action.setEnabled(loaded)
        self.open_action.setEnabled(on_library and selected)
        self.close_tab_action.setEnabled(self.current_editor() is not None)
        for action in (self.import_chat_action, self.import_chat_folder_action):
            action.setEnabled(self.current_editor() is not None)

    # -- library -------------------------------------------------------------------

    def switch_library(self, location: str) -> bool:
        """Close every review and work in the library at ``location`` (remembered)."""
        self._flush_editors()
        for review_id in list(self.documents):
            self.close_review(review_id)
        old, self._library, self._location = self._library, None, location
        self.library_stack.clear()
        if not self.load_library():
            self._library = old
            self._location = old.location.display() if old else None
            if old is not None:
                self.location_label.setText(f"Library: {old.location.display()}")
            self._update_actions()
            return False
        if old is not None:
            old.close()
        self.settings.set(keys.LIBRARY, location)
        return True

    def _on_switch_library_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self,
            "Open or create a library",
            "",
            "pmdesk libraries (*.pmdesk);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.switch_library(path)

    def refresh_library(self) -> None:
        if self._library is None:
            return
        try:
            self.browser.set_summaries(self.library.list_reviews())
            if self.tabs.currentWidget() is self.follow_through:
                self.follow_through.refresh()
        except UserError as exc:
            self.statusBar().showMessage(str(exc), 10000)

    def _schedule_library_refresh(self, *_args: object) -> None:
        self._refresh_timer.start()

    def current_editor(self) -> ReviewEditor | None:
        return self._editor_of(self.tabs.currentWidget())

    def _editor_of(self, widget: QWidget | None) -> ReviewEditor | None:
        return next((e for e in self.editors.values() if e is widget), None)

    def current_review_id(self) -> str | None:
        editor = self.current_editor()
        if editor is not None:
            return editor.document.review_id
        ids = self.browser.selected_ids()
        return ids[0] if ids else None

    def new_review(self, *, short: bool = False) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        from pmdesk.model import ReviewKind

        kind = ReviewKind.SHORT if short else ReviewKind.FULL
        title, ok = QInputDialog.getText(
            self,
            "New short review" if short else "New review",
            "Title (what happened, in a few words):",
        )
        if not ok or not title.strip():
            return None
        return self.create_review(title, kind)

    def create_review(self, title: str, kind: ReviewKind | None = None) -> str | None:
        """Create and open a review (undoable from the library tab); full unless told."""
        from pmdesk.model import ReviewKind

        try:
            review = self.library.create_review(title, kind or ReviewKind.FULL)
        except UserError as exc:
            show_message(self, "New review", str(exc))
            return None
        self.library_stack.push(CreateReviewCommand(self, "New review", review))
        self.open_review(review.id)
        return review.id

    def open_review(self, review_id: str) -> ReviewEditor | None:
        if review_id in self.editors:
            editor = self.editors[review_id]
            self.tabs.setCurrentWidget(editor)
            return editor
        from pmdesk.ui.coach import ReviewCoach
        from pmdesk.ui.document import ReviewDocument
        from pmdesk.ui.editor.review_editor import ReviewEditor

        try:
            document = ReviewDocument(self.library, review_id, self)
        except UserError as exc:
            show_message(self, "Open review", str(exc))
            self.settings.forget_review(review_id)
            return None
        coach = ReviewCoach(document)
        editor = ReviewEditor(document, coach=coach)
        self.coaches[review_id] = coach
        self.documents[review_id] = document
        self.editors[review_id] = editor
        self.undo_group.addStack(document.undo_stack)
        document.saved.connect(self._on_document_saved)
        document.changed.connect(self._schedule_library_refresh)
        document.changed.connect(lambda *_: self._retitle_tab(review_id))
        document.reloaded.connect(self._on_document_reloaded)
        document.failed.connect(self._on_document_failed)
        document.removed.connect(lambda: self._on_document_removed(review_id))
        index = self.tabs.addTab(editor, "")
        self.tabs.setCurrentIndex(index)
        self._retitle_tab(review_id)
        self.settings.remember_review(review_id)
        self.review_opened.emit(review_id)
        return editor

    def close_review(self, review_id: str) -> None:
        editor = self.editors.pop(review_id, None)
        document = self.documents.pop(review_id, None)
        coach = self.coaches.pop(review_id, None)
        if coach is not None and self.coach_panel._coach is coach:
            self.coach_panel.set_coach(None)
        if editor is not None:
            self._flush_editors(editor)
            self.tabs.removeTab(self.tabs.indexOf(editor))
            editor.deleteLater()
        if document is not None:
            document.close()
            self.undo_group.removeStack(document.undo_stack)
            document.deleteLater()

    def duplicate_selected(self) -> None:
        review_id = self.current_review_id()
        if review_id is None:
            return
        copy = self.library.duplicate_review(review_id)
        self.library_stack.push(CreateReviewCommand(self, "Duplicate review", copy))
        self.browser.select(copy.id)

    def delete_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        review_id = self.current_review_id()
        if review_id is None:
            return
        try:
            review = self.library.get_review(review_id)
        except UserError as exc:
            show_message(self, "Delete review", str(exc))
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Delete review")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"Delete '{review.title}'?")
        box.setInformativeText(
            f"{len(review.events)} events, {len(review.factors)} factors and "
            f"{len(review.actions)} actions go with it. You can undo this (Ctrl+Z on the "
            "Library tab)."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.delete_review(review_id)

    def delete_review(self, review_id: str) -> None:
        """Delete without asking (the confirmation is the caller's); undoable."""
        title = next((s.title for s in self.library.list_reviews() if s.id == review_id), "")
        self.library_stack.push(DeleteReviewCommand(self, review_id, title))
        self.tabs.setCurrentIndex(0)

    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(self, "Import review files", "", REVIEW_FILE_FILTER)
        for path in paths:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, ask: bool = True) -> str | None:
        """Import a .pmreview; if its id exists, ask whether to replace it or keep both."""
        from pmdesk.store.pmreview import read_review_file_with_extras

        try:
            review, extras = read_review_file_with_extras(path)
            stored = self.library.add_review(review, extras=extras)
        except AlreadyExists:
            choice = self._ask_replace(review.title) if ask else "copy"
            if choice is None:
                return None
            if choice == "replace":
                self.close_review(review.id)
            stored = self.library.add_review(review, on_conflict=choice, extras=extras)
        except UserError as exc:
            show_message(self, "Import review", f"{path.name}: {exc}")
            return None
        self.library_stack.push(CreateReviewCommand(self, f"Import '{stored.title[:40]}'", stored))
        self.statusBar().showMessage(f"Imported '{stored.title}'", 5000)
        self.open_review(stored.id)
        return stored.id

    def _ask_replace(self, title: str) -> Literal["replace", "copy"] | None:
        from PySide6.QtWidgets import QMessageBox

        from pmdesk.ui.errors import ask_choice

        role = QMessageBox.ButtonRole
        choice = ask_choice(
            self,
            "Import review",
            f"The library already has '{title}' with the same id.",
            "Replace it with the file's version, or keep both?",
            [("replace", "Replace", role.DestructiveRole), ("copy", "Keep both", role.AcceptRole)],
        )
        return "replace" if choice == "replace" else "copy" if choice == "copy" else None

    def import_history_dialog(self, *, folder: bool) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.current_editor() is None:
            return
        if folder:
            path = QFileDialog.getExistingDirectory(self, "Slack export folder")
        else:
            path, _ = QFileDialog.getOpenFileName(
                self,
                "Import history",
                "",
                "Exports (*.zip *.json *.txt *.log *.csv);;All files (*)",
            )
        if path:
            self.import_history(Path(path))

    def import_history(self, path: Path) -> None:
        """Open the import dialog for the current review on a chat, pager or CSV export."""
        from pmdesk.ui.import_dialog import ChatImportDialog

        editor = self.current_editor()
        if editor is None:
            show_message(self, "Import history", "Open the review the history belongs to first.")
            return
        dialog = ChatImportDialog(editor.document, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start_reading()

    def export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        review_id = self.current_review_id()
        if review_id is None:
            return
        review = self.library.get_review(review_id)
        suggested = "".join(c if c.isalnum() or c in "-_ " else "_" for c in review.title)
        path, _ = QFileDialog.getSaveFileName(
            self, "Export review file", f"{suggested.strip()[:60]}.pmreview", REVIEW_FILE_FILTER
        )
        if path:
            self.export_file(review_id, Path(path))

    def export_file(self, review_id: str, path: Path) -> bool:
        from pmdesk.store.pmreview import write_review_file

        try:
            review, extras = self.library.get_review(review_id), self.library.extras(review_id)
            write_review_file(review, path, extras)
        except UserError as exc:
            show_message(self, "Export review", str(exc))
            return False
        self.statusBar().showMessage(f"Exported to {path}", 5000)
        return True

    # -- slots ----------------------------------------------------------------------

    def _open_selected(self) -> None:
        for review_id in self.browser.selected_ids():
            self.open_review(review_id)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        titles = {s.id: s.title for s in self.library.list_reviews()}
        recent = [r for r in self.settings.get(keys.RECENT) if r in titles]
        if not recent:
            self.recent_menu.addAction("No recent reviews").setEnabled(False)
        for n, review_id in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{n % 10} {titles[review_id][:60]}")
            action.triggered.connect(lambda _c=False, r=review_id: self.open_review(r))

    def _place_coach(self) -> None:
        """The coach beside an open review if the user wants it; never beside the library."""
        on_review = self._editor_of(self.tabs.currentWidget()) is not None
        self._placing_coach = True
        self.coach_dock.setVisible(self._coach_wanted and on_review)
        self._placing_coach = False

    def _on_coach_action_triggered(self, checked: bool) -> None:
        self._coach_wanted = checked
        self.settings.set(keys.COACH, checked)
        if checked and self._editor_of(self.tabs.currentWidget()) is None:
            self.statusBar().showMessage("The coach shows beside an open review", 4000)
            self._place_coach()

    def _on_coach_dock_visibility_changed(self, visible: bool) -> None:
        # The dock's own close button is the user's choice too; our hiding is not.
        closed = not visible and not self._placing_coach and not self.coach_dock.isVisible()
        if closed and self.isVisible() and not self.isMinimized():
            self._coach_wanted = False
            self.settings.set(keys.COACH, False)

    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self._editor_of(self.tabs.widget(index))
        self._place_coach()
        if widget is not None:
            self.undo_group.setActiveStack(widget.document.undo_stack)
            self.setWindowTitle(f"{widget.document.review.title} — pmdesk")
            self.coach_panel.set_coach(widget.coach)
        else:
            self.undo_group.setActiveStack(self.library_stack)
            self.setWindowTitle("pmdesk")
            self.coach_panel.set_coach(None)
            if self.tabs.widget(index) is self.follow_through and self._library is not None:
                self.follow_through.refresh()
        self._update_actions()

    def _on_tabs_close_requested(self, index: int) -> None:
        widget = self._editor_of(self.tabs.widget(index))
        if widget is not None:
            self.close_review(widget.document.review_id)

    def _on_coach_panel_jump_requested(self, finding: object) -> None:
        from pmdesk.coach import Finding

        editor = self.current_editor()
        if editor is not None and isinstance(finding, Finding):
            editor.jump_to(finding)

    def _close_current_tab(self) -> None:
        if self.current_editor() is not None:
            self._on_tabs_close_requested(self.tabs.currentIndex())

    def _retitle_tab(self, review_id: str) -> None:
        editor = self.editors.get(review_id)
        if editor is None:
            return
        title = editor.document.review.title
        index = self.tabs.indexOf(editor)
        self.tabs.setTabText(index, title if len(title) <= 32 else title[:31] + "…")
        self.tabs.setTabToolTip(index, plain_tooltip(title))
        if self.tabs.currentWidget() is editor:
            self.setWindowTitle(f"{title} — pmdesk")

    def _on_document_saved(self, when: object) -> None:
        from datetime import datetime

        if isinstance(when, datetime):
            self.saved_label.setText(f"Saved {when.astimezone().strftime('%H:%M:%S')}")

    def _on_document_reloaded(self, why: str) -> None:
        self.statusBar().showMessage(why, 15000)

    def _on_document_failed(self, why: str) -> None:
        self.statusBar().showMessage(f"Not saved: {why}", 15000)

    def _on_document_removed(self, review_id: str) -> None:
        self.close_review(review_id)
        self.statusBar().showMessage("A review you had open was deleted elsewhere.", 15000)
        self.refresh_library()

    def set_theme(self, theme: str) -> None:
        self.settings.set(keys.THEME, theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            concrete = apply_theme(app, theme)
            for editor in self.editors.values():
                editor.set_theme(concrete)
        if theme in self.theme_actions:
            self.theme_actions[theme].setChecked(True)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setWindowTitle("About pmdesk")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"pmdesk {__version__}")
        where = self._library.location.display() if self._library else "not open"
        box.setInformativeText(
            "Blameless post-incident reviews: draft offline, run the meeting, publish reports "
            f"for every reader.\n\nLibrary: {where}"
        )
        box.exec()

    def _open_log_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from pmdesk.ui.errors import log_path

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path().parent)))

    # -- drag and drop, state -----------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._load_after_paint:
            # Open the library once the window is on screen: start-up feels instant.
            self._load_after_paint = False
            QTimer.singleShot(0, self.load_library)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                path = Path(url.toLocalFile())
                if _is_review_file(path):
                    self.import_file(path)
                else:
                    self.import_history(path)
        event.acceptProposedAction()

    def _restore_state(self) -> None:
        geometry = self.settings.get(keys.GEOMETRY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
            # The coach is a side panel: keep the review in front on a first start.
            self.resizeDocks([self.coach_dock], [240], Qt.Orientation.Horizontal)
            screen = QApplication.primaryScreen()
            if screen is not None:
                centre = screen.availableGeometry().center()
                self.move(centre - QPoint(640, 400))
        state = self.settings.get(keys.WINDOW_STATE)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._coach_wanted = self.settings.get(keys.COACH)
        self._place_coach()
        self.coach_dock.visibilityChanged.connect(self._on_coach_dock_visibility_changed)

    def _flush_editors(self, root: QWidget | None = None) -> None:
        """Commit any typing still waiting for its pause (closing never loses a keystroke)."""
        from pmdesk.ui.fields import FieldBinding

        for binding in (root or self).findChildren(FieldBinding):
            binding.commit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._flush_editors()
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.sync()
        for review_id in list(self.documents):
            self.close_review(review_id)
        super().closeEvent(event)
