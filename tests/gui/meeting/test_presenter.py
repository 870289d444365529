"""The presenter follows the console; what it paints is large and contrasted enough for a room."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pmdesk.figures.style import contrast_ratio
from pmdesk.meeting.agenda import PhaseKind
from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.presenter import PresenterWindow, choose_screen

KM = Qt.KeyboardModifier


def render(presenter: PresenterWindow, path: Path | None = None) -> QImage:
    presenter.resize(1920, 1080)
    image = presenter.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    if path is not None:
        image.save(str(path))
    return image


def test_presenter_follows_phase_and_key_moment(qtbot: QtBot, console: MeetingConsole) -> None:
    presenter = console.presenter
    assert presenter.objectName() == "presenterWindow"
    assert presenter.isWindow()
    qtbot.keyClick(console, Qt.Key.Key_F5)
    qtbot.keyClick(console, Qt.Key.Key_F7)
    assert presenter.isVisible()
    # the presenter has the keys too: phase and moment change while it has focus
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown, KM.AltModifier)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown, KM.AltModifier)
    assert presenter.kind is PhaseKind.STORY is console.controller.phase.kind
    first = render(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Right, KM.AltModifier)
    moment = console.controller.current_moment()
    assert moment is not None and moment.id == console.controller.moment_id
    assert render(presenter) != first
    assert moment.title in console.live.moment_label.text()
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp, KM.AltModifier)
    assert presenter.kind is PhaseKind.FOLLOW_UP
    # one screen: Esc on the presenter brings the console back
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()


def test_presenter_has_its_own_palette(console: MeetingConsole) -> None:
    presenter = console.presenter
    assert presenter.palette().window().color().name() == "#ffffff"
    assert console.palette() != presenter.palette()


def test_presenter_in_every_phase(qtbot: QtBot, console: MeetingConsole, tmp_path: Path) -> None:
    """Every phase paints something of its own (saved as PNGs to look at)."""
    controller = console.controller
    controller.start()
    images = []
    for index, phase in enumerate(controller.agenda):
        controller.go_to(index)
        image = render(console.presenter, tmp_path / f"presenter-{index}-{phase.kind}.png")
        images.append(image.copy(0, 170, 1920, 800))
    assert len({image.cacheKey() for image in images}) == len(images)
    for n, image in enumerate(images):
        assert all(image != other for other in images[n + 1 :])


def _text_rows(image: QImage, x0: int, x1: int, y0: int, y1: int, ink: int) -> list[int]:
    """Rows in the band that hold dark (text) pixels."""
    rows = []
    for y in range(y0, y1):
        if any(image.pixelColor(x, y).lightness() < ink for x in range(x0, x1, 2)):
            rows.append(y)
    return rows


def _bands(rows: list[int]) -> list[tuple[int, int]]:
    bands: list[tuple[int, int]] = []
    for y in rows:
        if bands and y - bands[-1][1] <= 1:
            bands[-1] = (bands[-1][0], y)
        else:
            bands.append((y, y))
    return bands


def test_body_text_is_large_and_high_contrast(console: MeetingConsole) -> None:
    """Measured from the rendered 1080p image, not from the code's constants."""
    console.controller.start()
    image = render(console.presenter)
    # the blameless reminder's body lines, below the heading lines
    rows = _text_rows(image, 80, 1800, 400, 650, ink=100)
    bands = _bands(rows)
    heights = [b - a + 1 for a, b in bands]
    assert len(bands) >= 3, bands
    # ink from the top of 'l'/'h' to the bottom of 'y'/'g' is ~0.93 em for a sans font,
    # so body type of at least 28 px gives lines at least 26 px tall
    assert max(heights) >= 26, heights
    assert min(h for h in heights if h > 10) >= 24, heights
    body = Counter(
        image.pixelColor(x, y).name() for y in range(400, 650) for x in range(80, 1800, 3)
    )
    (background, _), *others = body.most_common()
    text = next(colour for colour, _ in others)
    assert contrast_ratio(text, background) >= 7, (text, background)


def test_choose_screen_prefers_another_screen() -> None:
    class Screen:
        pass

    one, two = Screen(), Screen()
    assert choose_screen([one, two], one) is two  # type: ignore[list-item,arg-type]
    assert choose_screen([one], one) is one  # type: ignore[list-item,arg-type]
    assert choose_screen([], None) is None


def test_install_meeting_adds_the_menu_and_f5_opens_the_console(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from pmdesk.ui.settings import Settings
    from pmdesk.ui.startup import build_main_window

    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = build_main_window(str(tmp_path / "w.pmdesk"), settings=settings)
    qtbot.addWidget(window)  # the main window installs the meeting menu itself
    window.show()
    qtbot.waitExposed(window)
    names = {a.objectName(): a for a in window.actions()}
    assert names["startMeetingAction"].shortcut().toString() == "F5"
    for name in ("nextPhaseAction", "previousPhaseAction", "endMeetingAction"):
        assert names[name].shortcut().toString()
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles.count("Meeting") == 1
    assert titles.index("Meeting") == titles.index("Help") - 1
    window.open_review(window.library.list_reviews()[0].id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F5)
    console = window.findChild(QWidget, "meetingConsole")
    assert isinstance(console, MeetingConsole)
    assert console.isVisible() and console.controller.running
    names["nextPhaseAction"].trigger()
    assert console.controller.phase_index == 1
    names["endMeetingAction"].trigger()
    assert not console.controller.started
    assert window.findChild(QAction, "startMeetingAction") is names["startMeetingAction"]
    console.close()
    window.close()
