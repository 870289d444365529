"""A realistic review for the drafter's tests: fictional people, no one blamed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pmdesk.model import (
    Action,
    Event,
    EventKind,
    Factor,
    Layer,
    Person,
    Review,
    Source,
    SourceType,
    Stage,
)


def _at(hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(2024, 3, 5, hour, minute, second, tzinfo=UTC)


def _slack(ts: str) -> Source:
    return Source(SourceType.SLACK, f"C024BE91L/{ts}")


@pytest.fixture
def incident() -> Review:
    """Checkout errors after a payments release; times in UTC, shown in Europe/Berlin."""
    people = (
        Person("p-priya", "Priya Raman", role="on-call engineer", team="payments"),
        Person("p-sam", "Sam Okafor", role="incident commander"),
        Person("p-lena", "Lena Vogt", role="support lead"),
    )
    events = (
        Event(
            "e01",
            _at(12, 58),
            EventKind.CHANGE,
            "Deployed payments-api v2.3 to all regions",
            actor="p-priya",
            source=Source(SourceType.MANUAL),
        ),
        Event(
            "e02",
            _at(13, 4, 30),
            EventKind.ALERT,
            "Checkout 5xx rate above 5%",
            source=Source(SourceType.PAGERDUTY, "PD-Q1W2E3"),
        ),
        Event(
            "e03",
            _at(13, 5),
            EventKind.ALERT,
            "Payment latency p99 above 2 s",
            source=Source(SourceType.PAGERDUTY, "PD-Q1W2E4"),
        ),
        Event(
            "e04",
            _at(13, 9),
            EventKind.DETECTION,
            "Paged on-call for checkout errors",
            actor="p-priya",
            knew="Errors looked like the card processor's usual blips.",
            source=_slack("1709643540.000100"),
            key=True,
        ),
        Event(
            "e05",
            _at(13, 14),
            EventKind.INVESTIGATION,
            "Checked the card processor status page",
            actor="p-priya",
            knew="The processor reported no incident; errors kept rising.",
            source=_slack("1709643840.000200"),
        ),
        Event(
            "e06",
            _at(13, 18),
            EventKind.ESCALATION,
            "Opened an incident channel",
            actor="p-sam",
            source=_slack("1709644080.000300"),
        ),
        Event(
            "e07",
            _at(13, 21),
            EventKind.HYPOTHESIS,
            "Suspected the new connection pool settings in v2.3",
            actor="p-priya",
            knew="Error spikes lined up with the v2.3 rollout in each region.",
            source=_slack("1709644260.000400"),
        ),
        Event(
            "e08",
            _at(13, 24),
            EventKind.COMMUNICATION,
            "Status page: checkout degraded",
            actor="p-lena",
            source=_slack("1709644440.000500"),
        ),
        Event(
            "e09",
            _at(13, 31),
            EventKind.MITIGATION,
            "Rolled back payments-api to v2.2",
            actor="p-priya",
            source=_slack("1709644860.000600"),
            key=True,
        ),
        Event(
            "e10",
            _at(13, 38),
            EventKind.MITIGATION,
            "Restarted the checkout workers",
            actor="p-priya",
            source=_slack("1709645280.000700"),
        ),
        Event(
            "e11",
            _at(13, 46),
            EventKind.INVESTIGATION,
            "Error rate back under 0.1%",
            actor="p-sam",
            knew="Checkout was healthy again in every region.",
            source=_slack("1709645760.000800"),
        ),
        Event(
            "e12",
            _at(14, 30),
            EventKind.RESOLUTION,
            "Replayed the 212 failed payments",
            actor="p-lena",
            source=_slack("1709648400.000900"),
        ),
        Event(
            "e13",
            _at(14, 50),
            EventKind.COMMUNICATION,
            "Status page: resolved",
            actor="p-lena",
            source=_slack("1709649600.001000"),
        ),
    )
    return Review(
        id="r-checkout",
        title="Checkout errors after payments-api v2.3",
        severity="SEV2",
        summary="Checkout failed for about 40 minutes.",
        timezone="Europe/Berlin",
        services=("payments-api", "checkout"),
        started_at=_at(13, 0),
        detected_at=_at(13, 9),
        mitigated_at=_at(13, 46),
        resolved_at=_at(14, 45),
        people=people,
        events=events,
        layers=(Layer("l1", "Release checks", Stage.PREVENT),),
        factors=(
            Factor("f1", "l1", "Canary stage skipped pool-size regressions", events=("e01",)),
        ),
        actions=(Action("a1", "Add a pool-exhaustion canary check", owner="p-priya"),),
    )
