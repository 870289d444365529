"""One entry point for every import: guess the format, read it whole, or raise.

``load_source`` is what the import dialog and ``pmdesk import-chat`` call. It
either returns a complete ImportResult or raises BadImport (or ImportCancelled);
there is no partial result to clean up.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from pmdesk.errors import BadImport
from pmdesk.ingest.bundle import read_plain_file
from pmdesk.ingest.csv_timeline import CsvMapping, decode_csv, guess_mapping, load_csv, read_header
from pmdesk.ingest.limits import DEFAULT_LIMITS, Limits
from pmdesk.ingest.messages import CancelledFn, ImportResult, ProgressFn
from pmdesk.ingest.moments import proposal_json, propose_key_moments
from pmdesk.ingest.pagerduty import load_pagerduty
from pmdesk.ingest.slack import load_slack
from pmdesk.ingest.transcript import load_transcript, looks_like_transcript


class SourceFormat(enum.StrEnum):
    SLACK = "slack"
    TRANSCRIPT = "transcript"
    PAGERDUTY = "pagerduty"
    CSV = "csv"


def guess_format(source: Path | str) -> SourceFormat:
    """The format of a path or of pasted text; BadImport when it is none we know."""
    if isinstance(source, str):
        stripped = source.lstrip("\ufeff").lstrip()
        if stripped.startswith(("{", "[")) and not looks_like_transcript(source):
            return SourceFormat.PAGERDUTY
        if looks_like_transcript(source):
            return SourceFormat.TRANSCRIPT
        raise BadImport("the pasted text does not look like a chat transcript")
    if source.is_dir() or source.suffix.lower() == ".zip":
        return SourceFormat.SLACK
    suffix = source.suffix.lower()
    if suffix == ".json":
        return SourceFormat.PAGERDUTY
    if suffix in (".csv", ".tsv"):
        return SourceFormat.CSV
    head = read_plain_file(source)[:65536]
    text = decode_csv(head)
    if looks_like_transcript(text):
        return SourceFormat.TRANSCRIPT
    try:
        if guess_mapping(read_header(text)) is not None:
            return SourceFormat.CSV
    except BadImport:
        pass
    raise BadImport(f"cannot tell what kind of export {source.name} is; choose the format")


def load_source(
    source: Path | str,
    format: SourceFormat | str | None = None,
    *,
    channels: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    tz: str | tzinfo | None = None,
    default_date: date | None = None,
    csv_mapping: CsvMapping | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Import a path (zip, folder, file) or pasted text; the whole import or BadImport.

    ``tz`` is the zone transcripts and CSV times were written in (Slack and
    PagerDuty carry UTC). ``since``/``until`` keep only messages in that window.
    """
    try:
        chosen = SourceFormat(format) if format is not None else guess_format(source)
    except ValueError as exc:
        raise BadImport(f"unknown import format {format!r}") from exc
    if chosen is SourceFormat.SLACK:
        if isinstance(source, str):
            raise BadImport("a Slack export is a zip or a folder, not pasted text")
        return load_slack(
            source,
            channels=channels,
            since=since,
            until=until,
            progress=progress,
            cancelled=cancelled,
            limits=limits,
        )
    label = source.name if isinstance(source, Path) else "pasted text"
    data = read_plain_file(source, limits) if isinstance(source, Path) else source.encode()
    if chosen is SourceFormat.PAGERDUTY:
        result = load_pagerduty(data, label=label, progress=progress, cancelled=cancelled)
    elif chosen is SourceFormat.CSV:
        result = load_csv(
            data,
            mapping=csv_mapping,
            tz=tz,
            default_date=default_date,
            label=label,
            progress=progress,
            cancelled=cancelled,
        )
    else:
        result = load_transcript(
            decode_csv(data),
            tz=tz,
            default_date=default_date,
            label=label,
            progress=progress,
            cancelled=cancelled,
        )
    return _window(result, since, until)


def _window(result: ImportResult, since: datetime | None, until: datetime | None) -> ImportResult:
    if since is None and until is None:
        return result
    kept = tuple(
        m
        for m in result.messages
        if (since is None or m.at >= since) and (until is None or m.at <= until)
    )
    ids = {m.author_id for m in kept}
    return ImportResult(kept, tuple(p for p in result.people if p.id in ids))


def import_chat_lines(
    source: Path | str, format: SourceFormat | str | None = None, **options: Any
) -> list[dict[str, Any]]:
    """The dicts ``pmdesk import-chat`` prints, one JSON object per line, in time order."""
    return [proposal_json(p) for p in propose_key_moments(load_source(source, format, **options))]


__all__ = ["SourceFormat", "guess_format", "import_chat_lines", "load_source"]
