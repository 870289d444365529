"""The board's graphics items: each paints itself with the figure painters.

Items mirror one laid-out slice, hole or trajectory and never write to the
review; the board rebuilds them from ``layout_cheese`` after every change, so
the canvas and the report images are the same drawing.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from pmdesk.figures.factors.layout import Hole, Slice, Trajectory
from pmdesk.figures.factors.paint import paint_hole, paint_layer, paint_trajectory
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.paint import qrect

#: Stacking: the trajectory runs behind the cheese and shows through the holes.
Z_TRAJECTORY, Z_SLICE, Z_HOLE, Z_DRAGGED = 0.0, 1.0, 2.0, 10.0


class SliceItem(QGraphicsItem):
    """One layer of defence; highlighted while a dragged hole is over it."""

    def __init__(self, layer: Slice, style: FigureStyle) -> None:
        """The bounds take in the drawn depth and the label, so both repaint and hit-test."""
        super().__init__()
        self.layer = layer
        self._style = style
        self.drop_target = False
        self.setZValue(Z_SLICE)
        rect = qrect(layer.rect)
        depth = max(6.0, rect.width() * 0.04)
        self._bounds = rect.adjusted(-4, -4, depth + 4, depth + 4).united(qrect(layer.label_rect))

    @property
    def layer_id(self) -> str:
        return self.layer.layer_id

    def body_rect(self) -> QRectF:
        """The slice's face, where a double-click adds a factor."""
        return qrect(self.layer.rect)

    def label_rect(self) -> QRectF:
        """The name above the slice, where a double-click renames it."""
        return qrect(self.layer.label_rect)

    def set_drop_target(self, on: bool) -> None:
        """Highlight while a dragged hole is over this layer; repaint only on change."""
        if on != self.drop_target:
            self.drop_target = on
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        """Hit-test the whole bounds, label included, not only the painted face."""
        path = QPainterPath()
        path.addRect(self._bounds)
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """The same drawing as the reports, plus a dashed ring while it is a drop target."""
        paint_layer(painter, self.layer, self._style)
        if self.drop_target:
            pen = QPen(QColor(self._style.trajectory), self._style.line_width * 3)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.body_rect().adjusted(-3, -3, 3, 3), 12, 12)


class HoleItem(QGraphicsItem):
    """One factor as a hole; draws a focus ring when it is the board's current hole."""

    def __init__(self, hole: Hole, style: FigureStyle) -> None:
        """An open hand over a hole says it can be dragged to another layer."""
        super().__init__()
        self.hole = hole
        self._style = style
        self.current = False
        self.setZValue(Z_HOLE)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)

    @property
    def factor_id(self) -> str:
        return self.hole.factor_id

    def hole_rect(self) -> QRectF:
        return qrect(self.hole.rect)

    def set_current(self, on: bool) -> None:
        """Show or hide the focus ring; repaint only on change."""
        if on != self.current:
            self.current = on
            self.update()

    def boundingRect(self) -> QRectF:
        """Room around the hole for the focus ring."""
        return self.hole_rect().adjusted(-8, -8, 8, 8)

    def shape(self) -> QPainterPath:
        """Hit-test the hole itself, not the ring around it."""
        path = QPainterPath()
        path.addRect(self.hole_rect())
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """The same drawing as the reports, plus a dotted focus ring when current."""
        paint_hole(painter, self.hole, self._style)
        if self.current:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(QColor(self._style.text), max(2.0, self._style.line_width * 2))
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            rect = self.hole_rect().adjusted(-5, -5, 5, 5)
            radius = min(rect.height() / 2, 22.0)
            painter.drawRoundedRect(rect, radius, radius)
            painter.restore()


class TrajectoryItem(QGraphicsItem):
    """The incident's path through the holes on the trajectory."""

    def __init__(self, trajectory: Trajectory, style: FigureStyle) -> None:
        """Bounds padded beyond the points, for the thick line and its arrowhead."""
        super().__init__()
        self.trajectory = trajectory
        self._style = style
        self.setZValue(Z_TRAJECTORY)
        xs = [x for x, _ in trajectory.points]
        ys = [y for _, y in trajectory.points]
        pad = style.body_px * 2
        self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)).adjusted(
            -pad, -pad, pad, pad
        )

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        paint_trajectory(painter, self.trajectory, self._style)
