"""The quick look that lists a library before SQLAlchemy loads says what the library says."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from pmdesk.model import ActionStatus, ReviewKind
from pmdesk.store import Library
from pmdesk.store.peek import peek_summaries
from pmdesk.store.sample import seed_sample


def test_it_lists_what_the_library_lists(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    library = Library.open(path, seed=seed_sample)
    short = library.create_review("Cron job ran twice", ReviewKind.SHORT)
    sample = library.list_reviews()[-1]
    review = library.get_review(sample.id)
    action = next(a for a in review.actions if a.status is ActionStatus.OPEN)
    library.put_item(sample.id, dataclasses.replace(action, status=ActionStatus.DONE))
    expected = library.list_reviews()
    library.close()
    assert [s.id for s in expected] == [sample.id, short.id]
    assert peek_summaries(str(path)) == expected


def test_anything_unusual_is_left_to_the_library(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.pmdesk"
    foreign.write_text("not a library", encoding="utf-8")
    assert peek_summaries(str(foreign)) is None
    assert peek_summaries(str(tmp_path / "missing.pmdesk")) is None
    assert peek_summaries("postgresql+psycopg://user@db/team") is None


def test_it_does_not_import_sqlalchemy(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    Library.open(path, seed=seed_sample).close()
    code = (
        "import sys; from pmdesk.store.peek import peek_summaries; "
        f"assert len(peek_summaries({str(path)!r})) == 1; "
        "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy was imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
