"""A small library for the Patterns tab: two reviews share a factor, a third does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pmdesk.model.review import Factor, Layer, Review, Stage
from pmdesk.store import Library

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LAYERS = (Layer("l-mon", "Monitoring and alerting", Stage.DETECT, 0),)


def _review(n: int, service: str, text: str, days: int, severity: str) -> Review:
    start = T0 + timedelta(days=days)
    return Review(
        id=f"r{n}",
        title=f"Incident {n} on {service}",
        severity=severity,
        services=(service,),
        timezone="UTC",
        started_at=start,
        detected_at=start + timedelta(minutes=10 + days),
        mitigated_at=start + timedelta(minutes=40 + days),
        layers=LAYERS,
        factors=(Factor("f0", "l-mon", text, "technology"),),
    )


def pool_reviews() -> list[Review]:
    """r1 and r2 (January, February): payments-api's pool ran out; r3: a DNS outage."""
    return [
        _review(1, "payments-api", "The payments-api connection pool was exhausted", 0, "SEV2"),
        _review(2, "payments-api", "Connection pool exhaustion in payments-api", 35, "SEV1"),
        _review(3, "search-api", "DNS provider outage made search unresolvable", 70, "SEV2"),
    ]


@pytest.fixture
def pool_library(tmp_path: Path) -> str:
    """A SQLite library file holding the three reviews."""
    path = tmp_path / "patterns.pmdesk"
    with Library.open(path) as library:
        for review in pool_reviews():
            library.add_review(review)
    return str(path)
