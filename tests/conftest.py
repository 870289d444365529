"""Fixtures shared by every test folder: libraries on SQLite and, when available, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from pmdesk.store import Library

# In CI the examples are drawn from a seed fixed per test, so a red gate always means
# the same thing on a rerun; on a developer's machine hypothesis keeps exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

POSTGRES_ENV = "PMDESK_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "PMDESK_REQUIRE_POSTGRES"
REALDATA = Path(__file__).resolve().parents[1].parent / "shared" / "realdata"
GUI_TESTS = Path(__file__).resolve().parent / "gui"
_WIDGET_APP = pytest.StashKey[object]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Make the widget application first when GUI tests will run, whatever runs before them.

    Figure and report tests ask for a bare ``QGuiApplication`` (core code never needs
    widgets); Qt keeps one application per process, so if one of them ran first every
    GUI test after it would find an application without widgets.
    """
    if not any(GUI_TESTS in Path(item.path).parents for item in session.items):
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        session.config.stash[_WIDGET_APP] = QApplication(["pmdesk-tests"])


def _postgres_admin_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


@pytest.fixture
def sqlite_library(tmp_path: Path) -> Iterator[Library]:
    library = Library.open(tmp_path / "library.pmdesk")
    yield library
    library.close()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    admin = _postgres_admin_url()
    if admin is None:
        if os.environ.get(REQUIRE_POSTGRES_ENV):
            pytest.fail(f"{POSTGRES_ENV} is not set but {REQUIRE_POSTGRES_ENV} is")
        pytest.skip(f"no PostgreSQL server ({POSTGRES_ENV} not set)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"pmdesk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin).set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def library_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A location for a new library, on each backend pmdesk supports."""
    if request.param == "sqlite":
        return str(tmp_path / "library.pmdesk")
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def library(library_location: str) -> Iterator[Library]:
    lib = Library.open(library_location)
    yield lib
    lib.close()


@pytest.fixture
def realdata() -> Path:
    """The shared folder of real export samples; tests using it skip on a user's clone."""
    if not REALDATA.is_dir():
        pytest.skip("shared/realdata is not beside this checkout")
    return REALDATA
