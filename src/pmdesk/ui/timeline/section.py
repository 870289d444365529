"""The Timeline section: the canvas with its side panels, and the table beside it.

Both views read the same review and push the same commands, so an edit in
one shows in the other at once; the table is the keyboard and screen-reader view.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk.figures.timeline.layout import LaneMode
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor.sections import timeline_section
from pmdesk.ui.plain import ElidedLabel, plain_tooltip
from pmdesk.ui.timeline.panel import EventPanel, KnewPanel
from pmdesk.ui.timeline.view import TimelineView


class TimelineCanvasSection(QWidget):
    """Canvas tab (toolbar, canvas, editor, what-we-knew panel) and Table tab."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineCanvasSection")
        self.document = document
        self.view = TimelineView(document)
        from pmdesk.ui.theme import current_theme

        if current_theme() != "light":
            self.view.set_theme(current_theme())
        self.editor = EventPanel(document)
        self.editor.setVisible(False)
        self.knew_panel = KnewPanel(document)
        self.knew_panel.setVisible(False)
        self.table = timeline_section(document)

        self.lanes_box = QComboBox()
        self.lanes_box.setObjectName("timelineLanes")
        self.lanes_box.addItem("Lanes by kind", LaneMode.KIND.value)
        self.lanes_box.addItem("Lanes by person", LaneMode.PERSON.value)
        self.now_button = QPushButton("What we knew then")
        self.now_button.setObjectName("timelineNowButton")
        self.now_button.setCheckable(True)
        self.now_button.setToolTip(
            plain_tooltip("Show a now line: later events fade, the panel shows what was known")
        )
        previous = QPushButton("◀ Key moment (P)")
        following = QPushButton("Key moment (N) ▶")
        fit = QPushButton("Fit all (F)")
        # The hint gives way on narrow windows instead of widening the whole editor.
        hint = ElidedLabel(
            "Double-click to add · drag a card or a milestone to move it · Ctrl+wheel zooms · "
            "K marks a key moment"
        )
        hint.setObjectName("sectionHint")
        bar = QHBoxLayout()
        for widget in (self.lanes_box, fit, previous, following, self.now_button):
            bar.addWidget(widget)
        bar.addWidget(hint, 1)

        side = self.side = QWidget()
        side.setVisible(False)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.editor)
        side_layout.addWidget(self.knew_panel)
        side.setMinimumWidth(300)
        side.setMaximumWidth(480)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        canvas = QWidget()
        canvas_layout = QVBoxLayout(canvas)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        canvas_layout.addLayout(bar)
        canvas_layout.addWidget(self.splitter, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(canvas, "Canvas")
        self.tabs.addTab(self.table, "Table")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.lanes_box.activated.connect(self._on_lanes_box_activated)
        self.now_button.toggled.connect(self._on_now_button_toggled)
        previous.clicked.connect(self.view.previous_key_moment)
        following.clicked.connect(self.view.next_key_moment)
        fit.clicked.connect(self.view.fit_all)
        self.view.edit_requested.connect(self._on_view_edit_requested)
        self.view.cancel_requested.connect(self._on_view_cancel_requested)
        self.view.now_changed.connect(self._on_view_now_changed)
        self.editor.closed.connect(self._on_editor_closed)
        document.changed.connect(self._on_document_changed)

    def show_event(self, event_id: str) -> None:
        """Bring one event into sight, selected, on the canvas and in the table (coach jumps)."""
        self.tabs.setCurrentIndex(0)
        self.view.select_ids([event_id])
        self.view.center_on_event(event_id)
        self.table.select_item(event_id)
        self.view.setFocus()

    def _show_side(self) -> None:
        """The side column takes room only while the editor or the knew panel is open."""
        self.side.setVisible(not self.editor.isHidden() or not self.knew_panel.isHidden())

    def set_theme(self, theme: str) -> None:
        self.view.set_theme(theme)

    def set_read_only(self, read_only: bool) -> None:
        """Read-only: the canvas only navigates, and the editor hides."""
        self.view.set_read_only(read_only)
        if read_only:
            self.editor.setVisible(False)

    def _on_lanes_box_activated(self, _index: int) -> None:
        """Lay the lanes out by kind or by person, as chosen."""
        self.view.set_lane_mode(LaneMode(self.lanes_box.currentData()))

    def _on_now_button_toggled(self, on: bool) -> None:
        """Turning "now" on starts at the incident's beginning, to walk forward from there."""
        if not on:
            self.view.set_now(None)
            return
        review = self.document.review
        first = review.started_at or min((e.at for e in review.events), default=None)
        self.view.set_now(first)

    def _on_view_edit_requested(self, event_id: str) -> None:
        """Open the event in the side panel, unless the canvas is read-only."""
        if not self.view.read_only:
            self.side.setVisible(True)
            self.editor.edit(event_id)

    def _on_view_cancel_requested(self) -> None:
        """Esc on the canvas closes the editor, keeping what was typed."""
        if self.editor.isVisible():
            self.editor.close_editor()

    def _on_view_now_changed(self, at: datetime | None) -> None:
        """Show what was known at the now line, and keep the button in step without looping."""
        self.knew_panel.setVisible(at is not None)
        self._show_side()
        self.knew_panel.show_moment(at)
        if self.now_button.isChecked() != (at is not None):
            self.now_button.blockSignals(True)
            self.now_button.setChecked(at is not None)
            self.now_button.blockSignals(False)

    def _on_editor_closed(self) -> None:
        """Give the keyboard back to the canvas when the editor closes."""
        self._show_side()
        self.view.setFocus()

    def _on_document_changed(self, _change: object) -> None:
        """An edit can change what was known at the now line: refresh that list."""
        if self.view.now() is not None:
            self.knew_panel.show_moment(self.view.now())


def timeline_canvas_section(document: ReviewDocument) -> TimelineCanvasSection:
    """The Timeline section of a full review: the canvas, its toolbar and side panel."""
    return TimelineCanvasSection(document)
