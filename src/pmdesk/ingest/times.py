"""Times as imports see them: Slack ``ts`` strings, ISO 8601, and a chosen zone.

Slack ``ts`` values are UTC seconds with a microsecond suffix; chat transcripts
carry wall-clock times in the zone the user picks. Everything leaves here as an
aware UTC datetime.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pmdesk.errors import BadImport

_TS = re.compile(r"^(\d{1,12})(?:\.(\d{1,6}))?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FLOAT_EXACT = re.compile(r"^(?:\d{1,9}|[0-3]\d{9})$")


def zone(tz: str | tzinfo | None) -> tzinfo:
    """The zone to read wall-clock times in; UTC when none was chosen."""
    if tz is None:
        return UTC
    if isinstance(tz, tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise BadImport(f"{tz!r} is not a time zone name (try e.g. Europe/Berlin)") from exc


def slack_ts(value: object) -> datetime | None:
    """A Slack ``ts`` as an aware UTC datetime, or None if it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        value = f"{value:.6f}" if isinstance(value, float) else str(value)
    if not isinstance(value, str):
        return None
    match = _TS.match(value)
    if match is not None and _FLOAT_EXACT.match(match.group(1)):
        # Below 2^32 s a double's spacing is under 1 µs, so rounding gives the exact
        # microsecond; float() is several times faster than the exact path below.
        return datetime.fromtimestamp(float(value), UTC)
    if match is None:
        return None
    seconds = int(match.group(1))
    micros = int((match.group(2) or "0").ljust(6, "0"))
    if seconds > 253_402_300_799:  # past year 9999
        return None
    return _EPOCH + timedelta(seconds=seconds, microseconds=micros)


def parse_datetime(text: str, tz: tzinfo, default_date: date | None) -> datetime | None:
    """ISO 8601 (offset optional) or a bare time on ``default_date``, in UTC; None if neither."""
    text = text.strip()
    if not text:
        return None
    candidate = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        parsed = None
    if parsed is None:
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"):
            try:
                parsed = datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        clock = parse_clock(text)
        if clock is None or default_date is None:
            return None
        parsed = datetime.combine(default_date, clock)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def parse_clock(text: str) -> time | None:
    """``14:32``, ``14:32:05`` or ``2:32 PM`` as a time; None otherwise."""
    match = _CLOCK.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


def local_to_utc(day: date, clock: time, tz: tzinfo) -> datetime:
    """A wall-clock time on a day in ``tz`` as UTC (the earlier instant when ambiguous)."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)
