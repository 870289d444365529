"""View › Zoom: Ctrl+= / Ctrl+- / Ctrl+0 scale the whole interface and are remembered (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pmdesk.ui import settings as keys
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window
from pmdesk.ui.theme import ZOOM_STEPS, apply_theme, current_zoom, zoom_percent, zoom_step


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, library_path: str, settings: Settings
) -> Iterator[MainWindow]:
    apply_theme(qapp, "light", zoom=100)
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _points(qapp: QApplication) -> float:
    return qapp.font().pointSizeF()


def test_ctrl_equals_and_minus_step_the_whole_interface_and_ctrl_0_resets(
    qtbot: QtBot, qapp: QApplication, window: MainWindow, settings: Settings
) -> None:
    actual = _points(qapp)
    label = QLabel("Checkout failures")  # any widget made now follows the application font
    qtbot.addWidget(label)
    plain = label.fontMetrics().height()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert current_zoom() == 110
    assert _points(qapp) == pytest.approx(actual * 1.1)
    assert settings.get(keys.ZOOM) == "110"
    assert "110 %" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = QLabel("Checkout failures")
    qtbot.addWidget(bigger)
    assert bigger.fontMetrics().height() > plain
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert current_zoom() == 110
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert current_zoom() == 100
    assert _points(qapp) == pytest.approx(actual)
    assert settings.get(keys.ZOOM) == "100"


def test_a_theme_change_keeps_the_zoom_and_the_zoom_keeps_the_theme(
    qapp: QApplication, window: MainWindow
) -> None:
    window.app_actions.set_zoom(150)
    light = _points(qapp)
    window.app_actions.set_theme("projector")
    assert current_zoom() == 150
    assert qapp.property("pmdeskTheme") == "projector"
    assert _points(qapp) > light  # the projector's larger type, zoomed as well
    window.app_actions.set_zoom(100)
    assert qapp.property("pmdeskTheme") == "projector"


def test_the_zoom_menu_is_under_view_with_its_shortcuts(window: MainWindow) -> None:
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    view = menus["View"]
    assert view is not None
    zoom = next(a.menu() for a in view.actions() if a.text().replace("&", "") == "Zoom")
    assert zoom is not None
    shown = {a.text().replace("&", ""): a.shortcut().toString() for a in zoom.actions()}
    assert shown == {"Zoom in": "Ctrl+=", "Zoom out": "Ctrl+-", "Actual size": "Ctrl+0"}


def test_remembered_zoom_reads_back_from_an_ini_file_and_bad_values_fall_back(
    settings: Settings,
) -> None:
    settings.set(keys.ZOOM, "125")
    assert zoom_percent(settings.get(keys.ZOOM)) == 125
    assert zoom_percent("not a number") == 100
    assert zoom_percent("130%") == 125  # the nearest level
    assert zoom_step(200, 1) == 200 and zoom_step(70, -1) == 70
    assert zoom_step(100, 1) == 110 and ZOOM_STEPS[0] == 70
