"""Fit shows the whole incident both ways; zooming out goes past it to a floor."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from pmdesk.ui.timeline import pins
from pmdesk.ui.timeline.section import TimelineCanvasSection
from pmdesk.ui.timeline.view import FIT_FLOOR, MIN_SCALE, TimelineView


def _shown(view: TimelineView, rect: QRectF) -> QRectF:
    """A scene rect in viewport pixels."""
    return view.mapFromScene(rect).boundingRect().toRectF()


def test_fit_shows_every_card_across_and_down(
    qtbot: QtBot, section: TimelineCanvasSection, tmp_path: Path
) -> None:
    view = section.view
    section.resize(1920, 1080)
    qtbot.wait(100)
    layout = view.timeline.layout
    assert layout is not None
    assert layout.height > view.viewport().height()  # at full size it needs scrolling down
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    assert FIT_FLOOR <= view.shown_scale < 1.0
    viewport = QRectF(view.viewport().rect()).adjusted(-1, -1, 1, 1)
    assert viewport.contains(_shown(view, view.timeline.sceneRect()))
    for card in view.timeline.cards.values():
        assert viewport.contains(_shown(view, card.sceneBoundingRect())), card.event_id
    section.grab().save(str(tmp_path / "fit.png"))


def test_zooming_out_goes_past_fit_to_a_floor_and_back(
    qtbot: QtBot, section: TimelineCanvasSection
) -> None:
    view = section.view
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    fit = view.shown_scale
    heights = [_shown(view, view.timeline.sceneRect()).height()]
    for _ in range(12):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
        heights.append(_shown(view, view.timeline.sceneRect()).height())
    assert view.shown_scale == MIN_SCALE < fit
    assert heights[-1] < heights[0]
    assert all(b <= a + 1 for a, b in pairwise(heights))
    for _ in range(12):
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus)
    assert view.zoom > 1.0 and view.overview == 1.0
    assert view.transform().isIdentity()


def test_a_resize_after_fit_fits_again(qtbot: QtBot, section: TimelineCanvasSection) -> None:
    view = section.view
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    section.resize(1600, 700)
    qtbot.wait(200)
    viewport = QRectF(view.viewport().rect()).adjusted(-1, -1, 1, 1)
    shown = _shown(view, view.timeline.sceneRect())
    assert shown.height() <= viewport.height() or view.shown_scale == FIT_FLOOR
    assert shown.width() <= viewport.width()


def _visible(view: TimelineView) -> QRectF:
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_pinned_lane_names_never_cover_a_card(qtbot: QtBot, section: TimelineCanvasSection) -> None:
    view = section.view
    view.zoom_by(4)
    layout = view.timeline.layout
    assert layout is not None
    bar = view.horizontalScrollBar()
    for step in range(1, 9):
        bar.setValue(bar.maximum() * step // 8)
        visible = _visible(view)
        boxes = pins.pinned_lane_labels(view.timeline, visible)
        cards = [c.sceneBoundingRect() for c in view.timeline.cards.values()]
        for label, box in boxes:
            assert not any(box.intersects(card) for card in cards), (label, step)
            assert visible.contains(box)
        in_view = [
            lane for lane in layout.lanes if visible.top() <= lane.rect.y < visible.bottom() - 40
        ]
        # a lane may be full of cards across the whole view; nearly every one keeps its name
        assert len(boxes) >= len(in_view) - 1, step


def test_milestone_names_stay_in_sight_when_scrolled_down(
    qtbot: QtBot, section: TimelineCanvasSection
) -> None:
    view = section.view
    view.zoom_by(2)
    view.horizontalScrollBar().setValue(0)
    layout = view.timeline.layout
    assert layout is not None
    assert (
        pins.pinned_milestones(view.timeline, _visible(view)) == []
    )  # their own labels are in view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    pinned = pins.pinned_milestones(view.timeline, _visible(view))
    shown = [m for m in layout.milestones if _visible(view).left() <= m.x <= _visible(view).right()]
    assert [text for text, _ in pinned] == [f"{m.label} {m.time_label}" for m in shown]
    assert pinned
    image = view.viewport().grab().toImage()
    red = QColor(view.timeline.fig_style.milestone)
    strip = round(view.timeline.fig_style.small_px * 1.7)

    def near(colour: QColor) -> bool:
        return abs(colour.red() - red.red()) + abs(colour.green() - red.green()) < 60

    inked = sum(
        1 for y in range(strip) for x in range(0, image.width(), 2) if near(image.pixelColor(x, y))
    )
    assert inked > 40
