"""Gestures on the canvas: small objects that end by pushing one command, or cancel.

A card drag moves the items only; the review changes once, on release, and an
Esc puts every card back where it was. A milestone drag shows a line only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFontMetricsF, QPen

from pmdesk.figures.qt_text import font
from pmdesk.ui.timeline.items import Z_CARD, Z_NOW, Z_SELECTED, CardItem

if TYPE_CHECKING:
    from pmdesk.figures.timeline.layout import Milestone
    from pmdesk.ui.timeline.scene import TimelineScene

_MINUTE = 60


def snap_to_minute(at: datetime) -> datetime:
    """The nearest whole minute: times dragged on a canvas are never finer than that."""
    seconds = at.timestamp()
    snapped = round(seconds / _MINUTE) * _MINUTE
    return at + timedelta(seconds=snapped - seconds)


def milestone_under(scene: TimelineScene, pos: QPointF) -> Milestone | None:
    """The milestone whose dashed line or label is under ``pos``: where a drag can start."""
    layout = scene.layout
    if layout is None:
        return None
    style = scene.fig_style
    bold = QFontMetricsF(font(style.font_families, style.small_px, bold=True))
    for milestone in layout.milestones:
        top = milestone.label_y
        on_line = abs(pos.x() - milestone.x) <= 4 and top <= pos.y() <= layout.axis_y
        width = bold.horizontalAdvance(f"{milestone.label} {milestone.time_label}") + 8
        on_label = (
            milestone.x - 4 <= pos.x() <= milestone.x + width
            and top <= pos.y() <= top + bold.height() + 2
        )
        if on_line or on_label:
            return milestone
    return None


@dataclass
class _Grabbed:
    item: CardItem
    start: QPointF
    at: datetime


class CardDrag:
    """Drag selected cards along the axis; the shift is the lead card's, snapped to a minute."""

    def __init__(
        self,
        lead: CardItem,
        items: list[CardItem],
        press_x: float,
        times: dict[str, datetime],
        time_at: Callable[[float], datetime],
        label: Callable[[datetime], str],
    ) -> None:
        """Remember where each card and time started, and raise the cards above the rest."""
        self._lead = lead
        self._grabbed = [_Grabbed(i, i.pos(), times[i.event_id]) for i in items]
        self._press_x = press_x
        self._time_at = time_at
        self._label = label
        self._lead_at = times[lead.event_id]
        self.shift = timedelta(0)
        self.moved = False
        for grabbed in self._grabbed:
            grabbed.item.setZValue(Z_SELECTED)

    def move(self, x: float) -> None:
        """Follow the pointer after a 3-pixel dead zone; each card shows the time it would get."""
        dx = x - self._press_x
        if abs(dx) < 3 and not self.moved:
            return
        self.moved = True
        anchor = self._lead.card.anchor_x + dx
        self.shift = snap_to_minute(self._time_at(anchor)) - self._lead_at
        for grabbed in self._grabbed:
            grabbed.item.setPos(grabbed.start.x() + dx, grabbed.start.y())
            grabbed.item.drag_label = self._label(grabbed.at + self.shift)
            grabbed.item.update()

    def finish(self) -> dict[str, datetime]:
        """The new time of every dragged event; empty when nothing moved."""
        self._restore()
        if not self.moved or not self.shift:
            return {}
        return {g.item.event_id: g.at + self.shift for g in self._grabbed}

    def cancel(self) -> None:
        """Esc: put every card back; nothing is pushed."""
        self._restore()

    def _restore(self) -> None:
        """Cards back to their places, labels and stacking order as before the drag."""
        for grabbed in self._grabbed:
            grabbed.item.setPos(grabbed.start)
            grabbed.item.drag_label = None
            grabbed.item.setZValue(Z_CARD)
            grabbed.item.update()


class MilestoneDrag:
    """A milestone being dragged: a line follows the pointer, snapped to the minute."""

    def __init__(self, scene: TimelineScene, milestone: Milestone) -> None:
        """A line drawn over the lanes that the pointer moves, leaving the milestone as it is."""
        self.milestone = milestone
        self._scene = scene
        layout = scene.layout
        assert layout is not None
        pen = QPen(QColor(scene.fig_style.milestone), 2.0 * scene.fig_style.line_width)
        self._line = scene.addLine(milestone.x, milestone.label_y, milestone.x, layout.axis_y, pen)
        self._line.setZValue(Z_NOW)
        self._at = milestone.at

    def move(self, x: float) -> datetime:
        """Move the line to the minute under the pointer, and return that time for the tooltip."""
        self._at = snap_to_minute(self._scene.time_at(x))
        snapped = self._scene.x_of(self._at)
        line = self._line.line()
        self._line.setLine(snapped, line.y1(), snapped, line.y2())
        return self._at

    def finish(self) -> datetime:
        """Remove the preview line; the time it was dropped at (unchanged if never moved)."""
        self._scene.removeItem(self._line)
        return self._at
