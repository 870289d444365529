"""A factor in context: "seen in N earlier reviews", by the Patterns view's one rule."""

from __future__ import annotations

from datetime import UTC, datetime

from pmdesk.model import Factor, Review
from pmdesk.patterns.context import earlier_reviews, seen_before
from pmdesk.store.sample import sample_review

NOW = sample_review()  # started 2026-10-14
NOTICES = "Provider maintenance notices go to a shared mailbox that no rota watches"


def _review(
    review_id: str, started: datetime | None, *texts: str, services: tuple[str, ...] = ()
) -> Review:
    return NOW.replace(
        id=review_id,
        title=f"Review {review_id}",
        started_at=started,
        services=services,
        factors=tuple(Factor(f"{review_id}-{n}", "l-change", t) for n, t in enumerate(texts)),
    )


def test_a_reworded_factor_in_an_earlier_review_is_seen_with_the_words_they_share() -> None:
    june = _review(
        "june",
        datetime(2026, 6, 2, 9, 0, tzinfo=UTC),
        "Maintenance notices from the provider land in a shared mailbox nobody on the rota watches",
        "The build cache was cold after the upgrade",
    )
    found = seen_before(NOW, NOTICES, [june])
    assert [(s.review_id, s.factor.id) for s in found] == [("june", "june-0")]
    assert {"maintenance", "notices", "mailbox"} <= set(found[0].shared)


def test_later_reviews_and_the_review_itself_are_not_earlier() -> None:
    later = _review("later", datetime(2026, 11, 30, tzinfo=UTC), NOTICES)
    undated = _review("undated", None, NOTICES)
    assert [r.id for r in earlier_reviews(NOW, [NOW, later, undated])] == ["undated"]
    assert [s.review_id for s in seen_before(NOW, NOTICES, [NOW, later])] == []


def test_the_same_words_about_another_system_are_not_the_same_factor() -> None:
    other = _review(
        "other",
        datetime(2026, 3, 1, tzinfo=UTC),
        "search-api's connection pool keeps connections for up to 4 hours",
        services=("search-api",),
    )
    text = "checkout-api's connection pool keeps connections for up to 4 hours"
    assert seen_before(NOW, text, [other]) == []


def test_one_entry_per_review_newest_first() -> None:
    march = _review("march", datetime(2026, 3, 1, tzinfo=UTC), NOTICES, NOTICES + " today")
    june = _review("june", datetime(2026, 6, 1, tzinfo=UTC), NOTICES)
    found = seen_before(NOW, NOTICES, [march, june])
    assert [s.review_id for s in found] == ["june", "march"]
    assert seen_before(NOW, "   ", [march]) == []
