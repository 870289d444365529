"""Times as exports write them: Slack ``ts`` strings and the date-time shapes of CSV files.

Slack ``ts`` values are UTC seconds with a microsecond suffix; CSV timelines
carry ISO 8601 or wall-clock times in the zone the user picks. Everything leaves
here as an aware UTC datetime inside the calendar pmdesk.clock keeps.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from pmdesk.clock import LATEST, chosen_zone, in_calendar, parse_clock
from pmdesk.errors import BadImport

_TS = re.compile(r"^(\d{1,12})(?:\.(\d{1,6}))?$")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FLOAT_EXACT = re.compile(r"^(?:\d{1,9}|[0-3]\d{9})$")
_LAST_SECOND = int((LATEST - _EPOCH).total_seconds())


def zone(tz: str | tzinfo | None) -> tzinfo:
    """The zone an import reads wall-clock times in (pmdesk.clock's rule); BadImport if unknown."""
    return chosen_zone(tz, error=BadImport)


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
    if seconds > _LAST_SECOND:  # too near year 9999 to be shown in every zone
        return None
    return _EPOCH + timedelta(seconds=seconds, microseconds=micros)


def parse_datetime(text: str, tz: tzinfo, default_date: date | None) -> datetime | None:
    """ISO 8601 (offset optional) or a bare time on ``default_date``, in UTC; None if neither.

    BadImport quoting the text when it is a time outside pmdesk.clock's calendar.
    """
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
    return in_calendar(parsed, text, error=BadImport)
