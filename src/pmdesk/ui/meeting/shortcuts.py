"""Every meeting key, declared once: the actions, their tooltips and the help overlay read it.

The console makes one QAction per control and adds it to itself and to the
presenter window; the presenter adds its own few (the clicker's keys). Every
action is a window shortcut, so it works in whichever of the two windows is
active, even when nothing in it has keyboard focus (the presenter never does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QAction,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

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


class ShortcutsOverlay(QWidget):
    """A help sheet over its parent listing every key; Esc, F1 or ? closes it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsOverlay")
        # The dimmed backdrop is the theme's (app.qss, #shortcutsOverlay).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Meeting keyboard shortcuts")
        sheet = QWidget(self)
        sheet.setObjectName("shortcutsSheet")
        grid = QGridLayout(sheet)
        grid.setContentsMargins(24, 20, 24, 20)
        heading = QLabel("Meeting keys")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setObjectName("shortcutsHeading")
        grid.addWidget(heading, 0, 0, 1, 4)
        row = 1
        for control in CONTROLS:
            grid.addWidget(_plain(" or ".join(control.keys), bold=True), row, 0)
            grid.addWidget(_plain(control.text), row, 1)
            row += 1
        grid.addWidget(_plain("Quick capture prefixes", bold=True), 1, 2, 1, 2)
        for n, (prefix, kind, example) in enumerate(PREFIXES, start=2):
            grid.addWidget(_plain(prefix, bold=True), n, 2)
            grid.addWidget(_plain(f"{kind_label(kind)}, e.g. {example}"), n, 3)
        close = _plain("Esc closes this help")
        grid.addWidget(close, row, 0, 1, 4)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.setFocus()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question):
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
