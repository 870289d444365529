"""Library-level commands: new, duplicate, delete, import, export, recent, another library.

They act on the library as a whole rather than on one open review, so they
live here, with their undo commands, and the main window only puts their
QActions in menus and on the Library tab. Creating and deleting reviews are
undoable on the library tab's own stack.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QMenu, QToolButton

from pmdesk.errors import AlreadyExists, UserError
from pmdesk.ui import settings as keys
from pmdesk.ui.app_actions import make_action
from pmdesk.ui.errors import show_message

# The library and the ingest code are not small: they load when a command runs.
if TYPE_CHECKING:
    from pmdesk.model import Review, ReviewKind
    from pmdesk.store import ReviewExtras
    from pmdesk.ui.library_browser import LibraryBrowser
    from pmdesk.ui.main_window import MainWindow

REVIEW_FILE_FILTER = "pmdesk reviews (*.pmreview *.json);;All files (*)"
HISTORY_FILE_FILTER = "Exports (*.zip *.json *.txt *.log *.csv);;All files (*)"


def is_review_file(path: Path) -> bool:
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
        self._window.close_review(self._review.id, ask=False)
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
        self._window.close_review(self._id, ask=False)
        extras = self._window.library.extras(self._id)
        self._snapshot = (self._window.library.delete_review(self._id), extras)
        self._window.refresh_library()

    def undo(self) -> None:
        if self._snapshot is not None:
            review, extras = self._snapshot
            self._window.library.add_review(review, on_conflict="replace", extras=extras)
            self._window.refresh_library()


class LibraryActions(QObject):
    """The File menu's library commands for one main window (objectName ``libraryActions``)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("libraryActions")
        self.window = window
        std = QKeySequence.StandardKey
        self.open_action = make_action(
            window, "&Open selected review", self.open_selected, std.Open, "openReviewAction"
        )
        self.new_action = make_action(
            window,
            "&New review…",
            lambda: self.new_review(),
            std.New,
            "newReviewAction",
            "Start a full review",
        )
        self.new_short_action = make_action(
            window,
            "New &short review…",
            lambda: self.new_review(short=True),
            "Ctrl+Shift+N",
            "newShortReviewAction",
            "What happened, why, what we'll do: fifteen minutes",
        )
        self.import_action = make_action(
            window, "&Import review file…", self.import_dialog, "Ctrl+I", "importAction"
        )
        self.import_history_action = make_action(
            window,
            "Import &history into this review…",
            lambda: self.import_history_dialog(folder=False),
            "Ctrl+Shift+I",
            "importChatAction",
            "Slack export (zip), chat transcript, PagerDuty log or CSV: propose key moments",
        )
        self.import_folder_action = make_action(
            window,
            "Import a Slack export &folder…",
            lambda: self.import_history_dialog(folder=True),
            None,
            "importChatFolderAction",
        )
        self.export_action = make_action(
            window, "&Export review file…", self.export_dialog, "Ctrl+E", "exportAction"
        )
        self.duplicate_action = make_action(
            window, "D&uplicate review", self.duplicate_selected, "Ctrl+D", "duplicateAction"
        )
        self.delete_action = make_action(
            window,
            "&Delete review…",
            self.delete_selected,
            "Ctrl+Shift+Delete",
            "deleteReviewAction",
        )
        self.switch_action = make_action(
            window,
            "Open another &library…",
            self.switch_library_dialog,
            None,
            "switchLibraryAction",
            "Work in another library file (or a team's PostgreSQL library)",
        )
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def add_buttons(self, browser: LibraryBrowser) -> None:
        """New, Import, Duplicate and Delete on the Library tab, beside its heading."""
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
            browser.add_button(button)

    def update(self, *, loaded: bool, on_library: bool, selected: bool, on_review: bool) -> None:
        """Enable what makes sense for the current tab and selection."""
        self.open_action.setEnabled(on_library and selected)
        for action in (self.duplicate_action, self.delete_action, self.export_action):
            action.setEnabled(selected)
        for action in (self.new_action, self.new_short_action, self.import_action):
            action.setEnabled(loaded)
        for action in (self.import_history_action, self.import_folder_action):
            action.setEnabled(on_review)

    # -- reviews -------------------------------------------------------------------

    def open_selected(self) -> None:
        for review_id in self.window.browser.selected_ids():
            self.window.open_review(review_id)

    def new_review(self, *, short: bool = False) -> str | None:
        from PySide6.QtWidgets import QInputDialog

        from pmdesk.model import ReviewKind

        kind = ReviewKind.SHORT if short else ReviewKind.FULL
        title, ok = QInputDialog.getText(
            self.window,
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
            review = self.window.library.create_review(title, kind or ReviewKind.FULL)
        except UserError as exc:
            show_message(self.window, "New review", str(exc))
            return None
        self.window.library_stack.push(CreateReviewCommand(self.window, "New review", review))
        self.window.open_review(review.id)
        return review.id

    def duplicate_selected(self) -> None:
        review_id = self.window.current_review_id()
        if review_id is None:
            return
        copy = self.window.library.duplicate_review(review_id)
        self.window.library_stack.push(CreateReviewCommand(self.window, "Duplicate review", copy))
        self.window.browser.select(copy.id)

    def delete_selected(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        review_id = self.window.current_review_id()
        if review_id is None:
            return
        try:
            review = self.window.library.get_review(review_id)
        except UserError as exc:
            show_message(self.window, "Delete review", str(exc))
            return
        box = QMessageBox(self.window)
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

    def delete_review(self, review_id: str) -> bool:
        """Delete without asking about the review (the caller did); undoable.

        A meeting running on it is the facilitator's to end: if they cancel,
        nothing is deleted.
        """
        if not self.window.close_review(review_id):
            return False
        title = next((s.title for s in self.window.library.list_reviews() if s.id == review_id), "")
        self.window.library_stack.push(DeleteReviewCommand(self.window, review_id, title))
        self.window.tabs.setCurrentIndex(0)
        return True

    # -- files ----------------------------------------------------------------------

    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        paths, _ = QFileDialog.getOpenFileNames(
            self.window, "Import review files", "", REVIEW_FILE_FILTER
        )
        for path in paths:
            self.import_file(Path(path))

    def import_file(self, path: Path, *, ask: bool = True) -> str | None:
        """Import a .pmreview; if its id exists, ask whether to replace it or keep both."""
        from pmdesk.store.pmreview import read_review_file_with_extras

        library = self.window.library
        try:
            review, extras = read_review_file_with_extras(path)
            stored = library.add_review(review, extras=extras)
        except AlreadyExists:
            choice = self._ask_replace(review.title) if ask else "copy"
            if choice is None:
                return None
            if choice == "replace" and not self.window.close_review(review.id):
                return None
            stored = library.add_review(review, on_conflict=choice, extras=extras)
        except UserError as exc:
            show_message(self.window, "Import review", f"{path.name}: {exc}")
            return None
        label = f"Import '{stored.title[:40]}'"
        self.window.library_stack.push(CreateReviewCommand(self.window, label, stored))
        self.window.statusBar().showMessage(f"Imported '{stored.title}'", 5000)
        self.window.open_review(stored.id)
        return stored.id

    def _ask_replace(self, title: str) -> Literal["replace", "copy"] | None:
        from PySide6.QtWidgets import QMessageBox

        from pmdesk.ui.errors import ask_choice

        role = QMessageBox.ButtonRole
        choice = ask_choice(
            self.window,
            "Import review",
            f"The library already has '{title}' with the same id.",
            "Replace it with the file's version, or keep both?",
            [("replace", "Replace", role.DestructiveRole), ("copy", "Keep both", role.AcceptRole)],
        )
        return "replace" if choice == "replace" else "copy" if choice == "copy" else None

    def import_history_dialog(self, *, folder: bool) -> None:
        from PySide6.QtWidgets import QFileDialog

        if self.window.current_workspace() is None:
            return
        if folder:
            path = QFileDialog.getExistingDirectory(self.window, "Slack export folder")
        else:
            path, _ = QFileDialog.getOpenFileName(
                self.window, "Import history", "", HISTORY_FILE_FILTER
            )
        if path:
            self.import_history(Path(path))

    def import_history(self, path: Path) -> None:
        """Open the import dialog for the current review on a chat, pager or CSV export."""
        from pmdesk.ui.import_dialog import ChatImportDialog

        workspace = self.window.current_workspace()
        if workspace is None:
            show_message(
                self.window, "Import history", "Open the review the history belongs to first."
            )
            return
        dialog = ChatImportDialog(workspace.document, path, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        dialog.start_reading()

    def import_dropped(self, path: Path) -> None:
        """A file dropped on the window: a review file is imported, anything else is history."""
        if is_review_file(path):
            self.import_file(path)
        else:
            self.import_history(path)

    def export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        review_id = self.window.current_review_id()
        if review_id is None:
            return
        review = self.window.library.get_review(review_id)
        suggested = "".join(c if c.isalnum() or c in "-_ " else "_" for c in review.title)
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Export review file",
            f"{suggested.strip()[:60]}.pmreview",
            REVIEW_FILE_FILTER,
        )
        if path:
            self.export_file(review_id, Path(path))

    def export_file(self, review_id: str, path: Path) -> bool:
        from pmdesk.store.pmreview import write_review_file

        library = self.window.library
        try:
            write_review_file(library.get_review(review_id), path, library.extras(review_id))
        except UserError as exc:
            show_message(self.window, "Export review", str(exc))
            return False
        self.window.statusBar().showMessage(f"Exported to {path}", 5000)
        return True

    # -- libraries and recent reviews -----------------------------------------------------

    def back_up(self) -> None:
        """The day's rolling snapshot of the library, taken once the user is settled in."""
        try:
            made = self.window.library.backup()
        except UserError as exc:
            self.window.statusBar().showMessage(f"Backup not made: {exc}", 15000)
            return
        if made is not None:
            self.window.statusBar().showMessage(f"Backed up the library to {made.parent}", 5000)

    def switch_library_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(
            self.window,
            "Open or create a library",
            "",
            "pmdesk libraries (*.pmdesk);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.switch_library(path)

    def switch_library(self, location: str) -> bool:
        """Close every review and work in the library at ``location`` (remembered)."""
        if not self.window.close_all_reviews():
            return False
        if not self.window.replace_library(location):
            return False
        self.window.settings.set(keys.LIBRARY, location)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        titles = {s.id: s.title for s in self.window.library.list_reviews()}
        recent = [r for r in self.window.settings.get(keys.RECENT) if r in titles]
        if not recent:
            self.recent_menu.addAction("No recent reviews").setEnabled(False)
        for n, review_id in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{n % 10} {titles[review_id][:60]}")
            action.triggered.connect(lambda _c=False, r=review_id: self.window.open_review(r))
