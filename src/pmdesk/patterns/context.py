"""A factor in context: the earlier reviews where a factor like it was written.

The board shows "seen in N earlier reviews" while a factor is being written,
and the meeting's follow-up phase asks about open actions of those reviews.
Both use the Patterns view's one rule (``similarity.compare``), so what the
room is told recurs is what the library's patterns count as recurring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pmdesk.model.review import Factor, Review
from pmdesk.patterns.similarity import Words, compare, fold_names, words_of
from pmdesk.patterns.summary import moment_of
from pmdesk.store import Library
from pmdesk.store.patterns import scoped_reviews


@dataclass(frozen=True, slots=True)
class SeenBefore:
    """A factor of an earlier review that says what this one says, and the words they share."""

    review_id: str
    review_title: str
    moment: datetime | None
    factor: Factor
    shared: tuple[str, ...]


def earlier_reviews(review: Review, others: Iterable[Review]) -> list[Review]:
    """The other reviews of incidents before this one (all of them when its time is unknown)."""
    mine = moment_of(review)
    found = []
    for other in others:
        if other.id == review.id:
            continue
        theirs = moment_of(other)
        if mine is None or theirs is None or theirs < mine:
            found.append(other)
    return found


class FactorMatcher:
    """Compares texts with the factors of some reviews, each factor read once."""

    def __init__(self, reviews: Sequence[Review], services: Iterable[str] = ()) -> None:
        self._names = fold_names([*services, *(s for r in reviews for s in r.services)])
        self._factors: list[tuple[Review, Factor, Words]] = [
            (r, f, words_of(f.text, self._names)) for r in reviews for f in r.factors
        ]

    def matches(self, text: str) -> list[tuple[float, SeenBefore]]:
        """Every factor that says what ``text`` says, with its score."""
        mine = words_of(text, self._names)
        if not mine.stems:
            return []
        found = []
        for review, factor, words in self._factors:
            match = compare(mine, words)
            if match.same:
                shared = tuple(words.shown(match.shared))
                seen = SeenBefore(review.id, review.title, moment_of(review), factor, shared)
                found.append((match.score, seen))
        return found

    def like(self, text: str) -> list[SeenBefore]:
        """Factors that say what ``text`` says: one per review (its closest), newest first."""
        best: dict[str, tuple[float, SeenBefore]] = {}
        for score, seen in self.matches(text):
            if seen.review_id not in best or score > best[seen.review_id][0]:
                best[seen.review_id] = (score, seen)
        found = [seen for _, seen in best.values()]
        found.sort(key=lambda s: (s.moment is None, -(s.moment.timestamp() if s.moment else 0)))
        return found


def earlier_matcher(review: Review, others: Iterable[Review]) -> FactorMatcher:
    """The factors of the reviews of incidents before ``review``, ready to compare with."""
    return FactorMatcher(earlier_reviews(review, others), review.services)


def library_matcher(library: Library, review: Review) -> FactorMatcher:
    """``earlier_matcher`` over every other review of the library, read in one pass."""
    return earlier_matcher(review, scoped_reviews(library))


def seen_before(review: Review, text: str, others: Iterable[Review]) -> list[SeenBefore]:
    """Factors like ``text`` in reviews of earlier incidents, newest first, one per review."""
    return earlier_matcher(review, others).like(text)
