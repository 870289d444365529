"""Earlier reviews' open actions on the same services, for the follow-up phase.

The room asks "did we do what we said last time?" before adding more actions;
an incident on a service with open actions is the moment to look at them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pmdesk.model.review import Action, ActionStatus, Review

_OPEN = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class FollowUp:
    review_id: str
    review_title: str
    services: tuple[str, ...]
    action: Action
    owner_name: str | None


def related_open_actions(review: Review, others: Iterable[Review]) -> list[FollowUp]:
    """Open and in-progress actions of other reviews sharing a service, overdue first."""
    mine = {s.casefold() for s in review.services}
    found: list[FollowUp] = []
    if not mine:
        return found
    for other in others:
        if other.id == review.id:
            continue
        shared = tuple(s for s in other.services if s.casefold() in mine)
        if not shared:
            continue
        for action in other.actions:
            if action.status in _OPEN:
                owner = other.person_name(action.owner)
                found.append(FollowUp(other.id, other.title, shared, action, owner))
    found.sort(key=lambda f: (f.action.due is None, f.action.due or date.max, f.review_title))
    return found
