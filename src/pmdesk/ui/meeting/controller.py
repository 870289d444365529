"""The meeting as the console and the presenter share it: one small QObject per meeting.

The countdowns are computed by :mod:`pmdesk.meeting.timer` from the stored
moments and ``now``; this object only remembers those moments, ticks once a
second so views repaint, and turns captures into undo commands.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from pmdesk.errors import UserError
from pmdesk.meeting.agenda import AgendaPhase
from pmdesk.meeting.capture import Capture, CaptureKind, parse_capture
from pmdesk.meeting.followup import FollowUp, related_open_actions
from pmdesk.meeting.record import MeetingRecord, build_record
from pmdesk.meeting.timer import (
    MeetingClock,
    Overrun,
    overall_remaining,
    phase_overrun,
    phase_remaining,
)
from pmdesk.model import Change, Event, Item, Part, Person, Review
from pmdesk.ui.commands import EditItemsCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting.commands import SetAgendaCommand, read_meeting, write_meeting

TICK_MS = 1000


def utc_now() -> datetime:
    return datetime.now(UTC)


def attendee_label(person: Person) -> str:
    return f"{person.name} ({person.role})" if person.role else person.name


class MeetingController(QObject):
    """One review meeting: agenda, clock, current key moment, captures and the record.

    Signals:
        state_changed(): started, paused, resumed, ended, moved phase, or the agenda changed.
        ticked(): once a second while the meeting runs, for the countdowns.
        moment_changed(str): the current key moment's event id ('' when there is none).
        captured(str): what a quick-capture line was understood as, after it was added.
        ended(object): the ``MeetingRecord`` written when the meeting closed.
        problem(str): something the facilitator should read (a refused line, unreadable data).
    """

    state_changed = Signal()
    ticked = Signal()
    moment_changed = Signal(str)
    captured = Signal(str)
    ended = Signal(object)
    problem = Signal(str)

    def __init__(
        self,
        document: ReviewDocument,
        *,
        now: Callable[[], datetime] = utc_now,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self._now = now
        self.data, why = read_meeting(document)
        self.clock: MeetingClock | None = None
        self.moment_id = ""
        self.attendees: list[str] = [attendee_label(p) for p in document.review.people]
        self._added: list[tuple[CaptureKind, Part, str]] = []
        self._follow_ups: list[FollowUp] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.ticked.emit)
        document.changed.connect(self._on_document_changed)
        if why:
            QTimer.singleShot(0, lambda: self.problem.emit(why))

    # -- what views read --------------------------------------------------------------

    @property
    def review(self) -> Review:
        return self.document.review

    @property
    def agenda(self) -> tuple[AgendaPhase, ...]:
        return self.data.agenda

    @property
    def started(self) -> bool:
        return self.clock is not None

    @property
    def running(self) -> bool:
        return self.clock is not None and self.clock.running

    @property
    def phase_index(self) -> int:
        return self.clock.phase if self.clock else 0

    @property
    def phase(self) -> AgendaPhase:
        return self.agenda[self.phase_index]

    def now(self) -> datetime:
        return self._now()

    def phase_remaining(self) -> float:
        if self.clock is None:
            return self.phase.minutes * 60.0
        return phase_remaining(self.clock, self.agenda, self._now())

    def overall_remaining(self) -> float:
        if self.clock is None:
            return sum(p.minutes for p in self.agenda) * 60.0
        return overall_remaining(self.clock, self.agenda, self._now())

    def overrun(self) -> Overrun:
        if self.clock is None:
            return Overrun.ON_TIME
        return phase_overrun(self.clock, self.agenda, self._now())

    def phase_spent(self, index: int) -> float:
        return self.clock.phase_spent(self._now(), index) if self.clock else 0.0

    def key_moments(self) -> list[Event]:
        """The key moments in time order; every event when none is marked key."""
        events = self.review.events_by_time()
        return [e for e in events if e.key] or events

    def current_moment(self) -> Event | None:
        """The event the room is looking at: the one chosen, else the first key moment."""
        found = self.review.event(self.moment_id) if self.moment_id else None
        moments = self.key_moments()
        return found or (moments[0] if moments else None)

    def follow_ups(self) -> list[FollowUp]:
        """Earlier reviews' open actions on the same services (read once per meeting)."""
        if self._follow_ups is None:
            library = self.document.library
            # Any review with open actions may share a service or a factor with this one.
            others = [
                library.get_review(summary.id)
                for summary in library.list_reviews()
                if summary.id != self.review.id and summary.open_actions
            ]
            self._follow_ups = related_open_actions(self.review, others)
        return self._follow_ups

    def added_items(self) -> list[tuple[CaptureKind, Item]]:
        """What was captured in this meeting and is still in the review (undo takes it away)."""
        found = []
        for kind, part, item_id in self._added:
            item = next((i for i in self.review.items(part) if i.id == item_id), None)
            if item is not None:
                found.append((kind, item))
        return found

    # -- controls ---------------------------------------------------------------------

    def start(self) -> None:
        """Start the meeting, or resume it when paused."""
        if self.clock is None:
            self.clock = MeetingClock.start(len(self.agenda), self._now())
            self._added.clear()
            self._follow_ups = None
            self._timer.start()
        else:
            self.clock = self.clock.resume(self._now())
        self.state_changed.emit()

    def toggle_pause(self) -> None:
        if self.clock is None:
            self.start()
            return
        now = self._now()
        self.clock = self.clock.pause(now) if self.clock.running else self.clock.resume(now)
        self.state_changed.emit()

    def go_to(self, index: int) -> None:
        if self.clock is None:
            self.start()
        assert self.clock is not None
        self.clock = self.clock.go_to(index, self._now())
        self.state_changed.emit()

    def next_phase(self) -> None:
        self.go_to(self.phase_index + 1 if self.clock else 0)

    def previous_phase(self) -> None:
        self.go_to(self.phase_index - 1)

    def next_moment(self) -> None:
        self._step_moment(1)

    def previous_moment(self) -> None:
        self._step_moment(-1)

    def set_moment(self, event_id: str) -> None:
        if event_id != self.moment_id:
            self.moment_id = event_id
            self.moment_changed.emit(event_id)

    def _step_moment(self, step: int) -> None:
        moments = self.key_moments()
        if not moments:
            return
        current = self.current_moment()
        if current in moments:
            index = moments.index(current) + step
        else:  # an ordinary event was chosen: go to the key moment before or after it
            assert current is not None
            later = [n for n, e in enumerate(moments) if e.at > current.at]
            index = (later[0] if later else len(moments)) - (1 if step < 0 else 0)
        self.set_moment(moments[max(0, min(len(moments) - 1, index))].id)

    def set_attendees(self, attendees: Sequence[str]) -> None:
        self.attendees = list(attendees)

    def end(self) -> MeetingRecord | None:
        """Close the meeting and store its record; None when it never started."""
        if self.clock is None:
            return None
        now = self._now()
        added = [(kind, _item_text(item)) for kind, item in self.added_items()]
        record = build_record(
            self.clock, self.agenda, now=now, attendees=self.attendees, added=added
        )
        self.clock = None
        self._timer.stop()
        self.data, _ = read_meeting(self.document)
        self.data = self.data.with_record(record.to_json())
        if not write_meeting(self.document, self.data):
            self.problem.emit("The meeting record could not be saved; the review changed.")
        self.state_changed.emit()
        self.ended.emit(record)
        return record

    # -- agenda and notes -------------------------------------------------------------

    def set_agenda(self, agenda: Sequence[AgendaPhase], label: str = "Change agenda") -> None:
        if not agenda or tuple(agenda) == self.agenda:
            return
        self.document.undo_stack.push(SetAgendaCommand(self.document, label, agenda, self.agenda))

    def save_notes(self, text: str) -> bool:
        """Private notes are the facilitator's; saved with the meeting data, not undoable."""
        data, _ = read_meeting(self.document)
        if data.notes == text:
            return True
        return write_meeting(self.document, data.with_notes(text))

    # -- quick capture ----------------------------------------------------------------

    def read_line(self, line: str) -> Capture:
        return parse_capture(line, self.review, today=date.today(), now=self._now())

    def capture(self, line: str) -> Capture | None:
        """Add what the line says as one undo step; None (and ``problem``) when refused."""
        try:
            result = self.read_line(line)
        except UserError as exc:
            self.problem.emit(str(exc))
            return None
        label = f"Capture {result.kind.value.replace('_', ' ')}"
        self.document.undo_stack.push(EditItemsCommand(self.document, label, result.items))
        item = result.item
        if any(i.id == item.id for i in self.review.items(Part.of(item))):
            self._added.append((result.kind, Part.of(item), item.id))
            if isinstance(item, Event) and item.key:
                self.set_moment(item.id)
        self.captured.emit(result.understood)
        return result

    def _on_document_changed(self, change: Change) -> None:
        if Part.MEETING in change.parts:
            data, why = read_meeting(self.document)
            if why:
                self.problem.emit(why)
            self.data = data
            if self.clock is not None and self.clock.phases != len(self.agenda):
                self.clock = self.clock.resize(len(self.agenda))
            self.state_changed.emit()

    def close(self) -> None:
        self._timer.stop()


def _item_text(item: Item) -> str:
    text = getattr(item, "text", None) or getattr(item, "title", None) or getattr(item, "name", "")
    return str(text)
