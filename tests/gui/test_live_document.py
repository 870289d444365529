"""Two open documents on one library: the other's edits arrive within a second, undo is kept."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.model import Action, Change, Part
from pmdesk.store import Library
from pmdesk.store.sample import sample_review, seed_sample
from pmdesk.ui.commands import PutItemCommand
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor import columns as cols
from pmdesk.ui.item_table import ItemTableModel, ItemTableSection

REVIEW_ID = sample_review().id


@pytest.fixture
def two(library_location: str) -> Iterator[tuple[ReviewDocument, ReviewDocument]]:
    """Two windows' documents, each on a library of its own (its own connections)."""
    libraries = [
        Library.open(library_location, seed=seed_sample, author=name) for name in ("Noor", "Sam")
    ]
    documents = [ReviewDocument(library, REVIEW_ID) for library in libraries]
    yield documents[0], documents[1]
    for document, library in zip(documents, libraries, strict=True):
        document.close()
        library.close()


def edit_outcome(document: ReviewDocument, action: Action, outcome: str) -> Action:
    """What a person's edit in the actions table pushes."""
    new = dataclasses.replace(action, outcome=outcome)
    document.undo_stack.push(PutItemCommand(document, "Edit action outcome", new, action))
    return new


def stored(document: ReviewDocument, action_id: str) -> Action:
    action = document.library.get_review(REVIEW_ID).action(action_id)
    assert action is not None
    return action


def test_an_edit_in_one_appears_in_the_other_within_a_second_keeping_its_undo(
    qtbot: QtBot, two: tuple[ReviewDocument, ReviewDocument]
) -> None:
    theirs, mine = two
    model = ItemTableModel(mine, Part.ACTIONS, cols.ACTION_COLUMNS, noun="action")
    section = ItemTableSection(
        mine, model, title="Actions", hint="", make_item=None, object_name="actionsTable"
    )
    qtbot.addWidget(section)
    actions = mine.review.actions
    assert len(actions) >= 4
    edit_outcome(mine, actions[0], "Mine, still undoable")
    section.view.selectRow(2)
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    reloads: list[str] = []
    mine.reloaded.connect(reloads.append)
    changes: list[Change] = []
    mine.changed.connect(changes.append)

    edit_outcome(theirs, actions[3], "Theirs, from the other window")
    committed = time.monotonic()
    qtbot.waitUntil(
        lambda: mine.review.action(actions[3].id).outcome == "Theirs, from the other window",  # type: ignore[union-attr]
        timeout=1000,
    )
    assert time.monotonic() - committed < 1.0
    assert [c.items for c in changes] == [{actions[3].id}]
    outcome = next(n for n, c in enumerate(model.columns) if c.title == "Measurable outcome")
    assert model.data(model.index(3, outcome)) == "Theirs, from the other window"
    assert reloads == [] and not resets
    assert [i.row() for i in section.view.selectionModel().selectedRows()] == [2]
    assert mine.undo_stack.count() == 1

    mine.undo_stack.undo()
    assert stored(mine, actions[0].id).outcome == actions[0].outcome
    assert stored(mine, actions[3].id).outcome == "Theirs, from the other window"


def test_the_same_item_changed_by_both_is_told_in_one_line_and_reloaded(
    qtbot: QtBot, two: tuple[ReviewDocument, ReviewDocument]
) -> None:
    theirs, mine = two
    action = mine.review.actions[0]
    edit_outcome(mine, action, "Mine")
    qtbot.waitUntil(lambda: theirs.version == mine.version, timeout=1000)
    assert theirs.review.action(action.id).outcome == "Mine"  # type: ignore[union-attr]
    with qtbot.waitSignal(mine.reloaded, timeout=1000) as told:
        edit_outcome(theirs, theirs.review.actions[0], "Theirs, on top of mine")
    assert told.args is not None and "changed elsewhere" in told.args[0]
    assert "\n" not in told.args[0]
    assert mine.undo_stack.count() == 0
    assert mine.review.action(action.id).outcome == "Theirs, on top of mine"  # type: ignore[union-attr]
    assert theirs.undo_stack.count() == 1


def test_a_stale_write_to_an_item_changed_elsewhere_is_refused_and_told(
    qtbot: QtBot, two: tuple[ReviewDocument, ReviewDocument]
) -> None:
    theirs, mine = two
    theirs._poll.stop()  # they have not seen my edit yet
    action = mine.review.actions[0]
    edit_outcome(mine, action, "Mine")
    with qtbot.waitSignal(theirs.reloaded, timeout=1000) as told:
        edit_outcome(theirs, action, "Theirs, not knowing mine")
    assert told.args is not None and "not applied" in told.args[0]
    assert stored(mine, action.id).outcome == "Mine"
    assert theirs.review.action(action.id).outcome == "Mine"  # type: ignore[union-attr]


def test_a_write_just_after_another_window_wrote_goes_on_top_of_it(
    two: tuple[ReviewDocument, ReviewDocument],
) -> None:
    """Before the poll has seen the other's change, a write to another item still lands."""
    theirs, mine = two
    mine._poll.stop()
    actions = mine.review.actions
    edit_outcome(theirs, actions[1], "Theirs")
    reloads: list[str] = []
    mine.reloaded.connect(reloads.append)
    edit_outcome(mine, actions[2], "Mine")
    assert reloads == [] and mine.undo_stack.count() == 1
    assert stored(mine, actions[1].id).outcome == "Theirs"
    assert stored(mine, actions[2].id).outcome == "Mine"
    assert mine.review.action(actions[1].id).outcome == "Theirs"  # type: ignore[union-attr]
