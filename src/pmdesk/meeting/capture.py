"""Quick capture: one typed line becomes a review item, chosen by its prefix.

``e 14:32 rollback started`` an event (time optional), ``f monitoring: no alert
on lag`` a factor in the layer whose name starts with the words before the
colon, ``w fast escalation`` something that went well, ``l`` where we got
lucky, ``? why was the canary skipped`` a question, ``p`` the parking lot, and
``a Alex: add lag alert by Friday`` an action (read by
:func:`pmdesk.actions.capture.parse_action_line`). The facilitator types at the
speed of the room; ``Capture.understood`` says back what pmdesk made of it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pmdesk.actions.capture import parse_action_line
from pmdesk.clock import format_moment, parse_moment
from pmdesk.errors import BadInput
from pmdesk.model.review import (
    Event,
    EventKind,
    Factor,
    Item,
    Layer,
    Note,
    NoteKind,
    Person,
    Review,
    Source,
    SourceType,
    Stage,
    WentWell,
    new_id,
)
from pmdesk.text import clean_text

MAX_LINE = 2000


class CaptureKind(enum.StrEnum):
    EVENT = "event"
    FACTOR = "factor"
    WENT_WELL = "went_well"
    LUCKY = "lucky"
    QUESTION = "question"
    PARKING = "parking"
    ACTION = "action"


#: Prefix → kind; the help overlay lists these in this order.
PREFIXES: tuple[tuple[str, CaptureKind, str], ...] = (
    ("e", CaptureKind.EVENT, "e 14:32 rollback started"),
    ("f", CaptureKind.FACTOR, "f monitoring: no alert on replication lag"),
    ("w", CaptureKind.WENT_WELL, "w fast escalation to the database team"),
    ("l", CaptureKind.LUCKY, "l the failover happened outside the sale"),
    ("?", CaptureKind.QUESTION, "? why was the canary skipped"),
    ("p", CaptureKind.PARKING, "p retention policy for audit logs"),
    ("a", CaptureKind.ACTION, "a Alex: add lag alert by Friday"),
)
_KINDS = {prefix: kind for prefix, kind, _ in PREFIXES}
_LINE = re.compile(r"^\s*(?:(?P<q>\?)\s*|(?P<p>[a-zA-Z])(?:\s+|\s*:\s*))(?P<rest>.*)$", re.DOTALL)
_TIME = re.compile(
    r"^(?P<t>(?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?)(?:\s+|$)",
    re.IGNORECASE,
)
_EVENT_WORDS: tuple[tuple[EventKind, tuple[str, ...]], ...] = (
    (EventKind.ALERT, ("alert", "paged", "page ", "alarm")),
    (EventKind.ESCALATION, ("escalat", "called in", "brought in")),
    (EventKind.MITIGATION, ("rollback", "rolled back", "revert", "failover", "mitigat", "restart")),
    (EventKind.RESOLUTION, ("resolved", "recovered", "back to normal", "all clear")),
    (EventKind.CHANGE, ("deploy", "config", "release", "migration", "change")),
    (EventKind.COMMUNICATION, ("status page", "customers", "announce", "posted")),
    (EventKind.HYPOTHESIS, ("suspect", "maybe", "might be", "thought", "believed")),
    (EventKind.DETECTION, ("noticed", "detected", "spotted", "reported")),
    (EventKind.INVESTIGATION, ("looked at", "checked", "investigat", "dashboard")),
)
_KIND_LABELS = {
    CaptureKind.EVENT: "event",
    CaptureKind.FACTOR: "factor",
    CaptureKind.WENT_WELL: "went well",
    CaptureKind.LUCKY: "where we got lucky",
    CaptureKind.QUESTION: "question",
    CaptureKind.PARKING: "parking lot",
    CaptureKind.ACTION: "action",
}


@dataclass(frozen=True, slots=True)
class Capture:
    """What one line becomes: the items to add, in order, and what was understood.

    An action for a new owner adds the person first, so ``items`` may hold two.
    """

    kind: CaptureKind
    items: tuple[Item, ...]
    understood: str

    @property
    def item(self) -> Item:
        """The captured item itself (the last one; a new owner comes before it)."""
        return self.items[-1]


def kind_label(kind: CaptureKind) -> str:
    """The word the console shows for a kind of capture ("event", "parking lot")."""
    return _KIND_LABELS[kind]


def parse_capture(line: str, review: Review, *, today: date, now: datetime) -> Capture:
    """Read one typed line; raise BadInput with a hint when the prefix or the text is missing."""
    if len(line) > MAX_LINE:
        raise BadInput(f"quick capture takes one line of at most {MAX_LINE} characters")
    text = " ".join(clean_text(line).split())
    match = _LINE.match(text)
    kind = None
    if match:
        kind = CaptureKind.QUESTION if match.group("q") else _KINDS.get(match.group("p").lower())
    if match is None or kind is None:
        raise BadInput(
            "start the line with e (event), f (factor), w (went well), l (lucky), "
            "? (question), p (parking lot) or a (action), then a space"
        )
    rest = match.group("rest").strip()
    if not rest:
        raise BadInput(f"'{text}' has nothing after the prefix to capture")
    if kind is CaptureKind.EVENT:
        return _event(rest, review, now)
    if kind is CaptureKind.FACTOR:
        return _factor(rest, review)
    if kind is CaptureKind.ACTION:
        return _action(rest, review, today)
    if kind is CaptureKind.WENT_WELL:
        return Capture(kind, (WentWell(new_id(), rest),), f"Went well: {rest}")
    note_kind = {
        CaptureKind.LUCKY: NoteKind.LUCKY,
        CaptureKind.QUESTION: NoteKind.QUESTION,
        CaptureKind.PARKING: NoteKind.PARKING,
    }[kind]
    label = _KIND_LABELS[kind]
    return Capture(kind, (Note(new_id(), note_kind, rest),), f"{label.capitalize()}: {rest}")


def _event(rest: str, review: Review, now: datetime) -> Capture:
    """An event at the typed time, else a minute after the last one; kind guessed from its title."""
    events = review.events_by_time()
    reference = events[-1].at if events else (review.started_at or now)
    time_match = _TIME.match(rest)
    if time_match:
        at = parse_moment(time_match.group("t"), review.timezone, review.started_at or reference)
        title = rest[time_match.end() :].strip()
        when = f"at {format_moment(at, review.timezone)}"
    else:
        at = reference + timedelta(minutes=1) if events else reference
        title = rest
        when = f"no time given, placed after the last event ({format_moment(at, review.timezone)})"
    if at is None or not title:
        raise BadInput(f"'{rest}' needs a title after the time, like 'e 14:32 rollback started'")
    kind = guess_event_kind(title)
    event = Event(new_id(), at, kind, title, source=Source(SourceType.MANUAL))
    return Capture(CaptureKind.EVENT, (event,), f"Event {when} ({kind.value}): {title}")


def guess_event_kind(title: str) -> EventKind:
    """A first guess from common words; the facilitator can change it in the table."""
    folded = title.casefold()
    for kind, words in _EVENT_WORDS:
        if any(word in folded for word in words):
            return kind
    return EventKind.NOTE


def _factor(rest: str, review: Review) -> Capture:
    """A factor in the layer whose name the text starts with, else in detection for the board."""
    layers = review.ordered_layers()
    if not layers:
        raise BadInput("this review has no layers of defence yet; add one under Factors first")
    layer: Layer | None = None
    text = rest
    head, colon, tail = rest.partition(":")
    if colon and head.strip() and tail.strip():
        wanted = head.strip().casefold()
        layer = next((lay for lay in layers if lay.name.casefold().startswith(wanted)), None)
        if layer is None:
            layer = next(
                (lay for lay in layers if any(w.startswith(wanted) for w in _words(lay.name))),
                None,
            )
        if layer is not None:
            text = tail.strip()
    how = ""
    if layer is None:
        layer = next((lay for lay in layers if lay.stage is Stage.DETECT), layers[0])
        how = " (no layer named; move it on the board)"
    factor = Factor(new_id(), layer.id, text)
    return Capture(CaptureKind.FACTOR, (factor,), f"Factor in '{layer.name}'{how}: {text}")


def _words(name: str) -> list[str]:
    """A layer's name as lower-case words, so "mon:" finds "Alerting and monitoring"."""
    return [w for w in re.split(r"\W+", name.casefold()) if w]


def _action(rest: str, review: Review, today: date) -> Capture:
    """An action read as quick capture reads it, the new owner added first when needed."""
    captured = parse_action_line(rest, today=today, people=review.people)
    items: list[Item] = []
    person: Person | None = captured.new_person(new_id())
    owner_id = captured.owner_id
    if person is not None:
        items.append(person)
        owner_id = person.id
    items.append(captured.to_action(new_id(), owner_id=owner_id))
    return Capture(CaptureKind.ACTION, tuple(items), "Action: " + " · ".join(captured.understood))
