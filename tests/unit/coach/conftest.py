"""A small, well-written review (fictional people) that tests change one part at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pmdesk.model import (
    Action,
    ActionStatus,
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
    Stage,
    WentWell,
)


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 4, hour, minute, tzinfo=UTC)


@pytest.fixture
def review() -> Review:
    return Review(
        id="r1",
        title="Checkout errors after a config push",
        summary="A config push set the payment timeout to 3 s; 4% of checkouts failed for 38 min.",
        narrative=(
            "Alex pushed a config change at 14:02 that lowered the payment client timeout. "
            "Within four minutes the checkout error rate alert fired and paged Sam.\n\n"
            "Sam believed the payment provider was having an outage, because its status page "
            "showed a warning that morning. The team waited for the provider before looking at "
            "our own changes.\n\n"
            "At 14:31 Mei noticed the config diff in the deploy log and rolled it back; errors "
            "stopped by 14:40."
        ),
        impact=Impact(
            description="4% of checkouts failed between 14:02 and 14:40.",
            metrics=(Metric("failed checkouts", 1240, "requests"),),
        ),
        services=("checkout", "payments-gateway"),
        people=(
            Person("p1", "Alex Rivera", "engineer"),
            Person("p2", "Sam Okafor", "on-call"),
            Person("p3", "Mei Tanaka", "engineer"),
        ),
        events=(
            Event("e1", at(14, 2), EventKind.CHANGE, "Config push lowers timeout", actor="p1"),
            Event(
                "e2",
                at(14, 6),
                EventKind.ALERT,
                "Checkout error-rate alert pages Sam",
                knew="Errors at 4%; provider status page showed a warning.",
            ),
            Event("e3", at(14, 31), EventKind.MITIGATION, "Mei rolls back the config", actor="p3"),
        ),
        layers=(
            Layer("l1", "Config review", Stage.PREVENT),
            Layer("l2", "Alerting", Stage.DETECT),
            Layer("l3", "Diagnosis", Stage.RESPOND),
        ),
        factors=(
            Factor("f1", "l1", "Timeout changes are not flagged for review by the config tool."),
            Factor(
                "f2",
                "l3",
                "We trusted the provider's status page over our own deploy log.",
                category="third_party",
                third_party=True,
            ),
        ),
        actions=(
            Action(
                "a1",
                "Flag timeout changes for a second reviewer in the config tool.",
                owner="p1",
                outcome="A test push of a timeout change is blocked without approval.",
                due=date(2026, 4, 1),
                factors=("f1",),
            ),
            Action(
                "a2",
                "Show the last 5 config changes on the checkout alert page.",
                owner="p3",
                outcome="The alert page lists recent changes within 1 minute of a push.",
                due=date(2026, 4, 15),
                status=ActionStatus.IN_PROGRESS,
                factors=("f2",),
            ),
        ),
        went_well=(WentWell("w1", "The error-rate alert paged within four minutes."),),
        notes=(Note("n1", NoteKind.LUCKY, "The push happened outside the evening peak."),),
    )
