"""Item tables follow the review's changes row by row instead of resetting."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from pmdesk.model import Part
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.commands import EditItemsCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor import columns as cols
from pmdesk.ui.item_table import ItemTableModel


@pytest.fixture
def document(tmp_path: Path) -> Iterator[ReviewDocument]:
    library = Library.open(tmp_path / "l.pmdesk", seed=seed_sample)
    doc = ReviewDocument(library, library.list_reviews()[0].id)
    yield doc
    doc.close()
    library.close()


def test_changing_two_actions_repaints_their_rows_only(  # type: ignore[no-untyped-def]
    qtbot: QtBot, qtmodeltester, document: ReviewDocument
) -> None:
    model = ItemTableModel(document, Part.ACTIONS, cols.ACTION_COLUMNS, noun="action")
    qtmodeltester.check(model)
    actions = document.review.actions
    assert len(actions) >= 4
    painted: list[tuple[int, int]] = []
    resets: list[bool] = []
    model.dataChanged.connect(lambda a, b, *_: painted.append((a.row(), b.row())))
    model.modelReset.connect(lambda: resets.append(True))
    done = [dataclasses.replace(actions[n], outcome=f"Checked {n}") for n in (0, 2)]
    document.undo_stack.push(EditItemsCommand(document, "Set outcomes", done))
    assert painted == [(0, 0), (2, 2)]
    assert not resets
    assert model.data(model.index(0, 0, QModelIndex())) is not None
