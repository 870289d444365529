"""Patterns across a library of varied reviews, on SQLite and (when set up) PostgreSQL.

The ``filled`` fixture (conftest.py) holds six reviews: one pool-exhaustion factor on
payments-api said three ways, the same words about search-api, a DNS vendor outage said
twice, and two migrations that locked different tables.
"""

from __future__ import annotations

from datetime import date

from pmdesk.patterns import Scope, find_patterns
from pmdesk.patterns.summary import Patterns
from pmdesk.store import Library

TODAY = date(2026, 6, 1)


def group_with(patterns: Patterns, review_id: str, factor_id: str) -> tuple[str, ...]:
    for group in patterns.groups:
        if any((m.review_id, m.factor_id) == (review_id, factor_id) for m in group.members):
            return group.review_ids
    return ()


def test_paraphrased_factors_group_and_look_alikes_on_other_systems_do_not(
    filled: Library,
) -> None:
    patterns = find_patterns(filled, today=TODAY)
    assert group_with(patterns, "r1", "f0") == ("r1", "r2", "r4")
    assert group_with(patterns, "r3", "f0") == ()  # search-api's pool is another pattern
    assert group_with(patterns, "r5", "f0") == ()  # orders table is not invoices table
    pool = next(g for g in patterns.groups if "r4" in g.review_ids and g.category == "technology")
    assert {"pool", "payments-api"} <= set(pool.words)
    assert all(link.words for link in pool.links)
    assert [m.moment for m in pool.members] == sorted(m.moment for m in pool.members)


def test_factors_group_within_their_category(filled: Library) -> None:
    patterns = find_patterns(filled, today=TODAY)
    # r2 files the DNS outage under third_party, r4 leaves it uncategorised
    assert group_with(patterns, "r2", "f1") == ()
    # the canary factor is "process" in both r1 and r3
    assert group_with(patterns, "r1", "f1") == ("r1", "r3")


def test_services_layers_third_party_and_kinds(filled: Library) -> None:
    patterns = find_patterns(filled, today=TODAY)
    assert patterns.services[0].name == "payments-api"
    assert patterns.services[0].review_ids == ("r1", "r2", "r4")
    top = patterns.layers[0]
    assert (top.name, top.stage, top.factors) == ("Monitoring and alerting", "detect", 6)
    assert top.review_ids == ("r1", "r2", "r3", "r4", "r5", "r6")
    # r2's by category, r4's by the flag: the one rule of Factor.is_third_party
    assert patterns.third_party == (("r2", "f1"), ("r4", "f1"))
    assert patterns.factor_count == 10
    assert patterns.short_ids == ("r2",)
    assert len(patterns.full_ids) == 5


def test_times_come_from_the_clock_and_absent_ones_stay_absent(filled: Library) -> None:
    patterns = find_patterns(filled, today=TODAY)
    by_id = {t.review_id: t for t in patterns.timings}
    assert (by_id["r1"].detect, by_id["r1"].mitigate) == (10, 40)
    assert (by_id["r2"].detect, by_id["r2"].mitigate) == (25, None)
    february = next(m for m in patterns.months if m.month == "2026-02")
    assert february.review_ids == ("r2", "r3")
    assert (february.detect, february.mitigate) == (17.5, 40)


def test_follow_through_counts_done_overdue_and_what_came_back(filled: Library) -> None:
    follow = find_patterns(filled, today=TODAY).follow_through
    assert [(a.review_id, a.action_id) for a in follow.done] == [("r1", "a1"), ("r4", "a1")]
    assert [(owner, [a.review_id for a in acts]) for owner, acts in follow.overdue] == [
        ("Ada", ["r2"]),
        ("Grace", ["r1"]),
    ]
    # r1's pool alert was done, yet the pool ran out again in r2 and r4
    [came] = follow.came_back
    assert (came.action.review_id, came.factor_id, came.later_review_ids) == (
        "r1",
        "f0",
        ("r2", "r4"),
    )


def test_a_scope_narrows_every_number(filled: Library) -> None:
    patterns = find_patterns(filled, Scope(service="PAYMENTS-API"), today=TODAY)
    assert [r.id for r in patterns.reviews] == ["r1", "r2", "r4"]
    assert patterns.layers[0].review_ids == ("r1", "r2", "r4")
    period = find_patterns(
        filled, Scope(since=date(2026, 2, 4), until=date(2026, 3, 16)), today=TODAY
    )
    assert [r.id for r in period.reviews] == ["r2", "r3", "r4"]
    severe = find_patterns(filled, Scope(severity="sev1"), today=TODAY)
    assert [r.id for r in severe.reviews] == ["r3"]
    assert severe.groups == ()
