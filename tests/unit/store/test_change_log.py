"""The change log: one row per committed write, in the write's own transaction, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text

from pmdesk.errors import BadInput, ConflictError, NotFound
from pmdesk.model import Event, EventKind, Part, WentWell
from pmdesk.store import Library
from pmdesk.store import engine as engines
from pmdesk.store.changes import ChangeKind
from pmdesk.store.migrate import HEAD_REVISION, current_revision

T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)


def logged(library: Library, review_id: str) -> list[tuple[int, str, set[Part], tuple[str, ...]]]:
    return [(c.version, c.kind, set(c.parts), c.items) for c in library.changes_since(review_id, 0)]


def test_every_kind_of_write_logs_one_row_with_its_version_and_items(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_item(review.id, WentWell("w1", "Rollback worked"))
    library.put_item(review.id, WentWell("w2", "Paged fast"))
    library.move_item(review.id, Part.WENT_WELL, "w2", 0)
    library.update_review(review.id, title="Queue backlog in March")
    library.set_meeting(review.id, {"agenda": []})
    library.set_dismissed(review.id, "vague:1", True)
    removal = library.remove_item(review.id, Part.WENT_WELL, "w1")
    assert logged(library, review.id) == [
        (1, ChangeKind.ADD, set(Part), ()),
        (2, ChangeKind.EDIT, {Part.WENT_WELL}, ("w1",)),
        (3, ChangeKind.EDIT, {Part.WENT_WELL}, ("w2",)),
        (4, ChangeKind.MOVE, {Part.WENT_WELL}, ("w2",)),
        (5, ChangeKind.REVIEW, {Part.REVIEW}, ()),
        (6, ChangeKind.MEETING, {Part.MEETING}, ()),
        (7, ChangeKind.DISMISSED, {Part.DISMISSED}, ()),
        (8, ChangeKind.EDIT, {Part.WENT_WELL}, ("w1",)),
    ]
    assert removal.change.version == library.version_of(review.id) == 8
    assert [c.version for c in library.changes_since(review.id, 6)] == [7, 8]


def test_a_row_says_who_and_when(library_location: str) -> None:
    with Library.open(library_location, author="Noor Haddad") as named:
        review = named.create_review("Queue backlog", default_layers=False)
        before = datetime.now(UTC)
        named.put_item(review.id, WentWell("w1", "Rollback worked"))
        [change] = named.changes_since(review.id, 1)
        assert change.by == "Noor Haddad"
        assert before <= change.at <= datetime.now(UTC)
        assert change.to_json()["items"] == ["w1"]
    with Library.open(library_location) as unnamed:
        assert unnamed.author.strip()
        unnamed.update_review(review.id, title="Renamed")
        assert unnamed.changes_since(review.id, 2)[0].by == unnamed.author


def test_a_refused_write_logs_nothing(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    dangling = Event("e1", T0, EventKind.NOTE, "Pointing at nobody", actor="nobody")
    with pytest.raises(NotFound):
        library.put_item(review.id, dangling)
    with pytest.raises(ConflictError):
        library.update_review(review.id, title="Stale", expected_version=0)
    assert logged(library, review.id) == [(1, ChangeKind.ADD, set(Part), ())]
    assert library.version_of(review.id) == 1


def test_a_write_whose_log_row_fails_is_not_committed(library: Library) -> None:
    """Write and log are one transaction: a log row that cannot be stored undoes the write."""
    review = library.create_review("Queue backlog", default_layers=False)
    with library._engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO changes (review_uid, version, kind, parts, items, author, at)"
                " VALUES (:uid, 2, 'edit', '[]', '[]', 'squatter', :at)"
            ),
            {"uid": review.id, "at": T0 if conn.dialect.name != "sqlite" else T0.isoformat()},
        )
    with pytest.raises(BadInput):
        library.put_item(review.id, WentWell("w1", "Rollback worked"))
    stored = library.get_review(review.id)
    assert (stored.version, stored.went_well) == (1, ())


def test_versions_carry_on_after_a_delete_and_its_undo(library: Library) -> None:
    review = library.create_review("Queue backlog", default_layers=False)
    library.put_item(review.id, WentWell("w1", "Rollback worked"))
    snapshot = library.delete_review(review.id)
    assert library.changes_since(review.id, 2)[0].kind == ChangeKind.DELETE
    back = library.add_review(snapshot)
    assert back.version == 4
    assert [c.kind for c in library.changes_since(review.id, 0)] == ["add", "edit", "delete", "add"]
    assert library.last_version(review.id) == 4


def test_the_feed_hears_a_commit_from_another_connection(library_location: str) -> None:
    with Library.open(library_location) as mine, Library.open(library_location) as theirs:
        review = mine.create_review("Queue backlog", default_layers=False)
        feed = mine.feed(review.id)
        try:
            feed.wait(0.3)  # whatever came before the feed was made
            assert not feed.poll()
            theirs.put_item(review.id, WentWell("w1", "Rollback worked"))
            assert feed.wait(2.0)
            assert not feed.poll()
        finally:
            feed.close()


def _alembic(conn: object) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("pmdesk.store") / "migrations"))
    config.attributes["connection"] = conn
    return config


def test_the_migration_adds_the_log_and_takes_it_away(library_location: str) -> None:
    Library.open(library_location).close()
    engine = engines.make_engine(engines.resolve_location(library_location))
    try:
        with engine.begin() as conn:
            assert "changes" in inspect(conn).get_table_names()
            command.downgrade(_alembic(conn), "0003")
        with engine.connect() as conn:
            assert current_revision(conn) == "0003"
            assert "changes" not in inspect(conn).get_table_names()
        with engine.begin() as conn:
            command.upgrade(_alembic(conn), "head")
        with engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
            assert "changes" in inspect(conn).get_table_names()
    finally:
        engine.dispose()
    with Library.open(library_location) as library:
        review = library.create_review("After the round trip", default_layers=False)
        assert logged(library, review.id) == [(1, ChangeKind.ADD, set(Part), ())]
