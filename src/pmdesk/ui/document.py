"""One open review in the GUI: the bridge between widgets and the library.

Widgets never open a database session. They read ``document.review`` (a
frozen snapshot) and change it by pushing undo commands, which call back into
the small write methods here. Each write passes the version the document last
saw, so an edit made elsewhere is never overwritten.

Edits made elsewhere (another window, another laptop, ``pmdesk capture``) are
taken from the library's change log within a second: the library's change feed
is looked at every ``POLL_MS`` (SQLite ``data_version``, PostgreSQL NOTIFY), and
when the others' changes touch none of the items this document's undo history
holds, they are applied without a reload and the undo history is kept. Only
when both changed the same item (or the same review fields) does the document
reload, wipe the undo history and say so in one line.

Signals:
    changed(object): a ``Change`` after every successful write, change from
        elsewhere or reload.
    saved(object): the aware UTC datetime of the last committed write.
    reloaded(str): the review was reloaded because it changed elsewhere; the text says why.
    failed(str): a write was refused (bad input, library unavailable); nothing changed.
    removed(): the review no longer exists in the library.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pmdesk.errors import ConflictError, NotFound, UserError
from pmdesk.model import Change, Item, Part, Review
from pmdesk.store import Library, Removal
from pmdesk.store.changes import combined
from pmdesk.store.library import _clean_item as stored_form
from pmdesk.store.library import after_removal, review_fields_as_stored

#: How often an open review asks the change feed about edits from elsewhere (a cheap check).
POLL_MS = 300
#: Every this many ticks the change log is read even when the feed said nothing (a safety net).
CHECK_EVERY = 7
#: What the user reads when another person changed what they had changed too.
CHANGED_ELSEWHERE = "This review was changed elsewhere; pmdesk loaded the new version."


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
        self.undo_stack.indexChanged.connect(self._on_undo_stack_indexChanged)
        self.last_saved: datetime | None = self.review.updated_at
        #: What this document's own writes touched since its undo history began.
        self._mine = _Touched()
        self._feed = library.feed(review_id)
        self._ticks = 0
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

        def local(review: Review) -> Review:
            return review.replace(**review_fields_as_stored(fields))

        return self._write(
            lambda: self.library.update_review(
                self.review_id, expected_version=self.version, **fields
            ),
            self._intent({Part.REVIEW}),
            # The impact's metrics are rows of their own: that write is read back.
            None if "impact" in fields else local,
        )

    def write_item(self, item: Item, index: int | None = None) -> bool:
        """Store one item, guarded by the version; False if refused."""
        return self._write(
            lambda: self.library.put_item(
                self.review_id, item, index=index, expected_version=self.version
            ),
            self._intent({Part.of(item)}, {item.id}),
            lambda review: _with_puts(review, (item,), None if index is None else {item.id: index}),
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

        def local(review: Review) -> Review:
            return after_removal(review, result[-1])

        return result[0] if self._write(call, self._intent({part}, {item_id}), local) else None

    def write_restore(self, removal: Removal) -> bool:
        """Bring back what a removal took; False if refused."""
        puts = [item for item, _ in removal.removed] + list(removal.changed)
        at = {item.id: index for item, index in removal.removed}
        return self._write(
            lambda: self.library.restore(removal, expected_version=self.version),
            removal.change,
            lambda review: _with_puts(review, puts, at),
        )

    def write_move(self, part: Part, item_id: str, index: int) -> bool:
        """Move an item within its list; False if refused."""
        return self._write(
            lambda: self.library.move_item(
                self.review_id, part, item_id, index, expected_version=self.version
            ),
            self._intent({part}, {item_id}),
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

        intent = self._intent(
            {Part.of(item) for item in puts} | {part for part, _ in removals},
            {item.id for item in puts} | {item_id for _, item_id in removals},
        )

        def local(review: Review) -> Review:
            # Removals first, as Library.edit makes them, then the puts.
            if removals:
                review = after_removal(review, result[-1])
            return _with_puts(review, puts, at)

        return result[0] if self._write(call, intent, local) else None

    def write_dismissed(self, key: str, dismissed: bool) -> bool:
        """Dismiss (or bring back) a coach finding or board nudge for this review."""
        return self._write(
            lambda: self.library.set_dismissed(
                self.review_id, key, dismissed, expected_version=self.version
            ),
            self._intent({Part.DISMISSED}),
        )

    def write_meeting(self, data: dict[str, Any] | None) -> bool:
        """Store the meeting's agenda and record (plain JSON)."""
        return self._write(
            lambda: self.library.set_meeting(self.review_id, data, expected_version=self.version),
            self._intent({Part.MEETING}),
        )

    def _intent(self, parts: set[Part], items: set[str] | None = None) -> Change:
        """What a write is about to touch, for telling a clash before it is tried again."""
        return Change(self.review_id, frozenset(parts), self.version, frozenset(items or ()))

    def _write(
        self, call: Any, intent: Change, local: Callable[[Review], Review] | None = None
    ) -> bool:
        """One library write: on success take it in and announce it.

        With ``local`` (how the write changes the review), the document applies
        its own write to its snapshot instead of reading the whole review back:
        the commit claimed the version this document held, so nothing else came
        in between; what others commit afterwards arrives through the poll.

        When another window wrote first, its changes are taken in and, if they
        touch nothing this write or the undo history is about, the write is
        tried once more on top of them; otherwise the review is reloaded and
        the user told.
        """
        try:
            try:
                change: Change = call()
            except ConflictError:
                if not self._catch_up(
                    intent,
                    why="This review was changed in another window or on another computer; "
                    "pmdesk reloaded it. Your last edit was not applied.",
                ):
                    return False
                change = call()
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
        self._mine.add(change)
        self.last_saved = datetime.now(UTC)
        if local is not None and change.version == self.version + 1:
            self.review = local(self.review).replace(
                version=change.version, updated_at=self.last_saved
            )
            self.changed.emit(change)
            self.saved.emit(self.last_saved)
            return True
        try:
            fresh = self.library.get_review(self.review_id)
            # Another window may have written between this commit and the read.
            between = self._others(change.version, fresh.version)
        except UserError:
            fresh, between = self.review, []
        if between is None or self._mine.clashes(between):
            self.reload(CHANGED_ELSEWHERE)
        else:
            self.review = fresh
            self.changed.emit(combined(self.review_id, fresh.version, [change, *between]))
        self.saved.emit(self.last_saved)
        return True

    # -- changes made elsewhere ------------------------------------------------------

    def _others(self, since: int, upto: int) -> list[Change] | None:
        """The logged changes after ``since`` up to ``upto``; None when the log has a gap."""
        if upto <= since:
            return []
        logged = [c.change for c in self.library.changes_since(self.review_id, since)]
        logged = [c for c in logged if c.version <= upto]
        if [c.version for c in logged] != list(range(since + 1, upto + 1)):
            return None
        return logged

    def _catch_up(self, intent: Change | None = None, why: str = CHANGED_ELSEWHERE) -> bool:
        """Take in what others committed since our version, keeping the undo history.

        False when the review is gone or the others' changes clash with what this
        document wrote (or, with ``intent``, is about to write): then it was
        reloaded and the user told ``why``.
        """
        try:
            if not self.library.changes_since(self.review_id, self.version):
                return True
            fresh = self.library.get_review(self.review_id)
            others = self._others(self.version, fresh.version)
        except NotFound:
            self._poll.stop()
            self.removed.emit()
            return False
        except UserError as exc:
            if intent is None:
                return True  # a busy or unreachable library is retried on the next tick
            self.failed.emit(str(exc))
            return False
        if not others:
            return True
        clash = others is None or self._mine.clashes(others)
        if not clash and intent is not None:
            clash = _Touched.of(intent).clashes(others)
        if clash:
            self.reload(why)
            return False
        self.review = fresh
        self.changed.emit(combined(self.review_id, fresh.version, others))
        return True

    # -- reloading ---------------------------------------------------------------

    def reload(self, why: str) -> None:
        """Take the library's state; the undo history no longer applies to it."""
        if not self._reload_quietly():
            return
        self.undo_stack.clear()
        self._mine = _Touched()
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
        self._ticks += 1
        if self._feed.poll() or self._ticks % CHECK_EVERY == 0:
            self._catch_up()

    def _on_undo_stack_indexChanged(self, _index: int) -> None:
        # An emptied history holds nothing that another person's change could clash with.
        if self.undo_stack.count() == 0:
            self._mine = _Touched()

    def close(self) -> None:
        """Stop polling: a closed review must not reload behind the user's back."""
        self._poll.stop()
        self._feed.close()


class _Touched:
    """Items and parts some writes touched, to tell whether others' changes clash with them.

    A change that names items touches those items; one that names none (review
    fields, the meeting, a whole review) touches all of its parts.
    """

    def __init__(self) -> None:
        self.items: set[str] = set()
        self.item_parts: set[Part] = set()
        self.whole_parts: set[Part] = set()

    @classmethod
    def of(cls, change: Change) -> _Touched:
        touched = cls()
        touched.add(change)
        return touched

    def add(self, change: Change) -> None:
        if change.items:
            self.items |= change.items
            self.item_parts |= change.parts
        else:
            self.whole_parts |= change.parts

    def clashes(self, changes: Sequence[Change]) -> bool:
        for change in changes:
            if change.parts & self.whole_parts:
                return True
            if change.items & self.items:
                return True
            if not change.items and change.parts & self.item_parts:
                return True
        return False


def _with_puts(review: Review, puts: Sequence[Item], at: Mapping[str, int] | None) -> Review:
    """``review`` after the library stored ``puts`` as ``Library.edit`` does, without reading it.

    Items are kept as the library keeps them (text cleaned); one with a known
    id replaces it where it stands, a new one goes last in its part, and those
    in ``at`` are then placed at their index, in ascending order.
    """
    at = at or {}
    stored = {item.id: _as_stored(item) for item in puts}
    by_part: dict[Part, list[Item]] = {}
    for item in stored.values():
        by_part.setdefault(Part.of(item), []).append(item)
    fields: dict[str, object] = {}
    for part, group in by_part.items():
        order = list(review.items(part))
        where = {item.id: n for n, item in enumerate(order)}
        for item in group:
            if item.id in where:
                order[where[item.id]] = item
            else:
                where[item.id] = len(order)
                order.append(item)
        placed = sorted(
            ((at[item.id], item.id) for item in group if item.id in at), key=lambda x: x[0]
        )
        if placed:
            moving = {item_id for _, item_id in placed}
            kept = [item for item in order if item.id not in moving]
            for index, item_id in placed:
                kept.insert(max(0, min(index, len(kept))), stored[item_id])
            order = kept
        fields[part.value] = tuple(order)
    return review.replace(**fields)


def _as_stored(item: Item) -> Item:
    """The item as the library reads it back: text cleaned, enum fields still enums."""
    cleaned = stored_form(item)
    enums = {
        f.name: getattr(item, f.name)
        for f in dataclasses.fields(item)
        if isinstance(getattr(item, f.name), Enum)
    }
    return dataclasses.replace(cleaned, **enums) if enums else cleaned
