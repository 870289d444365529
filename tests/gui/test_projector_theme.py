"""The projector theme on the editing views at 1280×800 (issue 15).

The window stays the size of the projector's screen whatever section is open;
the Actions table shows every column inside its viewport; the section list
shows whole names; text on screen keeps a contrast of at least 7:1.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QHeaderView, QLineEdit, QTableView
from pytestqt.qtbot import QtBot

from pmdesk.figures.style import contrast_ratio
from pmdesk.ui.editor.review_editor import ReviewEditor
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window
from pmdesk.ui.theme import apply_theme

SIZE = (1280, 800)


@pytest.fixture
def editor(
    qtbot: QtBot, qapp: QApplication, library_path: str, settings: Settings
) -> Iterator[ReviewEditor]:
    """The sample review open in the projector theme, in a 1280×800 window."""
    apply_theme(qapp, "projector")
    window = build_main_window(library_path, settings=settings)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    review_id = window.library.list_reviews()[0].id
    opened = window.open_review(review_id)
    assert opened is not None
    window.show()
    qtbot.waitExposed(window)
    yield opened
    window.close()


def _hex(image: QImage, x: int, y: int) -> str:
    return QColor(image.pixel(x, y)).name()


@pytest.mark.parametrize("key", ["overview", "factors", "actions"])
def test_the_window_keeps_the_projector_size(qtbot: QtBot, editor: ReviewEditor, key: str) -> None:
    """A wide section elsewhere in the editor (report, timeline) never pushes this one off."""
    editor.show_section(key)
    QApplication.processEvents()
    window = editor.window()
    hint = window.minimumSizeHint()
    assert hint.width() <= SIZE[0] and hint.height() <= SIZE[1]
    assert (window.width(), window.height()) == SIZE


def test_every_actions_column_is_shown_inside_the_table(qtbot: QtBot, editor: ReviewEditor) -> None:
    section = editor.show_section("actions")
    view = section.findChild(QTableView, "actionsTable")
    assert view is not None
    header: QHeaderView = view.horizontalHeader()
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    room = view.viewport().width()
    for n in range(header.count()):
        assert not header.isSectionHidden(n), view.model().headerData(n, header.orientation())
        assert header.sectionViewportPosition(n) >= 0
        assert header.sectionViewportPosition(n) + header.sectionSize(n) <= room
    # Dates stay whole: the Due column is as wide as a date in the table's font.
    titles = [view.model().headerData(n, header.orientation()) for n in range(header.count())]
    due = titles.index("Due")
    assert header.sectionSize(due) >= view.fontMetrics().horizontalAdvance("2026-11-30")
    # Several actions are in view at once, not one screen-tall row.
    assert view.rowViewportPosition(3) < view.viewport().height()


def test_the_section_list_shows_whole_names(editor: ReviewEditor) -> None:
    nav = editor.nav
    metrics = nav.fontMetrics()
    for row in range(nav.count()):
        text = nav.item(row).text()
        assert nav.visualItemRect(nav.item(row)).width() >= metrics.horizontalAdvance(text)
        assert nav.visualItemRect(nav.item(row)).right() <= nav.viewport().width()


def test_actions_text_on_screen_is_readable(qtbot: QtBot, editor: ReviewEditor) -> None:
    """Sampled pixels: the lightest text in an Actions cell against its background."""
    section = editor.show_section("actions")
    view = section.findChild(QTableView, "actionsTable")
    assert view is not None
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    image = view.viewport().grab().toImage()
    rect = view.visualRect(view.model().index(0, 1))
    background = _hex(image, rect.left() + 2, rect.top() + 2)
    pixels = [
        _hex(image, x, y)
        for x in range(rect.left(), min(rect.right(), image.width()))
        for y in range(rect.top(), min(rect.bottom(), image.height()))
    ]
    best = max(contrast_ratio(p, background) for p in pixels)
    assert best >= 7.0  # the projector theme asks AAA contrast of every text colour


def test_inputs_have_a_visible_border(qtbot: QtBot, editor: ReviewEditor) -> None:
    """The capture line's edge differs from the black around it."""
    edit = editor.show_section("actions").findChild(QLineEdit, "actionCaptureEdit")
    assert edit is not None
    qtbot.waitUntil(lambda: edit.isVisible())
    image = edit.grab().toImage()
    y = image.height() // 2
    edge = max(contrast_ratio(_hex(image, x, y), "#000000") for x in range(4))
    assert edge >= 3.0
