"""What stays pinned to the canvas's edges while the incident scrolls: axis, milestones, lanes.

The room should always see *when* it is looking at and *whose* lane it is in,
however far the canvas is scrolled or zoomed. These are painted over the
scene by the view's ``drawForeground``; the scene's own labels stay where the
layout put them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from pmdesk.figures.qt_text import draw_line_of_text, font
from pmdesk.figures.timeline.paint import paint_tick
from pmdesk.ui.timeline.scene import TimelineScene


def paint_pins(painter: QPainter, scene: TimelineScene, visible: QRectF) -> bool:
    """Paint whatever has scrolled out of ``visible``; True when anything was pinned."""
    layout = scene.layout
    if layout is None or not layout.ticks:
        return False
    pinned = False
    milestones = pinned_milestones(scene, visible)
    if milestones:
        pinned = True
        _paint_milestones(painter, scene, visible, milestones)
    boxes = pinned_lane_labels(scene, visible)
    if boxes:
        pinned = True
        _paint_lane_labels(painter, scene, boxes)
    if visible.bottom() >= layout.axis_y + 30:
        return pinned
    _paint_axis(painter, scene, visible)
    return True


def pinned_milestones(scene: TimelineScene, visible: QRectF) -> list[tuple[str, float]]:
    """(label, scene x) of milestones in view whose own labels scrolled off the top."""
    layout = scene.layout
    if layout is None or visible.top() <= layout.milestone_band.y + 4:
        return []
    return [
        (f"{m.label} {m.time_label}", m.x)
        for m in layout.milestones
        if visible.left() <= m.x <= visible.right()
    ]


def pinned_lane_labels(scene: TimelineScene, visible: QRectF) -> list[tuple[str, QRectF]]:
    """(name, scene box) of each lane in view while its own name is scrolled off the left.

    A name sits at the lane's top-left, moved right past any card there, so it
    never covers one; with no room in view it is left out.
    """
    layout = scene.layout
    style = scene.fig_style
    if layout is None or visible.left() <= style.margin + style.lane_label_width / 2:
        return []
    bold = font(style.font_families, style.small_px, bold=True)
    metrics = QFontMetricsF(bold)
    top = visible.top()
    if pinned_milestones(scene, visible):
        top = _milestone_strip(scene, visible).bottom()
    cards = sorted((c.sceneBoundingRect() for c in scene.cards.values()), key=QRectF.left)
    found = []
    for lane in layout.lanes:
        if not lane.label or lane.rect.bottom < top or lane.rect.y > visible.bottom():
            continue
        width = min(metrics.horizontalAdvance(lane.label[:40]) + 12, 180.0)
        box = QRectF(visible.left() + 2, max(lane.rect.y + 2, top + 2), width, style.small_px * 1.7)
        if box.bottom() > lane.rect.bottom:
            continue
        for card in cards:
            if card.intersects(box):
                box.moveLeft(card.right() + 4)
        if box.right() <= visible.right():
            found.append((lane.label, box))
    return found


def _milestone_strip(scene: TimelineScene, visible: QRectF) -> QRectF:
    """Where pinned milestone labels go: a line's height at the top of the view."""
    style = scene.fig_style
    return QRectF(visible.left(), visible.top(), visible.width(), style.small_px * 1.7)


def _backdrop(scene: TimelineScene, alpha: int) -> QColor:
    back = QColor(scene.fig_style.background)
    back.setAlpha(alpha)
    return back


def _paint_milestones(
    painter: QPainter, scene: TimelineScene, visible: QRectF, milestones: list[tuple[str, float]]
) -> None:
    """Milestone names stay at the top edge while the lanes are scrolled down."""
    style = scene.fig_style
    strip = _milestone_strip(scene, visible)
    bold = font(style.font_families, style.small_px, bold=True)
    painter.save()
    painter.fillRect(strip, _backdrop(scene, 235))
    painter.setPen(QPen(QColor(style.grid), 1))
    painter.drawLine(strip.bottomLeft(), strip.bottomRight())
    ends = [x for _, x in milestones[1:]] + [strip.right()]
    for (text, x), end in zip(milestones, ends, strict=True):
        draw_line_of_text(
            painter, QPointF(x + 4, strip.top() + 2), text, bold, style.milestone,
            max_width=max(end - x - 8, 0.0),
        )  # fmt: skip
    painter.restore()


def _paint_lane_labels(
    painter: QPainter, scene: TimelineScene, boxes: list[tuple[str, QRectF]]
) -> None:
    """Lane names stay at the left edge while the lanes are scrolled sideways."""
    style = scene.fig_style
    bold = font(style.font_families, style.small_px, bold=True)
    painter.save()
    for label, box in boxes:
        painter.fillRect(box, _backdrop(scene, 220))
        draw_line_of_text(
            painter, QPointF(box.left() + 6, box.top() + 2), label, bold, style.text,
            max_width=box.width() - 8,
        )  # fmt: skip
    painter.restore()


def _paint_axis(painter: QPainter, scene: TimelineScene, visible: QRectF) -> None:
    """A copy of the time axis along the bottom edge while the real one is below the view."""
    style = scene.fig_style
    strip_h = style.small_px * 3.6
    strip = QRectF(visible.left(), visible.bottom() - strip_h, visible.width(), strip_h)
    painter.save()
    painter.fillRect(strip, _backdrop(scene, 235))
    painter.setPen(QPen(QColor(style.grid), 1))
    painter.drawLine(strip.topLeft(), strip.topRight())
    line = font(style.font_families, style.small_px).pixelSize() * 1.3
    y = strip.top() + 4
    for tick in scene.axis.visible_ticks(visible.left(), visible.right()):
        paint_tick(painter, tick, y, line, style)
    painter.restore()
