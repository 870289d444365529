"""A whole meeting run by keyboard on the sample review; then the review and library are checked."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.meeting.agenda import DEFAULT_AGENDA, PhaseKind
from pmdesk.meeting.timer import Overrun
from pmdesk.model import ITEM_PARTS, NoteKind
from pmdesk.store import Library
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting.console import MeetingConsole

from .conftest import ManualClock

KM = Qt.KeyboardModifier


def press(qtbot: QtBot, console: MeetingConsole, key: Qt.Key, mods: KM = KM.NoModifier) -> None:
    target = QApplication.focusWidget() or console
    qtbot.keyClick(target, key, mods)


def capture(qtbot: QtBot, console: MeetingConsole, line: str) -> None:
    press(qtbot, console, Qt.Key.Key_K, KM.ControlModifier)
    assert console.capture.edit.hasFocus()
    qtbot.keyClicks(console.capture.edit, line)
    qtbot.keyClick(console.capture.edit, Qt.Key.Key_Return)
    assert console.capture.edit.text() == "", console.capture.understood.text()


def next_phase(qtbot: QtBot, console: MeetingConsole) -> None:
    press(qtbot, console, Qt.Key.Key_PageDown, KM.AltModifier)


def test_full_meeting_by_keyboard(
    qtbot: QtBot,
    console: MeetingConsole,
    document: ReviewDocument,
    clock: ManualClock,
    library_file: Path,
) -> None:
    controller = console.controller
    before = document.review
    press(qtbot, console, Qt.Key.Key_F5)
    assert controller.running and controller.phase.kind is PhaseKind.STAGE

    # help overlay opens and closes by keyboard
    press(qtbot, console, Qt.Key.Key_F1)
    assert console.overlay.isVisible()
    qtbot.keyClick(console.overlay, Qt.Key.Key_Escape)
    assert not console.overlay.isVisible()

    # one attendee is not in the room: Alt+4, move to the second person, Space
    press(qtbot, console, Qt.Key.Key_4, KM.AltModifier)
    assert console.side.attendees_list.hasFocus()
    console.side.attendees_list.setCurrentRow(0)
    qtbot.keyClick(console.side.attendees_list, Qt.Key.Key_Down)
    qtbot.keyClick(console.side.attendees_list, Qt.Key.Key_Space)
    absent = "Tomás Ferreira (On-call SRE)"
    assert absent not in controller.attendees

    clock.advance(6)  # one minute over the 5-minute stage
    console.refresh_clock()
    assert controller.overrun() is Overrun.OVER
    assert "over time" in console.header.state_label.text()
    next_phase(qtbot, console)
    clock.advance(4)
    next_phase(qtbot, console)
    assert controller.phase.kind is PhaseKind.STORY
    first = controller.current_moment()
    press(qtbot, console, Qt.Key.Key_Right, KM.AltModifier)
    assert controller.current_moment() != first
    capture(qtbot, console, "e 14:32 rollback started")
    clock.advance(15)
    next_phase(qtbot, console)
    capture(qtbot, console, "f monitoring: no alert on lag")
    clock.advance(13)
    next_phase(qtbot, console)
    capture(qtbot, console, "w fast escalation")
    capture(qtbot, console, "l the failover happened at night")
    capture(qtbot, console, "? why was the canary skipped")
    capture(qtbot, console, "p retention of audit logs")
    clock.advance(7)
    next_phase(qtbot, console)
    assert controller.phase.kind is PhaseKind.ACTIONS
    capture(qtbot, console, "a Alex: add lag alert by Friday")
    clock.advance(10)
    next_phase(qtbot, console)
    assert controller.phase.kind is PhaseKind.WRAP_UP
    clock.advance(3)
    press(qtbot, console, Qt.Key.Key_E, KM.ControlModifier | KM.ShiftModifier)
    assert controller.started  # it asks first
    box = console.findChild(QMessageBox, "endMeetingBox")
    assert isinstance(box, QMessageBox)
    next(b for b in box.buttons() if b.text() == "End meeting").click()
    assert not controller.started

    review = document.review
    assert "rollback started" in [e.title for e in review.events]
    (factor,) = [f for f in review.factors if f.text == "no alert on lag"]
    assert review.layer(factor.layer).name == "Monitoring and alerting"  # type: ignore[union-attr]
    assert "fast escalation" in [w.text for w in review.went_well]
    kinds = {(n.kind, n.text) for n in review.notes} - {(n.kind, n.text) for n in before.notes}
    assert kinds == {
        (NoteKind.LUCKY, "the failover happened at night"),
        (NoteKind.QUESTION, "why was the canary skipped"),
        (NoteKind.PARKING, "retention of audit logs"),
    }
    (action,) = [a for a in review.actions if a.text == "Add lag alert"]
    assert review.person_name(action.owner) == "Alex"
    assert (
        "why was the canary skipped"
        in console.side.parking_list.item(console.side.parking_list.count() - 2).text()
    )

    # the record is in the library, read afresh from the file
    again = Library.open(library_file, create=False)
    stored = again.get_review(review.id)
    assert {a.text for a in stored.actions} == {a.text for a in review.actions}
    meeting = again.meeting(review.id)
    assert meeting is not None
    (record,) = meeting["records"]
    assert absent not in record["attendees"]
    assert "Priya Natarajan (Incident commander)" in record["attendees"]
    spent = [p["seconds"] for p in record["phases"]]
    assert spent == [360, 240, 900, 780, 420, 600, 180]
    assert sorted(a["kind"] for a in record["added"]) == sorted(
        ["event", "factor", "went_well", "lucky", "question", "parking", "action"]
    )
    assert "Past meetings" in console.side.tabText(console.side.currentIndex())
    assert "1 action" in console.side.past_view.toPlainText()

    # every capture is one undo step; undoing the action takes the new owner with it
    document.undo_stack.undo()
    assert "Add lag alert" not in [a.text for a in document.review.actions]
    assert "Alex" not in [p.name for p in document.review.people]
    document.undo_stack.redo()
    assert "Add lag alert" in [a.text for a in document.review.actions]


def test_refused_line_adds_nothing_and_says_why(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument
) -> None:
    version = document.version
    press(qtbot, console, Qt.Key.Key_K, KM.ControlModifier)
    qtbot.keyClicks(console.capture.edit, "x rollback started")
    assert "start the line with e" in console.capture.understood.text()
    qtbot.keyClick(console.capture.edit, Qt.Key.Key_Return)
    assert console.capture.edit.text() == "x rollback started"
    assert document.version == version
    qtbot.keyClick(console.capture.edit, Qt.Key.Key_Escape)
    assert console.capture.edit.text() == ""


def test_question_mark_opens_help_only_outside_the_capture_field(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    press(qtbot, console, Qt.Key.Key_K, KM.ControlModifier)
    qtbot.keyClicks(console.capture.edit, "? why")
    assert not console.overlay.isVisible()
    assert console.capture.edit.text() == "? why"
    console.agenda.table.setFocus()
    qtbot.keyClick(console.agenda.table, Qt.Key.Key_Question)
    assert console.overlay.isVisible()


def test_agenda_edit_is_saved_and_undoable(
    console: MeetingConsole, document: ReviewDocument, library_file: Path
) -> None:
    console.agenda.table.item(2, 1).setText("20")
    assert console.controller.agenda[2].minutes == 20
    stored = Library.open(library_file, create=False).meeting(document.review_id)
    assert stored is not None and stored["agenda"][2]["minutes"] == 20
    console.agenda.table.item(2, 1).setText("lots")
    assert "whole number" in console.capture.understood.text()
    assert console.controller.agenda[2].minutes == 20
    document.undo_stack.undo()
    assert console.controller.agenda == DEFAULT_AGENDA
    assert console.agenda.table.item(2, 1).text() == str(DEFAULT_AGENDA[2].minutes)


def test_private_notes_are_kept_with_the_meeting(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument, library_file: Path
) -> None:
    qtbot.keyClick(console, Qt.Key.Key_3, KM.AltModifier)
    qtbot.keyClicks(console.side.notes_edit, "ask Mei about the pool size")
    with qtbot.waitSignal(document.saved, timeout=3000):
        pass
    stored = Library.open(library_file, create=False).meeting(document.review_id)
    assert stored is not None and stored["notes"] == "ask Mei about the pool size"


def test_every_control_has_a_shortcut_shown_in_the_help(console: MeetingConsole) -> None:
    from PySide6.QtWidgets import QLabel

    texts = " ".join(label.text() for label in console.overlay.findChildren(QLabel))
    for action in console.actions_by_name.values():
        assert action.shortcuts(), action.objectName()
        assert action.shortcuts()[0].toString() in texts
    for name in (
        "startMeetingAction",
        "nextPhaseAction",
        "previousPhaseAction",
        "endMeetingAction",
    ):
        assert console.findChild(type(console.actions_by_name[name]), name) is not None
    assert console.findChild(QWidget, "quickCaptureEdit") is console.capture.edit


def test_a_huge_word_does_not_stretch_the_console(console: MeetingConsole) -> None:
    width = console.sizeHint().width()
    console.capture.edit.setText("w " + "x" * 1990)
    assert console.sizeHint().width() <= width + 50
    assert len(console.capture.understood.text()) <= 400


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(line=st.text(max_size=120))
def test_any_typed_line_is_added_or_explained(
    console: MeetingConsole, document: ReviewDocument, line: str
) -> None:
    count = sum(len(document.review.items(part)) for part in ITEM_PARTS)
    console.capture.edit.setText(line)
    console.capture.edit.returnPressed.emit()
    added = sum(len(document.review.items(part)) for part in ITEM_PARTS) - count
    if not line.strip():
        assert added == 0
    elif console.capture.edit.text():
        assert added == 0 and console.capture.understood.text()
    else:
        assert added >= 1


def test_phases_are_added_and_removed_by_keyboard_and_undone(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument
) -> None:
    press(qtbot, console, Qt.Key.Key_1, KM.AltModifier)
    assert console.agenda.table.hasFocus()
    console.agenda.table.setCurrentCell(2, 0)
    console.agenda.kind_combo.setCurrentIndex(list(PhaseKind).index(PhaseKind.STORY))
    qtbot.keyClick(console.agenda.table, Qt.Key.Key_Insert)
    kinds = [p.kind for p in console.controller.agenda]
    assert kinds[2:4] == [PhaseKind.STORY, PhaseKind.STORY]
    assert console.agenda.table.rowCount() == len(DEFAULT_AGENDA) + 1
    console.agenda.table.setCurrentCell(0, 0)
    qtbot.keyClick(console.agenda.table, Qt.Key.Key_Delete)
    assert console.controller.agenda[0].kind is PhaseKind.FOLLOW_UP
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert console.controller.agenda == DEFAULT_AGENDA


def test_pause_stops_the_phase_clock(
    qtbot: QtBot, console: MeetingConsole, clock: ManualClock
) -> None:
    press(qtbot, console, Qt.Key.Key_F5)
    clock.advance(1)
    press(qtbot, console, Qt.Key.Key_F6)
    assert not console.controller.running
    clock.advance(10)
    console.refresh_clock()
    assert console.header.phase_clock.text() == "4:00"
    assert "Paused" in console.header.state_label.text()
    press(qtbot, console, Qt.Key.Key_F6)
    clock.advance(1)
    assert console.controller.phase_remaining() == 180


def test_choosing_an_event_in_the_table_moves_the_room_there(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument
) -> None:
    controller = console.controller
    controller.start()
    controller.go_to(2)
    plain = next(e for e in document.review.events_by_time() if not e.key)
    console.live.timeline_table.select_item(plain.id)
    assert controller.current_moment() == plain
    assert plain.title in console.live.moment_label.text()
    press(qtbot, console, Qt.Key.Key_Right, KM.AltModifier)
    after = controller.current_moment()
    assert after is not None and after.key and after.at >= plain.at
    assert console.live.timeline_table.selected_ids() == [after.id]


def test_closing_the_console_mid_meeting_keeps_its_record(
    qtbot: QtBot, console: MeetingConsole, clock: ManualClock, library_file: Path
) -> None:
    press(qtbot, console, Qt.Key.Key_F5)
    clock.advance(3)
    console.close()
    stored = Library.open(library_file, create=False).meeting(console.document.review_id)
    assert stored is not None
    assert [p["seconds"] for p in stored["records"][0]["phases"]][:2] == [180, 0]


def test_the_start_button_names_what_a_click_will_do(qtbot: QtBot, console: MeetingConsole) -> None:
    """Start, then Pause and Resume; a button that said "Running" left the room guessing."""
    button = console.header.start_button
    assert button.text() == "Start"
    button.click()
    assert console.controller.running and button.text() == "Pause"
    button.click()
    assert not console.controller.running and button.text() == "Resume"
    button.click()
    assert console.controller.running and button.text() == "Pause"
