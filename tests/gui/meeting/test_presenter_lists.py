"""Presenter lists are complete: as many entries as fit, the rest on the clicker's next page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pmdesk.meeting.agenda import PhaseKind
from pmdesk.model import Action
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.meeting import presenter as presenter_module
from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.presenter import PresenterWindow

LONG = "make the failover runbook say which pools to restart and who checks the DNS cache"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every paragraph the presenter draws, as plain text, in order."""
    texts: list[str] = []
    original = presenter_module.draw_text

    def spy(painter, rect, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        texts.append(text)
        return original(painter, rect, text, *args, **kwargs)

    monkeypatch.setattr(presenter_module, "draw_text", spy)
    yield texts


def _add_actions(document: ReviewDocument, count: int) -> list[str]:
    next_year = date.today().year + 1
    for n in range(count):
        due = date(next_year, 1, 10) if n == 0 else None
        document.write_item(Action(f"extra{n}", f"Extra action {n}: {LONG}", due=due))
    return [a.text for a in document.review.actions]


def _presenting(qtbot: QtBot, console: MeetingConsole, kind: PhaseKind) -> PresenterWindow:
    presenter = console.presenter
    c = console.controller
    c.start()
    c.go_to([p.kind for p in c.agenda].index(kind))
    console.show_presenter()
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    return presenter


def _render(presenter: PresenterWindow) -> QImage:
    presenter.resize(1920, 1080)
    return presenter.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _page(presenter: PresenterWindow, drawn: list[str]) -> set[str]:
    drawn.clear()
    _render(presenter)
    return set(drawn)


def _pages(qtbot: QtBot, presenter: PresenterWindow, drawn: list[str]) -> list[set[str]]:
    """What each page drew, turning pages with PgDn until the phase moves on (or stays last)."""
    phase = presenter.controller.phase_index
    pages = [_page(presenter, drawn)]
    while len(pages) < 20:
        qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
        page = _page(presenter, drawn)
        if presenter.controller.phase_index != phase or page == pages[-1]:
            return pages
        pages.append(page)
    raise AssertionError("the pages never end")


@pytest.mark.parametrize("kind", [PhaseKind.ACTIONS, PhaseKind.WRAP_UP])
def test_every_action_is_shown_on_a_page_of_its_own_phase(
    qtbot: QtBot,
    console: MeetingConsole,
    document: ReviewDocument,
    drawn: list[str],
    kind: PhaseKind,
) -> None:
    texts = _add_actions(document, 14)
    presenter = _presenting(qtbot, console, kind)
    pages = _pages(qtbot, presenter, drawn)
    assert len(pages) >= 2  # 20 long actions do not fit one 1080p screen
    seen = [t for t in texts if any(t in line for page in pages for line in page)]
    assert seen == texts
    assert any(f"10 Jan {date.today().year + 1}" in line for page in pages for line in page)


def test_a_long_list_fills_both_columns_before_paging(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument
) -> None:
    _add_actions(document, 6)
    presenter = _presenting(qtbot, console, PhaseKind.ACTIONS)
    image = _render(presenter)

    def inked(x0: int, x1: int, y0: int, y1: int) -> int:
        return sum(
            1
            for y in range(y0, y1, 3)
            for x in range(x0, x1, 3)
            if image.pixelColor(x, y).lightness() < 100
        )

    assert inked(1000, 1840, 250, 880) > 2000  # the right column is used
    assert inked(80, 900, 700, 880) > 500  # and the left one down to the bottom


def test_back_turns_to_the_previous_page_then_the_phase_before(
    qtbot: QtBot, console: MeetingConsole, document: ReviewDocument, drawn: list[str]
) -> None:
    _add_actions(document, 14)
    presenter = _presenting(qtbot, console, PhaseKind.ACTIONS)
    first = _page(presenter, drawn)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert _page(presenter, drawn) != first
    assert presenter.kind is PhaseKind.ACTIONS
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert _page(presenter, drawn) == first
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert presenter.kind is not PhaseKind.ACTIONS
