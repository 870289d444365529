"""Countdowns as pure functions of the time.

The clock stores only what happened (when the meeting started, which phase is
current, how long each phase ran before the current run); everything shown is
computed from that and ``now``. A suspended laptop, a slow event loop or a test
clock all give the same answers, and nothing drifts.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from pmdesk.meeting.agenda import AgendaPhase

#: "Nearly out of time" starts here, or at a fifth of a short phase.
NEARLY_SECONDS = 120.0
#: Past this much overrun (or half the time box) the signal gets firmer, never louder.
WELL_OVER_SECONDS = 300.0


class Overrun(enum.StrEnum):
    """How gently to signal the time: colours in the console, a thin bar on the projector."""

    ON_TIME = "on_time"
    NEARLY = "nearly"
    OVER = "over"
    WELL_OVER = "well_over"


@dataclass(frozen=True, slots=True)
class MeetingClock:
    """Where the meeting is: current phase, seconds banked per phase, the running stretch."""

    phases: int
    phase: int = 0
    started_at: datetime | None = None
    running_since: datetime | None = None
    spent: tuple[float, ...] = ()

    @classmethod
    def start(cls, phases: int, now: datetime) -> MeetingClock:
        """A clock at the first phase, running from now, nothing spent yet."""
        return cls(phases, 0, now, now, (0.0,) * phases)

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def running(self) -> bool:
        return self.running_since is not None

    def pause(self, now: datetime) -> MeetingClock:
        """Bank the running stretch into the current phase; pausing twice is harmless."""
        if self.running_since is None:
            return self
        return replace(self, running_since=None, spent=self._banked(now))

    def resume(self, now: datetime) -> MeetingClock:
        """Start a new running stretch; a clock never started stays unstarted."""
        if self.running_since is not None or not self.started:
            return self
        return replace(self, running_since=now)

    def go_to(self, index: int, now: datetime) -> MeetingClock:
        """Make ``index`` the current phase; time so far stays with the phase it was spent in."""
        index = max(0, min(index, self.phases - 1))
        running = self.running_since is not None
        return replace(
            self,
            phase=index,
            spent=self._banked(now),
            running_since=now if running else None,
        )

    def resize(self, phases: int) -> MeetingClock:
        """The agenda gained or lost phases during the meeting."""
        spent = (*self.spent[:phases], *(0.0,) * max(0, phases - len(self.spent)))
        return replace(self, phases=phases, phase=min(self.phase, phases - 1), spent=spent)

    def phase_spent(self, now: datetime, index: int | None = None) -> float:
        """Seconds a phase has had: banked time, plus the running stretch for the current one."""
        index = self.phase if index is None else index
        banked = self.spent[index] if index < len(self.spent) else 0.0
        if index == self.phase and self.running_since is not None:
            banked += max(0.0, (now - self.running_since).total_seconds())
        return banked

    def total_spent(self, now: datetime) -> float:
        return sum(self.phase_spent(now, n) for n in range(self.phases))

    def _banked(self, now: datetime) -> tuple[float, ...]:
        """The spent tuple with the current phase's running stretch folded in."""
        spent = list(self.spent) or [0.0] * self.phases
        spent[self.phase] = self.phase_spent(now)
        return tuple(spent)


def phase_remaining(clock: MeetingClock, agenda: Sequence[AgendaPhase], now: datetime) -> float:
    """Seconds left in the current phase's time box; negative once over."""
    return agenda[clock.phase].minutes * 60.0 - clock.phase_spent(now)


def overall_remaining(clock: MeetingClock, agenda: Sequence[AgendaPhase], now: datetime) -> float:
    """Seconds left in the whole agenda; negative once the meeting overruns."""
    return sum(p.minutes for p in agenda) * 60.0 - clock.total_spent(now)


def overrun(box_seconds: float, remaining: float) -> Overrun:
    """How the time stands for a box of ``box_seconds`` with ``remaining`` seconds left."""
    if remaining > min(NEARLY_SECONDS, box_seconds / 5):
        return Overrun.ON_TIME
    if remaining >= 0:
        return Overrun.NEARLY
    if -remaining < min(WELL_OVER_SECONDS, box_seconds / 2):
        return Overrun.OVER
    return Overrun.WELL_OVER


def phase_overrun(clock: MeetingClock, agenda: Sequence[AgendaPhase], now: datetime) -> Overrun:
    """How the current phase stands against its own time box."""
    return overrun(agenda[clock.phase].minutes * 60.0, phase_remaining(clock, agenda, now))


def format_countdown(seconds: float) -> str:
    """'12:05', '1:02:00', and '+3:10' once over time (said as 'three minutes over')."""
    over = seconds < 0
    whole = int(abs(seconds) + (0 if over else 0.999))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"+{text}" if over else text
