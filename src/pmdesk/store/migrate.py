"""Schema migrations: every library is brought to the current schema when opened.

Alembic is imported only when the schema is not current, which keeps start-up
fast for the common case. A library stamped with a revision this pmdesk does
not know was written by a newer pmdesk and is refused rather than damaged.
"""

from __future__ import annotations

from importlib import resources

from sqlalchemy import Connection, inspect, text

from pmdesk.errors import LibraryUnavailable

#: The newest revision this pmdesk knows; a test checks it matches the scripts.
HEAD_REVISION = "0005"
KNOWN_REVISIONS = frozenset({"0001", "0002", "0003", "0004", "0005"})


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def ensure_schema(conn: Connection, where: str) -> bool:
    """Create or upgrade the schema on ``conn``; return True if anything was done."""
    revision = current_revision(conn)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise LibraryUnavailable(
            f"{where} was written by a newer pmdesk (schema {revision}); update pmdesk to open it"
        )
    if revision is None and inspect(conn).get_table_names():
        tables = set(inspect(conn).get_table_names())
        if "reviews" not in tables:
            raise LibraryUnavailable(
                f"{where} holds another program's tables, not a pmdesk library"
            )
    upgrade(conn, HEAD_REVISION)
    return True


def upgrade(conn: Connection, target: str) -> None:
    """Run Alembic's upgrade to ``target`` on an open connection."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("pmdesk.store") / "migrations"))
    config.attributes["connection"] = conn
    command.upgrade(config, target)
