"""Painting the timeline with QPainter, piece by piece or whole.

The canvas's items call the piece painters from their ``paint()``; the
exporters call ``render_timeline``. Both pass a layout from
``timeline.layout`` and a ``FigureStyle``, so the screen and the report agree.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from pmdesk.clock import format_duration
from pmdesk.figures.geometry import Rect
from pmdesk.figures.qt_text import draw_line_of_text, draw_text, font, line_spacing
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.labels import (
    LABEL_PAD,
    card_inset,
    lane_label_inset,
    phase_text,
    subtitle_room,
)
from pmdesk.figures.timeline.layout import (
    Card,
    Lane,
    Milestone,
    Phase,
    TimelineLayout,
)
from pmdesk.figures.timeline.scale import Gap, Tick


class Detail(enum.IntEnum):
    """How much of a card is worth drawing at its size on the output device."""

    DOT = 0
    TITLE = 1
    FULL = 2


def qrect(rect: Rect) -> QRectF:
    """A Rect as a QRectF: the layouts are Qt-free, the painters are not."""
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def card_detail(painter: QPainter, rect: QRectF, style: FigureStyle) -> Detail:
    """Level of detail from the card's size on the device, as a zoomed-out canvas needs."""
    device = painter.worldTransform().mapRect(rect)
    scale = device.height() / rect.height() if rect.height() > 0 else 1.0
    text_px = style.small_px * scale
    if text_px < 5 or device.width() < 24:
        return Detail.DOT
    if text_px < 8 or device.height() < 3 * style.small_px:
        return Detail.TITLE
    return Detail.FULL


def paint_event_card(painter: QPainter, rect: QRectF, card: Card, style: FigureStyle) -> None:
    """One event: a card with a kind-coloured edge at its moment, or a dot when small."""
    kind_color = QColor(style.kind_colors[card.kind])
    detail = Detail.DOT if card.overflow else card_detail(painter, rect, style)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if detail is Detail.DOT:
        painter.setPen(QPen(QColor(style.key_accent), 2) if card.key else Qt.PenStyle.NoPen)
        painter.setBrush(kind_color)
        d = min(rect.width(), rect.height())
        painter.drawEllipse(QRectF(rect.left(), rect.top(), d, d))
        painter.restore()
        return
    border = QPen(QColor(style.key_accent if card.key else style.card_border))
    border.setWidthF(style.line_width * (2 if card.key else 1))
    painter.setPen(border)
    painter.setBrush(QColor(style.card_fill))
    painter.drawRoundedRect(rect, 5, 5)
    stripe = QPainterPath()
    stripe.addRoundedRect(QRectF(rect.left(), rect.top(), 8, rect.height()), 4, 4)
    stripe_clip = QPainterPath()
    stripe_clip.addRect(QRectF(rect.left(), rect.top(), 4, rect.height()))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(kind_color)
    painter.drawPath(stripe.intersected(stripe_clip))
    pad = card_inset(style)
    inner = rect.adjusted(4 + pad, pad - 1, -pad, -pad + 1)
    small = font(style.font_families, style.small_px)
    body = font(style.font_families, style.body_px)
    if card.key:
        star = font(style.font_families, style.small_px, bold=True)
        draw_line_of_text(
            painter,
            QPointF(inner.right(), inner.top()),
            "★" if card.subtitle_px else "★ key",  # a tightly fitted line needs the room
            star,
            style.key_accent,
            max_width=inner.width(),
            align=Qt.AlignmentFlag.AlignRight,
        )
    if detail is Detail.FULL:
        meta = card.subtitle or card.time_label
        room = inner.width() - (style.small_px * 3.6 if card.key else 0)
        if card.subtitle_px:  # fitted by the layout so the whole person shows
            small = font(style.font_families, card.subtitle_px)
            room = subtitle_room(style, card.key, compact=True)
        draw_line_of_text(painter, inner.topLeft(), meta, small, style.muted, max_width=room + 1)
        line = small.pixelSize() * 1.25
        title_rect = inner.adjusted(0, line, 0, 0)
    else:
        title_rect = inner
    draw_text(painter, title_rect, card.title, body, style.text)
    painter.restore()


def paint_lane(painter: QPainter, lane: Lane, index: int, style: FigureStyle) -> None:
    """A lane's band and its label in the left gutter."""
    rect = qrect(lane.rect)
    painter.save()
    painter.fillRect(rect, QColor(style.lane_fill_alt if index % 2 else style.lane_fill))
    painter.setPen(QPen(QColor(style.grid), style.line_width))
    painter.drawLine(QLineF(rect.bottomLeft(), rect.bottomRight()))
    if not lane.label:  # the one lane of a key-moments strip has no gutter to write in
        painter.restore()
        return
    column = lane.label_w or style.lane_label_width
    label = QRectF(rect.left() + 8, rect.top() + style.lane_pad, column - lane_label_inset(),
                   rect.height() - 2 * style.lane_pad)  # fmt: skip
    bold = font(style.font_families, style.body_px, bold=True)
    lines = draw_text(painter, label, lane.label, bold, style.text)
    if lane.hidden:
        note = font(style.font_families, style.small_px)
        below = label.adjusted(0, lines * bold.pixelSize() * 1.3, 0, 0)
        draw_text(painter, below, f"+{lane.hidden} shown as dots", note, style.muted)
    painter.restore()


def paint_axis(painter: QPainter, layout: TimelineLayout, style: FigureStyle) -> None:
    """The time axis: a line broken at squeezed gaps, ticks with local times and dates."""
    y = layout.axis_y
    pen = QPen(QColor(style.text), style.line_width * 1.5)
    painter.save()
    painter.setPen(pen)
    x = layout.scale.x_start
    for gap in layout.gaps:
        painter.drawLine(QLineF(x, y, gap.x0 + 4, y))
        x = gap.x1 - 4
    painter.drawLine(QLineF(x, y, layout.scale.x_end, y))
    line = font(style.font_families, style.small_px).pixelSize() * 1.3
    for tick in layout.ticks:
        paint_tick(painter, tick, y, line, style)
    painter.restore()


def paint_tick(painter: QPainter, tick: Tick, y: float, line: float, style: FigureStyle) -> None:
    """One axis tick with its time, and the date under it where the day changes."""
    painter.save()
    painter.setPen(QPen(QColor(style.text), style.line_width))
    painter.drawLine(QLineF(tick.x, y, tick.x, y + (7 if tick.major else 4)))
    small = font(style.font_families, style.small_px)
    room = style.tick_spacing * 1.2
    draw_line_of_text(
        painter, QPointF(tick.x, y + 8), tick.label, small, style.text,
        max_width=room, align=Qt.AlignmentFlag.AlignHCenter,
    )  # fmt: skip
    if tick.day_label:
        bold = font(style.font_families, style.small_px, bold=True)
        draw_line_of_text(
            painter, QPointF(tick.x, y + 8 + line), tick.day_label, bold, style.text,
            max_width=room, align=Qt.AlignmentFlag.AlignHCenter,
        )  # fmt: skip
    painter.restore()


def paint_grid(painter: QPainter, layout: TimelineLayout, style: FigureStyle) -> None:
    """Faint verticals at each tick, so a card's time can be read across the lanes."""
    painter.save()
    pen = QPen(QColor(style.grid), style.line_width)
    pen.setStyle(Qt.PenStyle.DotLine)
    painter.setPen(pen)
    top, bottom = layout.plot.y, layout.axis_y
    for tick in layout.ticks:
        painter.drawLine(QLineF(tick.x, top, tick.x, bottom))
    painter.restore()


def paint_gap(painter: QPainter, gap: Gap, top: float, bottom: float, style: FigureStyle) -> None:
    """A squeezed quiet stretch: a blank band through the lanes, labelled with its real length."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    band = QRectF(gap.x0 + 5, top, max(gap.x1 - gap.x0 - 10, 2.0), bottom - top)
    painter.fillRect(band, QColor(style.background))
    edge = QPen(QColor(style.grid), style.line_width)
    edge.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(edge)
    painter.drawLine(QLineF(band.topLeft(), band.bottomLeft()))
    painter.drawLine(QLineF(band.topRight(), band.bottomRight()))
    # The axis break: two slanted strokes where the line stops and resumes.
    painter.setPen(QPen(QColor(style.text), style.line_width * 1.5))
    for x in (gap.x0 + 4, gap.x1 - 4):
        painter.drawLine(QLineF(x - 3, bottom + 6, x + 3, bottom - 6))
    small = font(style.font_families, style.small_px)
    painter.translate(band.center().x(), band.top() + 8)
    painter.rotate(-90)
    lines = _gap_lines(format_duration(gap.duration.total_seconds()), small, band)
    line = line_spacing(small)
    for n, text in enumerate(lines):
        draw_line_of_text(
            painter, QPointF(0, (n - len(lines) / 2) * line), text, small, style.muted,
            max_width=band.height() - 16, align=Qt.AlignmentFlag.AlignRight,
        )  # fmt: skip
    painter.restore()


def _gap_lines(duration: str, small: QFont, band: QRectF) -> list[str]:
    """A quiet stretch's words, on two lines across the band when one runs past its height."""
    room = band.height() - 16
    one = f"quiet {duration}"
    if QFontMetricsF(small).horizontalAdvance(one) <= room or band.width() < 2 * line_spacing(
        small
    ):
        return [one]
    return ["quiet", duration]


def paint_milestone(
    painter: QPainter, milestone: Milestone, layout: TimelineLayout, style: FigureStyle
) -> None:
    """A milestone: a dashed line down through the lanes and its label at the top."""
    painter.save()
    pen = QPen(QColor(style.milestone), style.line_width * 1.5)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    small = font(style.font_families, style.small_px, bold=True)
    top = milestone.label_y
    painter.drawLine(QLineF(milestone.x, top, milestone.x, layout.axis_y))
    text = f"{milestone.label} {milestone.time_label}"
    if milestone.label_w:  # placed whole by the layout, perhaps left of its line
        room = milestone.label_w + LABEL_PAD  # what the layout measured, and a little slack
        draw_line_of_text(
            painter, QPointF(milestone.label_x, top), text, small, style.milestone, max_width=room
        )
    else:
        draw_line_of_text(
            painter, QPointF(milestone.x + 4, top), text, small, style.milestone,
            max_width=layout.width - milestone.x - style.margin - 4,
        )  # fmt: skip
    painter.restore()


def paint_phase(painter: QPainter, phase: Phase, band: Rect, style: FigureStyle) -> None:
    """The stretch between two milestones, with its name and length when there is room."""
    rect = QRectF(phase.x0, band.y, max(phase.x1 - phase.x0, 2.0), band.h)
    painter.save()
    fill = QColor(style.phase_fills.get(phase.name, style.lane_fill_alt))
    painter.fillRect(rect, fill)
    small = font(style.font_families, style.small_px)
    text = phase_text(phase.label, phase.duration_text)
    if phase.label_row:  # too long for its band: on a row under the bands, in the band's colour
        box = QRectF(phase.label_x - LABEL_PAD, phase.label_y, phase.label_w + 2 * LABEL_PAD,
                     line_spacing(small) + 2)  # fmt: skip
        painter.fillRect(box, fill)
        painter.fillRect(QRectF(phase.x0, band.bottom, 2.0, box.bottom() - band.bottom), fill)
        draw_line_of_text(
            painter, QPointF(phase.label_x, phase.label_y + 1), text, small, style.text,
            max_width=phase.label_w + LABEL_PAD,
        )  # fmt: skip
    elif rect.width() > small.pixelSize() * 3:
        inner = rect.adjusted(4, 0, -4, 0)
        draw_text(
            painter, inner, text, small, style.text, align=Qt.AlignmentFlag.AlignHCenter,
            middle=True,
        )  # fmt: skip
    painter.restore()


def render_timeline(painter: QPainter, layout: TimelineLayout, style: FigureStyle) -> None:
    """The whole figure, in logical pixels from (0, 0); the caller sets any scaling."""
    painter.save()
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), QColor(style.background))
    title = font(style.font_families, style.title_px, bold=True)
    draw_line_of_text(
        painter, QPointF(layout.title_rect.x, layout.title_rect.y), layout.title, title,
        style.text, max_width=layout.title_rect.w,
    )  # fmt: skip
    body = font(style.font_families, style.body_px)
    draw_line_of_text(
        painter, QPointF(layout.summary_rect.x, layout.summary_rect.y), layout.summary, body,
        style.muted, max_width=layout.summary_rect.w,
    )  # fmt: skip
    for index, lane in enumerate(layout.lanes):
        paint_lane(painter, lane, index, style)
    for phase in layout.phases:
        paint_phase(painter, phase, layout.phase_band, style)
    if layout.empty_message:
        area = qrect(layout.plot)
        draw_text(
            painter, area, layout.empty_message, body, style.muted,
            align=Qt.AlignmentFlag.AlignHCenter, middle=True,
        )  # fmt: skip
    else:
        paint_grid(painter, layout, style)
    for gap in layout.gaps:
        paint_gap(painter, gap, layout.plot.y, layout.axis_y, style)
    if layout.ticks:
        paint_axis(painter, layout, style)
    for milestone in layout.milestones:
        paint_milestone(painter, milestone, layout, style)
    _paint_rug(painter, layout, style)
    for card in layout.cards:
        if card.overflow:
            paint_event_card(painter, qrect(card.rect), card, style)
    for card in layout.cards:
        if card.number:
            paint_marker(painter, card, layout.axis_y, style)
        elif not card.overflow:
            paint_event_card(painter, qrect(card.rect), card, style)
    painter.restore()


def paint_marker(painter: QPainter, card: Card, axis_y: float, style: FigureStyle) -> None:
    """A numbered key moment: a ring in its kind's colour, a stem down to its time."""
    rect = qrect(card.rect)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stem = QPen(QColor(style.grid), style.line_width)
    painter.setPen(stem)
    painter.drawLine(QLineF(card.anchor_x, rect.bottom(), card.anchor_x, axis_y))
    ring = QPen(QColor(style.kind_colors[card.kind]), max(2.0, rect.width() / 8))
    painter.setPen(ring)
    painter.setBrush(QColor(style.card_fill))
    inset = ring.widthF() / 2
    painter.drawEllipse(rect.adjusted(inset, inset, -inset, -inset))
    size = style.small_px if card.number > 99 else style.body_px
    number = font(style.font_families, size, bold=True)
    draw_text(
        painter, rect, str(card.number), number, style.text,
        align=Qt.AlignmentFlag.AlignHCenter, middle=True,
    )  # fmt: skip
    painter.restore()


def _paint_rug(painter: QPainter, layout: TimelineLayout, style: FigureStyle) -> None:
    """A short mark on the axis for every event, so density shows even where cards stack."""
    painter.save()
    y = layout.axis_y
    for card in layout.cards:
        color = QColor(style.kind_colors[card.kind])
        painter.setPen(QPen(QBrush(color), style.line_width * 1.5))
        painter.drawLine(QLineF(card.anchor_x, y - 6, card.anchor_x, y))
    painter.restore()
