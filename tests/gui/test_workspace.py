"""One workspace per open review: closing its windows in any order, and writes from Open actions.

A review's tab, its meeting console, the presenter and the main window are
closed in every order with a meeting running; deferred deletes are flushed
after each step, which is where a dangling reference would crash.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.model import ActionStatus
from pmdesk.store import Library
from pmdesk.store.sample import sample_review
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.presenter import PresenterWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window
from pmdesk.ui.workspace import ReviewWorkspace

REVIEW_ID = sample_review().id


class Facilitator:
    """Answers "end the meeting and close?" as told, and remembers each question."""

    def __init__(self, *, end: bool) -> None:
        self.end = end
        self.asked: list[str] = []

    def __call__(self, _parent: QWidget | None, question: str) -> bool:
        self.asked.append(question)
        return self.end


@pytest.fixture
def facilitator() -> Facilitator:
    return Facilitator(end=True)


@pytest.fixture
def window(
    qtbot: QtBot, library_path: str, settings: Settings, facilitator: Facilitator
) -> Iterator[MainWindow]:
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    win.ask_end_meeting = facilitator
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    facilitator.end = True  # whatever the test left running ends with the window
    win.close()


def flush_deletes() -> None:
    """Run the deferred deletes now: a widget left listening to a deleted object crashes here."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def start_meeting(window: MainWindow) -> ReviewWorkspace:
    window.open_review(REVIEW_ID)
    workspace = window.workspaces[REVIEW_ID]
    console = workspace.open_console()
    console.controller.start()
    console.show_presenter()
    assert workspace.meeting_running and console.presenter.isVisible()
    return workspace


def alive(kind: type[QWidget], window: MainWindow) -> list[QWidget]:
    return [w for w in window.findChildren(kind) if shiboken6.isValid(w)]


def close_tab(window: MainWindow) -> None:
    workspace = window.workspaces.get(REVIEW_ID)
    if workspace is not None:
        window.tabs.tabCloseRequested.emit(window.tabs.indexOf(workspace.editor))


def close_console(window: MainWindow) -> None:
    for console in alive(MeetingConsole, window):
        if console.isVisible():
            console.close()


def close_presenter(window: MainWindow) -> None:
    for presenter in alive(PresenterWindow, window):
        if presenter.isVisible():
            presenter.close()


CLOSERS = {
    "tab": close_tab,
    "console": close_console,
    "presenter": close_presenter,
    "window": MainWindow.close,
}


@pytest.mark.parametrize("order", list(itertools.permutations(CLOSERS)), ids="-".join)
def test_closing_in_any_order_ends_the_meeting_once_and_leaves_nothing_open(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator, order: tuple[str, ...]
) -> None:
    start_meeting(window)
    for step in order:
        CLOSERS[step](window)
        flush_deletes()
    assert window.workspaces == {}
    assert alive(MeetingConsole, window) == [] and alive(PresenterWindow, window) == []
    assert not window.isVisible()
    # Asked only when a review closed under a running meeting (not when the console ended it).
    console_first = order.index("console") < min(order.index("tab"), order.index("window"))
    assert len(facilitator.asked) == (0 if console_first else 1)
    meeting = window.library.meeting(REVIEW_ID)
    assert meeting is not None and len(meeting["records"]) == 1


def test_closing_the_tab_asks_then_closes_the_console_with_it(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator
) -> None:
    workspace = start_meeting(window)
    console = workspace.console
    assert console is not None
    close_tab(window)
    assert facilitator.asked == [
        "The meeting on 'Checkout failures after a database failover' is still running. "
        "End it and close the review?"
    ]
    assert not console.isVisible() and not console.presenter.isVisible()
    flush_deletes()
    assert not shiboken6.isValid(console)
    assert REVIEW_ID not in window.workspaces
    assert window.tabs.count() == 3  # Library, Open actions and Patterns


def test_cancel_keeps_the_review_and_its_meeting(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator
) -> None:
    facilitator.end = False
    workspace = start_meeting(window)
    close_tab(window)
    window.close()
    flush_deletes()
    assert len(facilitator.asked) == 2
    assert window.isVisible()
    assert window.workspaces == {REVIEW_ID: workspace}
    assert window.tabs.indexOf(workspace.editor) >= 0
    assert workspace.console is not None and workspace.console.isVisible()
    assert workspace.console.controller.running
    assert window.library.meeting(REVIEW_ID) is None  # nothing ended, nothing recorded


def test_a_review_deleted_elsewhere_closes_its_console_without_asking(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator, library_path: str
) -> None:
    workspace = start_meeting(window)
    console = workspace.console
    other = Library.open(library_path)  # another window or laptop
    other.delete_review(REVIEW_ID)
    other.close()
    qtbot.waitUntil(lambda: REVIEW_ID not in window.workspaces, timeout=5000)
    flush_deletes()
    assert console is not None and not shiboken6.isValid(console)
    assert facilitator.asked == []
    assert "deleted elsewhere" in window.statusBar().currentMessage()


def test_deleting_a_review_with_a_running_meeting_keeps_its_record_for_undo(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator
) -> None:
    start_meeting(window)
    assert window.library_actions.delete_review(REVIEW_ID)
    flush_deletes()
    assert len(facilitator.asked) == 1 and alive(MeetingConsole, window) == []
    assert window.library.list_reviews() == []
    window.undo_action.trigger()
    meeting = window.library.meeting(REVIEW_ID)
    assert meeting is not None and len(meeting["records"]) == 1


def test_deleting_is_refused_while_the_facilitator_keeps_the_meeting(
    qtbot: QtBot, window: MainWindow, facilitator: Facilitator
) -> None:
    facilitator.end = False
    workspace = start_meeting(window)
    assert not window.library_actions.delete_review(REVIEW_ID)
    assert [s.id for s in window.library.list_reviews()] == [REVIEW_ID]
    assert workspace.meeting_running and window.library_stack.count() == 0


# -- Open actions ------------------------------------------------------------------------


def _select_open_action(window: MainWindow, review_id: str) -> tuple[str, ActionStatus]:
    view = window.follow_through
    window.tabs.setCurrentWidget(view)
    for row in range(view.proxy.rowCount()):
        view.view.selectRow(row)
        follow_up = view.selected()
        if follow_up is not None and follow_up.review_id == review_id:
            return follow_up.action.id, follow_up.action.status
    raise AssertionError("no open action in that review")


def test_marking_done_in_open_actions_is_a_step_of_the_open_tab(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = window.open_review(REVIEW_ID)
    assert editor is not None
    document = editor.document
    reloads: list[str] = []
    document.reloaded.connect(reloads.append)
    steps = document.undo_stack.count()
    action_id, before = _select_open_action(window, REVIEW_ID)
    qtbot.mouseClick(window.follow_through.done_button, Qt.MouseButton.LeftButton)
    assert document.undo_stack.count() == steps + 1
    assert window.library.get_review(REVIEW_ID).action(action_id).status is ActionStatus.DONE  # type: ignore[union-attr]
    document._on_poll_timeout()  # what the tab does every two seconds
    assert reloads == [] and document.undo_stack.count() == steps + 1
    document.undo_stack.undo()
    assert window.library.get_review(REVIEW_ID).action(action_id).status is before  # type: ignore[union-attr]
    assert document.review.action(action_id).status is before  # type: ignore[union-attr]
    assert window.library_stack.count() == 0


def test_marking_done_a_review_not_open_writes_with_its_version_and_undoes(
    qtbot: QtBot, window: MainWindow
) -> None:
    action_id, before = _select_open_action(window, REVIEW_ID)
    version = window.library.version_of(REVIEW_ID)
    qtbot.mouseClick(window.follow_through.done_button, Qt.MouseButton.LeftButton)
    assert window.library.get_review(REVIEW_ID).action(action_id).status is ActionStatus.DONE  # type: ignore[union-attr]
    assert window.library.version_of(REVIEW_ID) == version + 1
    assert window.library_stack.count() == 1
    window.undo_action.trigger()
    assert window.library.get_review(REVIEW_ID).action(action_id).status is before  # type: ignore[union-attr]


def test_a_review_changed_since_the_list_was_read_is_told_not_overwritten(
    qtbot: QtBot, window: MainWindow, library_path: str
) -> None:
    action_id, before = _select_open_action(window, REVIEW_ID)
    other = Library.open(library_path)
    other.update_review(REVIEW_ID, title="Renamed on another laptop")
    other.close()
    view = window.follow_through
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    assert window.library.get_review(REVIEW_ID).action(action_id).status is before  # type: ignore[union-attr]
    assert "changed elsewhere" in view.summary.text()
    assert "\n" not in view.summary.text()
    assert window.library_stack.count() == 0
    titles = {view.model.index(r, view.model.REVIEW).data() for r in range(view.model.rowCount())}
    assert titles == {"Renamed on another laptop"}  # the list was read again
