"""The board's scene: the review's layers and factors laid out as slices and holes.

Built from a review snapshot in one go, like the timeline's scene; the items
mirror the review and never write to it. The view above it handles input.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QRectF
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSimpleTextItem

from pmdesk.clock import format_moment
from pmdesk.figures.factors.layout import CheeseLayout, fit_cheese
from pmdesk.figures.qt_text import QtTextMeasure, font
from pmdesk.figures.style import FigureStyle, figure_style
from pmdesk.model import Review
from pmdesk.text import one_line
from pmdesk.ui.factors.items import HoleItem, SliceItem, TrajectoryItem
from pmdesk.ui.plain import plain_tooltip

#: On screen a hole shows its whole text; report images keep the style's shorter cap.
_BOARD_MAX_LINES = 24


class BoardScene(QGraphicsScene):
    """Slices and holes of one review at one width; rebuilt whole when the review changes."""

    def __init__(self, theme: str = "light") -> None:
        super().__init__()
        self.fig_style: FigureStyle = board_style(theme)
        self.layout: CheeseLayout | None = None
        self.holes: dict[str, HoleItem] = {}
        self.slices: dict[str, SliceItem] = {}

    def set_theme(self, theme: str) -> None:
        """Switch colours; the board rebuilds the items afterwards."""
        self.fig_style = board_style(theme)

    def show_review(
        self, review: Review, width: float, height: float, *, read_only: bool
    ) -> CheeseLayout:
        """Lay ``review`` out to fit ``width``×``height`` best and replace every item."""
        style = self.fig_style
        layout = fit_cheese(review, width, height, style=style, measure=QtTextMeasure(style))
        self.layout = layout
        self.clear()
        self.holes.clear()
        self.slices.clear()
        self.setBackgroundBrush(QBrush(QColor(style.background)))
        legend = QGraphicsSimpleTextItem(layout.legend)
        legend.setFont(font(style.font_families, style.small_px))
        legend.setBrush(QColor(style.muted))
        legend.setPos(layout.legend_rect.x, layout.legend_rect.y)
        self.addItem(legend)
        if layout.trajectory is not None:
            self.addItem(TrajectoryItem(layout.trajectory, style))
        for layer in layout.slices:
            slice_item = SliceItem(layer, style)
            self.addItem(slice_item)
            if layer.layer_id:
                self.slices[layer.layer_id] = slice_item
            for hole in layer.holes:
                item = HoleItem(hole, style)
                item.setToolTip(plain_tooltip(hole_tooltip(review, hole.factor_id)))
                if read_only:
                    item.unsetCursor()
                self.addItem(item)
                self.holes[hole.factor_id] = item
        if layout.empty_message:
            bottom = max((s.rect.bottom for s in layout.slices), default=layout.legend_rect.bottom)
            message = QGraphicsSimpleTextItem(layout.empty_message)
            message.setFont(font(style.font_families, style.body_px))
            message.setBrush(QColor(style.muted))
            message.setPos(layout.width / 2 - message.boundingRect().width() / 2, bottom + 12)
            self.addItem(message)
        top = layout.legend_rect.y - style.margin / 2
        self.setSceneRect(QRectF(0, top, layout.width, layout.height - top))
        return layout

    def slice_at_x(self, x: float) -> SliceItem | None:
        """The slice a hole dropped at ``x`` lands in (with a little slack either side)."""
        for item in self.slices.values():
            body = item.body_rect()
            if body.left() - 12 <= x <= body.right() + 12:
                return item
        return None

    def tab_order(self) -> list[str]:
        """Factor ids in reading order: layer by layer, top to bottom."""
        return [h.factor_id for h in self.layout.holes] if self.layout else []


def hole_tooltip(review: Review, factor_id: str) -> str:
    """The factor's whole text and its linked moments, as plain text for ``plain_tooltip``."""
    factor = review.factor(factor_id)
    if factor is None:
        return ""
    lines = [one_line(factor.text, 600)]
    events = [e for e in (review.event(i) for i in factor.events) if e is not None]
    if events:
        lines.append(f"Seen in {len(events)} timeline event{'s' if len(events) != 1 else ''}:")
        lines += [
            f"· {format_moment(e.at, review.timezone)}  {one_line(e.title, 80)}" for e in events[:8]
        ]
    if factor.on_trajectory:
        lines.append("On the incident's trajectory")
    return "\n".join(lines)


def board_style(theme: str) -> FigureStyle:
    """The figure style on screen: the same as the reports, but holes show all their text."""
    style = figure_style(theme)
    return dataclasses.replace(style, hole_max_lines=max(style.hole_max_lines, _BOARD_MAX_LINES))
