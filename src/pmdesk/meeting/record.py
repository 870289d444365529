"""What a finished meeting leaves behind: who came, how long each phase took, what was added.

The record lives in the library's meeting data (``MeetingData.records``),
travels in a .pmreview file's own ``pmdesk`` property, and the console lists
it under "Past meetings". Items are named by their text, not only by id, so the
record still reads well after an item is edited or deleted later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pmdesk.clock import format_duration, format_moment
from pmdesk.meeting.agenda import AgendaPhase
from pmdesk.meeting.capture import CaptureKind, kind_label
from pmdesk.meeting.timer import MeetingClock
from pmdesk.text import one_line


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    started_at: datetime
    ended_at: datetime
    attendees: tuple[str, ...]
    phases: tuple[tuple[str, int, float], ...]  # title, planned minutes, seconds spent
    added: tuple[tuple[CaptureKind, str], ...]

    def to_json(self) -> dict[str, Any]:
        """The stored form: plain JSON types, seconds rounded to a tenth."""
        return {
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat(),
            "attendees": list(self.attendees),
            "phases": [
                {"title": t, "minutes": m, "seconds": round(s, 1)} for t, m, s in self.phases
            ],
            "added": [{"kind": k.value, "text": t} for k, t in self.added],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MeetingRecord:
        """A stored record; raises KeyError/ValueError/TypeError on one we cannot read."""
        try:
            return cls._from_json(data)
        except OverflowError as exc:  # a number too large for a float, from a shared file
            raise ValueError(f"a number in the record is out of range ({exc})") from exc

    @classmethod
    def _from_json(cls, data: Mapping[str, Any]) -> MeetingRecord:
        """The plain read; from_json turns out-of-range numbers into ValueError."""
        return cls(
            started_at=datetime.fromisoformat(data["started_at"]),
            ended_at=datetime.fromisoformat(data["ended_at"]),
            attendees=tuple(str(a) for a in data.get("attendees", ())),
            phases=tuple(
                (str(p["title"]), int(p["minutes"]), float(p["seconds"]))
                for p in data.get("phases", ())
            ),
            added=tuple((CaptureKind(a["kind"]), str(a["text"])) for a in data.get("added", ())),
        )

    @property
    def duration(self) -> float:
        """Wall-clock seconds from start to end, pauses included."""
        return (self.ended_at - self.started_at).total_seconds()

    def summary(self, zone_name: str | None = None) -> str:
        """The record as a few plain lines, for the console and a copy-paste into chat."""
        when = format_moment(self.started_at, zone_name)
        lines = [f"Meeting on {when}, {format_duration(self.duration)}"]
        lines.append("Attendees: " + (", ".join(self.attendees) or "not recorded"))
        for title, minutes, seconds in self.phases:
            if seconds >= 1:
                lines.append(f"  {title}: {format_duration(seconds)} of {minutes} min")
        if self.added:
            counts: dict[CaptureKind, int] = {}
            for kind, _ in self.added:
                counts[kind] = counts.get(kind, 0) + 1
            parts = [f"{n} {kind_label(k)}" for k, n in counts.items()]
            lines.append("Added: " + ", ".join(parts))
            lines += [f"  {kind_label(k)}: {one_line(t, 90)}" for k, t in self.added]
        else:
            lines.append("Added: nothing")
        return "\n".join(lines)


def build_record(
    clock: MeetingClock,
    agenda: Sequence[AgendaPhase],
    *,
    now: datetime,
    attendees: Sequence[str],
    added: Sequence[tuple[CaptureKind, str]],
) -> MeetingRecord:
    """The record of a meeting that ends ``now``; phases never reached count zero seconds."""
    started = clock.started_at or now
    phases = tuple(
        (phase.title, phase.minutes, clock.phase_spent(now, n)) for n, phase in enumerate(agenda)
    )
    return MeetingRecord(started, now, tuple(attendees), phases, tuple(added))
