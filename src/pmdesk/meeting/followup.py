"""Earlier reviews' open actions that bear on this incident, for the follow-up phase.

The room asks "did we do what we said last time?" before adding more actions;
an incident on a service with open actions, or with a contributing factor an
earlier review already named, is the moment to look at them. Factors are
matched by the Patterns view's rule (``pmdesk.patterns.context``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pmdesk.model.review import Action, ActionStatus, Review
from pmdesk.patterns.context import FactorMatcher
from pmdesk.text import one_line

_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class FollowUp:
    review_id: str
    review_title: str
    services: tuple[str, ...]
    action: Action
    owner_name: str | None
    #: Why it is shown: the services shared, or the factor it is like.
    why: str = ""


def related_open_actions(review: Review, others: Iterable[Review]) -> list[FollowUp]:
    """Open and in-progress actions of other reviews sharing a service or a factor, overdue first.

    An action linked to factors is shown for a factor like one of them; an
    action linked to none, for a factor like any of its review's.
    """
    mine = {s.casefold() for s in review.services}
    found: list[FollowUp] = []
    for other in others:
        if other.id == review.id:
            continue
        open_actions = [a for a in other.actions if a.status in _OPEN]
        if not open_actions:
            continue
        shared = tuple(s for s in other.services if s.casefold() in mine)
        like = _factors_like_mine(review, other)
        for action in open_actions:
            owner = other.person_name(action.owner)
            why = f"same service: {', '.join(shared)}" if shared else ""
            if not why:
                echoed = [like[f] for f in (action.factors or tuple(like)) if f in like]
                if not echoed:
                    continue
                why = f"a factor like “{one_line(echoed[0], 80)}”"
            found.append(FollowUp(other.id, other.title, shared, action, owner, why))
    found.sort(key=lambda f: (f.action.due is None, f.action.due or date.max, f.review_title))
    return found


def _factors_like_mine(review: Review, other: Review) -> dict[str, str]:
    """The other review's factors like one of this review's: factor id → this review's text."""
    if not review.factors or not other.factors:
        return {}
    matcher = FactorMatcher([other], review.services)
    like: dict[str, str] = {}
    for factor in review.factors:
        for _, seen in matcher.matches(factor.text):
            like.setdefault(seen.factor.id, factor.text)
    return like
