"""Writing the meeting's data to the library, and the undo command for agenda edits.

Captured items are ordinary review items (``PutItemCommand``); only the
agenda, the private notes and the records live in the meeting data.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoCommand

from pmdesk.meeting.agenda import AgendaPhase, MeetingData
from pmdesk.ui.document import ReviewDocument


def write_meeting(document: ReviewDocument, data: MeetingData) -> bool:
    """Store the meeting data with the document's version check and change signal."""
    return document.write_meeting(data.to_json())


def read_meeting(document: ReviewDocument) -> tuple[MeetingData, str | None]:
    """The stored meeting data, or the defaults and why the stored data could not be used."""
    from pmdesk.errors import UserError

    try:
        return MeetingData.from_json(document.library.meeting(document.review_id)), None
    except UserError as exc:
        return MeetingData(), f"The saved agenda could not be read ({exc}); using the default."


class SetAgendaCommand(QUndoCommand):
    """Change the agenda (a title, a time box, a phase added or removed)."""

    def __init__(
        self,
        document: ReviewDocument,
        label: str,
        new: Sequence[AgendaPhase],
        old: Sequence[AgendaPhase],
    ) -> None:
        super().__init__(label)
        self._doc = document
        self._new = tuple(new)
        self._old = tuple(old)

    def _apply(self, agenda: tuple[AgendaPhase, ...]) -> None:
        data, _ = read_meeting(self._doc)
        if not write_meeting(self._doc, data.with_agenda(agenda)):
            self.setObsolete(True)

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)
