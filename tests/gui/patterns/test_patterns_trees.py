"""The patterns lists make a row's children when it is first opened.

A 5,000-review library has hundreds of thousands of review rows; made all at once
they froze the window for seconds after each search (see benchmarks/patterns.py).
"""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from pmdesk.model.review import ReviewKind
from pmdesk.patterns.groups import FactorGroup, Occurrence
from pmdesk.patterns.summary import ReviewRef, Tally
from pmdesk.ui.patterns.trees import OPEN_GROUPS, REVIEW_ROLE, fill_groups, fill_tallies, make_tree

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _refs(count: int) -> dict[str, ReviewRef]:
    return {
        f"r{n}": ReviewRef(f"r{n}", f"Review <b>{n}</b>", WHEN, ReviewKind.FULL, None)
        for n in range(count)
    }


def _group(n: int) -> FactorGroup:
    members = tuple(
        Occurrence(f"r{n + k}", f"f{k}", f"pool exhausted {k}", "capacity", WHEN) for k in (0, 1)
    )
    return FactorGroup("capacity", ("pool",), members, ())


def test_only_the_first_groups_open_and_the_rest_fill_when_expanded(qtbot: QtBot) -> None:
    tree = make_tree("groups", "Groups", ("Category", "Words", "Reviews"))
    qtbot.addWidget(tree)
    fill_groups(tree, [_group(n) for n in range(OPEN_GROUPS + 5)], _refs(OPEN_GROUPS + 7))
    first, last = tree.topLevelItem(0), tree.topLevelItem(OPEN_GROUPS + 4)
    assert first is not None and last is not None
    assert first.isExpanded() and first.childCount() == 2
    assert not last.isExpanded() and last.childCount() == 0
    last.setExpanded(True)
    assert last.childCount() == 2
    child = last.child(0)
    assert child is not None
    assert child.data(0, REVIEW_ROLE) == f"r{OPEN_GROUPS + 4}"
    assert child.text(1) == f"Review <b>{OPEN_GROUPS + 4}</b>"  # shown as typed
    last.setExpanded(False)
    last.setExpanded(True)
    assert last.childCount() == 2  # filled once


def test_a_tally_row_shows_it_can_open_and_fills_on_expand(qtbot: QtBot) -> None:
    tree = make_tree("services", "Services", ("Service", "Reviews"))
    qtbot.addWidget(tree)
    fill_tallies(tree, [Tally("payments-api", ("r0", "r1", "r2"))], _refs(3), stage=False)
    top = tree.topLevelItem(0)
    assert top is not None
    assert top.childCount() == 0
    assert top.childIndicatorPolicy() == top.ChildIndicatorPolicy.ShowIndicator
    top.setExpanded(True)
    assert [top.child(i).data(0, REVIEW_ROLE) for i in range(3)] == ["r0", "r1", "r2"]  # type: ignore[union-attr]


def test_filling_again_forgets_rows_still_to_be_made(qtbot: QtBot) -> None:
    tree = make_tree("services", "Services", ("Service", "Reviews"))
    qtbot.addWidget(tree)
    fill_tallies(tree, [Tally("a", ("r0",))], _refs(1), stage=False)
    fill_tallies(tree, [Tally("b", ("r0",))], _refs(1), stage=False)
    assert tree.topLevelItemCount() == 1
    top = tree.topLevelItem(0)
    assert top is not None and top.text(0) == "b"
    top.setExpanded(True)
    assert top.childCount() == 1


def test_a_group_too_big_to_show_at_once_waits_to_be_opened(qtbot: QtBot) -> None:
    from pmdesk.ui.patterns.trees import OPEN_ROWS

    tree = make_tree("groups", "Groups", ("Category", "Words", "Reviews"))
    qtbot.addWidget(tree)
    members = tuple(
        Occurrence(f"r{k}", "f", "pool exhausted", "capacity", WHEN) for k in range(OPEN_ROWS + 1)
    )
    fill_groups(tree, [FactorGroup("capacity", ("pool",), members, ())], _refs(OPEN_ROWS + 1))
    top = tree.topLevelItem(0)
    assert top is not None
    assert not top.isExpanded() and top.childCount() == 0
    top.setExpanded(True)
    assert top.childCount() == OPEN_ROWS + 1


def test_the_collector_pauses_while_jobs_run_and_resumes_after_the_last() -> None:
    import gc

    from pmdesk.patterns.gcpause import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the first job still runs
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # someone else turned it off: left off
    finally:
        gc.enable()
