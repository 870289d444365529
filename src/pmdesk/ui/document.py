"""One open review in the GUI: the bridge between widgets and the library.

Widgets never open a database session. They read ``document.review`` (a
frozen snapshot) and change it by pushing undo commands, which call back into
the small write methods here. Each write passes the version the document last
saw, so an edit made elsewhere is never overwritten: the document reloads and
says so instead.

Signals:
    changed(object): a ``Change`` after every successful write or reload.
    saved(object): the aware UTC datetime of the last committed write.
    reloaded(str): the review was reloaded because it changed elsewhere; the text says why.
    failed(str): a write was refused (bad input, library unavailable); nothing changed.
    removed(): the review no longer exists in the library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pmdesk.errors import ConflictError, NotFound, UserError
from pmdesk.model import Change, Item, Part, Review
from pmdesk.store import Library, Removal

#: How often an open review looks for changes made by another window or laptop.
POLL_MS = 2000


class ReviewDocument(QObject):
    """The open review, its undo stack, and its link to the library."""

    changed = Signal(object)
    saved = Signal(object)
    reloaded = Signal(str)
    failed = Signal(str)
    removed = Signal()

    def __init__(self, library: Library, review_id: str, parent: QObject | None = None) -> None:
        """Load the review and poll its version, so edits from elsewhere show up."""
        super().__init__(parent)
        self.library = library
        self.review: Review = library.get_review(review_id)
        self.undo_stack = QUndoStack(self)
        self.last_saved: datetime | None = self.review.updated_at
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll_timeout)
        self._poll.start()

    @property
    def review_id(self) -> str:
        return self.review.id

    @property
    def version(self) -> int:
        """The version the next write expects; a mismatch means someone else wrote first."""
        return self.review.version

    # -- writes used by undo commands -----------------------------------------

    def write_review(self, **fields: Any) -> bool:
        """Change review fields, guarded by the version; False if refused."""
        return self._write(
            lambda: self.library.update_review(
                self.review_id, expected_version=self.version, **fields
            )
        )

    def write_item(self, item: Item, index: int | None = None) -> bool:
        """Store one item, guarded by the version; False if refused."""
        return self._write(
            lambda: self.library.put_item(
                self.review_id, item, index=index, expected_version=self.version
            )
        )

    def write_removal(self, part: Part, item_id: str) -> Removal | None:
        """Remove an item; the Removal holds what went with it, for undo."""
        result: list[Removal] = []

        def call() -> Change:
            removal = self.library.remove_item(
                self.review_id, part, item_id, expected_version=self.version
            )
            result.append(removal)
            return removal.change

        return result[0] if self._write(call) else None

    def write_restore(self, removal: Removal) -> bool:
        """Bring back what a removal took; False if refused."""
        return self._write(lambda: self.library.restore(removal, expected_version=self.version))

    def write_move(self, part: Part, item_id: str, index: int) -> bool:
        """Move an item within its list; False if refused."""
        return self._write(
            lambda: self.library.move_item(
                self.review_id, part, item_id, index, expected_version=self.version
            )
        )

    def write_edit(
        self,
        puts: Sequence[Item] = (),
        removals: Sequence[tuple[Part, str]] = (),
        at: Mapping[str, int] | None = None,
    ) -> Removal | None:
        """One gesture over many items: one commit, one ``changed`` naming them all.

        None when the library refused it; then nothing of it was applied.
        """
        result: list[Removal] = []

        def call() -> Change:
            removal = self.library.edit(
                self.review_id,
                puts=puts,
                removals=removals,
                at=at,
                expected_version=self.version,
            )
            result.append(removal)
            return removal.change

        return result[0] if self._write(call) else None

    def write_dismissed(self, key: str, dismissed: bool) -> bool:
        """Dismiss (or bring back) a coach finding or board nudge for this review."""
        return self._write(
            lambda: self.library.set_dismissed(
                self.review_id, key, dismissed, expected_version=self.version
            )
        )

    def write_meeting(self, data: dict[str, Any] | None) -> bool:
        """Store the meeting's agenda and record (plain JSON)."""
        return self._write(
            lambda: self.library.set_meeting(self.review_id, data, expected_version=self.version)
        )

    def _write(self, call: Any) -> bool:
        """One library write: on success reload and announce; a conflict reloads and says why."""
        try:
            change: Change = call()
        except ConflictError:
            self.reload(
                "This review was changed in another window or on another computer; "
                "pmdesk reloaded it. Your last edit was not applied."
            )
            return False
        except NotFound as exc:
            self.failed.emit(str(exc))
            self._reload_quietly()
            return False
        except UserError as exc:
            self.failed.emit(str(exc))
            return False
        self.review = self.library.get_review(self.review_id)
        self.last_saved = datetime.now(UTC)
        self.changed.emit(change)
        self.saved.emit(self.last_saved)
        return True

    # -- reloading ---------------------------------------------------------------

    def reload(self, why: str) -> None:
        """Take the library's state; the undo history no longer applies to it."""
        if not self._reload_quietly():
            return
        self.undo_stack.clear()
        self.reloaded.emit(why)

    def _reload_quietly(self) -> bool:
        """Reload after a write hit a missing item; a review gone entirely is announced."""
        try:
            self.review = self.library.get_review(self.review_id)
        except NotFound:
            self._poll.stop()
            self.removed.emit()
            return False
        self.changed.emit(Change(self.review_id, frozenset(Part), self.review.version))
        return True

    def _on_poll_timeout(self) -> None:
        """Notice edits from another window or computer, and a deleted review."""
        try:
            current = self.library.version_of(self.review_id)
        except NotFound:
            self._poll.stop()
            self.removed.emit()
            return
        except UserError:
            return  # a busy or unreachable library is retried on the next tick
        if current != self.version:
            self.reload("This review was changed elsewhere; pmdesk loaded the new version.")

    def close(self) -> None:
        """Stop polling: a closed review must not reload behind the user's back."""
        self._poll.stop()
