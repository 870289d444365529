"""One open review and every window it has: document, editor, coach, meeting console, presenter.

An open review used to live in four dicts in two classes, and closing its tab
left its meeting console running on a review no longer open. Here one object
owns them all and ``close()`` takes them down together, in an order that never
leaves a widget listening to a deleted object: the meeting is ended (or the
facilitator cancels and nothing closes), the console and its presenter go,
typing still waiting for its pause is committed, signals are cut, and the
editor, then the document are deleted on the next turn of the event loop.

Signals:
    closed(str): every window of the review is closed; the owner drops its tab and stack.
    removed(str): the review was deleted elsewhere; the workspace closes itself after this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from pmdesk.ui.document import ReviewDocument

if TYPE_CHECKING:
    from pmdesk.store import Library
    from pmdesk.ui.coach import ReviewCoach
    from pmdesk.ui.editor.review_editor import ReviewEditor
    from pmdesk.ui.meeting.console import MeetingConsole
    from pmdesk.ui.meeting.presenter import PresenterWindow

#: Asks the facilitator whether to end the running meeting; True means end it and close.
AskEndMeeting = Callable[[str], bool]


def ask_end_meeting(parent: QWidget | None, question: str) -> bool:
    """The plain-text question with "End meeting and close" and Cancel; True for the first."""
    from PySide6.QtWidgets import QMessageBox

    from pmdesk.ui.errors import ask_choice

    choice = ask_choice(
        parent,
        "Close review",
        question,
        "Ending it saves the meeting's record with the review.",
        [("end", "End meeting and close", QMessageBox.ButtonRole.AcceptRole)],
    )
    return choice == "end"


def flush_typing(root: QWidget) -> None:
    """Commit any typing still waiting for its pause (closing never loses a keystroke)."""
    from pmdesk.ui.fields import FieldBinding

    for binding in root.findChildren(FieldBinding):
        binding.commit()


class ReviewWorkspace(QObject):
    """Everything on screen for one open review; ``close()`` is the only way it ends."""

    closed = Signal(str)
    removed = Signal(str)

    def __init__(self, document: ReviewDocument, window: QWidget, ask: AskEndMeeting) -> None:
        super().__init__(window)
        from pmdesk.ui.coach import ReviewCoach
        from pmdesk.ui.editor.review_editor import ReviewEditor

        self.setObjectName(f"workspace:{document.review_id}")
        document.setParent(self)
        self.document = document
        self.coach: ReviewCoach = ReviewCoach(document)
        self.editor: ReviewEditor = ReviewEditor(document, coach=self.coach)
        self.console: MeetingConsole | None = None
        self._window = window
        self._ask = ask
        self._closed = False
        self._gone = False
        document.removed.connect(self._on_document_removed)

    @classmethod
    def open(
        cls, library: Library, review_id: str, window: QWidget, ask: AskEndMeeting
    ) -> ReviewWorkspace:
        """Read the review and build its windows; raises ``UserError`` when it cannot be read."""
        return cls(ReviewDocument(library, review_id), window, ask)

    @property
    def review_id(self) -> str:
        return self.document.review_id

    @property
    def presenter(self) -> PresenterWindow | None:
        return self.console.presenter if self.console is not None else None

    @property
    def meeting_running(self) -> bool:
        """Started and not yet ended (a paused meeting is still running)."""
        return self.console is not None and self.console.controller.started

    def open_console(self) -> MeetingConsole:
        """The review's meeting console, created the first time, shown and in front."""
        from pmdesk.ui.meeting.console import MeetingConsole

        if self.console is None:
            self.console = MeetingConsole(self.document, parent=self._window)
            self.console.closed.connect(self._on_console_closed)
        self.console.show()
        self.console.raise_()
        self.console.activateWindow()
        return self.console

    def close(self, *, ask: bool = True) -> bool:
        """Close every window of the review; False (nothing closed) if the facilitator cancels.

        A running meeting is ended and its record saved first. With ``ask`` the
        facilitator is asked before that; without, it ends without asking (undoing
        the review's creation, for one). A review deleted elsewhere has nowhere to
        save a record, so its meeting just stops.
        """
        if self._closed:
            return True
        if ask and self.meeting_running and not self._ask(self._question()):
            return False
        self._closed = True
        self._close_console(save=not self._gone)
        flush_typing(self.editor)
        self.document.close()
        # Nothing the document or the coach says from here may reach a widget being deleted.
        self.document.blockSignals(True)
        self.coach.blockSignals(True)
        self.closed.emit(self.review_id)
        self.editor.deleteLater()  # before the document (a child of this), which it listens to
        self.deleteLater()
        return True

    def _question(self) -> str:
        title = self.document.review.title
        short = title if len(title) <= 60 else title[:59] + "…"
        return f"The meeting on '{short}' is still running. End it and close the review?"

    def _close_console(self, *, save: bool) -> None:
        console, self.console = self.console, None
        if console is None:
            return
        console.closed.disconnect(self._on_console_closed)
        console.shutdown(save=save)
        console.hide()
        console.deleteLater()

    def _on_console_closed(self) -> None:
        """The facilitator closed the console window (which ended its meeting)."""
        console, self.console = self.console, None
        if console is not None:
            console.closed.disconnect(self._on_console_closed)
            console.deleteLater()

    def _on_document_removed(self) -> None:
        self._gone = True
        self.removed.emit(self.review_id)
        self.close(ask=False)
