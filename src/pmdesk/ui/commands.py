"""Undo commands: one class per user intention, holding ids and values, never ORM objects.

Each command's ``redo``/``undo`` goes through ``ReviewDocument``, which
commits to the library at once. If the library refuses (the review changed
elsewhere), the command marks itself obsolete so the stack drops it instead
of replaying a write that no longer makes sense.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from pmdesk.model import Item, Part
from pmdesk.store import Removal
from pmdesk.ui.document import ReviewDocument

# Ids for mergeWith: typing in one field merges into one undo step.
_MERGE_FIELD_ID = 1000


class UpdateReviewCommand(QUndoCommand):
    """Change some of the review's own fields (title, milestones, summary …)."""

    def __init__(
        self,
        document: ReviewDocument,
        label: str,
        new: dict[str, Any],
        *,
        merge_key: str | None = None,
    ) -> None:
        """Keep the old values of exactly the fields being changed, for undo."""
        super().__init__(label)
        self._doc = document
        self._new = dict(new)
        self._old = {name: getattr(document.review, name) for name in new}
        self._merge_key = merge_key

    def redo(self) -> None:
        """Write the new values; a refused write makes the step obsolete so the stack drops it."""
        if not self._doc.write_review(**self._new):
            self.setObsolete(True)

    def undo(self) -> None:
        """Write the old values back; obsolete if the library refuses."""
        if not self._doc.write_review(**self._old):
            self.setObsolete(True)

    def id(self) -> int:
        """Qt merges only commands with the same id: typing into one field merges, others never."""
        return _MERGE_FIELD_ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Fold further typing in the same field into this step, keeping the first old value."""
        if not isinstance(other, UpdateReviewCommand) or other._merge_key != self._merge_key:
            return False
        self._new.update(other._new)
        return True


class PutItemCommand(QUndoCommand):
    """Add an item, or change one (``old`` is the item before the change)."""

    def __init__(
        self,
        document: ReviewDocument,
        label: str,
        new: Item,
        old: Item | None = None,
        *,
        index: int | None = None,
        merge_key: str | None = None,
    ) -> None:
        super().__init__(label)
        self._doc = document
        self._new = new
        self._old = old
        self._index = index
        self._merge_key = merge_key

    def redo(self) -> None:
        """Store the new or changed item; obsolete if the library refuses."""
        if not self._doc.write_item(self._new, self._index):
            self.setObsolete(True)

    def undo(self) -> None:
        """An added item is removed again; a changed one gets its old value back."""
        if self._old is None:
            removed = self._doc.write_removal(Part.of(self._new), self._new.id)
            ok = removed is not None
        else:
            ok = self._doc.write_item(self._old)
        if not ok:
            self.setObsolete(True)

    def id(self) -> int:
        """Typing in one item's cell merges; other puts never do."""
        return _MERGE_FIELD_ID + 1 if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Merge further typing into the same item and field, keeping the first old value."""
        if (
            not isinstance(other, PutItemCommand)
            or self._merge_key is None
            or other._merge_key != self._merge_key
            or other._new.id != self._new.id
        ):
            return False
        self._new = other._new
        return True


class RemoveItemCommand(QUndoCommand):
    """Delete an item; undo brings back it and everything the delete took with it."""

    def __init__(self, document: ReviewDocument, label: str, part: Part, item_id: str) -> None:
        super().__init__(label)
        self._doc = document
        self._part = part
        self._id = item_id
        self._removal: Removal | None = None

    def redo(self) -> None:
        """Remove the item, remembering what went with it so undo can bring it all back."""
        self._removal = self._doc.write_removal(self._part, self._id)
        if self._removal is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self._removal is None or not self._doc.write_restore(self._removal):
            self.setObsolete(True)


class MoveItemCommand(QUndoCommand):
    """Reorder an item within its list."""

    def __init__(
        self, document: ReviewDocument, label: str, part: Part, item_id: str, old: int, new: int
    ) -> None:
        super().__init__(label)
        self._doc, self._part, self._id, self._old, self._new = document, part, item_id, old, new

    def redo(self) -> None:
        """Move the item to its new place in the list."""
        if not self._doc.write_move(self._part, self._id, self._new):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self._doc.write_move(self._part, self._id, self._old):
            self.setObsolete(True)


class EditItemsCommand(QUndoCommand):
    """One gesture over many items — a drag of many cards, a paste, accepted proposals.

    Redo and undo are each one commit: all of the gesture or none of it, and
    one undo step. ``at`` places items at an index of their part; undo puts
    moved items back at their old index and removed ones where they were.
    """

    def __init__(
        self,
        document: ReviewDocument,
        label: str,
        puts: Sequence[Item] = (),
        removals: Sequence[tuple[Part, str]] = (),
        *,
        at: Mapping[str, int] | None = None,
    ) -> None:
        """Record the old items and places now, so undo restores exactly what this step changed."""
        super().__init__(label)
        self._doc = document
        self._puts = tuple(puts)
        self._removals = tuple(removals)
        self._at = dict(at or {})
        review = document.review
        self._old: list[Item] = []
        self._old_at: dict[str, int] = {}
        self._added: list[tuple[Part, str]] = []
        places: dict[Part, tuple[Sequence[Item], dict[str, int]]] = {}
        for item in self._puts:
            part = Part.of(item)
            if part not in places:
                items = review.items(part)
                places[part] = (items, {old.id: n for n, old in enumerate(items)})
            items, index_of = places[part]
            index = index_of.get(item.id)
            if index is None:
                self._added.append((part, item.id))
            else:
                self._old.append(items[index])
                if item.id in self._at:
                    self._old_at[item.id] = index
        self._removal: Removal | None = None

    def redo(self) -> None:
        """Apply every put and removal as one library write."""
        self._removal = self._doc.write_edit(self._puts, self._removals, self._at)
        if self._removal is None:
            self.setObsolete(True)

    def undo(self) -> None:
        """Put back what was removed or changed, and remove what was added, in one write."""
        removal = self._removal
        if removal is None:
            self.setObsolete(True)
            return
        back = [item for item, _ in removal.removed] + list(removal.changed) + self._old
        at = {item.id: index for item, index in removal.removed} | self._old_at
        if self._doc.write_edit(back, self._added, at) is None:
            self.setObsolete(True)
