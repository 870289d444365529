"""One user intention, one transaction: ``Library.edit`` writes many items or none."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event

from pmdesk.errors import ConflictError, NotFound
from pmdesk.model import Event, EventKind, Factor, Part, Person, Review
from pmdesk.store import Library

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)


def _events(n: int, start: int = 0) -> list[Event]:
    return [
        Event(f"e{i}", T0 + timedelta(minutes=i), EventKind.NOTE, f"Note {i}")
        for i in range(start, start + n)
    ]


@contextmanager
def statements(library: Library) -> Iterator[list[str]]:
    """The SQL statements the library sends while the block runs (executemany counts once)."""
    seen: list[str] = []
    engine = library._engine

    def record(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        seen.append(sql)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_many_puts_are_one_version_and_one_change_naming_each_item(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    moved = [dataclasses.replace(e, at=e.at + timedelta(hours=1)) for e in _events(8)]
    library.put_items(review.id, _events(8))
    version = library.version_of(review.id)
    result = library.edit(review.id, puts=moved, expected_version=version)
    assert result.change.version == version + 1
    assert result.change.items == {e.id for e in moved}
    assert result.change.parts == {Part.EVENTS}
    assert [e.at for e in library.get_review(review.id).events] == [e.at for e in moved]


def test_a_batch_that_fails_half_way_leaves_nothing_behind(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_items(review.id, _events(3))
    before = library.get_review(review.id)
    dangling = Event("late", T0, EventKind.NOTE, "Pointing at nobody", actor="nobody")
    moved = [dataclasses.replace(e, title="moved") for e in before.events]
    with pytest.raises(NotFound, match="no person with id nobody"):
        library.edit(review.id, puts=[*moved, dangling], expected_version=before.version)
    after = library.get_review(review.id)
    assert after.events == before.events
    assert after.version == before.version


def test_a_stale_batch_is_refused_whole(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_items(review.id, _events(3))
    stale = library.version_of(review.id)
    library.put_item(review.id, Person("p1", "Ana"))
    with pytest.raises(ConflictError):
        library.edit(review.id, puts=_events(5, start=10), expected_version=stale)
    assert len(library.get_review(review.id).events) == 3


def test_a_new_event_may_name_a_person_added_in_the_same_edit(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    person = Person("p1", "Ana")
    event_ = Event("e1", T0, EventKind.MITIGATION, "Restarted the consumer", actor="p1")
    library.edit(review.id, puts=[event_, person])  # order given does not matter
    stored = library.get_review(review.id)
    assert stored.events[0].actor == "p1"


def test_deleting_a_layer_takes_its_holes_and_restore_puts_all_back_in_place(
    library: Library,
) -> None:
    review = library.create_review("Queue backlog")
    layer = review.ordered_layers()[1]
    library.put_items(review.id, _events(2))
    holes = [
        Factor(f"f{n}", layer.id, f"Hole {n}", events=("e1",) if n == 1 else ()) for n in range(3)
    ]
    other = Factor("kept", review.ordered_layers()[0].id, "Elsewhere", events=("e1",))
    library.put_items(review.id, [holes[0], other, holes[1], holes[2]])
    before = library.get_review(review.id)
    removal = library.edit(
        review.id,
        removals=[(Part.LAYERS, layer.id), (Part.EVENTS, "e1")],
        expected_version=before.version,
    )
    assert removal.change.version == before.version + 1
    assert {i.id for i, _ in removal.removed} == {layer.id, "f0", "f1", "f2", "e1"}
    after = library.get_review(review.id)
    assert [f.id for f in after.factors] == ["kept"]
    assert after.factors[0].events == ()
    library.restore(removal)
    restored = library.get_review(review.id)
    assert _items(restored) == _items(before)


def test_accepting_many_items_costs_a_few_statements_not_one_per_item(
    library: Library,
) -> None:
    review = library.create_review("Chat import", default_layers=False)
    people = [Person(f"p{n}", f"Person {n}") for n in range(40)]
    events = [dataclasses.replace(e, actor=f"p{n % 40}") for n, e in enumerate(_events(1200))]
    with statements(library) as sent:
        library.put_items(review.id, [*people, *events])
    # claim, then per part: look-ups, last position, inserts (chunks of 500), links.
    assert len(sent) <= 16, sent
    assert len(library.get_review(review.id).events) == 1200


def test_changing_a_few_dozen_of_many_items_reads_only_their_keys(library: Library) -> None:
    """A 50-card move in a big review looks up those 50 rows, not every row of the part."""
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_items(review.id, _events(2000))
    moved = [
        dataclasses.replace(e, at=e.at + timedelta(seconds=30)) for e in _events(50, start=700)
    ]
    with statements(library) as sent:
        library.put_items(review.id, moved)
    look_ups = [sql for sql in sent if sql.startswith("SELECT events.uid, events.pk")]
    assert look_ups and all(" IN (" in sql for sql in look_ups), look_ups
    assert not [sql for sql in sent if "count(" in sql]  # nothing added: no bound to check
    stored = {e.id: e.at for e in library.get_review(review.id).events}
    assert all(stored[e.id] == e.at for e in moved)
    assert len(stored) == 2000


def test_placing_items_at_indexes_renumbers_only_what_moved(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_items(review.id, _events(5))
    new = _events(2, start=100)
    library.edit(review.id, puts=new, at={"e100": 0, "e101": 3})
    assert [e.id for e in library.get_review(review.id).items(Part.EVENTS)] == [
        "e100",
        "e0",
        "e1",
        "e101",
        "e2",
        "e3",
        "e4",
    ]


def _items(review: Review) -> dict[Part, tuple[object, ...]]:
    return {
        part: review.items(part)
        for part in (Part.PEOPLE, Part.EVENTS, Part.LAYERS, Part.FACTORS, Part.ACTIONS)
    }
