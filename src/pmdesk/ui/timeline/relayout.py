"""Moving cards in time without laying the whole review out again.

A card move changes only the moved events' times. When the axis (its scale)
and every lane's height stay as they were, only the lanes holding the moved
cards need stacking again; this module computes that new layout, the same one
``layout_timeline`` would give, or says None so the caller lays out in full.
"""

from __future__ import annotations

import dataclasses

from pmdesk.figures.geometry import Rect
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.layout import (
    MILESTONE_NAMES,
    Card,
    LaneMode,
    TimelineLayout,
    _stack,
    _summary,
)
from pmdesk.figures.timeline.scale import TimeScale, fit_scale
from pmdesk.model import Event, Review


def moved_layout(
    layout: TimelineLayout,
    old: Review,
    new: Review,
    moved: frozenset[str],
    style: FigureStyle,
    width: float,
    zoom: float,
) -> TimelineLayout | None:
    """``layout`` with the ``moved`` events restacked in their lanes; None if more changed.

    A moved event that is gone from ``new`` was deleted: its lane is restacked
    without it.

    None when anything but the moved events' times differs, when the axis
    would change, or when a lane would grow or shrink (the lanes below move).
    """
    if layout.key_only or old.events is new.events or len(new.events) > len(old.events):
        return None
    if _fields_other_than_events(old) != _fields_other_than_events(new):
        return None
    before = {e.id: e for e in old.events}
    # Deleted events count as moved out of their lane: it is restacked without them.
    if not before.keys() - {e.id for e in new.events} <= moved:
        return None
    for event in new.events:
        was = before.get(event.id)
        if was is event:
            continue  # the document keeps unchanged items as the same objects
        if was is None or event.id not in moved or dataclasses.replace(was, at=event.at) != event:
            return None
    # tests/gui/timeline/test_relayout.py holds this to what layout_timeline computes
    by_time = new.events_by_time()
    scale = _scale(new, by_time, layout.mode, style, width, zoom)
    if scale != layout.scale:
        return None
    lane_of = {card.event_id: card.lane for card in layout.cards}
    if not moved <= lane_of.keys():
        return None
    lanes = {lane_of[event_id] for event_id in moved}
    per_lane: dict[int, list[Event]] = {lane: [] for lane in lanes}
    for event in by_time:
        lane = lane_of[event.id]
        if lane in per_lane:
            per_lane[lane].append(event)
    old_cards = {card.event_id: card for card in layout.cards}
    restacked: dict[int, list[Card]] = {}
    shapes = list(layout.lanes)
    for lane, events in per_lane.items():
        cap = max(1, style.max_rows)
        placed, rows, hidden = _stack(events, scale, style.card_width, style.card_gap, cap)
        shape = layout.lanes[lane]
        # A lane's height depends on its rows and on whether it has dots, not on how many.
        if rows != shape.rows or bool(hidden) != bool(shape.hidden):
            return None
        shapes[lane] = dataclasses.replace(shape, hidden=hidden)
        restacked[lane] = [
            _placed_card(old_cards[e.id], e, row, x, shape.rect, rows, layout, style)
            for e, row, x in placed
        ]
    cards: list[Card] = []
    done: set[int] = set()
    for card in layout.cards:
        if card.lane in restacked:
            if card.lane not in done:
                cards.extend(restacked[card.lane])
                done.add(card.lane)
        else:
            cards.append(card)
    # The header counts the events (a delete changes it).
    summary = _summary(layout.phases, False, 0, len(new.events)) if layout.summary else ""
    return dataclasses.replace(layout, cards=tuple(cards), lanes=tuple(shapes), summary=summary)


def _placed_card(
    card: Card,
    event: Event,
    row: int,
    x: float,
    lane: Rect,
    rows: int,
    layout: TimelineLayout,
    style: FigureStyle,
) -> Card:
    """The card of a restacked event, placed as ``layout_timeline`` places it."""
    if row == card.row and x == card.anchor_x:
        return card
    if row < 0:
        used = max(rows, 1)
        cards_h = used * style.card_height + (used - 1) * style.row_gap
        dot = max(6.0, style.small_px * 0.7)
        rect = Rect(x - dot / 2, lane.y + style.lane_pad + cards_h + style.row_gap, dot, dot)
    else:
        top = lane.y + style.lane_pad + row * (style.card_height + style.row_gap)
        rect = Rect(x, top, style.card_width, style.card_height)
    label = _time_label(event, layout)
    lead = f"{card.time_label}  ·  "
    extra = card.subtitle.removeprefix(lead) if card.subtitle.startswith(lead) else ""
    return dataclasses.replace(
        card,
        rect=rect,
        anchor_x=x,
        row=row,
        overflow=row < 0,
        time_label=label,
        subtitle=f"{label}  ·  {extra}" if extra else label,
    )


def _time_label(event: Event, layout: TimelineLayout) -> str:
    """The card's time, with the weekday when the incident spans days (as the layout words it)."""
    local = event.at.astimezone(layout.tz)
    days = (layout.scale.end - layout.scale.start).total_seconds() >= 20 * 3600
    return f"{local:%a %H:%M}" if days else f"{local:%H:%M}"


def _scale(
    review: Review,
    by_time: list[Event],
    mode: LaneMode,
    style: FigureStyle,
    width: float,
    zoom: float,
) -> TimeScale:
    """The axis ``layout_timeline`` fits to the review's events and milestones."""
    marks = [at for name, _, _ in MILESTONE_NAMES if (at := getattr(review, name)) is not None]
    label_w = style.tick_spacing / 2 if mode is LaneMode.ONE else style.lane_label_width
    x0 = style.margin + label_w + style.card_gap
    tail = max(style.card_width, style.card_width * 0.6)
    axis_w = max(max(width, 640.0) - x0 - style.margin - tail, 4 * style.tick_spacing)
    times = [e.at for e in by_time] + marks
    return fit_scale(times, x0=x0, width=axis_w, zoom=zoom)


def _fields_other_than_events(review: Review) -> Review:
    """The review with its events and write stamps left out, to compare the rest."""
    return dataclasses.replace(review, events=(), version=0, updated_at=None)
