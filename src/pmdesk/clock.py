"""The one clock: how pmdesk reads, counts and writes times, durations, dates and numbers.

Reviews store UTC; people read and type times in the review's own zone. Every
surface (overview, timeline, figures, reports, presenter, drafter, imports) goes
through this module, so the same fact reads the same everywhere.

The rules, each defined once here:

- **Zone.** A review's zone by name; an unknown name falls back to UTC with a
  note saying so (a zone the user *chooses* for an import must be real).
- **Calendar edges.** A moment is accepted only between 0001-01-02 and
  9999-12-30 (UTC): a day inside the calendar at either end, so it can be shown
  in every zone, even after the review's zone is changed. Readers refuse others
  with one sentence that quotes the value.
- **Durations.** Three: *to detect* (started → detected), *to mitigate*
  (started → mitigated) and *to resolve* (started → resolved). Each is counted
  between the minutes the reader sees: both ends cut to the minute in the
  review's zone, then subtracted in UTC so a daylight-saving change is right.
  A missing start or end, or an end before the start, means that duration is
  absent: never shown as 0 and never negative.
- **Duration wording.** A short form for headers and figures ("1 h 38 min")
  and a prose form for sentences ("1 hour 38 minutes"), from the same whole
  minutes and never rounded: minutes below an hour, hours and minutes below
  48 hours, then days, hours and minutes.
- **Dates.** "30 Nov 2026"; a screen may leave the year out only for a date in
  the current year, a document always names it (it is read in other years).
- **Numbers.** Thousands separated by commas: "18,400".

People type times the way they say them ("14:32", "2026-10-14 14:32"): a time
alone keeps the date of a reference moment, so fixing "14:23" to "14:32" on a
timeline card never moves the event to another day. Anything else is refused
with a sentence that quotes the input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pmdesk.errors import BadInput
from pmdesk.model import Review

# ---- the calendar's edges ------------------------------------------------------------------

#: The first and last moments pmdesk keeps: a day inside Python's calendar at either end,
#: so that every zone (offsets stay under a day) can show them.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, 999999, tzinfo=UTC)


def _outside(raw: str) -> str:
    return f"'{raw[:60]}' is outside the calendar pmdesk can show (0001-01-02 to 9999-12-30)"


def in_calendar(
    moment: datetime, raw: str | None = None, *, error: type[BadInput] = BadInput
) -> datetime:
    """An aware ``moment`` as UTC, or ``error`` quoting ``raw`` when it is too near an edge."""
    try:
        utc = moment.astimezone(UTC) if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    except (OverflowError, ValueError):
        raise error(_outside(raw or moment.isoformat())) from None
    if not EARLIEST <= utc <= LATEST:
        raise error(_outside(raw or moment.isoformat()))
    return utc


def wall_moment(
    day: date,
    at: time,
    tz: tzinfo,
    raw: str | None = None,
    *,
    days_later: int = 0,
    error: type[BadInput] = BadInput,
) -> datetime:
    """A wall-clock time ``days_later`` days after ``day`` in ``tz``, as checked UTC.

    The earlier instant when the wall time is ambiguous (clocks going back).
    """
    quoted = raw or f"{day.isoformat()} {at.isoformat()}"
    try:
        shifted = date.fromordinal(day.toordinal() + days_later)
    except (OverflowError, ValueError):
        raise error(_outside(quoted)) from None
    return in_calendar(datetime.combine(shifted, at, tzinfo=tz), quoted, error=error)


def as_utc(moment: datetime) -> datetime:
    """An aware moment in UTC; a naive one is read as UTC, never as this machine's time."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# ---- zones ---------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The review's zone, or UTC when it has none or names an unknown one."""
    if not name or name.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


@lru_cache(maxsize=1)
def zone_names() -> list[str]:
    return sorted(available_timezones())


def chosen_zone(tz: str | tzinfo | None, *, error: type[BadInput] = BadInput) -> tzinfo:
    """A zone the user picked (for an import): UTC when none, ``error`` when it is not real."""
    if tz is None:
        return UTC
    if isinstance(tz, tzinfo):
        return tz
    if tz.strip().upper() == "UTC":
        return UTC
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise error(f"{tz!r} is not a time zone name (try e.g. Europe/Berlin)") from None


@dataclass(frozen=True, slots=True)
class Zone:
    """The zone a review's times are shown in, the name it goes by, and why, if not its own."""

    tz: tzinfo
    name: str
    note: str | None = None

    @classmethod
    def named(cls, name: str | None) -> Zone:
        text = (name or "").strip()
        if not text or text.upper() == "UTC":
            return cls(UTC, "UTC")
        if not is_known_zone(text):
            note = f"the review's time zone {text!r} is not known here; times are in UTC"
            return cls(UTC, "UTC", note)
        return cls(zone(text), text)

    @classmethod
    def of(cls, review: Review) -> Zone:
        return cls.named(review.timezone)

    def local(self, moment: datetime) -> datetime:
        """The moment on this zone's wall clock."""
        return as_utc(moment).astimezone(self.tz)

    def shown(self, moment: datetime) -> datetime:
        """The moment as the reader sees it: on this zone's clock, cut to the minute."""
        return self.local(moment).replace(second=0, microsecond=0)

    def hhmm(self, moment: datetime) -> str:
        return f"{self.local(moment):%H:%M}"

    def label(self, at: datetime | None = None) -> str:
        """'Europe/Berlin (UTC+02:00)': the zone named with its offset at ``at``."""
        offset = self.local(at or datetime.now(UTC)).strftime("%z")
        if offset in ("", "+0000"):
            return self.name if self.name == "UTC" else f"{self.name} (UTC)"
        return f"{self.name} (UTC{offset[:3]}:{offset[3:5]})"

    def full(self, moment: datetime) -> str:
        """A moment with its day, e.g. 'Wed 14 Oct 2026 16:02'."""
        local = self.local(moment)
        return f"{local:%a} {local.day} {local:%b %Y %H:%M}"

    def day(self, moment: datetime) -> str:
        """The day of a moment, e.g. 'Wed 14 Oct 2026'."""
        local = self.local(moment)
        return f"{local:%a} {local.day} {local:%b %Y}"

    def row(self, moment: datetime, previous: datetime | None = None) -> str:
        """A timetable's time: the clock alone on the previous row's day, else with the day."""
        local = self.local(moment)
        if previous is not None and self.local(previous).date() == local.date():
            return f"{local:%H:%M}"
        return f"{local:%a} {local.day} {local:%b %H:%M}"


def local(moment: datetime, zone_name: str | None) -> datetime:
    return as_utc(moment).astimezone(zone(zone_name))


# ---- typed times ---------------------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?"
    r"(?:\s*(Z|[+-]\d{2}:?\d{2}))?$",
    re.IGNORECASE,
)


def parse_moment(
    text: str, zone_name: str | None, reference: datetime | None = None
) -> datetime | None:
    """A typed time in the review's zone, as aware UTC; empty text means 'not set'."""
    raw = text.strip()
    if not raw:
        return None
    tz = zone(zone_name)
    match = _DATE_TIME.match(raw)
    if match:
        year, month, day, hour, minute, second, offset = match.groups()
        try:
            naive = datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            raise BadInput(f"'{raw}' is not a date and time") from None
        if offset:
            return in_calendar(_with_offset(naive, offset), raw)
        return in_calendar(naive.replace(tzinfo=tz), raw)
    match = _TIME.match(raw)
    if match:
        hour, minute, second, meridiem = match.groups()
        clock_time = _clock_time(int(hour), int(minute), int(second or 0), meridiem)
        if clock_time is None:
            raise BadInput(f"'{raw}' is not a time")
        base: date = local(reference or datetime.now(UTC), zone_name).date()
        return wall_moment(base, clock_time, tz, raw)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"'{raw}' is not a time (try 14:32 or 2026-10-14 14:32)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return in_calendar(parsed, raw)


def parse_window(
    since: str,
    until: str,
    zone_name: str | None,
    reference: datetime | None = None,
    day: date | None = None,
) -> tuple[datetime | None, datetime | None]:
    """A typed from/to window in the review's zone, as aware UTC; empty ends are open.

    A bare time ("14:00") falls on ``day`` when one is given, else on
    ``reference``'s day. BadInput names the end ("from: …", "to: …").
    """
    if day is not None:
        reference = datetime.combine(day, time(12), tzinfo=zone(zone_name))
    ends: list[datetime | None] = []
    for word, text in (("from", since), ("to", until)):
        try:
            ends.append(parse_moment(text, zone_name, reference))
        except BadInput as exc:
            raise BadInput(f"{word}: {exc}") from None
    start, end = ends
    if start is not None and end is not None and end < start:
        raise BadInput("the end of the window is before its start")
    return start, end


def _with_offset(naive: datetime, offset: str) -> datetime:
    if offset.upper() == "Z":
        return naive.replace(tzinfo=UTC)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if delta >= timedelta(hours=24):
        raise BadInput(f"'{offset}' is not a time zone offset")
    return naive.replace(tzinfo=timezone(sign * delta))


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_clock(text: str) -> time | None:
    """``14:32``, ``14:32:05`` or ``2:32 PM`` as a time of day; None otherwise."""
    match = _CLOCK.match(text.strip())
    if match is None:
        return None
    hour, minute, second, meridiem = match.groups()
    return _clock_time(int(hour), int(minute), int(second or 0), meridiem)


def _clock_time(hour: int, minute: int, second: int, meridiem: str | None) -> time | None:
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem.lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def parse_day(text: str) -> date | None:
    """An ISO date (2026-12-15); empty text means 'not set'."""
    raw = text.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"'{raw}' is not a date (use 2026-12-15)") from None


# ---- milestones and the three durations ----------------------------------------------------

#: The review's milestones in incident order, with the words every surface uses for them.
MILESTONES: tuple[tuple[str, str], ...] = (
    ("started_at", "Started"),
    ("detected_at", "Detected"),
    ("mitigated_at", "Mitigated"),
    ("resolved_at", "Resolved"),
)

#: The three durations: each is counted from the start of the incident to its milestone.
DURATIONS: tuple[tuple[str, str, str], ...] = (
    ("detect", "detected_at", "detected"),
    ("mitigate", "mitigated_at", "mitigated"),
    ("resolve", "resolved_at", "resolved"),
)


@dataclass(frozen=True, slots=True)
class Duration:
    """One of a review's three durations, in whole minutes between the minutes shown."""

    name: str  # "detect", "mitigate" or "resolve"
    milestone: str  # the field it ends at, e.g. "mitigated_at"
    verb: str  # "mitigated": for sentences such as "mitigated after 50 minutes"
    minutes: int

    @property
    def label(self) -> str:
        """'to mitigate'."""
        return f"to {self.name}"

    @property
    def short(self) -> str:
        return duration_short(self.minutes)

    @property
    def words(self) -> str:
        return duration_words(self.minutes)


def minutes_between(zone: Zone, start: datetime, end: datetime) -> int:
    """Whole minutes between two moments as shown (each cut to its minute); may be negative."""
    # Subtract in UTC: two datetimes in the same ZoneInfo subtract as wall clocks,
    # which is an hour off across a daylight-saving change.
    delta = zone.shown(end).astimezone(UTC) - zone.shown(start).astimezone(UTC)
    return int(delta.total_seconds() // 60)


def span_minutes(zone: Zone, start: datetime | None, end: datetime | None) -> int | None:
    """Minutes from ``start`` to ``end`` as shown; None when either is missing or reversed."""
    if start is None or end is None:
        return None
    minutes = minutes_between(zone, start, end)
    return minutes if minutes >= 0 else None


def durations(review: Review, zone: Zone | None = None) -> tuple[Duration, ...]:
    """The review's durations that can be told, in incident order (absent ones left out)."""
    zone = zone or Zone.of(review)
    found = []
    for name, milestone, verb in DURATIONS:
        minutes = span_minutes(zone, review.started_at, getattr(review, milestone))
        if minutes is not None:
            found.append(Duration(name, milestone, verb, minutes))
    return tuple(found)


# ---- wording -------------------------------------------------------------------------------

#: Up to this many hours a duration is told in hours and minutes; beyond, in days too.
HOURS_BEFORE_DAYS = 48


def _parts(minutes: int) -> list[tuple[int, str, str]]:
    """(count, short unit, word) for the non-zero parts of a duration, by the one rule."""
    minutes = max(0, minutes)
    hours, mins = divmod(minutes, 60)
    days = 0
    if hours >= HOURS_BEFORE_DAYS:
        days, hours = divmod(hours, 24)
    parts = [(days, "d", "day"), (hours, "h", "hour"), (mins, "min", "minute")]
    return [part for part in parts if part[0]]


def duration_short(minutes: int) -> str:
    """'0 min', '50 min', '1 h 38 min', '30 h', '2 d 3 h 5 min': for headers and figures."""
    parts = _parts(minutes)
    if not parts:
        return "0 min"
    return " ".join(f"{count} {unit}" for count, unit, _ in parts)


def duration_words(minutes: int) -> str:
    """'less than a minute', '50 minutes', '1 hour 38 minutes', '2 days 3 hours': for prose."""
    parts = _parts(minutes)
    if not parts:
        return "less than a minute"
    return " ".join(f"{count} {word}" + ("" if count == 1 else "s") for count, _, word in parts)


def format_duration(seconds: float) -> str:
    """A stretch measured in seconds (a meeting, a quiet gap): '45 s' under a minute, else short."""
    whole = round(abs(seconds))
    if whole < 60:
        return f"{whole} s"
    return duration_short((whole + 30) // 60)


def format_moment(moment: datetime | None, zone_name: str | None, *, with_date: bool = True) -> str:
    """'2026-10-14 16:02' in the review's zone: the form fields show and parse_moment reads."""
    if moment is None:
        return ""
    shown = local(moment, zone_name)
    return shown.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


def format_day(day: date, today: date | None = None) -> str:
    """'30 Nov 2026'; '30 Nov' only when ``today`` is given and in the same year."""
    if today is not None and day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b} {day.year}"


def long_day(day: date) -> str:
    """'Wednesday 14 October 2026': a date as a sentence says it."""
    return f"{day:%A} {day.day} {day:%B} {day.year}"


def format_number(value: float) -> str:
    """'18,400', '2.5', '-1,250.75': a number with its thousands separated by commas."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"
