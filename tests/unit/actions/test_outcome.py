"""The measurable part of an action's text: a threshold with what it measures, or 'so that'."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.actions.outcome import find_outcome


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Add an alert for replication lag > 30s", "replication lag > 30s"),
        ("Reduce MTTR to under 30 minutes", "MTTR to under 30 minutes"),
        ("Alert if queue depth exceeds 10000 messages", "queue depth exceeds 10000 messages"),
        ("Ensure 3 replicas per zone", "3 replicas per zone"),
        ("Drop error rate below 0.1%", "error rate below 0.1%"),
        ("Raise the pool size from 20 to 50", "pool size from 20 to 50"),
        ("Add a 5 s timeout to payment calls", "5 s timeout"),
        ("Page when 5xx > 1% for 5 min", "5xx > 1% for 5 min"),
        ("Keep p95 under 250ms for 7 days", "p95 under 250ms for 7 days"),
        ("Handle 2x peak traffic", "2x peak traffic"),
        (
            "Add a canary so that a bad config is stopped before it reaches everyone",
            "a bad config is stopped before it reaches everyone",
        ),
        ("Add retries to the payment client", None),
        ("Move the maintenance window to 03:00–05:00 UTC", None),
        ("Upgrade to v2 of the p99 exporter", None),
        ("Improve monitoring", None),
    ],
)
def test_outcome(text: str, outcome: str | None) -> None:
    assert find_outcome(text) == outcome


@given(st.text(max_size=300))
def test_an_outcome_is_always_part_of_the_text(text: str) -> None:
    outcome = find_outcome(text)
    assert outcome is None or (outcome.strip() and outcome in text)
