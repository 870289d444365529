"""The Patterns tab: groups and their reviews, filters, opening a review, off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.patterns.install import PatternsTab
from pmdesk.ui.patterns.trees import REVIEW_ROLE
from pmdesk.ui.patterns.view import PatternsView
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window


@pytest.fixture
def window(qtbot: QtBot, pool_library: str, settings: Settings) -> Iterator[MainWindow]:
    win = build_main_window(pool_library, settings=settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _tab(window: MainWindow) -> PatternsTab:
    tab = window.patterns_tab
    assert tab is not None
    assert isinstance(tab, PatternsTab)
    return tab


def _open_view(qtbot: QtBot, window: MainWindow) -> PatternsView:
    """Show the Patterns tab (built then) and wait for its first look across the library."""
    index = next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Patterns")
    with qtbot.waitSignal(window.library_loaded, timeout=100, raising=False):
        pass
    window.tabs.setCurrentIndex(index)
    view = window.tabs.currentWidget()
    assert isinstance(view, PatternsView)
    assert view.objectName() == "patternsView"
    if view.patterns is None:
        with qtbot.waitSignal(view.computed, timeout=10_000):
            pass
    return view


def _child(item: QTreeWidgetItem, row: int) -> QTreeWidgetItem:
    child = item.child(row)
    assert child is not None
    return child


def _groups(view: PatternsView) -> list[tuple[str, list[str]]]:
    tree = view.groups
    found = []
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        ids = [str(_child(top, j).data(0, REVIEW_ROLE)) for j in range(top.childCount())]
        found.append((top.text(1), ids))
    return found


def _review_row(view: PatternsView, review_id: str) -> QTreeWidgetItem:
    tree = view.groups
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        assert top is not None
        for j in range(top.childCount()):
            child = _child(top, j)
            if child.data(0, REVIEW_ROLE) == review_id:
                return child
    raise AssertionError(f"no row for {review_id}")


def test_the_tab_is_built_only_when_first_shown(window: MainWindow) -> None:
    assert window.findChild(PatternsView, "patternsView") is None
    assert "Patterns" in [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_the_shared_factor_groups_both_reviews_with_their_dates(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = _open_view(qtbot, window)
    groups = _groups(view)
    assert len(groups) == 1
    words, ids = groups[0]
    assert ids == ["r1", "r2"]
    assert "pool" in words
    assert _review_row(view, "r1").text(0) == "2026-01-05"
    assert _review_row(view, "r2").text(0) == "2026-02-09"
    assert view.services.topLevelItem(0).text(0) == "payments-api"  # type: ignore[union-attr]
    assert "3 reviews" in view.summary.text()


def test_a_filter_changes_what_is_shown(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_view(qtbot, window)
    view.severity.setText("SEV1")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        qtbot.keyClick(  # type: ignore[no-untyped-call]
            view.severity, Qt.Key.Key_Return
        )
    assert _groups(view) == []  # r2 alone has nothing in common with another review
    assert "1 reviews" in view.summary.text()
    view.severity.clear()
    view.since.setText("2026-02-01")
    with qtbot.waitSignal(view.computed, timeout=10_000):
        view.apply_button.click()
    assert _groups(view) == []
    assert "2 reviews" in view.summary.text()


def test_a_day_that_is_not_a_date_is_told_and_nothing_runs(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = _open_view(qtbot, window)
    job = view.job
    view.until.setText("soon")
    view.apply_button.click()
    assert view.summary.text().startswith("Until:")
    assert view.job is job


def test_activating_a_review_opens_it_in_the_window(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_view(qtbot, window)
    tree = view.groups
    tree.setFocus()
    tree.setCurrentItem(_review_row(view, "r2"))
    with qtbot.waitSignal(view.open_review_requested, timeout=2000) as signal:
        qtbot.keyClick(  # type: ignore[no-untyped-call]
            tree, Qt.Key.Key_Return
        )
    assert signal.args == ["r2"]
    assert "r2" in window.workspaces


def test_the_patterns_are_found_off_the_gui_thread(qtbot: QtBot, window: MainWindow) -> None:
    view = _open_view(qtbot, window)
    job = view.job
    assert job is not None and job.thread_id is not None
    assert job.thread_id != threading.get_ident()


def test_screenshot_at_1280_by_800(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    view = _open_view(qtbot, window)
    qtbot.wait(50)
    out = tmp_path / "patterns.png"
    assert window.grab().save(str(out))
    assert view.chart.patterns is not None and view.chart.patterns.months
    import os
    import shutil

    keep = os.environ.get("PMDESK_SHOT_DIR")
    if keep:
        shutil.copy(out, Path(keep) / "patterns-view.png")
