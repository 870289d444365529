"""The coach in the GUI: underlines as you type, a findings panel, jump and dismiss."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from pmdesk.store import Library
from pmdesk.store.sample import sample_review
from pmdesk.ui.editor.review_editor import ReviewEditor
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
from pmdesk.ui.startup import build_main_window

BLAME = "The on-call engineer should have known better than to restart it."


@pytest.fixture
def window(qtbot: QtBot, library_path: str, settings: Settings) -> Iterator[MainWindow]:
    with Library.open(library_path) as library:
        library.add_review(sample_review().replace(narrative=None))
    win = build_main_window(library_path, settings=settings)
    assert isinstance(win, MainWindow)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _findings(window: MainWindow) -> list[str]:
    view = window.coach_panel.findChild(QListWidget, "coachFindings")
    return [view.item(n).text() for n in range(view.count())]


def test_typing_blame_is_underlined_and_listed(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.open_review(sample_review().id)
    assert isinstance(editor, ReviewEditor)
    story = editor.show_section("story").narrative_edit
    story.setFocus()
    qtbot.keyClicks(story, BLAME)
    qtbot.waitUntil(lambda: any("blame" in f.rule for f in editor.coach.findings), timeout=3000)
    assert any(text.endswith("\nStory") for text in _findings(window))
    highlighter = next(h for h in editor._highlighters if h._where == "narrative")
    finding = next(f for f in highlighter.findings() if f.rule.startswith("blame."))
    assert highlighter.finding_at(finding.start) == finding
    formats = story.document().firstBlock().layout().formats()
    wavy = [
        r
        for r in formats
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]
    assert any(r.start <= finding.start < r.start + r.length for r in wavy)


def test_jump_selects_the_words_and_dismiss_is_remembered_and_undoable(
    qtbot: QtBot, window: MainWindow, library_path: str
) -> None:
    editor = window.open_review(sample_review().id)
    editor.document.write_review(summary=BLAME)
    qtbot.waitUntil(lambda: any(f.where == "summary" for f in editor.coach.findings))
    finding = next(f for f in editor.coach.findings if f.where == "summary")
    editor.show_section("timeline")
    window.coach_panel.jump_requested.emit(finding)
    assert editor.current_key() == "overview"
    summary = editor.sections["overview"].summary_edit
    assert summary.textCursor().selectedText() == BLAME[finding.start : finding.end]

    window.coach_panel.list.setCurrentRow(
        next(n for n, f in enumerate(editor.coach.findings) if f == finding)
    )
    window.coach_panel.dismiss_button.click()
    assert finding not in editor.coach.findings
    with Library.open(library_path) as library:
        assert finding.key in library.dismissed(sample_review().id)
    window.undo_action.trigger()
    assert finding in editor.coach.findings


def test_with_nothing_to_say_the_panel_is_its_headline_alone(
    qtbot: QtBot, window: MainWindow
) -> None:
    """An empty list and two idle buttons only take width from the review beside them."""
    editor = window.open_review(sample_review().id)
    panel = window.coach_panel
    editor.document.write_review(summary="A calm, specific summary.", narrative=None)
    qtbot.waitUntil(lambda: not any(f.where == "summary" for f in editor.coach.findings))
    if editor.coach.findings:
        for finding in list(editor.coach.findings):
            editor.coach.dismiss(finding)
    qtbot.waitUntil(lambda: not panel.list.isVisible())
    assert not panel.show_button.isVisible() and not panel.dismiss_button.isVisible()
    assert panel.summary.isVisible()
    editor.document.write_review(summary=BLAME)
    qtbot.waitUntil(panel.list.isVisible)
    assert panel.show_button.isVisible() and panel.dismiss_button.isVisible()
