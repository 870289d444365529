"""The board at 1280×800 in the projector theme: every layer in view, words never split."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.figures.qt_text import font, line_texts
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors.board import FactorBoard
from pmdesk.ui.factors.section import FactorBoardSection
from pmdesk.ui.theme import apply_theme


def _projector_board(
    qtbot: QtBot, qapp: QApplication, document: ReviewDocument
) -> FactorBoardSection:
    """The section at 1280×800 in the projector theme (the caller keeps it alive)."""
    apply_theme(qapp, "projector")
    section = FactorBoardSection(document)
    qtbot.addWidget(section)
    section.resize(1280, 800)
    section.show()
    qtbot.waitExposed(section)
    return section


def test_every_layer_is_inside_the_viewport_at_1280x800(
    qtbot: QtBot, qapp: QApplication, document: ReviewDocument
) -> None:
    section = _projector_board(qtbot, qapp, document)
    board: FactorBoard = section.board
    layout = board.layout_used
    assert layout is not None and len(layout.slices) >= 6
    view = QRectF(board.viewport().rect())
    for layer in layout.slices:
        rect = board.mapFromScene(QRectF(layer.rect.x, layer.rect.y, layer.rect.w, layer.rect.h))
        assert view.contains(QRectF(rect.boundingRect())), layer.name
        label = layer.label_rect
        top = board.mapFromScene(QRectF(label.x, label.y, label.w, label.h)).boundingRect()
        assert view.contains(QRectF(top)), layer.name


def test_board_uses_the_height_it_has(
    qtbot: QtBot, qapp: QApplication, document: ReviewDocument
) -> None:
    section = _projector_board(qtbot, qapp, document)
    board: FactorBoard = section.board
    layout = board.layout_used
    assert layout is not None
    scale = board.transform().m11()
    used = max(layout.width * scale / board.viewport().width(),
               layout.height * scale / board.viewport().height())  # fmt: skip
    assert used > 0.9  # one side of the board fills the view: no empty lower half


def test_hole_text_wraps_only_between_words(
    qtbot: QtBot, qapp: QApplication, document: ReviewDocument
) -> None:
    section = _projector_board(qtbot, qapp, document)
    board: FactorBoard = section.board
    style = board.fig_style
    layout = board.layout_used
    assert layout is not None
    body = font(style.font_families, style.body_px)
    texts = [h.text for h in layout.holes] + ["acknowledgement of the provider's notice"]
    for hole_text, width in [(t, layout.holes[0].text_rect.w) for t in texts]:
        lines = line_texts(hole_text, body, width)
        assert "".join(lines) == hole_text
        # Every break falls after a space or a hyphen, never inside a word.
        assert all(line[-1:].isspace() or line.endswith("-") for line in lines[:-1]), lines


def test_a_word_too_wide_is_never_split(qapp: QApplication) -> None:
    body = font(("DejaVu Sans",), 21)
    word = "acknowledgement" * 3
    lines = line_texts(f"no {word} given", body, 120)
    assert word in [line.strip() for line in lines]
