"""The main window driven as a person would: keyboard and mouse, then the library is checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
)
from pytestqt.qtbot import QtBot

from pmdesk.model import Person, ReviewKind
from pmdesk.store import Library, ReviewExtras
from pmdesk.store.pmreview import read_review_file_with_extras, write_review_file
from pmdesk.store.sample import sample_review
from pmdesk.ui import settings as keys
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor.review_editor import ReviewEditor
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window

SAMPLE_TITLE = "Checkout failures after a database failover"


@pytest.fixture
def window(qtbot: QtBot, library_path: str, settings: Settings) -> Iterator[MainWindow]:
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _editor(window: MainWindow) -> ReviewEditor:
    widget = window.tabs.currentWidget()
    assert isinstance(widget, ReviewEditor)
    return widget


def _commit_typing(qtbot: QtBot, editor: ReviewEditor) -> None:
    """Wait for the pause after typing, as a person pausing would."""
    document = editor.document
    with qtbot.waitSignal(document.saved, timeout=3000):
        pass


def test_new_library_shows_the_sample_review(window: MainWindow) -> None:
    view = window.findChild(QTableView, "libraryView")
    assert view is not None
    titles = [view.model().index(r, 0).data() for r in range(view.model().rowCount())]
    assert titles == [SAMPLE_TITLE]


def test_activating_a_row_opens_the_review(qtbot: QtBot, window: MainWindow) -> None:
    view = window.findChild(QTableView, "libraryView")
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = _editor(window)
    title = editor.findChild(QLineEdit, "titleEdit")
    assert title.text() == SAMPLE_TITLE


def test_create_fill_undo_redo_and_find_it_all_in_a_new_window(
    qtbot: QtBot,
    window: MainWindow,
    library_path: str,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Disk full on build cache", True))
    window.library_actions.new_action.trigger()
    editor = _editor(window)
    review_id = editor.document.review_id

    title = editor.findChild(QLineEdit, "titleEdit")
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End)
    qtbot.keyClicks(title, " (CI runners)")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert editor.document.review.title == "Disk full on build cache (CI runners)"

    overview = editor.sections["overview"]
    qtbot.keyClicks(overview.summary_edit, "Builds failed for 40 minutes.")
    _commit_typing(qtbot, editor)
    overview.zone_edit.setFocus()
    overview.zone_edit.lineEdit().selectAll()
    qtbot.keyClicks(overview.zone_edit.lineEdit(), "Europe/Berlin")
    qtbot.keyClick(overview.zone_edit.lineEdit(), Qt.Key.Key_Return)
    started = overview.milestone_edits["started_at"]
    qtbot.keyClicks(started, "2026-11-02 09:15")
    qtbot.keyClick(started, Qt.Key.Key_Return)

    people = overview.people
    qtbot.mouseClick(people.add_button, Qt.MouseButton.LeftButton)
    editor_widget = people.view.viewport().findChild(QLineEdit)  # the cell editor that opened
    assert isinstance(editor_widget, QLineEdit)
    editor_widget.selectAll()
    qtbot.keyClicks(editor_widget, "Ana Souza")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: [p.name for p in editor.document.review.people] == ["Ana Souza"])

    review = editor.document.review
    assert review.summary == "Builds failed for 40 minutes."
    assert review.timezone == "Europe/Berlin"
    assert review.started_at is not None and review.started_at.hour == 8  # 09:15 CET is 08:15 UTC
    assert [p.name for p in review.people] == ["Ana Souza"]
    assert window.findChild(QLabel, "savedLabel").text().startswith("Saved")

    # Undo the person (add + rename), then redo them, with the standard shortcuts.
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.redo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Redo)
    window.undo_action.trigger()
    assert [p.name for p in editor.document.review.people] == ["Person 1"]
    window.undo_action.trigger()
    assert editor.document.review.people == ()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert [p.name for p in editor.document.review.people] == ["Ana Souza"]

    window.close()
    second = build_main_window(library_path, settings=settings)
    assert isinstance(second, MainWindow)
    qtbot.addWidget(second)
    reopened = second.open_review(review_id)
    assert reopened is not None
    stored = reopened.document.review
    assert stored.title == "Disk full on build cache (CI runners)"
    assert stored.summary == "Builds failed for 40 minutes."
    assert stored.timezone == "Europe/Berlin"
    assert [p.name for p in stored.people] == ["Ana Souza"]
    assert reopened.findChild(QLineEdit, "titleEdit").text() == stored.title
    second.close()


def test_typing_in_a_field_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.open_review(sample_review().id)
    story = editor.show_section("story").narrative_edit
    before = editor.document.review.narrative
    story.setFocus()
    story.moveCursor(story.textCursor().MoveOperation.End)
    for word in (" One", " more", " sentence."):
        qtbot.keyClicks(story, word)
        _commit_typing(qtbot, editor)
    assert editor.document.review.narrative == before + " One more sentence."
    window.undo_action.trigger()
    assert editor.document.review.narrative == before
    assert story.toPlainText() == before


def test_a_time_that_cannot_be_read_is_kept_and_explained(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.open_review(sample_review().id)
    overview = editor.sections["overview"]
    detected = overview.milestone_edits["detected_at"]
    before = editor.document.review.detected_at
    detected.selectAll()
    qtbot.keyClicks(detected, "3pm-ish")
    qtbot.keyClick(detected, Qt.Key.Key_Return)
    assert editor.document.review.detected_at == before
    assert detected.text() == "3pm-ish"
    assert overview.message.isVisible()
    assert "'3pm-ish' is not a time" in overview.message.text()


def test_event_table_edits_are_saved_and_bad_input_explained(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.open_review(sample_review().id)
    section = editor.show_section("timeline").table  # the table beside the canvas
    model = section.model
    row = model.row_of("e03")
    time_index = section.proxy.mapFromSource(model.index(row, 0))
    assert not section.proxy.setData(time_index, "quarter past")
    assert "'quarter past' is not a time" in section.message.text()
    assert section.proxy.setData(time_index, "16:04")
    event = editor.document.review.event("e03")
    assert event is not None and (event.at.hour, event.at.minute) == (14, 4)  # Berlin is UTC+2
    window.undo_action.trigger()
    event = editor.document.review.event("e03")
    assert event is not None and event.at.minute == 3


def test_delete_key_removes_selected_event_and_undo_restores_links(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.open_review(sample_review().id)
    section = editor.show_section("timeline").table  # the table beside the canvas
    section.select_item("e14")
    section.view.setFocus()
    qtbot.keyClick(section.view, Qt.Key.Key_Delete)
    review = editor.document.review
    assert review.event("e14") is None
    assert "e14" not in review.factor("f-pool").events
    window.undo_action.trigger()
    review = editor.document.review
    assert review.event("e14") is not None
    assert review.factor("f-pool").events == ("e14",)


def test_change_made_elsewhere_is_picked_up_not_overwritten(
    qtbot: QtBot, window: MainWindow, library_path: str
) -> None:
    editor = window.open_review(sample_review().id)
    other = Library.open(library_path)  # a second window or laptop
    other.update_review(sample_review().id, title="Renamed on another laptop")
    other.close()
    title = editor.findChild(QLineEdit, "titleEdit")
    qtbot.waitUntil(lambda: title.text() == "Renamed on another laptop", timeout=5000)
    assert editor.document.undo_stack.count() == 0


def test_write_with_a_stale_version_reloads_instead_of_overwriting(
    qtbot: QtBot, window: MainWindow, library_path: str
) -> None:
    editor = window.open_review(sample_review().id)
    document: ReviewDocument = editor.document
    document._poll.stop()
    other = Library.open(library_path)
    other.update_review(document.review_id, severity="SEV1")
    other.close()
    with qtbot.waitSignal(document.reloaded):
        ok = document.write_review(severity="SEV3")
    assert not ok
    assert document.review.severity == "SEV1"


def test_delete_review_asks_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    window.browser.select(sample_review().id)
    window.library_actions.delete_action.trigger()
    assert window.library.list_reviews() == []
    window.tabs.setCurrentIndex(0)
    window.undo_action.trigger()
    assert [s.title for s in window.library.list_reviews()] == [SAMPLE_TITLE]


def test_undoing_a_delete_or_an_import_keeps_the_meeting_and_dismissed_findings(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """They live beside the review, not in it; the undo snapshot must carry them."""
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    review_id = sample_review().id
    meeting = {"agenda": [{"kind": "story", "title": "Walk it", "minutes": 25}], "records": []}
    window.library.set_meeting(review_id, meeting)
    window.library.set_dismissed(review_id, "vague.quantity:summary:some", True)
    before = window.library.extras(review_id)
    window.browser.select(review_id)
    window.library_actions.delete_action.trigger()
    window.tabs.setCurrentIndex(0)
    window.undo_action.trigger()
    assert window.library.extras(review_id) == before
    window.redo_action.trigger()
    window.undo_action.trigger()
    assert window.library.extras(review_id) == before

    new_id = window.library_actions.create_review("Queue backlog")
    assert new_id is not None
    window.library.set_dismissed(new_id, "story.log:narrative:", True)
    window.tabs.setCurrentIndex(0)
    window.undo_action.trigger()  # undo the creation
    window.redo_action.trigger()
    assert window.library.extras(new_id).dismissed == {"story.log:narrative:"}


def test_import_and_export_review_files(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    path = tmp_path / "other.pmreview"
    extras = ReviewExtras(None, frozenset({"blame.judgement:summary:careless"}))
    write_review_file(sample_review().replace(id="other-review", title="Other"), path, extras)
    review_id = window.library_actions.import_file(path)
    assert review_id == "other-review"
    assert {s.title for s in window.library.list_reviews()} == {SAMPLE_TITLE, "Other"}
    assert window.library.extras("other-review") == extras
    out = tmp_path / "out.pmreview"
    assert window.library_actions.export_file("other-review", out)
    assert read_review_file_with_extras(out)[1] == extras
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(
        "pmdesk.ui.library_actions.show_message",
        lambda parent, title, text, details="": shown.append(text),
    )
    assert window.library_actions.import_file(bad) is None
    assert shown and shown[0].startswith("bad.json:")


def test_short_review_has_three_sections(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Cron job ran twice", True))
    window.library_actions.new_short_action.trigger()
    editor = _editor(window)
    assert editor.document.review.kind is ReviewKind.SHORT
    assert editor.keys == ["what_happened", "why", "what_we_do"]
    assert editor.findChild(QLineEdit, "titleEdit").text() == "Cron job ran twice"


def test_user_text_is_shown_as_plain_text(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    hostile = '<b>bold</b><img src="file:///etc/passwd"> & more'
    editor = window.open_review(sample_review().id)
    editor.document.write_review(title=hostile, summary=hostile)
    editor.document.write_item(Person("p-x", hostile))
    QApplication.processEvents()
    assert window.tabs.tabText(window.tabs.currentIndex()).startswith("<b>bold</b>")
    assert window.windowTitle().startswith("<b>bold</b>")
    shown = [label for label in window.findChildren(QLabel) if "<b>" in label.text()]
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    # Section headings and hints can quote user text in later features: all are plain.
    for name in ("sectionHeading", "sectionHint", "inlineError", "savedLabel"):
        for label in window.findChildren(QLabel, name):
            assert label.textFormat() == Qt.TextFormat.PlainText, name


def test_sections_are_reachable_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.open_review(sample_review().id)
    qtbot.keyClick(editor, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_key() == "timeline"
    qtbot.keyClick(editor, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_key() == "actions"


def test_item_models_pass_the_model_tester(qtbot: QtBot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(window.browser.model)
    editor = window.open_review(sample_review().id)
    qtmodeltester.check(editor.sections["timeline"].table.model)
    qtmodeltester.check(editor.sections["actions"].model)


def test_unexpected_error_in_a_slot_shows_a_dialog(qtbot: QtBot, window: MainWindow) -> None:
    from pmdesk.ui.errors import ErrorReporter

    reporter = ErrorReporter(window)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        reporter._hook(type(exc), exc, exc.__traceback__)
    box = None

    def found() -> bool:
        nonlocal box
        box = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()
            ),
            None,
        )
        return box is not None

    qtbot.waitUntil(found, timeout=3000)
    assert box is not None
    assert "boom" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "RuntimeError" in box.detailedText()
    box.close()


def test_people_table_model_refreshes_precisely(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.open_review(sample_review().id)
    model = editor.sections["overview"].people.model
    inserted: list[int] = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append(first))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    from pmdesk.model import Person

    editor.document.write_item(Person("p-new", "Kai Berg"))
    assert inserted == [len(editor.document.review.people) - 1] and not resets
    assert model.rowCount(QModelIndex()) == len(editor.document.review.people)


def test_theme_choice_is_remembered(window: MainWindow, settings: Settings) -> None:
    from pmdesk.ui import settings as keys

    window.app_actions.theme_actions["projector"].trigger()
    assert settings.get(keys.THEME) == "projector"
    font_size = QApplication.font().pointSizeF()
    window.app_actions.theme_actions["light"].trigger()
    assert QApplication.font().pointSizeF() < font_size


def test_draft_fills_an_empty_story_and_never_overwrites_without_asking(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.open_review(sample_review().id)
    editor.document.write_review(narrative=None)
    story = editor.show_section("story")
    qtbot.mouseClick(story.draft_button, Qt.MouseButton.LeftButton)
    drafted = editor.document.review.narrative
    assert drafted and "Tomás Ferreira" in drafted
    where = drafted.index("Tomás Ferreira")
    sources = story.sources_at(where)
    assert sources is not None and sources.startswith("From: ") and "Tomás Ferreira" in sources
    assert editor.document.review.factors == sample_review().factors
    editor.document.write_review(narrative="Our own words.")
    assert story.draft(replace=False)
    assert editor.document.review.narrative.startswith("Our own words.\n\n")
    window.undo_action.trigger()
    assert editor.document.review.narrative == "Our own words."


def test_open_actions_tab_lists_overdue_first_and_marks_done_undoably(
    qtbot: QtBot, window: MainWindow
) -> None:
    from datetime import date

    view = window.follow_through
    window.tabs.setCurrentWidget(view)
    open_actions = [a for a in sample_review().actions if a.status.value in ("open", "in_progress")]
    assert view.model.rowCount() == len(open_actions)
    view.model.today = date(2026, 12, 10)  # a2 (Dec 12) not yet due; a5 (Dec 5) overdue
    first = view.proxy.index(0, 0).data()
    assert first.endswith("(overdue)")
    view.view.selectRow(0)
    follow_up = view.selected()
    assert follow_up is not None
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == len(open_actions) - 1
    action = window.library.get_review(follow_up.review_id).action(follow_up.action.id)
    assert action is not None and action.status.value == "done"
    window.undo_action.trigger()
    assert view.model.rowCount() == len(open_actions)


def test_switch_to_another_library_and_refuse_a_foreign_file(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmdesk.ui import settings as keys

    shown: list[str] = []
    monkeypatch.setattr(
        "pmdesk.ui.main_window.show_message",
        lambda parent, title, text, details="": shown.append(text),
    )
    window.open_review(sample_review().id)
    other = str(tmp_path / "team.pmdesk")
    assert window.library_actions.switch_library(other)
    assert settings.get(keys.LIBRARY) == other
    assert window.workspaces == {}
    assert [s.title for s in window.library.list_reviews()] == [SAMPLE_TITLE]  # new: sample
    foreign = tmp_path / "notes.txt"
    foreign.write_text("not a library", encoding="utf-8")
    assert not window.library_actions.switch_library(str(foreign))
    assert shown and "not a pmdesk library" in shown[0]
    assert str(window.library.location.path) == other


def test_the_window_paints_first_and_fills_in_once_the_library_is_open(
    qtbot: QtBot, library_path: str, settings: Settings
) -> None:
    """pmdesk.app.run's path: the coach and Open actions arrive with the library."""
    window = MainWindow(None, settings, location=library_path)
    qtbot.addWidget(window)
    assert not window.coach_dock.built and window._follow_through is None
    assert window.tabs.tabText(1) == "Open actions"
    with qtbot.waitSignal(window.library_loaded, timeout=10000):
        window.show()
    assert window.tabs.widget(1) is window.follow_through
    assert window.tabs.tabText(1) == "Open actions"
    assert window.coach_dock.widget() is window.coach_panel
    assert [s.title for s in window.library.list_reviews()] == [SAMPLE_TITLE]
    window.tabs.setCurrentIndex(1)
    assert window.follow_through.isVisible()
    window.close()
    window.library.close()


def _tab_named(window: MainWindow, text: str) -> int:
    return next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == text)


def test_the_coach_shows_beside_a_review_and_remembers_being_put_away(
    qtbot: QtBot, window: MainWindow, library_path: str, settings: Settings
) -> None:
    """On the library it would only say 'open a review'; there the list gets the width."""
    window.tabs.setCurrentIndex(0)
    assert not window.coach_dock.isVisible()
    window.open_review(sample_review().id)
    assert window.coach_dock.isVisible()
    review_tab = window.tabs.currentIndex()
    window.tabs.setCurrentIndex(0)
    assert not window.coach_dock.isVisible()
    window.tabs.setCurrentIndex(_tab_named(window, "Patterns"))
    assert not window.coach_dock.isVisible()  # a library-level tab, like the library
    window.tabs.setCurrentIndex(review_tab)
    assert window.coach_dock.isVisible()

    window.coach_action.trigger()  # View › Coach, Ctrl+Shift+K: put away
    assert not window.coach_dock.isVisible()
    window.tabs.setCurrentIndex(0)
    window.tabs.setCurrentIndex(review_tab)
    assert not window.coach_dock.isVisible()  # stays away beside reviews too
    window.close()

    again = build_main_window(library_path, settings=settings)
    assert isinstance(again, MainWindow)
    qtbot.addWidget(again)
    again.show()
    again.open_review(sample_review().id)
    assert not again.coach_dock.isVisible()  # remembered across windows
    again.coach_action.trigger()
    assert again.coach_dock.isVisible()
    again.coach_dock.close()  # its own close button counts as putting it away
    review_tab = again.tabs.currentIndex()
    again.tabs.setCurrentIndex(0)
    again.tabs.setCurrentIndex(review_tab)
    assert not again.coach_dock.isVisible()
    again.close()


def test_destroying_the_window_raises_nothing_from_its_coach_dock(
    qtbot: QtBot, library_path: str, settings: Settings
) -> None:
    """At quit the C++ window goes first; the dock it hides must not reach for it."""
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    win.show()
    qtbot.waitExposed(win)
    win.open_review(sample_review().id)
    assert win.coach_dock.isVisible()
    shiboken6.delete(win)
    assert settings.get(keys.COACH) is True  # not taken for the user putting the coach away
