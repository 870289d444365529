"""The review → scene step: lay the review out and keep one item per shown card.

The scene is rebuilt from a fresh layout whenever the review, the zoom, the
width or the lane mode changes; card items are reused by event id, so a zoom
step on a big review moves items instead of recreating them.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsScene

from pmdesk.clock import Zone, format_moment
from pmdesk.figures.qt_text import QtTextMeasure
from pmdesk.figures.style import FigureStyle, figure_style
from pmdesk.figures.timeline.layout import Lane, LaneMode, TimelineLayout, layout_timeline
from pmdesk.model import Event, EventKind, Review
from pmdesk.text import clean_text, one_line
from pmdesk.ui.timeline.items import (
    FADED,
    AxisItem,
    BackdropItem,
    CardItem,
    DotsItem,
    NowLineItem,
    knew_height,
)
from pmdesk.ui.timeline.relayout import moved_layout


def canvas_style(theme: str = "light") -> FigureStyle:
    """The figure style with taller cards, so each has room for what the team knew."""
    base = figure_style(theme)
    return dataclasses.replace(
        base, card_height=base.card_height + knew_height(base), card_width=base.card_width * 1.12
    )


class TimelineScene(QGraphicsScene):
    """The timeline of one review at one zoom; ``layout`` holds the numbers it shows."""

    def __init__(self, style: FigureStyle | None = None) -> None:
        """Backdrop, axis, dots and now line are made once; cards are made per layout."""
        super().__init__()
        self.fig_style = style or canvas_style()
        self._measure = QtTextMeasure(self.fig_style)
        self.review: Review | None = None
        self.layout: TimelineLayout | None = None
        self.mode = LaneMode.KIND
        self.zoom = 1.0
        self.fit_width = 1200.0
        self.cards: dict[str, CardItem] = {}
        self.now: datetime | None = None
        self.backdrop = BackdropItem(self.fig_style)
        self.axis = AxisItem(self.fig_style)
        self.dots = DotsItem(self.fig_style)
        self.now_line = NowLineItem(self.fig_style)
        self.now_line.setVisible(False)
        for item in (self.backdrop, self.axis, self.dots, self.now_line):
            self.addItem(item)

    def set_style(self, style: FigureStyle) -> None:
        """Draw with another theme's style from now on (light, dark, projector)."""
        self.fig_style = style
        self._measure = QtTextMeasure(style)
        for part in (self.backdrop, self.axis, self.dots, self.now_line):
            part.style = style
        for card in self.cards.values():
            self.removeItem(card)
        self.cards.clear()
        if self.review is not None:
            self.show_review(self.review)
        self.update()

    def show_review(
        self,
        review: Review,
        *,
        width: float | None = None,
        zoom: float | None = None,
        mode: LaneMode | None = None,
    ) -> None:
        """Lay ``review`` out again and bring the items in line with it."""
        self.review = review
        self.fit_width = width if width is not None else self.fit_width
        self.zoom = zoom if zoom is not None else self.zoom
        self.mode = mode if mode is not None else self.mode
        layout = layout_timeline(
            review,
            width=max(self.fit_width, 640.0),
            style=self.fig_style,
            measure=self._measure,
            lanes=self.mode,
            zoom=self.zoom,
        )
        self.layout = layout
        self.backdrop.set_layout(layout)
        self.axis.set_layout(layout, _zone_text(review))
        self.dots.set_layout(layout)
        knew = {e.id: e.knew for e in review.events if e.knew}
        keep: set[str] = set()
        for card in layout.cards:
            if card.overflow:
                continue
            keep.add(card.event_id)
            text = one_line(clean_text(knew.get(card.event_id, "")[:2000]), 300)
            item = self.cards.get(card.event_id)
            if item is None:
                item = CardItem(card, text, self.fig_style)
                self.cards[card.event_id] = item
                self.addItem(item)
            else:
                item.update_card(card, text)
        for event_id in [i for i in self.cards if i not in keep]:
            self.removeItem(self.cards.pop(event_id))
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        self.set_now(self.now)

    def move_cards(self, review: Review, moved: frozenset[str]) -> bool:
        """Take a review whose ``moved`` events only changed time, touching only their lanes.

        False (nothing done) when more changed or the axis or a lane's height
        would change; then the caller lays the review out in full.
        """
        if self.review is None or self.layout is None:
            return False
        layout = moved_layout(
            self.layout, self.review, review, moved, self.fig_style, self.fit_width, self.zoom
        )
        if layout is None:
            return False
        old = {card.event_id: card for card in self.layout.cards}
        gone = [old[i] for i in moved if i in old and review.event(i) is None]
        summary_changed = layout.summary != self.layout.summary
        old_lanes = self.layout.lanes
        self.review = review
        self.layout = layout
        # Lanes, axis and size are as they were: the backdrop and axis need no repaint.
        self.backdrop.layout = layout
        self.axis.layout = layout
        if summary_changed:  # a delete changes the event count in the header
            r = layout.summary_rect
            self.backdrop.update(QRectF(r.x, r.y, layout.width - r.x, r.h))
        for was, lane in zip(old_lanes, layout.lanes, strict=True):
            if was.hidden != lane.hidden:  # its "+n shown as dots" changed
                self.backdrop.update(QRectF(lane.rect.x, lane.rect.y, lane.rect.w, lane.rect.h))
        marks: list[tuple[EventKind, float, float | None]] = [
            (card.kind, old[card.event_id].anchor_x, card.anchor_x)
            for card in layout.cards
            if card.event_id in moved and old[card.event_id].anchor_x != card.anchor_x
        ]
        marks += [(card.kind, card.anchor_x, None) for card in gone]
        kinds = {card.kind for card in layout.cards if card.event_id in moved}
        kinds |= {card.kind for card in gone}
        for card in gone:
            if card.event_id in self.cards:
                self.removeItem(self.cards.pop(card.event_id))
        self.dots.set_layout(layout, kinds, marks)
        knew = {e.id: e.knew for e in review.events if e.id in moved and e.knew}
        for card in layout.cards:
            if old.get(card.event_id) == card:
                continue
            item = self.cards.get(card.event_id)
            text = one_line(clean_text(knew.get(card.event_id, "")[:2000]), 300)
            if card.overflow:
                if item is not None:
                    self.removeItem(self.cards.pop(card.event_id))
            elif item is None:
                item = CardItem(card, text, self.fig_style)
                self.cards[card.event_id] = item
                self.addItem(item)
            else:
                item.update_card(card, text)
        if self.now is not None:
            self.set_now(self.now)  # a moved card may cross the now line
        return True

    def height_for(self, review: Review, width: float) -> float:
        """How tall the whole incident lays out at ``width`` (zoom 1), without touching items."""
        layout = layout_timeline(
            review,
            width=max(width, 640.0),
            style=self.fig_style,
            measure=self._measure,
            lanes=self.mode,
            zoom=1.0,
        )
        return layout.height

    # -- time and place -----------------------------------------------------------

    def x_of(self, at: datetime) -> float:
        """Where a moment lies on the current layout's axis."""
        assert self.layout is not None
        return self.layout.scale.x(at)

    def time_at(self, x: float) -> datetime:
        """The moment at an x position on the current layout's axis."""
        assert self.layout is not None
        return self.layout.scale.time_at(x)

    def lane_at(self, y: float) -> Lane | None:
        """The lane at a height, or None between or outside the lanes."""
        if self.layout is None:
            return None
        for lane in self.layout.lanes:
            if lane.rect.y <= y < lane.rect.bottom:
                return lane
        return None

    def event_x(self, event_id: str) -> float | None:
        """Where an event sits on the axis, shown as a card or as a dot."""
        if self.layout is None:
            return None
        item = self.cards.get(event_id)
        if item is not None:
            return item.card.anchor_x
        for card in self.layout.cards:
            if card.event_id == event_id:
                return card.anchor_x
        return None

    def new_event_defaults(self, y: float) -> dict[str, object]:
        """Kind or actor of a new event from the lane it was made in."""
        lane = self.lane_at(y)
        if lane is None or not lane.key:
            return {}
        if self.mode is LaneMode.KIND:
            return {"kind": EventKind(lane.key)}
        return {"actor": lane.key}

    # -- what we knew then -----------------------------------------------------------

    def set_now(self, at: datetime | None) -> None:
        """Fade every event after ``at``; ``None`` shows everything as it is known today."""
        self.now = at
        layout = self.layout
        if at is None or layout is None or self.review is None:
            self.now_line.setVisible(False)
            for item in self.cards.values():
                item.setOpacity(1.0)
            return
        times = {e.id: e.at for e in self.review.events}
        for event_id, item in self.cards.items():
            later = times.get(event_id, at) > at
            item.setOpacity(FADED if later else 1.0)
        label = format_moment(at, self.review.timezone, with_date=False)
        self.now_line.place(self.x_of(at), layout.milestone_band.y + 22, layout.axis_y, label, at)
        self.now_line.setVisible(True)

    def faded_ids(self) -> set[str]:
        """Events drawn as not yet known (after the now line)."""
        return {i for i, item in self.cards.items() if item.opacity() < 1.0}

    def known_events(self) -> list[Event]:
        """Events up to the now line, in time order: what the room may speak of."""
        if self.review is None:
            return []
        events = self.review.events_by_time()
        if self.now is None:
            return events
        return [e for e in events if e.at <= self.now]


def _zone_text(review: Review) -> str:
    """'Times in Europe/Berlin (UTC+02:00)', and why not when the review's zone is unknown."""
    zone = Zone.of(review)
    text = f"Times in {zone.label(review.started_at)}"
    return f"{text} ({zone.note})" if zone.note else text
