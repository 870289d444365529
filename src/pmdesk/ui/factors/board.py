"""The Swiss-cheese board: a view of the review's layers and factors that the room edits together.

The board lays the review out with ``layout_cheese`` at the view's width and
draws it with the report painters, one item per slice and hole. It keeps no
state of its own beyond the current hole and a drag in progress: every
gesture ends by pushing one undo command, and the board is rebuilt from the
document's new snapshot.

Signals:
    currentChanged(str): the current factor's id, or "" when no hole is current.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsView,
    QLineEdit,
    QMenu,
    QWidget,
)

from pmdesk.figures.factors.layout import CheeseLayout
from pmdesk.figures.qt_text import font
from pmdesk.figures.style import FigureStyle
from pmdesk.model import Change, Part
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits, menus
from pmdesk.ui.factors.gestures import HoleDrag
from pmdesk.ui.factors.items import HoleItem, SliceItem
from pmdesk.ui.factors.scene import BoardScene

_BOARD_PARTS = frozenset({Part.LAYERS, Part.FACTORS, Part.EVENTS, Part.REVIEW})
_MIN_WIDTH = 720
_MIN_HEIGHT = 360
#: A board larger than the view is shrunk to fit, but never below this: text stays readable.
MIN_SCALE = 0.45


class InlineEditor(QLineEdit):
    """A one-line plain-text editor laid over the board: Enter keeps, Esc cancels.

    A QLineEdit only ever holds plain text, so a rich-text paste cannot reach
    the review (PITFALLS QT-05). Leaving the field keeps the text, as tables do.
    """

    def __init__(self, parent: QWidget, text: str, on_commit: Callable[[str], object]) -> None:
        """Start with the old text selected, so typing replaces it; on_commit runs at most once."""
        super().__init__(parent)
        self.setObjectName("boardInlineEditor")
        self.setMaxLength(2000)
        self.setText(text)
        self.selectAll()
        self._on_commit: Callable[[str], object] | None = on_commit

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt calls this per key: Esc throws the edit away, Enter keeps it."""
        if event.key() == Qt.Key.Key_Escape:
            self.finish(keep=False)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish(keep=True)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Clicking elsewhere keeps the edit, as a table cell would."""
        super().focusOutEvent(event)
        self.finish(keep=True)

    def finish(self, *, keep: bool) -> None:
        """End the edit once: focus goes back to the board, then the text is committed."""
        commit, self._on_commit = self._on_commit, None
        if commit is None:
            return
        viewport = self.parentWidget()
        self.hide()
        self.deleteLater()
        view = viewport.parentWidget() if viewport is not None else None
        if view is not None:
            view.setFocus()  # give the keyboard back to the board view
        if keep:
            commit(self.text())


class FactorBoard(QGraphicsView):
    """The Swiss-cheese board over one open review (see the module docstring for signals)."""

    currentChanged = Signal(str)

    def __init__(
        self, document: ReviewDocument, theme: str = "light", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("factorBoard")
        self.setAccessibleName("Swiss-cheese board")
        self.setAccessibleDescription(
            "Layers of defence with their contributing factors as holes. "
            "The List tab shows the same layers and factors as tables."
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._doc = document
        self._scene = BoardScene(theme)
        self._scene.setParent(self)
        self.setScene(self._scene)
        self._read_only = False
        self._current: str | None = None
        self._built_width = 0
        self._built_height = 0
        self._drag: HoleDrag | None = None
        self.menu: QMenu | None = None
        self.editor: InlineEditor | None = None
        document.changed.connect(self._on_document_changed)
        self.rebuild()

    # -- public -------------------------------------------------------------------

    @property
    def layout_used(self) -> CheeseLayout | None:
        """The layout the board shows now (tests and the presenter read positions from it)."""
        return self._scene.layout

    @property
    def fig_style(self) -> FigureStyle:
        """The figure style the board draws with (the reports' style, holes unabridged)."""
        return self._scene.fig_style

    def set_theme(self, theme: str) -> None:
        """Repaint in another theme: the scene's colours come from the figure style."""
        self._scene.set_theme(theme)
        self.rebuild()

    def set_read_only(self, read_only: bool) -> None:
        """Show the same board without editing (the meeting's presenter window)."""
        self._read_only = read_only
        self.cancel_drag()
        if self.editor is not None:
            self.editor.finish(keep=False)
        self.rebuild()

    def is_read_only(self) -> bool:
        return self._read_only

    def current_factor(self) -> str | None:
        """The factor under the keyboard cursor, or None."""
        return self._current

    def set_current(self, factor_id: str | None) -> None:
        """Move the keyboard cursor, scroll to it and tell screen readers which factor it is."""
        if factor_id is not None and factor_id not in self._scene.holes:
            factor_id = None
        if factor_id == self._current:
            return
        if self._current in self._scene.holes:
            self._scene.holes[self._current].set_current(False)
        self._current = factor_id
        if factor_id is not None:
            item = self._scene.holes[factor_id]
            item.set_current(True)
            self.ensureVisible(item.hole_rect(), 24, 24)
            self.setAccessibleDescription(f"Current factor: {item.hole.text}")
        self.currentChanged.emit(factor_id or "")

    def hole_item(self, factor_id: str) -> HoleItem | None:
        """The hole drawn for a factor, or None when it is not on the board."""
        return self._scene.holes.get(factor_id)

    def slice_item(self, layer_id: str) -> SliceItem | None:
        """The slice drawn for a layer, or None when it is not on the board."""
        return self._scene.slices.get(layer_id)

    def view_point(self, scene_point: QPointF) -> QPoint:
        """Where a scene point is on the viewport, for tests that drive the mouse."""
        return self.mapFromScene(scene_point)

    def rebuild(self) -> None:
        """Lay the review out again at the view's width and replace every item."""
        self.cancel_drag()
        width = max(self.viewport().width(), _MIN_WIDTH)
        height = max(self.viewport().height(), _MIN_HEIGHT)
        layout = self._scene.show_review(self._doc.review, width, height, read_only=self._read_only)
        self._built_width, self._built_height = width, height
        # Every layer in view: fit the width and the height, as long as text stays readable.
        scale = min(1.0, max(MIN_SCALE, min(width / layout.width, height / layout.height)))
        self.setTransform(QTransform.fromScale(scale, scale))
        current, self._current = self._current, None
        if current in self._scene.holes:
            self.set_current(current)
        elif current is not None:
            self.currentChanged.emit("")

    # -- editing entry points (keyboard, menus, double-click) ------------------------

    def rename_current(self) -> None:
        """Edit the current factor's text in place over its hole."""
        item = self._scene.holes.get(self._current or "")
        factor = self._doc.review.factor(self._current)
        if self._read_only or item is None or factor is None:
            return
        fid = factor.id
        self._open_editor(
            item.hole_rect(), factor.text, lambda t: edits.rename_factor(self._doc, fid, t)
        )

    def rename_layer(self, layer_id: str) -> None:
        """Edit a layer's name in place over its label."""
        item = self._scene.slices.get(layer_id)
        layer = self._doc.review.layer(layer_id)
        if self._read_only or item is None or layer is None:
            return
        self._open_editor(
            item.label_rect(), layer.name, lambda t: edits.rename_layer(self._doc, layer_id, t)
        )

    def add_factor_at(self, layer_id: str, scene_y: float | None = None) -> None:
        """Open an empty editor in the layer; what is typed becomes a new hole there."""
        item = self._scene.slices.get(layer_id)
        if self._read_only or item is None:
            return
        body = item.body_rect()
        height = self._scene.fig_style.body_px * 2.4
        y = body.center().y() if scene_y is None else scene_y
        y = min(max(y - height / 2, body.top() + 4), body.bottom() - height - 4)
        rect = QRectF(body.left() + 6, y, body.width() - 12, height)

        def commit(text: str) -> None:
            """Add the factor from the typed text and make it current."""
            new_id = edits.add_factor(self._doc, layer_id, text)
            if new_id:
                self.set_current(new_id)

        self._open_editor(rect, "", commit)

    def toggle_current(self) -> None:
        """T: put the current factor on the trajectory, or take it off."""
        if not self._read_only and self._current:
            edits.toggle_trajectory(self._doc, self._current)

    def remove_current(self) -> None:
        """Delete: remove the current factor and move the cursor to a neighbour."""
        if self._read_only or not self._current:
            return
        order = self._scene.tab_order()
        index = order.index(self._current)
        neighbour = (
            order[index + 1] if index + 1 < len(order) else (order[index - 1] if index else None)
        )
        if edits.remove_factor(self._doc, self._current):
            self.set_current(neighbour)

    def move_menu(self, at: QPoint | None = None) -> QMenu | None:
        """A small menu of the other layers for the current factor (Ctrl+M)."""
        factor = self._doc.review.factor(self._current)
        if self._read_only or factor is None:
            return None
        menu = self._new_menu("Move to layer")
        self._fill_move_menu(menu, factor.id, factor.layer)
        self._popup(menu, at or self._hole_anchor(factor.id))
        return menu

    def cancel_drag(self) -> None:
        """Esc during a drag: put the hole back; nothing is pushed."""
        if self._drag is not None:
            self._drag.cancel()
        self._drag = None
        self.viewport().unsetCursor()

    # -- Qt events -----------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt calls this on resize: relayout only when a side changed by over 8 pixels."""
        super().resizeEvent(event)
        wide = abs(max(self.viewport().width(), _MIN_WIDTH) - self._built_width) > 8
        if wide or abs(max(self.viewport().height(), _MIN_HEIGHT) - self._built_height) > 8:
            self.rebuild()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A press on a hole makes it current and may start a drag; on empty board it clears."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        item = self._item_at(event.position().toPoint())
        if isinstance(item, HoleItem):
            self.set_current(item.factor_id)
            if event.button() == Qt.MouseButton.LeftButton and not self._read_only:
                start = self.mapToScene(event.position().toPoint())
                self._drag = HoleDrag(self._scene, item, start)
            event.accept()
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.set_current(None)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Start the drag only past the platform's drag distance, then follow the mouse."""
        drag = self._drag
        if drag is None:
            super().mouseMoveEvent(event)
            return
        here = self.mapToScene(event.position().toPoint())
        if not drag.dragging:
            moved = self.mapFromScene(here) - self.mapFromScene(drag.start)
            if moved.manhattanLength() < QApplication.startDragDistance():
                return
            drag.begin()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self._scroll_near_edge(event.position().toPoint())
        drag.move(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """Drop: one move command if the hole landed in another layer."""
        drag, self._drag = self._drag, None
        if drag is None:
            super().mouseReleaseEvent(event)
            return
        self.viewport().unsetCursor()
        target = drag.finish()
        if target is not None:
            edits.move_factor(self._doc, drag.item.factor_id, target)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click renames a hole or a layer label, or adds a factor in a layer's body."""
        if self._read_only:
            return
        point = event.position().toPoint()
        item = self._item_at(point)
        if isinstance(item, HoleItem):
            self.set_current(item.factor_id)
            self.rename_current()
        elif isinstance(item, SliceItem):
            scene = self.mapToScene(point)
            if scene.y() < item.body_rect().top():
                self.rename_layer(item.layer_id)
            else:
                self.add_factor_at(item.layer_id, scene.y())
        event.accept()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """The factor's or the layer's menu, whichever is under the mouse."""
        if self._read_only:
            return
        item = self._item_at(event.pos())
        if isinstance(item, HoleItem):
            self.set_current(item.factor_id)
            menu = self._factor_menu(item.factor_id)
        elif isinstance(item, SliceItem):
            menu = self._layer_menu(item.layer_id, self.mapToScene(event.pos()).y())
        else:
            return
        self._popup(menu, event.pos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move, Enter or F2 renames, T toggles, Delete removes, Ctrl+M moves."""
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Escape and self._drag is not None:
            self.cancel_drag()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self._step_layer(-1 if key == Qt.Key.Key_Left else 1)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step_in_layer(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.rename_current()
        elif key == Qt.Key.Key_T and mods == Qt.KeyboardModifier.NoModifier:
            self.toggle_current()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_current()
        elif key == Qt.Key.Key_M and mods == Qt.KeyboardModifier.ControlModifier:
            self.move_menu()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab walks the holes; past the last (or before the first) it leaves the board."""
        order = self._scene.tab_order()
        if self.hasFocus() and order:
            if self._current not in order:
                self.set_current(order[0] if next else order[-1])
                return True
            index = order.index(self._current) + (1 if next else -1)
            if 0 <= index < len(order):
                self.set_current(order[index])
                return True
        return super().focusNextPrevChild(next)

    # -- helpers ---------------------------------------------------------------------

    def _on_document_changed(self, change: Change) -> None:
        """Rebuild only for the parts the board draws."""
        if change.parts & _BOARD_PARTS:
            self.rebuild()

    def _item_at(self, point: QPoint) -> HoleItem | SliceItem | None:
        """The hole or slice under a point, skipping labels and other decoration."""
        for item in self.items(point):
            if isinstance(item, HoleItem | SliceItem):
                return item
        return None

    def _scroll_near_edge(self, point: QPoint) -> None:
        """While dragging near the left or right edge, bring the next layers into view."""
        bar = self.horizontalScrollBar()
        edge = 48
        if point.x() < edge:
            bar.setValue(bar.value() - 24)
        elif point.x() > self.viewport().width() - edge:
            bar.setValue(bar.value() + 24)

    def _step_in_layer(self, step: int) -> None:
        """Up and Down within a layer; with nothing current, start at the first factor."""
        if self._scene.layout is None:
            return
        for layer in self._scene.layout.slices:
            ids = [h.factor_id for h in layer.holes]
            if self._current in ids:
                index = ids.index(self._current) + step
                if 0 <= index < len(ids):
                    self.set_current(ids[index])
                return
        order = self._scene.tab_order()
        if order:
            self.set_current(order[0])

    def _step_layer(self, step: int) -> None:
        """Left and Right to the nearest factor at the same height in the next layer."""
        if self._scene.layout is None:
            return
        slices = [s for s in self._scene.layout.slices if s.holes]
        if not slices:
            return
        here = next(
            (n for n, s in enumerate(slices) for h in s.holes if h.factor_id == self._current), None
        )
        if here is None:
            self.set_current(slices[0].holes[0].factor_id)
            return
        index = here + step
        if not 0 <= index < len(slices):
            return
        y = self._scene.holes[self._current or ""].hole_rect().center().y()
        nearest = min(slices[index].holes, key=lambda h: abs(h.rect.cy - y))
        self.set_current(nearest.factor_id)

    def _open_editor(self, scene_rect: QRectF, text: str, commit: Callable[[str], object]) -> None:
        """Lay an inline editor over a scene rectangle, at the zoomed font size."""
        if self.editor is not None:
            self.editor.finish(keep=True)
        editor = InlineEditor(self.viewport(), text, commit)
        scale = self.transform().m11()
        editor.setFont(
            font(self._scene.fig_style.font_families, self._scene.fig_style.body_px * scale)
        )
        rect = self.mapFromScene(scene_rect).boundingRect()
        rect.setHeight(max(rect.height(), editor.sizeHint().height()))
        editor.setGeometry(rect)
        editor.destroyed.connect(self._on_editor_destroyed)
        self.editor = editor
        editor.show()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_editor_destroyed(self) -> None:
        self.editor = None

    def _new_menu(self, title: str) -> QMenu:
        """A fresh menu, closing the previous one, so only one is ever open."""
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        menu = QMenu(title, self)
        menu.setObjectName("boardMenu")
        self.menu = menu
        return menu

    def _popup(self, menu: QMenu, at: QPoint) -> None:
        menu.popup(self.viewport().mapToGlobal(at))

    def _hole_anchor(self, factor_id: str) -> QPoint:
        """Where a keyboard-opened menu for a factor appears: under its hole."""
        item = self._scene.holes.get(factor_id)
        if item is None:
            return QPoint(0, 0)
        return self.mapFromScene(item.hole_rect().bottomLeft())

    def _fill_move_menu(self, menu: QMenu, factor_id: str, layer_id: str) -> None:
        menus.fill_move_menu(menu, self._doc, factor_id, layer_id)

    def _factor_menu(self, factor_id: str) -> QMenu:
        menu = self._new_menu("Factor")
        menus.fill_factor_menu(menu, self, self._doc, factor_id)
        return menu

    def _layer_menu(self, layer_id: str, scene_y: float) -> QMenu:
        menu = self._new_menu("Layer")
        menus.fill_layer_menu(menu, self, self._doc, layer_id, scene_y)
        return menu
