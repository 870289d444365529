"""Room for the timeline's labels, so no milestone, duration or person is cut short.

A label that does not fit where it would normally go moves instead of being
elided: a milestone's label near the right edge goes left of its line, a
duration too long for its band goes on a row under the bands, a long lane
name widens the name column (within a cap) and wraps, and a card's person
shrinks to a floor before, as a last resort, losing its middle, so the end
that tells "team-member-1" from "team-member-2" always shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pmdesk.figures.measure import TextMeasure
from pmdesk.figures.style import FigureStyle

#: A card's subtitle may shrink to this share of the small font before anything is cut.
SUBTITLE_FLOOR = 0.8
#: The lane-name column grows to fit the widest name, up to this multiple of the style's width.
LANE_LABEL_CAP = 1.75
#: Space between a milestone's line and its label, and around a label's text.
LABEL_PAD = 4.0
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a label goes: its row, left edge, width, and whether it sits left of its anchor."""

    row: int
    x: float
    width: float
    left: bool = False


class Rows:
    """Label rows filled first-fit, so labels close in time stack instead of overlapping."""

    def __init__(self) -> None:
        self._rows: list[list[tuple[float, float]]] = []

    def place(self, x0: float, x1: float) -> int:
        """The first row where [x0, x1] overlaps nothing (a new row if none); claims it."""
        for index, spans in enumerate(self._rows):
            if all(x1 + LABEL_PAD <= a or x0 >= b + LABEL_PAD for a, b in spans):
                spans.append((x0, x1))
                return index
        self._rows.append([(x0, x1)])
        return len(self._rows) - 1

    @property
    def count(self) -> int:
        return len(self._rows)


def beside(rows: Rows, x: float, text_w: float, *, low: float, high: float) -> Placed:
    """A label right of ``x``, or left of it when the right runs out of figure before ``high``."""
    left = x + LABEL_PAD + text_w > high and x - LABEL_PAD - text_w >= low
    start = x - LABEL_PAD - text_w if left else x + LABEL_PAD
    row = rows.place(start, start + text_w)
    return Placed(row, start, text_w, left)


def lane_label_width(labels: Sequence[str], measure: TextMeasure, style: FigureStyle) -> float:
    """The name column: the style's width, widened to the widest name up to ``LANE_LABEL_CAP``.

    Names wider than the cap wrap (``lane_label_lines``) rather than being cut.
    """
    base = style.lane_label_width
    widest = max((measure.width(t, style.body_px, bold=True) for t in labels if t), default=0.0)
    return min(max(base, widest + lane_label_inset()), base * LANE_LABEL_CAP)


def lane_label_inset() -> float:
    """Horizontal space the lane painter keeps around a name (8 left, 4 right of the text)."""
    return 12.0


def lane_label_lines(label: str, width: float, measure: TextMeasure, style: FigureStyle) -> int:
    """Lines a lane name takes in its column, so the lane is made tall enough for all of them."""
    if not label:
        return 0
    return measure.wrapped_lines(label, width - lane_label_inset(), style.body_px, bold=True)


def fit_subtitle(
    time_label: str, extra: str, key: bool, measure: TextMeasure, style: FigureStyle
) -> tuple[str, float]:
    """A card's small line and its font size, 0 when it fits as the style draws it.

    A line that does not fit makes room first: a key moment's "★ key" becomes
    "★", then the line shrinks down to ``SUBTITLE_FLOOR``. Only when even that
    is too small does the person (``extra``) lose its middle, never its end,
    so two people with a common prefix still read apart.
    """
    text = f"{time_label}  ·  {extra}" if extra else time_label
    px = style.small_px
    width = measure.width(text, px)
    if width <= subtitle_room(style, key):
        return text, 0.0
    room = subtitle_room(style, key, compact=True)
    if width <= room:
        return text, px
    floor = px * SUBTITLE_FLOOR
    shrunk = max(floor, px * room / width)
    if measure.width(text, shrunk) <= room or not extra:
        return text, shrunk
    lead = f"{time_label}  ·  "
    return lead + elide_middle(extra, room - measure.width(lead, floor), floor, measure), floor


def elide_middle(text: str, width: float, px: float, measure: TextMeasure) -> str:
    """``text`` with its middle replaced by "…" to fit ``width``; the end is kept longest."""
    if measure.width(text, px) <= width:
        return text
    best = ELLIPSIS
    for keep in range(1, len(text)):
        tail = (keep + 1) // 2  # the distinguishing end gets the odd character
        head = keep - tail
        candidate = text[:head].rstrip() + ELLIPSIS + text[len(text) - tail :].lstrip()
        if measure.width(candidate, px) > width:
            break
        best = candidate
    return best


def card_inset(style: FigureStyle) -> float:
    """Space a card keeps around its text on each side (the kind stripe adds 4 on the left)."""
    return 6 + style.line_width


def subtitle_room(style: FigureStyle, key: bool, *, compact: bool = False) -> float:
    """Width a card's small line may take: the card's inside, less the key moment's star.

    ``compact`` leaves room for "★" alone, as drawn when the line was fitted tightly.
    """
    room = style.card_width - 4 - 2 * card_inset(style)
    if not key:
        return room
    return room - style.small_px * (1.6 if compact else 3.6)


def phase_text(label: str, duration_text: str) -> str:
    """A duration's words, as the band and its label row both show them."""
    return f"{label} · {duration_text}"


__all__ = [
    "ELLIPSIS",
    "LABEL_PAD",
    "LANE_LABEL_CAP",
    "SUBTITLE_FLOOR",
    "Placed",
    "Rows",
    "beside",
    "card_inset",
    "elide_middle",
    "fit_subtitle",
    "lane_label_lines",
    "lane_label_width",
    "phase_text",
    "subtitle_room",
]
