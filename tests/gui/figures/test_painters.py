"""Piece painters as a canvas item would call them: level of detail and text fitting."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter

from pmdesk.figures.geometry import Rect
from pmdesk.figures.qt_text import QtTextMeasure, draw_text, font
from pmdesk.figures.style import figure_style
from pmdesk.figures.timeline.layout import Card
from pmdesk.figures.timeline.paint import Detail, card_detail, paint_event_card
from pmdesk.model import EventKind

STYLE = figure_style("light")
CARD = Card(
    event_id="e1",
    rect=Rect(0, 0, STYLE.card_width, STYLE.card_height),
    anchor_x=0,
    lane=0,
    row=0,
    title="Cache TTL restored to 300 s",
    time_label="15:00",
    kind=EventKind.MITIGATION,
    actor="Jonas Lindqvist",
    key=False,
)


def painted(scale: float) -> tuple[QImage, Detail]:
    image = QImage(400, 200, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.translate(10, 10)
    painter.scale(scale, scale)
    rect = QRectF(0, 0, CARD.rect.w, CARD.rect.h)
    detail = card_detail(painter, rect, STYLE)
    paint_event_card(painter, rect, CARD, STYLE)
    painter.end()
    return image, detail


def inked(image: QImage) -> int:
    return sum(
        image.pixelColor(x, y).lightness() < 200
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_cards_simplify_as_they_shrink(qapp):
    full, full_detail = painted(1.0)
    title, title_detail = painted(0.55)
    dot, dot_detail = painted(0.12)
    assert (full_detail, title_detail, dot_detail) == (Detail.FULL, Detail.TITLE, Detail.DOT)
    assert inked(dot) < 20
    assert inked(dot) < inked(title) < inked(full)
    stripe = full.pixelColor(12, 10 + round(CARD.rect.h / 2))
    assert stripe.name() == STYLE.kind_colors[EventKind.MITIGATION]


def test_measured_lines_match_drawn_lines(qapp):
    measure = QtTextMeasure(STYLE)
    qfont = font(STYLE.font_families, STYLE.body_px)
    text = "Only one team knows how the scheduler behaves under load, and it is not written down"
    for width in (90.0, 160.0, 260.0, 900.0):
        lines = measure.wrapped_lines(text, width, STYLE.body_px)
        height = lines * measure.line_height(STYLE.body_px)
        image = QImage(1000, 400, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        drawn = draw_text(painter, QRectF(0, 0, width, height), text, qfont, "#000000")
        short = draw_text(painter, QRectF(0, 0, width, height / lines), text, qfont, "#000000")
        painter.end()
        assert drawn == lines
        assert short == 1


def test_painting_keeps_references_to_none(qapp):
    """PySide6 6.12.0 dropped a reference to None on every void call (shared ENVIRONMENT.md).

    On Python 3.11 that aborts the interpreter after a few thousand calls; a
    1,000-event figure makes tens of thousands of them.
    """
    import sys

    from pmdesk.figures.samples import many_events
    from pmdesk.figures.timeline.layout import layout_timeline
    from pmdesk.figures.timeline.paint import render_timeline

    layout = layout_timeline(many_events(1000), style=STYLE, measure=QtTextMeasure(STYLE))
    image = QImage(round(layout.width), round(layout.height), QImage.Format.Format_RGB32)
    before = sys.getrefcount(None)
    painter = QPainter(image)
    render_timeline(painter, layout, STYLE)
    painter.end()
    assert sys.getrefcount(None) > before - 1000


def test_right_to_left_and_other_scripts_have_glyphs_and_wrap_as_measured(qapp):
    measure = QtTextMeasure(STYLE)
    qfont = font(STYLE.font_families, STYLE.body_px)
    for text in ("שלום עולם, השרת נפל", "مرحبا بالعالم، الخادم متوقف", "Ελληνικά и кириллица"):
        image = QImage(300, 80, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        drawn = draw_text(painter, QRectF(0, 0, 300, 80), text, qfont, "#000000")
        painter.end()
        assert drawn == measure.wrapped_lines(text, 300, STYLE.body_px) == 1
        assert inked(image) > 10
        metrics = QFontMetricsF(qfont)
        assert all(metrics.inFontUcs4(ord(ch)) for ch in text), f"missing glyphs in {text}"
