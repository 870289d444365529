"""How reports show moments and durations: in the review's own time zone, with the zone named.

Reviews store UTC; a reader in Berlin wants "16:02 (Europe/Berlin)", not "14:02Z".
An unknown zone name falls back to UTC rather than failing the export.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo

from pmdesk.clock import is_known_zone
from pmdesk.clock import zone as zone_named
from pmdesk.model.review import Review


def review_zone(review: Review) -> tuple[tzinfo, str]:
    """The zone to show times in and its name; UTC when the review names none we know."""
    name = (review.timezone or "").strip()
    if name and is_known_zone(name):
        return zone_named(name), name
    return UTC, "UTC"


def moment(at: datetime, zone: tzinfo) -> str:
    """A full moment, e.g. 'Wed 14 Oct 2026 16:02'."""
    local = _aware(at).astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y %H:%M}"


def calendar_day(at: datetime, zone: tzinfo) -> str:
    """The day of a moment in ``zone``, e.g. 'Wed 14 Oct 2026'."""
    local = _aware(at).astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %Y}"


def clock(at: datetime, zone: tzinfo, previous: datetime | None = None) -> str:
    """A timeline time: the clock alone when the day is the previous row's, else with the day."""
    local = _aware(at).astimezone(zone)
    if previous is not None and _aware(previous).astimezone(zone).date() == local.date():
        return f"{local:%H:%M}"
    return f"{local:%a} {local.day} {local:%b %H:%M}"


def day(value: date) -> str:
    """A due date, e.g. '30 Nov 2026'."""
    return f"{value.day} {value:%b %Y}"


def duration(span: timedelta) -> str:
    """A span in words a reader takes in at once: '50 min', '1 h 38 min', '2 d 3 h'."""
    minutes = max(0, round(span.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def _aware(at: datetime) -> datetime:
    # The model promises aware datetimes; a naive one is read as UTC rather than local time.
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)
