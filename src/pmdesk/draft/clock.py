"""Times and durations as a story writes them: in the review's zone, named once.

The model keeps times in UTC; readers think in the team's local time. Durations
are counted between the minutes the reader sees (14:05 to 14:17 is 12 minutes),
so the text never contradicts its own timestamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pmdesk.model import Review


@dataclass(frozen=True, slots=True)
class Zone:
    """The zone a review's times are written in, and the name the text uses for it."""

    tz: tzinfo
    name: str
    note: str | None = None

    @classmethod
    def of(cls, review: Review) -> Zone:
        name = (review.timezone or "").strip()
        if not name or name.upper() == "UTC":
            return cls(UTC, "UTC")
        try:
            return cls(ZoneInfo(name), name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            note = f"the review's time zone {name!r} is not known here; times are in UTC"
            return cls(UTC, "UTC", note)

    def local(self, moment: datetime) -> datetime:
        """The moment in this zone, cut to the minute the reader sees."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(self.tz).replace(second=0, microsecond=0)

    def hhmm(self, moment: datetime) -> str:
        return self.local(moment).strftime("%H:%M")


def minutes_between(zone: Zone, start: datetime, end: datetime) -> int:
    """Whole minutes between two moments as shown (each cut to its minute)."""
    # Subtract in UTC: two datetimes in the same ZoneInfo subtract as wall clocks,
    # which is an hour off across a daylight-saving change.
    delta = zone.local(end).astimezone(UTC) - zone.local(start).astimezone(UTC)
    return int(delta.total_seconds() // 60)


def format_minutes(minutes: int) -> str:
    """'less than a minute', '12 minutes', '2 hours 3 minutes', '1 day 4 hours 1 minute'.

    Exact to the minute, so that every stated duration can be checked against the review.
    """
    if minutes < 1:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour"), (mins, "minute")]
    return " ".join(_unit(count, word) for count, word in parts if count)


def _unit(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def format_date(day: date) -> str:
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B')} {day.year}"


@dataclass
class TimeWriter:
    """Writes 'at 14:05', naming the date and zone the first time and dates when they change."""

    zone: Zone
    _last_day: date | None = field(default=None, init=False)

    def at(self, moment: datetime) -> str:
        local = self.zone.local(moment)
        clock = local.strftime("%H:%M")
        if self._last_day is None:
            self._last_day = local.date()
            return f"on {format_date(local.date())} at {clock} (times in {self.zone.name})"
        if local.date() != self._last_day:
            self._last_day = local.date()
            return f"at {clock} on {format_date(local.date())}"
        return f"at {clock}"

    def later(self, previous: datetime, moment: datetime) -> str | None:
        """'12 minutes later', or None when a clock time reads better (new day, long gap)."""
        if self._last_day is None or self.zone.local(moment).date() != self._last_day:
            return None
        minutes = minutes_between(self.zone, previous, moment)
        if minutes <= 0:
            return "at the same time"
        if minutes > 6 * 60:
            return None
        if minutes == 1:
            return "a minute later"
        if minutes < len(_SMALL):
            return f"{_SMALL[minutes]} minutes later"
        # A sentence does not start with a numeral.
        return f"then, {format_minutes(minutes)} later"


_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def span(zone: Zone, start: datetime | None, end: datetime | None) -> str | None:
    """The duration between two milestones in words, or None if either is missing or reversed."""
    if start is None or end is None:
        return None
    minutes = minutes_between(zone, start, end)
    if minutes < 0:
        return None
    return format_minutes(minutes)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
