"""Schema migrations: old libraries open without loss, newer ones are refused, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from pmdesk.errors import LibraryUnavailable
from pmdesk.model.orm import Base
from pmdesk.store import Library
from pmdesk.store import engine as engines
from pmdesk.store.migrate import HEAD_REVISION, KNOWN_REVISIONS, current_revision, upgrade
from pmdesk.store.where import APPLICATION_ID

STARTED = datetime(2026, 2, 11, 8, 15, tzinfo=UTC)


def scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(resources.files("pmdesk.store") / "migrations"))
    return ScriptDirectory.from_config(config)


def first_revision() -> str:
    [base] = scripts().get_bases()
    return base


def test_head_revision_matches_the_scripts() -> None:
    assert scripts().get_current_head() == HEAD_REVISION


def test_known_revisions_are_all_the_scripts() -> None:
    assert {rev.revision for rev in scripts().walk_revisions()} == KNOWN_REVISIONS


def test_the_scripts_build_the_schema_the_code_expects(library_location: str) -> None:
    """Upgrading to head gives exactly the tables and columns the ORM declares."""
    Library.open(library_location).close()
    engine = engines.make_engine(engines.resolve_location(library_location))
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diffs == []


def moment(conn: Connection, value: datetime) -> Any:
    # What an old pmdesk stored: naive UTC text on SQLite, timestamptz on PostgreSQL.
    return value.replace(tzinfo=None) if conn.dialect.name == "sqlite" else value


def library_at_first_revision(location: str) -> None:
    """A library as the first pmdesk release left it, filled by plain SQL."""
    engine = engines.make_engine(engines.resolve_location(location))
    try:
        with engine.begin() as conn:
            upgrade(conn, first_revision())
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            at = moment(conn, STARTED)
            conn.execute(
                text(
                    "INSERT INTO reviews (pk, uid, title, kind, status, severity, has_impact,"
                    " services, version, created_at, updated_at, started_at)"
                    " VALUES (1, 'old-review', 'Certificate expiry on the API gateway', 'full',"
                    " 'published', 'SEV2', :no, '[\"gateway\"]', 3, :at, :at, :at)"
                ),
                {"no": False, "at": at},
            )
            conn.execute(
                text(
                    "INSERT INTO people (pk, review_pk, uid, position, name, role)"
                    " VALUES (1, 1, 'p1', 0, 'Noor Haddad', 'On-call')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO events (pk, review_pk, uid, position, at, kind, title,"
                    " actor_pk, key) VALUES (1, 1, 'e1', 0, :at, 'alert',"
                    " 'TLS errors alert', 1, :yes)"
                ),
                {"at": at, "yes": True},
            )
            conn.execute(
                text(
                    "INSERT INTO went_well (pk, review_pk, uid, position, text)"
                    " VALUES (1, 1, 'w1', 0, 'Renewal runbook worked')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO layers (pk, review_pk, uid, position, name)"
                    " VALUES (1, 1, 'l1', 0, 'Certificate renewal')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO factors (pk, review_pk, uid, position, layer_pk, text,"
                    " third_party, on_trajectory) VALUES (1, 1, 'f1', 0, 1,"
                    " 'Renewal reminders went to a retired list', :no, :yes)"
                ),
                {"no": False, "yes": True},
            )
            assert current_revision(conn) == first_revision()
    finally:
        engine.dispose()


def test_a_first_revision_library_opens_upgraded_with_its_data(library_location: str) -> None:
    library_at_first_revision(library_location)
    with Library.open(library_location) as library:
        assert not library.created
        review = library.get_review("old-review")
        assert review.title == "Certificate expiry on the API gateway"
        assert (review.severity, review.services, review.started_at) == (
            "SEV2",
            ("gateway",),
            STARTED,
        )
        assert [(p.id, p.name, p.role) for p in review.people] == [("p1", "Noor Haddad", "On-call")]
        [event] = review.events
        assert (event.at, event.actor, event.key, event.title) == (
            STARTED,
            "p1",
            True,
            "TLS errors alert",
        )
        assert [w.text for w in review.went_well] == ["Renewal runbook worked"]
        [factor] = review.factors
        assert (factor.layer, factor.on_trajectory, factor.generalisable) == ("l1", True, False)
        assert review.version == 3
        change = library.update_review("old-review", title="Certificate expiry (gateway)")
        assert change.version == 4
    engine = engines.make_engine(engines.resolve_location(library_location))
    try:
        with engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
    finally:
        engine.dispose()


def test_a_library_from_a_newer_pmdesk_is_refused_untouched(library_location: str) -> None:
    with Library.open(library_location) as library:
        review = library.create_review("Written by a future pmdesk")
    engine = engines.make_engine(engines.resolve_location(library_location))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(LibraryUnavailable) as caught:
            Library.open(library_location)
        message = str(caught.value)
        assert "newer pmdesk" in message and "9999" in message
        with engine.connect() as conn:
            assert current_revision(conn) == "9999"
            titles = conn.execute(text("SELECT uid, title FROM reviews")).all()
        assert [tuple(row) for row in titles] == [(review.id, "Written by a future pmdesk")]
    finally:
        engine.dispose()
