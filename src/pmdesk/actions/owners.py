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

#: First words that start an action or name a topic, so "Migrate to …" or "Fix flaky test -"
#: is not read as a new person called Migrate or Fix Flaky Test.
NOT_FIRST_NAMES = frozenset(
    [
        "add",
        "adjust",
        "alert",
        "allow",
        "apply",
        "archive",
        "ask",
        "assign",
        "audit",
        "automate",
        "block",
        "build",
        "bump",
        "cap",
        "change",
        "check",
        "clean",
        "configure",
        "confirm",
        "convert",
        "copy",
        "create",
        "cut",
        "default",
        "define",
        "delete",
        "deploy",
        "disable",
        "document",
        "drop",
        "enable",
        "enforce",
        "escalate",
        "expose",
        "extend",
        "fix",
        "flag",
        "gate",
        "grant",
        "hand",
        "improve",
        "install",
        "investigate",
        "limit",
        "link",
        "lower",
        "make",
        "map",
        "migrate",
        "monitor",
        "move",
        "pin",
        "plan",
        "port",
        "post",
        "publish",
        "push",
        "raise",
        "rate",
        "reduce",
        "refactor",
        "remove",
        "rename",
        "replace",
        "restrict",
        "retire",
        "retry",
        "return",
        "revert",
        "review",
        "roll",
        "rotate",
        "route",
        "run",
        "schedule",
        "scale",
        "send",
        "set",
        "ship",
        "shorten",
        "split",
        "start",
        "stop",
        "switch",
        "tag",
        "test",
        "tie",
        "track",
        "train",
        "tune",
        "turn",
        "update",
        "upgrade",
        "use",
        "validate",
        "verify",
        "write",
        "alerting",
        "api",
        "backend",
        "ci",
        "comms",
        "communication",
        "config",
        "database",
        "db",
        "deploys",
        "docs",
        "dns",
        "frontend",
        "infra",
        "monitoring",
        "oncall",
        "on-call",
        "ops",
        "process",
        "runbook",
        "runbooks",
        "security",
        "sre",
        "support",
        "testing",
        "tests",
        "tooling",
    ]
)
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "our",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "all",
        "every",
        "new",
    ]
)

_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class OwnerMatch:
    """The owner as pmdesk understood it: a known person, a new name, or an ambiguous one."""

    name: str
    person_id: str | None
    candidates: tuple[str, ...] = ()
    note: str | None = None

    @property
    def is_new(self) -> bool:
        """A name that matched nobody, not even ambiguously: the caller adds it as a new person."""
        return self.person_id is None and not self.candidates


def looks_like_name(text: str, *, max_words: int = 3) -> bool:
    """Whether text could be a person's name: one to three words of letters, not a label."""
    words = text.split()
    if not 1 <= len(words) <= max_words:
        return False
    if text.lower() in NOT_NAMES:
        return False
    return all(_NAME_WORD.fullmatch(word) for word in words)


def plausible_new_name(text: str, *, capitalised: bool) -> bool:
    """Whether an unknown name is likely a person rather than a verb or a topic."""
    if not looks_like_name(text):
        return False
    words = text.lstrip("@").split()
    if words[0].casefold() in NOT_FIRST_NAMES:
        return False
    return not capitalised or all(w[:1].isupper() for w in words)


def starts_like_a_task(text: str) -> bool:
    """Whether text after "Name to" starts like a verb phrase ("add …"), not "the new pager"."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return first.isalpha() and first.islower() and first not in _DETERMINERS


def match_owner(typed: str, people: Sequence[Person]) -> OwnerMatch:
    """Match a typed owner name against the review's people (case-insensitive)."""
    typed = " ".join(typed.strip().lstrip("@").split())
    key = _key(typed)
    if not key:
        return OwnerMatch(typed, None)
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
    """A name folded for comparison: case, dots, underscores and spacing do not count."""
    return " ".join(re.split(r"[\s._]+", name.casefold())).strip()


def _full(name: str, key: str) -> bool:
    return _key(name) == key


def _squeezed(name: str, key: str) -> bool:
    """Match ignoring spaces and hyphens too, so "samrivera" finds "Sam Rivera"."""
    squeezed = key.replace(" ", "").replace("-", "")
    return bool(squeezed) and _key(name).replace(" ", "").replace("-", "") == squeezed


def _first(name: str, key: str) -> bool:
    """Match on the first name alone, as people say "Alex" in a meeting."""
    parts = _key(name).split()
    return bool(parts) and parts[0] == key


def _last(name: str, key: str) -> bool:
    """Match on the surname alone; single-word names are left to _first."""
    parts = _key(name).split()
    return len(parts) > 1 and parts[-1] == key


def _display(typed: str) -> str:
    """A new name as it will be stored: handles become words, all-lowercase gets capitals."""
    words = [w for w in re.split(r"[\s._]+", typed) if w]
    if all(w == w.lower() for w in words):
        words = [w[:1].upper() + w[1:] for w in words]
    return " ".join(words)
