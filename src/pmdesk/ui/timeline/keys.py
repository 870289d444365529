"""The canvas's keyboard: one table from keys to what they do, so the help can list it too.

Navigation keys work everywhere (the presenter's read-only canvas included);
editing keys only where the canvas may change the review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from pmdesk.ui.timeline.view import TimelineView

_NONE = Qt.KeyboardModifier.NoModifier
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
#: How much one press of + or - zooms.
ZOOM_STEP = 1.25
#: Any modifiers at all: zoom keys come with Shift on many layouts ('+' is Shift+'=').
_ANY = None


@dataclass(frozen=True)
class CanvasKey:
    """One key binding of the canvas."""

    keys: tuple[Qt.Key, ...]
    modifiers: Qt.KeyboardModifier | None
    edits: bool  # changes the review: not on a read-only canvas
    run: Callable[[TimelineView], object]


def _scroll(dx: int, dy: int) -> Callable[[TimelineView], object]:
    """Arrow keys: an eighth of the visible canvas per press."""

    def run(view: TimelineView) -> None:
        port = view.viewport()
        across, down = view.horizontalScrollBar(), view.verticalScrollBar()
        across.setValue(across.value() + dx * port.width() // 8)
        down.setValue(down.value() + dy * port.height() // 8)

    return run


def _zoom(factor: float) -> Callable[[TimelineView], object]:
    """Zoom keys zoom around the middle of the view."""
    return lambda view: view.zoom_by(factor, view.viewport().rect().center())


def _select_all(view: TimelineView) -> None:
    view.select_ids(set(view.timeline.cards))


def _delete(view: TimelineView) -> None:
    """Delete the selection; the binding table holds it only where the canvas may edit."""
    view.delete_selected()


def _edit_first(view: TimelineView) -> None:
    """Enter: open the first selected event in the side panel."""
    ids = view.selected_ids()
    if ids:
        view.edit_requested.emit(ids[0])


BINDINGS: tuple[CanvasKey, ...] = (
    CanvasKey((Qt.Key.Key_Escape,), _ANY, False, lambda view: view.cancel_gesture()),
    CanvasKey((Qt.Key.Key_N,), _NONE, False, lambda view: view.next_key_moment()),
    CanvasKey((Qt.Key.Key_Right,), _ALT, False, lambda view: view.next_key_moment()),
    CanvasKey((Qt.Key.Key_P,), _NONE, False, lambda view: view.previous_key_moment()),
    CanvasKey((Qt.Key.Key_Left,), _ALT, False, lambda view: view.previous_key_moment()),
    CanvasKey((Qt.Key.Key_F,), _NONE, False, lambda view: view.fit_all()),
    CanvasKey((Qt.Key.Key_Z,), _NONE, False, lambda view: view.zoom_to_selection()),
    CanvasKey((Qt.Key.Key_Plus, Qt.Key.Key_Equal), _ANY, False, _zoom(ZOOM_STEP)),
    CanvasKey((Qt.Key.Key_Minus, Qt.Key.Key_Underscore), _ANY, False, _zoom(1 / ZOOM_STEP)),
    CanvasKey((Qt.Key.Key_Left,), _NONE, False, _scroll(-1, 0)),
    CanvasKey((Qt.Key.Key_Right,), _NONE, False, _scroll(1, 0)),
    CanvasKey((Qt.Key.Key_Up,), _NONE, False, _scroll(0, -1)),
    CanvasKey((Qt.Key.Key_Down,), _NONE, False, _scroll(0, 1)),
    CanvasKey((Qt.Key.Key_A,), _CTRL, False, _select_all),
    CanvasKey((Qt.Key.Key_C,), _CTRL, False, lambda view: view.copy_selected()),
    CanvasKey(
        (Qt.Key.Key_Delete, Qt.Key.Key_Backspace), _NONE, True, lambda v: v.delete_selected()
    ),
    CanvasKey((Qt.Key.Key_V,), _CTRL, True, lambda view: view.paste()),
    CanvasKey((Qt.Key.Key_K,), _NONE, True, lambda view: view.toggle_key()),
    CanvasKey((Qt.Key.Key_Return, Qt.Key.Key_Enter), _NONE, True, _edit_first),
)


def binding_for(event: QKeyEvent, *, read_only: bool) -> CanvasKey | None:
    """The binding a key press asks for, or None to let Qt have it."""
    key = event.key()
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    for binding in BINDINGS:
        if key not in binding.keys or (binding.edits and read_only):
            continue
        if binding.modifiers is None or mods == binding.modifiers:
            return binding
    return None
