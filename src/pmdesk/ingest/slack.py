"""Importing a Slack workspace export (zip or folder) for chosen channels and a window.

The export holds ``users.json``, ``channels.json`` and one folder per channel
with a JSON file per day. Old (2016) and new (2025) exports differ in types and
fields (see shared/realdata/slack/SOURCES.md); every field is read defensively
so a surprise becomes a clear BadImport, never a TypeError deep inside.
"""

from __future__ import annotations

import functools
import operator
import posixpath
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import msgspec
from msgspec import UNSET

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
from pmdesk.text import clean_text, one_line

_DAY_FILE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\.json$")
_SKIPPED_SUBTYPES = frozenset({"tombstone", "message_deleted", "channel_topic_placeholder"})
_CHANNEL_LISTS = ("channels.json", "groups.json", "mpims.json", "dms.json")
_ORDER = operator.attrgetter("at", "source_ref")

# The batch lane (see _MessageReader.read_day) takes a person's plain message only:
# no subtype, attachment or file, string text, and a ts that float() reads exactly:
# below 2^32 s a double's spacing is under 1 µs, so rounding gives the microsecond.
_PLAIN_STAMPS = re.compile(r"(?:\d+(?:\.\d{1,6})?\n)*")
_EXACT_BELOW = 4e9
# Texts are rendered as one string with this between them: a newline on each side
# keeps every markup pattern from matching across two messages.
_BETWEEN = "\n\U0010fffd\n"
_NEEDS_CLEANING = re.compile("[\r\x1b\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_utc_moment = functools.partial(datetime.fromtimestamp, tz=UTC)


class _Raw(msgspec.Struct, gc=False):
    """The fields of an export message that ``_MessageReader.read`` looks at.

    Values stay untyped (exports drift between strings and numbers); an absent
    key stays UNSET, so ``as_dict`` gives ``read`` exactly the keys the file had.
    """

    ts: Any = UNSET
    text: Any = UNSET
    user: Any = UNSET
    subtype: Any = UNSET
    hidden: Any = UNSET
    thread_ts: Any = UNSET
    attachments: Any = UNSET
    files: Any = UNSET
    file: Any = UNSET
    bot_id: Any = UNSET
    username: Any = UNSET
    user_profile: Any = UNSET
    bot_profile: Any = UNSET
    message: Any = UNSET

    def as_dict(self) -> dict[str, JSONValue]:
        return {
            name: value
            for name in self.__struct_fields__
            if (value := getattr(self, name)) is not UNSET
        }


_DAY_DECODER = msgspec.json.Decoder(list[_Raw])


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
        # A folder name is the export's text like any other: it reaches every
        # message's channel and source reference, so it is cleaned here, once.
        label = one_line(clean_text(channel))
        for message in reader.read_day(bundle.read(name), label, bundle.where(name)):
            if (since and message.at < since) or (until and message.at > until):
                continue
            messages.append(message)
        if len(messages) > limits.max_messages:
            raise BadImport(f"{bundle.label} has more than {limits.max_messages} messages")
        steps.advance()
    messages.sort(key=_ORDER)
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

    def read_day(self, data: bytes, channel: str, where: str) -> list[ChatMessage]:
        """The messages of one day file, in file order.

        The file is decoded straight into ``_Raw`` records (fields pmdesk never reads,
        such as ``blocks`` and ``reactions``, are skipped unbuilt). A person's plain
        message then takes a batch lane that works on the whole file at once: one
        markup pass, one time conversion. Anything else goes through ``read`` one by
        one, and a file the decoder refuses is parsed again by ``parse_json`` so its
        message names the problem. Both lanes give the same messages (tests compare).
        A key given twice in a message keeps its last value here (refusing it would
        cost a Python call per object); users.json and channels.json, which say who
        is who, are read strictly by ``parse_json``.
        """
        try:
            raws = _DAY_DECODER.decode(data)
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
            listed = expect_list(parse_json(data, where), where)
            return self._read_each(listed, channel, where)
        lane = self._plain_lane(raws, channel)
        people, bots, users = self._people, self._bots, self._users
        messages: list[ChatMessage] = []
        for index, raw in enumerate(raws):
            done = lane.get(index)
            if done is None:
                message = self.read(raw.as_dict(), channel, f"{where}, message {index + 1}")
                if message is not None:
                    messages.append(message)
                continue
            ts, at, text = done
            if not text:
                continue
            user: str = raw.user
            if user not in people:
                people[user] = ChatPerson(user, users[user], user in bots)
            thread = raw.thread_ts
            messages.append(
                ChatMessage(
                    at,
                    user,
                    users[user],
                    text,
                    SourceType.SLACK,
                    f"#{channel}/{ts}",
                    channel,
                    thread if thread and thread is not UNSET and thread != ts else None,
                    user in bots,
                    None,
                )
            )
        return messages

    def _read_each(self, data: list[JSONValue], channel: str, where: str) -> list[ChatMessage]:
        messages = []
        for index, raw in enumerate(data):
            message = self.read(raw, channel, f"{where}, message {index + 1}")
            if message is not None:
                messages.append(message)
        return messages

    def _plain_lane(self, raws: list[_Raw], channel: str) -> dict[int, tuple[str, datetime, str]]:
        """Index -> (ts, time, shown text) of the plain messages; empty if none qualify."""
        users = self._users
        picked = [
            index
            for index, raw in enumerate(raws)
            if raw.subtype is UNSET
            and raw.hidden is UNSET
            and raw.attachments is UNSET
            and raw.files is UNSET
            and raw.file is UNSET
            and raw.ts.__class__ is str
            and raw.text.__class__ is str
            and raw.user.__class__ is str
            and raw.user in users
            and (raw.thread_ts is UNSET or raw.thread_ts.__class__ is str)
        ]
        if not picked:
            return {}
        stamps: list[str] = [raws[i].ts for i in picked]
        if _PLAIN_STAMPS.fullmatch("\n".join(stamps) + "\n") is None:
            return {}
        try:
            seconds = list(map(float, stamps))
        except ValueError:
            return {}
        if max(seconds) >= _EXACT_BELOW:
            return {}
        texts: list[str] = [raws[i].text for i in picked]
        if max(map(len, texts)) > self._limit:
            texts = [text[: self._limit] for text in texts]
        joined = _BETWEEN.join(texts)
        if joined.count(_BETWEEN) != len(texts) - 1:
            return {}
        shown = render_mrkdwn(joined, users, self._channels)
        if _NEEDS_CLEANING.search(shown):
            shown = clean_text(shown)
        cleaned = [text.strip() for text in shown.split(_BETWEEN)]
        if len(cleaned) != len(texts):
            return {}  # a channel's name carried the separator; the slow lane decides
        moments = list(map(_utc_moment, seconds))
        return dict(zip(picked, zip(stamps, moments, cleaned, strict=True), strict=True))

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
