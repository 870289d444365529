"""Quick capture: the prefix picks the kind, the rest is read as people type it."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.errors import BadInput
from pmdesk.meeting.capture import CaptureKind, parse_capture
from pmdesk.meeting.followup import related_open_actions
from pmdesk.model import Action, ActionStatus, Event, EventKind, Factor, Note, NoteKind, Person
from pmdesk.model.review import WentWell
from pmdesk.store.sample import sample_review

REVIEW = sample_review()
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)


def capture(line: str):  # type: ignore[no-untyped-def]
    return parse_capture(line, REVIEW, today=TODAY, now=NOW)


def test_event_with_a_time_in_the_review_zone() -> None:
    result = capture("e 14:32 rollback started")
    event = result.item
    assert isinstance(event, Event)
    assert event.title == "rollback started"
    assert event.kind is EventKind.MITIGATION
    # Europe/Berlin in October is UTC+2, on the day the incident started
    assert event.at == datetime(2026, 10, 14, 12, 32, tzinfo=UTC)
    assert "14:32" in result.understood


def test_event_without_a_time_goes_after_the_last_event() -> None:
    event = capture("e paged the database team").item
    assert isinstance(event, Event)
    assert event.at > max(e.at for e in REVIEW.events)
    assert event.kind is EventKind.ALERT


def test_factor_goes_to_the_layer_named_before_the_colon() -> None:
    result = capture("f monitoring: no alert on lag")
    factor = result.item
    assert isinstance(factor, Factor)
    assert REVIEW.layer(factor.layer).name == "Monitoring and alerting"  # type: ignore[union-attr]
    assert factor.text == "no alert on lag"
    assert "Monitoring and alerting" in result.understood


def test_factor_with_a_word_inside_the_layer_name() -> None:
    factor = capture("F rollback: no tested rollback for the schema").item
    assert REVIEW.layer(factor.layer).name == "Recovery and rollback"  # type: ignore[union-attr]


def test_factor_with_no_known_layer_lands_in_detection_and_keeps_its_words() -> None:
    result = capture("f db: replica lag 40 s")
    factor = result.item
    assert isinstance(factor, Factor)
    assert REVIEW.layer(factor.layer).stage == "detect"  # type: ignore[union-attr]
    assert factor.text == "db: replica lag 40 s"
    assert "move it" in result.understood


@pytest.mark.parametrize(
    ("line", "kind", "note"),
    [
        ("w fast escalation", CaptureKind.WENT_WELL, None),
        ("? why was the canary skipped", CaptureKind.QUESTION, NoteKind.QUESTION),
        ("?why was the canary skipped", CaptureKind.QUESTION, NoteKind.QUESTION),
        ("p retention of audit logs", CaptureKind.PARKING, NoteKind.PARKING),
        ("l the failover happened at night", CaptureKind.LUCKY, NoteKind.LUCKY),
    ],
)
def test_text_kinds(line: str, kind: CaptureKind, note: NoteKind | None) -> None:
    result = capture(line)
    assert result.kind is kind
    if note is None:
        assert isinstance(result.item, WentWell)
    else:
        assert isinstance(result.item, Note) and result.item.kind is note
    assert result.item.text == line[1:].strip()  # type: ignore[union-attr]


def test_action_for_a_known_person() -> None:
    result = capture("a Priya: add a lag alert by Friday")
    action = result.item
    assert isinstance(action, Action)
    assert len(result.items) == 1
    assert action.owner == "p-priya"
    assert action.due == date(2026, 11, 27)
    assert action.status is ActionStatus.OPEN


def test_action_for_a_new_person_adds_them_first() -> None:
    result = capture("a Alex: add lag alert by Friday")
    person, action = result.items
    assert isinstance(person, Person) and person.name == "Alex"
    assert isinstance(action, Action) and action.owner == person.id


@pytest.mark.parametrize("line", ["", "x something", "rollback started", "e ", "?", "a  "])
def test_lines_without_a_prefix_or_text_are_refused_with_a_hint(line: str) -> None:
    with pytest.raises(BadInput):
        capture(line)


@given(st.text(max_size=300))
def test_any_text_is_captured_or_refused_plainly(line: str) -> None:
    try:
        result = capture(line)
    except BadInput as exc:
        assert str(exc)
        return
    assert result.items
    assert result.understood


def test_followup_lists_open_actions_of_reviews_sharing_a_service() -> None:
    other = REVIEW.replace(
        id="older",
        title="Earlier checkout slowness",
        services=("Checkout-API", "search"),
        actions=(
            Action("a1", "Add a retry budget", status=ActionStatus.IN_PROGRESS),
            Action("a2", "Done already", status=ActionStatus.DONE),
        ),
    )
    unrelated = other.replace(id="elsewhere", services=("search",), factors=())
    found = related_open_actions(REVIEW, [REVIEW, other, unrelated])
    assert [(f.review_id, f.action.id, f.services) for f in found] == [
        ("older", "a1", ("Checkout-API",))
    ]


def test_meeting_core_imports_no_qt() -> None:
    code = (
        "import sys, pmdesk.meeting;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pmdesk.ui'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


NOTICES_AGAIN = (
    "Maintenance notices from the provider land in a shared mailbox nobody on the rota watches"
)


def test_followup_lists_open_actions_of_reviews_with_a_factor_like_this_ones() -> None:
    """Another service, but the same gap in other words: the room should see its actions."""
    earlier = REVIEW.replace(
        id="earlier",
        title="Search errors after a cache failover",
        services=("search-api",),
        factors=(
            Factor("g1", "l-change", NOTICES_AGAIN),
            Factor("g2", "l-design", "search-api logs every request twice"),
        ),
        actions=(
            Action("b1", "Route provider notices to the on-call rota", factors=("g1",)),
            Action("b2", "Log each request once", factors=("g2",)),
        ),
    )
    found = related_open_actions(REVIEW, [earlier])
    assert [f.action.id for f in found] == ["b1"]
    assert found[0].services == ()
    assert found[0].why.startswith("a factor like “Provider maintenance notices")
