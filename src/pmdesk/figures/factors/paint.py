"""Painting the Swiss-cheese board with QPainter, piece by piece or whole.

Slices are drawn with their holes cut out and the trajectory runs behind
them, so the line shows through the holes and between the slices and
disappears behind solid cheese: Reason's picture. Hole text sits on an
opaque patch over the line, so the line never crosses the words.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from pmdesk.figures.factors.layout import CheeseLayout, Hole, Slice, Trajectory
from pmdesk.figures.qt_text import draw_line_of_text, draw_text, font, line_spacing
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.paint import qrect


def _radius(rect: QRectF) -> float:
    """Rounded enough to read as a hole, but never a pill on a tall one."""
    return min(rect.height() / 2, 18.0)


def slice_path(layer: Slice) -> QPainterPath:
    """The slice's face with its holes cut out (odd-even fill)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    path.addRoundedRect(qrect(layer.rect), 10, 10)
    for hole in layer.holes:
        rect = qrect(hole.rect)
        path.addRoundedRect(rect, _radius(rect), _radius(rect))
    return path


def paint_layer(painter: QPainter, layer: Slice, style: FigureStyle) -> None:
    """A slice of cheese: a slab with depth, its face with holes cut out, its name above."""
    rect = qrect(layer.rect)
    depth = max(6.0, rect.width() * 0.04)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    face = slice_path(layer)
    # The back of the slab, holes and all: through each hole its inner wall shows.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(style.cheese_edge))
    painter.drawPath(face.translated(depth, depth * 0.6))
    painter.setPen(QPen(QColor(style.cheese_edge), style.line_width * 1.5))
    painter.setBrush(QColor(style.cheese))
    painter.drawPath(face)
    label = qrect(layer.label_rect)
    bold = font(style.font_families, style.body_px, bold=True)
    small = font(style.font_families, style.small_px)
    stage_h = line_spacing(small)
    name_rect = label.adjusted(0, 0, 0, -stage_h - 4)
    draw_text(painter, name_rect, layer.name, bold, style.text, align=Qt.AlignmentFlag.AlignHCenter)
    if layer.stage:
        draw_line_of_text(
            painter, QPointF(label.center().x(), label.bottom() - stage_h), layer.stage.upper(),
            small, style.muted, max_width=label.width(), align=Qt.AlignmentFlag.AlignHCenter,
        )  # fmt: skip
    painter.restore()


def paint_hole(painter: QPainter, hole: Hole, style: FigureStyle) -> None:
    """A factor as a hole: translucent fill, its words, dashed when it is a third party's."""
    rect = qrect(hole.rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(style.hole_fill)
    fill.setAlphaF(0.8)
    edge = QColor(style.trajectory if hole.on_trajectory else style.hole_edge)
    pen = QPen(edge, style.line_width * (2.5 if hole.on_trajectory else 1.2))
    if hole.third_party:
        pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(fill)
    painter.drawRoundedRect(rect, _radius(rect), _radius(rect))
    text_rect = qrect(hole.text_rect)
    # The words sit on an opaque patch, so the trajectory seen through the hole never crosses them.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(style.hole_fill))
    painter.drawRoundedRect(text_rect.adjusted(-2, -2, 2, 2), 4, 4)
    body = font(style.font_families, style.body_px)
    if hole.third_party:
        small = font(style.font_families, style.small_px)
        tag_h = line_spacing(small)
        draw_line_of_text(
            painter, QPointF(text_rect.center().x(), text_rect.bottom() - tag_h), "third party",
            small, style.muted, max_width=text_rect.width(), align=Qt.AlignmentFlag.AlignHCenter,
        )  # fmt: skip
        text_rect = text_rect.adjusted(0, 0, 0, -tag_h)
    draw_text(
        painter, text_rect, hole.text, body, style.hole_text,
        align=Qt.AlignmentFlag.AlignHCenter, middle=True,
    )  # fmt: skip
    painter.restore()


def paint_trajectory(painter: QPainter, trajectory: Trajectory, style: FigureStyle) -> None:
    """The incident's path: a thick line through the lined-up holes, with an arrowhead."""
    points = [QPointF(x, y) for x, y in trajectory.points]
    if len(points) < 2:
        return
    width = max(3.0, style.body_px * 0.3)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(style.trajectory), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    end, before = points[-1], points[-2]
    head = width * 4
    line = QLineF(before, end)
    shaft_end = line.pointAt(max(0.0, 1 - head / max(line.length(), 1e-6)))
    painter.drawPolyline(QPolygonF([*points[:-1], shaft_end]))
    normal = line.unitVector()
    dx, dy = normal.dx(), normal.dy()
    base = QPointF(end.x() - dx * head, end.y() - dy * head)
    wing = QPointF(-dy * head * 0.55, dx * head * 0.55)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(style.trajectory))
    painter.drawPolygon(QPolygonF([end, base + wing, base - wing]))
    painter.restore()


def render_cheese(painter: QPainter, layout: CheeseLayout, style: FigureStyle) -> None:
    """The whole board, in logical pixels from (0, 0); the caller sets any scaling."""
    painter.save()
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), QColor(style.background))
    title = font(style.font_families, style.title_px, bold=True)
    draw_line_of_text(
        painter, QPointF(layout.title_rect.x, layout.title_rect.y), layout.title, title,
        style.text, max_width=layout.title_rect.w,
    )  # fmt: skip
    small = font(style.font_families, style.small_px)
    draw_line_of_text(
        painter, QPointF(layout.legend_rect.x, layout.legend_rect.y), layout.legend, small,
        style.muted, max_width=layout.legend_rect.w,
    )  # fmt: skip
    if layout.trajectory:
        paint_trajectory(painter, layout.trajectory, style)
    for layer in layout.slices:
        paint_layer(painter, layer, style)
    for layer in layout.slices:
        for hole in layer.holes:
            paint_hole(painter, hole, style)
    if layout.empty_message:
        body = font(style.font_families, style.body_px)
        top = max((s.rect.bottom for s in layout.slices), default=layout.legend_rect.bottom)
        area = QRectF(0, top + 8, layout.width, line_spacing(body) * 2)
        draw_text(
            painter, area, layout.empty_message, body, style.muted,
            align=Qt.AlignmentFlag.AlignHCenter, middle=True,
        )  # fmt: skip
    painter.restore()
