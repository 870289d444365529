"""The board's factor in context: "seen in N earlier reviews", each opening its review."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pmdesk.model import Factor
from pmdesk.store import Library
from pmdesk.store.sample import sample_review, seed_sample
from pmdesk.ui.factors.section import FactorBoardSection
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window

REWORDED = (
    "Maintenance notices from the provider land in a shared mailbox nobody on the rota watches"
)


def _with_an_earlier_review(path: Path) -> str:
    """The sample library plus a June review that named the same gap in other words."""
    library = Library.open(path, seed=seed_sample)
    earlier = sample_review().replace(
        id="june-search",
        title="Search errors after a cache failover",
        started_at=datetime(2026, 6, 2, 9, 0, tzinfo=UTC),
        services=("search-api",),
        factors=(Factor("g1", "l-change", REWORDED),),
        actions=(),
    )
    library.add_review(earlier)
    library.close()
    return "june-search"


def _board(window: MainWindow) -> FactorBoardSection:
    editor = window.open_review(sample_review().id)
    assert editor is not None
    section = editor.show_section("factors")
    assert isinstance(section, FactorBoardSection)
    return section


def test_a_factor_said_before_shows_the_earlier_review_and_opens_it(
    qtbot: QtBot, tmp_path: Path, settings: Settings
) -> None:
    path = tmp_path / "l.pmdesk"
    earlier_id = _with_an_earlier_review(path)
    window = build_main_window(str(path), settings=settings)
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    section = _board(window)
    section.board.set_current("f-notice")
    details = section.details
    assert details.seen_label.text().startswith("Seen in 1 earlier review ")
    assert details.seen.count() == 1
    item = details.seen.item(0)
    assert "2 Jun 2026 · Search errors after a cache failover" in item.text()
    assert REWORDED in item.text()
    assert "mailbox" in item.toolTip()
    details.seen.setCurrentItem(item)
    qtbot.keyClick(details.seen, Qt.Key.Key_Return)
    assert earlier_id in window.workspaces
    assert window.tabs.currentWidget() is window.workspaces[earlier_id].editor
    window.close()


def test_a_factor_not_said_before_says_so(section: FactorBoardSection) -> None:
    section.board.set_current("f-runbook")
    assert section.details.seen_label.text() == "Not seen in earlier reviews."
    assert section.details.seen.isHidden()
    section.board.set_current(None)
    assert section.details.seen_label.text() == ""
