"""Times as a review shows them: stored in UTC, shown and typed in the review's zone.

People type times the way they say them ("14:32", "2026-10-14 14:32",
"yesterday"-free forms only): a time alone keeps the date of a reference
moment, so fixing "14:23" to "14:32" on a timeline card never moves the event
to another day. Anything else is refused with a sentence that quotes the input.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pmdesk.errors import BadInput

_TIME = re.compile(r"^(\d{1,2})[:.h](\d{2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?"
    r"(?:\s*(Z|[+-]\d{2}:?\d{2}))?$",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def zone(name: str | None) -> tzinfo:
    """The review's zone, or UTC when it has none or names an unknown one."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@lru_cache(maxsize=1)
def zone_names() -> list[str]:
    return sorted(available_timezones())


def zone_label(name: str | None, at: datetime | None = None) -> str:
    """'Europe/Berlin (UTC+02:00)' — the zone as the axis and reports name it."""
    tz = zone(name)
    moment = (at or datetime.now(UTC)).astimezone(tz)
    offset = moment.strftime("%z")
    offset_text = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{name or 'UTC'} ({offset_text})"


def local(moment: datetime, zone_name: str | None) -> datetime:
    return moment.astimezone(zone(zone_name))


def format_moment(moment: datetime | None, zone_name: str | None, *, with_date: bool = True) -> str:
    if moment is None:
        return ""
    shown = local(moment, zone_name)
    return shown.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


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
            return _with_offset(naive, offset).astimezone(UTC)
        return naive.replace(tzinfo=tz).astimezone(UTC)
    match = _TIME.match(raw)
    if match:
        hour, minute, second, meridiem = match.groups()
        h = int(hour)
        if meridiem:
            if not 1 <= h <= 12:
                raise BadInput(f"'{raw}' is not a time")
            h = h % 12 + (12 if meridiem.lower() == "pm" else 0)
        try:
            clock_time = time(h, int(minute), int(second or 0))
        except ValueError:
            raise BadInput(f"'{raw}' is not a time") from None
        base: date = (reference or datetime.now(UTC)).astimezone(tz).date()
        return datetime.combine(base, clock_time).replace(tzinfo=tz).astimezone(UTC)
    try:
        parsed = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(f"'{raw}' is not a time (try 14:32 or 2026-10-14 14:32)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


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
    from datetime import timezone

    return naive.replace(tzinfo=timezone(sign * delta))


def parse_day(text: str) -> date | None:
    """An ISO date (2026-12-15); empty text means 'not set'."""
    raw = text.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInput(f"'{raw}' is not a date (use 2026-12-15)") from None


def format_duration(seconds: float) -> str:
    """A duration as people say it: ``45 s``, ``42 min``, ``2 h 5 min``, ``1 d 3 h``.

    The overview, the canvas and the figures all write durations this way.
    """
    whole = round(abs(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes = (whole + 30) // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"
