"""The board as a room sees it (presenter): every word shown, emoji drawn as glyphs."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from pmdesk.figures.factors.layout import fit_cheese, room_style
from pmdesk.figures.qt_text import QtTextMeasure, draw_text, font, line_texts
from pmdesk.figures.style import figure_style
from pmdesk.model import Review
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample


def _sample() -> Review:
    library = Library.open(Path(tempfile.mkdtemp()) / "l.pmdesk", seed=seed_sample)
    try:
        return library.get_review(library.list_reviews()[0].id)
    finally:
        library.close()


def test_room_board_shows_every_word_of_factors_and_layers(qapp: QApplication) -> None:
    style = room_style(figure_style("projector"))
    assert style.body_px >= 24
    layout = fit_cheese(_sample(), 1760, 820, style=style, measure=QtTextMeasure(style))
    body = font(style.font_families, style.body_px)
    line_h = QFontMetricsF(body).lineSpacing()
    for hole in layout.holes:
        lines = line_texts(hole.text, body, hole.text_rect.w)
        room = hole.text_rect.h + 0.5
        assert len(lines) * line_h <= room, (hole.text, len(lines), room / line_h)
    bold = font(style.font_families, style.body_px, bold=True)
    for layer in layout.slices:
        lines = line_texts(layer.name, bold, layer.label_rect.w)
        assert len(lines) * line_h <= layer.label_rect.h, layer.name


def _ink(text: str) -> int:
    """Dark pixels after drawing ``text`` with the figures' font on white."""
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    draw_text(painter, QRectF(0, 0, 120, 60), text, font(("DejaVu Sans",), 40), "#000000")
    painter.end()
    return sum(1 for x in range(120) for y in range(60) if image.pixelColor(x, y).lightness() < 128)


def test_an_emoji_draws_as_a_glyph_not_a_box(qapp: QApplication) -> None:
    families = font(("DejaVu Sans",), 20).families()
    assert "Symbola" in families
    # The fire emoji and the box drawn for a character no font has (private use) differ.
    fire, box = _ink("\U0001f525"), _ink("\U0010fffd")
    assert box > 0
    assert abs(fire - box) > box
