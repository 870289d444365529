"""Importing a pasted or saved chat transcript in the usual plain-text shapes.

Recognised line shapes (a line that matches none continues the previous message):

- ``[14:32] alex: text`` and ``[14:32:05] alex: text``
- ``2026-03-04 14:32 Alex: text`` (also with ``T``, seconds, or brackets)
- ``[3/4/2026 2:32 PM] Alex Kim: text`` (Teams copy)
- ``Alex Kim 2:32 PM`` or ``[2:32 PM] Alex Kim`` with the text on the next lines
  (Teams two-line copy; the name must be capitalised words)
- ``14:32:05 From Alex Kim to Everyone: text`` (Zoom chat save; text may follow on
  the next lines)

Times are wall-clock times in the zone the user picks. When the lines carry no
date the user must give one; a time that jumps back by hours means midnight passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from pmdesk.clock import parse_clock, wall_moment
from pmdesk.errors import BadImport
from pmdesk.ingest.csv_timeline import NEEDS_DAY
from pmdesk.ingest.messages import (
    CancelledFn,
    ChatMessage,
    ChatPerson,
    ImportResult,
    ProgressFn,
    Steps,
)
from pmdesk.ingest.times import zone
from pmdesk.model.review import SourceType
from pmdesk.text import clean_text

_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?"
_ISO_DAY = r"\d{4}-\d{2}-\d{2}"
_US_DAY = r"\d{1,2}/\d{1,2}/\d{4}"
_NAME = r"[^:\[\]\n]{1,80}?"
_CAPITAL_WORDS = r"[A-ZÀ-Þ][\w'.-]{0,30}(?:\s+[A-ZÀ-Þ][\w'.-]{0,30}){0,3}"

_SHAPES = (
    # Zoom: 14:32:05 From Alex Kim to Everyone: text   (older: "From  Alex Kim : text")
    re.compile(
        rf"^(?P<time>{_CLOCK})\s+From\s+(?P<name>.{{1,80}}?)(?:\s+to\s+.{{1,80}}?)?\s*:(?P<text>.*)$"
    ),
    # [2026-03-04 14:32] Alex: text / [3/4/2026 2:32 PM] Alex Kim: text / [14:32] alex: text
    re.compile(
        rf"^\[(?:(?P<day>{_ISO_DAY}|{_US_DAY})[ T,]\s*)?(?P<time>{_CLOCK})\]\s*"
        rf"(?P<name>{_NAME})\s*:\s?(?P<text>.*)$"
    ),
    # 2026-03-04 14:32 Alex: text / 2026-03-04T14:32:05 - Alex: text
    re.compile(
        rf"^(?P<day>{_ISO_DAY}|{_US_DAY})[ T,]\s*(?P<time>{_CLOCK})\s*(?:-\s*)?"
        rf"(?P<name>{_NAME})\s*:\s?(?P<text>.*)$"
    ),
    # 14:32 Alex: text
    re.compile(rf"^(?P<time>{_CLOCK})\s+(?:-\s*)?(?P<name>{_NAME})\s*:\s?(?P<text>.*)$"),
    # Teams copy, two lines: "Alex Kim 2:32 PM" (or "[2:32 PM] Alex Kim"), the text below.
    # Names must be capitalised words so a message ending in a time is not a header.
    re.compile(rf"^(?P<name>{_CAPITAL_WORDS}),?\s+(?P<time>{_CLOCK})(?P<text>)$"),
    re.compile(rf"^\[(?P<time>{_CLOCK})\]\s*(?P<name>{_CAPITAL_WORDS})(?P<text>)$"),
)

_MAX_LINES = 500_000
_ROLLOVER = timedelta(hours=6)


@dataclass
class _Open:
    at: datetime
    name: str
    lines: list[str]
    line_no: int


def load_transcript(
    text: str,
    *,
    tz: str | tzinfo | None = None,
    default_date: date | None = None,
    label: str = "transcript",
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Messages from a transcript; BadImport if no line looks like chat or a date is missing."""
    where_tz = zone(tz)
    lines = clean_text(text.lstrip("\ufeff")).split("\n")
    if len(lines) > _MAX_LINES:
        raise BadImport(f"{label} has more than {_MAX_LINES} lines")
    steps = Steps(len(lines), progress, cancelled)
    steps.check()
    found: list[_Open] = []
    current: _Open | None = None
    last_day: date | None = default_date
    last_local: datetime | None = None
    for number, line in enumerate(lines, start=1):
        if number % 2000 == 0:
            steps.advance(2000)
        header = _match(line)
        if header is None:
            if current is not None:
                current.lines.append(line.strip())
            continue
        day_text, clock_text, name, rest = header
        clock = parse_clock(clock_text)
        if clock is None:
            raise BadImport(f"{label}, line {number}: {clock_text!r} is not a time")
        if day_text:
            day = _parse_day(day_text, label, number)
            local = datetime.combine(day, clock)
        else:
            if last_day is None:
                raise BadImport(f"{label} has times but no dates (line {number}); {NEEDS_DAY}")
            local = datetime.combine(last_day, clock)
        # A time that jumps back by hours means midnight passed (subtracting never overflows).
        later = int(not day_text and last_local is not None and last_local - local > _ROLLOVER)
        try:
            at = wall_moment(
                local.date(), clock, where_tz, line.strip(), days_later=later, error=BadImport
            )
        except BadImport as exc:
            raise BadImport(f"{label}, line {number}: {exc}") from None
        local += timedelta(days=later)  # wall_moment has checked that this day exists
        last_day, last_local = local.date(), local
        current = _Open(at, name, [rest], number)
        found.append(current)
    if not found:
        raise BadImport(
            f"{label} has no line that looks like a chat message (e.g. '[14:32] Alex: …')"
        )
    messages, people = _finish(found, label)
    steps.advance(len(lines))
    return ImportResult(messages, people)


def _match(line: str) -> tuple[str | None, str, str, str] | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 100_000:
        return None
    for shape in _SHAPES:
        match = shape.match(stripped)
        if match is not None:
            name = " ".join(match["name"].split())
            if not name or name.startswith(("http", "//")):
                continue
            groups = match.groupdict()
            return groups.get("day"), match["time"], name, match["text"].strip()
    return None


def _parse_day(text: str, label: str, number: int) -> date:
    try:
        if "-" in text:
            return date.fromisoformat(text)
        return datetime.strptime(text, "%m/%d/%Y").date()
    except ValueError as exc:
        raise BadImport(f"{label}, line {number}: {text!r} is not a date") from exc


def _finish(
    found: list[_Open], label: str
) -> tuple[tuple[ChatMessage, ...], tuple[ChatPerson, ...]]:
    people: dict[str, ChatPerson] = {}
    messages: list[ChatMessage] = []
    for item in found:
        body = "\n".join(line for line in item.lines if line).strip()
        if not body:
            continue
        person_id = "t:" + item.name.casefold()
        if person_id not in people:
            people[person_id] = ChatPerson(person_id, item.name)
        messages.append(
            ChatMessage(
                at=item.at,
                author_id=person_id,
                author_name=people[person_id].name,
                text=body[:40_000],
                source_type=SourceType.TRANSCRIPT,
                source_ref=f"{label}:{item.line_no}",
            )
        )
    messages.sort(key=lambda m: m.at)
    return tuple(messages), tuple(sorted(people.values(), key=lambda p: p.name.casefold()))


def looks_like_transcript(text: str) -> bool:
    """True when one of the first lines has a chat-line shape (for format guessing)."""
    return any(_match(line) for line in text.splitlines()[:50])
