"""Importing a generic CSV timeline, with the column mapping guessed and confirmable.

PITFALLS CSV-02: a BOM ends up in the first header, Excel saves cp1252 with
``;``, an unterminated quote swallows every later row unless ``strict`` is on,
and ragged rows pass silently. Each of those is handled or reported with its line.
"""

from __future__ import annotations

import _csv
import csv
import io
from dataclasses import dataclass
from datetime import date, tzinfo

from pmdesk.clock import parse_clock
from pmdesk.errors import BadImport
from pmdesk.ingest.messages import (
    CancelledFn,
    ChatMessage,
    ChatPerson,
    ImportResult,
    ProgressFn,
    Steps,
)
from pmdesk.ingest.times import parse_datetime, zone
from pmdesk.model.review import SourceType
from pmdesk.text import clean_text

_TIME_NAMES = ("time", "timestamp", "created_at", "datetime", "date", "at", "when", "occurred_at")
_AUTHOR_NAMES = (
    "author", "user", "who", "actor", "person", "name", "user_or_agent_summary", "agent", "from",
)  # fmt: skip
_TEXT_NAMES = ("text", "message", "summary", "description", "event", "note", "details", "body")
_KIND_NAMES = ("kind", "type", "category", "event_type")
_MAX_FIELD = 100_000
#: What to do about times that carry no date, in the words of both the app and the CLI.
NEEDS_DAY = "choose the day it happened (pmdesk import-chat --date 2026-03-04)"


@dataclass(frozen=True, slots=True)
class CsvMapping:
    """Which column holds what; ``guess_mapping`` proposes one, the user may correct it."""

    time: str
    text: str
    author: str | None = None
    kind: str | None = None


#: Byte order marks, longest first (UTF-32's LE mark begins with UTF-16's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def decode_csv(data: bytes) -> str:
    """Text of a CSV or transcript: by its byte order mark, else UTF-8, else cp1252.

    Windows tools (Excel's "Unicode text", PowerShell, Teams) save UTF-16, with a
    mark or, now and then, without one: then every other byte of ASCII text is NUL.
    """
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return data[len(mark) :].decode(encoding, errors="replace")
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        odd_nuls = head[1::2].count(0)
        encoding = "utf-16-le" if odd_nuls >= head[0::2].count(0) else "utf-16-be"
        return data[: len(data) - len(data) % 2].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_header(text: str, label: str = "CSV file") -> list[str]:
    """The header row, so a dialog can offer the columns."""
    rows = _reader(text)
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise BadImport(f"{label}, line 1: {exc}") from exc
    if not header or not any(cell.strip() for cell in header):
        raise BadImport(f"{label} has no header row")
    return [cell.strip() for cell in header]


def guess_mapping(header: list[str]) -> CsvMapping | None:
    """The likely time, text, author and kind columns; None without a time and a text."""
    lowered = {cell.strip().casefold(): cell for cell in header}

    def pick(names: tuple[str, ...], taken: set[str]) -> str | None:
        for name in names:
            if name in lowered and lowered[name] not in taken:
                return lowered[name]
        for name in names:
            for key, cell in lowered.items():
                if name in key and cell not in taken:
                    return cell
        return None

    time_col = pick(_TIME_NAMES, set())
    if time_col is None:
        return None
    text_col = pick(_TEXT_NAMES, {time_col})
    if text_col is None:
        return None
    author = pick(_AUTHOR_NAMES, {time_col, text_col})
    kind = pick(_KIND_NAMES, {time_col, text_col} | ({author} if author else set()))
    return CsvMapping(time=time_col, text=text_col, author=author, kind=kind)


def load_csv(
    data: bytes,
    *,
    mapping: CsvMapping | None = None,
    tz: str | tzinfo | None = None,
    default_date: date | None = None,
    label: str = "CSV file",
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Messages from a CSV timeline; any bad row fails the import, naming its line."""
    where_tz = zone(tz)
    text = decode_csv(data)
    header = read_header(text, label)
    chosen = mapping or guess_mapping(header)
    if chosen is None:
        raise BadImport(f"{label}: cannot tell which columns hold the time and the text")
    index = {name: i for i, name in enumerate(header)}
    for column in (chosen.time, chosen.text, chosen.author, chosen.kind):
        if column is not None and column not in index:
            raise BadImport(f"{label} has no column named {column!r}")
    steps = Steps(max(text.count("\n"), 1), progress, cancelled)
    rows = _reader(text)
    people: dict[str, ChatPerson] = {}
    messages: list[ChatMessage] = []
    try:
        next(rows)
        for row in rows:
            line = rows.line_num
            if line % 1000 == 0:
                steps.advance(1000)
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise BadImport(
                    f"{label}, line {line}: {len(row)} fields where the header has {len(header)}"
                )
            if any(len(cell) > _MAX_FIELD for cell in row):
                raise BadImport(f"{label}, line {line}: a field is longer than {_MAX_FIELD}")
            at = parse_datetime(row[index[chosen.time]], where_tz, default_date)
            if at is None:
                raise BadImport(_bad_time(row[index[chosen.time]], label, line, default_date))
            body = clean_text(row[index[chosen.text]]).strip()
            if not body:
                continue
            author = clean_text(row[index[chosen.author]]).strip() if chosen.author else ""
            author = " ".join(author.split())[:200] or "Unknown"
            person_id = "csv:" + author.casefold()
            people.setdefault(person_id, ChatPerson(person_id, author))
            kind = row[index[chosen.kind]].strip()[:60] if chosen.kind else None
            messages.append(
                ChatMessage(
                    at=at,
                    author_id=person_id,
                    author_name=people[person_id].name,
                    text=body,
                    source_type=SourceType.CSV,
                    source_ref=f"{label}:{line}",
                    subtype=kind or None,
                )
            )
    except csv.Error as exc:
        raise BadImport(f"{label}, line {rows.line_num}: {exc}") from exc
    if not messages:
        raise BadImport(f"{label} has no rows with a time and a text")
    messages.sort(key=lambda m: m.at)
    return ImportResult(tuple(messages), tuple(sorted(people.values(), key=lambda p: p.name)))


def _bad_time(text: str, label: str, line: int, default_date: date | None) -> str:
    """Why a time cell was not read; a bare clock time only needs the day."""
    if default_date is None and parse_clock(text) is not None:
        return f"{label}, line {line}: {text.strip()[:40]!r} is a time without a date; {NEEDS_DAY}"
    return f"{label}, line {line}: {text[:40]!r} is not a time"


def _reader(text: str) -> _csv.Reader:
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
