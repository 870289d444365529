"""The patterns timing chart: its axis, its labels, and what it paints for screen and reports."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from pmdesk.figures.export import ensure_gui_app
from pmdesk.figures.patterns.chart import chart_top, minutes_label, paint_timing_chart
from pmdesk.figures.style import figure_style
from pmdesk.patterns.summary import MonthTiming

MONTHS = (
    MonthTiming("2026-01", ("r1",), 10.0, 40.0),
    MonthTiming("2026-02", ("r2", "r3"), 17.5, None),
    MonthTiming("2026-03", ("r4",), 30.0, 95.0),
)


def _draw(months: tuple[MonthTiming, ...]) -> QImage:
    ensure_gui_app()
    image = QImage(640, 240, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_timing_chart(painter, QRectF(0, 0, 640, 240), months, figure_style("light"))
    painter.end()
    return image


def _has_colour(image: QImage, colour: str, columns: range | None = None) -> bool:
    want = QColor(colour)
    for x in columns or range(image.width()):
        for y in range(40, image.height()):  # below the key
            if image.pixelColor(x, y) == want:
                return True
    return False


def test_the_axis_ends_on_a_round_value_above_the_largest_median() -> None:
    assert chart_top(MONTHS) == 120.0
    assert chart_top((MonthTiming("2026-01", ("r1",), 3.0, 4.0),)) == 4.0
    assert chart_top((MonthTiming("2026-01", ("r1",), None, 3000.0),)) == 4320.0
    assert chart_top(()) == 1.0


def test_durations_read_as_minutes_hours_and_days() -> None:
    assert minutes_label(45) == "45 min"
    assert minutes_label(90) == "1.5 h"
    assert minutes_label(2880) == "2 d"


def test_both_series_are_drawn_in_their_colours() -> None:
    style = figure_style("light")
    image = _draw(MONTHS)
    assert _has_colour(image, style.trajectory)
    assert _has_colour(image, style.key_accent)


def test_an_empty_scope_draws_no_lines() -> None:
    style = figure_style("light")
    image = _draw(())
    assert not _has_colour(image, style.trajectory)
    assert not _has_colour(image, style.key_accent)
    background = QColor(style.background)
    assert any(
        image.pixelColor(x, y) != background for x in range(image.width()) for y in range(120, 140)
    )  # the "No times to show" line


def test_a_month_without_a_time_leaves_a_gap_not_a_zero() -> None:
    style = figure_style("light")
    only = (
        MonthTiming("2026-01", ("r1",), None, 40.0),
        MonthTiming("2026-02", ("r2",), None, 50.0),
    )
    image = _draw(only)
    assert not _has_colour(image, style.trajectory)
    assert _has_colour(image, style.key_accent)
