"""The presenter's story strip: the timeline figure cut into bands that fit the room's screen.

The figure of a real review is taller than the strip the presenter can give
it. Scrolling a window over it cut cards at its edges and left the time axis
(at the figure's foot) out of sight, so the room saw times nowhere. The strip
is instead stacked from three bands of the same figure: the milestone and
phase labels at its head, as many whole lanes as fit around the current
moment's lane, and the time axis with its labels at its foot.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from pmdesk.figures.timeline.layout import Card, Lane, TimelineLayout

#: A horizontal band of the figure, as (top, bottom) in figure pixels.
Band = tuple[float, float]

#: Room kept above the milestone labels and around the axis, in figure pixels.
_PAD = 6.0


def head_band(layout: TimelineLayout) -> Band:
    """Milestone and phase labels: what the room needs to place a moment in the incident."""
    top = min(layout.milestone_band.y, layout.phase_band.y, layout.plot.y)
    return (max(0.0, top - _PAD), layout.plot.y)


def axis_band(layout: TimelineLayout) -> Band:
    """The time axis with its tick labels, so every card can be read against a time."""
    return (layout.plot.bottom, layout.height)


def lane_window(lanes: tuple[Lane, ...], current: int, room: float) -> Band:
    """Whole lanes around lane ``current`` that fit in ``room``; a lane is never cut.

    Lanes are added below and above in turn, so the current one sits near the
    middle. A lane taller than the room alone is shown from its top.
    """
    lo = hi = current
    used = lanes[current].rect.h
    grew = True
    while grew:
        grew = False
        for candidate in (hi + 1, lo - 1):
            if 0 <= candidate < len(lanes) and not lo <= candidate <= hi:
                h = lanes[candidate].rect.h
                if used + h <= room:
                    used += h
                    lo, hi = min(lo, candidate), max(hi, candidate)
                    grew = True
    top = lanes[lo].rect.y
    return (top, min(lanes[hi].rect.bottom, top + max(room, 1.0)))


def strip_bands(layout: TimelineLayout, card: Card | None, height: float) -> list[Band]:
    """The bands of the strip, top to bottom, for a strip ``height`` figure pixels tall."""
    head, axis = head_band(layout), axis_band(layout)
    room = height - (head[1] - head[0]) - (axis[1] - axis[0])
    if not layout.lanes:
        return [head, axis]
    if layout.plot.h <= room:
        return [head, (layout.plot.y, layout.plot.bottom), axis]
    current = card.lane if card is not None and 0 <= card.lane < len(layout.lanes) else 0
    return [head, lane_window(layout.lanes, current, room), axis]


def lanes_left_out(layout: TimelineLayout, bands: list[Band]) -> int:
    """How many lanes the strip leaves out, so the room is told the figure goes on."""
    return sum(
        not any(top <= lane.rect.y and lane.rect.bottom <= bottom for top, bottom in bands)
        for lane in layout.lanes
    )


def left_out_line(left_out: int, total: int) -> str:
    """What the presenter says under the strip when lanes are left out ('' when none are)."""
    if left_out <= 0:
        return ""
    shown = total - left_out
    lanes = "lane" if total == 1 else "lanes"
    return f"Showing {shown} of {total} {lanes}, around this moment's."


def fit_strip(
    layout: TimelineLayout, card: Card | None, room_for: Callable[[str], float]
) -> tuple[list[Band], str]:
    """The strip's bands and the line saying what it leaves out ('' when nothing).

    ``room_for(note)`` is the room left for the strip once the moment's words and
    that note are placed; the note's own room is found in a second pass.
    """
    note = ""
    bands: list[Band] = []
    for _ in range(2):
        bands = strip_bands(layout, card, room_for(note))
        note = left_out_line(lanes_left_out(layout, bands), len(layout.lanes))
    return bands, note


def band_height(bands: list[Band]) -> float:
    """The strip's height in figure pixels."""
    return sum(bottom - top for top, bottom in bands)


def paint_strip(
    painter: QPainter,
    origin: QRectF,
    bands: list[Band],
    scale: float,
    draw: Callable[[QPainter], None],
) -> None:
    """Draw the figure once per band, each band clipped and stacked under the previous one."""
    y = origin.top()
    for top, bottom in bands:
        h = (bottom - top) * scale
        painter.save()
        painter.setClipRect(QRectF(origin.left(), y, origin.width(), h))
        painter.translate(origin.left(), y - top * scale)
        painter.scale(scale, scale)
        draw(painter)
        painter.restore()
        y += h
