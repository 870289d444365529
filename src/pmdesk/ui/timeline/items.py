"""Scene items of the timeline canvas; each mirrors part of a layout and never writes.

Every item paints with the painters in ``pmdesk.figures.timeline.paint``, so the
canvas and the report images agree. Cards that did not fit their lane are not
items at all: one ``DotsItem`` per scene draws only the dots in the exposed
area, which keeps a 100,000-event review cheap to show.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from pmdesk.figures.geometry import Rect
from pmdesk.figures.qt_text import draw_line_of_text, draw_text, font
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.layout import Card, TimelineLayout
from pmdesk.figures.timeline.paint import (
    Detail,
    card_detail,
    paint_event_card,
    paint_gap,
    paint_lane,
    paint_milestone,
    paint_phase,
    paint_tick,
    qrect,
)
from pmdesk.figures.timeline.scale import Tick, ticks
from pmdesk.model import EventKind
from pmdesk.ui.plain import plain_tooltip


def knew_height(style: FigureStyle) -> float:
    """Height of the "knew" band under a card's title: two small lines and a margin."""
    return round(style.small_px * 3.1)


#: Opacity of events after the "now" line: present, but clearly not yet known.
FADED = 0.18

Z_BACKDROP, Z_DOTS, Z_CARD, Z_SELECTED, Z_NOW = 0.0, 1.0, 2.0, 3.0, 4.0


def visible_part(painter: QPainter, option: QStyleOptionGraphicsItem) -> QRectF:
    """The exposed rect, cut to what the painter's device shows.

    A view fills ``exposedRect`` precisely, but ``QGraphicsScene.render`` (reports,
    screenshots) passes the whole bounding rect; the device bounds the work either way.
    """
    exposed: QRectF = option.exposedRect
    device = painter.device()
    if device is None:
        return exposed
    inverse, ok = painter.worldTransform().inverted()
    if not ok:
        return exposed
    shown = inverse.mapRect(QRectF(0, 0, device.width(), device.height()))
    return exposed.intersected(shown)


class CardItem(QGraphicsItem):
    """One event as a card: time, title, actor and what the team knew then."""

    def __init__(self, card: Card, knew: str, style: FigureStyle) -> None:
        """Cards are selectable; hover is off, as the view tracks the mouse itself."""
        super().__init__()
        self.card = card
        self.knew = knew
        self.style = style
        self.drag_label: str | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(Z_CARD)
        self.setAcceptHoverEvents(False)
        # Cards beside a moved card are repainted from a pixmap, not drawn again.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.update_card(card, knew)

    @property
    def event_id(self) -> str:
        return self.card.event_id

    def update_card(self, card: Card, knew: str) -> None:
        """Take a new layout for the same event: position, texts, size."""
        rect = qrect(card.rect)
        resized = rect.size() != self.boundingRect().size()
        if resized:
            self.prepareGeometryChange()
        same_look = (
            not resized
            and knew == self.knew
            and dataclasses.replace(card, rect=self.card.rect, anchor_x=self.card.anchor_x)
            == self.card
        )
        self.card = card
        self.knew = knew
        self.setPos(rect.topLeft())
        self.setToolTip(
            plain_tooltip(f"{card.subtitle}\n{card.title}" + (f"\nKnew: {knew}" if knew else ""))
        )
        if not same_look:
            self.update()  # a card that only moved is redrawn from its cached pixmap

    def boundingRect(self) -> QRectF:
        """The card plus room for the selection ring drawn just outside it."""
        rect = self.card.rect
        return QRectF(-1.5, -1.5, rect.w + 3, rect.h + 3)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Draw as much as the zoom allows: a dot, the card, or the card with what the team knew."""
        style = self.style
        whole = QRectF(0, 0, self.card.rect.w, self.card.rect.h)
        top = QRectF(0, 0, whole.width(), whole.height() - knew_height(style))
        card = self.card
        if self.drag_label is not None:
            card = _with_subtitle(card, self.drag_label)
        detail = card_detail(painter, whole, style)
        if detail is Detail.DOT:
            painter.fillRect(whole, QColor(style.kind_colors[card.kind]))
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(style.key_accent if card.key else style.card_border), 1))
        painter.setBrush(QColor(style.card_fill))
        painter.drawRoundedRect(whole.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        tint = QColor(style.key_accent)
        tint.setAlpha(18)
        painter.setBrush(tint)
        painter.drawRoundedRect(whole.adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        painter.restore()
        paint_event_card(painter, top if detail is Detail.FULL else whole, card, style)
        if detail is Detail.FULL:
            self._paint_knew(painter, QRectF(0, top.bottom(), whole.width(), knew_height(style)))
        if self.isSelected():
            painter.save()
            pen = QPen(QColor(style.kind_colors[card.kind]), 2.5)
            pen.setStyle(Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(whole.adjusted(-1, -1, 1, 1), 6, 6)
            painter.restore()

    def _paint_knew(self, painter: QPainter, rect: QRectF) -> None:
        """The "Knew" line under the card; an empty one asks the question instead."""
        style = self.style
        inner = rect.adjusted(10, 2, -6, -3)
        small = font(style.font_families, style.small_px)
        if self.knew:
            bold = font(style.font_families, style.small_px, bold=True)
            label_w = QFontMetricsF(bold).horizontalAdvance("Knew") + style.small_px * 0.6
            draw_line_of_text(
                painter, inner.topLeft(), "Knew", bold, style.key_accent, max_width=label_w
            )
            draw_text(painter, inner.adjusted(label_w, 0, 0, 0), self.knew, small, style.text)
        else:
            draw_line_of_text(
                painter, inner.topLeft(), "What did the team know? (not written)",
                small, style.muted, max_width=inner.width(),
            )  # fmt: skip


def _with_subtitle(card: Card, label: str) -> Card:
    """The card showing a drag's new time instead of its own, while it is being dragged."""
    return dataclasses.replace(card, subtitle=label, time_label=label)


class BackdropItem(QGraphicsItem):
    """Lanes, phases, grid, quiet gaps and milestones: everything behind the cards."""

    def __init__(self, style: FigureStyle) -> None:
        super().__init__()
        self.style = style
        self.layout: TimelineLayout | None = None
        self.setZValue(Z_BACKDROP)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_layout(self, layout: TimelineLayout) -> None:
        """Take a new layout; prepareGeometryChange first, as the bounds may change."""
        self.prepareGeometryChange()
        self.layout = layout
        self.update()

    def boundingRect(self) -> QRectF:
        if self.layout is None:
            return QRectF()
        return QRectF(0, 0, self.layout.width, self.layout.height)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Paint only the exposed part: a long timeline is far wider than the screen."""
        layout, style = self.layout, self.style
        if layout is None:
            return
        exposed = visible_part(painter, option)
        painter.fillRect(exposed, QColor(style.background))
        body = font(style.font_families, style.body_px)
        title = font(style.font_families, style.title_px, bold=True)
        draw_line_of_text(
            painter, QPointF(layout.title_rect.x, layout.title_rect.y), layout.title, title,
            style.text, max_width=layout.title_rect.w,
        )  # fmt: skip
        draw_line_of_text(
            painter, QPointF(layout.summary_rect.x, layout.summary_rect.y), layout.summary,
            body, style.muted, max_width=layout.summary_rect.w,
        )  # fmt: skip
        for index, lane in enumerate(layout.lanes):
            paint_lane(painter, lane, index, style)
        for phase in layout.phases:
            paint_phase(painter, phase, layout.phase_band, style)
        if layout.empty_message:
            draw_text(
                painter, qrect(layout.plot), layout.empty_message, body, style.muted,
                align=Qt.AlignmentFlag.AlignHCenter, middle=True,
            )  # fmt: skip
        else:
            self._paint_grid(painter, exposed)
        for gap in layout.gaps:
            if gap.x1 >= exposed.left() and gap.x0 <= exposed.right():
                paint_gap(painter, gap, layout.plot.y, layout.axis_y, style)
        for milestone in layout.milestones:
            paint_milestone(painter, milestone, layout, style)

    def _paint_grid(self, painter: QPainter, exposed: QRectF) -> None:
        """Faint verticals at the ticks in sight (``paint_grid`` draws every tick of the scale)."""
        layout, style = self.layout, self.style
        assert layout is not None
        spacing = style.tick_spacing
        shown = ticks(
            layout.scale, layout.tz, min_spacing=spacing,
            x_from=exposed.left() - spacing, x_to=exposed.right() + spacing,
        )  # fmt: skip
        painter.save()
        pen = QPen(QColor(style.grid), style.line_width)
        pen.setStyle(Qt.PenStyle.DotLine)
        painter.setPen(pen)
        painter.drawLines([QLineF(t.x, layout.plot.y, t.x, layout.axis_y) for t in shown])
        painter.restore()


class AxisItem(QGraphicsItem):
    """The time axis with ticks for the exposed stretch only, and the zone it shows."""

    def __init__(self, style: FigureStyle) -> None:
        super().__init__()
        self.style = style
        self.layout: TimelineLayout | None = None
        self.zone_text = ""
        self.setZValue(Z_DOTS)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_layout(self, layout: TimelineLayout, zone_text: str) -> None:
        """Take a new layout and the zone name shown at the axis's start."""
        self.prepareGeometryChange()
        self.layout = layout
        self.zone_text = zone_text
        self.update()

    def boundingRect(self) -> QRectF:
        if self.layout is None:
            return QRectF()
        return QRectF(0, self.layout.axis_y - 8, self.layout.width, self.layout.height)

    def visible_ticks(self, x_from: float, x_to: float) -> list[Tick]:
        """The ticks between two x positions, one spacing beyond each end so labels are not cut."""
        layout = self.layout
        if layout is None or not layout.ticks:
            return []
        return list(
            ticks(
                layout.scale, layout.tz, min_spacing=self.style.tick_spacing,
                x_from=x_from - self.style.tick_spacing, x_to=x_to + self.style.tick_spacing,
            )
        )  # fmt: skip

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """The axis broken at quiet gaps, with ticks for the exposed stretch only."""
        layout, style = self.layout, self.style
        if layout is None or not layout.ticks:
            return
        exposed = visible_part(painter, option)
        y = layout.axis_y
        painter.save()
        painter.setPen(QPen(QColor(style.text), style.line_width * 1.5))
        x = layout.scale.x_start
        for gap in layout.gaps:
            painter.drawLine(QLineF(x, y, gap.x0 + 4, y))
            x = gap.x1 - 4
        painter.drawLine(QLineF(x, y, layout.scale.x_end, y))
        line = font(style.font_families, style.small_px).pixelSize() * 1.3
        for tick in ticks(
            layout.scale, layout.tz, min_spacing=style.tick_spacing,
            x_from=exposed.left() - style.tick_spacing, x_to=exposed.right() + style.tick_spacing,
        ):  # fmt: skip
            paint_tick(painter, tick, y, line, style)
        small = font(style.font_families, style.small_px, bold=True)
        draw_line_of_text(
            painter, QPointF(style.margin, y + 8), self.zone_text, small, style.muted,
            max_width=style.lane_label_width,
        )  # fmt: skip
        painter.restore()


class DotsItem(QGraphicsItem):
    """Events without room for a card, and the rug of all events on the axis.

    Shapes are built once per layout, grouped by kind and sorted by x; a paint
    draws only the slice in sight, so a zoomed-in view of 100,000 events touches
    a few dozen of them.
    """

    #: How far (scene pixels) outside a dot a pointer still counts as on it.
    SLACK = 3.0

    def __init__(self, style: FigureStyle) -> None:
        """Clicks go to the view; the item only answers hovers with a tooltip."""
        super().__init__()
        self.style = style
        self.layout: TimelineLayout | None = None
        self._dots: dict[EventKind, _Strip] = {}
        self._dot_rects: dict[EventKind, Counter[Rect]] = {}
        self._rug: dict[EventKind, _Strip] = {}
        self._hit_xs: list[float] = []
        self._hits: list[Card] = []
        self._widest = 0.0
        self.setZValue(Z_DOTS)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.setAcceptHoverEvents(True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the view handles clicks

    def set_layout(
        self,
        layout: TimelineLayout,
        kinds: set[EventKind] | None = None,
        moves: Sequence[tuple[EventKind, float, float | None]] = (),
    ) -> None:
        """Sort dots and rug marks by kind and x once, so paint and hover only slice and bisect.

        With ``kinds`` (after a card move; the layout's size unchanged) only those
        kinds' dots are sorted again and only the rug marks in ``moves`` (kind,
        old x, new x or None for a deleted event) are moved: the other thousands
        of marks stay as they were.
        """
        if kinds is None:
            self.prepareGeometryChange()
        self.layout = layout
        y = layout.axis_y
        dots: dict[EventKind, list[Card]] = {}
        rug: dict[EventKind, list[Card]] = {}
        for card in layout.cards:
            if kinds is not None and card.kind not in kinds:
                continue
            if kinds is None:
                rug.setdefault(card.kind, []).append(card)
            if card.overflow:
                dots.setdefault(card.kind, []).append(card)
        if kinds is None:
            self._rug = {}
            self._dots = {
                kind: _Strip.of(self.style, kind, [(c.rect.x, qrect(c.rect)) for c in cards])
                for kind, cards in dots.items()
            }
            self._dot_rects = {kind: Counter(c.rect for c in cards) for kind, cards in dots.items()}
        for kind, cards in rug.items():
            self._rug[kind] = _Strip.of(self.style, kind, [
                (c.anchor_x, QLineF(c.anchor_x, y - 6, c.anchor_x, y)) for c in cards])  # fmt: skip
        for kind, old_x, new_x in moves:
            strip = self._rug[kind]  # a mark's line is all its x: any mark at old_x will do
            strip.remove(old_x, lambda _shape: True)
            if new_x is not None:  # None: the event was deleted
                strip.insert(new_x, QLineF(new_x, y - 6, new_x, y))
        self._hits = sorted((c for c in layout.cards if c.overflow), key=lambda c: c.rect.x)
        self._hit_xs = [c.rect.x for c in self._hits]
        self._widest = max((c.rect.w for c in self._hits), default=0.0)
        self.setToolTip("")
        if kinds is None:
            self.update()
            return
        self.update(QRectF(0, y - 8, layout.width, 10))  # the rug under the axis
        for kind in kinds:
            self._patch_dots(kind, Counter(c.rect for c in dots.get(kind, ())))

    def _patch_dots(self, kind: EventKind, fresh: Counter[Rect]) -> None:
        """Take out the dots that went and put in those that came; only they repaint.

        Counted, not a set: two events can share a dot's place, and one of them
        moving away must leave the other drawn.
        """
        stale = self._dot_rects.get(kind, Counter())
        strip = self._dots.get(kind) or _Strip.of(self.style, kind, [])
        for rect, times in (stale - fresh).items():
            shape = qrect(rect)
            for _ in range(times):
                strip.remove(rect.x, shape.__eq__)
            self.update(shape)
        for rect, times in (fresh - stale).items():
            shape = qrect(rect)
            for _ in range(times):
                strip.insert(rect.x, shape)
            self.update(shape)
        self._dots[kind] = strip
        self._dot_rects[kind] = fresh

    def dot_at(self, pos: QPointF) -> Card | None:
        """The event drawn as a dot under ``pos`` (the nearest if dots touch), if any."""
        slack = self.SLACK
        lo = bisect_left(self._hit_xs, pos.x() - self._widest - slack)
        hi = bisect_right(self._hit_xs, pos.x() + slack)
        best: Card | None = None
        best_distance = 0.0
        for card in self._hits[lo:hi]:
            area = qrect(card.rect).adjusted(-slack, -slack, slack, slack)
            if not area.contains(pos):
                continue
            centre = area.center()
            distance = abs(centre.x() - pos.x()) + abs(centre.y() - pos.y())
            if best is None or distance < best_distance:
                best, best_distance = card, distance
        return best

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """A dot's tooltip gives the words its card had no room for."""
        card = self.dot_at(event.pos())
        if card is None:
            self.setToolTip("")
            self.unsetCursor()
        else:
            # A dot has no room for its words: the tooltip gives them, as plain text.
            self.setToolTip(plain_tooltip(f"{card.time_label}  {card.title}\n(click to open)"))
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        """Leaving the strip clears the tooltip and the pointing cursor."""
        self.setToolTip("")
        self.unsetCursor()
        super().hoverLeaveEvent(event)

    def boundingRect(self) -> QRectF:
        if self.layout is None:
            return QRectF()
        return QRectF(0, 0, self.layout.width, self.layout.axis_y + 2)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        """Draw only dots and rug marks in sight, one brush or pen per kind."""
        if self.layout is None:
            return
        exposed = visible_part(painter, option)
        lo, hi = exposed.left() - 12, exposed.right() + 12
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        for strip in self._dots.values():
            shapes = strip.between(lo, hi)
            if shapes:
                painter.setBrush(strip.color)
                painter.drawRects(shapes)
        for strip in self._rug.values():
            shapes = strip.between(lo, hi)
            if shapes:
                painter.setPen(QPen(strip.color, self.style.line_width * 1.5))
                painter.drawLines(shapes)
        painter.restore()


@dataclasses.dataclass(frozen=True, slots=True)
class _Strip:
    """Shapes of one kind, sorted by x, so the part in sight is one slice."""

    color: QColor
    xs: list[float]
    shapes: list[Any]

    @classmethod
    def of(cls, style: FigureStyle, kind: EventKind, pairs: list[tuple[float, Any]]) -> _Strip:
        """A strip of one kind's shapes, sorted by x and coloured by kind."""
        pairs.sort(key=lambda pair: pair[0])
        return cls(QColor(style.kind_colors[kind]), [x for x, _ in pairs], [s for _, s in pairs])

    def insert(self, x: float, shape: Any) -> None:
        """Add one shape at ``x``, keeping the strip sorted."""
        at = bisect_left(self.xs, x)
        self.xs.insert(at, x)
        self.shapes.insert(at, shape)

    def remove(self, x: float, match: Callable[[Any], bool]) -> None:
        """Take out the first shape at ``x`` that ``match`` accepts."""
        at = bisect_left(self.xs, x)
        while at < len(self.xs) and self.xs[at] == x:
            if match(self.shapes[at]):
                del self.xs[at], self.shapes[at]
                return
            at += 1

    def between(self, lo: float, hi: float) -> list[Any]:
        """The shapes whose x lies in lo..hi, found by bisecting."""
        return self.shapes[bisect_left(self.xs, lo) : bisect_right(self.xs, hi)]


class NowLineItem(QGraphicsItem):
    """The facilitator's "now": a vertical line across the lanes with its time on top."""

    def __init__(self, style: FigureStyle) -> None:
        super().__init__()
        self.style = style
        self.top = 0.0
        self.bottom = 0.0
        self.label = ""
        self.at: datetime | None = None
        self.setZValue(Z_NOW)
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setToolTip(
            plain_tooltip("What we knew then: drag along the axis, or step with N and P")
        )

    def place(self, x: float, top: float, bottom: float, label: str, at: datetime) -> None:
        """Move the line and its label to a moment; the bounds change with the lanes' height."""
        self.prepareGeometryChange()
        self.top, self.bottom, self.label, self.at = top, bottom, label, at
        self.setPos(x, 0)

    def _label_size(self) -> tuple[float, float]:
        """The label box, in units of the small font so it scales with the style."""
        return self.style.small_px * 12.5, round(self.style.small_px * 1.8)

    def boundingRect(self) -> QRectF:
        """The line, its label above and some room to grab it."""
        w, h = self._label_size()
        return QRectF(-8, self.top - h - 2, w + 16, self.bottom - self.top + h + 10)

    def grab_area(self) -> QPainterPath:
        """Where a press picks the line up: the line itself and its label."""
        path = QPainterPath()
        w, h = self._label_size()
        path.addRect(QRectF(-6, self.top - h - 2, 12, self.bottom - self.top + h + 10))
        path.addRect(QRectF(-6, self.top - h - 2, w + 6, h))
        return path

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        style = self.style
        painter.save()
        painter.setPen(QPen(QColor(style.key_accent), 2.5))
        painter.drawLine(QLineF(0, self.top - 2, 0, self.bottom))
        w, h = self._label_size()
        label_rect = QRectF(-1, self.top - h - 2, w, h)
        painter.fillRect(label_rect, QColor(style.key_accent))
        bold = font(style.font_families, style.small_px, bold=True)
        draw_line_of_text(
            painter, QPointF(5, label_rect.top() + h * 0.12), f"Now: {self.label}", bold,
            style.key_text, max_width=label_rect.width() - 8,
        )  # fmt: skip
        painter.restore()
