"""Walking the story: key moments, the now line, zoom, lanes, an honest squeezed axis."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.figures.timeline.layout import LaneMode
from pmdesk.model import Event, EventKind, Review
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.scene import TimelineScene
from pmdesk.ui.timeline.section import TimelineCanvasSection
from pmdesk.ui.timeline.view import TimelineView


def test_n_and_p_walk_the_key_moments_in_time_order(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument
) -> None:
    keys = [e.id for e in document.review.events_by_time() if e.key]
    assert len(keys) >= 3
    seen: list[str] = []
    view.key_moment_changed.connect(seen.append)
    for _ in keys:
        qtbot.keyClick(view.viewport(), Qt.Key.Key_N)
    assert seen == keys
    assert view.selected_ids() == [keys[-1]]
    assert view.next_key_moment() is None  # the last one stays
    qtbot.keyClick(view.viewport(), Qt.Key.Key_P)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert seen[-2:] == [keys[-2], keys[-3]]
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert seen[-1] == keys[-2]
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    x = view.timeline.event_x(keys[-2])
    assert x is not None and visible.left() <= x <= visible.right()


def _expected_faded(document: ReviewDocument, view: TimelineView, now: datetime) -> set[str]:
    return {e.id for e in document.review.events if e.at > now and e.id in view.timeline.cards}


def test_now_line_fades_exactly_the_later_events(
    section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    view = section.view
    changes: list[object] = []
    view.now_changed.connect(changes.append)
    times = sorted({e.at for e in document.review.events})
    probes = [times[0] - timedelta(minutes=1), *times, times[-1] + timedelta(minutes=1)]
    probes += [t + timedelta(seconds=30) for t in times]
    for now in probes:
        view.set_now(now)
        assert view.timeline.faded_ids() == _expected_faded(document, view, now)
        known = [e for e in document.review.events if e.at <= now]
        assert section.knew_panel.list.count() == max(len(known), 1)
    assert changes[-1] == probes[-1]
    view.set_now(None)
    assert view.timeline.faded_ids() == set()
    assert not view.timeline.now_line.isVisible() and not section.knew_panel.isVisible()


def test_now_line_is_dragged_and_stepped_by_key_moment(
    qtbot: QtBot, section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    view = section.view
    qtbot.mouseClick(section.now_button, Qt.MouseButton.LeftButton)
    start = view.now()
    assert start is not None and view.timeline.now_line.isVisible()
    line = view.timeline.now_line
    grip = line.mapToScene(QPointF(0, line.top + 40))
    view.centerOn(grip)
    press = view.mapFromScene(grip)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=press)
    qtbot.mouseMove(view.viewport(), press + QPoint(250, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=press + QPoint(250, 0))
    dragged = view.now()
    assert dragged is not None and dragged > start
    assert view.timeline.faded_ids() == _expected_faded(document, view, dragged)
    assert document.undo_stack.count() == 0  # the now line never edits the review
    next_key = min(e.at for e in document.review.events if e.key and e.at > dragged)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_N)
    assert view.now() == next_key
    assert view.timeline.faded_ids() == _expected_faded(document, view, next_key)
    knew = section.knew_panel.texts()
    latest = max((e for e in document.review.events if e.at <= next_key), key=lambda e: e.at)
    assert knew[0].split("\n")[0].endswith(latest.title)


def _wheel(view: TimelineView, steps: int) -> None:
    point = QPointF(view.viewport().rect().center())
    event = QWheelEvent(
        point,
        QPointF(view.viewport().mapToGlobal(point.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_zoom_by_wheel_and_keys_keeps_the_moment_under_the_pointer(
    qtbot: QtBot, view: TimelineView
) -> None:
    center = view.viewport().rect().center()
    before = view.timeline.time_at(view.mapToScene(center).x())
    _wheel(view, 3)
    assert view.transform().m11() > 1.9  # stretched at once
    qtbot.waitUntil(lambda: view.zoom > 1.9)  # laid out again once the wheel pauses
    assert view.transform().isIdentity()
    after = view.timeline.time_at(view.mapToScene(center).x())
    assert abs((after - before).total_seconds()) < 60
    wide = view.timeline.sceneRect().width()
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Plus)
    assert view.timeline.sceneRect().width() > wide
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Minus)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F)
    assert view.zoom == 1.0
    shown = view.transform().mapRect(view.timeline.sceneRect())
    assert shown.width() <= view.viewport().width()
    scroll = view.horizontalScrollBar().value()
    _wheel(view, 7)  # from Fit, which may show the canvas at half size
    qtbot.waitUntil(lambda: view.zoom > 2)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    assert view.horizontalScrollBar().value() > scroll


def test_zoom_to_selection_shows_the_selected_cards(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument
) -> None:
    events = document.review.events_by_time()[2:6]
    view.select_ids([e.id for e in events])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Z)
    assert view.zoom > 1.0
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for event in events:
        x = view.timeline.event_x(event.id)
        assert x is not None and visible.left() <= x <= visible.right()


def test_lanes_switch_between_kind_and_person(view: TimelineView, document: ReviewDocument) -> None:
    view.set_lane_mode(LaneMode.PERSON)
    layout = view.timeline.layout
    assert layout is not None
    people = {p.id for p in document.review.people}
    assert {lane.key for lane in layout.lanes} - {""} <= people
    view.set_lane_mode(LaneMode.KIND)
    assert view.timeline.layout is not None
    assert {lane.key for lane in view.timeline.layout.lanes} <= {k.value for k in EventKind}


BASE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
offsets = st.lists(st.integers(min_value=0, max_value=3 * 86400), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seconds=offsets, zoom=st.sampled_from([1.0, 3.0, 40.0]))
def test_gap_compression_never_reorders_events(
    qapp: QApplication, seconds: list[int], zoom: float
) -> None:
    events = tuple(
        Event(f"e{n}", BASE + timedelta(seconds=s), EventKind.NOTE, f"Event {n}")
        for n, s in enumerate(seconds)
    )
    review = Review("r1", "Gaps", timezone="Europe/Berlin", events=events)
    scene = TimelineScene()
    scene.show_review(review, width=1400, zoom=zoom)
    layout = scene.layout
    assert layout is not None
    xs = {c.event_id: c.anchor_x for c in layout.cards}
    ordered = sorted(events, key=lambda e: e.at)
    for a, b in itertools.pairwise(ordered):
        assert xs[a.id] <= xs[b.id]
        if b.at > a.at:
            assert xs[a.id] < xs[b.id]
    for event in events:  # the axis stays honest: x maps back to the real time
        back = layout.scale.time_at(xs[event.id])
        assert abs((back - event.at).total_seconds()) < 1
    for tick in scene.axis.visible_ticks(0, layout.width):
        assert abs((layout.scale.time_at(tick.x) - tick.at).total_seconds()) < 1
    scene.clear()


def test_axis_names_the_review_zone(view: TimelineView, document: ReviewDocument) -> None:
    assert document.review.timezone
    assert document.review.timezone in view.timeline.axis.zone_text


def test_theme_change_keeps_cards_and_selection(
    view: TimelineView, document: ReviewDocument
) -> None:
    event = document.review.events_by_time()[3]
    view.select_ids([event.id])
    light = view.card(event.id)
    assert light is not None
    light_height = light.boundingRect().height()
    view.set_theme("projector")
    projector = view.card(event.id)
    assert projector is not None and projector is not light
    assert projector.boundingRect().height() > light_height  # bigger type, taller cards
    assert view.selected_ids() == [event.id]
    assert set(view.timeline.cards) == {
        c.event_id for c in view.timeline.layout.cards if not c.overflow
    }  # type: ignore[union-attr]


def test_show_event_selects_it_on_the_canvas_and_in_the_table(
    section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    event = document.review.events_by_time()[-1]
    section.tabs.setCurrentIndex(1)
    section.view.horizontalScrollBar().setValue(0)
    section.show_event(event.id)
    assert section.tabs.currentIndex() == 0
    assert section.view.selected_ids() == [event.id]
    rows = section.table.view.selectionModel().selectedRows()
    assert len(rows) == 1
