"""What the coach says about one place in a review: a ``Finding``.

Findings are advice, never errors: nothing in pmdesk refuses to save or export
because of one. The ``key`` lets the GUI remember "dismissed for this review"
across edits, so it is built from the rule, the field and the matched words,
not from character offsets that move whenever the user types above them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Family(enum.StrEnum):
    """Rule families; a rule id starts with its family name and a dot."""

    BLAME = "blame"
    VAGUE = "vague"
    ACTION = "action"
    STORY = "story"
    STRUCTURE = "structure"


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of advice about a span of one field.

    ``where`` names the field as the interchange format does (``narrative``,
    ``events[3].detail``, ``actions[0]``); ``start``/``end`` index that field's
    text, and are both 0 when the finding is about the field or item as a whole.
    """

    rule: str
    where: str
    start: int
    end: int
    message: str
    suggestion: str | None = None
    excerpt: str = ""

    @property
    def family(self) -> Family:
        """The family is the rule id's first part, so a new rule needs no separate table entry."""
        return Family(self.rule.split(".", 1)[0])

    @property
    def key(self) -> str:
        """Stable identity for dismissal: rule, field and the matched words."""
        words = " ".join(self.excerpt.lower().split())
        return f"{self.rule}|{self.where}|{words}"
