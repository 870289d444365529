"""The board follows the application's theme: the projector theme gives the large figure style."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.figures.style import figure_style
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors.section import FactorBoardSection, app_theme
from pmdesk.ui.theme import apply_theme


@pytest.fixture
def themed_app(qapp: QApplication) -> QApplication:
    """The application whose theme a test changes (conftest puts the look back after)."""
    return qapp


@pytest.mark.parametrize("theme", ["light", "dark", "projector"])
def test_section_takes_the_app_theme(
    qtbot: QtBot, themed_app: QApplication, document: ReviewDocument, theme: str
) -> None:
    apply_theme(themed_app, theme)
    assert app_theme() == theme
    section = FactorBoardSection(document)
    qtbot.addWidget(section)
    section.resize(1600, 900)
    section.show()
    qtbot.waitExposed(section)
    expected = figure_style(theme)
    assert section.board.fig_style.body_px == expected.body_px
    assert section.board.fig_style.cheese == expected.cheese
    assert section.board.scene().backgroundBrush().color().name() == expected.background.lower()
