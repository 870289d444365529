"""What the library keeps beside a review: shared by the library and the .pmreview file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ReviewExtras:
    """What the library keeps beside a review's content, and a Review does not hold.

    The meeting's agenda and records (``pmdesk.meeting``'s JSON) and the coach
    findings dismissed for the review. Undoing a delete and a .pmreview round
    trip carry them, so neither loses a facilitator's work.
    """

    meeting: Mapping[str, Any] | None = None
    dismissed: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.meeting) or bool(self.dismissed)
