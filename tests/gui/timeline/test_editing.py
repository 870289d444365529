"""Add, move, edit, delete, copy and paste events on the canvas, by mouse and keyboard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QGraphicsLineItem
from pytestqt.qtbot import QtBot

from pmdesk.figures.timeline.paint import qrect
from pmdesk.model import EventKind
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.gestures import snap_to_minute
from pmdesk.ui.timeline.section import TimelineCanvasSection
from pmdesk.ui.timeline.view import TimelineView, card_at

from .conftest import card_point, reopened


def _empty_point(view: TimelineView, lane_index: int) -> QPoint:
    """A viewport point inside a lane where there is no card, right of the last card."""
    layout = view.timeline.layout
    assert layout is not None
    lane = layout.lanes[lane_index]
    x = max(c.rect.right for c in layout.cards) - 30
    scene = QPointF(min(x, layout.scale.x_end - 5), lane.rect.y + lane.rect.h - 6)
    view.centerOn(scene)
    point = view.mapFromScene(scene)
    assert view.itemAt(point) is None or not hasattr(view.itemAt(point), "event_id")
    return point


def test_double_click_on_empty_space_adds_an_event_there(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    before = {e.id for e in document.review.events}
    point = _empty_point(view, 0)
    expected = snap_to_minute(view.timeline.time_at(view.mapToScene(point).x()))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    added = [e for e in document.review.events if e.id not in before]
    assert len(added) == 1
    event = added[0]
    assert event.at == expected
    assert event.at.second == 0
    assert event.kind is EventKind.ALERT  # the lane it was made in
    assert reopened(library_file, document.review_id).event(event.id) == event
    document.undo_stack.undo()
    assert document.review.event(event.id) is None
    assert reopened(library_file, document.review_id).event(event.id) is None
    document.undo_stack.redo()
    assert document.review.event(event.id) == event


def test_dragging_a_card_moves_its_event_to_the_minute(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    event = next(e for e in document.review.events_by_time() if e.key)
    item = view.card(event.id)
    assert item is not None
    start = card_point(view, event.id)
    end = start + QPoint(137, 0)
    anchor = item.card.anchor_x + 137
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(40, 0))
    qtbot.mouseMove(view.viewport(), end)
    expected = snap_to_minute(view.timeline.time_at(anchor))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    moved = document.review.event(event.id)
    assert moved is not None
    assert moved.at == expected != event.at
    assert moved.at.second == 0 and moved.title == event.title
    assert reopened(library_file, document.review_id).event(event.id) == moved
    assert document.undo_stack.undoText() == "Move event"
    document.undo_stack.undo()
    assert document.review.event(event.id) == event
    assert reopened(library_file, document.review_id).event(event.id) == event


def test_escape_cancels_a_drag(qtbot: QtBot, view: TimelineView, document: ReviewDocument) -> None:
    event = document.review.events_by_time()[3]
    start = card_point(view, event.id)
    item = view.card(event.id)
    assert item is not None
    home = item.pos()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(200, 0))
    assert item.pos() != home
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert item.pos() == home
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(200, 0))
    assert document.review.event(event.id) == event
    assert document.undo_stack.count() == 0


def test_multi_select_and_delete_is_one_undo_step(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    first, second = document.review.events_by_time()[1:3]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, first.id))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        card_point(view, second.id),
    )
    assert set(view.selected_ids()) == {first.id, second.id}
    count = len(document.review.events)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    assert len(document.review.events) == count - 2
    stored = reopened(library_file, document.review_id)
    assert stored.event(first.id) is None and stored.event(second.id) is None
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.review.event(first.id) == first
    assert reopened(library_file, document.review_id).event(second.id) == second


def test_enter_opens_the_editor_and_typing_saves(
    qtbot: QtBot, section: TimelineCanvasSection, document: ReviewDocument, library_file: Path
) -> None:
    view = section.view
    event = document.review.events_by_time()[4]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, event.id))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    editor = section.editor
    assert editor.isVisible() and editor.event_id == event.id
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Dashboards <b>looked</b> fine")
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    editor.knew_edit.setFocus()
    editor.knew_edit.selectAll()
    qtbot.keyClicks(editor.knew_edit, "The team believed the database was healthy.")
    qtbot.keyClick(editor.knew_edit, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    edited = document.review.event(event.id)
    assert edited is not None
    assert edited.title == "Dashboards <b>looked</b> fine"
    assert edited.knew == "The team believed the database was healthy."
    assert reopened(library_file, document.review_id).event(event.id) == edited
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.review.event(event.id) == event


def test_double_click_a_card_edits_its_time_in_the_panel(
    qtbot: QtBot, section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    view = section.view
    event = document.review.events_by_time()[5]
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, event.id))
    editor = section.editor
    assert editor.event_id == event.id
    later = event.at + timedelta(minutes=7)
    editor.time_edit.setText(later.strftime("%Y-%m-%d %H:%M") + "Z")
    qtbot.keyClick(editor.time_edit, Qt.Key.Key_Return)
    changed = document.review.event(event.id)
    assert changed is not None and changed.at == later.replace(second=0)


def test_k_toggles_the_key_moment(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    event = next(e for e in document.review.events if not e.key)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, event.id))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_K)
    marked = document.review.event(event.id)
    assert marked is not None and marked.key
    assert reopened(library_file, document.review_id).event(event.id) == marked
    qtbot.keyClick(view.viewport(), Qt.Key.Key_K)
    unmarked = document.review.event(event.id)
    assert unmarked is not None and not unmarked.key
    document.undo_stack.undo()
    assert document.review.event(event.id) == marked


def test_copy_and_paste_at_the_clicked_moment(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    event = document.review.events_by_time()[2]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, event.id))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    target = _empty_point(view, 1)
    moment = snap_to_minute(view.timeline.time_at(view.mapToScene(target).x()))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=target)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    copies = [e for e in document.review.events if e.title == event.title and e.id != event.id]
    assert len(copies) == 1
    copy = copies[0]
    assert copy.at == moment and copy.knew == event.knew and copy.kind is event.kind
    assert reopened(library_file, document.review_id).event(copy.id) == copy
    document.undo_stack.undo()
    assert document.review.event(copy.id) is None


def test_linking_an_event_to_a_factor(
    section: TimelineCanvasSection, document: ReviewDocument, library_file: Path
) -> None:
    factor = document.review.factors[0]
    event = next(e for e in document.review.events if e.id not in factor.events)
    section.editor.edit(event.id)
    row = [f.id for f in document.review.factors].index(factor.id)
    section.editor.factor_list.item(row).setCheckState(Qt.CheckState.Checked)
    linked = document.review.factor(factor.id)
    assert linked is not None and event.id in linked.events
    assert (
        event.id in (reopened(library_file, document.review_id).factor(factor.id) or linked).events
    )
    document.undo_stack.undo()
    assert document.review.factor(factor.id) == factor


def test_read_only_canvas_refuses_edits(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument
) -> None:
    view.set_read_only(True)
    event = document.review.events_by_time()[1]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=card_point(view, event.id))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Delete)
    qtbot.keyClick(view.viewport(), Qt.Key.Key_K)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_empty_point(view, 0))
    assert document.undo_stack.count() == 0
    assert view.selected_ids() == [event.id]  # selection and navigation still work


def test_shift_drag_selects_a_band_and_dragging_moves_them_together(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument, library_file: Path
) -> None:
    layout = view.timeline.layout
    assert layout is not None
    index = max(range(len(layout.lanes)), key=lambda n: layout.lanes[n].rows)
    lane = layout.lanes[index]
    in_lane = [c for c in layout.cards if c.lane == index and not c.overflow]
    assert len(in_lane) >= 2
    view.centerOn(in_lane[0].rect.x, lane.rect.y)
    corner = view.mapFromScene(lane.rect.x + 2, lane.rect.y + 1)
    far = view.mapFromScene(layout.width - 2, lane.rect.bottom - 1)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, shift, corner)
    qtbot.mouseMove(view.viewport(), (corner + far) / 2)
    qtbot.mouseMove(view.viewport(), far)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, shift, far)
    picked = view.selected_ids()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    expected = {c.event_id for c in in_lane if visible.intersects(qrect(c.rect))}
    assert set(picked) == expected and picked
    before = {i: document.review.event(i) for i in picked}
    start = card_point(view, picked[0])
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(60, 0))
    qtbot.mouseMove(view.viewport(), start + QPoint(90, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(90, 0))
    shifts = set()
    for event_id, old in before.items():
        new = document.review.event(event_id)
        assert new is not None and old is not None
        shifts.add(new.at - old.at)
    assert len(shifts) == 1 and shifts != {timedelta(0)}
    stored = reopened(library_file, document.review_id)
    assert all(stored.event(i) == document.review.event(i) for i in before)
    document.undo_stack.undo()
    assert all(document.review.event(i) == old for i, old in before.items())


def test_an_event_drawn_as_a_dot_opens_on_click_and_names_itself_on_hover(
    qtbot: QtBot, section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    """A crowded minute leaves some events without room for a card; they stay reachable."""
    from pmdesk.model import Event

    at = document.review.events_by_time()[3].at
    for n in range(40):
        document.write_item(Event(f"crowd{n}", at, EventKind.ALERT, f"Replica {n} <b>lagging</b>"))
    view = section.view
    view.fit_all()
    layout = view.timeline.layout
    assert layout is not None
    dot = next(c for c in layout.cards if c.overflow and c.event_id.startswith("crowd"))
    centre = qrect(dot.rect).center()
    view.centerOn(centre)
    point = view.mapFromScene(centre)
    assert view.timeline.dots.dot_at(view.mapToScene(point)) is not None
    assert card_at(view, point) is None

    view.timeline.dots.hoverMoveEvent(_hover(view.mapToScene(point)))
    tip = view.timeline.dots.toolTip()
    assert "&lt;b&gt;lagging" in tip and "<b>" not in tip  # the title, as plain text

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert section.editor.isVisible() and section.editor.event_id == dot.event_id
    assert document.review.event(dot.event_id) is not None  # opened, not moved or changed


def _hover(scene_pos: QPointF) -> object:
    from PySide6.QtWidgets import QGraphicsSceneHoverEvent

    event = QGraphicsSceneHoverEvent(QGraphicsSceneHoverEvent.Type.GraphicsSceneHoverMove)
    event.setPos(scene_pos)
    event.setScenePos(scene_pos)
    return event


def test_dragging_a_milestone_sets_it_to_the_minute_as_one_undo_step(
    qtbot: QtBot, section: TimelineCanvasSection, document: ReviewDocument, library_file: Path
) -> None:
    view = section.view
    layout = view.timeline.layout
    assert layout is not None
    detected = next(m for m in layout.milestones if m.name == "detected")
    before = document.review.detected_at
    assert before is not None
    grab = QPointF(detected.x + 12, detected.label_y + 6)  # by its label: cards cover the line
    view.centerOn(grab)
    start = view.mapFromScene(grab)
    later = view.mapFromScene(QPointF(view.timeline.x_of(before + timedelta(minutes=9)), grab.y()))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=QPoint(later.x() + 1, later.y()))
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(later.x() + 1, later.y())
    )
    moved = document.review.detected_at
    assert moved is not None and moved != before
    assert moved.second == 0 and abs((moved - before) - timedelta(minutes=9)) <= timedelta(
        minutes=1
    )
    assert reopened(library_file, document.review_id).detected_at == moved  # saved at once
    document.undo_stack.undo()
    assert document.review.detected_at == before


def test_escape_drops_a_milestone_back_where_it_was(
    qtbot: QtBot, view: TimelineView, document: ReviewDocument
) -> None:
    layout = view.timeline.layout
    assert layout is not None
    started = next(m for m in layout.milestones if m.name == "started")
    grab = QPointF(started.x + 12, started.label_y + 6)
    view.centerOn(grab)
    start = view.mapFromScene(grab)
    before = document.review.started_at
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=QPoint(start.x() + 80, start.y()))
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(
        view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(start.x() + 80, start.y())
    )
    assert document.review.started_at == before
    previews = [i for i in view.timeline.items() if isinstance(i, QGraphicsLineItem)]
    assert previews == []  # the dragged line is gone with the drag
