"""A review with fictional people and a few actions, meeting on Wednesday 25 November 2026."""

from __future__ import annotations

from datetime import date

import pytest

from pmdesk.model.review import Action, ActionStatus, Factor, Layer, Person, Review

MEETING = date(2026, 11, 25)
SPRINT_END = date(2026, 12, 4)

PEOPLE = (
    Person("p-alex", "Alex Kim", role="SRE"),
    Person("p-sam", "Sam Rivera", role="Payments engineer"),
    Person("p-priya", "Priya Nair"),
    Person("p-jo", "Jo Okafor"),
    Person("p-mei", "Mei-Ling Chen"),
)


@pytest.fixture
def people() -> tuple[Person, ...]:
    return PEOPLE


@pytest.fixture
def review() -> Review:
    return Review(
        id="rev-7f3a",
        title="Checkout errors after a config push",
        severity="SEV2",
        people=PEOPLE,
        layers=(Layer("l1", "Config review"),),
        factors=(Factor("f1", "l1", "The timeout change was not flagged in review"),),
        actions=(
            Action(
                "a1",
                "Add an alert for replication lag > 30s",
                owner="p-alex",
                outcome="replication lag > 30s pages on-call",
                due=date(2026, 12, 15),
                factors=("f1",),
            ),
            Action(
                "a2",
                "Add a pre-deploy check that rejects payment timeouts under 5 s",
                owner="p-sam",
                due=date(2026, 12, 4),
                status=ActionStatus.IN_PROGRESS,
            ),
            Action("a3", "Write the failover runbook", status=ActionStatus.DONE),
        ),
    )
