"""The main window: the library on the first tab, one tab per open review.

Each open review is a ``ReviewWorkspace`` (its document and undo stack, editor,
coach, meeting console and presenter); the window only assembles their tabs,
docks and menus. The library tab has an undo stack of its own for creating and
deleting reviews, whose commands live in ``library_actions``. A QUndoGroup
makes Edit › Undo/Redo and the history dock follow the current tab.

Start-up paints first, lists the library's reviews from a quick read-only look
(``pmdesk.store.peek``), and only then opens the full library.

Signals:
    review_opened(str): a review tab was opened (or brought to front).
    library_listed(): the Library tab shows the library's reviews (start-up benchmark).
    library_loaded(): the library is open; every command works.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPaintEvent,
    QUndoGroup,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QUndoView,
    QWidget,
)

from pmdesk.errors import UserError
from pmdesk.ui import settings as keys
from pmdesk.ui.app_actions import AppActions, make_action
from pmdesk.ui.coach_dock import CoachDock
from pmdesk.ui.errors import show_message
from pmdesk.ui.library_actions import LibraryActions
from pmdesk.ui.library_browser import LibraryBrowser
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.settings import Settings

# The library, the editor and the coach import SQLAlchemy and compile rules: they load
# after the window's first paint (start-up benchmark), so only their types come here.
if TYPE_CHECKING:
    from pmdesk.store import Library
    from pmdesk.ui.coach import CoachPanel
    from pmdesk.ui.document import ReviewDocument
    from pmdesk.ui.editor.review_editor import ReviewEditor
    from pmdesk.ui.follow_through import FollowThroughView
    from pmdesk.ui.patterns.install import PatternsTab
    from pmdesk.ui.workspace import ReviewWorkspace

OPEN_ACTIONS_TIP = "Open actions across every review, overdue first"


class MainWindow(QMainWindow):
    """Library browser and review workspaces for one library.

    Given no library, the window paints first and opens the one at ``location``
    right after (``load_library``), so start-up feels instant.
    """

    review_opened = Signal(str)
    library_listed = Signal()
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
        self.workspaces: dict[str, ReviewWorkspace] = {}
        #: Asks the facilitator to end a running meeting before its review closes (tests swap it).
        self.ask_end_meeting: Callable[[QWidget | None, str], bool] | None = None
        self._pending_open: str | None = None
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
        self._pin_tab(0)
        # The Open actions tab and the coach panel are built on first use (right after the
        # first paint, or at once when the library is given): their modules are not small.
        self._follow_through: FollowThroughView | None = None
        self._follow_placeholder = QWidget()
        self.tabs.addTab(self._follow_placeholder, "Open actions")
        self.tabs.setTabToolTip(1, OPEN_ACTIONS_TIP)
        self._pin_tab(1)
        self.setCentralWidget(self.tabs)

        self.saved_label = self._status_label("savedLabel")
        where = f"Library: {library.location.display()}" if library else "Opening the library…"
        self.location_label = self._status_label("locationLabel", where)

        self.history = QUndoView(self.undo_group)
        self.history.setEmptyLabel("Opened")
        self.history.setAccessibleName("Undo history")
        self.history_dock = self._dock("History", "historyDock", self.history)
        self.history_dock.hide()
        self.coach_dock = CoachDock(self.settings, self)
        self.coach_dock.jump_requested.connect(self._on_coach_dock_jump_requested)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.coach_dock)

        self.library_actions = LibraryActions(self)
        self.library_actions.add_buttons(self.browser)
        self.app_actions = AppActions(self, self.settings, self._library_shown)
        self.app_actions.theme_applied.connect(self._on_app_actions_theme_applied)
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
        self.patterns_tab: PatternsTab | None = None
        if library is not None:
            self._install_features()
            self._build_panels()

    def _pin_tab(self, index: int) -> None:
        """The Library and Open actions tabs have no close button."""
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide, None)

    def _status_label(self, name: str, text: str = "") -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(label)
        return label

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _build_panels(self) -> None:
        """The coach panel and the Open actions tab (deferred past the first paint)."""
        _ = self.coach_dock.panel, self.follow_through

    @property
    def coach_panel(self) -> CoachPanel:
        """The coach dock's panel (built on first use)."""
        return self.coach_dock.panel

    @property
    def follow_through(self) -> FollowThroughView:
        """The Open actions tab, built on first use in the placeholder's place."""
        if self._follow_through is None:
            from pmdesk.ui.follow_through import FollowThroughView

            view = FollowThroughView(self.library_stack, self._document_of)
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
                self.tabs.setTabToolTip(index, OPEN_ACTIONS_TIP)
                self._pin_tab(index)
                self.tabs.setCurrentIndex(current)
            self._follow_placeholder.deleteLater()
        return self._follow_through

    @property
    def library(self) -> Library:
        if self._library is None:
            raise UserError("the library is still opening; try again in a moment")
        return self._library

    # -- opening the library -------------------------------------------------------------

    def _list_quickly(self) -> None:
        """List the reviews from a read-only look at the file, then open the library."""
        from pmdesk.store.peek import peek_summaries

        summaries = peek_summaries(self._location)
        if summaries is not None:
            self.browser.set_summaries(summaries)
            self.browser.view.viewport().repaint()  # on screen now, before the library opens
            self.library_listed.emit()
        QTimer.singleShot(0, self.load_library)

    def load_library(self) -> bool:
        """Open the library named at construction; a new one starts with the sample."""
        from pmdesk.store.sample import open_user_library

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
        self.library_listed.emit()
        self.library_loaded.emit()
        if self._pending_open is not None:
            self.open_review(self._pending_open)
        QTimer.singleShot(3000, self.library_actions.back_up)
        return True

    def replace_library(self, location: str) -> bool:
        """Work in the library at ``location``; on failure the old one stays (reviews closed)."""
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
        return True

    def _install_features(self) -> None:
        """Features that load more code (the meeting, Patterns); added once, after first paint."""
        if self._features_installed:
            return
        self._features_installed = True
        from pmdesk.ui.meeting import install_meeting
        from pmdesk.ui.patterns import install_patterns

        install_meeting(self)
        self.patterns_tab = install_patterns(self)

    # -- actions and menus -------------------------------------------------------

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.close_tab_action = make_action(
            self, "&Close review", self._close_current_tab, std.Close, "closeReviewAction"
        )
        self.library_tab_action = make_action(
            self, "Show &library", self.show_library, "Ctrl+L", "showLibraryAction"
        )
        self.quit_action = make_action(self, "&Quit", self.close, std.Quit, "quitAction")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(std.Undo))
        self.undo_action.setObjectName("undoAction")
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(std.Redo))
        self.redo_action.setObjectName("redoAction")
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.coach_action = self.coach_dock.action
        self.history_action = self.history_dock.toggleViewAction()
        self.history_action.setText("Undo &history")
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        commands = self.library_actions
        groups: list[tuple[QAction, ...]] = [
            (commands.new_action, commands.new_short_action, commands.open_action),
            (
                commands.import_action,
                commands.import_history_action,
                commands.import_folder_action,
                commands.export_action,
            ),
            (commands.duplicate_action, commands.delete_action),
            (commands.switch_action,),
            (self.close_tab_action, self.quit_action),
        ]
        file_menu = bar.addMenu("&File")
        for n, group in enumerate(groups):
            if n:
                file_menu.addSeparator()
            file_menu.addActions(list(group))
            if n == 0:
                file_menu.addMenu(commands.recent_menu)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.history_action)
        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.library_tab_action, self.coach_action])
        view_menu.addMenu("&Theme").addActions(list(self.app_actions.theme_actions.values()))
        view_menu.addMenu("&Zoom").addActions(self.app_actions.zoom_actions)
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.app_actions.about_action, self.app_actions.log_action])

    def _update_actions(self) -> None:
        loaded = self._library is not None
        on_library = self.tabs.currentWidget() is self.browser
        selected = loaded and (bool(self.browser.selected_ids()) if on_library else True)
        on_review = self.current_workspace() is not None
        self.library_actions.update(
            loaded=loaded, on_library=on_library, selected=selected, on_review=on_review
        )
        self.close_tab_action.setEnabled(on_review)

    # -- the library tab -------------------------------------------------------------

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

    # -- review workspaces -----------------------------------------------------------

    def current_workspace(self) -> ReviewWorkspace | None:
        return self._workspace_of(self.tabs.currentWidget())

    def current_editor(self) -> ReviewEditor | None:
        workspace = self.current_workspace()
        return workspace.editor if workspace is not None else None

    def _workspace_of(self, widget: QWidget | None) -> ReviewWorkspace | None:
        return next((w for w in self.workspaces.values() if w.editor is widget), None)

    def _document_of(self, review_id: str) -> ReviewDocument | None:
        """The open review's document, for writes made from outside its tab (Open actions)."""
        workspace = self.workspaces.get(review_id)
        return workspace.document if workspace is not None else None

    def current_review_id(self) -> str | None:
        workspace = self.current_workspace()
        if workspace is not None:
            return workspace.review_id
        ids = self.browser.selected_ids()
        return ids[0] if ids else None

    def open_review(self, review_id: str) -> ReviewEditor | None:
        """Show the review's tab, opening its workspace the first time."""
        if review_id in self.workspaces:
            editor = self.workspaces[review_id].editor
            self.tabs.setCurrentWidget(editor)
            return editor
        if self._library is None:  # listed from the quick look; open once the library is
            self._pending_open = review_id
            self.statusBar().showMessage("Opening the library…", 3000)
            return None
        from pmdesk.ui.workspace import ReviewWorkspace

        try:
            workspace = ReviewWorkspace.open(self._library, review_id, self, self._ask_end)
        except UserError as exc:
            show_message(self, "Open review", str(exc))
            self.settings.forget_review(review_id)
            return None
        self.workspaces[review_id] = workspace
        document = workspace.document
        self.undo_group.addStack(document.undo_stack)
        document.saved.connect(self._on_document_saved)
        document.changed.connect(self._schedule_library_refresh)
        document.changed.connect(lambda *_: self._retitle_tab(review_id))
        document.reloaded.connect(self._on_document_reloaded)
        document.failed.connect(self._on_document_failed)
        workspace.closed.connect(self._on_workspace_closed)
        workspace.editor.open_review_requested.connect(self.open_review)
        workspace.removed.connect(self._on_workspace_removed)
        self.tabs.setCurrentIndex(self.tabs.addTab(workspace.editor, ""))
        self._retitle_tab(review_id)
        self.settings.remember_review(review_id)
        self.review_opened.emit(review_id)
        return workspace.editor

    def close_review(self, review_id: str, *, ask: bool = True) -> bool:
        """Close the review and all its windows; False if the facilitator keeps its meeting."""
        workspace = self.workspaces.get(review_id)
        return workspace is None or workspace.close(ask=ask)

    def close_all_reviews(self) -> bool:
        """Close every open review; stops (False) at the first meeting the facilitator keeps."""
        return all(w.close() for w in list(self.workspaces.values()))

    def _ask_end(self, question: str) -> bool:
        if self.ask_end_meeting is None:
            from pmdesk.ui.workspace import ask_end_meeting

            return ask_end_meeting(self, question)
        return self.ask_end_meeting(self, question)

    def _on_workspace_closed(self, review_id: str) -> None:
        workspace = self.workspaces.pop(review_id, None)
        if workspace is None:
            return
        self.coach_dock.forget(workspace.coach)
        self.undo_group.removeStack(workspace.document.undo_stack)
        self.tabs.removeTab(self.tabs.indexOf(workspace.editor))

    def _on_workspace_removed(self, _review_id: str) -> None:
        self.statusBar().showMessage("A review you had open was deleted elsewhere.", 15000)
        self._schedule_library_refresh()

    def _retitle_tab(self, review_id: str) -> None:
        workspace = self.workspaces.get(review_id)
        if workspace is None:
            return
        title = workspace.document.review.title
        index = self.tabs.indexOf(workspace.editor)
        self.tabs.setTabText(index, title if len(title) <= 32 else title[:31] + "…")
        self.tabs.setTabToolTip(index, plain_tooltip(title))
        if self.tabs.currentWidget() is workspace.editor:
            self.setWindowTitle(f"{title} — pmdesk")

    def _on_app_actions_theme_applied(self, theme: str) -> None:
        for workspace in self.workspaces.values():
            workspace.editor.set_theme(theme)

    def _library_shown(self) -> str:
        return self._library.location.display() if self._library else "not open"

    def show_library(self) -> None:
        self.tabs.setCurrentIndex(0)

    def _on_document_saved(self, when: object) -> None:
        from datetime import datetime

        if isinstance(when, datetime):
            self.saved_label.setText(f"Saved {when.astimezone().strftime('%H:%M:%S')}")

    def _on_document_reloaded(self, why: str) -> None:
        self.statusBar().showMessage(why, 15000)

    def _on_document_failed(self, why: str) -> None:
        self.statusBar().showMessage(f"Not saved: {why}", 15000)

    # -- tabs and the coach -----------------------------------------------------------

    def _on_tabs_current_changed(self, index: int) -> None:
        workspace = self._workspace_of(self.tabs.widget(index))
        self.coach_dock.place(on_review=workspace is not None)
        self.coach_dock.show_coach(workspace.coach if workspace is not None else None)
        if workspace is not None:
            self.undo_group.setActiveStack(workspace.document.undo_stack)
            self.setWindowTitle(f"{workspace.document.review.title} — pmdesk")
        else:
            self.undo_group.setActiveStack(self.library_stack)
            self.setWindowTitle("pmdesk")
            if self.tabs.widget(index) is self.follow_through and self._library is not None:
                self.follow_through.refresh()
        self._update_actions()

    def _on_tabs_close_requested(self, index: int) -> None:
        workspace = self._workspace_of(self.tabs.widget(index))
        if workspace is not None:
            workspace.close()

    def _close_current_tab(self) -> None:
        self._on_tabs_close_requested(self.tabs.currentIndex())

    def _on_coach_dock_jump_requested(self, finding: object) -> None:
        from pmdesk.coach import Finding

        workspace = self.current_workspace()
        if workspace is not None and isinstance(finding, Finding):
            workspace.editor.jump_to(finding)

    # -- painting, drag and drop, state -----------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._load_after_paint:
            # List and open the library once the window is on screen: start-up feels instant.
            self._load_after_paint = False
            QTimer.singleShot(0, self._list_quickly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.library_actions.import_dropped(Path(url.toLocalFile()))
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
        self.coach_dock.restore()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.close_all_reviews():  # the facilitator kept a meeting running
            event.ignore()
            return
        self.settings.set(keys.GEOMETRY, self.saveGeometry())
        self.settings.set(keys.WINDOW_STATE, self.saveState())
        self.settings.sync()
        super().closeEvent(event)
