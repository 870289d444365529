"""Who an action's owner is: a name typed in a hurry, matched to the review's people.

People type "alex", "@sam.rivera", "Sam Rivera" or "Rivera". A match is made
case-insensitively on the full name, the first name, the last name, or the
name with spaces and dots squeezed out (chat handles). A name that fits two
people matches neither, so pmdesk never assigns work to the wrong person; the
capture reading says which people it could be.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmdesk.model.review import Person

#: Words before a colon or "to" that are not anybody's name.
NOT_NAMES = frozenset(
    {
        "action",
        "actions",
        "action item",
        "ai",
        "todo",
        "to do",
        "task",
        "follow up",
        "follow-up",
        "followup",
        "next step",
        "next steps",
        "note",
        "fix",
        "idea",
        "we",
        "i",
        "you",
        "they",
        "us",
        "team",
        "the team",
        "someone",
        "somebody",
        "anyone",
        "everyone",
        "nobody",
        "owner",
        "tbd",
        "unassigned",
        "need",
        "needs",
        "also",
        "then",
        "and",
        "or",
        "please",
        "it",
        "this",
        "that",
        "goal",
        "outcome",
        "due",
        "deadline",
        "why",
        "what",
        "how",
        "when",
        "who",
        "where",
        "p1",
        "p2",
        "p3",
    }
)

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class OwnerMatch:
    """The owner as pmdesk understood it: a known person, a new name, or an ambiguous one."""

    name: str
    person_id: str | None
    candidates: tuple[str, ...] = ()

    @property
    def is_new(self) -> bool:
        return self.person_id is None and not self.candidates


def looks_like_name(text: str, *, max_words: int = 3) -> bool:
    """Whether text could be a person's name: one to three words of letters, not a label."""
    words = text.split()
    if not 1 <= len(words) <= max_words:
        return False
    if text.lower() in NOT_NAMES:
        return False
    return all(_NAME_WORD.fullmatch(word) for word in words)


def match_owner(typed: str, people: Sequence[Person]) -> OwnerMatch:
    """Match a typed owner name against the review's people (case-insensitive)."""
    typed = " ".join(typed.strip().lstrip("@").split())
    key = _key(typed)
    for matcher in (_full, _squeezed, _first, _last):
        hits = [p for p in people if p.name.strip() and matcher(p.name, key)]
        unique = {p.id: p for p in hits}
        if len(unique) == 1:
            person = next(iter(unique.values()))
            return OwnerMatch(person.name, person.id)
        if len(unique) > 1:
            return OwnerMatch(_display(typed), None, tuple(p.name for p in unique.values()))
    return OwnerMatch(_display(typed), None)


def _key(name: str) -> str:
    return " ".join(re.split(r"[\s._]+", name.casefold())).strip()


def _full(name: str, key: str) -> bool:
    return _key(name) == key


def _squeezed(name: str, key: str) -> bool:
    return _key(name).replace(" ", "").replace("-", "") == key.replace(" ", "").replace("-", "")


def _first(name: str, key: str) -> bool:
    return _key(name).split()[0] == key


def _last(name: str, key: str) -> bool:
    parts = _key(name).split()
    return len(parts) > 1 and parts[-1] == key


def _display(typed: str) -> str:
    """A new name as it will be stored: handles become words, all-lowercase gets capitals."""
    words = [w for w in re.split(r"[\s._]+", typed) if w]
    if all(w == w.lower() for w in words):
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(words)
