"""The checks that keep drafts to what happened, and their behaviour on hostile text."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmdesk.draft import ModelFailed, invented, why_or_action
from pmdesk.draft.answer import parse_answer
from pmdesk.model import Review


@pytest.mark.parametrize(
    "sentence",
    [
        "The root cause was a missing index.",
        "Errors rose because the pool was exhausted.",
        "This was due to the new config.",
        "The outage was caused by a bad deploy.",
        "Several factors contributed to the delay.",
        "We will add an alert on pool usage.",
        "The team should have rolled back sooner.",
        "Going forward, deploys need to be canaried.",
        "Action item: add a runbook.",
    ],
)
def test_why_and_action_sentences_are_recognised(sentence: str) -> None:
    assert why_or_action(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Priya rolled back payments-api to v2.2.",
        "Four minutes later, two alerts fired: Checkout 5xx rate above 5%.",
        "At that point the team believed: the processor was having its usual blips.",
        "The impact was mitigated at 14:46, 46 minutes after the incident began.",
    ],
)
def test_story_sentences_pass(sentence: str) -> None:
    assert why_or_action(sentence) is None


def test_invented_times_and_names_are_named(incident: Review) -> None:
    assert invented("At 14:31 Priya rolled back payments-api.", incident) == []
    assert invented("At 2:31 pm Priya rolled back.", incident) == []
    assert invented("At 14:32 Priya rolled back.", incident) == [
        "14:32 is not a time in this review"
    ]
    assert invented("Then Morgan and Priya's team rolled back.", incident) == [
        "'Morgan' is not a name in this review"
    ]
    # Times are checked in the review's zone: 13:31 is the rollback in UTC, not in Berlin.
    assert invented("At 13:31 Priya rolled back.", incident) == [
        "13:31 is not a time in this review"
    ]


def test_durations_must_be_gaps_between_moments_of_the_review(incident: Review) -> None:
    assert invented("Seven minutes later Priya restarted the workers.", incident) == []
    assert invented("It was mitigated 46 minutes after it began.", incident) == []
    assert invented("It was resolved 1 hour and 45 minutes after it began.", incident) == []
    assert invented("It was resolved 2 hours 30 minutes after it began.", incident) == [
        "'2 hours 30 minutes' is not a duration between two moments of this review"
    ]
    # The clock's short form is read as a whole, not as its last part ("45 min").
    assert invented("Resolved after 1 h 45 min.", incident) == []
    assert invented("Resolved after 2 h 45 min.", incident) == [
        "'2 h 45 min' is not a duration between two moments of this review"
    ]
    assert invented("Morgan and the team rolled back.", incident) == [
        "'Morgan' is not a name in this review"
    ]
    # A duration the team wrote down itself is the review's own words.
    last = dataclasses.replace(incident.events[-1], knew="Replays take about 3 hours.")
    stated = incident.replace(events=(*incident.events[:-1], last))
    assert invented("Lena expected the replays to take 3 hours.", stated) == []
    assert invented("Lena expected the replays to take 3 hours.", incident) != []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_checks_take_any_text(text: str) -> None:
    assert why_or_action(text) is None or isinstance(why_or_action(text), str)
    assert all(isinstance(problem, str) for problem in invented(text, Review(id="r", title="t")))


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["paragraphs", "phase", "sentences", "text", "events"]),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


# The review is frozen, so sharing the fixture across examples is safe.
@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.one_of(st.text(max_size=200), _JSONISH.map(json.dumps)))
def test_any_answer_is_a_draft_or_a_plain_refusal(incident: Review, content: str) -> None:
    try:
        draft = parse_answer(content, incident)
    except ModelFailed as exc:
        assert str(exc).startswith("the model")
    else:
        assert draft.by_model and all(s.event_ids for s in draft.sentences)
