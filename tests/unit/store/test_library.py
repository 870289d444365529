"""The library service on every backend: edits persist, conflicts are caught, undo is exact."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pmdesk.errors import AlreadyExists, Ambiguous, BadInput, ConflictError, NotFound
from pmdesk.model import (
    Action,
    ActionStatus,
    Event,
    EventKind,
    Factor,
    Impact,
    Metric,
    Note,
    NoteKind,
    Part,
    Person,
    ReviewKind,
    ReviewStatus,
    WentWell,
)
from pmdesk.store import Library
from pmdesk.store.sample import sample_review

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)


def test_new_review_has_default_layers_and_is_listed(library: Library) -> None:
    review = library.create_review("Disk full on build cache")
    assert next(layer.stage for layer in review.ordered_layers()) == "prevent"
    assert len(review.layers) == 5
    [summary] = library.list_reviews()
    assert (summary.id, summary.title, summary.open_actions) == (review.id, review.title, 0)


def test_short_review_can_skip_layers(library: Library) -> None:
    review = library.create_review("Quick one", ReviewKind.SHORT, default_layers=False)
    assert review.kind is ReviewKind.SHORT
    assert review.layers == ()


def test_every_change_is_committed_and_visible_to_a_second_library(
    library_location: str,
) -> None:
    first = Library.open(library_location)
    review = first.create_review("Queue backlog")
    first.update_review(review.id, severity="SEV2", started_at=T0)
    first.put_item(review.id, Person("p1", "Alex Kim", "On-call"))
    first.put_item(review.id, Event("e1", T0, EventKind.ALERT, "Queue depth alert", actor="p1"))
    first.close()  # no save call anywhere: every call above committed on return
    second = Library.open(library_location)
    stored = second.get_review(review.id)
    second.close()
    assert stored.severity == "SEV2"
    assert stored.started_at == T0
    assert stored.events[0].actor == "p1"
    assert stored.version == 4


def test_stale_version_raises_conflict_and_changes_nothing(library: Library) -> None:
    review = library.create_review("Cache stampede")
    library.update_review(review.id, title="Cache stampede on Monday")  # another window
    with pytest.raises(ConflictError) as caught:
        library.update_review(review.id, title="Mine", expected_version=review.version)
    assert caught.value.actual == review.version + 1
    assert library.get_review(review.id).title == "Cache stampede on Monday"
    with pytest.raises(ConflictError):
        library.put_item(review.id, WentWell("w1", "fast"), expected_version=review.version)
    assert library.get_review(review.id).went_well == ()


def test_matching_version_succeeds_and_advances(library: Library) -> None:
    review = library.create_review("Login errors")
    change = library.update_review(review.id, title="Login errors", expected_version=1)
    assert change.version == 2 and change.parts == {Part.REVIEW}
    change = library.put_item(review.id, WentWell("w", "Good"), expected_version=2)
    assert change.version == 3 and change.parts == {Part.WENT_WELL}


def test_put_item_replaces_by_id_and_inserts_at_index(library: Library) -> None:
    review = library.create_review("Ordering")
    for n in range(3):
        library.put_item(review.id, WentWell(f"w{n}", f"item {n}"))
    library.put_item(review.id, WentWell("new", "first"), index=0)
    library.put_item(review.id, WentWell("w1", "item one, edited"))
    texts = [w.text for w in library.get_review(review.id).went_well]
    assert texts == ["first", "item 0", "item one, edited", "item 2"]
    library.move_item(review.id, Part.WENT_WELL, "new", 3)
    assert [w.id for w in library.get_review(review.id).went_well] == ["w0", "w1", "w2", "new"]


def test_remove_and_restore_a_person_puts_references_back(library: Library) -> None:
    review = library.create_review("People")
    library.put_item(review.id, Person("p1", "Dana Lee"))
    library.put_item(review.id, Event("e1", T0, EventKind.CHANGE, "Deploy", actor="p1"))
    library.put_item(review.id, Action("a1", "Add a canary", owner="p1"))
    before = library.get_review(review.id)
    removal = library.remove_item(review.id, Part.PEOPLE, "p1")
    after = library.get_review(review.id)
    assert after.people == () and after.events[0].actor is None and after.actions[0].owner is None
    assert removal.change.parts == {Part.PEOPLE, Part.EVENTS, Part.ACTIONS}
    library.restore(removal)
    restored = library.get_review(review.id)
    assert (restored.people, restored.events, restored.actions) == (
        before.people,
        before.events,
        before.actions,
    )


def test_removing_a_layer_takes_its_factors_and_undo_brings_them_back(library: Library) -> None:
    review = library.create_review("Layers")
    layer = review.layers[2]
    library.put_item(review.id, Factor("f1", layer.id, "No alert on lag", on_trajectory=True))
    library.put_item(review.id, Factor("f2", review.layers[0].id, "No canary"))
    library.put_item(review.id, Action("a1", "Alert on lag over 30 s", factors=("f1", "f2")))
    before = library.get_review(review.id)
    removal = library.remove_item(review.id, Part.LAYERS, layer.id)
    after = library.get_review(review.id)
    assert [f.id for f in after.factors] == ["f2"]
    assert after.actions[0].factors == ("f2",)
    library.restore(removal)
    restored = library.get_review(review.id)
    assert restored.layers == before.layers
    assert restored.factors == before.factors
    assert restored.actions == before.actions


def test_event_links_survive_and_are_cut_on_delete(library: Library) -> None:
    review = library.create_review("Links")
    library.put_item(review.id, Event("e1", T0, EventKind.ALERT, "Alert"))
    library.put_item(review.id, Event("e2", T0 + timedelta(minutes=5), EventKind.NOTE, "Note"))
    library.put_item(review.id, Factor("f1", review.layers[0].id, "x", events=("e2", "e1")))
    assert library.get_review(review.id).factors[0].events == ("e2", "e1")
    removal = library.remove_item(review.id, Part.EVENTS, "e2")
    assert library.get_review(review.id).factors[0].events == ("e1",)
    library.restore(removal)
    assert library.get_review(review.id).factors[0].events == ("e2", "e1")


def test_dangling_reference_is_refused(library: Library) -> None:
    review = library.create_review("Refs")
    with pytest.raises(NotFound):
        library.put_item(review.id, Event("e1", T0, EventKind.ALERT, "x", actor="nobody"))
    with pytest.raises(NotFound):
        library.put_item(review.id, Factor("f1", "no-layer", "x"))
    assert library.get_review(review.id).events == ()


def test_text_is_cleaned_at_the_boundary(library: Library) -> None:
    review = library.create_review("Clean \x1b[31mred\x1b[0m title\x00")
    assert review.title == "Clean red title"
    library.put_item(review.id, Note("n1", NoteKind.LUCKY, "cut emoji \ud83d here\r\nnext"))
    assert library.get_review(review.id).notes[0].text == "cut emoji \ufffd here\nnext"
    library.update_review(review.id, summary="   ")
    assert library.get_review(review.id).summary is None


def test_required_text_and_aware_times(library: Library) -> None:
    review = library.create_review("Checks")
    with pytest.raises(BadInput, match="title"):
        library.update_review(review.id, title=" ")
    with pytest.raises(BadInput, match="name"):
        library.put_item(review.id, Person("p", "  "))
    with pytest.raises(BadInput, match="time zone"):
        library.put_item(review.id, Event("e", datetime(2026, 1, 1), EventKind.NOTE, "naive"))


def test_impact_metrics_round_trip(library: Library) -> None:
    review = library.create_review("Impact")
    impact = Impact("Slow checkout", (Metric("Errors", 2140, "requests"), Metric("Region", "EU")))
    library.update_review(review.id, impact=impact, services=["api", " ", "db"])
    stored = library.get_review(review.id)
    assert stored.impact == impact
    assert stored.services == ("api", "db")


def test_action_fields_round_trip(library: Library) -> None:
    review = library.create_review("Actions")
    library.put_item(review.id, Person("p", "Sam Rivera"))
    action = Action(
        "a",
        "Add lag alert",
        "p",
        "pages within 2 min",
        date(2026, 12, 15),
        ActionStatus.IN_PROGRESS,
        "OPS-1",
    )
    library.put_item(review.id, action)
    assert library.get_review(review.id).actions == (action,)
    assert library.list_reviews()[0].open_actions == 1


def test_import_is_all_or_nothing_and_conflicts_are_explicit(library: Library) -> None:
    sample = sample_review()
    library.add_review(sample)
    with pytest.raises(AlreadyExists):
        library.add_review(sample)
    copy = library.add_review(sample, on_conflict="copy")
    assert copy.id != sample.id and len(copy.events) == len(sample.events)
    assert copy.factors[0].events != sample.factors[0].events  # rewritten to the new ids
    replaced = library.add_review(sample.replace(title="Renamed"), on_conflict="replace")
    assert replaced.title == "Renamed" and len(library.list_reviews()) == 2
    broken = sample.replace(id="broken", factors=(Factor("f", "missing-layer", "x"),))
    with pytest.raises(BadInput, match="factors"):
        library.add_review(broken)
    assert {s.id for s in library.list_reviews()} == {sample.id, copy.id}


def test_delete_review_returns_what_undo_needs(library: Library) -> None:
    stored = library.add_review(sample_review())
    snapshot = library.delete_review(stored.id)
    assert library.list_reviews() == []
    with pytest.raises(NotFound):
        library.get_review(stored.id)
    back = library.add_review(snapshot)
    assert back.replace(version=0, updated_at=None) == stored.replace(version=0, updated_at=None)


def test_resolve_by_id_prefix_and_title(library: Library) -> None:
    a = library.create_review("Payments outage March")
    library.create_review("Payments outage April")
    library.create_review("DNS")
    assert library.resolve(a.id) == a.id
    assert library.resolve(a.id[:6]) == a.id
    assert library.resolve("dns") == library.resolve("DN")
    with pytest.raises(Ambiguous, match="2 reviews"):
        library.resolve("payments")
    with pytest.raises(NotFound):
        library.resolve("nothing like it")


def test_duplicate_review(library: Library) -> None:
    stored = library.add_review(sample_review())
    dup = library.duplicate_review(stored.id)
    assert dup.title.endswith("(copy)") and dup.id != stored.id
    assert len(dup.actions) == len(stored.actions)


def test_dismissed_findings_are_remembered_per_review(library: Library) -> None:
    a = library.create_review("A")
    b = library.create_review("B")
    change = library.set_dismissed(a.id, "vague.amount|summary|some users", True)
    assert change.parts == {Part.DISMISSED}
    assert library.dismissed(a.id) == {"vague.amount|summary|some users"}
    assert library.dismissed(b.id) == frozenset()
    library.set_dismissed(a.id, "vague.amount|summary|some users", False)
    assert library.dismissed(a.id) == frozenset()


def test_meeting_data_is_stored_per_review(library: Library) -> None:
    review = library.create_review("Meeting")
    assert library.meeting(review.id) is None
    agenda = {"phases": [{"key": "stage", "minutes": 5}], "notes": "private ✓"}
    change = library.set_meeting(review.id, agenda)
    assert change.parts == {Part.MEETING}
    assert library.meeting(review.id) == agenda
    with pytest.raises(BadInput):
        library.set_meeting(review.id, {"bad": float("nan")})


def test_open_actions_across_the_library_by_due_date(library: Library) -> None:
    first = library.add_review(sample_review())
    other = library.create_review("Queue backlog")
    library.put_item(other.id, Person("p", "Dana Lee"))
    library.put_item(
        other.id, Action("x", "Add a queue-depth alert", owner="p", due=date(2026, 1, 5))
    )
    library.put_item(other.id, Action("y", "Document the drain", status=ActionStatus.DONE))
    follow = library.open_actions()
    open_in_sample = [a for a in first.actions if a.status in ("open", "in_progress")]
    assert len(follow) == len(open_in_sample) + 1
    assert follow[0].action.id == "x" and follow[0].owner_name == "Dana Lee"
    assert follow[0].overdue(date(2026, 2, 1)) and not follow[0].overdue(date(2026, 1, 1))
    dues = [f.action.due or date.max for f in follow]
    assert dues == sorted(dues)


def test_backup_is_a_consistent_rolling_snapshot(sqlite_library: Library) -> None:
    stored = sqlite_library.add_review(sample_review())
    first = sqlite_library.backup()
    assert first is not None and first.parent.name == "backups"
    assert sqlite_library.backup() is None  # one a day is enough
    with Library.open(first, create=False) as restored:
        assert restored.get_review(stored.id).events == stored.events
    for _ in range(9):
        assert sqlite_library.backup(min_age_hours=0, keep=3) is not None
        assert len(list(first.parent.glob("*.pmdesk"))) <= 3


def test_a_review_of_a_kind_this_pmdesk_does_not_know_is_still_listed(library: Library) -> None:
    """A newer pmdesk on a shared library may write a kind or status we do not know."""
    from sqlalchemy import text

    review = library.create_review("From a newer pmdesk")
    with library._engine.begin() as conn:
        conn.execute(
            text("UPDATE reviews SET kind = 'retro', status = 'archived' WHERE uid = :uid"),
            {"uid": review.id},
        )
    [summary] = library.list_reviews()
    assert (summary.id, summary.kind, summary.status) == (
        review.id,
        ReviewKind.FULL,
        ReviewStatus.DRAFT,
    )
