"""Fictional sample reviews for figure previews, benchmarks and tests.

Every person and company here is invented. The incidents are written the
blameless way: people appear as context for what the team knew, never as a cause.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from pmdesk.model import (
    Event,
    EventKind,
    Factor,
    Layer,
    Person,
    Review,
    Stage,
)

_PEOPLE = (
    Person("p-amara", "Amara Okafor", role="Incident commander", team="SRE"),
    Person("p-jonas", "Jonas Lindqvist", role="On-call engineer", team="Platform"),
    Person("p-priya", "Priya Raman", role="Payments engineer", team="Payments"),
    Person("p-mateo", "Mateo Duarte", role="Communications", team="Support"),
)

K = EventKind


def checkout_incident() -> Review:
    """A realistic ~25-event incident: a cache setting change slows checkout for 2 hours."""
    t0 = datetime(2026, 3, 10, 13, 2, tzinfo=UTC)

    def at(minutes: float) -> datetime:
        return t0 + timedelta(minutes=minutes)

    rows: list[tuple[float, EventKind, str, str | None, bool, str | None]] = [
        (0, K.CHANGE, "Cache TTL lowered from 300 s to 5 s in checkout-config", "p-jonas", True,
         "The change looked like a routine tuning of a staging value."),
        (4, K.NOTE, "Cache hit ratio on checkout-api falls from 96% to 31%", None, False, None),
        (9, K.ALERT, "p95 latency alert: checkout-api above 2 s for 5 min", None, True, None),
        (11, K.ESCALATION, "On-call engineer paged by the latency alert", "p-jonas", False, None),
        (14, K.DETECTION, "Checkout slowness confirmed on the status dashboard", "p-jonas", True,
         "We believed the payment provider was slow, as it had been last week."),
        (17, K.HYPOTHESIS, "Payment provider degraded?", "p-jonas", False, None),
        (19, K.INVESTIGATION, "Provider status page shows all green", "p-priya", False, None),
        (22, K.ESCALATION, "Incident declared SEV2; commander joins", "p-amara", True, None),
        (24, K.COMMUNICATION, "Status page: checkout slower than usual", "p-mateo", False, None),
        (27, K.INVESTIGATION, "Database CPU at 88% on the orders primary", "p-priya", False, None),
        (31, K.HYPOTHESIS, "Orders table bloat after last night's batch job?", "p-priya", False,
         None),
        (36, K.INVESTIGATION, "Batch job finished normally at 02:10", "p-jonas", False, None),
        (41, K.INVESTIGATION, "Query rate on the orders primary is 6x normal", "p-priya", True,
         "Now we knew the database saw far more reads than usual."),
        (44, K.HYPOTHESIS, "Something bypasses the checkout cache", "p-amara", False, None),
        (49, K.INVESTIGATION, "Recent changes listed: 3 deploys, 1 config change", "p-jonas", False,
         None),
        (52, K.INVESTIGATION, "Config change to cache TTL found in the audit log", "p-jonas", True,
         None),
        (55, K.COMMUNICATION, "Support told: expect slow checkout for ~30 min", "p-mateo", False,
         None),
        (58, K.MITIGATION, "Cache TTL restored to 300 s", "p-jonas", True, None),
        (62, K.NOTE, "Hit ratio climbing: 74%", None, False, None),
        (67, K.MITIGATION, "p95 latency back under 400 ms", None, True, None),
        (70, K.COMMUNICATION, "Status page: checkout recovered, monitoring", "p-mateo", False,
         None),
        (85, K.INVESTIGATION, "Orders primary CPU back to 35%", "p-priya", False, None),
        (104, K.NOTE, "Failed checkouts retried by customers: 1,240 orders recovered", None,
         False, None),
        (118, K.RESOLUTION, "Incident resolved; review scheduled", "p-amara", True, None),
        (121, K.COMMUNICATION, "Status page: resolved", "p-mateo", False, None),
    ]  # fmt: skip
    events = tuple(
        Event(
            id=f"e{n:02d}",
            at=at(minutes),
            kind=kind,
            title=title,
            actor=actor,
            key=key,
            knew=knew,
        )
        for n, (minutes, kind, title, actor, key, knew) in enumerate(rows)
    )
    layers = (
        Layer("l-review", "Change review", Stage.PREVENT),
        Layer("l-canary", "Staged config rollout", Stage.PREVENT),
        Layer("l-alert", "Latency alerting", Stage.DETECT),
        Layer("l-runbook", "Runbooks and dashboards", Stage.RESPOND),
        Layer("l-rollback", "Config rollback", Stage.RECOVER),
    )
    factors = (
        Factor("f1", "l-review", "Config changes to checkout need no second reviewer",
               category="process", on_trajectory=True),
        Factor("f2", "l-canary", "Config is pushed to every region at once; no canary step",
               category="technology", on_trajectory=True),
        Factor("f3", "l-canary", "Staging and production share one config file with "
               "per-environment keys", category="technology"),
        Factor("f4", "l-alert", "The latency alert fired 9 minutes after the change; cache hit "
               "ratio has no alert", category="technology", on_trajectory=True),
        Factor("f5", "l-runbook", "The dashboard shows deploys but not config changes",
               category="technology", on_trajectory=True),
        Factor("f6", "l-runbook", "Recent provider outage primed the first hypothesis",
               category="environment"),
        Factor("f7", "l-runbook", "Payment provider status page lags real incidents",
               category="third_party", third_party=True),
        Factor("f8", "l-rollback", "Config rollback is a manual edit; no one-click revert",
               category="process", on_trajectory=True),
    )  # fmt: skip
    return Review(
        id="sample-checkout",
        title="Checkout slowed after a cache setting change",
        severity="SEV2",
        timezone="Europe/Berlin",
        started_at=at(0),
        detected_at=at(14),
        mitigated_at=at(67),
        resolved_at=at(118),
        people=_PEOPLE,
        events=events,
        layers=layers,
        factors=factors,
    )


def two_day_incident() -> Review:
    """A slow two-day incident with one busy hour, to exercise gap compression."""
    t0 = datetime(2026, 5, 4, 7, 40, tzinfo=UTC)
    rng = random.Random(7)
    events: list[Event] = []

    def add(at: datetime, kind: EventKind, title: str, key: bool = False) -> None:
        """Add an event with a random responder; the seeded rng keeps the sample stable."""
        actor = rng.choice(_PEOPLE).id
        events.append(Event(f"e{len(events):03d}", at, kind, title, actor=actor, key=key))

    add(t0, K.CHANGE, "Reporting replica moved to new storage class", key=True)
    add(t0 + timedelta(hours=3), K.NOTE, "Replication lag 40 s, within normal range")
    add(t0 + timedelta(hours=9, minutes=20), K.ALERT, "Replication lag above 10 min", key=True)
    add(t0 + timedelta(hours=9, minutes=31), K.NOTE, "Alert acknowledged; lag expected to clear")
    busy = t0 + timedelta(hours=26)
    titles = [
        (K.DETECTION, "Finance reports show yesterday's numbers missing"),
        (K.ESCALATION, "Data platform on-call paged"),
        (K.INVESTIGATION, "Replica 3 h behind primary"),
        (K.HYPOTHESIS, "Long-running report query blocks replay?"),
        (K.INVESTIGATION, "No blocking queries found"),
        (K.INVESTIGATION, "Disk write latency on replica at 40 ms"),
        (K.HYPOTHESIS, "New storage class has lower IOPS"),
        (K.INVESTIGATION, "Storage class provisioned at 3,000 IOPS, old one had 16,000"),
        (K.COMMUNICATION, "Finance told: reports delayed, next update in 30 min"),
        (K.CHANGE, "Replica storage IOPS raised to 16,000"),
        (K.NOTE, "Lag falling: 2 h 40 min"),
        (K.MITIGATION, "Report jobs pointed at the primary temporarily"),
        (K.COMMUNICATION, "Finance: today's reports available from primary"),
        (K.NOTE, "Lag falling: 1 h 55 min"),
        (K.INVESTIGATION, "Storage class change had no performance review"),
        (K.NOTE, "Lag falling: 58 min"),
        (K.NOTE, "Lag falling: 12 min"),
        (K.MITIGATION, "Replica caught up", ),
        (K.CHANGE, "Report jobs back on the replica"),
        (K.COMMUNICATION, "Finance: all reports current"),
    ]  # fmt: skip
    minute = 0.0
    for kind, title in titles:
        add(busy + timedelta(minutes=minute), kind, title, key=kind is K.MITIGATION)
        minute += rng.uniform(1.5, 4.5)
    add(busy + timedelta(hours=7), K.NOTE, "Lag stable under 30 s for 6 h")
    add(t0 + timedelta(hours=47, minutes=10), K.RESOLUTION, "Incident resolved", key=True)
    return Review(
        id="sample-replica",
        title="Reporting replica fell a day behind",
        severity="SEV3",
        timezone="America/New_York",
        started_at=t0,
        detected_at=busy,
        mitigated_at=busy + timedelta(minutes=minute - 4),
        resolved_at=t0 + timedelta(hours=47, minutes=10),
        people=_PEOPLE,
        events=tuple(events),
    )


_FACTOR_TEXTS = (
    "No alert on {thing}",
    "{thing} changed without a second reviewer",
    "Runbook for {thing} last updated two years ago",
    "Dashboards hide {thing} behind three clicks",
    "Only one team knows how {thing} behaves under load, and that knowledge is not written "
    "down anywhere the on-call engineer could find it at night",
    "{thing} retries forever",
    "Vendor SLA for {thing} excludes maintenance windows",
    "Capacity test for {thing} skipped this quarter",
)
_THINGS = ("the queue", "DNS", "the cache", "certificates", "the scheduler", "disk space")


def big_board(layers: int = 8, factors_per_layer: int = 25, seed: int = 3) -> Review:
    """A crowded board (8 layers × 25 factors by default) for layout tests and previews."""
    rng = random.Random(seed)
    stages = list(Stage)
    layer_list = tuple(
        Layer(f"l{n}", f"Defence layer {n + 1}", stages[n * len(stages) // layers])
        for n in range(layers)
    )
    factor_list: list[Factor] = []
    for layer in layer_list:
        on_path = rng.randrange(factors_per_layer)
        for n in range(factors_per_layer):
            text = rng.choice(_FACTOR_TEXTS).format(thing=rng.choice(_THINGS))
            factor_list.append(
                Factor(
                    f"{layer.id}-f{n}",
                    layer.id,
                    text,
                    third_party=rng.random() < 0.1,
                    on_trajectory=n == on_path,
                )
            )
    return Review(
        id="sample-board",
        title="A crowded board",
        layers=layer_list,
        factors=tuple(factor_list),
    )


def many_events(count: int, seed: int = 11) -> Review:
    """``count`` events over six hours, for benchmarks."""
    rng = random.Random(seed)
    t0 = datetime(2026, 1, 20, 9, 0, tzinfo=UTC)
    kinds = list(EventKind)
    events = tuple(
        Event(
            f"e{n}",
            t0 + timedelta(seconds=rng.uniform(0, 6 * 3600)),
            rng.choice(kinds),
            f"Event {n}: {rng.choice(_THINGS)} {rng.choice(('slow', 'failing', 'recovered'))}",
            key=rng.random() < 0.02,
        )
        for n in range(count)
    )
    return Review(
        id=f"sample-{count}",
        title=f"{count:,} events",
        timezone="UTC",
        started_at=t0,
        detected_at=t0 + timedelta(hours=1),
        mitigated_at=t0 + timedelta(hours=4),
        resolved_at=t0 + timedelta(hours=6),
        events=events,
    )
