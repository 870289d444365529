"""Plain rectangles for figure layouts, so layouts stay testable without Qt.

Painters turn a ``Rect`` into a ``QRectF`` at the last moment; canvases use the
same numbers to place their items, which keeps the screen and the reports in step.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle in logical pixels; ``w`` and ``h`` are never negative."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Rect) -> bool:
        """True when the interiors share area; touching edges do not count."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        """Whether other lies wholly inside, edges included: layout checks text stays in its box."""
        return (
            self.x <= other.x
            and self.y <= other.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x <= x <= self.right and self.y <= y <= self.bottom

    def moved(self, dx: float, dy: float) -> Rect:
        """A copy shifted by (dx, dy); Rect is frozen, so layouts move copies."""
        return Rect(self.x + dx, self.y + dy, self.w, self.h)
