""".pmreview files: round trips, the schema contract, and hostile input.

The reader is the door through which other people's files enter the library, so
it is tested against the published schema (docs/pmreview.schema.json) and against
the hostile archives and JSON documents catalogued in PITFALLS IM-01…IM-10.
UTF-16 review.json files are accepted (json detects the encoding from the
first bytes), like UTF-8 with or without a BOM.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import struct
import time
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.cli import main
from pmdesk.errors import BadReviewFile, UserError
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
from pmdesk.store import Library, ReviewExtras, pmreview
from pmdesk.store.pmreview import (
    read_review_bytes,
    read_review_bytes_with_extras,
    read_review_file,
    read_review_file_with_extras,
    review_to_bytes,
    review_to_json,
    write_review_file,
)
from pmdesk.store.sample import seed_sample
from pmdesk.text import clean_text

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "docs" / "pmreview.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

# -- strategies -------------------------------------------------------------------

#: Pieces of text that have broken Word, PDF, SQLite or terminals before (PITFALLS DX-*, IM-09).
HOSTILE = [
    "\x00",
    "\x0b",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\ud83d",
    "\udfff",
    "\ufffe",
    "\r\n",
    "\r",
    "\u202e",
    "\u200f",
    "مرحبا",
    "שלום",
    "👩\u200d💻",
    "🇺🇦",
    "<b>&amp;</b>",
    "]]>",
    "\t",
    "e\u0301",
]
any_text = st.lists(
    st.one_of(
        st.characters(exclude_categories=()),  # every code point, lone surrogates included
        st.sampled_from(HOSTILE),
    ),
    max_size=12,
).map("".join)
required_text = any_text.filter(lambda t: clean_text(t).strip() != "")
optional_text = st.none() | any_text
ids = st.text(
    st.characters(categories=["L", "N"]) | st.sampled_from("-_."), min_size=1, max_size=24
)
zones = st.sampled_from([UTC, ZoneInfo("Europe/Berlin"), timezone(timedelta(hours=5, minutes=30))])
moments = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=zones
)
metric_values = st.one_of(
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    any_text,
)


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    """Whole reviews with consistent references and any Unicode text in every text field."""
    counts = draw(st.lists(st.integers(0, 3), min_size=8, max_size=8))
    uids = iter(draw(st.lists(ids, min_size=sum(counts), max_size=sum(counts), unique=True)))
    n_people, n_events, n_layers, n_factors, n_actions, n_well, n_notes, n_att = counts

    def refs(pool: list[str]) -> st.SearchStrategy[str | None]:
        return st.none() | st.sampled_from(pool) if pool else st.none()

    def subset(pool: list[str]) -> tuple[str, ...]:
        if not pool:
            return ()
        return tuple(draw(st.lists(st.sampled_from(pool), unique=True, max_size=3)))

    people = [
        Person(next(uids), draw(required_text), draw(optional_text), draw(optional_text))
        for _ in range(n_people)
    ]
    person_ids = [p.id for p in people]
    events = [
        Event(
            next(uids),
            draw(moments),
            draw(st.sampled_from(EventKind)),
            draw(any_text),
            draw(optional_text),
            draw(optional_text),
            draw(refs(person_ids)),
            draw(st.none() | st.builds(Source, st.sampled_from(SourceType), optional_text)),
            draw(st.booleans()),
        )
        for _ in range(n_events)
    ]
    event_ids = [e.id for e in events]
    layers = [
        Layer(
            next(uids),
            draw(required_text),
            draw(st.none() | st.sampled_from(Stage)),
            draw(st.none() | st.integers(-1000, 1000)),
        )
        for _ in range(n_layers)
    ]
    factors = [
        Factor(
            next(uids),
            draw(st.sampled_from([x.id for x in layers])),
            draw(required_text),
            draw(optional_text),
            draw(st.booleans()),
            draw(st.booleans()),
            subset(event_ids),
        )
        for _ in range(n_factors if layers else 0)
    ]
    actions = [
        Action(
            next(uids),
            draw(required_text),
            draw(refs(person_ids)),
            draw(optional_text),
            draw(st.none() | st.dates(date(2000, 1, 1), date(2100, 1, 1))),
            draw(st.sampled_from(ActionStatus)),
            draw(optional_text),
            subset([f.id for f in factors]),
        )
        for _ in range(n_actions)
    ]
    went_well = [WentWell(next(uids), draw(required_text)) for _ in range(n_well)]
    notes = [
        Note(next(uids), draw(st.sampled_from(NoteKind)), draw(required_text))
        for _ in range(n_notes)
    ]
    attachments = [
        Attachment(
            uid,
            f"attachments/{uid}.bin",
            draw(optional_text),
            draw(refs(event_ids)),
            draw(st.binary(max_size=64)),
        )
        for uid in (next(uids) for _ in range(n_att))
    ]
    impact = draw(
        st.none()
        | st.builds(
            Impact,
            optional_text,
            st.lists(st.builds(Metric, any_text, metric_values, optional_text), max_size=3).map(
                tuple
            ),
        )
    )
    return Review(
        id=draw(ids),
        title=draw(required_text),
        kind=draw(st.sampled_from(ReviewKind)),
        status=draw(st.sampled_from(ReviewStatus)),
        severity=draw(optional_text),
        summary=draw(optional_text),
        narrative=draw(optional_text),
        impact=impact,
        services=tuple(draw(st.lists(any_text, max_size=3))),
        timezone=draw(st.none() | st.sampled_from(["Europe/Berlin", "Asia/Kolkata", "UTC"])),
        started_at=draw(st.none() | moments),
        detected_at=draw(st.none() | moments),
        mitigated_at=draw(st.none() | moments),
        resolved_at=draw(st.none() | moments),
        people=tuple(people),
        events=tuple(events),
        layers=tuple(layers),
        factors=tuple(factors),
        actions=tuple(actions),
        went_well=tuple(went_well),
        notes=tuple(notes),
        attachments=tuple(attachments),
    )


def review_json(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("review.json"))


def raw_review_json(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("review.json")


def assert_schema_valid(document: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(document)]
    assert errors == []


# -- 1. round trips -----------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(reviews())
def test_write_read_write_gives_identical_bytes(review: Review) -> None:
    first = review_to_bytes(review)  # any text at all, lone surrogates included
    assert_schema_valid(review_json(first))
    read = read_review_bytes(first, "first.pmreview")
    assert read.title == clean_text(review.title)
    # Compared as instants: PEP 495 makes fold=1 times unequal to any other zone's.
    assert [e.at.timestamp() for e in read.events] == [e.at.timestamp() for e in review.events]
    assert [a.data for a in read.attachments] == [a.data for a in review.attachments]
    # Reading normalises (cleaned text, blank optional text as null, UTC times); from
    # then on writing and reading are exact inverses, byte for byte.
    again = review_to_bytes(read)
    assert review_to_bytes(read_review_bytes(again)) == again
    assert read_review_bytes(again) == read


def test_the_same_review_gives_the_same_bytes_a_minute_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Zip members must not carry the wall clock, or exports a second apart differ."""
    review = Review(id="r1", title="Checkout failover")
    first = review_to_bytes(review)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 61.0)
    assert review_to_bytes(review) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


@settings(max_examples=40, deadline=None)
@given(reviews())
def test_bare_json_round_trip_and_schema(review: Review) -> None:
    data = review_to_json(review)
    document = json.loads(data)
    assert_schema_valid(document)
    read = read_review_bytes(data, "review.json")
    assert review_to_json(read_review_bytes(review_to_json(read))) == review_to_json(read)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def shared_library(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Library]:
    """One library per backend for a whole hypothesis run (reviews get unique ids)."""
    if request.param == "sqlite":
        library = Library.open(tmp_path_factory.mktemp("roundtrip") / "library.pmdesk")
        yield library
        library.close()
        return
    admin = os.environ.get("PMDESK_TEST_POSTGRES_URL")
    if not admin:
        pytest.skip("no PostgreSQL server (PMDESK_TEST_POSTGRES_URL not set)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"pmdesk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        library = Library.open(make_url(admin).set(database=name).render_as_string(False))
        yield library
        library.close()
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=reviews())
def test_library_export_equals_the_files_cleaned_content(
    shared_library: Library, review: Review
) -> None:
    review = review.replace(id=f"rt-{uuid.uuid4().hex}")
    from_file = read_review_bytes(review_to_bytes(review), "in.pmreview")
    stored = shared_library.add_review(from_file)
    exported = review_to_bytes(shared_library.get_review(stored.id))
    # Byte for byte, so that 12 coming back as 12.0 would show.
    assert raw_review_json(exported) == raw_review_json(review_to_bytes(from_file))
    assert_schema_valid(review_json(exported))


def test_write_review_file_picks_zip_or_json_by_name(tmp_path: Path) -> None:
    review = Review(
        "r1",
        "Queue backlog",
        events=(Event("e1", datetime(2026, 1, 2, tzinfo=UTC), EventKind.ALERT, "Alert"),),
    )
    zipped = write_review_file(review, tmp_path / "a.pmreview")
    bare = write_review_file(review, tmp_path / "review.json")
    assert zipfile.is_zipfile(zipped) and not zipfile.is_zipfile(bare)
    assert read_review_file(zipped) == read_review_file(bare) == review


def _nested(depth: int) -> list[Any]:
    """A list inside a list, ``depth`` deep: json reads it; walking it must not recurse."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def test_pmdesks_own_part_round_trips_and_keeps_the_file_valid(tmp_path: Path) -> None:
    """Meeting data and dismissed findings ride in a top-level "pmdesk" property."""
    review = Review("r1", "Queue backlog")
    meeting = {
        "agenda": [{"kind": "cheese", "title": "Swiss cheese", "minutes": 15}],
        "records": [{"started_at": "2026-01-02T09:00:00+00:00", "attendees": ["Ana"]}],
        "notes": "private",
        "future_field": {"kept": True},
    }
    extras = ReviewExtras(meeting, frozenset({"blame.judgement:summary:careless"}))
    for name in ("a.pmreview", "review.json"):
        path = write_review_file(review, tmp_path / name, extras)
        read, back = read_review_file_with_extras(path)
        assert read == review == read_review_file(path)
        assert back.dismissed == extras.dismissed
        assert back.meeting == {k: v for k, v in meeting.items() if k != "notes"}
    document = review_json(review_to_bytes(review, extras))
    assert_schema_valid(document)
    assert document["pmdesk"]["dismissed_findings"] == ["blame.judgement:summary:careless"]
    assert "pmdesk" not in review_json(review_to_bytes(review, ReviewExtras()))


@pytest.mark.parametrize(
    ("own", "words"),
    [
        ([], "pmdesk: must be an object"),
        ({"meeting": "soon"}, "pmdesk.meeting: must be an object"),
        ({"meeting": {"agenda": [{"kind": "nap", "minutes": 5}]}}, "meeting: agenda phase 1"),
        ({"meeting": {"agenda": [{"kind": "story", "minutes": 999}]}}, "pmdesk.meeting: "),
        ({"dismissed_findings": "all"}, "pmdesk.dismissed_findings: must be a list"),
        ({"dismissed_findings": ["ok", 7]}, "pmdesk.dismissed_findings[1]"),
        ({"dismissed_findings": ["bad\x00key"]}, "pmdesk.dismissed_findings[0]"),
        ({"meeting": {"x": _nested(300)}}, "pmdesk.meeting: nested too deeply"),
    ],
)
def test_pmdesks_own_part_is_checked_like_the_rest(own: object, words: str) -> None:
    document = json.dumps(valid_document() | {"pmdesk": own}).encode()
    with pytest.raises(BadReviewFile, match=re.escape(words)):
        read_review_bytes_with_extras(document, "x.json")
    # A file that says something broken about itself is refused whole, even to a
    # caller that only asks for the review.
    with pytest.raises(BadReviewFile, match=re.escape(words)):
        read_review_bytes(document, "x.json")


# -- 2. the schema contract: every violation is refused, naming the field ---------------


def valid_document() -> dict[str, Any]:
    """A small, valid review.json (fictional people) that each violation below breaks once."""
    at = ["2026-03-04T14:00:00Z", "2026-03-04T14:05:00+01:00", "2026-03-04T14:20:00Z"]
    return {
        "format": "pmdesk-review",
        "version": 1,
        "review": {
            "id": "r-queue",
            "title": "Queue backlog after a config change",
            "kind": "full",
            "status": "draft",
            "impact": {"description": "Slow orders", "metrics": [{"name": "Orders", "value": 12}]},
            "services": ["queue"],
            "timezone": "Europe/Berlin",
            "started_at": at[0],
        },
        "people": [{"id": "p1", "name": "Alex Kim"}, {"id": "p2", "name": "Rosa Diaz"}],
        "events": [
            {"id": "e1", "at": at[0], "kind": "change", "title": "Config pushed", "actor": "p1"},
            {"id": "e2", "at": at[1], "kind": "alert", "title": "Lag alert"},
            {"id": "e3", "at": at[2], "kind": "mitigation", "title": "Rolled back", "key": True},
            {
                "id": "e4",
                "at": at[2],
                "kind": "note",
                "title": "Queue drained",
                "source": {"type": "slack", "ref": "C1/1"},
            },
        ],
        "layers": [{"id": "l1", "name": "Staged rollout", "stage": "prevent", "order": 0}],
        "factors": [{"id": "f1", "layer": "l1", "text": "No canary stage", "events": ["e1"]}],
        "actions": [
            {"id": "a1", "text": "Add a canary stage", "owner": "p1", "due": "2026-04-01"},
            {"id": "a2", "text": "Alert on lag over 30 s", "owner": "p2", "factors": ["f1"]},
        ],
        "went_well": [{"id": "w1", "text": "Rollback took 4 minutes"}],
        "notes": [{"id": "n1", "kind": "lucky", "text": "Low traffic hour"}],
        "attachments": [{"id": "att1", "path": "attachments/lag.png", "event": "e2"}],
    }


Path_ = tuple[str | int, ...]


def setting(path: Path_, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return apply


def deleting(path: Path_) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        target: Any = doc
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return apply


# (mutation, words the message must contain, does the JSON Schema alone catch it?)
VIOLATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str, bool]] = {
    "missing format": (deleting(("format",)), "format", True),
    "missing version": (deleting(("version",)), "version", True),
    "missing review": (deleting(("review",)), "review", True),
    "missing review id": (deleting(("review", "id")), "review.id", True),
    "missing title": (deleting(("review", "title")), "review.title: is missing", True),
    "missing person name": (deleting(("people", 1, "name")), "people[1].name", True),
    "missing event at": (deleting(("events", 2, "at")), "events[2].at: is missing", True),
    "missing event kind": (deleting(("events", 0, "kind")), "events[0].kind", True),
    "missing event title": (deleting(("events", 1, "title")), "events[1].title", True),
    "missing factor layer": (deleting(("factors", 0, "layer")), "factors[0].layer", True),
    "missing note kind": (deleting(("notes", 0, "kind")), "notes[0].kind", True),
    "missing attachment path": (deleting(("attachments", 0, "path")), "attachments[0].path", True),
    "missing metric value": (
        deleting(("review", "impact", "metrics", 0, "value")),
        "review.impact.metrics[0].value",
        True,
    ),
    "title not text": (setting(("review", "title"), 5), "review.title: must be text", True),
    "review not object": (setting(("review",), []), "review: must be an object", True),
    "events not list": (setting(("events",), {}), "events: must be a list", True),
    "people null": (setting(("people",), None), "people: must be a list", True),
    "event not object": (setting(("events", 1), "e2"), "events[1]: must be an object", True),
    "key not bool": (setting(("events", 2, "key"), "yes"), "events[2].key", True),
    "order not int": (setting(("layers", 0, "order"), "1"), "layers[0].order", True),
    "factor events not list": (setting(("factors", 0, "events"), "e1"), "factors[0].events", True),
    "action factor not id": (
        setting(("actions", 1, "factors"), [7]),
        "actions[1].factors[0]",
        True,
    ),
    "services not list": (setting(("review", "services"), "queue"), "review.services", True),
    "service not text": (setting(("review", "services"), [1]), "review.services[0]", True),
    "metric value bool": (
        setting(("review", "impact", "metrics", 0, "value"), True),
        "review.impact.metrics[0].value",
        True,
    ),
    "id empty": (setting(("people", 0, "id"), ""), "people[0].id", True),
    "id too long": (setting(("went_well", 0, "id"), "x" * 201), "went_well[0].id", True),
    "source not object": (setting(("events", 3, "source"), "slack"), "events[3].source", True),
    "bad event kind": (setting(("events", 0, "kind"), "outage"), "events[0].kind: 'outage'", True),
    "bad review kind": (setting(("review", "kind"), "long"), "review.kind", True),
    "bad review status": (setting(("review", "status"), "done"), "review.status", True),
    "null review status": (setting(("review", "status"), None), "review.status", True),
    "bad stage": (setting(("layers", 0, "stage"), "mitigate"), "layers[0].stage", True),
    "bad action status": (setting(("actions", 0, "status"), "closed"), "actions[0].status", True),
    "bad note kind": (setting(("notes", 0, "kind"), "idea"), "notes[0].kind", True),
    "bad source type": (
        setting(("events", 3, "source", "type"), "email"),
        "events[3].source",
        True,
    ),
    "words for a time": (
        setting(("events", 3, "at"), "yesterday"),
        "events[3].at: 'yesterday' is not an ISO 8601 date-time",
        True,
    ),
    "date without time": (setting(("events", 3, "at"), "2026-03-04"), "events[3].at", True),
    "time without seconds": (
        setting(("events", 3, "at"), "2026-03-04T14:05+00:00"),
        "events[3].at",
        True,
    ),
    "compact time": (setting(("events", 3, "at"), "20260304T140500Z"), "events[3].at", True),
    "time not text": (setting(("events", 0, "at"), 1772632800), "events[0].at", True),
    "day out of month": (
        setting(("review", "started_at"), "2026-02-30T10:00:00Z"),
        "review.started_at",
        True,
    ),
    "no time zone": (
        setting(("events", 1, "at"), "2026-03-04T14:05:00"),
        "events[1].at: '2026-03-04T14:05:00' has no time zone",
        True,
    ),
    "due in words": (setting(("actions", 0, "due"), "next week"), "actions[0].due", True),
    "due as date-time": (
        setting(("actions", 0, "due"), "2026-04-01T00:00:00Z"),
        "actions[0].due",
        True,
    ),
    "due with spaces": (setting(("actions", 0, "due"), " 2026-04-01"), "actions[0].due", True),
    "duplicate event id": (
        setting(("events", 1, "id"), "e1"),
        "events[1].id: 'e1' is used twice",
        False,
    ),
    "duplicate person id": (setting(("people", 1, "id"), "p1"), "people[1].id", False),
    "dangling layer": (setting(("factors", 0, "layer"), "l9"), "factors[0].layer", False),
    "dangling owner": (setting(("actions", 1, "owner"), "nobody"), "actions[1].owner", False),
    "dangling actor": (setting(("events", 0, "actor"), "p9"), "events[0].actor", False),
    "dangling factor event": (
        setting(("factors", 0, "events"), ["e9"]),
        "factors[0].events[0]",
        False,
    ),
    "dangling action factor": (
        setting(("actions", 0, "factors"), ["f9"]),
        "actions[0].factors[0]",
        False,
    ),
    "dangling attachment event": (
        setting(("attachments", 0, "event"), "e9"),
        "attachments[0].event",
        False,
    ),
    "unknown time zone": (
        setting(("review", "timezone"), "Mars/Olympus"),
        "review.timezone",
        False,
    ),
    "zone is a folder": (setting(("review", "timezone"), "America"), "review.timezone", False),
    "id with NUL": (setting(("events", 0, "id"), "e\x00"), "events[0].id", False),
    "id with lone surrogate": (setting(("people", 0, "id"), "p\ud800"), "people[0].id", False),
    "path with dots": (
        setting(("attachments", 0, "path"), "../evil.txt"),
        "attachments[0].path",
        True,
    ),
    "absolute path": (
        setting(("attachments", 0, "path"), "/etc/passwd"),
        "attachments[0].path",
        True,
    ),
    "path climbs out": (
        setting(("attachments", 0, "path"), "attachments/../../evil"),
        "attachments[0].path",
        True,
    ),
    "path in subfolder": (
        setting(("attachments", 0, "path"), "attachments/a/b.png"),
        "attachments[0].path",
        True,
    ),
    "backslash path": (
        setting(("attachments", 0, "path"), "attachments\\..\\x"),
        "attachments[0].path",
        True,
    ),
    "path elsewhere": (
        setting(("attachments", 0, "path"), "other/x.png"),
        "attachments[0].path",
        True,
    ),
    "path is the folder": (
        setting(("attachments", 0, "path"), "attachments/"),
        "attachments[0].path",
        True,
    ),
    "newer version": (setting(("version",), 2), "newer pmdesk", False),
    "version zero": (setting(("version",), 0), "version", True),
    "version as text": (setting(("version",), "1"), "version", True),
    "version as bool": (setting(("version",), True), "version", True),
    "wrong format": (
        setting(("format",), "other-review"),
        "format: this is not a pmdesk review",
        True,
    ),
    "huge metric": (
        setting(("review", "impact", "metrics", 0, "value"), 2**60),
        "review.impact.metrics[0].value",
        False,
    ),
    "title only controls": (setting(("review", "title"), "\x00\x1b"), "review.title", False),
}


def test_the_base_document_is_valid() -> None:
    doc = valid_document()
    assert_schema_valid(doc)
    review = read_review_bytes(json.dumps(doc).encode(), "review.json")
    assert len(review.events) == 4 and review.actions[1].owner == "p2"


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_violation_is_refused_naming_the_field(case: str) -> None:
    mutate, words, schema_catches = VIOLATIONS[case]
    doc = valid_document()
    mutate(doc)
    assert VALIDATOR.is_valid(doc) is not schema_catches
    with pytest.raises(BadReviewFile) as caught:
        read_review_bytes(json.dumps(doc).encode(), "review.json")
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and len(message) < 300


NEAR_MISSES = [
    "",
    "e1",
    "p1",
    "l1",
    "f1",
    "e9",
    "2026-03-04T14:00:00Z",
    "2026-03-04T14:00:00",
    "2026-03-04",
    "attachments/x.png",
    "attachments/../x",
    "full",
    "alert",
    "lucky",
    "prevent",
    "open",
    "slack",
    "pmdesk-review",
    "Europe/Berlin",
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | any_text
    | st.sampled_from(NEAR_MISSES),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


def all_paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    children: list[tuple[str | int, Any]] = []
    if isinstance(node, dict):
        children = list(node.items())
    elif isinstance(node, list):
        children = list(enumerate(node))
    out: list[Path_] = []
    for key, child in children:
        out.append((*prefix, key))
        out.extend(all_paths(child, (*prefix, key)))
    return out


def parent_of(doc: Any, path: Path_) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    doc = valid_document()
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(all_paths(doc)))
        parent = parent_of(doc, path)
        if draw(st.booleans()):
            parent[path[-1]] = draw(json_values)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
    return doc


@settings(max_examples=400, deadline=None)
@given(mutated_documents())
def test_whatever_the_schema_refuses_the_reader_refuses(doc: dict[str, Any]) -> None:
    data = json.dumps(doc).encode()
    if VALIDATOR.is_valid(doc):
        try:
            read_review_bytes(data, "review.json")
        except BadReviewFile as exc:  # the reader may be stricter (references, ids, zones)
            assert "\n" not in str(exc)
    else:
        with pytest.raises(BadReviewFile) as caught:
            read_review_bytes(data, "review.json")
        assert "\n" not in str(caught.value)


@st.composite
def with_unknown_properties(draw: st.DrawFn) -> dict[str, Any]:
    doc = valid_document()
    nodes = [doc] + [parent_of(doc, (*path, "")) for path in all_paths(doc)]
    objects = [node for node in nodes if isinstance(node, dict)]
    for target in draw(st.lists(st.sampled_from(objects), min_size=1, max_size=5)):
        target[f"x-{draw(st.text(max_size=8))}"] = draw(json_values)
    return doc


@settings(max_examples=100, deadline=None)
@given(with_unknown_properties())
def test_unknown_properties_are_ignored(doc: dict[str, Any]) -> None:
    plain = read_review_bytes(json.dumps(valid_document()).encode(), "review.json")
    assert read_review_bytes(json.dumps(doc).encode(), "review.json") == plain


# -- 3. hostile files (PITFALLS IM-01…IM-10) ----------------------------------------------


def good_json() -> bytes:
    return json.dumps(valid_document()).encode()


def archive(
    *members: tuple[str | zipfile.ZipInfo, bytes], method: int = zipfile.ZIP_DEFLATED
) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names, which we want
        with zipfile.ZipFile(buffer, "w", compression=method) as out:
            for name, data in members:
                out.writestr(name, data)
    return buffer.getvalue()


def plain_review_json() -> bytes:
    doc = valid_document()
    doc["attachments"] = []
    return json.dumps(doc).encode()


def with_member(name: str | zipfile.ZipInfo, data: bytes = b"x") -> bytes:
    return archive(("review.json", plain_review_json()), (name, data))


def symlink_member() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("attachments/link")
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def encrypted() -> bytes:
    """An archive whose review.json has the 'encrypted' flag set (zipfile cannot write one)."""
    raw = bytearray(archive(("review.json", plain_review_json())))
    local = raw.index(b"PK\x03\x04")
    raw[local + 6] |= 0x1
    central = raw.index(b"PK\x01\x02")
    raw[central + 8] |= 0x1
    return bytes(raw)


def declared_size(data: bytes, size: int) -> bytes:
    """The same archive with its first member's uncompressed size replaced (a lying header)."""
    raw = bytearray(data)
    local = raw.index(b"PK\x03\x04")
    raw[local + 22 : local + 26] = struct.pack("<I", size)
    central = raw.index(b"PK\x01\x02")
    raw[central + 24 : central + 28] = struct.pack("<I", size)
    return bytes(raw)


def bomb() -> bytes:
    return archive(
        ("review.json", plain_review_json()), ("attachments/zeros.bin", bytes(8_000_000))
    )


def corrupted() -> bytes:
    data = bytearray(archive(("review.json", plain_review_json() * 20)))
    for n in range(60, 400, 7):
        data[n] ^= 0xFF
    return bytes(data)


HOSTILE_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "dot-dot name": (lambda: with_member("../../evil_dotdot.txt"), "unsafe file name"),
    "absolute name": (lambda: with_member("/tmp/abs_evil.txt"), "unsafe file name"),
    "backslash name": (lambda: with_member("general/..\\..\\evil.txt"), "unsafe file name"),
    "drive letter name": (lambda: with_member("C:evil.txt"), "unsafe file name"),
    "symlink member": (lambda: with_member(symlink_member(), b"/etc/passwd"), "link"),
    "encrypted member": (encrypted, "encrypted"),
    "duplicate names": (
        lambda: archive(("review.json", plain_review_json()), ("review.json", b"{}")),
        "twice",
    ),
    "bomb by ratio": (bomb, "fold"),
    "member declares 3 GiB": (
        lambda: declared_size(archive(("review.json", plain_review_json())), 3 * 2**30),
        "too large",
    ),
    "member under-declares its size": (
        lambda: declared_size(archive(("review.json", plain_review_json())), 100),
        "review.json",
    ),
    "too many members": (
        lambda: archive(
            ("review.json", plain_review_json()), *((f"a/{n}", b"") for n in range(2001))
        ),
        "too many",
    ),
    "no review.json": (lambda: archive(("other.json", good_json())), "no review.json"),
    "attachment missing from archive": (
        lambda: archive(("review.json", good_json())),
        "attachments[0].path",
    ),
    "truncated zip": (lambda: archive(("review.json", good_json()))[:120], "not a valid .pmreview"),
    "corrupted zip": (corrupted, "review"),
    "not a zip": (lambda: b"PK\x03\x04 but then nothing like a zip", "not a valid .pmreview"),
    "plain text": (lambda: b"Our post-mortem notes, as text", "not valid JSON"),
    "empty file": (lambda: b"", "not valid JSON"),
    "deep arrays": (lambda: b"[" * 100_000, "nested too deeply"),
    "deep objects": (lambda: b'{"a":' * 100_000, "nested too deeply"),
    "deep inside a zip": (lambda: archive(("review.json", b"[" * 100_000)), "nested too deeply"),
    "NaN": (lambda: good_json().replace(b'"value": 12', b'"value": NaN'), "NaN is not allowed"),
    "Infinity": (lambda: good_json().replace(b'"value": 12', b'"value": -Infinity'), "Infinity"),
    "overflowing float": (lambda: good_json().replace(b'"value": 12', b'"value": 1e400'), "finite"),
    "5000-digit integer": (
        lambda: good_json().replace(b'"value": 12', b'"value": ' + b"9" * 5000),
        "JSON",
    ),
    "invalid UTF-8": (lambda: good_json().replace(b"Alex Kim", b"Alex K\xe9m"), "not UTF-8"),
    "JSON array": (lambda: b"[1, 2]", "must be an object"),
    "a key given twice (IM-10)": (
        lambda: good_json().replace(b'"title": ', b'"title": "Another title", "title": ', 1),
        "'title' appears twice in $",
    ),
    "a key given twice deep inside": (
        lambda: good_json().replace(b'"kind": "change"', b'"kind": "alert", "kind": "change"'),
        "'kind' appears twice in $.events[0]",
    ),
    "duplicate keys hide nothing": (
        lambda: good_json()[:-1] + b', "format": "something-else"}',
        "format",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_FILES))
def test_hostile_file_is_refused_in_one_line_and_nothing_is_written(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, words = HOSTILE_FILES[case]
    path = tmp_path / "hostile.pmreview"
    path.write_bytes(build())
    with pytest.raises(BadReviewFile) as caught:
        read_review_file(path)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and len(message) <= 400

    library_path = tmp_path / "library.pmdesk"
    with Library.open(library_path, seed=seed_sample) as library:
        before = library.list_reviews()
    capsys.readouterr()
    assert main(["--library", str(library_path), "import-review", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("pmdesk: ")
    with Library.open(library_path) as library:
        assert library.list_reviews() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("library")) == [
        "hostile.pmreview"
    ]


def test_nothing_is_extracted_next_to_the_file_or_in_tmp(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.pmreview"
    path.parent.mkdir()
    path.write_bytes(with_member("../../evil_dotdot.txt"))
    with pytest.raises(BadReviewFile):
        read_review_file(path)
    assert not (tmp_path / "evil_dotdot.txt").exists()
    assert list(path.parent.iterdir()) == [path]


def test_utf8_bom_is_accepted() -> None:
    plain = read_review_bytes(good_json(), "review.json")
    assert read_review_bytes(b"\xef\xbb\xbf" + good_json(), "review.json") == plain
    assert read_review_bytes(
        archive(("review.json", b"\xef\xbb\xbf" + plain_review_json())), "x"
    ) == plain.replace(attachments=())


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_accepted(codec: str) -> None:
    """Some Windows editors save JSON as UTF-16; json detects it, so pmdesk reads it."""
    text = json.dumps(valid_document(), ensure_ascii=False)
    plain = read_review_bytes(good_json(), "review.json")
    assert read_review_bytes(text.encode(codec), "review.json") == plain


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadReviewFile, match="not a regular file"):
        read_review_file(tmp_path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadReviewFile, match="no such file"):
        read_review_file(tmp_path / "nothing.pmreview")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "review.json"
    os.mkfifo(fifo)  # opening it for reading would block until a writer comes (IM-02)
    with pytest.raises(BadReviewFile, match="not a regular file"):
        read_review_file(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "review.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(BadReviewFile, match="not a regular file"):
        read_review_file(link)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_damaged_archives_are_refused_cleanly(data: st.DataObject) -> None:
    """Any bytes flipped or cut anywhere in a .pmreview: a Review or BadReviewFile, nothing else."""
    good = bytearray(archive(("review.json", plain_review_json())))
    for _ in range(data.draw(st.integers(1, 4))):
        where = data.draw(st.integers(0, len(good) - 1))
        good[where] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(4, len(good)))
    try:
        read_review_bytes(bytes(good[:cut]), "damaged.pmreview")
    except BadReviewFile as exc:
        assert "\n" not in str(exc)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=mutated_documents())
def test_whatever_the_reader_accepts_the_library_stores_or_refuses_clearly(
    shared_library: Library, doc: dict[str, Any]
) -> None:
    try:
        review = read_review_bytes(json.dumps(doc).encode(), "review.json")
    except BadReviewFile:
        return
    try:
        stored = shared_library.add_review(review.replace(id=f"m-{uuid.uuid4().hex}"))
    except UserError as exc:  # e.g. a title of spaces: the schema allows it, the library not
        assert "\n" not in str(exc)
        return
    assert review_to_json(stored) == review_to_json(review.replace(id=stored.id))


def test_the_schema_checker_really_checks_date_times() -> None:
    """Without rfc3339-validator, jsonschema silently skips "date-time" checks."""
    assert "date-time" in VALIDATOR.format_checker.checkers, "pip install rfc3339-validator"
    assert not VALIDATOR.is_valid(
        {**valid_document(), "review": {"id": "r", "title": "t", "started_at": "soon"}}
    )


def test_size_caps_refuse_huge_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(good_json())
    monkeypatch.setattr(pmreview, "MAX_FILE_BYTES", 1000)
    with pytest.raises(BadReviewFile, match="too large"):
        read_review_file(big)
    monkeypatch.setattr(pmreview, "MAX_FILE_BYTES", 10**9)
    monkeypatch.setattr(pmreview, "MAX_JSON_BYTES", 1000)
    with pytest.raises(BadReviewFile, match="too large"):
        read_review_file(big)


def test_meeting_data_nested_nearly_as_deep_as_json_allows_is_refused_not_a_crash() -> None:
    deep = "[" * 900 + "]" * 900
    raw = good_json()[:-1] + b', "pmdesk": {"meeting": {"x": ' + deep.encode() + b"}}}"
    with pytest.raises(BadReviewFile, match="nested too deeply"):
        read_review_bytes_with_extras(raw, "deep.json")


_any_json = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(
        _any_json,
        st.fixed_dictionaries({}, optional={"meeting": _any_json, "dismissed_findings": _any_json}),
    )
)
def test_whatever_pmdesks_own_part_holds_the_reader_answers_cleanly(own: object) -> None:
    """Read, or a BadReviewFile naming the field; never another exception."""
    raw = json.dumps(valid_document() | {"pmdesk": own}).encode()
    try:
        review, extras = read_review_bytes_with_extras(raw, "x.json")
    except BadReviewFile as exc:
        assert str(exc).startswith("pmdesk")
        return
    assert review.id == "r-queue"
    assert all(clean_text(key) == key for key in extras.dismissed)
