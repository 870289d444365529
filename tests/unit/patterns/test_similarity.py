"""The one rule for 'these two factors say the same thing', scored on hand-labelled pairs.

The pairs in tests/data/patterns/pairs.json were written for this test; the rule's
threshold and word tables were tuned on the even-numbered pairs only. The odd-numbered
half is never used for tuning, and precision and recall are asserted on it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmdesk.patterns.similarity import compare, same_factor, stem, words_of

PAIRS = Path(__file__).resolve().parents[2] / "data" / "patterns" / "pairs.json"


def labelled(half: int) -> list[tuple[str, str, bool]]:
    pairs = json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]
    return [(p["a"], p["b"], p["same"]) for i, p in enumerate(pairs) if i % 2 == half]


def precision_recall(pairs: list[tuple[str, str, bool]]) -> tuple[float, float]:
    said = [(same_factor(a, b), truth) for a, b, truth in pairs]
    hits = sum(1 for got, truth in said if got and truth)
    claimed = sum(1 for got, _ in said if got)
    real = sum(1 for _, truth in said if truth)
    return hits / claimed, hits / real


def test_the_labelled_set_is_large_and_balanced_enough() -> None:
    pairs = labelled(0) + labelled(1)
    assert len(pairs) >= 150
    same = sum(1 for *_, truth in pairs if truth)
    assert 0.35 < same / len(pairs) < 0.7
    assert len({(a, b) for a, b, _ in pairs}) == len(pairs)


def test_precision_and_recall_on_the_held_out_half() -> None:
    precision, recall = precision_recall(labelled(1))
    assert precision >= 0.8, precision
    assert recall >= 0.8, recall


@pytest.mark.parametrize(
    ("word", "stemmed"),
    [
        ("exhausted", "exhaust"),
        ("exhaustion", "exhaust"),
        ("alerts", "alert"),
        ("surges", "spike"),
        ("paged", "alert"),
        ("certificates", "cert"),
    ],
)
def test_forms_of_a_word_share_a_stem(word: str, stemmed: str) -> None:
    assert stem(word) == stemmed


def test_the_shared_words_explain_a_match() -> None:
    a = words_of("The payments-api connection pool was exhausted under peak load")
    b = words_of("Connection pool exhaustion in payments-api during the traffic spike")
    match = compare(a, b)
    assert match.same
    assert {"payments-api", "connect", "pool", "exhaust", "spike"} <= match.shared
    assert "connection" in a.shown(match.shared)


def test_factors_naming_different_systems_never_match() -> None:
    match = compare(
        words_of("Connection pool exhausted on payments-api"),
        words_of("Connection pool exhausted on search-api"),
    )
    assert match.other_systems and not match.same
    assert match.score > 0.6  # alike in every other word: only the systems tell them apart


def test_a_changed_subject_in_the_same_sentence_is_another_thing() -> None:
    match = compare(
        words_of("Database migration locked the orders table"),
        words_of("Database migration locked the invoices table"),
    )
    assert match.swapped == (("orders",), ("invoices",))
    assert not match.same


def test_a_service_the_library_names_counts_as_a_system() -> None:
    assert not same_factor(
        "Retry storm overloaded checkout",
        "Retry storm overloaded search",
        services=("checkout", "search"),
    )
    assert same_factor(
        "Retry storm overloaded checkout",
        "Checkout overloaded by a retry storm",
        services=("checkout", "search"),
    )


def test_ordinary_hyphenated_words_are_not_systems() -> None:
    assert words_of("On-call was not paged by the third-party monitor").systems == frozenset()
