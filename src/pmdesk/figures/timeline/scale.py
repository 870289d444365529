"""Time → x for the timeline, with quiet gaps squeezed and ticks that fit the zoom.

A two-day incident with one busy hour is unreadable on a linear axis: the busy
hour becomes a smudge. Gaps longer than a threshold are therefore drawn at a
fixed width with a break marker, while the rest of the axis stays linear. The
mapping stays strictly increasing, so compression never reorders events, and
the tick labels always show real times in the review's time zone.
"""

from __future__ import annotations

import itertools
import math
import statistics
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

#: Gaps shorter than this are never squeezed: a quiet half hour is part of the story.
MIN_GAP_THRESHOLD = timedelta(minutes=30)
#: A timeline never spans less than this, so a single event still gets an axis.
MIN_SPAN = timedelta(minutes=10)

# Tick steps in seconds, each a divisor of a day (or whole days), so ticks land on
# round wall-clock times.
_STEPS: tuple[int, ...] = (
    1, 2, 5, 10, 15, 30,
    60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 21600, 43200,
    86400, 172800, 604800,
)  # fmt: skip
_DAY = 86400


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of the axis: times ``t0..t1`` (POSIX seconds) drawn at ``x0..x1``."""

    t0: float
    t1: float
    x0: float
    x1: float
    compressed: bool


@dataclass(frozen=True, slots=True)
class Gap:
    """A squeezed quiet stretch; the axis draws a break marker between ``x0`` and ``x1``."""

    start: datetime
    end: datetime
    x0: float
    x1: float

    @property
    def duration(self) -> timedelta:
        """How long the squeezed stretch lasted, for the label on its break marker."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class TimeScale:
    """A strictly increasing, piecewise-linear map from time to x.

    ``px_per_second`` is the rate of every uncompressed segment; squeezed gaps
    keep ``gap_width`` whatever the zoom, so zooming in spreads the busy parts.
    """

    segments: tuple[Segment, ...]
    px_per_second: float
    gap_width: float
    _starts: tuple[float, ...] = field(init=False, repr=False, compare=False)
    _xs: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        """Cache segment starts for bisecting, and refuse an empty scale."""
        if not self.segments:
            raise ValueError("a time scale needs at least one segment")
        object.__setattr__(self, "_starts", tuple(s.t0 for s in self.segments))
        object.__setattr__(self, "_xs", tuple(s.x0 for s in self.segments))

    @property
    def start(self) -> datetime:
        return datetime.fromtimestamp(self.segments[0].t0, UTC)

    @property
    def end(self) -> datetime:
        return datetime.fromtimestamp(self.segments[-1].t1, UTC)

    @property
    def x_start(self) -> float:
        return self.segments[0].x0

    @property
    def x_end(self) -> float:
        return self.segments[-1].x1

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """The squeezed stretches, for break markers on the axis."""
        return tuple(
            Gap(
                datetime.fromtimestamp(s.t0, UTC),
                datetime.fromtimestamp(s.t1, UTC),
                s.x0,
                s.x1,
            )
            for s in self.segments
            if s.compressed
        )

    def x(self, at: datetime) -> float:
        return self.x_of_seconds(at.timestamp())

    def x_of_seconds(self, seconds: float) -> float:
        """``x`` for POSIX seconds; times outside the scale extend its end segments."""
        segments = self.segments
        index = bisect_right(self._starts, seconds) - 1
        segment = segments[min(max(index, 0), len(segments) - 1)]
        if segment.t1 == segment.t0:
            return segment.x0
        rate = (segment.x1 - segment.x0) / (segment.t1 - segment.t0)
        return segment.x0 + (seconds - segment.t0) * rate

    def time_at(self, x: float) -> datetime:
        """The inverse of ``x``: where a click on the axis lands in time."""
        segments = self.segments
        index = bisect_right(self._xs, x) - 1
        segment = segments[min(max(index, 0), len(segments) - 1)]
        span = segment.x1 - segment.x0
        seconds = (
            segment.t0
            if span == 0
            else segment.t0 + (x - segment.x0) * ((segment.t1 - segment.t0) / span)
        )
        return datetime.fromtimestamp(seconds, UTC)

    def zoomed(self, factor: float) -> TimeScale:
        """The same scale with uncompressed segments ``factor`` times wider, from the same x0."""
        if not math.isfinite(factor) or factor <= 0:
            raise ValueError(f"zoom factor must be a positive number, not {factor!r}")
        rate = self.px_per_second * factor
        return _build(
            [(s.t0, s.t1, s.compressed) for s in self.segments],
            x0=self.x_start,
            rate=rate,
            gap_width=self.gap_width,
        )


def fit_scale(
    times: Iterable[datetime],
    *,
    x0: float,
    width: float,
    gap_threshold: timedelta | None = None,
    gap_width: float = 56.0,
    zoom: float = 1.0,
) -> TimeScale:
    """A scale that shows all ``times`` in ``width`` pixels from ``x0`` (at zoom 1).

    ``gap_threshold=None`` picks one from the incident's rhythm: four times the
    median spacing between events, and never under 30 minutes. Pass
    ``timedelta.max`` to switch compression off.
    """
    if width <= 0:
        raise ValueError(f"width must be positive, not {width}")
    stamps = sorted({t.timestamp() for t in times})
    if not stamps:
        stamps = [0.0]
    first, last = stamps[0], stamps[-1]
    if last - first < MIN_SPAN.total_seconds():
        pad = (MIN_SPAN.total_seconds() - (last - first)) / 2
        first, last = first - pad, last + pad
        stamps = [first, *stamps, last]
    threshold = _auto_threshold(stamps) if gap_threshold is None else gap_threshold
    candidates = [
        (a, b) for a, b in itertools.pairwise(stamps) if b - a > threshold.total_seconds()
    ]
    gaps = _worthwhile_gaps(candidates, span=last - first, width=width, gap_width=gap_width)
    pieces: list[tuple[float, float, bool]] = []
    cursor = first
    for a, b in gaps:
        if a > cursor:
            pieces.append((cursor, a, False))
        pieces.append((a, b, True))
        cursor = b
    if last > cursor or not pieces:
        pieces.append((cursor, last, False))
    linear = sum(b - a for a, b, squeezed in pieces if not squeezed)
    rate = (width - gap_width * len(gaps)) / linear
    scale = _build(pieces, x0=x0, rate=rate, gap_width=gap_width)
    return scale if zoom == 1.0 else scale.zoomed(zoom)


def _auto_threshold(stamps: Sequence[float]) -> timedelta:
    """Quiet stretches worth squeezing: four times the typical spacing, at least the minimum."""
    spacing = [b - a for a, b in itertools.pairwise(stamps) if b > a]
    typical = statistics.median(spacing) if spacing else 0.0
    return max(MIN_GAP_THRESHOLD, timedelta(seconds=4 * typical))


def _worthwhile_gaps(
    candidates: list[tuple[float, float]], *, span: float, width: float, gap_width: float
) -> list[tuple[float, float]]:
    """Keep the gaps whose squeezing actually saves room; at most half the width goes to gaps."""
    most = max(0, int(width * 0.5 // gap_width))
    gaps = sorted(candidates, key=lambda g: g[1] - g[0], reverse=True)[:most]
    for _ in range(len(gaps) + 1):
        linear = span - sum(b - a for a, b in gaps)
        if not gaps or linear <= 0:
            break
        rate = (width - gap_width * len(gaps)) / linear
        kept = [g for g in gaps if (g[1] - g[0]) * rate > 2 * gap_width]
        if len(kept) == len(gaps):
            break
        gaps = kept
    if gaps and span - sum(b - a for a, b in gaps) <= 0:
        # Nothing but gaps (two lone events far apart): keep the axis linear.
        return []
    return sorted(gaps)


def _build(
    pieces: Sequence[tuple[float, float, bool]], *, x0: float, rate: float, gap_width: float
) -> TimeScale:
    """Lay the pieces end to end: squeezed ones get gap_width, the rest rate pixels per second."""
    segments: list[Segment] = []
    x = x0
    for t0, t1, squeezed in pieces:
        width = gap_width if squeezed else (t1 - t0) * rate
        segments.append(Segment(t0, t1, x, x + width, squeezed))
        x += width
    return TimeScale(tuple(segments), rate, gap_width)


@dataclass(frozen=True, slots=True)
class Tick:
    """A labelled mark on the axis; ``day_label`` is set where the date changes."""

    at: datetime
    x: float
    label: str
    day_label: str | None
    major: bool


def tick_step(scale: TimeScale, min_spacing: float) -> int:
    """The smallest round step, in seconds, whose ticks are at least ``min_spacing`` apart."""
    for step in _STEPS:
        if step * scale.px_per_second >= min_spacing:
            return step
    return _STEPS[-1]


def ticks(
    scale: TimeScale,
    tz: tzinfo,
    *,
    min_spacing: float = 90.0,
    x_from: float | None = None,
    x_to: float | None = None,
) -> list[Tick]:
    """Ticks on round local times for the visible part of the axis, never inside a gap.

    The step grows from seconds to minutes, hours and days as the zoom falls.
    After each squeezed gap the first moment is labelled too, so a reader
    always knows where the axis resumes.
    """
    step = tick_step(scale, min_spacing)
    lo = scale.x_start if x_from is None else x_from
    hi = scale.x_end if x_to is None else x_to
    found: list[tuple[float, bool]] = []  # (POSIX seconds, is a resume mark)
    for index, segment in enumerate(scale.segments):
        if segment.x1 < lo or segment.x0 > hi:
            continue
        # Where the axis starts or resumes after a squeezed gap, label the exact time.
        if segment.x0 >= lo and (index == 0 or not segment.compressed):
            found.append((segment.t0, True))
        if segment.compressed:
            if index == len(scale.segments) - 1 and segment.x1 <= hi:
                found.append((segment.t1, True))
            continue
        t_lo = max(segment.t0, scale.time_at(lo).timestamp())
        t_hi = min(segment.t1, scale.time_at(hi).timestamp())
        found.extend((t, False) for t in _round_times(t_lo, t_hi, step, tz))
    kept: list[tuple[float, bool]] = []
    floor = min_spacing * 0.6
    for seconds, resume in sorted(found):
        x = scale.x_of_seconds(seconds)
        if kept and x - scale.x_of_seconds(kept[-1][0]) < floor:
            if resume and not kept[-1][1]:
                kept[-1] = (seconds, resume)
            continue
        kept.append((seconds, resume))
    result: list[Tick] = []
    previous_day: date | None = None
    for seconds, resume in kept:
        at = datetime.fromtimestamp(seconds, UTC)
        local = at.astimezone(tz)
        day = local.date()
        new_day = day != previous_day
        previous_day = day
        label = _label(local, step, exact=resume)
        day_label = _day(local) if new_day and step < _DAY else None
        midnight = local.time() == time(0)
        result.append(Tick(at, scale.x_of_seconds(seconds), label, day_label, midnight or resume))
    return result


def _round_times(t_lo: float, t_hi: float, step: int, tz: tzinfo) -> Iterable[float]:
    """Round tick times in range; none past year 9999."""
    try:
        yield from _round_times_within(t_lo, t_hi, step, tz)
    except OverflowError:
        return  # the next round time is past year 9999 (pmdesk.clock keeps a day's margin)


def _round_times_within(t_lo: float, t_hi: float, step: int, tz: tzinfo) -> Iterable[float]:
    """Ticks at round local wall-clock times; day steps from local midnight, weeks on Monday."""
    if t_hi < t_lo:
        return
    start = datetime.fromtimestamp(t_lo, UTC).astimezone(tz)
    if step >= _DAY:
        days = step // _DAY
        day = start.date()
        if days == 7:
            day -= timedelta(days=day.weekday())
        else:
            day -= timedelta(days=day.toordinal() % days)
        while True:
            moment = datetime.combine(day, time(0), tz).timestamp()
            if moment > t_hi:
                return
            if moment >= t_lo:
                yield moment
            day += timedelta(days=days)
    midnight = datetime.combine(start.date(), time(0), tz)
    into_day = (start.replace(tzinfo=None) - midnight.replace(tzinfo=None)).total_seconds()
    wall = midnight.replace(tzinfo=None) + timedelta(seconds=math.ceil(into_day / step) * step)
    moment = wall.replace(tzinfo=tz).timestamp()
    while moment <= t_hi:
        if moment >= t_lo:
            yield moment
        moment += step


def _label(local: datetime, step: int, *, exact: bool) -> str:
    """A tick's label: the day for day steps, seconds only when the step or time needs them."""
    if step >= _DAY:
        return _day(local)
    if step < 60 or (exact and local.second):
        return local.strftime("%H:%M:%S")
    return local.strftime("%H:%M")


def _day(local: datetime) -> str:
    """A day as "Tue 15 Dec", for day ticks and where the date changes."""
    return f"{local:%a} {local.day} {local:%b}"


__all__ = [
    "MIN_GAP_THRESHOLD",
    "MIN_SPAN",
    "Gap",
    "Segment",
    "Tick",
    "TimeScale",
    "fit_scale",
    "tick_step",
    "ticks",
]
