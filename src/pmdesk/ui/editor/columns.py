"""Column definitions of the review's tables: how each field is shown and typed.

These are presentation choices only; every rule about what a valid value is
lives in the core (``pmdesk.clock`` parses times, the library checks
references and required text).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pmdesk.clock import format_moment, parse_day, parse_moment
from pmdesk.errors import BadInput
from pmdesk.model import (
    Action,
    ActionStatus,
    Event,
    EventKind,
    Factor,
    FactorCategory,
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
from pmdesk.ui.item_table import Column

_NONE = "—"


def _label(value: str) -> str:
    """An enum value as the table shows it: "third_party" reads "third party"."""
    return value.replace("_", " ")


def _enum_choices(values: list[str]) -> list[tuple[str, str]]:
    return [(v, _label(v)) for v in values]


def _from_label(text: str, values: list[str], what: str) -> str:
    """The enum value a typed cell names, by value or by its shown label."""
    for value in values:
        if text in (value, _label(value)):
            return value
    raise BadInput(f"'{text}' is not a {what}")


def _person_choices(review: Review) -> list[tuple[str, str]]:
    """The owner and actor drop-down: "nobody" first, then the review's people."""
    return [("", _NONE)] + [(p.id, p.name) for p in review.people]


def _person_ref(review: Review, text: str) -> str | None:
    """The person a typed name means: exact name or id, else a unique name prefix."""
    text = text.strip()
    if not text or text == _NONE:
        return None
    for person in review.people:
        if person.name == text or person.id == text:
            return person.id
    folded = text.casefold()
    matches = [p for p in review.people if p.name.casefold().startswith(folded)]
    if len(matches) == 1:
        return matches[0].id
    raise BadInput(f"'{text}' is not a person of this review; add them under Overview first")


def _text(value: str | None) -> str:
    """An optional field shown as an empty cell."""
    return value or ""


def _optional(text: str) -> str | None:
    """A blank cell clears the field instead of storing whitespace."""
    return text if text.strip() else None


# -- people -----------------------------------------------------------------------

PEOPLE_COLUMNS = [
    Column("Name", lambda r, p: p.name, lambda r, p, t: dataclasses.replace(p, name=t), width=22),
    Column(
        "Role",
        lambda r, p: _text(p.role),
        lambda r, p, t: dataclasses.replace(p, role=_optional(t)),
        width=24,
        tooltip="Their role in the incident: incident commander, on-call, subject expert …",
    ),
    Column(
        "Team",
        lambda r, p: _text(p.team),
        lambda r, p, t: dataclasses.replace(p, team=_optional(t)),
    ),
]


def new_person(review: Review) -> Person:
    """A placeholder name, numbered so several new rows stay apart."""
    return Person(new_id(), f"Person {len(review.people) + 1}")


# -- events -----------------------------------------------------------------------

_KINDS = [k.value for k in EventKind]


def _event_time(review: Review, event: Event) -> str:
    """An event's time, with the date only when the events span more than one day."""
    days = {format_moment(e.at, review.timezone)[:10] for e in review.events}
    return format_moment(event.at, review.timezone, with_date=len(days) > 1)


def _set_event_time(review: Review, event: Event, text: str) -> Event:
    """Read a typed time on the event's own day unless the text names another."""
    moment = parse_moment(text, review.timezone, reference=event.at)
    if moment is None:
        raise BadInput("an event needs a time")
    return dataclasses.replace(event, at=moment)


EVENT_COLUMNS = [
    Column(
        "Time",
        _event_time,
        _set_event_time,
        sort=lambda r, e: e.at.timestamp(),
        width=16,
        tooltip="In the review's time zone; type 14:32 or 2026-10-14 14:32",
    ),
    Column(
        "Kind",
        lambda r, e: _label(e.kind.value),
        lambda r, e, t: dataclasses.replace(e, kind=EventKind(_from_label(t, _KINDS, "kind"))),
        choices=lambda r: _enum_choices(_KINDS),
        width=16,
    ),
    Column("What happened", lambda r, e: e.title, lambda r, e, t: dataclasses.replace(e, title=t)),
    Column(
        "What we knew or believed",
        lambda r, e: _text(e.knew),
        lambda r, e, t: dataclasses.replace(e, knew=_optional(t)),
        tooltip="What the team knew or believed at that moment, without hindsight",
    ),
    Column(
        "Who",
        lambda r, e: r.person_name(e.actor) or "",
        lambda r, e, t: dataclasses.replace(e, actor=_person_ref(r, t)),
        choices=_person_choices,
        width=16,
    ),
    Column(
        "Key",
        lambda r, e: "key moment" if e.key else "",
        check=lambda e: e.key,
        toggle=lambda e, on: dataclasses.replace(e, key=on),
        width=5,
        tooltip="Key moments stand out on the timeline and in the leadership report",
    ),
]


def new_event(review: Review) -> Event:
    """A new event a minute after the latest one, so it lands at the end of the timeline."""
    latest = max((e.at for e in review.events), default=None)
    at = (
        (latest + timedelta(minutes=1))
        if latest
        else (review.started_at or datetime.now(UTC).replace(second=0, microsecond=0))
    )
    return Event(new_id(), at, EventKind.NOTE, "New event", source=Source(SourceType.MANUAL))


# -- layers and factors -------------------------------------------------------------

_STAGES = [s.value for s in Stage]
_CATEGORIES = [c.value for c in FactorCategory]


def _layer_choices(review: Review) -> list[tuple[str, str]]:
    """The factor's layer drop-down, in board order."""
    return [(layer.id, layer.name) for layer in review.ordered_layers()]


def _layer_name(review: Review, layer_id: str) -> str:
    """The layer's name, or empty when the factor's layer is gone."""
    layer = review.layer(layer_id)
    return layer.name if layer else ""


def _layer_ref(review: Review, text: str) -> str:
    """The layer a typed cell names, by name or id."""
    for layer in review.layers:
        if text in (layer.name, layer.id):
            return layer.id
    raise BadInput(f"'{text}' is not a layer of this review")


LAYER_COLUMNS = [
    Column("Layer of defence", lambda r, x: x.name, lambda r, x, t: dataclasses.replace(x, name=t)),
    Column(
        "Stage",
        lambda r, x: _label(x.stage.value) if x.stage else "",
        lambda r, x, t: dataclasses.replace(
            x, stage=Stage(_from_label(t, _STAGES, "stage")) if t.strip() else None
        ),
        choices=lambda r: _enum_choices(_STAGES),
        width=12,
    ),
]


def new_layer(review: Review) -> Layer:
    """A new layer placed last on the board, in the respond stage."""
    order = max((x.order or 0 for x in review.layers), default=-1) + 1
    return Layer(new_id(), f"Layer {len(review.layers) + 1}", Stage.RESPOND, order)


FACTOR_COLUMNS = [
    Column(
        "Layer",
        lambda r, f: _layer_name(r, f.layer),
        lambda r, f, t: dataclasses.replace(f, layer=_layer_ref(r, t)),
        choices=_layer_choices,
        sort=lambda r, f: [x.id for x in r.ordered_layers()].index(f.layer),
        width=22,
    ),
    Column(
        "Contributing factor",
        lambda r, f: f.text,
        lambda r, f, t: dataclasses.replace(f, text=t),
        tooltip="A hole in this layer of defence: a condition, not a person's failing",
    ),
    Column(
        "Category",
        lambda r, f: _label(f.category or ""),
        lambda r, f, t: dataclasses.replace(
            f, category=_from_label(t, _CATEGORIES, "category") if t.strip() else None
        ),
        choices=lambda r: _enum_choices(_CATEGORIES),
        width=12,
    ),
    Column(
        "Third party",
        lambda r, f: "",
        check=lambda f: f.third_party,
        toggle=lambda f, on: dataclasses.replace(f, third_party=on),
        width=12,
        tooltip="A dependency we chose: what did we accept or check?",
    ),
    Column(
        "On trajectory",
        lambda r, f: "",
        check=lambda f: f.on_trajectory,
        toggle=lambda f, on: dataclasses.replace(f, on_trajectory=on),
        width=14,
        tooltip="The holes that lined up on the path of this incident",
    ),
    Column(
        "Others may share",
        lambda r, f: "",
        check=lambda f: f.generalisable,
        toggle=lambda f, on: dataclasses.replace(f, generalisable=on),
        width=16,
        tooltip="Other teams likely built this defence the same way: their report lists it",
    ),
]


def new_factor(review: Review) -> Factor:
    """A new factor in the first layer; a review without layers must get one first."""
    layers = review.ordered_layers()
    if not layers:
        raise BadInput("add a layer of defence first")
    return Factor(new_id(), layers[0].id, "New contributing factor")


# -- actions ---------------------------------------------------------------------

_STATUSES = [s.value for s in ActionStatus]

ACTION_COLUMNS = [
    Column(
        "Owner",
        lambda r, a: r.person_name(a.owner) or "",
        lambda r, a, t: dataclasses.replace(a, owner=_person_ref(r, t)),
        choices=_person_choices,
        width=16,
    ),
    Column(
        "What will be done",
        lambda r, a: a.text,
        lambda r, a, t: dataclasses.replace(a, text=t),
        tooltip="Start with a verb: add, remove, alert, document …",
    ),
    Column(
        "Measurable outcome",
        lambda r, a: _text(a.outcome),
        lambda r, a, t: dataclasses.replace(a, outcome=_optional(t)),
        tooltip="How we will know it is done: a number, a test, a threshold",
    ),
    Column(
        "Due",
        lambda r, a: a.due.isoformat() if a.due else "",
        lambda r, a, t: dataclasses.replace(a, due=parse_day(t)),
        sort=lambda r, a: a.due.isoformat() if a.due else "9999",
        width=10,
    ),
    Column(
        "Status",
        lambda r, a: _label(a.status.value),
        lambda r, a, t: dataclasses.replace(
            a, status=ActionStatus(_from_label(t, _STATUSES, "status"))
        ),
        choices=lambda r: _enum_choices(_STATUSES),
        width=11,
    ),
    Column(
        "Tracker",
        lambda r, a: _text(a.tracker_ref),
        lambda r, a, t: dataclasses.replace(a, tracker_ref=_optional(t)),
        width=9,
    ),
]


def new_action(review: Review) -> Action:
    return Action(new_id(), "New action")


# -- went well and notes --------------------------------------------------------------

WENT_WELL_COLUMNS = [
    Column("What went well", lambda r, w: w.text, lambda r, w, t: dataclasses.replace(w, text=t)),
]

NOTE_COLUMNS = [
    Column("Text", lambda r, n: n.text, lambda r, n, t: dataclasses.replace(n, text=t)),
]


def new_went_well(review: Review) -> WentWell:
    return WentWell(new_id(), "Something that went well")


def note_factory(kind: NoteKind, text: str) -> Callable[[Review], Note]:
    """A row maker for one kind of note, with that kind's placeholder text."""

    def make(review: Review) -> Note:
        return Note(new_id(), kind, text)

    return make
