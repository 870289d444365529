"""Importing a Slack workspace export (zip or folder) for chosen channels and a window.

The export holds ``users.json``, ``channels.json`` and one folder per channel
with a JSON file per day. Old (2016) and new (2025) exports differ in types and
fields (see shared/realdata/slack/SOURCES.md); every field is read defensively
so a surprise becomes a clear BadImport, never a TypeError deep inside.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pmdesk.errors import BadImport
from pmdesk.ingest.bundle import Bundle, common_prefix, open_bundle
from pmdesk.ingest.jsondata import JSONValue, expect_dict, expect_list, opt_str, parse_json
from pmdesk.ingest.limits import DEFAULT_LIMITS, Limits
from pmdesk.ingest.messages import (
    CancelledFn,
    ChatMessage,
    ChatPerson,
    ImportResult,
    ProgressFn,
    Steps,
)
from pmdesk.ingest.slack_text import render_mrkdwn
from pmdesk.ingest.times import slack_ts
from pmdesk.model.review import SourceType
from pmdesk.text import clean_text

_DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.json$")
_SKIPPED_SUBTYPES = frozenset({"tombstone", "message_deleted", "channel_topic_placeholder"})
_CHANNEL_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")


def looks_like_slack(path: Path) -> bool:
    """True for a folder or zip holding channels.json (cheap, for format guessing)."""
    if path.is_dir():
        return (path / "channels.json").is_file() or (path / "users.json").is_file()
    return path.suffix.lower() == ".zip"


def list_channels(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Channel names in an export, so the UI can offer a choice before importing."""
    bundle = open_bundle(path, limits)
    try:
        prefix = common_prefix(bundle.names())
        names, _ = _channel_names(bundle, prefix)
        folders = _channel_folders(bundle, prefix)
        return sorted(set(names.values()) & set(folders) or folders)
    finally:
        bundle.close()


def load_slack(
    path: Path,
    *,
    channels: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> ImportResult:
    """Read the chosen channels (all when None) between ``since`` and ``until`` (UTC)."""
    since, until = _aware(since), _aware(until)
    bundle = open_bundle(path, limits)
    try:
        return _load(bundle, channels, since, until, progress, cancelled, limits)
    finally:
        bundle.close()


def _load(
    bundle: Bundle,
    wanted: Sequence[str] | None,
    since: datetime | None,
    until: datetime | None,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
    limits: Limits,
) -> ImportResult:
    prefix = common_prefix(bundle.names())
    if not any(posixpath.basename(n) in ("channels.json", "users.json") for n in bundle.names()):
        raise BadImport(f"{bundle.label} is not a Slack export: it has no channels.json")
    channel_names, channel_ids = _channel_names(bundle, prefix)
    users, bots = _users(bundle, prefix)
    folders = _channel_folders(bundle, prefix)
    chosen = _choose(folders, wanted, channel_ids, bundle.label)
    day_files = [
        (channel, name)
        for channel in chosen
        for name in bundle.names()
        if posixpath.dirname(name) == posixpath.join(prefix, channel)
        and _in_window(posixpath.basename(name), since, until)
    ]
    steps = Steps(len(day_files), progress, cancelled)
    steps.check()
    reader = _MessageReader(users, bots, channel_names, limits)
    messages: list[ChatMessage] = []
    for channel, name in day_files:
        where = bundle.where(name)
        data = expect_list(parse_json(bundle.read(name), where), where)
        for index, raw in enumerate(data):
            message = reader.read(raw, channel, f"{where}, message {index + 1}")
            if message is None:
                continue
            if (since and message.at < since) or (until and message.at > until):
                continue
            messages.append(message)
        if len(messages) > limits.max_messages:
            raise BadImport(f"{bundle.label} has more than {limits.max_messages} messages")
        steps.advance()
    messages.sort(key=lambda m: (m.at, m.source_ref))
    return ImportResult(tuple(messages), reader.people())


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _in_window(filename: str, since: datetime | None, until: datetime | None) -> bool:
    match = _DAY_FILE.match(filename)
    if match is None:
        return False
    try:
        day = datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=UTC)
    except ValueError:
        return False
    # Day files are cut at midnight in the exporter's zone; a day's margin covers any zone.
    margin = timedelta(days=1)
    if since is not None and day + 2 * margin < since:
        return False
    return not (until is not None and day - margin > until)


def _channel_folders(bundle: Bundle, prefix: str) -> list[str]:
    folders: set[str] = set()
    for name in bundle.names():
        folder = posixpath.dirname(name)
        parent, channel = posixpath.split(folder)
        if channel and parent == prefix and _DAY_FILE.match(posixpath.basename(name)):
            folders.add(channel)
    return sorted(folders)


def _choose(
    folders: list[str], wanted: Sequence[str] | None, ids: dict[str, str], label: str
) -> list[str]:
    if wanted is None:
        return folders
    chosen: list[str] = []
    for item in wanted:
        name = item.lstrip("#")
        name = ids.get(name, name)
        if name not in folders:
            raise BadImport(f"{label} has no channel named {item!r}")
        if name not in chosen:
            chosen.append(name)
    return chosen


def _read_list(bundle: Bundle, prefix: str, filename: str) -> list[JSONValue] | None:
    name = posixpath.join(prefix, filename)
    try:
        bundle.size(name)
    except KeyError:
        return None
    where = bundle.where(name)
    return expect_list(parse_json(bundle.read(name), where), where)


def _channel_names(bundle: Bundle, prefix: str) -> tuple[dict[str, str], dict[str, str]]:
    """Channel id -> name, and name-or-id -> folder name."""
    names: dict[str, str] = {}
    for filename in _CHANNEL_LISTS:
        entries = _read_list(bundle, prefix, filename)
        for entry in entries or ():
            if not isinstance(entry, dict):
                raise BadImport(f"{bundle.where(filename)} lists something that is not a channel")
            cid, name = opt_str(entry, "id"), opt_str(entry, "name")
            if cid and name:
                names[cid] = name
    return names, dict(names)


def _users(bundle: Bundle, prefix: str) -> tuple[dict[str, str], set[str]]:
    users: dict[str, str] = {}
    bots: set[str] = set()
    for entry in _read_list(bundle, prefix, "users.json") or ():
        if not isinstance(entry, dict):
            raise BadImport(f"{bundle.where('users.json')} lists something that is not a user")
        uid = opt_str(entry, "id")
        if not uid:
            continue
        profile = entry.get("profile")
        profile = profile if isinstance(profile, dict) else {}
        users[uid] = _best_name(
            (
                opt_str(profile, "real_name"),
                opt_str(entry, "real_name"),
                opt_str(profile, "display_name"),
                opt_str(entry, "name"),
            ),
            uid,
        )
        if entry.get("is_bot") is True or uid == "USLACKBOT":
            bots.add(uid)
    return users, bots


def _best_name(candidates: Iterable[str | None], fallback: str) -> str:
    for name in candidates:
        if name and name.strip():
            return clean_text(" ".join(name.split()))[:200]
    return fallback


class _MessageReader:
    """Turns raw export messages into ChatMessages and remembers who wrote them."""

    def __init__(
        self, users: dict[str, str], bots: set[str], channels: dict[str, str], limits: Limits
    ) -> None:
        self._users = users
        self._bots = bots
        self._channels = channels
        self._limit = limits.max_text_chars
        self._people: dict[str, ChatPerson] = {}

    def people(self) -> tuple[ChatPerson, ...]:
        return tuple(sorted(self._people.values(), key=lambda p: p.name.casefold()))

    def read(self, raw: JSONValue, channel: str, where: str) -> ChatMessage | None:
        message = expect_dict(raw, where)
        subtype = opt_str(message, "subtype") if "subtype" in message else None
        if subtype == "message_changed":
            inner = message.get("message")
            if not isinstance(inner, dict):
                return None
            message = {**inner, "ts": message.get("ts")}
            subtype = opt_str(message, "subtype")
        if subtype in _SKIPPED_SUBTYPES or message.get("hidden") is True:
            return None
        ts = opt_str(message, "ts")
        at = slack_ts(ts)
        if at is None or ts is None:
            return None
        user = message.get("user")
        user = user if isinstance(user, str) and user else None
        user_id = user or opt_str(message, "bot_id") or "unknown"
        is_bot = (
            subtype in ("bot_message", "bot_add")
            or (user is None and "bot_id" in message)
            or user_id in self._bots
        )
        # The common case, a person listed in users.json, needs no fallback chain.
        name = self._users.get(user_id) or self._author(message, user_id)
        text = self._text(message)
        if not text:
            return None
        if user_id not in self._people:
            self._people[user_id] = ChatPerson(user_id, name, is_bot)
        thread = message.get("thread_ts") if "thread_ts" in message else None
        thread = opt_str(message, "thread_ts") if thread is not None else None
        return ChatMessage(
            at=at,
            author_id=user_id,
            author_name=name,
            text=text,
            source_type=SourceType.SLACK,
            source_ref=f"#{channel}/{ts}",
            channel=channel,
            thread_ts=thread if thread and thread != ts else None,
            is_bot=is_bot,
            subtype=subtype,
        )

    def _author(self, message: dict[str, JSONValue], user_id: str) -> str:
        profile = message.get("user_profile")
        profile = profile if isinstance(profile, dict) else {}
        bot = message.get("bot_profile")
        bot = bot if isinstance(bot, dict) else {}
        first = next(iter(_dicts(message.get("attachments"))), {})
        return _best_name(
            (
                self._users.get(user_id),
                opt_str(profile, "real_name"),
                opt_str(profile, "display_name"),
                opt_str(message, "username"),
                opt_str(bot, "name"),
                opt_str(first, "author_name"),
                opt_str(first, "service_name"),
            ),
            user_id,
        )

    def _text(self, message: dict[str, JSONValue]) -> str:
        text = message.get("text")
        if not ("attachments" in message or "files" in message or "file" in message):
            if not isinstance(text, str):
                return ""
            return _clean(render_mrkdwn(text[: self._limit], self._users, self._channels))
        parts: list[str] = []
        if isinstance(text, str) and text.strip():
            parts.append(text)
        for attachment in _dicts(message.get("attachments")):
            for key in ("pretext", "title", "text"):
                value = opt_str(attachment, key)
                if value and value.strip() and value not in parts:
                    parts.append(value)
            if not any(opt_str(attachment, k) for k in ("pretext", "title", "text")):
                fallback = opt_str(attachment, "fallback")
                if fallback:
                    parts.append(fallback)
        files = list(_dicts(message.get("files")))
        single = message.get("file")
        if isinstance(single, dict):
            files.append(single)
        for shared in files:
            title = opt_str(shared, "title") or opt_str(shared, "name") or "a file"
            parts.append(f"[shared a file: {title}]")
        joined = "\n".join(parts)[: self._limit]
        return _clean(render_mrkdwn(joined, self._users, self._channels))


def _clean(text: str) -> str:
    # Most chat lines are printable already; clean_text only for the rest (newlines included).
    return text.strip() if text.isprintable() else clean_text(text).strip()


def _dicts(value: JSONValue) -> Iterable[dict[str, JSONValue]]:
    if isinstance(value, list):
        return (item for item in value if isinstance(item, dict))
    return ()
