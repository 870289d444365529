"""A library of varied reviews for the pattern tests: paraphrases, look-alikes, follow-ups."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pmdesk.model.review import (
    Action,
    ActionStatus,
    Factor,
    Layer,
    Person,
    Review,
    ReviewKind,
    Stage,
)
from pmdesk.store import Library

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)
TECH = "technology"

LAYERS = (
    Layer("l-test", "Testing and staged rollout", Stage.PREVENT, 0),
    Layer("l-mon", "Monitoring and alerting", Stage.DETECT, 1),
    Layer("l-resp", "Incident response", Stage.RESPOND, 2),
)


def review(
    n: int,
    services: tuple[str, ...],
    factors: list[tuple[str, str, str | None]],
    *,
    days: int,
    kind: ReviewKind = ReviewKind.FULL,
    severity: str = "SEV2",
    detect: int | None = 10,
    mitigate: int | None = 40,
    actions: tuple[Action, ...] = (),
    third_party: frozenset[int] = frozenset(),
) -> Review:
    """Review ``r{n}``, ``days`` after T0, its factors as (layer id, text, category)."""
    start = T0 + timedelta(days=days)
    return Review(
        id=f"r{n}",
        title=f"Incident {n}",
        kind=kind,
        severity=severity,
        services=services,
        timezone="Europe/Berlin",
        started_at=start,
        detected_at=None if detect is None else start + timedelta(minutes=detect),
        mitigated_at=None if mitigate is None else start + timedelta(minutes=mitigate),
        layers=LAYERS,
        people=(Person("p1", "Ada"), Person("p2", "Grace")),
        factors=tuple(
            Factor(f"f{i}", layer, text, category, third_party=i in third_party)
            for i, (layer, text, category) in enumerate(factors)
        ),
        actions=actions,
    )


def varied_reviews() -> list[Review]:
    """Six reviews: a pool-exhaustion pattern said three ways, look-alikes on other systems."""
    return [
        review(
            1,
            ("payments-api",),
            [
                ("l-mon", "The payments-api connection pool was exhausted under peak load", TECH),
                ("l-test", "The configuration change went out without a canary", "process"),
            ],
            days=0,
            actions=(
                Action(
                    "a1",
                    "Alert on pool usage at 80%",
                    owner="p1",
                    status=ActionStatus.DONE,
                    factors=("f0",),
                ),
                Action(
                    "a2",
                    "Add a canary stage for config",
                    owner="p2",
                    due=date(2026, 2, 1),
                    factors=("f1",),
                ),
            ),
        ),
        review(
            2,
            ("payments-api", "ledger"),
            [
                (
                    "l-mon",
                    "Connection pool exhaustion in payments-api during the traffic spike",
                    TECH,
                ),
                ("l-resp", "DNS provider outage made our domain unresolvable", "third_party"),
            ],
            days=30,
            kind=ReviewKind.SHORT,
            detect=25,
            mitigate=None,
            actions=(
                Action(
                    "a1", "Ask the DNS vendor for status alerts", owner="p1", due=date(2026, 3, 1)
                ),
            ),
        ),
        review(
            3,
            ("search-api",),
            [
                ("l-mon", "Connection pool exhausted on search-api", "technology"),
                ("l-test", "Canary stage was skipped for the config change", "process"),
            ],
            days=45,
            severity="SEV1",
        ),
        review(
            4,
            ("payments-api",),
            [
                ("l-mon", "Payments-api ran out of pool connections at the peak", "technology"),
                ("l-resp", "Third-party DNS failure: domain did not resolve", None),
            ],
            days=70,
            third_party=frozenset({1}),
            actions=(
                Action(
                    "a1",
                    "Write the DNS failover runbook",
                    status=ActionStatus.DONE,
                    factors=("f1",),
                ),
            ),
        ),
        review(
            5,
            ("billing",),
            [
                ("l-mon", "Database migration locked the orders table", "technology"),
            ],
            days=80,
        ),
        review(
            6,
            ("billing",),
            [
                ("l-mon", "Database migration locked the invoices table", "technology"),
            ],
            days=95,
        ),
    ]


def fill(library: Library, reviews: list[Review] | None = None) -> list[Review]:
    return [library.add_review(r) for r in reviews or varied_reviews()]


@pytest.fixture
def filled(library: Library) -> Library:
    """The shared ``library`` fixture (SQLite, and PostgreSQL when set) holding the six."""
    fill(library)
    return library


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    """A SQLite library file holding the six reviews, for the command line."""
    path = tmp_path / "patterns-library.pmdesk"
    with Library.open(path) as library:
        fill(library)
    return path
