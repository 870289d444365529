"""Two realistic reviews beside the shipped sample, fictional people, no blame.

``long_outage`` is an 18-hour outage whose factor that explains most sits late on the
board (recovery), with long names, tracker keys and actions owned by other teams and a
provider; ``small_fix`` is a short, published review whose actions all stay in one team.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pmdesk.model.review import (
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
    ReviewStatus,
    Stage,
    WentWell,
)

START = datetime(2026, 9, 2, 6, 10, tzinfo=UTC)


def _at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def long_outage() -> Review:
    """A draft review of an 18-hour outage of a configuration rollout, many moments and factors."""
    people = (
        Person("p1", "team-member-1", "Incident commander", "Release engineering"),
        Person("p2", "team-member-2", "On-call engineer", "Release engineering"),
        Person("p3", "Alexandra Montgomery-Okonkwo", "Communications lead", "Customer support"),
        Person("p4", "team-member-4", "Network engineer", "Networking"),
        Person("p5", "Bartholomew Featherstonehaugh", "Engineering manager", "Release engineering"),
        Person("p6", "cdn-account-team", "Provider contact", "FastEdge CDN (provider)"),
    )
    layers = (
        Layer("l-review", "Change review", Stage.PREVENT, 0),
        Layer("l-canary", "Canary and rollout rings", Stage.PREVENT, 1),
        Layer("l-alert", "Monitoring and alerting", Stage.DETECT, 2),
        Layer("l-comms", "Communication", Stage.RESPOND, 3),
        Layer("l-diag", "Diagnosis", Stage.RESPOND, 4),
        Layer("l-rollback", "Rollback and recovery", Stage.RECOVER, 5),
    )
    factors = (
        Factor(
            "f1",
            "l-review",
            "The configuration change was reviewed as a one-line edit, "
            "so nobody asked which regions would read it",
            "process",
            on_trajectory=True,
            events=("e01",),
        ),
        Factor(
            "f2",
            "l-review",
            "Configuration changes skip the staging soak that code changes get",
            "process",
            on_trajectory=True,
            events=("e01",),
        ),
        Factor(
            "f3",
            "l-canary",
            "Customer-chosen rollout rings put the largest customers in "
            "the first ring, so the canary was the riskiest place",
            "process",
            on_trajectory=True,
            events=("e02", "e03"),
        ),
        Factor(
            "f4",
            "l-canary",
            "The canary health check looked at process liveness, not at request success",
            "technology",
            on_trajectory=True,
            events=("e03",),
        ),
        Factor(
            "f5",
            "l-alert",
            "The error-rate alert averaged over all regions, which hid a "
            "regional failure for 40 minutes",
            "technology",
            on_trajectory=True,
            events=("e04",),
        ),
        Factor(
            "f6",
            "l-comms",
            "Status updates waited for a confirmed cause",
            "process",
            events=("e08",),
        ),
        Factor(
            "f7",
            "l-diag",
            "The configuration service's logs were only kept for one hour at debug level",
            "technology",
            events=("e06",),
        ),
        Factor(
            "f8",
            "l-rollback",
            "Rolling back configuration needed the same pipeline that "
            "the bad configuration had broken, so every rollback attempt failed for 16 hours "
            "until the team rebuilt the pipeline by hand from its last known state",
            "technology",
            on_trajectory=True,
            events=("e07", "e09", "e10", "e11", "e12"),
        ),
        Factor(
            "f9",
            "l-rollback",
            "The CDN provider's cache kept the broken configuration for 6 hours after the fix",
            "third_party",
            third_party=True,
            on_trajectory=True,
            events=("e13",),
        ),
    )
    events = (
        Event("e01", _at(0), EventKind.CHANGE, "Configuration change merged", actor="p2", key=True),
        Event("e02", _at(4), EventKind.CHANGE, "Ring 0 receives the new configuration", key=True),
        Event("e03", _at(9), EventKind.ALERT, "Canary reports healthy", key=False),
        Event("e04", _at(49), EventKind.ALERT, "Regional error-rate alert fires", key=True),
        Event(
            "e05",
            _at(55),
            EventKind.ESCALATION,
            "Incident declared, commander joins",
            actor="p1",
            key=True,
        ),
        Event(
            "e06",
            _at(80),
            EventKind.INVESTIGATION,
            "Configuration service logs are gone",
            actor="p4",
        ),
        Event(
            "e07",
            _at(95),
            EventKind.MITIGATION,
            "First rollback attempt fails",
            actor="p2",
            key=True,
        ),
        Event(
            "e08",
            _at(140),
            EventKind.COMMUNICATION,
            "First status-page update",
            actor="p3",
            key=True,
        ),
        Event("e09", _at(300), EventKind.MITIGATION, "Second rollback attempt fails", actor="p2"),
        Event(
            "e10",
            _at(600),
            EventKind.INVESTIGATION,
            "Pipeline found to read the broken configuration itself",
            actor="p4",
            key=True,
        ),
        Event(
            "e11", _at(960), EventKind.MITIGATION, "Pipeline rebuilt by hand", actor="p1", key=True
        ),
        Event(
            "e12",
            _at(1000),
            EventKind.MITIGATION,
            "Rollback succeeds in every ring",
            actor="p2",
            key=True,
        ),
        Event(
            "e13",
            _at(1080),
            EventKind.RESOLUTION,
            "CDN cache purged; errors back to normal",
            actor="p4",
            key=True,
        ),
    )
    actions = (
        Action(
            "a1",
            "Give configuration rollback its own path that does not read the "
            "configuration it rolls back",
            "p5",
            "a rollback of a broken configuration in staging completes in under 10 minutes",
            date(2026, 11, 30),
            ActionStatus.IN_PROGRESS,
            "RELENG-10432",
            ("f8",),
        ),
        Action(
            "a2",
            "Let the release team choose the first ring, with customer-chosen rings after it",
            "p1",
            "the first ring holds under 2 % of traffic",
            date(2026, 12, 15),
            ActionStatus.OPEN,
            "RELENG-10433",
            ("f3",),
        ),
        Action(
            "a3",
            "Alert on error rate per region",
            "p4",
            "a single-region failure pages within 5 minutes",
            date(2026, 10, 30),
            ActionStatus.DONE,
            "NET-2210",
            ("f5",),
        ),
        Action(
            "a4",
            "Ask the CDN provider for a purge on configuration change",
            "p6",
            "purges reach every edge within 15 minutes",
            date(2026, 12, 1),
            ActionStatus.OPEN,
            None,
            ("f9",),
        ),
        Action(
            "a5",
            "Post the first status update within 20 minutes, cause or not",
            "p3",
            "the next three incidents have an update within 20 minutes",
            date(2026, 10, 20),
            ActionStatus.DONE,
            "SUP-311",
            ("f6",),
        ),
        Action(
            "a6",
            "Soak configuration changes in staging like code",
            "p2",
            "every configuration change spends 1 hour in staging",
            date(2026, 11, 15),
            ActionStatus.IN_PROGRESS,
            "RELENG-10434",
            ("f2",),
        ),
        Action(
            "a7",
            "Check request success in the canary health check",
            "p2",
            "the canary fails on 1 % errors",
            None,
            ActionStatus.OPEN,
            "RELENG-10435",
            ("f4",),
        ),
    )
    return Review(
        id="long-outage",
        title="Configuration rollout broke requests in two regions for 18 hours",
        status=ReviewStatus.DRAFT,
        severity="SEV1",
        summary="A configuration change reached the first rollout ring and broke request "
        "handling in eu-west and us-east. Rolling it back needed the pipeline that the "
        "change had broken, so recovery took 18 hours.",
        impact=Impact(
            "Customers in two regions saw failed requests for most of a working day.",
            (
                Metric("Failed requests", 48_200_000, "requests"),
                Metric("Customers affected", 1_830, "customers"),
                Metric("Peak error rate", 64, "%"),
                Metric("Support tickets", 2_412, "tickets"),
            ),
        ),
        services=("config-service", "edge-gateway", "release-pipeline"),
        timezone="Europe/London",
        started_at=_at(4),
        detected_at=_at(4),  # the ring received it and failed at once: zero minutes to detect
        mitigated_at=_at(1000),
        resolved_at=_at(1080),
        people=people,
        events=events,
        layers=layers,
        factors=factors,
        actions=actions,
        went_well=(
            WentWell("w1", "The commander handed over twice without losing the thread."),
            WentWell("w2", "Support kept a single list of affected customers from hour 2."),
            WentWell("w3", "The network team found the pipeline loop by reading its own logs."),
            WentWell("w4", "No customer data was lost."),
        ),
        notes=(
            Note("n1", NoteKind.QUESTION, "Should release engineering own the rollback path?"),
            Note("n2", NoteKind.LUCKY, "The third region had not yet reached ring 1."),
        ),
        created_at=datetime(2026, 9, 3, 9, 0, tzinfo=UTC),
        updated_at=datetime(2026, 9, 20, 15, 30, tzinfo=UTC),
    )


def small_fix() -> Review:
    """A published review whose actions all stay within the one team that ran it."""
    people = (
        Person("q1", "Nadia Haddad", "On-call engineer", "Build infrastructure"),
        Person("q2", "Ola Nordmann", "Engineer", "Build infrastructure"),
    )
    layer = Layer("l-cap", "Capacity planning", Stage.PREVENT, 0)
    factor = Factor(
        "g1",
        "l-cap",
        "Build agents keep every cached image forever",
        "technology",
        on_trajectory=True,
    )
    return Review(
        id="small-fix",
        title="Build agents ran out of disk",
        status=ReviewStatus.PUBLISHED,
        severity="SEV3",
        summary="Builds queued for 35 minutes while two agents ran out of disk.",
        started_at=datetime(2026, 8, 4, 9, 0, tzinfo=UTC),
        detected_at=datetime(2026, 8, 4, 9, 5, tzinfo=UTC),
        resolved_at=datetime(2026, 8, 4, 9, 35, tzinfo=UTC),
        people=people,
        layers=(layer,),
        factors=(factor,),
        actions=(
            Action(
                "b1",
                "Prune cached images older than a week",
                "q1",
                "disk stays under 70 %",
                date(2026, 8, 20),
                ActionStatus.DONE,
                "BUILD-77",
                ("g1",),
            ),
            Action("b2", "Alert at 80 % disk on build agents", "q2", None, date(2026, 8, 25)),
        ),
        notes=(Note("m1", NoteKind.QUESTION, "Do we need bigger disks at all?"),),
        updated_at=datetime(2026, 8, 6, 12, 0, tzinfo=UTC),
    )
