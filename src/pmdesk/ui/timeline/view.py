"""The timeline canvas view: navigation, the "now" line and editing by mouse and keyboard.

Signals:
    key_moment_changed(str): the facilitator stepped to this key moment (event id).
    now_changed(object): the "now" line moved to this aware UTC datetime, or ``None``.
    edit_requested(str): the user asked to edit this event (double-click, Enter).
    cancel_requested(): Esc with nothing to cancel on the canvas (closes an editor).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QNativeGestureEvent,
    QPainter,
    QPalette,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGestureEvent, QGraphicsView, QPinchGesture, QToolTip, QWidget

from pmdesk.clock import format_moment
from pmdesk.figures.timeline.layout import LaneMode
from pmdesk.model import Change, Event, Part, Review
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.plain import plain_tooltip
from pmdesk.ui.timeline import edits, keys, pins
from pmdesk.ui.timeline.gestures import CardDrag, MilestoneDrag, milestone_under
from pmdesk.ui.timeline.items import CardItem
from pmdesk.ui.timeline.keys import ZOOM_STEP
from pmdesk.ui.timeline.scene import TimelineScene, canvas_style

MIN_ZOOM, MAX_ZOOM = 1.0, 20000.0
#: Below the fit width the whole picture shrinks, cards and type alike: Fit goes no
#: smaller than FIT_FLOOR (the type stays legible), zooming out no smaller than MIN_SCALE.
FIT_FLOOR, MIN_SCALE = 0.5, 0.3
_PARTS = frozenset({Part.EVENTS, Part.REVIEW, Part.PEOPLE})


class TimelineView(QGraphicsView):
    """The canvas the room looks at while walking the story."""

    key_moment_changed = Signal(str)
    now_changed = Signal(object)
    edit_requested = Signal(str)
    cancel_requested = Signal()

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        """A first layout at a nominal width; the real fit waits until the view has a size."""
        self.timeline = TimelineScene()
        super().__init__(self.timeline, parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline canvas")
        self.document = document
        self.read_only = False
        self.current_key: str | None = None
        self._drag: CardDrag | None = None
        self._pan_from: QPoint | None = None
        self._now_drag = False
        self._milestone_drag: MilestoneDrag | None = None
        self._band_from: QPointF | None = None
        self._paste_at: datetime | None = None
        self._pinned = False  # the last paint pinned the axis or lane names to an edge
        self.overview = 1.0  # below 1: the fitted layout is shown smaller, both ways
        self._fit_both = False  # Fit was asked for: a resize fits again both ways
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.timeout.connect(self._on_relayout_timeout)
        self._pending_zoom: tuple[float, QPoint] | None = None
        self._fitted = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(140)
        self._settle.timeout.connect(self._on_settle_timeout)
        document.changed.connect(self._on_document_changed)
        self.timeline.show_review(document.review, width=1200)
        if self.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            self.set_theme("dark")

    # -- public API for the section and the meeting ------------------------------------

    @property
    def zoom(self) -> float:
        """The laid-out zoom (MIN_ZOOM fits the width), not a preview stretch."""
        return self.timeline.zoom

    @property
    def shown_scale(self) -> float:
        """How big the canvas shows: the zoom above the fit width, the overview below it."""
        return self.timeline.zoom * self.overview

    def set_read_only(self, read_only: bool) -> None:
        """The presenter's canvas: navigation and the now line only, no edits."""
        self.read_only = read_only

    def set_theme(self, theme: str) -> None:
        """Follow the app's theme: ``light``, ``dark`` or ``projector`` (as in ``figure_style``)."""
        selected = self.selected_ids()
        self.timeline.set_style(canvas_style(theme))
        self.setBackgroundBrush(QColor(self.timeline.fig_style.background))
        self.select_ids(selected)

    def set_lane_mode(self, mode: LaneMode) -> None:
        """Relayout with lanes by kind, by person or one lane, at the same zoom."""
        self.timeline.show_review(self.document.review, mode=mode)

    def selected_ids(self) -> list[str]:
        """Selected events in time order."""
        picked = {i.event_id for i in self.timeline.selectedItems() if isinstance(i, CardItem)}
        return [e.id for e in self.document.review.events_by_time() if e.id in picked]

    def select_ids(self, ids: list[str] | set[str]) -> None:
        """Select exactly these events' cards; ids without a card are skipped."""
        self.timeline.clearSelection()
        for event_id in ids:
            item = self.timeline.cards.get(event_id)
            if item is not None:
                item.setSelected(True)

    def card(self, event_id: str) -> CardItem | None:
        return self.timeline.cards.get(event_id)

    def now(self) -> datetime | None:
        """The "now" line's time while walking the story, or None when it is hidden."""
        return self.timeline.now

    def set_now(self, at: datetime | None) -> None:
        """Show the review as the team knew it at ``at``; ``None`` shows all of it."""
        if at == self.timeline.now:
            return
        self.timeline.set_now(at)
        self.now_changed.emit(at)

    def next_key_moment(self) -> str | None:
        """N: go to the next key moment; None at the end."""
        return _step_key(self, +1)

    def previous_key_moment(self) -> str | None:
        """P: go to the previous key moment; None at the start."""
        return _step_key(self, -1)

    def fit_all(self) -> None:
        """Zoom out until the whole incident fits, across and down (down to FIT_FLOOR)."""
        self._zoom_to(self._fit_scale(), None)
        self._fit_both = True
        self.verticalScrollBar().setValue(0)

    def fit_across(self) -> None:
        """The first view: the incident fills the width at full size (taller ones scroll)."""
        self._zoom_to(MIN_ZOOM, None)

    def zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Zoom the time axis, keeping the moment under ``anchor`` (viewport px) in place."""
        self._zoom_to(self.shown_scale * factor, anchor)

    def preview_zoom(self, factor: float, anchor: QPoint) -> None:
        """Zoom for continuous gestures: stretch at once, lay out again once they pause.

        A new layout of 10,000 events takes a few hundred milliseconds; stretching
        the view costs nothing, so the wheel and the pinch follow the hand.
        """
        scale, _ = self._pending_zoom or (self.shown_scale, anchor)
        target = min(max(scale * factor, MIN_SCALE), MAX_ZOOM)
        self._pending_zoom = (target, anchor)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        before = self.mapToScene(anchor)
        # The laid-out axis is about zoom × width / overview long; show it target × width long.
        stretch = target * self.overview / self.timeline.zoom
        self.setTransform(QTransform.fromScale(stretch, min(1.0, target)))
        after = self.mapToScene(anchor)
        bar = self.horizontalScrollBar()
        bar.setValue(bar.value() + round((before.x() - after.x()) * stretch))
        self._settle.start()

    def zoom_to_selection(self) -> None:
        """Zoom until the selected events fill the width, centred on them."""
        ids = self.selected_ids()
        if not ids:
            return
        events = [e for e in self.document.review.events if e.id in set(ids)]
        first, last = min(e.at for e in events), max(e.at for e in events)
        scene = self.timeline
        span_px = scene.x_of(last) - scene.x_of(first)
        room = max(self.viewport().width() - scene.fig_style.card_width - 180, 200)
        factor = room / span_px if span_px > 0 else 8.0
        self._zoom_to(scene.zoom * factor, None)
        middle = (scene.x_of(first) + scene.x_of(last) + scene.fig_style.card_width) / 2
        self.centerOn(middle, self.mapToScene(self.viewport().rect().center()).y())

    def center_on_event(self, event_id: str) -> None:
        """Scroll so the event's card is in the middle of the view."""
        x = self.timeline.event_x(event_id)
        if x is None:
            return
        item = self.timeline.cards.get(event_id)
        y = item.sceneBoundingRect().center().y() if item else self._visible_center().y()
        self.centerOn(x + self.timeline.fig_style.card_width / 2, y)

    # -- editing -------------------------------------------------------------------

    def add_event_at(self, at: datetime, y: float | None = None) -> Event | None:
        """Add a new event at ``at`` (snapped), in the lane at scene ``y``; it is selected."""
        if self.read_only:
            return None
        defaults = self.timeline.new_event_defaults(y) if y is not None else {}
        event = edits.add_event(self.document, at, defaults)
        if event is not None:
            self.select_ids([event.id])
        return event

    def move_events(self, new_times: dict[str, datetime]) -> None:
        """Give events new times as one undoable step."""
        if not self.read_only and edits.move_events(self.document, new_times):
            self.select_ids(set(new_times))

    def move_milestone(self, name: str, at: datetime) -> None:
        """Set a milestone field (started_at, detected_at …) to ``at`` as one undoable step."""
        if not self.read_only:
            edits.set_milestone(self.document, name, at)

    def delete_selected(self) -> int:
        """Delete the selection as one undoable step; returns how many went."""
        return 0 if self.read_only else edits.delete_events(self.document, self.selected_ids())

    def toggle_key(self) -> None:
        """Mark the selected events as key moments, or unmark them when all already are."""
        if not self.read_only:
            self.select_ids(edits.toggle_key(self.document, self.selected_ids()))

    def copy_selected(self) -> int:
        """Copy the selection as pmdesk events and as tab-separated text; returns how many."""
        return edits.copy_events(self.document.review, self.selected_ids())

    def paste(self) -> list[str]:
        """Paste copied events: at their own times, or shifted to the last clicked moment."""
        if self.read_only:
            return []
        ids = edits.paste_events(self.document, self._paste_at)
        self.select_ids(ids)
        return ids

    # -- Qt events -----------------------------------------------------------------

    def drawForeground(self, painter: QPainter, rect: QRectF | QRect) -> None:
        """Keep the axis, milestone and lane names in sight while the real ones scroll away."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        self._pinned = pins.paint_pins(painter, self.timeline, visible)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Repaint all of the viewport while something is pinned to its edges.

        QGraphicsView scrolls by moving the pixels already drawn and repainting
        only the strip that came into view (Qt 6 SmartViewportUpdate), so a
        pinned axis or lane name would be moved with the cards and left behind
        as a stale copy at every wheel step.
        """
        super().scrollContentsBy(dx, dy)
        if self._pinned:
            self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt calls this on resize: refit only while fully zoomed out, after the resize pauses."""
        super().resizeEvent(event)
        if self.timeline.zoom == MIN_ZOOM:
            # The first fit happens on the next pass of the event loop; later ones wait
            # for the resize to pause, as a new layout of a big review is not free.
            self._relayout.start(60 if self._fitted else 0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms around the mouse; a plain wheel scrolls as usual."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.preview_zoom(ZOOM_STEP**steps, event.position().toPoint())
            event.accept()
            return
        super().wheelEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        """Pinch on a touch screen or a trackpad zooms around the fingers."""
        if event.type() == QEvent.Type.Gesture and isinstance(event, QGestureEvent):
            pinch = event.gesture(Qt.GestureType.PinchGesture)
            if isinstance(pinch, QPinchGesture):
                anchor = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
                self.preview_zoom(pinch.scaleFactor(), anchor)
                event.accept()
                return True
        if (
            isinstance(event, QNativeGestureEvent)
            and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture
        ):
            self.preview_zoom(1.0 + event.value(), event.position().toPoint())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Decide what a press starts: now line, milestone, card drag, band select or pan."""
        self.setFocus()
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        mods = event.modifiers()
        if button == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position().toPoint()
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if self.timeline.now_line.isVisible() and self._on_now_line(pos):
            self._now_drag = True
            return
        item = card_at(self, event.position().toPoint())
        milestone = (
            milestone_under(self.timeline, pos) if item is None and not self.read_only else None
        )
        if milestone is not None and not mods:
            self._milestone_drag = MilestoneDrag(self.timeline, milestone)
            return
        dot = self.timeline.dots.dot_at(pos) if item is None else None
        if dot is not None and not mods:
            # An event with no room for its card: open it in the side panel.
            self.timeline.clearSelection()
            self.edit_requested.emit(dot.event_id)
            return
        if item is None:
            self._paste_at = self.timeline.time_at(pos.x())
            if mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier):
                self._band_from = pos
                self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
                super().mousePressEvent(event)
                return
            self.timeline.clearSelection()
            self._pan_from = event.position().toPoint()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            return
        if mods & Qt.KeyboardModifier.ControlModifier:
            item.setSelected(not item.isSelected())
            return
        if not item.isSelected():
            self.timeline.clearSelection()
            item.setSelected(True)
        if self.read_only:
            return
        items = [i for i in self.timeline.selectedItems() if isinstance(i, CardItem)]
        times = {e.id: e.at for e in self.document.review.events}
        zone = self.document.review.timezone
        self._drag = CardDrag(
            item,
            [i for i in items if i.event_id in times],
            pos.x(),
            times,
            self.timeline.time_at,
            lambda at: format_moment(at, zone, with_date=False) + "  (drop to move)",
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Follow whichever drag the press started; hovering a milestone shows it can move."""
        pos = self.mapToScene(event.position().toPoint())
        if self._now_drag:
            self.set_now(self.timeline.time_at(pos.x()))
            return
        if self._milestone_drag is not None:
            at = self._milestone_drag.move(pos.x())
            when = format_moment(at, self.document.review.timezone)
            text = f"{self._milestone_drag.milestone.label}: {when} (drop to set)"
            QToolTip.showText(
                event.globalPosition().toPoint(), plain_tooltip(text), self.viewport()
            )
            return
        if self._drag is None and self._pan_from is None and not event.buttons():
            # Milestones can be picked up by their line or their label.
            over = not self.read_only and milestone_under(self.timeline, pos) is not None
            if over:
                self.viewport().setCursor(Qt.CursorShape.SizeHorCursor)
            elif self.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor:
                self.viewport().unsetCursor()
        if self._drag is not None:
            self._drag.move(pos.x())
            return
        if self._pan_from is not None:
            delta = event.position().toPoint() - self._pan_from
            self._pan_from = event.position().toPoint()
            self._scroll(-delta.x(), -delta.y())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """End the drag with one undoable command, or end the pan or band."""
        if self._now_drag:
            self._now_drag = False
            return
        if self._milestone_drag is not None:
            moved, self._milestone_drag = self._milestone_drag, None
            QToolTip.hideText()
            self.move_milestone(f"{moved.milestone.name}_at", moved.finish())
            return
        if self._drag is not None:
            drag, self._drag = self._drag, None
            self.move_events(drag.finish())
            return
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)
        if self._band_from is not None:
            self._band_from = None
            self.setDragMode(QGraphicsView.DragMode.NoDrag)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        """Double-click a card to edit it, or empty lanes to add an event at that time."""
        if event.button() != Qt.MouseButton.LeftButton:
            return
        item = card_at(self, event.position().toPoint())
        if item is not None:
            self.select_ids([item.event_id])
            self.edit_requested.emit(item.event_id)
            return
        pos = self.mapToScene(event.position().toPoint())
        layout = self.timeline.layout
        if self.read_only or layout is None or not (layout.plot.y <= pos.y() <= layout.axis_y):
            return
        if pos.x() < layout.scale.x_start - 20:
            return
        added = self.add_event_at(self.timeline.time_at(pos.x()), pos.y())
        if added is not None:
            self.edit_requested.emit(added.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys come from keys.py, so the help and the canvas list the same bindings."""
        binding = keys.binding_for(event, read_only=self.read_only)
        if binding is None:
            super().keyPressEvent(event)
            return
        binding.run(self)
        event.accept()

    def cancel_gesture(self) -> None:
        """Esc: drop the drag under way, or ask to close the editor when there is none."""
        if self._drag is not None:
            self._drag.cancel()
            self._drag = None
        elif self._milestone_drag is not None:
            self._milestone_drag.finish()
            self._milestone_drag = None
            QToolTip.hideText()
        elif self._now_drag:
            self._now_drag = False
        else:
            self.cancel_requested.emit()

    def _zoom_to(self, scale: float, anchor: QPoint | None) -> None:
        """Relayout at a scale, keeping the moment under the anchor where it was.

        Above 1 the time axis is laid out longer; below 1 the fitted layout is laid
        out wider by 1/scale and shown that much smaller, so it still fills the width
        and, with fewer cards stacked, takes less height.
        """
        scale = min(max(scale, MIN_SCALE), MAX_ZOOM)
        zoom, overview = (scale, 1.0) if scale >= MIN_ZOOM else (MIN_ZOOM, scale)
        self._fit_both = False
        scene = self.timeline
        anchor = anchor if anchor is not None else self._viewport_center()
        before = self.mapToScene(anchor)
        moment = scene.time_at(before.x()) if scene.layout else None
        self._settle.stop()
        self._pending_zoom = None
        self.resetTransform()
        selected = self.selected_ids()
        scene.show_review(self.document.review, width=self._fit_width() / overview, zoom=zoom)
        self.overview = overview
        if overview < 1.0:
            self.setTransform(QTransform.fromScale(overview, overview))
        self.select_ids(selected)
        if moment is not None:
            after = scene.x_of(moment) * overview
            self.horizontalScrollBar().setValue(round(after - anchor.x()))
        if zoom == MIN_ZOOM:
            self.horizontalScrollBar().setValue(0)

    def _fit_scale(self) -> float:
        room = max(self.viewport().height() - 2, 100)
        return fit_overview(self.timeline, self.document.review, self._fit_width(), room)

    def _fit_width(self) -> float:
        """The width to lay out for: the viewport, but never narrower than 640."""
        return float(max(self.viewport().width() - 2, 640))

    def _scroll(self, dx: int, dy: int) -> None:
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def _viewport_center(self) -> QPoint:
        return self.viewport().rect().center()

    def _visible_center(self) -> QPointF:
        return self.mapToScene(self._viewport_center())

    def _on_now_line(self, pos: QPointF) -> bool:
        """Whether a scene point is on the now line's grab area, wider than the line."""
        line = self.timeline.now_line
        return line.grab_area().contains(line.mapFromScene(pos))

    def _on_document_changed(self, change: Change) -> None:
        """Relayout for timeline changes, keeping the selection and dropping a gone key."""
        if change.parts & _PARTS:
            selected = self.selected_ids()
            moved = change.items if change.parts == {Part.EVENTS} else frozenset()
            if not (moved and self.timeline.move_cards(self.document.review, moved)):
                self.timeline.show_review(self.document.review)
            self.select_ids(selected)
            if self.current_key and self.document.review.event(self.current_key) is None:
                self.current_key = None

    def _on_settle_timeout(self) -> None:
        """The gesture paused: replace the stretched preview with a real layout."""
        if self._pending_zoom is not None:
            zoom, anchor = self._pending_zoom
            self._zoom_to(zoom, anchor)

    def _on_relayout_timeout(self) -> None:
        """The resize paused: refit the layout if still fully zoomed out."""
        self._fitted = True
        if self.timeline.zoom != MIN_ZOOM:
            return
        if self._fit_both:
            self.fit_all()
            return
        selected = self.selected_ids()
        self.timeline.show_review(self.document.review, width=self._fit_width() / self.overview)
        self.select_ids(selected)


def step_index(
    keys: list[Event], current: str | None, now: datetime | None, direction: int
) -> int | None:
    """Which key moment N (+1) or P (-1) goes to: from the current one, else from "now"."""
    ids = [e.id for e in keys]
    if current in ids:
        index = ids.index(current) + direction
    elif now is not None:
        later = [n for n, e in enumerate(keys) if e.at > now]
        earlier = [n for n, e in enumerate(keys) if e.at < now]
        index = (
            (later[0] if later else len(keys))
            if direction > 0
            else (earlier[-1] if earlier else -1)
        )
    else:
        index = 0 if direction > 0 else len(keys) - 1
    return index if 0 <= index < len(keys) else None


def fit_overview(scene: TimelineScene, review: Review, width: float, room: float) -> float:
    """The largest overview (FIT_FLOOR to 1) at which the whole layout fits ``room`` px high.

    A wider layout stacks fewer cards, so the height it needs falls as the
    overview shrinks; a few layouts find the largest that fits.
    """

    def fits(overview: float) -> bool:
        return overview * scene.height_for(review, width / overview) <= room

    if fits(1.0):
        return 1.0
    if not fits(FIT_FLOOR):
        return FIT_FLOOR
    low, high = FIT_FLOOR, 1.0
    for _ in range(4 if len(review.events) < 2000 else 1):
        middle = (low + high) / 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    return low


def _step_key(view: TimelineView, direction: int) -> str | None:
    """Go to the next (+1) or previous (-1) key moment: select it, centre it, move "now"."""
    moments = [e for e in view.document.review.events_by_time() if e.key]
    index = step_index(moments, view.current_key, view.timeline.now, direction)
    if index is None:
        return None
    event = moments[index]
    view.current_key = event.id
    view.select_ids([event.id])
    if view.timeline.now is not None:
        view.set_now(event.at)
    view.center_on_event(event.id)
    view.key_moment_changed.emit(event.id)
    return event.id


def card_at(view: QGraphicsView, point: QPoint) -> CardItem | None:
    """The card under a viewport point, skipping labels and lines drawn above it."""
    return next((i for i in view.items(point) if isinstance(i, CardItem)), None)
