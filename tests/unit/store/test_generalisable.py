"""A factor marked as a gap other teams may share survives the library and the file format."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

from pmdesk.model import Review
from pmdesk.report import build_document
from pmdesk.report.markdown import to_plain_text
from pmdesk.store import Library
from pmdesk.store.patterns import scoped_reviews
from pmdesk.store.pmreview import read_review_file, write_review_file
from pmdesk.store.sample import sample_review

MARKED = "f-alert"


def _marked() -> Review:
    review = sample_review()
    return review.replace(
        factors=tuple(dataclasses.replace(f, generalisable=f.id == MARKED) for f in review.factors)
    )


def test_the_mark_is_kept_by_the_library_and_its_bulk_reader(library: Library) -> None:
    library.add_review(_marked())
    stored = library.get_review(sample_review().id)
    assert [f.id for f in stored.factors if f.generalisable] == [MARKED]
    [bulk] = scoped_reviews(library)
    assert [f.id for f in bulk.factors if f.generalisable] == [MARKED]


def test_the_file_writes_the_mark_only_where_it_is_set_and_reads_it_back(tmp_path: Path) -> None:
    path = tmp_path / "review.pmreview"
    write_review_file(_marked(), path)
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("review.json"))
    assert [f["id"] for f in data["factors"] if "generalisable" in f] == [MARKED]
    back = read_review_file(path)
    assert [f.id for f in back.factors if f.generalisable] == [MARKED]
    plain = tmp_path / "plain.pmreview"
    write_review_file(sample_review(), plain)
    assert not any(f.generalisable for f in read_review_file(plain).factors)


def test_neighbouring_teams_see_only_the_gaps_the_team_marked() -> None:
    marked = to_plain_text(build_document(_marked(), "adjacent"))
    gaps = marked.split("Gaps other teams may share", 1)[1]
    alert = next(f.text for f in sample_review().factors if f.id == MARKED)
    assert alert[:40] in gaps
    runbook = next(f.text for f in sample_review().factors if f.id == "f-runbook")
    assert runbook[:30] not in gaps
    unmarked = to_plain_text(build_document(sample_review(), "adjacent"))
    assert "The team marked no factor as one other teams may share." in unmarked
