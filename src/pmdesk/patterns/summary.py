"""What the reviews in a scope have in common: the numbers behind the patterns view and report.

Every number keeps the reviews behind it (their ids), so a screen can open them and
a script can check them. Durations come from ``pmdesk.clock`` (its one rule for *to
detect* and *to mitigate*); third party is ``Factor.is_third_party``; an action is
overdue when it is open or in progress and its due day is before ``today``.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from pmdesk.clock import durations
from pmdesk.model.review import ActionStatus, Review, ReviewKind, Stage
from pmdesk.patterns.gcpause import collector_paused
from pmdesk.patterns.groups import FactorGroup, Occurrence, category_of, group_factors
from pmdesk.store.library import Library
from pmdesk.store.patterns import HoledLayer, Scope, holed_layers, scoped_reviews

_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class ReviewRef:
    """A review as a pattern names it: enough to list it and open it."""

    id: str
    title: str
    moment: datetime | None
    kind: ReviewKind
    severity: str | None


@dataclass(frozen=True, slots=True)
class Tally:
    """A name (a service, a layer) and the reviews it appears in."""

    name: str
    review_ids: tuple[str, ...]
    stage: Stage | None = None
    factors: int = 0


@dataclass(frozen=True, slots=True)
class Timing:
    """One review's time to detect and to mitigate, in whole minutes (None when untold)."""

    review_id: str
    moment: datetime | None
    detect: int | None
    mitigate: int | None


@dataclass(frozen=True, slots=True)
class MonthTiming:
    """The median times of the reviews that started in one month ('2026-03')."""

    month: str
    review_ids: tuple[str, ...]
    detect: float | None
    mitigate: float | None


@dataclass(frozen=True, slots=True)
class ActionRef:
    review_id: str
    action_id: str
    text: str
    owner: str | None
    due: date | None
    status: ActionStatus


@dataclass(frozen=True, slots=True)
class CameBack:
    """A done action whose factor's group shows up again in a later review."""

    action: ActionRef
    factor_id: str
    later_review_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FollowThrough:
    done: tuple[ActionRef, ...]
    open: tuple[ActionRef, ...]
    #: Overdue actions per owner ("" for nobody), most overdue owner first.
    overdue: tuple[tuple[str, tuple[ActionRef, ...]], ...]
    came_back: tuple[CameBack, ...]


@dataclass(frozen=True, slots=True)
class Patterns:
    """Everything the patterns view and the learning report show, for one scope."""

    scope: Scope
    today: date
    reviews: tuple[ReviewRef, ...]
    groups: tuple[FactorGroup, ...]
    services: tuple[Tally, ...]
    layers: tuple[Tally, ...]
    factor_count: int
    third_party: tuple[tuple[str, str], ...]  # (review id, factor id)
    timings: tuple[Timing, ...]
    months: tuple[MonthTiming, ...]
    short_ids: tuple[str, ...]
    full_ids: tuple[str, ...]
    follow_through: FollowThrough

    @property
    def third_party_share(self) -> float | None:
        return len(self.third_party) / self.factor_count if self.factor_count else None


def find_patterns(library: Library, scope: Scope | None = None, *, today: date) -> Patterns:
    """The patterns of the reviews in ``scope`` (read in a few statements); None is all."""
    scope = scope or Scope()
    with collector_paused():
        reviews = scoped_reviews(library, scope)
        return patterns_of(reviews, holed_layers(library, scope), scope, today=today)


def moment_of(review: Review) -> datetime | None:
    """When a review happened: the incident's start, else when the review was made."""
    return review.started_at or review.created_at


def patterns_of(
    reviews: list[Review], holed: list[HoledLayer], scope: Scope | None = None, *, today: date
) -> Patterns:
    """The patterns of some reviews already read, with the layer counts the store made."""
    scope = scope or Scope()
    services = sorted({s for r in reviews for s in r.services})
    occurrences = [
        Occurrence(r.id, f.id, f.text, category_of(f.category), moment_of(r))
        for r in reviews
        for f in r.factors
    ]
    groups = group_factors(occurrences, services)
    timings = tuple(_timing(r) for r in reviews)
    return Patterns(
        scope=scope,
        today=today,
        reviews=tuple(ReviewRef(r.id, r.title, moment_of(r), r.kind, r.severity) for r in reviews),
        groups=tuple(groups),
        services=_services(reviews),
        layers=_layers(holed),
        factor_count=len(occurrences),
        third_party=tuple((r.id, f.id) for r in reviews for f in r.factors if f.is_third_party),
        timings=timings,
        months=_months(timings),
        short_ids=tuple(r.id for r in reviews if r.kind is ReviewKind.SHORT),
        full_ids=tuple(r.id for r in reviews if r.kind is not ReviewKind.SHORT),
        follow_through=_follow_through(reviews, groups, today),
    )


def _services(reviews: list[Review]) -> tuple[Tally, ...]:
    named: dict[str, str] = {}
    ids: dict[str, list[str]] = defaultdict(list)
    for review in reviews:
        for service in dict.fromkeys(s.casefold() for s in review.services):
            ids[service].append(review.id)
        for service in review.services:
            named.setdefault(service.casefold(), service)
    ranked = sorted(ids, key=lambda s: (-len(ids[s]), s))
    return tuple(Tally(named[s], tuple(ids[s])) for s in ranked)


def _layers(holed: list[HoledLayer]) -> tuple[Tally, ...]:
    """Layers by name (case folded) and stage, most factors first."""
    factors: Counter[tuple[str, Stage | None]] = Counter()
    ids: dict[tuple[str, Stage | None], list[str]] = defaultdict(list)
    named: dict[tuple[str, Stage | None], str] = {}
    for row in holed:
        key = (" ".join(row.name.split()).casefold(), row.stage)
        factors[key] += row.factors
        if row.review_id not in ids[key]:
            ids[key].append(row.review_id)
        named.setdefault(key, " ".join(row.name.split()))
    ranked = sorted(factors, key=lambda k: (-factors[k], -len(ids[k]), k[0]))
    return tuple(Tally(named[k], tuple(ids[k]), k[1], factors[k]) for k in ranked)


def _timing(review: Review) -> Timing:
    told = {d.name: d.minutes for d in durations(review)}
    return Timing(review.id, moment_of(review), told.get("detect"), told.get("mitigate"))


def _months(timings: tuple[Timing, ...]) -> tuple[MonthTiming, ...]:
    by_month: dict[str, list[Timing]] = defaultdict(list)
    for timing in timings:
        if timing.moment is not None:
            by_month[f"{timing.moment:%Y-%m}"].append(timing)
    return tuple(
        MonthTiming(
            month,
            tuple(t.review_id for t in rows),
            _median([t.detect for t in rows]),
            _median([t.mitigate for t in rows]),
        )
        for month, rows in sorted(by_month.items())
    )


def _median(values: list[int | None]) -> float | None:
    told = [v for v in values if v is not None]
    return statistics.median(told) if told else None


def _follow_through(reviews: list[Review], groups: list[FactorGroup], today: date) -> FollowThrough:
    done: list[ActionRef] = []
    still_open: list[ActionRef] = []
    overdue: dict[str, list[ActionRef]] = defaultdict(list)
    reviews_of = [g.review_ids for g in groups]  # a property: build each tuple once
    group_of = {(m.review_id, m.factor_id): n for n, g in enumerate(groups) for m in g.members}
    when = {r.id: moment_of(r) for r in reviews}
    later_of = _LaterReviews(reviews_of, when)
    came_back: list[CameBack] = []
    for review in reviews:
        for action in review.actions:
            ref = ActionRef(
                review.id,
                action.id,
                action.text,
                review.person_name(action.owner),
                action.due,
                action.status,
            )
            if action.status is ActionStatus.DONE:
                done.append(ref)
                came_back.extend(_came_back(ref, action.factors, group_of, later_of, when))
            elif action.status in _OPEN:
                still_open.append(ref)
                if action.due is not None and action.due < today:
                    overdue[ref.owner or ""].append(ref)
    ranked = sorted(overdue, key=lambda owner: (-len(overdue[owner]), owner))
    return FollowThrough(
        tuple(done),
        tuple(still_open),
        tuple((owner, tuple(overdue[owner])) for owner in ranked),
        tuple(came_back),
    )


def _came_back(
    ref: ActionRef,
    factor_ids: tuple[str, ...],
    group_of: dict[tuple[str, str], int],
    later_of: _LaterReviews,
    when: dict[str, datetime | None],
) -> list[CameBack]:
    found = []
    start = when.get(ref.review_id)
    for factor_id in factor_ids:
        group = group_of.get((ref.review_id, factor_id))
        if group is None or start is None:
            continue
        later = later_of.after(group, start)
        if later:
            found.append(CameBack(ref, factor_id, later))
    return found


class _LaterReviews:
    """A group's dated reviews in time order, so "which came later" is a bisect, not a scan.

    Scanning every review of a group for every done action was quadratic: 6 of the 13
    seconds of a 5,000-review library's patterns.
    """

    def __init__(self, reviews_of: list[tuple[str, ...]], when: dict[str, datetime | None]):
        self._reviews_of = reviews_of
        self._when = when
        self._sorted: dict[int, tuple[list[datetime], tuple[str, ...]]] = {}

    def after(self, group: int, start: datetime) -> tuple[str, ...]:
        """The group's reviews that began strictly after ``start``, earliest first."""
        entry = self._sorted.get(group)
        if entry is None:
            dated = [
                (moment, n, rid)
                for n, rid in enumerate(self._reviews_of[group])
                if (moment := self._when.get(rid)) is not None
            ]
            dated.sort()
            entry = ([d[0] for d in dated], tuple(d[2] for d in dated))
            self._sorted[group] = entry
        moments, ids = entry
        return ids[bisect_right(moments, start) :]
