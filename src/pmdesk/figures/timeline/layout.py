"""Where everything on the timeline goes: lanes, cards, milestones, phases, ticks.

Pure Python so the canvas can place its items from the same numbers the report
figure is painted from. Events become cards in lanes (by kind or by person);
cards in a lane stack into rows so none overlap; when a lane runs out of rows
the rest become dots on its baseline and the lane says how many are not shown.
Key moments are placed first, so they are the last to become dots.
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo

from pmdesk.clock import DURATIONS, MILESTONES, Duration, Zone, durations
from pmdesk.figures.geometry import Rect
from pmdesk.figures.measure import ApproxMeasure, TextMeasure
from pmdesk.figures.style import FigureStyle, figure_style
from pmdesk.figures.timeline.labels import (
    LABEL_PAD,
    Rows,
    beside,
    fit_subtitle,
    lane_label_lines,
    lane_label_width,
    phase_text,
)
from pmdesk.figures.timeline.scale import Gap, Tick, TimeScale, fit_scale, ticks
from pmdesk.model import Event, EventKind, Review
from pmdesk.text import clean_text, one_line


class LaneMode(enum.StrEnum):
    KIND = "kind"
    PERSON = "person"
    #: One lane for everything: the compact strip a leader's report shows key moments in.
    ONE = "one"


#: Milestones in incident order (pmdesk.clock's), with the duration that ends at each.
MILESTONE_NAMES: tuple[tuple[str, str, str], ...] = tuple(
    (name, label, next((d for d, end, _ in DURATIONS if end == name), ""))
    for name, label in MILESTONES
)

_KIND_LABELS: dict[EventKind, str] = {
    EventKind.ALERT: "Alerts",
    EventKind.DETECTION: "Detection",
    EventKind.ESCALATION: "Escalation",
    EventKind.HYPOTHESIS: "Hypotheses",
    EventKind.INVESTIGATION: "Investigation",
    EventKind.CHANGE: "Changes",
    EventKind.MITIGATION: "Mitigation",
    EventKind.COMMUNICATION: "Communication",
    EventKind.RESOLUTION: "Resolution",
    EventKind.NOTE: "Notes",
}

UNASSIGNED = "Unassigned"


@dataclass(frozen=True, slots=True)
class Card:
    """One event. ``overflow`` cards had no room and are drawn as a dot in ``rect``.

    ``subtitle`` is the small line above the title: the time, then whatever the
    lane does not already say (the person in lanes by kind, the kind in lanes by person).
    """

    event_id: str
    rect: Rect
    anchor_x: float
    lane: int
    row: int
    title: str
    time_label: str
    kind: EventKind
    actor: str | None
    key: bool
    overflow: bool = False
    subtitle: str = ""
    #: In a numbered layout, the marker's number (1 for the first key moment), else 0.
    number: int = 0
    #: The subtitle's font size when it was fitted tightly (the star drawn without "key");
    #: 0 when it is drawn as the style says.
    subtitle_px: float = 0.0


@dataclass(frozen=True, slots=True)
class Lane:
    key: str
    label: str
    rect: Rect
    rows: int
    hidden: int
    #: The name column's width: wider than the style's when a name needs it (within a cap).
    label_w: float = 0.0


@dataclass(frozen=True, slots=True)
class Milestone:
    name: str
    label: str
    at: datetime
    x: float
    time_label: str
    label_row: int
    label_y: float
    #: Where the label's text starts and how wide it is; left of the line near the right edge.
    label_x: float = 0.0
    label_w: float = 0.0


@dataclass(frozen=True, slots=True)
class Phase:
    """The band that ends at a milestone, labelled with its duration from the start.

    The band spans from the milestone before to this one, so the bands tile the
    axis; the words are the clock's duration (``to mitigate · 50 min`` counts from
    the start), the same number the overview, reports and drafter state.
    """

    name: str
    label: str
    start: datetime
    end: datetime
    x0: float
    x1: float
    duration_text: str
    #: Where the words go: inside the band (``label_row`` 0) or on a row under the bands.
    label_row: int = 0
    label_x: float = 0.0
    label_y: float = 0.0
    label_w: float = 0.0


@dataclass(frozen=True, slots=True)
class TimelineLayout:
    """A whole timeline in logical pixels; ``plot`` is the area the lanes fill."""

    width: float
    height: float
    title: str
    summary: str
    tz: tzinfo
    scale: TimeScale
    mode: LaneMode
    key_only: bool
    lanes: tuple[Lane, ...]
    cards: tuple[Card, ...]
    milestones: tuple[Milestone, ...]
    phases: tuple[Phase, ...]
    ticks: tuple[Tick, ...]
    gaps: tuple[Gap, ...]
    title_rect: Rect
    summary_rect: Rect
    milestone_band: Rect
    phase_band: Rect
    plot: Rect
    axis_y: float
    empty_message: str | None


def layout_timeline(
    review: Review,
    *,
    width: float = 1600,
    style: FigureStyle | None = None,
    measure: TextMeasure | None = None,
    lanes: LaneMode = LaneMode.KIND,
    key_only: bool = False,
    zoom: float = 1.0,
    gap_threshold: timedelta | None = None,
    max_rows: int | None = None,
    numbered: bool = False,
) -> TimelineLayout:
    """Lay the review's events out for a figure ``width`` pixels wide (at zoom 1).

    ``numbered`` draws each event as a small numbered marker instead of a card:
    a compact figure for print, read beside a numbered list of the same events.
    """
    style = style or figure_style("light")
    measure = measure or ApproxMeasure()
    rows_cap = max(1, max_rows if max_rows is not None else style.max_rows)
    zone = Zone.of(review)
    tz = zone.tz
    events = [e for e in review.events_by_time() if e.key or not key_only]
    marks = [
        (name, label, phase, at)
        for name, label, phase in MILESTONE_NAMES
        if (at := getattr(review, name)) is not None
    ]
    m = style.margin
    marker = round(style.body_px * 1.9)
    card_w, card_h = (marker, marker) if numbered else (style.card_width, style.card_height)
    numbers = {event.id: n for n, event in enumerate(events, 1)} if numbered else {}
    # One lane needs no gutter for lane names, only room for the first date label.
    lane_keys, lane_labels, lane_of = _lanes(review, events, lanes)
    if lanes is LaneMode.ONE:
        label_w = style.tick_spacing / 2
    else:
        label_w = lane_label_width(lane_labels, measure, style)
    x0 = m + label_w + style.card_gap
    # Right of the last moment: room for its card, or for a milestone's label.
    tail = max(card_w, style.card_width * 0.6)
    axis_w = max(width - x0 - m - tail, 4 * style.tick_spacing)
    scale = fit_scale(
        [e.at for e in events] + [at for *_, at in marks],
        x0=x0,
        width=axis_w,
        gap_threshold=gap_threshold,
        zoom=zoom,
    )
    fig_w = scale.x_end + tail + m
    span_days = (scale.end - scale.start) >= timedelta(hours=20)

    labels: dict[int, str] = {}  # per minute: big timelines share few distinct labels

    def when(at: datetime) -> str:
        """A card or milestone time, with the weekday when the incident spans days."""
        minute = int(at.timestamp() // 60)
        label = labels.get(minute)
        if label is None:
            local = at.astimezone(tz)
            label = f"{local:%a %H:%M}" if span_days else f"{local:%H:%M}"
            labels[minute] = label
        return label

    # Header: title, then a one-line summary of the phases.
    line_title = measure.line_height(style.title_px)
    line_small = measure.line_height(style.small_px)
    line_body = measure.line_height(style.body_px)
    # A numbered strip sits under the report's own title and durations: no header of its own.
    header = not numbered
    title_rect = Rect(m, m, fig_w - 2 * m, line_title if header else 0.0)
    phases = _phases(marks, durations(review, zone), scale)
    summary = _summary(phases, key_only, len(events), len(review.events))
    summary_rect = Rect(m, title_rect.bottom + 4, fig_w - 2 * m, line_body if header else 0.0)
    y = summary_rect.bottom + style.margin / 2

    row_h = line_small + 4
    milestones = _milestones(
        marks, scale, when, measure, style, top=y, row_h=row_h, right=fig_w - m
    )
    label_rows = 1 + max((ms.label_row for ms in milestones), default=-1)
    milestone_band = Rect(x0, y, fig_w - x0 - m, label_rows * row_h)
    y = milestone_band.bottom
    phase_h = line_small + 12 if phases else 0.0
    phase_band = Rect(x0, y, fig_w - x0 - m, phase_h)
    phases, below = _phase_labels(
        phases, measure, style, top=phase_band.bottom, row_h=row_h, right=fig_w - m
    )
    y = phase_band.bottom + below * row_h + (6 if phases or milestones else 0)

    plot_top = y
    per_lane: list[list[Event]] = [[] for _ in lane_keys]
    for event in events:
        per_lane[lane_of(event)].append(event)
    lane_list: list[Lane] = []
    cards: list[Card] = []
    dot = max(6.0, style.small_px * 0.7)
    names = {p.id: one_line(clean_text(p.name), 60) or p.id for p in review.people}
    for index, lane_events in enumerate(per_lane):
        gap = style.card_gap / 2 if numbered else style.card_gap
        cap = (len(lane_events) or 1) if numbered else rows_cap  # every marker keeps its number
        placed, rows, hidden = _stack(lane_events, scale, card_w, gap, cap)
        used_rows = max(rows, 1)
        cards_h = used_rows * card_h + (used_rows - 1) * style.row_gap
        dots_h = dot + style.row_gap if hidden else 0.0
        name_lines = lane_label_lines(lane_labels[index], label_w, measure, style)
        name_h = max(name_lines + (1 if hidden else 0), 2) * line_body  # and "+n shown as dots"
        lane_h = max(cards_h + dots_h, name_h) + 2 * style.lane_pad
        lane_rect = Rect(m, y, fig_w - 2 * m, lane_h)
        lane = Lane(lane_keys[index], lane_labels[index], lane_rect, rows, hidden, label_w)
        lane_list.append(lane)
        for event, row, ax in placed:
            actor = names.get(event.actor or "")
            extra = event.kind.value if lanes is LaneMode.PERSON else actor
            time_label = when(event.at)
            subtitle, subtitle_px = fit_subtitle(time_label, extra or "", event.key, measure, style)
            if row < 0:
                rect = Rect(ax - dot / 2, y + style.lane_pad + cards_h + style.row_gap, dot, dot)
            else:
                top = y + style.lane_pad + row * (card_h + style.row_gap)
                left = ax - card_w / 2 if numbered else ax  # a marker is centred on its moment
                rect = Rect(left, top, card_w, card_h)
            cards.append(
                Card(
                    event_id=event.id,
                    rect=rect,
                    anchor_x=ax,
                    lane=index,
                    row=row,
                    title=one_line(clean_text(event.title[:2000]), 200) or "(untitled)",
                    time_label=time_label,
                    kind=event.kind,
                    actor=actor,
                    key=event.key,
                    overflow=row < 0,
                    subtitle=subtitle,
                    number=numbers.get(event.id, 0),
                    subtitle_px=0.0 if numbered else subtitle_px,
                )
            )
        y = lane_rect.bottom
    if not events:
        y += 3 * line_body  # room for the "no events" message above the axis
    plot = Rect(m, plot_top, fig_w - 2 * m, y - plot_top)
    axis_y = y + 4
    # With no moment at all there is no time to show, only the message.
    has_time = bool(events or marks)
    tick_list = ticks(scale, tz, min_spacing=style.tick_spacing) if has_time else []
    height = axis_y + 2 * line_small + 12 + m

    empty = None
    if not events:
        empty = "No key moments marked yet" if key_only and review.events else "No events yet"
    return TimelineLayout(
        width=fig_w,
        height=height,
        title=(one_line(clean_text(review.title), 160) or "Untitled review") if header else "",
        summary=summary if header else "",
        tz=tz,
        scale=scale,
        mode=lanes,
        key_only=key_only,
        lanes=tuple(lane_list),
        cards=tuple(cards),
        milestones=tuple(milestones),
        phases=tuple(phases),
        ticks=tuple(tick_list),
        gaps=scale.gaps,
        title_rect=title_rect,
        summary_rect=summary_rect,
        milestone_band=milestone_band,
        phase_band=phase_band,
        plot=plot,
        axis_y=axis_y,
        empty_message=empty,
    )


def _phases(
    marks: Sequence[tuple[str, str, str, datetime]],
    told: Sequence[Duration],
    scale: TimeScale,
) -> list[Phase]:
    """One band per duration the clock can tell, from the milestone before it to its own."""
    at = {name: moment for name, _, _, moment in marks}
    order = [name for name, *_ in marks]
    phases: list[Phase] = []
    for duration in told:
        end = at[duration.milestone]
        earlier = [at[n] for n in order[: order.index(duration.milestone)] if at[n] <= end]
        start = earlier[-1] if earlier else at["started_at"]
        phases.append(
            Phase(
                name=duration.name,
                label=duration.label,
                start=start,
                end=end,
                x0=scale.x(start),
                x1=scale.x(end),
                duration_text=duration.short,
            )
        )
    return phases


def _summary(phases: Sequence[Phase], key_only: bool, shown: int, total: int) -> str:
    """The one-line key under the timeline: each phase's duration and how many events show."""
    parts = [f"{p.label.capitalize()}: {p.duration_text}" for p in phases]
    if key_only:
        parts.append(f"{shown} key moments of {total} events")
    else:
        parts.append(f"{total} events")
    return "  ·  ".join(parts)


def _milestones(
    marks: Sequence[tuple[str, str, str, datetime]],
    scale: TimeScale,
    when: Callable[[datetime], str],
    measure: TextMeasure,
    style: FigureStyle,
    *,
    top: float,
    row_h: float,
    right: float,
) -> list[Milestone]:
    """Milestone labels, whole: stacked so close ones never overlap, left of a line at the edge."""
    result: list[Milestone] = []
    rows = Rows()
    for name, label, _, at in marks:
        x = scale.x(at)
        time_label = when(at)
        text_w = measure.width(f"{label} {time_label}", style.small_px, bold=True)
        spot = beside(rows, x, text_w, low=style.margin, high=right)
        result.append(
            Milestone(
                name.removesuffix("_at"),
                label,
                at,
                x,
                time_label,
                spot.row,
                top + spot.row * row_h,
                spot.x,
                text_w,
            )
        )
    return result


def _phase_labels(
    phases: Sequence[Phase],
    measure: TextMeasure,
    style: FigureStyle,
    *,
    top: float,
    row_h: float,
    right: float,
) -> tuple[list[Phase], int]:
    """Each duration's words inside its band when they fit, else on a row under the bands.

    Returns the phases and how many rows under the bands their words took.
    """
    rows = Rows()
    rows.place(-1e18, 1e18)  # row 0 is the bands themselves
    result: list[Phase] = []
    for phase in phases:
        text_w = measure.width(phase_text(phase.label, phase.duration_text), style.small_px)
        if text_w + 2 * LABEL_PAD <= phase.x1 - phase.x0:
            x = (phase.x0 + phase.x1 - text_w) / 2
            result.append(replace(phase, label_x=x, label_w=text_w))
            continue
        # Under its band, from the band's start; from the figure's edge back when that runs out.
        x = phase.x0 + LABEL_PAD
        x = x if x + text_w <= right else max(style.margin, right - text_w)
        row = rows.place(x - LABEL_PAD, x + text_w + LABEL_PAD)
        result.append(
            replace(
                phase,
                label_row=row,
                label_x=x,
                label_w=text_w,
                label_y=top + (row - 1) * row_h + 2,
            )
        )
    return result, rows.count - 1


def _lanes(
    review: Review, events: Sequence[Event], mode: LaneMode
) -> tuple[list[str], list[str], Callable[[Event], int]]:
    """Lane keys, labels and an event-to-lane function for the mode; unknown actors share a lane."""
    if mode is LaneMode.ONE:
        return [""], [""], lambda e: 0
    if mode is LaneMode.KIND:
        kinds = [k for k in EventKind if any(e.kind is k for e in events)]
        index = {k: n for n, k in enumerate(kinds)}
        return [k.value for k in kinds], [_KIND_LABELS[k] for k in kinds], lambda e: index[e.kind]
    actors = {e.actor for e in events}
    people = [p for p in review.people if p.id in actors]
    keys = [p.id for p in people]
    labels = [one_line(clean_text(p.name), 60) or p.id for p in people]
    known = {k: n for n, k in enumerate(keys)}
    if any(e.actor not in known for e in events):
        keys.append("")
        labels.append(UNASSIGNED)
    spare = len(keys) - 1
    return keys, labels, lambda e: known.get(e.actor or "", spare)


def _stack(
    events: Sequence[Event], scale: TimeScale, card_w: float, gap: float, rows_cap: int
) -> tuple[list[tuple[Event, int, float]], int, int]:
    """(event, row, x) by first-fit into rows; key moments go first; row -1 means a dot."""
    rows: list[tuple[list[float], list[float]]] = []  # per row: sorted starts, matching ends
    placed: list[tuple[Event, int, float]] = []
    hidden = 0
    order = [e for e in events if e.key] + [e for e in events if not e.key]
    for event in order:
        x = scale.x(event.at)
        for row, (starts, ends) in enumerate(rows):
            i = bisect_left(starts, x)
            if i > 0 and ends[i - 1] + gap > x:
                continue
            if i < len(starts) and x + card_w + gap > starts[i]:
                continue
            starts.insert(i, x)
            ends.insert(i, x + card_w)
            placed.append((event, row, x))
            break
        else:
            if len(rows) < rows_cap:
                rows.append(([x], [x + card_w]))
                placed.append((event, len(rows) - 1, x))
            else:
                placed.append((event, -1, x))
                hidden += 1
    placed.sort(key=lambda pair: pair[0].at)
    return placed, len(rows), hidden
