"""GUI test set-up: offscreen Qt, a fresh library and settings per test, no stray windows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before PySide6 is imported

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from pmdesk.ui.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def library_path(tmp_path: Path) -> str:
    return str(tmp_path / "library.pmdesk")


@pytest.fixture(autouse=True)
def empty_clipboard(qapp: QApplication) -> Iterator[None]:
    """Clear the clipboard after each test while the app is alive.

    Mime data left on the clipboard is destroyed with the QApplication at
    interpreter exit, after Python has torn down its wrapper: PySide6 6.11
    then crashes (SIGSEGV) although every test passed.
    """
    yield
    clipboard = QApplication.clipboard()
    if clipboard is not None:
        clipboard.clear()
    QApplication.processEvents()


@pytest.fixture(autouse=True)
def app_look_restored(qapp: QApplication) -> Iterator[None]:
    """Each test starts in the look the suite started in, whatever theme a test applied."""
    palette, font, sheet = qapp.palette(), qapp.font(), qapp.styleSheet()
    theme, base = qapp.property("pmdeskTheme"), qapp.property("pmdeskBaseFont")
    zoom = qapp.property("pmdeskZoom")
    yield
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)
    qapp.setProperty("pmdeskTheme", theme)
    qapp.setProperty("pmdeskBaseFont", base)
    qapp.setProperty("pmdeskZoom", zoom)


@pytest.fixture(autouse=True)
def no_stray_windows(qapp: QApplication) -> Iterator[None]:
    """After each test no top-level widget is left visible (napari checks the same)."""
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    QApplication.processEvents()
    stray = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and id(w) not in before and not _is_popup(w)
    ]
    for widget in stray:
        widget.close()
    assert not stray, f"windows left open: {[type(w).__name__ for w in stray]}"


def _is_popup(widget: QWidget) -> bool:
    from PySide6.QtCore import Qt

    return bool(widget.windowFlags() & Qt.WindowType.Popup)
