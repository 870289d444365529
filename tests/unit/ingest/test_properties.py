"""No input crashes an importer: anything it cannot read becomes BadImport."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.errors import BadImport
from pmdesk.ingest import load_source, propose_key_moments
from pmdesk.ingest.csv_timeline import load_csv
from pmdesk.ingest.pagerduty import load_pagerduty
from pmdesk.ingest.transcript import load_transcript
from pmdesk.text import clean_text

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
message_like = st.fixed_dictionaries(
    {},
    optional={
        "type": st.just("message"),
        "ts": st.one_of(
            st.text(max_size=20), st.from_regex(r"\d{10}\.\d{6}", fullmatch=True), st.integers()
        ),
        "user": st.one_of(st.text(max_size=5), st.integers(), st.none()),
        "text": st.one_of(st.text(), st.integers(), st.none()),
        "subtype": st.one_of(
            st.sampled_from(["bot_message", "message_changed", "file_share"]), st.text(max_size=5)
        ),
        "attachments": json_values,
        "files": json_values,
        "message": json_values,
        "thread_ts": json_values,
        "bot_id": json_values,
    },
)


def _check(call: object) -> None:
    try:
        result = call()  # type: ignore[operator]
    except BadImport as exc:
        assert str(exc)
        return
    for message in result.messages:
        assert message.at.tzinfo is not None
        assert clean_text(message.text) == message.text
    propose_key_moments(result)


@FAST
@given(st.lists(st.one_of(message_like, json_values), max_size=6), json_values)
def test_slack_day_files_never_crash(messages: list[object], users: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "inc").mkdir()
        (root / "users.json").write_text(json.dumps(users))
        (root / "channels.json").write_text('[{"id": "C1", "name": "inc"}]')
        (root / "inc" / "2026-03-04.json").write_text(json.dumps(messages))
        _check(lambda: load_source(root))


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_as_a_day_file_never_crash(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "inc").mkdir()
        (root / "channels.json").write_text('[{"id": "C1", "name": "inc"}]')
        (root / "inc" / "2026-03-04.json").write_bytes(data)
        _check(lambda: load_source(root))


lines = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda h, m, n, t: f"[{h}:{m:02d}] {n}: {t}",
            st.integers(0, 30),
            st.integers(0, 70),
            st.text(max_size=10),
            st.text(max_size=20),
        ),
        st.builds(
            lambda d, t: f"{d} 10:00 ana: {t}",
            st.text("0123456789-/", max_size=10),
            st.text(max_size=10),
        ),
    ),
    max_size=8,
)


@FAST
@given(lines, st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Chatham", "nowhere"]))
def test_transcripts_never_crash(text_lines: list[str], tz: str) -> None:
    text = "\n".join(text_lines)
    _check(lambda: load_transcript(text, tz=tz, default_date=date(2026, 3, 29)))


@FAST
@given(st.one_of(st.binary(max_size=300), json_values.map(lambda v: json.dumps(v).encode())))
def test_pagerduty_never_crashes(data: bytes) -> None:
    _check(lambda: load_pagerduty(data))


@FAST
@given(
    st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=4), max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_csv_never_crashes(rows: list[list[str]], sep: str, encoding: str) -> None:
    body = "\n".join(sep.join(row) for row in [["time", "who", "text"], *rows])
    data = body.encode(encoding, errors="replace")
    _check(lambda: load_csv(data, default_date=date(2026, 3, 4)))
