"""Every meeting key, declared once: the actions, their tooltips and the help overlay read it.

The console makes one QAction per control and adds it to itself and to the
presenter window; the presenter adds its own few (the clicker's keys). Every
action is a window shortcut, so it works in whichever of the two windows is
active, even when nothing in it has keyboard focus (the presenter never does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from pmdesk.meeting.capture import PREFIXES, kind_label
from pmdesk.ui.plain import plain_tooltip


@dataclass(frozen=True)
class Control:
    name: str  # QAction objectName
    text: str
    keys: tuple[str, ...]
    #: Only the presenter has it: a clicker's plain keys would steal typing in the console.
    presenter_only: bool = False


CONTROLS: tuple[Control, ...] = (
    Control("startMeetingAction", "Start or resume the meeting", ("F5",)),
    Control("pauseMeetingAction", "Pause or resume the timer", ("F6",)),
    Control("nextPhaseAction", "Next phase", ("Alt+PgDown", "Ctrl+Alt+Right")),
    Control("previousPhaseAction", "Previous phase", ("Alt+PgUp", "Ctrl+Alt+Left")),
    Control("nextMomentAction", "Next key moment on the timeline", ("Alt+Right",)),
    Control("previousMomentAction", "Previous key moment", ("Alt+Left",)),
    Control(
        "quickCaptureAction",
        "Quick capture (type a prefixed line, Enter)",
        ("Ctrl+K", "Ctrl+Space"),
    ),
    Control(
        "togglePresenterAction", "Show the presenter window, or go back to the console", ("F7",)
    ),
    Control(
        "focusAgendaAction",
        "Agenda: edit titles and minutes; Insert adds, Delete removes a phase",
        ("Alt+1",),
    ),
    Control("focusEditorAction", "Live editor of this phase", ("Alt+2",)),
    Control("focusNotesAction", "Private notes", ("Alt+3",)),
    Control("focusAttendeesAction", "Attendees", ("Alt+4",)),
    Control("focusParkingAction", "Parking lot and questions", ("Alt+5",)),
    Control("endMeetingAction", "End the meeting and save its record", ("Ctrl+Shift+E",)),
    Control("meetingHelpAction", "This help", ("F1", "?")),
    Control(
        "presenterForwardAction",
        "Presenter or clicker: next key moment in the story, else next phase",
        ("PgDown", "Right", "Space"),
        presenter_only=True,
    ),
    Control(
        "presenterBackAction",
        "Presenter or clicker: previous key moment in the story, else previous phase",
        ("PgUp", "Left", "Backspace"),
        presenter_only=True,
    ),
    Control(
        "presenterBlankAction",
        "Presenter or clicker: blank the screen, or show it again",
        ("B", "."),
        presenter_only=True,
    ),
    Control(
        "presenterEscapeAction",
        "Presenter: back to the console (one screen)",
        ("Esc",),
        presenter_only=True,
    ),
)
CONTROL = {c.name: c for c in CONTROLS}


def meeting_action(control: Control, parent: QObject, slot: Callable[[], object]) -> QAction:
    """The QAction for one control: its keys, a tooltip naming them, active in its window."""
    action = QAction(control.text, parent)
    action.setObjectName(control.name)
    action.setShortcuts([QKeySequence(k) for k in control.keys])
    # A window shortcut needs no focus widget; the presenter has none, so a
    # WidgetWithChildrenShortcut never fired there (Qt 6 matches it on focusWidget()).
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setToolTip(plain_tooltip(f"{control.text} ({' or '.join(control.keys)})"))
    action.triggered.connect(slot)
    return action


_CLOSING_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question)


class ShortcutsOverlay(QWidget):
    """A help sheet over its parent listing every key; Esc, F1 or ? closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        # The dimmed backdrop is the theme's (app.qss, #shortcutsOverlay).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Meeting keyboard shortcuts")
        sheet = QWidget()
        sheet.setObjectName("shortcutsSheet")
        grid = QGridLayout(sheet)
        grid.setContentsMargins(24, 20, 24, 20)
        # Keys in one column, what they do in the next, a clear gap between; long
        # descriptions wrap at words and the sheet scrolls, so nothing is cut.
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, str]] = [(" or ".join(c.keys), c.text) for c in CONTROLS]
        row = self._section(grid, 0, "Meeting keys", rows)
        prefixes = [(prefix, f"{kind_label(kind)}, e.g. {example}") for prefix, kind, example
                    in PREFIXES]  # fmt: skip
        row = self._section(grid, row + 1, "Quick capture prefixes", prefixes)
        grid.addWidget(_plain("Esc closes this help"), row + 1, 0, 1, 2)
        self.sheet_area = QScrollArea(self)
        self.sheet_area.setObjectName("shortcutsScroll")
        self.sheet_area.setFrameShape(QFrame.Shape.NoFrame)
        self.sheet_area.setWidgetResizable(True)
        self.sheet_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sheet_area.viewport().setAutoFillBackground(False)
        self.sheet_area.setWidget(sheet)
        self.sheet = sheet
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.sheet_area, 0, Qt.AlignmentFlag.AlignCenter)
        self.hide()

    @staticmethod
    def _section(grid: QGridLayout, row: int, title: str, rows: list[tuple[str, str]]) -> int:
        """A heading and its (keys, meaning) rows from ``row``; returns the last row used."""
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("shortcutsHeading")
        grid.addWidget(heading, row, 0, 1, 2)
        top = Qt.AlignmentFlag.AlignTop
        for n, (keys, text) in enumerate(rows, start=row + 1):
            grid.addWidget(_plain(keys, bold=True), n, 0, top)
            meaning = _plain(text)
            meaning.setWordWrap(True)
            grid.addWidget(meaning, n, 1, top)
        return row + len(rows)

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self._fit_sheet()
        self.show()
        self.raise_()
        self.setFocus()

    def _fit_sheet(self) -> None:
        """As big as the sheet wants, up to the window less a margin; a taller one scrolls."""
        room_w, room_h = max(self.width() - 48, 200), max(self.height() - 48, 120)
        bar = self.sheet_area.verticalScrollBar().sizeHint().width()
        width = min(max(self.sheet.sizeHint().width() + bar, 860), room_w)
        layout = self.sheet.layout()
        assert layout is not None
        height = (
            layout.totalHeightForWidth(width - bar)
            if layout.hasHeightForWidth()
            else (self.sheet.sizeHint().height())
        )
        self.sheet_area.setFixedSize(width, min(height, room_h))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_sheet()
        super().resizeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()

    def event(self, event: QEvent) -> bool:
        """Esc, F1 and ? close the sheet, before the window's shortcuts for them fire."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() in _CLOSING_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CLOSING_KEYS:
            self.hide()
            event.accept()
            return
        super().keyPressEvent(event)


def _plain(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if bold:
        label.setProperty("emphasis", True)
    return label
