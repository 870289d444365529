"""Gestures on the canvas: small objects that end by pushing one command, or cancel.

A card drag moves the items only; the review changes once, on release, and an
Esc puts every card back where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtCore import QPointF

from pmdesk.ui.timeline.items import Z_CARD, Z_SELECTED, CardItem

_MINUTE = 60


def snap_to_minute(at: datetime) -> datetime:
    """The nearest whole minute: times dragged on a canvas are never finer than that."""
    seconds = at.timestamp()
    snapped = round(seconds / _MINUTE) * _MINUTE
    return at + timedelta(seconds=snapped - seconds)


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
        self._restore()

    def _restore(self) -> None:
        for grabbed in self._grabbed:
            grabbed.item.setPos(grabbed.start)
            grabbed.item.drag_label = None
            grabbed.item.setZValue(Z_CARD)
            grabbed.item.update()
