"""Importing PagerDuty incident log entries (the JSON its REST API returns).

Accepts ``{"log_entries": [...]}`` (one page of ``GET /incidents/{id}/log_entries``
or ``GET /log_entries``), a bare list of entries, or ``{"log_entry": {...}}``.
The entry ``type`` (trigger, acknowledge, escalate, resolve …) is kept as the
message subtype; the key-moment scorer reads it as a strong signal.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pmdesk.clock import in_calendar
from pmdesk.errors import BadImport
from pmdesk.ingest.jsondata import JSONValue, expect_dict, opt_str, parse_json
from pmdesk.ingest.messages import (
    CancelledFn,
    ChatMessage,
    ChatPerson,
    ImportResult,
    ProgressFn,
    Steps,
)
from pmdesk.model.review import SourceType
from pmdesk.text import clean_text

_MACHINE_AGENTS = frozenset(
    {"service_reference", "service", "integration_reference", "inbound_integration_reference"}
)


def load_pagerduty(
    data: bytes,
    *,
    label: str = "PagerDuty log",
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Messages from PagerDuty log entries; BadImport naming the entry that is wrong."""
    entries = _entries(parse_json(data, label), label)
    steps = Steps(len(entries), progress, cancelled)
    steps.check()
    people: dict[str, ChatPerson] = {}
    messages: list[ChatMessage] = []
    for index, raw in enumerate(entries):
        where = f"{label}, entry {index + 1}"
        entry = expect_dict(raw, where)
        message = _message(entry, where)
        if message.author_id not in people:
            people[message.author_id] = ChatPerson(
                message.author_id, message.author_name, message.is_bot
            )
        messages.append(message)
        if index % 500 == 499:
            steps.advance(500)
    messages.sort(key=lambda m: (m.at, m.source_ref))
    steps.advance(len(entries))
    return ImportResult(tuple(messages), tuple(sorted(people.values(), key=lambda p: p.name)))


def _entries(value: JSONValue, label: str) -> list[JSONValue]:
    if isinstance(value, dict):
        if isinstance(value.get("log_entries"), list):
            entries: list[JSONValue] = value["log_entries"]
            return entries
        if isinstance(value.get("log_entry"), dict):
            return [value["log_entry"]]
    if isinstance(value, list):
        return value
    raise BadImport(f"{label} has no 'log_entries' list; export the incident's log entries")


def _message(entry: dict[str, JSONValue], where: str) -> ChatMessage:
    created = opt_str(entry, "created_at")
    at = _iso(created, where)
    if at is None:
        raise BadImport(f"{where}: created_at {created!r} is not an ISO 8601 time")
    kind = opt_str(entry, "type") or "log_entry"
    agent = entry.get("agent")
    agent = agent if isinstance(agent, dict) else {}
    agent_type = opt_str(agent, "type") or ""
    author_id = "pd:" + (opt_str(agent, "id") or "pagerduty")
    author_name = clean_text(opt_str(agent, "summary") or "PagerDuty")[:200]
    parts = [opt_str(entry, "summary") or kind.replace("_", " ")]
    note = opt_str(entry, "note")
    if note:
        parts.append(note)
    details = entry.get("event_details")
    if isinstance(details, dict):
        description = opt_str(details, "description")
        if description:
            parts.append(description)
    incident = entry.get("incident")
    incident_id = opt_str(incident, "id") if isinstance(incident, dict) else None
    entry_id = opt_str(entry, "id") or f"{kind}@{created}"
    return ChatMessage(
        at=at,
        author_id=author_id,
        author_name=author_name,
        text=clean_text("\n".join(parts))[:40_000],
        source_type=SourceType.PAGERDUTY,
        source_ref=f"{incident_id}/{entry_id}" if incident_id else entry_id,
        is_bot=agent_type in _MACHINE_AGENTS or not agent,
        subtype=kind,
    )


def _iso(text: str | None, where: str) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return in_calendar(parsed, text, error=BadImport)
    except BadImport as exc:
        raise BadImport(f"{where}: created_at {exc}") from None
