"""Time to detect and to mitigate over time: one line each, one point per month.

Drawn with QPainter (QtGui only), so the patterns view paints it on screen and a
report can paint it into an image. Months without a figure leave a gap in their
line instead of a made-up zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen

from pmdesk.figures.qt_text import draw_line_of_text, font, line_spacing
from pmdesk.figures.style import FigureStyle
from pmdesk.patterns.summary import MonthTiming

#: The series drawn, with the style colour each uses (from the event kinds' palette).
SERIES = (("detect", "to detect"), ("mitigate", "to mitigate"))


def _value(month: MonthTiming, key: str) -> float | None:
    return month.detect if key == "detect" else month.mitigate


def _colours(style: FigureStyle) -> tuple[str, str]:
    return style.trajectory, style.key_accent


def chart_top(months: Sequence[MonthTiming]) -> float:
    """The value the vertical axis ends at: the largest median, rounded up to a round step."""
    values = [v for m in months for k, _ in SERIES if (v := _value(m, k)) is not None]
    biggest = max(values, default=0.0)
    step = 1.0
    for candidate in (1, 5, 10, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080):
        step = float(candidate)
        if biggest <= candidate * 4:
            break
    top = step
    while top < biggest:
        top += step
    return top


def minutes_label(minutes: float) -> str:
    """A duration as people read it on an axis: 45 min, 3 h, 2 d."""
    if minutes < 60:
        return f"{minutes:.0f} min"
    if minutes < 1440:
        return f"{minutes / 60:.3g} h"
    return f"{minutes / 1440:.3g} d"


def paint_timing_chart(
    painter: QPainter, rect: QRectF, months: Sequence[MonthTiming], style: FigureStyle
) -> None:
    """Median minutes to detect and to mitigate per month inside ``rect``, with axes and a key."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(style.background))
    small = font(style.font_families, style.small_px)
    line_h = line_spacing(small)
    if not months:
        draw_line_of_text(
            painter, rect.center(), "No times to show", small, style.muted,
            max_width=rect.width(), align=Qt.AlignmentFlag.AlignHCenter,
        )  # fmt: skip
        painter.restore()
        return
    top = chart_top(months)
    plot = rect.adjusted(70, line_h * 2 + 8, -16, -(line_h + 12))
    grid_pen = QPen(QColor(style.grid), 1)
    for i in range(5):
        y = plot.bottom() - plot.height() * i / 4
        painter.setPen(grid_pen)
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        draw_line_of_text(
            painter, QPointF(plot.left() - 6, y - line_h / 2), minutes_label(top * i / 4),
            small, style.muted, max_width=64, align=Qt.AlignmentFlag.AlignRight,
        )  # fmt: skip
    count = len(months)

    def x_of(i: int) -> float:
        return plot.center().x() if count == 1 else plot.left() + plot.width() * i / (count - 1)

    every = max(1, int(count * 60 / max(plot.width(), 1)) + 1)
    for i, month in enumerate(months):
        if i % every == 0 or i == count - 1:
            draw_line_of_text(
                painter, QPointF(min(max(x_of(i), rect.left() + 30), rect.right() - 30),
                                 plot.bottom() + 4), month.month, small, style.muted,
                max_width=60, align=Qt.AlignmentFlag.AlignHCenter,
            )  # fmt: skip
    key_x = plot.left()
    for (key, name), colour in zip(SERIES, _colours(style), strict=True):
        pen = QPen(QColor(colour), style.line_width * 2)
        painter.setPen(pen)
        painter.setBrush(QColor(colour))
        path = QPainterPath()
        drawing = False
        for i, month in enumerate(months):
            value = _value(month, key)
            if value is None:
                drawing = False
                continue
            point = QPointF(x_of(i), plot.bottom() - plot.height() * value / top)
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
            painter.drawEllipse(point, 3, 3)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.drawLine(
            QPointF(key_x, rect.top() + line_h), QPointF(key_x + 20, rect.top() + line_h)
        )
        draw_line_of_text(
            painter, QPointF(key_x + 26, rect.top() + line_h / 2), f"median time {name}",
            small, style.text, max_width=200,
        )  # fmt: skip
        key_x += 200
    painter.restore()


def timing_chart_png(
    months: Sequence[MonthTiming], *, width: int = 720, height: int = 260, dpi_scale: float = 3.0
) -> bytes:
    """The chart as a PNG for the learning report, drawn by the same painter as the screen's."""
    from PySide6.QtCore import QSize

    from pmdesk.figures.export import ensure_gui_app, painted_png
    from pmdesk.figures.style import figure_style

    ensure_gui_app()
    style = figure_style("light")
    size = QSize(round(width * dpi_scale), round(height * dpi_scale))
    box = QRectF(0, 0, width, height)
    return painted_png(
        size, dpi_scale, style.background, dpi_scale,
        lambda painter: paint_timing_chart(painter, box, months, style),
    )  # fmt: skip
