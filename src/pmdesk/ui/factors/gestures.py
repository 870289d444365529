"""Gestures on the board: small objects that end in one edit, or cancel and leave no trace.

A hole drag moves the hole's item only; the review changes once, on release,
when the hole lands in another layer, and Esc puts it back (the timeline's
``CardDrag`` works the same way).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF

from pmdesk.ui.factors.items import Z_DRAGGED, Z_HOLE, HoleItem, SliceItem
from pmdesk.ui.factors.scene import BoardScene


class HoleDrag:
    """A hole pressed with the mouse: a drag once it has moved far enough."""

    def __init__(self, scene: BoardScene, item: HoleItem, start: QPointF) -> None:
        """A press on a hole; it becomes a drag only when begin is called."""
        self._scene = scene
        self.item = item
        self.start = start
        self.dragging = False
        self.drop: SliceItem | None = None

    def begin(self) -> None:
        """The press became a drag: lift the hole above the others."""
        self.dragging = True
        self.item.setZValue(Z_DRAGGED)

    def move(self, here: QPointF) -> None:
        """Follow the pointer and light up the layer it would land in."""
        self.item.setPos(here - self.start)
        target = self._scene.slice_at_x(here.x())
        if target is self.drop:
            return
        if self.drop is not None:
            self.drop.set_drop_target(False)
        if target is not None and target.layer_id != self.item.hole.layer_id:
            target.set_drop_target(True)
            self.drop = target
        else:
            self.drop = None

    def finish(self) -> str | None:
        """The layer the hole was dropped in (None: nowhere new); the items go back."""
        target = self.drop.layer_id if self.dragging and self.drop is not None else None
        self.cancel()
        return target

    def cancel(self) -> None:
        """Put the hole back where it was and clear the drop highlight."""
        self.item.setPos(0, 0)
        self.item.setZValue(Z_HOLE)
        if self.drop is not None:
            self.drop.set_drop_target(False)
        self.drop = None
