"""The canvas draws correctly after a scroll: what is on screen equals a fresh render.

``QWidget.grab()`` paints the widget anew, so it cannot show stale pixels; the
offscreen platform's ``grabWindow`` reads the backing store, which is what a
person sees after Qt scrolled the old pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.ui.timeline.section import TimelineCanvasSection
from pmdesk.ui.timeline.view import TimelineView


def _wheel(view: TimelineView, dx: int = 0, dy: int = 0) -> None:
    viewport = view.viewport()
    pos = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(
        pos, viewport.mapToGlobal(pos), QPoint(), QPoint(dx, dy), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(viewport, event)


def _on_screen(view: TimelineView) -> QImage:
    """The viewport's pixels as the backing store holds them (what a person sees)."""
    viewport = view.viewport()
    top = viewport.mapTo(viewport.window(), QPoint(0, 0))
    screen = viewport.screen()
    shot = screen.grabWindow(
        viewport.window().winId(), top.x(), top.y(), viewport.width(), viewport.height()
    )
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def _stale_pixels(view: TimelineView) -> int:
    """Pixels where the screen and a fresh render of the same position clearly differ.

    A dotted grid line may start its dots one pixel apart (lightness within 40);
    a stale copy of the axis or a lane name is dark text on the light canvas.
    """
    QApplication.processEvents()
    shown = _on_screen(view)
    fresh = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert shown.size() == fresh.size()
    stale = 0
    for y in range(shown.height()):
        # the green byte of each 32-bit pixel stands in for its lightness
        a = bytes(shown.constScanLine(y))[1 : shown.width() * 4 : 4]
        b = bytes(fresh.constScanLine(y))[1 : fresh.width() * 4 : 4]
        if a != b:
            stale += sum(1 for p, q in zip(a, b, strict=True) if abs(p - q) > 60)
    return stale


def _zoomed_in(qtbot: QtBot, section: TimelineCanvasSection) -> TimelineView:
    view = section.view
    view.zoom_by(3)
    section.resize(1600, 600)
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 600)
    view.verticalScrollBar().setValue(0)
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum() // 3)
    QApplication.processEvents()
    return view


def test_wheel_scrolling_down_leaves_no_copies_of_the_pinned_axis(
    qtbot: QtBot, section: TimelineCanvasSection
) -> None:
    view = _zoomed_in(qtbot, section)
    assert _stale_pixels(view) == 0
    start = view.verticalScrollBar().value()
    for _ in range(6):
        _wheel(view, dy=-120)
        QApplication.processEvents()
    assert view.verticalScrollBar().value() > start
    layout = view.timeline.layout
    assert layout is not None
    assert view.mapToScene(view.viewport().rect()).boundingRect().bottom() < layout.axis_y
    assert _stale_pixels(view) < 50


def test_sideways_scrolling_leaves_no_copies_of_the_pinned_lane_names(
    qtbot: QtBot, section: TimelineCanvasSection
) -> None:
    view = _zoomed_in(qtbot, section)
    start = view.horizontalScrollBar().value()
    for _ in range(5):
        _wheel(view, dx=-120)
        QApplication.processEvents()
    for _ in range(3):
        _wheel(view, dy=-120)
        QApplication.processEvents()
    assert view.horizontalScrollBar().value() > start
    assert _stale_pixels(view) < 50


def test_panning_by_mouse_leaves_no_stale_pixels(
    qtbot: QtBot, section: TimelineCanvasSection
) -> None:
    view = _zoomed_in(qtbot, section)
    viewport = view.viewport()
    empty = QPoint(viewport.width() - 30, 8)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=empty)
    for step in range(1, 8):
        qtbot.mouseMove(viewport, empty - QPoint(step * 25, step * 40))
        QApplication.processEvents()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=empty - QPoint(175, 280))
    assert _stale_pixels(view) < 50
