"""Where everything on the Swiss-cheese board goes: slices, holes and the trajectory.

Each layer of defence is a slice, in ``Review.ordered_layers()`` order (prevent →
detect → respond → recover), left to right. Each factor is a hole in its
slice, sized to show its text. Factors on the trajectory sit in a block at
the middle of their slice and every slice is centred on one line, so when each
layer has one such hole the holes line up and the trajectory is a straight
arrow through them: the picture people know. Other holes are spread above and
below; a slice with many factors grows taller. Pure Python, so the factor
board canvas can place its items from the same numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from pmdesk.figures.geometry import Rect
from pmdesk.figures.measure import ApproxMeasure, TextMeasure
from pmdesk.figures.style import FigureStyle, figure_style
from pmdesk.model import Factor, Layer, Review, Stage
from pmdesk.text import clean_text, one_line

#: The slice that collects factors whose layer is missing from the review.
NO_LAYER = "No layer"

_STAGE_LABELS: dict[Stage, str] = {
    Stage.PREVENT: "prevent",
    Stage.DETECT: "detect",
    Stage.RESPOND: "respond",
    Stage.RECOVER: "recover",
}


@dataclass(frozen=True, slots=True)
class Hole:
    """One factor, drawn as a hole in its layer; ``text_rect`` is where its words go."""

    factor_id: str
    layer_id: str
    rect: Rect
    text_rect: Rect
    text: str
    on_trajectory: bool
    third_party: bool
    category: str | None


@dataclass(frozen=True, slots=True)
class Slice:
    """One layer of defence; ``label_rect`` holds its name and stage above the board."""

    layer_id: str
    name: str
    stage: str | None
    rect: Rect
    label_rect: Rect
    holes: tuple[Hole, ...]


@dataclass(frozen=True, slots=True)
class Trajectory:
    """The path an incident took: a polyline through ``hole_ids`` in layer order."""

    points: tuple[tuple[float, float], ...]
    hole_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheeseLayout:
    width: float
    height: float
    title: str
    legend: str
    title_rect: Rect
    legend_rect: Rect
    slices: tuple[Slice, ...]
    trajectory: Trajectory | None
    empty_message: str | None

    @property
    def holes(self) -> tuple[Hole, ...]:
        """Every hole on the board in layer order, for hit-testing and the trajectory."""
        return tuple(hole for s in self.slices for hole in s.holes)


@dataclass(frozen=True, slots=True)
class _Sized:
    factor: Factor
    text: str
    height: float


def layout_cheese(
    review: Review,
    *,
    width: float = 1600,
    style: FigureStyle | None = None,
    measure: TextMeasure | None = None,
    slice_width: float | None = None,
    compact: bool = False,
) -> CheeseLayout:
    """Lay the review's layers and factors out as a board about ``width`` pixels wide.

    When the layers cannot fit at the style's minimum slice width the board is
    wider than asked; ``CheeseLayout.width`` says how wide, and exporters scale it.
    ``slice_width`` forces the slices' width (``fit_cheese`` picks it for a box);
    ``compact`` lets slices be as short as their holes allow instead of tall slabs.
    """
    style = style or figure_style("light")
    measure = measure or ApproxMeasure()
    groups = _groups(review)
    m = style.margin
    unit = style.body_px / 13
    count = max(len(groups), 1)
    # Narrow gutters first when layers are many, so the text in the holes keeps its width.
    room = width - 2 * m
    gutter = min(style.slice_gutter, max(20 * unit, room / count * 0.16))
    lead = gutter
    room -= 2 * lead + (count - 1) * gutter
    slice_w = min(max(style.slice_min_width, room / count), 340 * unit)
    if slice_width is not None:
        slice_w = slice_width
    board_w = count * slice_w + (count - 1) * gutter
    fig_w = max(width, board_w + 2 * m + 2 * lead)
    left = (fig_w - board_w) / 2

    line_title = measure.line_height(style.title_px)
    line_body = measure.line_height(style.body_px)
    line_small = measure.line_height(style.small_px)
    title_rect = Rect(m, m, fig_w - 2 * m, line_title)
    legend_rect = Rect(m, title_rect.bottom + 4, fig_w - 2 * m, line_small)
    y = legend_rect.bottom + m * 0.75

    # Layer names are aligned in one row above the board, whatever each slice's height.
    name_lines = max(
        (
            min(4, measure.wrapped_lines(name, slice_w, style.body_px, bold=True))
            for _, name, _, _ in groups
        ),
        default=1,
    )
    label_h = name_lines * line_body + line_small + 6
    label_top = y
    y += label_h + 12 * unit

    inset = 10 * unit
    spacing = 10 * unit
    jitter = slice_w * 0.08
    hole_w = slice_w - 2 * inset - jitter
    pad_x = style.hole_pad + 4 * unit  # rounded ends need a little more room at the sides
    text_w = hole_w - 2 * pad_x
    box = _HoleBox(hole_w, pad_x, style.hole_pad)

    def size(factor: Factor) -> _Sized:
        """A factor's text clipped and measured once, so the hole's height is known up front."""
        text = one_line(clean_text(factor.text[:2000]), 600) or "(no text)"
        lines = min(style.hole_max_lines, measure.wrapped_lines(text, text_w, style.body_px))
        tag = line_small if factor.third_party else 0.0
        return _Sized(factor, text, lines * line_body + tag + 2 * style.hole_pad)

    plans: list[tuple[list[_Sized], list[_Sized], list[_Sized], float, tuple[float, float]]] = []
    for *_, factors in groups:
        sized = [size(f) for f in factors]
        on_path = [s for s in sized if s.factor.on_trajectory]
        rest = [s for s in sized if not s.factor.on_trajectory]
        above, below = rest[: len(rest) // 2], rest[len(rest) // 2 :]
        block = _stack_height(on_path, spacing) if on_path else 2 * spacing
        up = inset + _stack_height(above, spacing) + (spacing if above else 0) + block / 2
        down = inset + _stack_height(below, spacing) + (spacing if below else 0) + block / 2
        # A compact board lets a slice reach further down than up (and back), saving height.
        reach = (up, down) if compact else (max(up, down), max(up, down))
        plans.append((above, on_path, below, block, reach))
    min_h = 160 * unit if compact else max(1.6 * slice_w, 260 * unit)
    rise = max((max(p[4][0], min_h / 2) for p in plans), default=min_h / 2)
    fall = max((max(p[4][1], min_h / 2) for p in plans), default=min_h / 2)
    centre = y + rise

    slices: list[Slice] = []
    for index, ((layer_id, name, stage, _), (above, on_path, below, block, reach)) in enumerate(
        zip(groups, plans, strict=True)
    ):
        x = left + index * (slice_w + gutter)
        up, down = max(reach[0], min_h / 2), max(reach[1], min_h / 2)
        rect = Rect(x, centre - up, slice_w, up + down)
        label_rect = Rect(x, label_top, slice_w, label_h)
        spots: list[tuple[_Sized, float, float]] = []
        # Spread the other holes evenly through the space above and below the block.
        upper_free = (centre - block / 2 - spacing) - (rect.y + inset)
        spots += _spread(above, rect.y + inset, upper_free, spacing, index, jitter)
        top = centre - block / 2
        for item in on_path:
            spots.append((item, top, jitter / 2))
            top += item.height + spacing
        low = centre + block / 2 + spacing
        spots += _spread(below, low, rect.bottom - inset - low, spacing, index + 3, jitter)
        holes = [box.hole(item, layer_id, x + inset + dx, y0) for item, y0, dx in spots]
        holes.sort(key=lambda h: h.rect.y)
        slices.append(Slice(layer_id, name, stage, rect, label_rect, tuple(holes)))

    bottom = centre + fall if slices else y + 2 * line_body
    trajectory = _trajectory(slices, centre, m, fig_w - m)
    empty = None
    if not slices:
        empty = "No layers of defence yet"
    elif not review.factors:
        empty = "No contributing factors yet"
        bottom += 2 * line_body + 8  # the message goes under the slices
    return CheeseLayout(
        width=fig_w,
        height=bottom + m,
        title=one_line(clean_text(review.title), 160) or "Untitled review",
        legend=_legend(slices, trajectory),
        title_rect=title_rect,
        legend_rect=legend_rect,
        slices=tuple(slices),
        trajectory=trajectory,
        empty_message=empty,
    )


def fit_cheese(
    review: Review,
    width: float,
    height: float,
    *,
    style: FigureStyle | None = None,
    measure: TextMeasure | None = None,
) -> CheeseLayout:
    """The layout that shows largest in a ``width``×``height`` box once scaled to fit it.

    Narrower slices make taller holes, so a short wide box and a tall narrow
    one get different slice widths: the board uses the height it has as well
    as the width, and every layer fits (scaled down) instead of being cut.
    """
    style = style or figure_style("light")
    measure = measure or ApproxMeasure()
    natural = layout_cheese(review, width=width, style=style, measure=measure)
    best, best_scale = natural, min(width / natural.width, height / natural.height)
    if best_scale >= 1.0 or not natural.slices:
        return natural
    unit = style.body_px / 13
    widest = natural.slices[0].rect.w
    for compact in (False, True):
        for share in (0.55, 0.65, 0.75, 0.85, 1.0, 1.15, 1.35):
            slice_w = max(widest * share, 110 * unit)
            candidate = layout_cheese(
                review, width=width, style=style, measure=measure, slice_width=slice_w,
                compact=compact,
            )  # fmt: skip
            scale = min(width / candidate.width, height / candidate.height)
            if scale > best_scale + 1e-3:
                best, best_scale = candidate, scale
    return best


#: Lines a hole may take when a board must show every word (screen and room, not reports).
FULL_TEXT_LINES = 24


def room_style(style: FigureStyle, min_px: float = 24) -> FigureStyle:
    """``style`` for a board shown to a room: body text at least ``min_px``, no hole text cut.

    Small and title text grow by the same factor, so the board keeps its proportions;
    holes may take ``FULL_TEXT_LINES`` lines, so none ends in "…". Lay out with
    ``fit_cheese`` and paint with this same style.
    """
    grow = max(1.0, min_px / style.body_px)
    return dataclasses.replace(
        style,
        body_px=style.body_px * grow,
        small_px=style.small_px * grow,
        title_px=style.title_px * grow,
        hole_max_lines=max(style.hole_max_lines, FULL_TEXT_LINES),
    )


def _groups(review: Review) -> list[tuple[str, str, str | None, list[Factor]]]:
    """(layer id, name, stage, factors) per slice, with stray factors in a last slice."""
    layers: list[Layer] = review.ordered_layers()
    known = {layer.id for layer in layers}
    groups: list[tuple[str, str, str | None, list[Factor]]] = []
    for layer in layers:
        name = one_line(clean_text(layer.name), 120) or "Unnamed layer"
        stage = _STAGE_LABELS[layer.stage] if layer.stage else None
        groups.append((layer.id, name, stage, [f for f in review.factors if f.layer == layer.id]))
    strays = [f for f in review.factors if f.layer not in known]
    if strays:
        groups.append(("", NO_LAYER, None, strays))
    return groups


def _stack_height(items: Sequence[_Sized], spacing: float) -> float:
    """The height a column of holes needs, gaps between them included."""
    return sum(i.height for i in items) + spacing * max(len(items) - 1, 0)


def _spread(
    items: Sequence[_Sized], top: float, room: float, spacing: float, seed: int, jitter: float
) -> list[tuple[_Sized, float, float]]:
    """(item, top, sideways offset) for holes spread evenly over ``room`` pixels."""
    spare = max(room - _stack_height(items, spacing), 0.0)
    extra = spare / (len(items) + 1)
    y = top + extra
    spots: list[tuple[_Sized, float, float]] = []
    for n, item in enumerate(items):
        # A fixed pattern of sideways offsets, so holes look scattered yet stay put.
        offset = jitter * ((0.0, 0.7, 0.3, 1.0, 0.5, 0.15, 0.85)[(n + seed) % 7])
        spots.append((item, y, offset))
        y += item.height + spacing + extra
    return spots


@dataclass(frozen=True, slots=True)
class _HoleBox:
    width: float
    pad_x: float
    pad_y: float

    def hole(self, item: _Sized, layer_id: str, x: float, top: float) -> Hole:
        """Place one hole at (x, top); its text goes in the padded inner rectangle."""
        rect = Rect(x, top, self.width, item.height)
        inner = Rect(x + self.pad_x, top + self.pad_y, self.width - 2 * self.pad_x,
                     item.height - 2 * self.pad_y)  # fmt: skip
        f = item.factor
        return Hole(
            f.id, layer_id, rect, inner, item.text, f.on_trajectory, f.third_party, f.category
        )


def _trajectory(
    slices: Sequence[Slice], centre: float, start_x: float, end_x: float
) -> Trajectory | None:
    """A polyline that crosses each slice through its on-trajectory holes only.

    Inside a slice the line runs level at the height of the hole it enters, so
    it meets no other hole (holes in one slice never share a height); between
    slices it may slope, where there are no holes. A slice without such a hole
    is crossed at the centre line, which passes between its holes.
    """
    if not any(h.on_trajectory for s in slices for h in s.holes):
        return None
    points: list[tuple[float, float]] = []
    ids: list[str] = []
    for s in slices:
        path = [h for h in s.holes if h.on_trajectory]
        y_in = path[0].rect.cy if path else centre
        y_out = path[-1].rect.cy if path else centre
        if not points:
            points.append((start_x, y_in))
        points.append((s.rect.x, y_in))
        for hole in path:
            points.append((hole.rect.cx, hole.rect.cy))
            ids.append(hole.factor_id)
        points.append((s.rect.right, y_out))
    points.append((end_x, points[-1][1]))
    return Trajectory(tuple(points), tuple(ids))


def _legend(slices: Sequence[Slice], trajectory: Trajectory | None) -> str:
    """The one-line key under the board, naming only what this board shows."""
    holes = sum(len(s.holes) for s in slices)
    parts = [f"{len(slices)} layers of defence", f"{holes} contributing factors"]
    if trajectory:
        parts.append(f"red line: the {len(trajectory.hole_ids)} holes the incident passed through")
    if any(h.third_party for s in slices for h in s.holes):
        parts.append("dashed: third party")
    return "  ·  ".join(parts)
