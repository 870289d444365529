"""The Swiss-cheese board driven by mouse and keyboard; checked on the document and the library."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu
from pytestqt.qtbot import QtBot

from pmdesk.model import Part, Review, Stage
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors.board import FactorBoard
from pmdesk.ui.factors.section import FactorBoardSection


def _hole_point(board: FactorBoard, factor_id: str) -> QPoint:
    item = board.hole_item(factor_id)
    assert item is not None
    return board.view_point(item.hole_rect().center())


def _slice_point(board: FactorBoard, layer_id: str, *, label: bool = False) -> QPoint:
    """A spot in the slice with no hole: under its lowest hole (or its label, for renaming)."""
    item = board.slice_item(layer_id)
    assert item is not None
    if label:
        return board.view_point(item.label_rect().center())
    body = item.body_rect()
    holes = [h.rect.bottom for h in item.layer.holes]
    y = (max(holes) + body.bottom()) / 2 if holes else body.center().y()
    point = board.view_point(body.center())
    return QPoint(point.x(), board.view_point(body.topLeft()).y() + round(y - body.top()))


def _type_into_editor(qtbot: QtBot, board: FactorBoard, text: str) -> None:
    editor = board.editor
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _drag(
    qtbot: QtBot, board: FactorBoard, start: QPoint, end: QPoint, *, release: bool = True
) -> None:
    viewport = board.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    steps = 6
    for n in range(1, steps + 1):
        step = start + (end - start) * (n / steps)
        qtbot.mouseMove(viewport, step)
    if release:
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)


def test_board_draws_every_layer_and_factor(
    section: FactorBoardSection, document: ReviewDocument
) -> None:
    board = section.findChild(FactorBoard, "factorBoard")
    assert board is section.board
    layout = board.layout_used
    assert layout is not None
    review = document.review
    assert [s.layer_id for s in layout.slices] == [x.id for x in review.ordered_layers()]
    assert {h.factor_id for h in layout.holes} == {f.id for f in review.factors}
    assert layout.trajectory is not None
    assert set(layout.trajectory.hole_ids) == {f.id for f in review.factors if f.on_trajectory}


def test_add_layer_name_it_then_add_factors_by_double_click_and_quick_entry(
    qtbot: QtBot,
    section: FactorBoardSection,
    document: ReviewDocument,
    saved: Callable[[], Review],
) -> None:
    board = section.board
    layers_before = len(document.review.layers)
    qtbot.mouseClick(section.add_layer_button, Qt.MouseButton.LeftButton)
    _type_into_editor(qtbot, board, "Vendor change notices")
    new_layer = document.review.ordered_layers()[-1]
    assert len(document.review.layers) == layers_before + 1
    assert new_layer.name == "Vendor change notices"

    qtbot.mouseDClick(
        board.viewport(), Qt.MouseButton.LeftButton, pos=_slice_point(board, new_layer.id)
    )
    _type_into_editor(qtbot, board, "Notices arrive by e-mail only")
    in_layer = [f for f in document.review.factors if f.layer == new_layer.id]
    assert [f.text for f in in_layer] == ["Notices arrive by e-mail only"]
    assert board.current_factor() == in_layer[0].id

    first = document.review.ordered_layers()[0]
    section.quick_layer.setCurrentIndex(section.quick_layer.findData(first.id))
    qtbot.keyClicks(section.quick_entry, "Nobody owns the shared mailbox")
    qtbot.keyClick(section.quick_entry, Qt.Key.Key_Return)
    assert section.quick_entry.text() == ""
    added = [f for f in document.review.factors if f.text == "Nobody owns the shared mailbox"]
    assert [f.layer for f in added] == [first.id]

    stored = saved()
    assert stored.layer(new_layer.id) == new_layer
    assert {f.text for f in stored.factors} >= {
        "Notices arrive by e-mail only",
        "Nobody owns the shared mailbox",
    }
    assert board.hole_item(added[0].id) is not None


def test_double_click_on_a_layer_name_renames_it_and_escape_keeps_the_old_name(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    board = section.board
    layer = document.review.ordered_layers()[1]
    point = _slice_point(board, layer.id, label=True)
    qtbot.mouseDClick(board.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert board.editor is not None
    qtbot.keyClicks(board.editor, "Typed then cancelled")
    qtbot.keyClick(board.editor, Qt.Key.Key_Escape)
    assert document.review.layer(layer.id) == layer
    qtbot.mouseDClick(board.viewport(), Qt.MouseButton.LeftButton, pos=point)
    _type_into_editor(qtbot, board, "Client retries")
    assert document.review.layer(layer.id).name == "Client retries"  # type: ignore[union-attr]


def test_drag_a_factor_to_another_layer_then_undo_and_redo(
    qtbot: QtBot,
    section: FactorBoardSection,
    document: ReviewDocument,
    saved: Callable[[], Review],
) -> None:
    board = section.board
    layers = document.review.ordered_layers()
    factor = next(f for f in document.review.factors if f.layer == layers[0].id)
    target = layers[2]
    pushes = document.undo_stack.count()
    _drag(qtbot, board, _hole_point(board, factor.id), _slice_point(board, target.id))
    assert document.review.factor(factor.id).layer == target.id  # type: ignore[union-attr]
    assert document.undo_stack.count() == pushes + 1
    assert saved().factor(factor.id).layer == target.id  # type: ignore[union-attr]
    hole = board.hole_item(factor.id)
    assert hole is not None and hole.hole.layer_id == target.id

    document.undo_stack.undo()
    assert document.review.factor(factor.id) == factor
    assert saved().factor(factor.id) == factor
    document.undo_stack.redo()
    assert saved().factor(factor.id).layer == target.id  # type: ignore[union-attr]


def test_escape_cancels_a_drag_and_a_short_drop_changes_nothing(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    board = section.board
    layers = document.review.ordered_layers()
    factor = next(f for f in document.review.factors if f.layer == layers[0].id)
    before = document.review
    start = _hole_point(board, factor.id)
    _drag(qtbot, board, start, _slice_point(board, layers[3].id), release=False)
    assert board.slice_item(layers[3].id).drop_target  # type: ignore[union-attr]
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    qtbot.mouseRelease(
        board.viewport(), Qt.MouseButton.LeftButton, pos=_slice_point(board, layers[3].id)
    )
    assert document.review == before
    # Dropping back in its own layer is no edit either.
    _drag(qtbot, board, start, start + QPoint(0, 30))
    assert document.review == before
    assert document.undo_stack.count() == 0


def test_keyboard_walks_holes_toggles_renames_moves_and_deletes(
    qtbot: QtBot,
    section: FactorBoardSection,
    document: ReviewDocument,
    saved: Callable[[], Review],
) -> None:
    board = section.board
    board.setFocus()
    order = [h.factor_id for h in board.layout_used.holes]  # type: ignore[union-attr]
    qtbot.keyClick(board, Qt.Key.Key_Tab)
    assert board.current_factor() == order[0]
    qtbot.keyClick(board, Qt.Key.Key_Tab)
    assert board.current_factor() == order[1]
    qtbot.keyClick(board, Qt.Key.Key_Backtab)
    assert board.current_factor() == order[0]
    qtbot.keyClick(board, Qt.Key.Key_Right)
    second_layer = board.layout_used.slices[1]  # type: ignore[union-attr]
    assert board.current_factor() in {h.factor_id for h in second_layer.holes}

    current = board.current_factor()
    was = document.review.factor(current).on_trajectory  # type: ignore[union-attr]
    qtbot.keyClick(board, Qt.Key.Key_T)
    assert document.review.factor(current).on_trajectory is not was  # type: ignore[union-attr]

    qtbot.keyClick(board, Qt.Key.Key_Return)
    _type_into_editor(qtbot, board, "Pool connections outlive the endpoint")
    assert document.review.factor(current).text == "Pool connections outlive the endpoint"  # type: ignore[union-attr]
    assert board.hasFocus()

    qtbot.keyClick(board, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    menu = board.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    last = document.review.ordered_layers()[-1]
    action = next(a for a in menu.actions() if a.text() == last.name.replace("&", "&&"))
    action.trigger()
    menu.close()
    assert document.review.factor(current).layer == last.id  # type: ignore[union-attr]

    board.set_current(current)
    qtbot.keyClick(board, Qt.Key.Key_Delete)
    assert document.review.factor(current) is None
    assert saved().factor(current) is None

    for _ in range(4):
        document.undo_stack.undo()
    original = saved().factor(current)
    assert original is not None and original.on_trajectory is was
    assert original.layer == second_layer.layer_id
    assert board.hole_item(current) is not None


def test_list_view_and_board_stay_in_sync(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    board = section.board
    table = section.list_view.factors.model
    text_column = next(
        n
        for n in range(table.columnCount())
        if table.headerData(n, Qt.Orientation.Horizontal) == "Contributing factor"
    )
    factor = document.review.factors[0]
    row = next(
        r for r in range(table.rowCount()) if table.index(r, text_column).data() == factor.text
    )
    assert table.setData(
        table.index(row, text_column), "Edited in the list", Qt.ItemDataRole.EditRole
    )
    assert board.hole_item(factor.id).hole.text == "Edited in the list"  # type: ignore[union-attr]

    board.set_current(factor.id)
    board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Return)
    _type_into_editor(qtbot, board, "Edited on the board")
    texts = [table.index(r, text_column).data() for r in range(table.rowCount())]
    assert "Edited on the board" in texts and "Edited in the list" not in texts
    assert table.rowCount() == len(document.review.factors)


def test_details_set_category_third_party_and_link_events(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument, saved: Callable[[], Review]
) -> None:
    board = section.board
    factor = next(f for f in document.review.factors if not f.third_party)
    qtbot.mouseClick(board.viewport(), Qt.MouseButton.LeftButton, pos=_hole_point(board, factor.id))
    assert board.current_factor() == factor.id
    details = section.details
    index = details.category.findData("third_party")
    details.category.setCurrentIndex(index)
    details.category.activated.emit(index)
    changed = document.review.factor(factor.id)
    assert changed is not None and changed.category == "third_party" and changed.third_party

    events = document.review.events_by_time()
    wanted = {events[0].id, events[-1].id}
    for n in range(details.events.count()):
        item = details.events.item(n)
        if (
            item.data(Qt.ItemDataRole.UserRole) in wanted
            and item.checkState() != Qt.CheckState.Checked
        ):
            item.setCheckState(Qt.CheckState.Checked)
    linked = saved().factor(factor.id)
    assert linked is not None and wanted <= set(linked.events)
    assert list(linked.events) == sorted(linked.events, key=[e.id for e in events].index)


def test_nudges_follow_the_board_and_point_at_their_factor(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    empty = [
        x
        for x in document.review.ordered_layers()
        if not any(f.layer == x.id for f in document.review.factors)
    ]
    assert empty, "the sample review has a layer with no factor"
    name = empty[0].name
    assert any(name in m for m in section.nudges.messages())
    section.quick_layer.setCurrentIndex(section.quick_layer.findData(empty[0].id))
    qtbot.keyClicks(section.quick_entry, "Rollback needs a manual approval")
    qtbot.keyClick(section.quick_entry, Qt.Key.Key_Return)
    assert not any(f"'{name}'" in m for m in section.nudges.messages())

    item = next(
        section.nudges.list.item(n)
        for n in range(section.nudges.list.count())
        if section.nudges.list.item(n).data(Qt.ItemDataRole.UserRole)
    )
    section.nudges.list.itemActivated.emit(item)
    assert section.board.current_factor() == item.data(Qt.ItemDataRole.UserRole)


def test_read_only_board_shows_but_does_not_edit(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    section.set_read_only(True)
    board = section.board
    before = document.review
    layers = before.ordered_layers()
    factor = next(f for f in before.factors if f.layer == layers[0].id)
    board.setFocus()
    qtbot.keyClick(board, Qt.Key.Key_Tab)
    assert board.current_factor() is not None
    for key in (Qt.Key.Key_T, Qt.Key.Key_Delete, Qt.Key.Key_Return):
        qtbot.keyClick(board, key)
    qtbot.mouseDClick(
        board.viewport(), Qt.MouseButton.LeftButton, pos=_slice_point(board, layers[1].id)
    )
    _drag(qtbot, board, _hole_point(board, factor.id), _slice_point(board, layers[2].id))
    assert board.editor is None
    assert document.review == before
    assert not section.entry_row.isVisible()
    QApplication.processEvents()


def test_layers_reorder_and_remove_with_undo(
    section: FactorBoardSection, document: ReviewDocument, saved: Callable[[], Review]
) -> None:
    from pmdesk.ui.factors import edits

    ids = [x.id for x in document.review.ordered_layers()]
    assert edits.move_layer(document, ids[0], 2)
    assert [x.id for x in saved().ordered_layers()] == [ids[1], ids[2], ids[0], *ids[3:]]
    assert [s.layer_id for s in section.board.layout_used.slices][:3] == [ids[1], ids[2], ids[0]]  # type: ignore[union-attr]
    assert not edits.move_layer(document, ids[-1], 1)
    factors_in = {f.id for f in document.review.factors if f.layer == ids[1]}
    assert edits.remove_layer(document, ids[1])
    assert section.board.slice_item(ids[1]) is None
    document.undo_stack.undo()
    document.undo_stack.undo()
    restored = saved()
    assert [x.id for x in restored.ordered_layers()] == ids
    assert {f.id for f in restored.factors if f.layer == ids[1]} == factors_in
    assert document.review.items(Part.LAYERS) == restored.items(Part.LAYERS)


def _context_menu(qtbot: QtBot, board: FactorBoard, point: QPoint) -> QMenu:
    global_point = board.viewport().mapToGlobal(point)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, global_point)
    QApplication.sendEvent(board.viewport(), event)
    menu = board.menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    return menu


def _action(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().split("\t")[0] == text:
            return action
        sub = action.menu()
        if isinstance(sub, QMenu):
            found = [a for a in sub.actions() if a.text() == text]
            if found:
                return found[0]
    raise AssertionError(f"no menu entry {text!r}")


def test_right_click_menus_set_category_and_move_a_layer(
    qtbot: QtBot,
    section: FactorBoardSection,
    document: ReviewDocument,
    saved: Callable[[], Review],
) -> None:
    board = section.board
    factor = document.review.factors[0]
    menu = _context_menu(qtbot, board, _hole_point(board, factor.id))
    _action(menu, "Environment").trigger()
    menu.close()
    assert saved().factor(factor.id).category == "environment"  # type: ignore[union-attr]

    layers = [x.id for x in document.review.ordered_layers()]
    menu = _context_menu(qtbot, board, _slice_point(board, layers[0]))
    assert not _action(menu, "Move layer left").isEnabled()
    _action(menu, "Move layer right").trigger()
    menu.close()
    assert [x.id for x in saved().ordered_layers()][:2] == [layers[1], layers[0]]
    document.undo_stack.undo()
    assert [x.id for x in saved().ordered_layers()] == layers


def test_a_nudge_can_be_dismissed_for_this_review_and_undo_brings_it_back(
    qtbot: QtBot, section: FactorBoardSection, document: ReviewDocument
) -> None:
    nudges = section.nudges
    before = nudges.messages()
    assert len(before) >= 2, "the sample review raises several questions"
    nudges.list.setCurrentRow(0)
    assert nudges.dismiss_button.isEnabled()
    qtbot.mouseClick(nudges.dismiss_button, Qt.MouseButton.LeftButton)
    assert nudges.messages() == before[1:]
    assert document.library.dismissed(document.review_id)
    document.undo_stack.undo()
    assert nudges.messages() == before
    assert not document.library.dismissed(document.review_id)


def test_edits_push_nothing_when_nothing_changes_and_third_party_follows_category(
    section: FactorBoardSection, document: ReviewDocument
) -> None:
    from pmdesk.ui.factors import edits

    factor = next(f for f in document.review.factors if not f.third_party)
    layer = document.review.layer(factor.layer)
    assert layer is not None
    count = document.undo_stack.count()
    assert not edits.rename_factor(document, factor.id, factor.text)
    assert not edits.rename_factor(document, factor.id, "   \x00 ")
    assert not edits.rename_layer(document, layer.id, layer.name)
    assert not edits.move_factor(document, factor.id, factor.layer)
    assert not edits.move_factor(document, factor.id, "no-such-layer")
    assert edits.add_factor(document, layer.id, "  ") is None
    assert document.undo_stack.count() == count

    assert edits.set_category(document, factor.id, "third_party")
    assert document.review.factor(factor.id).third_party  # type: ignore[union-attr]
    assert edits.set_category(document, factor.id, "process")
    changed = document.review.factor(factor.id)
    assert changed is not None and changed.category == "process" and not changed.third_party


def test_a_layers_stage_is_set_from_the_board(
    qtbot: QtBot,
    section: FactorBoardSection,
    document: ReviewDocument,
    saved: Callable[[], Review],
) -> None:
    """Not only in the List tab: the board's layer menu has the stage of defence."""
    board = section.board
    layer = document.review.ordered_layers()[0]
    menu = _context_menu(qtbot, board, _slice_point(board, layer.id))
    assert _action(menu, layer.stage.value.capitalize()).isChecked()  # type: ignore[union-attr]
    _action(menu, "Recover").trigger()
    menu.close()
    assert saved().layer(layer.id).stage == Stage.RECOVER  # type: ignore[union-attr]
    document.undo_stack.undo()
    assert saved().layer(layer.id).stage == layer.stage  # type: ignore[union-attr]
