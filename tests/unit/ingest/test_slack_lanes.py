"""The batch lane for plain Slack messages gives exactly what the one-by-one lane gives.

``_MessageReader.read_day`` renders a whole day file at once for speed; the
general ``read`` is the reference. Hypothesis throws message shapes at both,
weighted towards the plain messages the batch lane takes, with text full of
markup, line breaks, control characters and the lane's own separator.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.ingest.limits import Limits
from pmdesk.ingest.slack import _BETWEEN, _DAY_DECODER, _MessageReader
from pmdesk.ingest.slack_text import EMOJI

USERS = {"U1": "Ana Silva", "U2": "Ben Okafor", "UBOT": "Deploy Bot"}
CHANNELS = {"C1": "inc-checkout", "C2": "weird\n\U0010fffd\nname"}

markup = st.sampled_from(
    ["<@U1>", "<@U9|ghost>", "<#C1>", "<#C2>", "<!here>", "<https://x.example|x>", "&gt;",
     "&amp;lt;", ":fire:", ":nope:", "\n", "\r\n", "\x1b[31m", "\x00", "\ud83d", "  ",
     _BETWEEN, "<", ">", ":", "&", "é", "שלום", "I think it's the pool"]
    + [f":{code}:" for code in list(EMOJI)[:5]]
)  # fmt: skip
texts = st.lists(st.one_of(markup, st.text(max_size=6)), max_size=8).map("".join)
stamps = st.one_of(
    st.from_regex(r"1[0-9]{9}\.[0-9]{6}", fullmatch=True),
    st.from_regex(r"[0-9]{1,11}(\.[0-9]{1,7})?", fullmatch=True),
    st.sampled_from(["", "x", "1e9", " 1.5", "4294967296.000001", "١٧٠٠٠٠٠٠٠٠.5"]),
)
plain = st.fixed_dictionaries(
    {"type": st.just("message"), "user": st.sampled_from(["U1", "U2", "UBOT", "U404"]),
     "ts": stamps, "text": texts},
    optional={"thread_ts": st.one_of(stamps, st.integers(0, 10**10), st.none()),
              "client_msg_id": st.text(max_size=4)},
)  # fmt: skip


@st.composite
def _replies(draw: st.DrawFn) -> dict[str, Any]:
    """A thread's first message carries its own ts as thread_ts; that is not a reply."""
    message = draw(plain)
    message["thread_ts"] = message["ts"] if draw(st.booleans()) else ""
    return message


other = st.fixed_dictionaries(
    {"type": st.just("message"), "ts": stamps},
    optional={
        "subtype": st.sampled_from(["bot_message", "channel_join", "message_changed", "tombstone"]),
        "user": st.sampled_from(["U1", "U404", 7]),
        "text": st.one_of(texts, st.none(), st.integers()),
        "attachments": st.lists(st.fixed_dictionaries({}, optional={"title": texts}), max_size=2),
        "bot_id": st.just("B1"),
        "hidden": st.booleans(),
        "message": st.fixed_dictionaries({"user": st.just("U2"), "text": texts}),
    },
)
days = st.lists(st.one_of(plain, plain, _replies(), other), max_size=12)


def _reader(limit: int) -> _MessageReader:
    return _MessageReader(dict(USERS), {"UBOT"}, dict(CHANNELS), Limits(max_text_chars=limit))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(days, st.sampled_from([40_000, 12]))
def test_the_batch_lane_and_the_reference_lane_agree(day: list[dict[str, Any]], limit: int) -> None:
    data = json.dumps(day).encode()
    batched, reference = _reader(limit), _reader(limit)
    got = batched.read_day(data, "inc-checkout", "day.json")
    expected = reference._read_each(json.loads(data), "inc-checkout", "day.json")
    assert got == expected
    assert batched.people() == reference.people()


def test_plain_messages_do_take_the_batch_lane() -> None:
    """Otherwise the agreement test above would compare the reference with itself."""
    day = [{"type": "message", "user": "U1", "ts": f"17726610{i:02d}.000100", "text": "<@U2> ok"}
           for i in range(3)]  # fmt: skip
    lane = _reader(40_000)._plain_lane(_DAY_DECODER.decode(json.dumps(day).encode()), "inc")
    assert sorted(lane) == [0, 1, 2]
    assert {text for _, _, text in lane.values()} == {"@Ben Okafor ok"}
