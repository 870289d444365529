"""Recurring contributing factors: factors of many reviews grouped by category and wording.

Factors group within their category (an uncategorised factor groups with other
uncategorised ones). Two factors join when ``similarity.compare`` says they say the
same thing; the links are taken strongest first, and a link that would put two
factors naming different systems into one group is refused, so a group never chains
"pool exhausted on payments-api" to "pool exhausted on search-api" through a factor
that names neither. Each group keeps the links that made it, with their shared words.

Only distinct wordings are compared: factors with the same words (after stemming)
are one wording. Candidate pairs come from prefix filtering (Bayardo et al.,
"Scaling up all pairs similarity search"): with stems ordered rarest first, two
wordings that can reach the threshold share a stem among the first few of each.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from pmdesk.patterns.similarity import (
    MIN_SHARED,
    THRESHOLD,
    Words,
    compare,
    fold_names,
    words_of,
)

#: The category shown for factors that have none.
UNCATEGORISED = "uncategorised"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One factor of one review, with what a pattern needs to know about it."""

    review_id: str
    factor_id: str
    text: str
    category: str
    moment: datetime | None


@dataclass(frozen=True, slots=True)
class Link:
    """Two factors taken as the same, and the words they share (as the texts spell them)."""

    first: tuple[str, str]  # (review id, factor id)
    second: tuple[str, str]
    words: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class FactorGroup:
    """Factors that say the same thing, earliest review first."""

    category: str
    #: The words most of its factors share: what the group is about.
    words: tuple[str, ...]
    members: tuple[Occurrence, ...]
    links: tuple[Link, ...]

    @property
    def review_ids(self) -> tuple[str, ...]:
        """Each review once, in the order its factor appears (earliest first)."""
        return tuple(dict.fromkeys(m.review_id for m in self.members))


def category_of(category: str | None) -> str:
    """The category a factor groups under: its own, folded, or ``UNCATEGORISED``."""
    folded = " ".join((category or "").split()).casefold()
    return folded or UNCATEGORISED


def group_factors(
    occurrences: Sequence[Occurrence], services: Iterable[str] = (), *, min_reviews: int = 2
) -> list[FactorGroup]:
    """Groups of factors that recur in at least ``min_reviews`` reviews, largest first."""
    names = fold_names(services)
    parsed_texts: dict[str, Words] = {}
    wordings: dict[tuple[str, frozenset[str]], list[int]] = defaultdict(list)
    words: dict[tuple[str, frozenset[str]], Words] = {}
    for index, occurrence in enumerate(occurrences):
        parsed = parsed_texts.get(occurrence.text)
        if parsed is None:
            parsed = parsed_texts[occurrence.text] = words_of(occurrence.text, names)
        if not parsed.stems:
            continue
        key = (occurrence.category, parsed.stems)
        wordings[key].append(index)
        words.setdefault(key, parsed)
    keys = list(wordings)
    by_category: dict[str, list[int]] = defaultdict(list)
    for n, key in enumerate(keys):
        by_category[key[0]].append(n)
    edges: list[tuple[float, int, int, frozenset[str]]] = []
    for members in by_category.values():
        edges.extend(_edges([words[keys[n]] for n in members], members))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    clusters = _Clusters([words[key].systems for key in keys])
    kept: list[tuple[float, int, int, frozenset[str]]] = []
    for edge in edges:
        if clusters.join(edge[1], edge[2]):
            kept.append(edge)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):
        groups[clusters.find(n)].append(n)
    links_of: dict[int, list[tuple[float, int, int, frozenset[str]]]] = defaultdict(list)
    for edge in kept:
        links_of[clusters.find(edge[1])].append(edge)
    found = []
    for root, wording_ids in groups.items():
        reviews = {occurrences[i].review_id for n in wording_ids for i in wordings[keys[n]]}
        if len(reviews) < min_reviews:
            continue
        found.append(_group(keys, words, wordings, occurrences, wording_ids, links_of[root]))
    found.sort(key=lambda g: (-len(g.review_ids), g.category, g.words))
    return found


_LAST = datetime.max.replace(tzinfo=UTC)


def _earliest(occurrence: Occurrence) -> tuple[datetime, str, str]:
    """Sort key: earliest review first, reviews without a moment last."""
    return (occurrence.moment or _LAST, occurrence.review_id, occurrence.factor_id)


def _edges(parsed: list[Words], ids: list[int]) -> Iterable[tuple[float, int, int, frozenset[str]]]:
    """Pairs of wordings of one category that say the same thing, with score and shared stems."""
    frequency = Counter(stem for w in parsed for stem in w.stems)
    postings: dict[str, list[int]] = defaultdict(list)
    for local, w in enumerate(parsed):
        ordered = sorted(w.stems, key=lambda s: (frequency[s], s))
        size = len(ordered)
        least = max(MIN_SHARED, math.ceil(THRESHOLD * size / (2 - THRESHOLD)))
        candidates: set[int] = set()
        for stem in ordered[: max(0, size - least + 1)]:
            candidates.update(postings[stem])
            postings[stem].append(local)
        for other in sorted(candidates):
            match = compare(parsed[other], w)
            if match.same:
                yield (match.score, ids[other], ids[local], match.shared)


class _Clusters:
    """Union-find over wordings, refusing a join that would mix two named systems."""

    def __init__(self, systems: list[frozenset[str]]) -> None:
        self._parent = list(range(len(systems)))
        self._systems = list(systems)

    def find(self, n: int) -> int:
        while self._parent[n] != n:
            self._parent[n] = self._parent[self._parent[n]]
            n = self._parent[n]
        return n

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        sa, sb = self._systems[ra], self._systems[rb]
        if sa and sb and not (sa & sb):
            return False
        self._parent[rb] = ra
        self._systems[ra] = sa | sb
        return True


def _group(
    keys: list[tuple[str, frozenset[str]]],
    words: dict[tuple[str, frozenset[str]], Words],
    wordings: dict[tuple[str, frozenset[str]], list[int]],
    occurrences: Sequence[Occurrence],
    wording_ids: list[int],
    edges: list[tuple[float, int, int, frozenset[str]]],
) -> FactorGroup:
    members = sorted(
        (occurrences[i] for n in wording_ids for i in wordings[keys[n]]), key=_earliest
    )
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for n in wording_ids:
        parsed = words[keys[n]]
        weight = len(wordings[keys[n]])
        for stem in parsed.stems:
            counts[stem] += weight
        for stem, spelt in parsed.surface:
            spelling.setdefault(stem, spelt)
    half = len(members) / 2
    common = sorted((s for s, c in counts.items() if c >= half), key=lambda s: (-counts[s], s))
    links = []
    for score, a, b, shared in edges:
        first = occurrences[wordings[keys[a]][0]]
        second = occurrences[wordings[keys[b]][0]]
        links.append(
            Link(
                (first.review_id, first.factor_id),
                (second.review_id, second.factor_id),
                tuple(words[keys[a]].shown(shared)),
                round(score, 3),
            )
        )
    return FactorGroup(
        category=keys[wording_ids[0]][0],
        words=tuple(spelling.get(s, s) for s in common[:6]),
        members=tuple(members),
        links=tuple(links),
    )
