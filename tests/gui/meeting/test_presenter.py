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
    # the presenter has the keys too: phase and moment change while it is the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
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


def _presenting(qtbot: QtBot, console: MeetingConsole) -> PresenterWindow:
    """The presenter shown and active, with no focus widget: as the room's screen really is."""
    presenter = console.presenter
    console.controller.start()
    console.show_presenter()
    presenter.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is presenter)
    assert QApplication.focusWidget() is None
    return presenter


def test_meeting_keys_move_the_meeting_from_the_focused_presenter(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    presenter = _presenting(qtbot, console)
    c = console.controller
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown, KM.AltModifier)
    assert c.phase_index == 1
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp, KM.AltModifier)
    assert c.phase_index == 0
    qtbot.keyClick(presenter, Qt.Key.Key_Right, KM.ControlModifier | KM.AltModifier)
    assert c.phase_index == 1
    c.go_to([p.kind for p in c.agenda].index(PhaseKind.STORY))
    first = c.current_moment()
    qtbot.keyClick(presenter, Qt.Key.Key_Right, KM.AltModifier)
    assert c.current_moment() != first and c.moment_id
    qtbot.keyClick(presenter, Qt.Key.Key_Left, KM.AltModifier)
    assert c.current_moment() == first
    qtbot.keyClick(presenter, Qt.Key.Key_F6)
    assert not c.running
    qtbot.keyClick(presenter, Qt.Key.Key_F6)
    assert c.running


def test_clicker_keys_step_through_the_story_then_the_phases(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    presenter = _presenting(qtbot, console)
    c = console.controller
    kinds = [p.kind for p in c.agenda]
    story = kinds.index(PhaseKind.STORY)
    moments = [e.id for e in c.key_moments()]
    assert len(moments) >= 3
    for key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space)[:story]:
        qtbot.keyClick(presenter, key)
    assert c.phase_index == story
    seen = [c.current_moment().id]  # type: ignore[union-attr]
    for n in range(len(moments) - 1):
        qtbot.keyClick(presenter, (Qt.Key.Key_PageDown, Qt.Key.Key_Right, Qt.Key.Key_Space)[n % 3])
        seen.append(c.current_moment().id)  # type: ignore[union-attr]
        assert c.phase_index == story
    assert seen == moments
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # past the last moment: the next phase
    assert c.phase_index == story + 1
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert c.phase_index == story
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    assert c.current_moment().id == moments[-2]  # type: ignore[union-attr]


def test_b_or_period_blanks_the_presenter_and_shows_it_again(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    presenter = _presenting(qtbot, console)
    shown = render(presenter)
    for key in (Qt.Key.Key_B, Qt.Key.Key_Period):
        qtbot.keyClick(presenter, key)
        blank = render(presenter)
        assert {
            blank.pixelColor(x, y).name() for x in range(0, 1920, 97) for y in (5, 540, 1075)
        } == {"#000000"}
        qtbot.keyClick(presenter, key)
        assert render(presenter) == shown


def test_f7_on_the_presenter_goes_back_to_the_console(
    qtbot: QtBot, console: MeetingConsole
) -> None:
    presenter = _presenting(qtbot, console)
    qtbot.keyClick(presenter, Qt.Key.Key_F7)
    assert not presenter.isVisible()  # one screen: the console comes back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is console)


def test_help_lists_the_clicker_keys(console: MeetingConsole) -> None:
    from PySide6.QtWidgets import QLabel

    texts = {label.text() for label in console.overlay.findChildren(QLabel)}
    assert "PgDown or Right or Space" in texts
    assert "B or ." in texts


def test_presenter_board_shows_every_word_of_every_factor(
    console: MeetingConsole, tmp_path: Path
) -> None:
    """The room's board is laid out in the room style for the space it has: no hole cut."""
    from PySide6.QtGui import QFontMetricsF

    from pmdesk.figures.factors.layout import CheeseLayout, room_style
    from pmdesk.figures.qt_text import font, line_texts

    controller = console.controller
    controller.start()
    cheese = next(n for n, p in enumerate(controller.agenda) if p.kind is PhaseKind.CHEESE)
    controller.go_to(cheese)
    render(console.presenter, tmp_path / "board.png")
    (layout,) = [f for f in console.presenter._figures.values() if isinstance(f, CheeseLayout)]
    style = room_style(console.presenter.style_)
    body = font(style.font_families, style.body_px)
    line_h = QFontMetricsF(body).lineSpacing()
    assert layout.holes
    for hole in layout.holes:
        lines = line_texts(hole.text, body, hole.text_rect.w)
        assert len(lines) * line_h <= hole.text_rect.h + 0.5, hole.text
