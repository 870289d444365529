"""A Factors section over a fresh library holding the sample review, shown at a real size."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.model import Review
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors.section import FactorBoardSection


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    return tmp_path / "l.pmdesk"


@pytest.fixture
def document(library_file: Path) -> Iterator[ReviewDocument]:
    library = Library.open(library_file, seed=seed_sample)
    doc = ReviewDocument(library, library.list_reviews()[0].id)
    yield doc
    doc.close()
    library.close()


@pytest.fixture
def section(qtbot: QtBot, document: ReviewDocument) -> FactorBoardSection:
    widget = FactorBoardSection(document, theme="light")
    qtbot.addWidget(widget)
    widget.resize(1700, 950)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def saved(library_file: Path, document: ReviewDocument) -> Callable[[], Review]:
    """The review as a freshly opened library sees it: what was really saved."""

    def read() -> Review:
        library = Library.open(library_file)
        try:
            return library.get_review(document.review_id)
        finally:
            library.close()

    return read
