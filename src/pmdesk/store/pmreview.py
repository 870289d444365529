"""The .pmreview interchange file: one review, in a zip or as a bare review.json.

The format is a contract (shared review-format.md and pmreview.schema.json):
writers produce files that validate against the schema; readers reject any
file that does not, with a message naming the field
(``events[3].at: not an ISO 8601 date-time``), and ignore unknown properties.
Reading never extracts to disk and checks the archive's table of contents
before reading a byte of it (PITFALLS IM-01…IM-11).
"""

from __future__ import annotations

import functools
import io
import json
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pmdesk.clock import in_calendar
from pmdesk.errors import BadInput, BadReviewFile
from pmdesk.fileio import atomic_write_bytes, check_input
from pmdesk.jsontext import DuplicateKey, loads_strict
from pmdesk.model.limits import (
    MAX_ID_CHARS,
    MAX_METRICS,
    MAX_SERVICES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    attachment_path_problem,
    count_problem,
    id_problem,
    metric_problem,
    order_problem,
    text_problem,
)
from pmdesk.model.review import (
    Action,
    ActionStatus,
    Attachment,
    Event,
    EventKind,
    Factor,
    Impact,
    Layer,
    Metric,
    Note,
    NoteKind,
    Person,
    Review,
    ReviewKind,
    ReviewStatus,
    Source,
    SourceType,
    Stage,
    WentWell,
)
from pmdesk.store.extras import ReviewExtras
from pmdesk.text import clean_text, one_line

FORMAT = "pmdesk-review"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_JSON_BYTES = 128 * 1024 * 1024
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200
_T = TypeVar("_T")
_P = ParamSpec("_P")
# The schema's "date-time" and "date" formats (RFC 3339), stricter than fromisoformat.
_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# -- writing ----------------------------------------------------------------------


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as the interchange JSON object (keys in a stable order)."""
    head: dict[str, Any] = {
        "id": review.id,
        "title": review.title,
        "kind": str(review.kind),
        "status": str(review.status),
        "severity": _opt(review.severity),
        "summary": _opt(review.summary),
        "narrative": _opt(review.narrative),
        "impact": None
        if review.impact is None
        else {
            "description": _opt(review.impact.description),
            "metrics": [
                {"name": m.name, "value": m.value, "unit": _opt(m.unit)}
                for m in review.impact.metrics
            ],
        },
        "services": list(review.services),
        "timezone": _opt(review.timezone),
    }
    for name in ("started_at", "detected_at", "mitigated_at", "resolved_at"):
        head[name] = _moment(getattr(review, name))
    return {
        "format": FORMAT,
        "version": VERSION,
        "review": head,
        "people": [
            {"id": p.id, "name": p.name, "role": _opt(p.role), "team": _opt(p.team)}
            for p in review.people
        ],
        "events": [
            {
                "id": e.id,
                "at": _moment(e.at),
                "kind": str(e.kind),
                "title": e.title,
                "detail": _opt(e.detail),
                "knew": _opt(e.knew),
                "actor": e.actor,
                "source": None
                if e.source is None
                else {"type": str(e.source.type), "ref": _opt(e.source.ref)},
                "key": e.key,
            }
            for e in review.events
        ],
        "layers": [
            {
                "id": x.id,
                "name": x.name,
                "stage": str(x.stage) if x.stage else None,
                "order": x.order,
            }
            for x in review.layers
        ],
        "factors": [
            {
                "id": f.id,
                "layer": f.layer,
                "text": f.text,
                "category": _opt(f.category),
                "third_party": f.third_party,
                "on_trajectory": f.on_trajectory,
                "events": list(f.events),
                # Written only when set, so files of reviews that never mark one keep their bytes.
                **({"generalisable": True} if f.generalisable else {}),
            }
            for f in review.factors
        ],
        "actions": [
            {
                "id": a.id,
                "text": a.text,
                "owner": a.owner,
                "outcome": _opt(a.outcome),
                "due": a.due.isoformat() if a.due else None,
                "status": str(a.status),
                "tracker_ref": _opt(a.tracker_ref),
                "factors": list(a.factors),
            }
            for a in review.actions
        ],
        "went_well": [{"id": w.id, "text": w.text} for w in review.went_well],
        "notes": [{"id": n.id, "kind": str(n.kind), "text": n.text} for n in review.notes],
        "attachments": [
            {"id": a.id, "path": path, "caption": _opt(a.caption), "event": a.event}
            for a, path in zip(review.attachments, member_paths(review.attachments), strict=True)
        ],
    }


def member_paths(attachments: tuple[Attachment, ...]) -> list[str]:
    """Each attachment's name in the archive: one member per distinct file.

    Two attachments may share a path (two screenshots both called image.png). The
    same bytes share one member; different bytes get ``image-2.png`` and so on, so
    the archive never holds a name twice (which no reader can import) and no file
    is lost.
    """
    taken: dict[str, bytes] = {}
    out: list[str] = []
    for attachment in attachments:
        path = attachment.path
        if path in taken and taken[path] != attachment.data:
            stem, dot, suffix = path.rpartition(".")
            if not dot or "/" in suffix:
                stem, dot, suffix = path, "", ""
            counter = 2
            while path in taken and taken[path] != attachment.data:
                path = f"{stem}-{counter}{dot}{suffix}"
                counter += 1
        taken.setdefault(path, attachment.data)
        out.append(path)
    return out


def _opt(text: str | None) -> str | None:
    """Empty optional text is written as null, as the reader reads it."""
    return text if text else None


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def review_to_json(review: Review, extras: ReviewExtras | None = None) -> bytes:
    # A review built in memory may still hold lone surrogates, which UTF-8 cannot encode.
    document = review_to_dict(review)
    if extras:
        document[EXTRAS_KEY] = extras_to_dict(extras)
    document = _clean_strings(document)
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


#: pmdesk's own top-level property. The format says readers ignore properties they do
#: not know, so other tools skip it and a file keeps validating against the schema.
EXTRAS_KEY = "pmdesk"
_MAX_DISMISSED = 10_000


def extras_to_dict(extras: ReviewExtras) -> dict[str, Any]:
    """The meeting (without the facilitator's private notes) and the dismissed findings."""
    out: dict[str, Any] = {}
    if extras.meeting:
        out["meeting"] = {k: v for k, v in extras.meeting.items() if k != "notes"}
    if extras.dismissed:
        out["dismissed_findings"] = sorted(extras.dismissed)
    return out


def _clean_strings(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: _clean_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean_strings(item) for item in value]
    return value


# Members carry a fixed date so the same review always gives the same bytes: a
# wall-clock stamp would make two exports a second apart differ, and defeat diffs.
_MEMBER_DATE = (1980, 1, 1, 0, 0, 0)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_MEMBER_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def review_to_bytes(review: Review, extras: ReviewExtras | None = None) -> bytes:
    """A .pmreview zip: review.json plus the attachments' files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_member("review.json"), review_to_json(review, extras))
        written: set[str] = set()
        for attachment, path in zip(
            review.attachments, member_paths(review.attachments), strict=True
        ):
            if path not in written:
                archive.writestr(_member(path), attachment.data)
                written.add(path)
    return buffer.getvalue()


def write_review_file(
    review: Review, path: str | os.PathLike[str], extras: ReviewExtras | None = None
) -> Path:
    """Write a .pmreview (or a bare review.json when the name ends in .json), atomically."""
    target = Path(path)
    if target.suffix.lower() == ".json":
        data = review_to_json(review, extras)
    else:
        data = review_to_bytes(review, extras)
    return atomic_write_bytes(target, data)


# -- reading ----------------------------------------------------------------------


def _one_line_errors(read: Callable[_P, _T]) -> Callable[_P, _T]:
    """Messages quote the file's own values and names; keep them to one clean line."""

    @functools.wraps(read)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return read(*args, **kwargs)
        except BadReviewFile as exc:
            message = str(exc)
            flat = one_line(clean_text(message), 400)
            if flat == message:
                raise
            raise BadReviewFile(flat) from exc

    return wrapper


@_one_line_errors
def read_review_file(path: str | os.PathLike[str]) -> Review:
    """Read a .pmreview zip or a bare review.json; BadReviewFile says what is wrong."""
    return read_review_file_with_extras(path)[0]


@_one_line_errors
def read_review_file_with_extras(path: str | os.PathLike[str]) -> tuple[Review, ReviewExtras]:
    """The review and what pmdesk keeps beside it (meeting, dismissed findings), if any."""
    source = check_input(path, BadReviewFile)
    name = source.name
    try:
        info = source.stat()
    except OSError as exc:
        raise BadReviewFile(f"{source}: cannot read it ({exc.strerror})") from exc
    if info.st_size > MAX_FILE_BYTES:
        raise BadReviewFile(f"{name}: too large ({info.st_size // 2**20} MiB) for a review file")
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise BadReviewFile(f"{name}: cannot read it ({exc.strerror})") from exc
    return read_review_bytes_with_extras(data, name)


@_one_line_errors
def read_review_bytes(data: bytes, name: str = "review") -> Review:
    return read_review_bytes_with_extras(data, name)[0]


@_one_line_errors
def read_review_bytes_with_extras(data: bytes, name: str = "review") -> tuple[Review, ReviewExtras]:
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        return _read_zip(data, name)
    if len(data) > MAX_JSON_BYTES:
        raise BadReviewFile(f"{name}: review.json is too large")
    document = _parse_json(data, name)
    return review_from_dict(document, name), extras_from_dict(document)


def _read_zip(data: bytes, name: str) -> tuple[Review, ReviewExtras]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise BadReviewFile(f"{name}: not a valid .pmreview archive ({exc})") from exc
    with archive:
        infos = archive.infolist()
        _check_members(infos, name)
        members = {info.filename: info for info in infos}
        if "review.json" not in members:
            raise BadReviewFile(f"{name}: the archive has no review.json")
        raw = _read_member(archive, members["review.json"], name)
        document = _parse_json(raw, f"{name}/review.json")
        review = review_from_dict(document, name)
        extras = extras_from_dict(document)
        attachments = []
        for n, attachment in enumerate(review.attachments):
            info = members.get(attachment.path)
            if info is None:
                raise BadReviewFile(
                    f"{name}: attachments[{n}].path: {attachment.path} is not in the archive"
                )
            attachments.append(_replace_data(attachment, _read_member(archive, info, name)))
    return review.replace(attachments=tuple(attachments)), extras


# Meeting data is a few levels deep (agenda → phase → field). Anything deeper is not
# ours, and walking it (cleaning, storing) would recurse as deep as the file says.
_MAX_MEETING_DEPTH = 16


def _shallow(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and objects at most ``limit`` deep (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > limit:
                return False
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return True


def extras_from_dict(document: Any) -> ReviewExtras:
    """pmdesk's own part of a file, checked as strictly as the review (BadReviewFile)."""
    if not isinstance(document, dict) or document.get(EXTRAS_KEY) is None:
        return ReviewExtras()
    own = document[EXTRAS_KEY]
    if not isinstance(own, dict):
        raise BadReviewFile(f"{EXTRAS_KEY}: must be an object")
    meeting = own.get("meeting")
    if meeting is not None:
        if not isinstance(meeting, dict):
            raise BadReviewFile(f"{EXTRAS_KEY}.meeting: must be an object")
        if not _shallow(meeting, _MAX_MEETING_DEPTH):
            raise BadReviewFile(f"{EXTRAS_KEY}.meeting: nested too deeply to be meeting data")
        from pmdesk.meeting.agenda import MeetingData

        try:
            MeetingData.from_json(meeting)
        except BadInput as exc:
            raise BadReviewFile(f"{EXTRAS_KEY}.meeting: {exc}") from exc
        meeting = _clean_strings(meeting)
    keys = own.get("dismissed_findings", [])
    if not isinstance(keys, list) or len(keys) > _MAX_DISMISSED:
        raise BadReviewFile(
            f"{EXTRAS_KEY}.dismissed_findings: must be a list of at most {_MAX_DISMISSED} keys"
        )
    for n, key in enumerate(keys):
        if not isinstance(key, str) or not 1 <= len(key) <= 1000 or clean_text(key) != key:
            raise BadReviewFile(
                f"{EXTRAS_KEY}.dismissed_findings[{n}]: must be a key of 1 to 1000 characters"
            )
    return ReviewExtras(meeting or None, frozenset(keys))


def _replace_data(attachment: Attachment, data: bytes) -> Attachment:
    return Attachment(attachment.id, attachment.path, attachment.caption, attachment.event, data)


def _check_members(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise BadReviewFile(f"{name}: the archive has too many files ({len(infos)})")
    seen: set[str] = set()
    total = 0
    for info in infos:
        member = info.filename
        if member in seen:
            raise BadReviewFile(f"{name}: the archive holds {member} twice")
        seen.add(member)
        parts = member.replace("\\", "/").split("/")
        if (
            member.startswith(("/", "\\"))
            or "\\" in member
            or ".." in parts
            or (len(member) > 1 and member[1] == ":")
        ):
            raise BadReviewFile(f"{name}: unsafe file name in the archive: {member!r}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BadReviewFile(f"{name}: the archive holds a link ({member}); links are refused")
        if info.flag_bits & 0x1:
            raise BadReviewFile(f"{name}: {member} is encrypted; pmdesk reads unencrypted files")
        if info.file_size > MAX_MEMBER_BYTES:
            raise BadReviewFile(f"{name}: {member} is too large ({info.file_size} bytes)")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1_000_000 and ratio > MAX_RATIO:
            raise BadReviewFile(f"{name}: {member} expands {ratio:.0f}-fold; refused as unsafe")
        total += info.file_size
    if total > MAX_FILE_BYTES:
        raise BadReviewFile(f"{name}: the archive expands to more than 256 MiB")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        with archive.open(info) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,  # damaged deflate data is not a BadZipFile
        RuntimeError,
        NotImplementedError,
        OSError,
        EOFError,
    ) as exc:
        raise BadReviewFile(f"{name}: cannot read {info.filename} ({exc})") from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise BadReviewFile(f"{name}: {info.filename} is larger than its header says")
    return data


def _reject_constant(value: str) -> Any:
    raise ValueError(f"{value} is not allowed in a review file")


def _parse_json(data: bytes, name: str) -> Any:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return loads_strict(data, parse_constant=_reject_constant)
    except DuplicateKey as exc:
        raise BadReviewFile(f"{name}: {exc}; pmdesk does not guess which one is meant") from exc
    except UnicodeDecodeError as exc:
        raise BadReviewFile(f"{name}: not UTF-8 text (bad byte at offset {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise BadReviewFile(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError as exc:
        raise BadReviewFile(f"{name}: the JSON is nested too deeply") from exc
    except ValueError as exc:
        raise BadReviewFile(f"{name}: not valid JSON ({exc})") from exc


class _Reader:
    """Pulls typed values out of the JSON, naming the field in every complaint."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, where: str, message: str) -> BadReviewFile:
        return BadReviewFile(f"{where}: {message}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be an object")
        return value

    def array(self, parent: dict[str, Any], key: str, where: str) -> list[Any]:
        value = parent.get(key, [])
        if not isinstance(value, list):
            raise self.fail(where, "must be a list")
        return value

    def text(
        self, parent: dict[str, Any], key: str, where: str, *, required: bool, nonempty: bool
    ) -> str | None:
        if key not in parent:
            if required:
                raise self.fail(where, "is missing")
            return None
        value = parent[key]
        if value is None:
            if required:
                raise self.fail(where, "must be text, not null")
            return None
        if not isinstance(value, str):
            raise self.fail(where, "must be text")
        self.check_length(value, where)
        value = clean_text(value)
        if nonempty and not value:
            raise self.fail(where, "must not be empty")
        return value

    def check_length(self, value: str, where: str) -> None:
        """Refuse text past its bound (pmdesk.model.limits) before any work on it."""
        limit = MAX_TITLE_CHARS if where == "review.title" else MAX_TEXT_CHARS
        if (problem := text_problem(value, limit)) is not None:
            raise BadReviewFile(f"{where} {problem}")

    def check_count(self, values: list[Any], where: str, limit: int | None = None) -> None:
        """Refuse a list longer than the library would hold, before reading its items."""
        if (problem := count_problem(where, len(values), limit)) is not None:
            raise self.fail(where, problem)

    def req_text(self, parent: dict[str, Any], key: str, where: str, nonempty: bool = True) -> str:
        value = self.text(parent, key, where, required=True, nonempty=nonempty)
        assert value is not None
        return value

    def opt_text(self, parent: dict[str, Any], key: str, where: str) -> str | None:
        value = self.text(parent, key, where, required=False, nonempty=False)
        # Blank optional text is absent, as the library stores it (clean_optional).
        return value if value and value.strip() else None

    def ident(self, parent: dict[str, Any], key: str, where: str) -> str:
        value = parent.get(key)
        if not isinstance(value, str):
            raise self.fail(where, f"must be an id of 1 to {MAX_ID_CHARS} characters")
        problem = id_problem(value)
        if problem is not None:
            raise self.fail(where, problem)
        return value

    def ref(self, parent: dict[str, Any], key: str, where: str) -> str | None:
        if parent.get(key) is None:
            return None
        return self.ident(parent, key, where)

    def flag(self, parent: dict[str, Any], key: str, where: str) -> bool:
        value = parent.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(where, "must be true or false")
        return value

    def choice(
        self, parent: dict[str, Any], key: str, where: str, enum: type[_T], default: _T | None
    ) -> _T | None:
        value = parent.get(key)
        if value is None:
            if key in parent and default is not None:
                raise self.fail(where, "must not be null")
            return default
        try:
            return enum(value)  # type: ignore[call-arg]
        except ValueError:
            allowed = ", ".join(str(m) for m in enum)  # type: ignore[attr-defined]
            raise self.fail(where, f"'{value}' is not one of {allowed}") from None

    def moment(self, parent: dict[str, Any], key: str, where: str) -> datetime | None:
        value = parent.get(key)
        if value is None:
            return None
        return self.parse_moment(value, where)

    def parse_moment(self, value: Any, where: str) -> datetime:
        if not isinstance(value, str):
            raise self.fail(where, "not an ISO 8601 date-time")
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(where, f"'{value[:40]}' is not an ISO 8601 date-time") from None
        if "T" not in text.upper() and " " not in text:
            raise self.fail(where, f"'{value[:40]}' is a date without a time")
        if moment.tzinfo is None:
            raise self.fail(where, f"'{value[:40]}' has no time zone offset (add Z or +01:00)")
        if not _RFC3339.fullmatch(value):
            raise self.fail(
                where, f"'{value[:40]}' is not an ISO 8601 date-time like 2026-03-04T14:05:00Z"
            )
        try:
            return in_calendar(moment, value)  # pmdesk.clock's calendar edges
        except BadInput as exc:
            raise self.fail(where, str(exc)) from None

    def day(self, parent: dict[str, Any], key: str, where: str) -> date | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not _FULL_DATE.fullmatch(value):
            raise self.fail(where, f"'{str(value)[:40]}' is not an ISO 8601 date like 2026-03-04")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(where, f"'{value[:40]}' is not an ISO 8601 date") from None

    def ids(self, parent: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        values = self.array(parent, key, where)
        out: list[str] = []
        for n, value in enumerate(values):
            if not isinstance(value, str) or not 1 <= len(value) <= MAX_ID_CHARS:
                raise self.fail(f"{where}[{n}]", f"must be an id of 1 to {MAX_ID_CHARS} characters")
            out.append(value)
        return tuple(dict.fromkeys(out))

    def items(
        self,
        doc: dict[str, Any],
        key: str,
        build: Callable[[dict[str, Any], str], _T],
    ) -> tuple[_T, ...]:
        out: list[_T] = []
        seen: set[str] = set()
        raws = self.array(doc, key, key)
        self.check_count(raws, key)
        for n, raw in enumerate(raws):
            where = f"{key}[{n}]"
            item = build(self.obj(raw, where), where)
            item_id: str = getattr(item, "id")  # noqa: B009 - every item has an id
            if item_id in seen:
                raise self.fail(f"{where}.id", f"'{item_id}' is used twice in {key}")
            seen.add(item_id)
            out.append(item)
        return tuple(out)


@_one_line_errors
def review_from_dict(doc: Any, name: str = "review") -> Review:
    """Validate the interchange object and build the Review; BadReviewFile names the field."""
    r = _Reader(name)
    doc = r.obj(doc, "the file")
    if doc.get("format") != FORMAT:
        raise BadReviewFile(f"format: this is not a pmdesk review file (expected '{FORMAT}')")
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BadReviewFile("version: must be a whole number from 1")
    if version > VERSION:
        raise BadReviewFile(
            f"version: the file was written by a newer pmdesk (format {version}); "
            "update pmdesk to read it"
        )
    head = r.obj(doc.get("review"), "review")

    def person(o: dict[str, Any], w: str) -> Person:
        return Person(
            id=r.ident(o, "id", f"{w}.id"),
            name=r.req_text(o, "name", f"{w}.name"),
            role=r.opt_text(o, "role", f"{w}.role"),
            team=r.opt_text(o, "team", f"{w}.team"),
        )

    def event(o: dict[str, Any], w: str) -> Event:
        if "at" not in o:
            raise r.fail(f"{w}.at", "is missing")
        kind = r.choice(o, "kind", f"{w}.kind", EventKind, None)
        if kind is None:
            raise r.fail(f"{w}.kind", "is missing")
        source = None
        if o.get("source") is not None:
            raw_source = r.obj(o["source"], f"{w}.source")
            source_type = r.choice(raw_source, "type", f"{w}.source.type", SourceType, None)
            if source_type is None:
                raise r.fail(f"{w}.source.type", "is missing")
            source = Source(source_type, r.opt_text(raw_source, "ref", f"{w}.source.ref"))
        return Event(
            id=r.ident(o, "id", f"{w}.id"),
            at=r.parse_moment(o["at"], f"{w}.at"),
            kind=kind,
            title=r.req_text(o, "title", f"{w}.title", nonempty=False),
            detail=r.opt_text(o, "detail", f"{w}.detail"),
            knew=r.opt_text(o, "knew", f"{w}.knew"),
            actor=r.ref(o, "actor", f"{w}.actor"),
            source=source,
            key=r.flag(o, "key", f"{w}.key"),
        )

    def layer(o: dict[str, Any], w: str) -> Layer:
        order = o.get("order")
        if order is not None and (isinstance(order, bool) or not isinstance(order, int)):
            raise r.fail(f"{w}.order", "must be a whole number")
        if order is not None and (problem := order_problem(order)) is not None:
            raise r.fail(f"{w}.order", problem)
        return Layer(
            id=r.ident(o, "id", f"{w}.id"),
            name=r.req_text(o, "name", f"{w}.name"),
            stage=r.choice(o, "stage", f"{w}.stage", Stage, None),
            order=order,
        )

    def factor(o: dict[str, Any], w: str) -> Factor:
        return Factor(
            id=r.ident(o, "id", f"{w}.id"),
            layer=r.ident(o, "layer", f"{w}.layer"),
            text=r.req_text(o, "text", f"{w}.text"),
            category=r.opt_text(o, "category", f"{w}.category"),
            third_party=r.flag(o, "third_party", f"{w}.third_party"),
            on_trajectory=r.flag(o, "on_trajectory", f"{w}.on_trajectory"),
            events=r.ids(o, "events", f"{w}.events"),
            generalisable=r.flag(o, "generalisable", f"{w}.generalisable"),
        )

    def action(o: dict[str, Any], w: str) -> Action:
        status = r.choice(o, "status", f"{w}.status", ActionStatus, ActionStatus.OPEN)
        assert status is not None
        return Action(
            id=r.ident(o, "id", f"{w}.id"),
            text=r.req_text(o, "text", f"{w}.text"),
            owner=r.ref(o, "owner", f"{w}.owner"),
            outcome=r.opt_text(o, "outcome", f"{w}.outcome"),
            due=r.day(o, "due", f"{w}.due"),
            status=status,
            tracker_ref=r.opt_text(o, "tracker_ref", f"{w}.tracker_ref"),
            factors=r.ids(o, "factors", f"{w}.factors"),
        )

    def went_well(o: dict[str, Any], w: str) -> WentWell:
        return WentWell(id=r.ident(o, "id", f"{w}.id"), text=r.req_text(o, "text", f"{w}.text"))

    def note(o: dict[str, Any], w: str) -> Note:
        kind = r.choice(o, "kind", f"{w}.kind", NoteKind, None)
        if kind is None:
            raise r.fail(f"{w}.kind", "is missing")
        return Note(
            id=r.ident(o, "id", f"{w}.id"), kind=kind, text=r.req_text(o, "text", f"{w}.text")
        )

    def attachment(o: dict[str, Any], w: str) -> Attachment:
        path = r.req_text(o, "path", f"{w}.path")
        if (problem := attachment_path_problem(path)) is not None:
            raise r.fail(f"{w}.path", problem)
        return Attachment(
            id=r.ident(o, "id", f"{w}.id"),
            path=path,
            caption=r.opt_text(o, "caption", f"{w}.caption"),
            event=r.ref(o, "event", f"{w}.event"),
        )

    review = Review(
        id=r.ident(head, "id", "review.id"),
        title=r.req_text(head, "title", "review.title"),
        kind=r.choice(head, "kind", "review.kind", ReviewKind, ReviewKind.FULL) or ReviewKind.FULL,
        status=r.choice(head, "status", "review.status", ReviewStatus, ReviewStatus.DRAFT)
        or ReviewStatus.DRAFT,
        severity=r.opt_text(head, "severity", "review.severity"),
        summary=r.opt_text(head, "summary", "review.summary"),
        narrative=r.opt_text(head, "narrative", "review.narrative"),
        impact=_impact(r, head),
        services=_services(r, head),
        timezone=_timezone(r, head),
        started_at=r.moment(head, "started_at", "review.started_at"),
        detected_at=r.moment(head, "detected_at", "review.detected_at"),
        mitigated_at=r.moment(head, "mitigated_at", "review.mitigated_at"),
        resolved_at=r.moment(head, "resolved_at", "review.resolved_at"),
        people=r.items(doc, "people", person),
        events=r.items(doc, "events", event),
        layers=r.items(doc, "layers", layer),
        factors=r.items(doc, "factors", factor),
        actions=r.items(doc, "actions", action),
        went_well=r.items(doc, "went_well", went_well),
        notes=r.items(doc, "notes", note),
        attachments=r.items(doc, "attachments", attachment),
    )
    _check_refs(review)
    return review


def _impact(r: _Reader, head: dict[str, Any]) -> Impact | None:
    raw = head.get("impact")
    if raw is None:
        return None
    impact = r.obj(raw, "review.impact")
    metrics = []
    raw_metrics = r.array(impact, "metrics", "review.impact.metrics")
    if (problem := count_problem("metrics", len(raw_metrics), MAX_METRICS)) is not None:
        raise r.fail("review.impact.metrics", problem)
    for n, raw_metric in enumerate(raw_metrics):
        where = f"review.impact.metrics[{n}]"
        metric = r.obj(raw_metric, where)
        value = metric.get("value")
        if "value" not in metric:
            raise r.fail(f"{where}.value", "is missing")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise r.fail(f"{where}.value", "must be a number or text")
        if (problem := metric_problem(value)) is not None:
            raise r.fail(f"{where}.value", problem)
        if isinstance(value, str):
            r.check_length(value, f"{where}.value")
            value = clean_text(value)
        elif isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
            value = int(value)  # 12.0 and 12 are one number, stored and exported as 12
        metrics.append(
            Metric(
                name=r.req_text(metric, "name", f"{where}.name", nonempty=False),
                value=value,
                unit=r.opt_text(metric, "unit", f"{where}.unit"),
            )
        )
    return Impact(
        description=r.opt_text(impact, "description", "review.impact.description"),
        metrics=tuple(metrics),
    )


def _services(r: _Reader, head: dict[str, Any]) -> tuple[str, ...]:
    out = []
    raw = r.array(head, "services", "review.services")
    if (problem := count_problem("services", len(raw), MAX_SERVICES)) is not None:
        raise r.fail("review.services", problem)
    for n, value in enumerate(raw):
        if not isinstance(value, str):
            raise r.fail(f"review.services[{n}]", "must be text")
        r.check_length(value, f"review.services[{n}]")
        cleaned = clean_text(value).strip()
        if cleaned:
            out.append(cleaned)
    return tuple(out)


def _timezone(r: _Reader, head: dict[str, Any]) -> str | None:
    zone = r.opt_text(head, "timezone", "review.timezone")
    if zone is None:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.fail("review.timezone", f"'{zone[:40]}' is not a known time zone") from None
    return zone


def _check_refs(review: Review) -> None:
    people = {p.id for p in review.people}
    events = {e.id for e in review.events}
    layers = {x.id for x in review.layers}
    factors = {f.id for f in review.factors}

    def need(ids: set[str], ref: str | None, where: str, what: str) -> None:
        if ref is not None and ref not in ids:
            raise BadReviewFile(f"{where}: no {what} with id '{ref}'")

    for n, e in enumerate(review.events):
        need(people, e.actor, f"events[{n}].actor", "person")
    for n, f in enumerate(review.factors):
        need(layers, f.layer, f"factors[{n}].layer", "layer")
        for k, ref in enumerate(f.events):
            need(events, ref, f"factors[{n}].events[{k}]", "event")
    for n, a in enumerate(review.actions):
        need(people, a.owner, f"actions[{n}].owner", "person")
        for k, ref in enumerate(a.factors):
            need(factors, ref, f"actions[{n}].factors[{k}]", "factor")
    for n, att in enumerate(review.attachments):
        need(events, att.event, f"attachments[{n}].event", "event")
