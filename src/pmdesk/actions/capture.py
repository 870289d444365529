"""Quick capture: one line typed during the meeting becomes a structured action.

``Alex: add an alert for replication lag > 30s by 15 Dec`` gives owner Alex,
the action "Add an alert for replication lag > 30s", the outcome "replication
lag > 30s" and the due date 15 Dec. The facilitator keeps typing at the speed
of the conversation; pmdesk does the filing and says what it understood
(``CapturedAction.understood``) before anything is stored, so a wrong guess is
fixed in the meeting, not discovered a month later.

Owners are found in these shapes, first match wins: ``owner: Alex`` anywhere,
``@alex`` anywhere, ``Alex: …`` / ``Sam Rivera - …`` at the start, ``Alex to …`` /
``Alex will …`` at the start, ``… (Alex)`` / ``… assigned to Alex`` at the end.
Due dates are read by :mod:`pmdesk.actions.dates`; outcomes by
:mod:`pmdesk.actions.outcome`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pmdesk.actions.dates import DueMatch, describe, find_due
from pmdesk.actions.outcome import find_outcome
from pmdesk.actions.owners import (
    OwnerMatch,
    looks_like_name,
    match_owner,
    plausible_new_name,
    starts_like_a_task,
)
from pmdesk.errors import BadInput
from pmdesk.model.review import Action, ActionStatus, Person
from pmdesk.text import clean_text

MAX_LINE = 2000

_BULLET = re.compile(
    r"^(?:\s*(?:[-*•·–—>]+(?=\s|\[)|\[\s?[xX ]?\s?\]|\d{1,3}[.)](?=\s)|"
    r"(?:ai|action(?: item)?|todo|to do|task|follow[- ]?up|next step)\s*[:\-–—]))+\s*",
    re.IGNORECASE,
)
_OWNER_FIELD = re.compile(
    r"[(\[]?\b(?:owner|owned by|assignee|assigned to|assign to)\s*[:=]?\s*"
    r"(?P<name>@?[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2}?)"
    r"\s*(?=[)\],;:]|$|\s[-–—]\s|\s+(?:by|due|before|until|on|in|within)\b)[)\]]?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@])@(?P<name>[^\W\d_][\w.'-]*[\w])")
_NAME = r"@?[^\W\d_][\w'’.-]*(?:(?:\s+|\s*[&/,]\s*)[^\W\d_][\w'’.-]*){0,4}"
_SEVERAL = re.compile(r"\s+(?:and|&)\s+|\s*[&/,]\s*")
_LEAD_NAME = re.compile(rf"^(?P<name>{_NAME})\s*(?P<sep>:|\s[-–—]\s)\s*(?P<rest>.+)$")
_TO_NAME = re.compile(
    rf"^(?P<name>{_NAME}?)\s+"
    r"(?P<link>to|will|shall|is going to|is to|needs to|agreed to|has to|owns|takes|"
    r"can|should|must)\s+(?P<rest>.+)$"
)
_TRAILING_NAME = re.compile(
    r"\s*[(\[](?P<name>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})[)\]]\s*$"
)
_LEADING_FILLER = re.compile(
    r"^(?:(?:(?:we|the team|team|i|someone)\s+(?:will|shall|should|must|need to|needs to|are "
    r"going to|is going to|have to|has to|agreed to)|will|shall|to|should|must|needs? to|"
    r"is going to|going to|please|can you|let's|action|todo)\s+)+",
    re.IGNORECASE,
)
# A dash left at the start by a cut ("- add …"), not the sign of "-5%".
_LEADING_DASH = re.compile(r"^[-–—]+(?:\s+|$)")
_TRAILING_JUNK = re.compile(r"[\s,;:\-–—(\[]+$|\s+(?:by|due|before|until|on|in|and)$")

_VAGUE_WHEN = re.compile(
    r"\b(?:asap|as soon as possible|soon|soonish|eventually|someday|when possible|later)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class CapturedAction:
    """An action read from one typed line, with plain sentences saying how it was read.

    ``owner_id`` is set when the owner matched one of the review's people;
    ``owner_is_new`` when the name matched nobody (the caller adds the person,
    see :meth:`new_person`). ``due_phrase`` is the words the date came from.
    """

    line: str
    text: str
    owner_name: str | None
    owner_id: str | None
    owner_is_new: bool
    outcome: str | None
    due: date | None
    due_phrase: str | None
    understood: tuple[str, ...]

    def new_person(self, person_id: str) -> Person | None:
        """The person to add to the review for a new owner's name, or None if none is needed."""
        if self.owner_is_new and self.owner_name:
            return Person(id=person_id, name=self.owner_name)
        return None

    def to_action(self, action_id: str, *, owner_id: str | None = None) -> Action:
        """The action to store; pass ``owner_id`` for a person just added with new_person."""
        return Action(
            id=action_id,
            text=self.text,
            owner=owner_id or self.owner_id,
            outcome=self.outcome,
            due=self.due,
            status=ActionStatus.OPEN,
        )


def parse_action_line(
    line: str,
    *,
    today: date,
    people: Sequence[Person],
    sprint_end: date | None = None,
) -> CapturedAction:
    """Read one typed line as an action; raise BadInput when no action text is left."""
    original = line
    if len(line) > MAX_LINE:
        raise BadInput(f"an action is one line of at most {MAX_LINE} characters; this is longer")
    text = " ".join(clean_text(line).split())
    text = _BULLET.sub("", text, count=1)

    due_match = find_due(text, today, sprint_end=sprint_end)
    if due_match:
        text = _cut(text, due_match.start, due_match.end)

    owner, text = _take_owner(text, people)
    bare = text.strip(" .,;:-–—")
    if owner is None and looks_like_name(bare):
        alone = match_owner(bare, people)
        if alone.person_id:
            owner, text = alone, ""
    text = _tidy(text)
    if not text:
        raise BadInput(
            f"'{_quote(original)}' has no action to take; type it like "
            "'Alex: add an alert for replication lag > 30s by 15 Dec'"
        )
    outcome = find_outcome(text)
    understood = _understood(owner, text, outcome, due_match)
    return CapturedAction(
        line=clean_text(original),
        text=text,
        owner_name=owner.name if owner else None,
        owner_id=owner.person_id if owner else None,
        owner_is_new=bool(owner and owner.is_new),
        outcome=outcome,
        due=due_match.due if due_match else None,
        due_phrase=due_match.phrase if due_match else None,
        understood=understood,
    )


def _take_owner(text: str, people: Sequence[Person]) -> tuple[OwnerMatch | None, str]:
    """The owner a line names and the rest of the line; shapes are tried in the module's order."""
    field = _OWNER_FIELD.search(text)
    if field and looks_like_name(field.group("name").lstrip("@")):
        return match_owner(field.group("name"), people), _cut(text, field.start(), field.end())

    lead = _LEAD_NAME.match(text)
    if lead:
        colon = lead.group("sep") == ":"
        owner = _owner_from(lead.group("name"), people, capitalised=not colon)
        if owner:
            return owner, lead.group("rest")

    handle = _HANDLE.search(text)
    if handle:
        owner = match_owner(handle.group("name"), people)
        at_edge = handle.start() == 0 or handle.end() == len(text.rstrip())
        replacement = "" if at_edge else (owner.name.split()[0] if owner.person_id else owner.name)
        return owner, text[: handle.start()] + replacement + text[handle.end() :]

    to_name = _TO_NAME.match(text)
    if to_name:
        rest = to_name.group("rest")
        if to_name.group("link") in ("owns", "takes"):
            rest = re.sub(r"^(?:the\s+)?(?:action\s+)?(?:to\s+)?", "", rest, flags=re.IGNORECASE)
        owner = _owner_from(to_name.group("name"), people, capitalised=True)
        if owner and (owner.person_id or owner.candidates or starts_like_a_task(rest)):
            return owner, rest

    trailing = _TRAILING_NAME.search(text)
    if trailing:
        owner = match_owner(trailing.group("name"), people)
        if owner.person_id or owner.candidates:
            return owner, text[: trailing.start()]
    return None, text


def _owner_from(name: str, people: Sequence[Person], *, capitalised: bool) -> OwnerMatch | None:
    """The owner a typed name stands for: a known person, or a plausible new one.

    "Alex and Sam" gives Alex, with a note: an action has one owner.
    """
    bare = name.lstrip("@")
    parts = [p for p in _SEVERAL.split(bare) if p]
    if len(parts) > 1:
        first = _owner_from(parts[0], people, capitalised=capitalised)
        if first is None:
            return None
        note = f"first of '{bare}'; an action has one owner"
        return OwnerMatch(first.name, first.person_id, first.candidates, note)
    if not looks_like_name(bare):
        return None
    match = match_owner(bare, people)
    if match.person_id or match.candidates:
        return match
    return match if plausible_new_name(bare, capitalised=capitalised) else None


def _cut(text: str, start: int, end: int) -> str:
    """Remove text[start:end] and close the gap, so a cut date or owner leaves one space behind."""
    return (text[:start].rstrip() + " " + text[end:].lstrip()).strip()


def _tidy(text: str) -> str:
    """Strip the filler a cut leaves ("we will", "by", "-") until nothing changes; capitalise."""
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = " ".join(text.split())
    previous = None
    while previous != text:
        previous = text
        text = _LEADING_FILLER.sub("", text)
        text = _TRAILING_JUNK.sub("", text).strip(" .,;:")
        text = _LEADING_DASH.sub("", text)
    if text and text[0].islower() and text.split()[0].islower():
        text = text[0].upper() + text[1:]
    return text


def _quote(text: str, limit: int = 60) -> str:
    """The typed line cut short for an error message, so a pasted paragraph cannot fill it."""
    flat = " ".join(clean_text(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _understood(
    owner: OwnerMatch | None, text: str, outcome: str | None, due: DueMatch | None
) -> tuple[str, ...]:
    """One plain line per field saying what was read, or what is missing and how to type it."""
    lines: list[str] = []
    if owner is None:
        lines.append("owner: none found; name one, e.g. 'Alex: …'")
    elif owner.candidates:
        names = " or ".join(owner.candidates)
        lines.append(f"owner: '{owner.name}' could be {names}; choose one")
    elif owner.is_new:
        lines.append(f"owner: {owner.name} (new person{'; ' + owner.note if owner.note else ''})")
    elif owner.note:
        lines.append(f"owner: {owner.name} ({owner.note})")
    else:
        lines.append(f"owner: {owner.name}")
    lines.append(f"action: {text}")
    if outcome:
        lines.append(f"outcome: {outcome}")
    else:
        lines.append("outcome: none found; say how you will know it worked")
    vague = _VAGUE_WHEN.search(text)
    if due is None and vague:
        lines.append(f"due: none found ('{vague.group()}' is not a date; name a day)")
    elif due is None:
        lines.append("due: none found")
    elif due.due is None:
        lines.append(f"due: not set ('{due.phrase}': {due.note})")
    else:
        note = f"; {due.note}" if due.note else ""
        lines.append(f"due: {describe(due.due)} (from '{due.phrase}'{note})")
    return tuple(lines)
