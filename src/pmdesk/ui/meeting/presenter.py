"""The presenter window: what the room sees, on the projector, for the current phase only.

Everything is painted in a 1920×1080 frame scaled to the window, so the type
is as large on a 4K projector as on a 1080p one: body text 36 px and headings
44–60 px at 1080p, black on white (21:1), muted text #333333 (12.6:1). The
timeline and the Swiss-cheese board are the report figures, painted with the
projector figure style. The window has its own palette so the console keeps
the app's theme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen, QPicture, QScreen
from PySide6.QtWidgets import QWidget

from pmdesk.clock import format_day, format_moment
from pmdesk.figures.factors.layout import CheeseLayout, fit_cheese, room_style
from pmdesk.figures.factors.paint import render_cheese
from pmdesk.figures.qt_text import QtTextMeasure, draw_line_of_text, draw_text, font, line_spacing
from pmdesk.figures.style import figure_style
from pmdesk.figures.timeline.layout import TimelineLayout, layout_timeline
from pmdesk.figures.timeline.paint import render_timeline
from pmdesk.meeting.agenda import PhaseKind
from pmdesk.meeting.capture import kind_label
from pmdesk.meeting.timer import Overrun, format_countdown
from pmdesk.model import Event, NoteKind
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.shortcuts import CONTROLS, meeting_action
from pmdesk.ui.meeting.story_strip import band_height, fit_strip, paint_strip
from pmdesk.ui.theme import presenter_colours

FRAME_W, FRAME_H = 1920.0, 1080.0
MARGIN = 80.0
TITLE_PX = 60
HEADING_PX = 44
BODY_PX = 36
SMALL_PX = 28
#: The story strip's least height and the space between it and the moment's words.
MIN_STRIP_H = 420.0
STRIP_GAP = 30.0
#: The least size of a story card's title on the 1080p frame.
CARD_TEXT_PX = 24.0
COLUMN_GAP = 80.0

#: One paragraph on the presenter: text, pixel size, bold, colour.
Line = tuple[str, float, bool, str]


@dataclass(frozen=True)
class ProjectorColours:
    """The presenter's colours, from ``resources/themes/presenter.json``."""

    background: str
    text: str
    muted: str
    accent: str
    nearly: str
    over: str
    rule: str
    track: str
    blank: str


COLOURS = ProjectorColours(**presenter_colours())

#: The reminder that opens every meeting; short enough to read from the back.
BLAMELESS: tuple[str, ...] = (
    "We are here to learn how it happened, not who to blame.",
    "Everyone acted reasonably with what they knew at the time.",
    "We ask how and why, never who: what made sense then, and what would make it easier next time.",
    "Hindsight is not foresight: we replay what the team knew, moment by moment.",
)


def choose_screen(screens: Sequence[QScreen], console: QScreen | None) -> QScreen | None:
    """A screen other than the console's when there is one (the projector), else the console's."""
    others = [s for s in screens if s is not console]
    if others:
        return others[0]
    return console or (screens[0] if screens else None)


class PresenterWindow(QWidget):
    """A separate top-level window the room reads; it follows the controller.

    It takes the meeting keys itself: the console adds its actions here, and
    the presenter adds the clicker's (forward, back, blank, Esc) from the same
    table in :mod:`pmdesk.ui.meeting.shortcuts`.

    Signals:
        back_requested(): Esc was pressed; on one screen the console comes back.
    """

    back_requested = Signal()

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenterWindow")
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowTitle(f"{controller.review.title} — pmdesk presenter")
        self.setAccessibleName("Presenter view")
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor(COLOURS.background))
        palette.setColor(QPalette.ColorRole.WindowText, QColor(COLOURS.text))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.controller = controller
        self.style_ = figure_style("projector")
        self._figures: dict[tuple[str, int, int, int], TimelineLayout | CheeseLayout] = {}
        controller.state_changed.connect(self._on_controller_state_changed)
        controller.ticked.connect(self.update)
        controller.moment_changed.connect(self._on_controller_moment_changed)
        controller.document.changed.connect(self._on_document_changed)
        self.blanked = False
        # Long lists page: where each list starts now, the starts before, the next page's.
        self._page: dict[str, int] = {}
        self._pages_before: list[dict[str, int]] = []
        self._next_page: dict[str, int] = {}
        self._paged_phase = -1
        slots: dict[str, Callable[[], object]] = {
            "presenterForwardAction": self.forward,
            "presenterBackAction": self.back,
            "presenterBlankAction": self.toggle_blank,
            "presenterEscapeAction": self.back_requested.emit,
        }
        for control in CONTROLS:
            if control.presenter_only:
                self.addAction(meeting_action(control, self, slots[control.name]))
        self.resize(1280, 720)

    # -- what is shown ---------------------------------------------------------------

    @property
    def kind(self) -> PhaseKind:
        return self.controller.phase.kind

    def _on_controller_state_changed(self) -> None:
        if self.controller.phase_index != self._paged_phase:  # a new phase starts at page 1
            self._paged_phase = self.controller.phase_index
            self._page, self._pages_before = {}, []
        self.update()

    def _on_controller_moment_changed(self, _event_id: str) -> None:
        self.update()

    def _on_document_changed(self, _change: object) -> None:
        self._figures.clear()
        self.update()

    # -- the clicker -------------------------------------------------------------------

    def forward(self) -> None:
        """A clicker's next: a long list's next page, the story's next moment, else next phase."""
        self._step(self.controller.next_moment, self.controller.next_phase, forward=True)

    def back(self) -> None:
        """A clicker's previous: the page, key moment or phase before."""
        self._step(self.controller.previous_moment, self.controller.previous_phase, forward=False)

    def _step(
        self, moment: Callable[[], None], phase: Callable[[], None], *, forward: bool
    ) -> None:
        c = self.controller
        self.blanked = False
        if c.started and self._turn_page(forward=forward):
            self.update()
            return
        if c.started and self.kind is PhaseKind.STORY:
            before = c.current_moment()
            moment()
            if c.current_moment() != before:
                self.update()
                return
        phase()
        self.update()

    def _turn_page(self, *, forward: bool) -> bool:
        """Show the next (or previous) page of a list too long for one screen, if any."""
        if forward:
            self._paint_offscreen()  # what fits depends on the text: measure it now
            if not self._next_page:
                return False
            self._pages_before.append(dict(self._page))
            self._page.update(self._next_page)
            return True
        if not self._pages_before:
            return False
        self._page = self._pages_before.pop()
        return True

    def _paint_offscreen(self) -> None:
        picture = QPicture()
        painter = QPainter(picture)
        try:
            self.paint_frame(painter)
        finally:
            painter.end()

    def toggle_blank(self) -> None:
        """B or .: a black screen while the room talks; again (or next) shows the phase."""
        self.blanked = not self.blanked
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            if self.blanked:
                painter.fillRect(self.rect(), QColor(COLOURS.blank))
                return
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), QColor(COLOURS.background))
            scale = min(self.width() / FRAME_W, self.height() / FRAME_H)
            painter.translate(
                (self.width() - FRAME_W * scale) / 2, (self.height() - FRAME_H * scale) / 2
            )
            painter.scale(scale, scale)
            self.paint_frame(painter)
        finally:
            painter.end()

    def paint_frame(self, painter: QPainter) -> None:
        """The whole picture in 1920×1080 units."""
        self._next_page = {}
        self._paint_header(painter)
        body = QRectF(MARGIN, 190, FRAME_W - 2 * MARGIN, 800)
        painters = {
            PhaseKind.STAGE: self._paint_stage,
            PhaseKind.FOLLOW_UP: self._paint_follow_up,
            PhaseKind.STORY: self._paint_story,
            PhaseKind.CHEESE: self._paint_cheese,
            PhaseKind.WENT_WELL: self._paint_went_well,
            PhaseKind.ACTIONS: self._paint_actions,
            PhaseKind.WRAP_UP: self._paint_wrap_up,
        }
        painters[self.kind](painter, body)
        self._paint_footer(painter)

    # -- frame -----------------------------------------------------------------------

    def _paint_header(self, painter: QPainter) -> None:
        c = self.controller
        title = font(self.style_.font_families, TITLE_PX, bold=True)
        clock = font(self.style_.font_families, TITLE_PX, bold=True)
        remaining = c.phase_remaining()
        colour = {
            Overrun.ON_TIME: COLOURS.text,
            Overrun.NEARLY: COLOURS.nearly,
            Overrun.OVER: COLOURS.over,
            Overrun.WELL_OVER: COLOURS.over,
        }[c.overrun()]
        clock_w = draw_line_of_text(
            painter,
            QPointF(FRAME_W - MARGIN, 50),
            format_countdown(remaining) if c.started else f"{c.phase.minutes} min",
            clock,
            colour,
            max_width=400,
            align=Qt.AlignmentFlag.AlignRight,
        )
        draw_line_of_text(
            painter, QPointF(MARGIN, 50), c.phase.title, title, COLOURS.text,
            max_width=FRAME_W - 2 * MARGIN - clock_w - 60,
        )  # fmt: skip
        # A thin bar fills as the phase's time is used; past the box it stays full and darkens.
        box = c.phase.minutes * 60.0
        used = 1.0 if remaining <= 0 else 1.0 - remaining / box
        bar = QRectF(MARGIN, 140, FRAME_W - 2 * MARGIN, 10)
        painter.fillRect(bar, QColor(COLOURS.track))
        painter.fillRect(QRectF(bar.x(), bar.y(), bar.width() * used, bar.height()), QColor(colour))
        if c.overrun() in (Overrun.OVER, Overrun.WELL_OVER):
            small = font(self.style_.font_families, SMALL_PX)
            draw_line_of_text(
                painter, QPointF(FRAME_W - MARGIN, 154), "over time: let's wrap this part up",
                small, COLOURS.over, max_width=800, align=Qt.AlignmentFlag.AlignRight,
            )  # fmt: skip

    def _paint_footer(self, painter: QPainter) -> None:
        c = self.controller
        small = font(self.style_.font_families, SMALL_PX)
        left = f"{c.phase_index + 1} of {len(c.agenda)}"
        if c.started:
            left += f" · {format_countdown(max(0.0, c.overall_remaining()))} left in the meeting"
            if not c.running:
                left += " · paused"
        draw_line_of_text(
            painter, QPointF(MARGIN, FRAME_H - 62), left, small, COLOURS.muted, max_width=900
        )
        draw_line_of_text(
            painter, QPointF(FRAME_W - MARGIN, FRAME_H - 62), c.review.title, small,
            COLOURS.muted, max_width=860, align=Qt.AlignmentFlag.AlignRight,
        )  # fmt: skip

    def _lines(
        self,
        painter: QPainter,
        rect: QRectF,
        lines: Sequence[Line],
        *,
        gap: float = 18,
    ) -> float:
        """Paragraphs (text, px, bold, colour) from the top of ``rect``; returns the y reached."""
        y = rect.top()
        for text, px, bold, colour in lines:
            qfont = font(self.style_.font_families, px, bold)
            room = QRectF(rect.left(), y, rect.width(), rect.bottom() - y)
            if room.height() < line_spacing(qfont):
                break
            shown = draw_text(painter, room, text, qfont, colour)
            y += shown * line_spacing(qfont) + gap
        return y

    def _height(self, lines: Sequence[Line], width: float, gap: float) -> float:
        """How tall ``_lines`` would draw these paragraphs at ``width``, wrapped as Qt wraps."""
        measure = QtTextMeasure(self.style_)
        total = 0.0
        for text, px, bold, _ in lines:
            qfont = font(self.style_.font_families, px, bold)
            total += measure.wrapped_lines(text, width, px, bold=bold) * line_spacing(qfont) + gap
        return total

    def _entries(
        self,
        painter: QPainter,
        rect: QRectF,
        entries: Sequence[Sequence[Line]],
        *,
        name: str,
        gap: float,
        columns: int = 2,
    ) -> float:
        """List entries (each a few paragraphs) in up to ``columns`` columns, in order.

        One column while everything fits in it; more only when needed. What still
        does not fit is on the next page (the clicker's next): a last line says
        how many more there are. Returns the y reached.
        """
        small = font(self.style_.font_families, SMALL_PX)
        start = min(self._page.get(name, 0), max(len(entries) - 1, 0))
        entries = entries[start:]
        for count in range(1, columns + 1):
            width = (rect.width() - COLUMN_GAP * (count - 1)) / count
            placed = self._place_entries(entries, rect.height(), width, count, gap)
            if len(placed) == len(entries):
                break
        else:  # not all fit: make room for the line that says so, and place again
            note_h = line_spacing(small) + gap
            placed = self._place_entries(entries, rect.height() - note_h, width, count, gap)
        reached = rect.top()
        for n, (column, top) in enumerate(placed):
            x = rect.left() + column * (width + COLUMN_GAP)
            room = QRectF(x, rect.top() + top, width, rect.height() - top)
            reached = max(reached, self._lines(painter, room, entries[n], gap=gap))
        if len(placed) < len(entries) and placed:
            more = len(entries) - len(placed)
            self._next_page[name] = start + len(placed)
            draw_line_of_text(
                painter, QPointF(rect.left(), rect.bottom() - line_spacing(small)),
                f"… and {more} more: next (PgDn) shows them",
                small, COLOURS.muted, max_width=rect.width(),
            )  # fmt: skip
            reached = rect.bottom()
        return reached

    def _place_entries(
        self, entries: Sequence[Sequence[Line]], height: float, width: float, columns: int,
        gap: float,
    ) -> list[tuple[int, float]]:  # fmt: skip
        """(column, top) of each entry that fits, filling columns top to bottom, in order."""
        placed: list[tuple[int, float]] = []
        column, top = 0, 0.0
        for entry in entries:
            h = self._height(entry, width, gap)
            if top + h > height + 0.5 and top > 0:
                column, top = column + 1, 0.0
            if column >= columns or h > height + 0.5:
                break
            placed.append((column, top))
            top += h
        return placed

    # -- phases ----------------------------------------------------------------------

    def _paint_stage(self, painter: QPainter, rect: QRectF) -> None:
        review = self.controller.review
        lines = [(review.title, HEADING_PX, True, COLOURS.text)]
        lines.append((BLAMELESS[0], HEADING_PX, True, COLOURS.accent))
        lines += [(f"•  {text}", BODY_PX, False, COLOURS.text) for text in BLAMELESS[1:]]
        self._lines(painter, rect, lines, gap=30)

    def _paint_follow_up(self, painter: QPainter, rect: QRectF) -> None:
        c = self.controller
        found = c.follow_ups()
        services = ", ".join(c.review.services) or "no services named"
        scope = f"Open actions from earlier reviews on {services}, or with factors like this one's"
        lines = [
            ("Did we do what we said last time?", HEADING_PX, True, COLOURS.text),
            (scope, SMALL_PX, False, COLOURS.muted),
        ]
        if not found:
            lines.append(("None are open.", BODY_PX, False, COLOURS.text))
        y = self._lines(painter, rect, lines, gap=12)
        entries = []
        for item in found:
            who = item.owner_name or "no owner yet"
            due = f"due {_due(item.action.due)}" if item.action.due else "no date"
            where = f"{item.review_title} · {item.why}"
            entries.append([
                (f"•  {item.action.text}", BODY_PX, True, COLOURS.text),
                (f"    {who} · {due} · {where}", SMALL_PX, False, COLOURS.muted),
            ])  # fmt: skip
        self._entries(painter, QRectF(rect.left(), y, rect.width(), rect.bottom() - y), entries,
                      name="follow_up", gap=12)  # fmt: skip

    def _figure(
        self, kind: str, width: float, height: float = 0.0
    ) -> TimelineLayout | CheeseLayout:
        key = (kind, self.controller.review.version, round(width), round(height))
        figure = self._figures.get(key)
        if figure is None:
            review = self.controller.review
            measure = QtTextMeasure(self.style_)
            if kind == "timeline":
                figure = layout_timeline(
                    review, width=width, style=self.style_, measure=measure, key_only=True
                )
            else:
                style = room_style(self.style_)
                figure = fit_cheese(
                    review, width, height, style=style, measure=QtTextMeasure(style)
                )
            self._figures.clear()
            self._figures[key] = figure
        return figure

    def _place(self, painter: QPainter, rect: QRectF, w: float, h: float) -> float:
        """Translate and scale so a ``w``×``h`` figure fits ``rect``, centred; returns the scale."""
        scale = min(1.0, rect.width() / w, rect.height() / h)
        painter.translate(rect.left() + (rect.width() - w * scale) / 2, rect.top())
        painter.scale(scale, scale)
        return scale

    def _paint_story(self, painter: QPainter, rect: QRectF) -> None:
        c = self.controller
        moment = c.current_moment()
        if moment is None:
            self._lines(painter, rect, [("No events yet: capture them with e 14:32 …", BODY_PX,
                                         False, COLOURS.text)])  # fmt: skip
            return
        # Laid out narrower and drawn larger: card titles at least 24 px at 1080p.
        grow = max(1.0, CARD_TEXT_PX / self.style_.body_px)
        layout = self._figure("timeline", rect.width() / grow)
        assert isinstance(layout, TimelineLayout)
        when = format_moment(moment.at, c.review.timezone, with_date=False)
        knew = moment.knew or "Nothing written yet: what did the team know and believe here?"
        lines: list[Line] = [
            (f"{when}  {moment.title}", HEADING_PX, True, COLOURS.text),
            (f"What we knew then: {knew}", BODY_PX, False, COLOURS.text),
        ]
        # The strip takes what the moment's words leave, and shows whole lanes only.
        scale = rect.width() / layout.width
        card = next((k for k in layout.cards if k.event_id == moment.id), None)

        def room_for(note: str) -> float:
            said = [*lines, (note, SMALL_PX, False, COLOURS.muted)] if note else lines
            words = self._height(said, rect.width(), 18)
            return max(MIN_STRIP_H, rect.height() - STRIP_GAP - words) / scale

        bands, note = fit_strip(layout, card, room_for)
        if note:
            lines = [*lines, (note, SMALL_PX, False, COLOURS.muted)]
        strip = QRectF(rect.left(), rect.top(), rect.width(), band_height(bands) * scale)

        def draw(p: QPainter) -> None:
            render_timeline(p, layout, self.style_)
            self._dim_after(p, layout, moment)

        paint_strip(painter, strip, bands, scale, draw)
        painter.setPen(QPen(QColor(COLOURS.rule), 2))
        painter.drawLine(strip.bottomLeft(), strip.bottomRight())
        top = strip.bottom() + STRIP_GAP
        self._lines(painter, QRectF(rect.left(), top, rect.width(), rect.bottom() - top), lines)

    def _dim_after(self, painter: QPainter, layout: TimelineLayout, moment: Event) -> None:
        """Later events fade, so the room sees the incident as it looked at that moment."""
        events = {e.id: e for e in self.controller.review.events}
        veil = QColor(COLOURS.background)
        veil.setAlpha(200)
        for card in layout.cards:
            event = events.get(card.event_id)
            r = card.rect
            rect = QRectF(r.x, r.y, r.w, r.h)
            if event is not None and event.at > moment.at:
                painter.fillRect(rect.adjusted(-2, -2, 2, 2), veil)
            elif card.event_id == moment.id:
                painter.setPen(QPen(QColor(COLOURS.accent), 6))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(-5, -5, 5, 5))
                now_line = QColor(COLOURS.accent)
                now_line.setAlpha(150)
                painter.setPen(QPen(now_line, 3, Qt.PenStyle.DashLine))
                painter.drawLine(
                    QPointF(card.anchor_x, layout.plot.y),
                    QPointF(card.anchor_x, layout.plot.bottom),
                )

    def _paint_cheese(self, painter: QPainter, rect: QRectF) -> None:
        layout = self._figure("cheese", rect.width(), rect.height())
        assert isinstance(layout, CheeseLayout)
        painter.save()
        self._place(painter, rect, layout.width, layout.height)
        render_cheese(painter, layout, room_style(self.style_))
        painter.restore()

    def _paint_went_well(self, painter: QPainter, rect: QRectF) -> None:
        review = self.controller.review
        half = (rect.width() - 80) / 2
        lucky = [n.text for n in review.notes if n.kind is NoteKind.LUCKY]
        for n, (heading, texts) in enumerate(
            (("What went well", [w.text for w in review.went_well]), ("Where we got lucky", lucky))
        ):
            column = QRectF(rect.left() + n * (half + 80), rect.top(), half, rect.height())
            lines: list[Line] = [(heading, HEADING_PX, True, COLOURS.text)]
            if not texts:
                lines.append(("Nothing yet.", BODY_PX, False, COLOURS.muted))
            y = self._lines(painter, column, lines, gap=14)
            entries = [[(f"•  {t}", BODY_PX, False, COLOURS.text)] for t in texts]
            below = QRectF(column.left(), y, column.width(), column.bottom() - y)
            self._entries(painter, below, entries, name=heading, gap=14, columns=1)

    def _paint_actions(self, painter: QPainter, rect: QRectF) -> None:
        c = self.controller
        review = c.review
        new = {item.id for _, item in c.added_items()}
        lines: list[Line] = [
            (f"What we will do ({len(review.actions)})", HEADING_PX, True, COLOURS.text)
        ]
        if not review.actions:
            lines.append(("No actions yet.", BODY_PX, False, COLOURS.muted))
        y = self._lines(painter, rect, lines, gap=10)
        entries = []
        for action in review.actions:
            who = review.person_name(action.owner) or "no owner yet"
            due = f"by {_due(action.due)}" if action.due else "no date yet"
            fresh = action.id in new
            colour = COLOURS.accent if fresh else COLOURS.text
            entries.append([
                (f"•  {'New: ' if fresh else ''}{action.text}", BODY_PX, fresh, colour),
                (f"    {who} · {due}", SMALL_PX, False, COLOURS.muted),
            ])  # fmt: skip
        self._entries(painter, QRectF(rect.left(), y, rect.width(), rect.bottom() - y), entries,
                      name="actions", gap=10)  # fmt: skip

    def _paint_wrap_up(self, painter: QPainter, rect: QRectF) -> None:
        c = self.controller
        review = c.review
        counts: dict[str, int] = {}
        for kind, _ in c.added_items():
            label = kind_label(kind)
            counts[label] = counts.get(label, 0) + 1
        added = ", ".join(f"{n} {label}" for label, n in counts.items()) or "nothing new"
        questions = sum(1 for n in review.notes if n.kind is NoteKind.QUESTION)
        lines: list[Line] = [
            ("Thank you", HEADING_PX, True, COLOURS.text),
            (f"Added today: {added}.", BODY_PX, False, COLOURS.text),
            (f"What we will do: {plural(len(review.actions), 'action')}", BODY_PX, True,
             COLOURS.text),
        ]  # fmt: skip
        closing: list[Line] = [
            (f"{plural(questions, 'open question')} to follow up. "
             "Thank you for telling it as it was.", BODY_PX, False, COLOURS.text)
        ]  # fmt: skip
        y = self._lines(painter, rect, lines, gap=16)
        bottom = rect.bottom() - self._height(closing, rect.width(), 0)
        entries = []
        for action in review.actions:
            who = review.person_name(action.owner) or "no owner yet"
            due = _due(action.due) if action.due else "no date yet"
            entries.append([(f"•  {action.text} — {who}, {due}", SMALL_PX, False, COLOURS.text)])
        y = self._entries(painter, QRectF(rect.left(), y, rect.width(), bottom - y - 16),
                          entries, name="wrap_up", gap=8) + 16  # fmt: skip
        self._lines(painter, QRectF(rect.left(), y, rect.width(), rect.bottom() - y), closing)


def _due(day: date) -> str:
    """A due date as pmdesk.clock writes it: the year only when it is not this year's."""
    return format_day(day, date.today())


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
