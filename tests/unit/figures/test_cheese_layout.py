"""Swiss-cheese board layout: holes inside their slices, apart, and a true trajectory."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.figures.factors.layout import NO_LAYER, CheeseLayout, layout_cheese
from pmdesk.figures.samples import big_board, checkout_incident
from pmdesk.figures.style import figure_style
from pmdesk.model import Factor, Layer, Review, Stage


def assert_board_is_sound(layout: CheeseLayout) -> None:
    holes = layout.holes
    for s in layout.slices:
        for hole in s.holes:
            assert s.rect.contains(hole.rect), hole.text
            assert hole.rect.contains(hole.text_rect)
            assert hole.text_rect.w > 0
    for n, a in enumerate(holes):
        for b in holes[n + 1 :]:
            assert not a.rect.overlaps(b.rect), (a.text, b.text)
    rects = [s.rect for s in layout.slices] + [s.label_rect for s in layout.slices]
    for n, a in enumerate(rects):
        for b in rects[n + 1 :]:
            assert not a.overlaps(b)
    assert all(s.rect.x >= 0 and s.rect.right <= layout.width for s in layout.slices)
    assert all(s.rect.bottom <= layout.height for s in layout.slices)


def holes_crossed(layout: CheeseLayout) -> list[str]:
    """Walk the trajectory in 1-pixel steps and list the holes it enters, in order."""
    assert layout.trajectory is not None
    crossed: list[str] = []
    points = layout.trajectory.points
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0)))
        for i in range(steps + 1):
            x, y = x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps
            for hole in layout.holes:
                inside = hole.rect.contains_point(x, y)
                if inside and (not crossed or crossed[-1] != hole.factor_id):
                    crossed.append(hole.factor_id)
    return crossed


def test_eight_layers_of_twenty_five_factors_fit_without_overlap():
    review = big_board(8, 25)
    layout = layout_cheese(review)
    assert len(layout.slices) == 8
    assert len(layout.holes) == 200
    assert_board_is_sound(layout)


def test_trajectory_passes_through_exactly_the_on_trajectory_holes_in_layer_order():
    review = big_board(8, 25)
    layout = layout_cheese(review)
    expected = [
        f.id
        for layer in review.ordered_layers()
        for f in review.factors
        if f.layer == layer.id and f.on_trajectory
    ]
    assert list(layout.trajectory.hole_ids) == expected
    assert holes_crossed(layout) == expected


def test_holes_line_up_so_the_trajectory_is_straight_with_one_hole_per_layer():
    layout = layout_cheese(big_board(8, 25))
    ys = {round(y, 6) for _, y in layout.trajectory.points}
    assert len(ys) == 1


def test_slices_follow_the_layer_order_left_to_right():
    review = checkout_incident()
    layout = layout_cheese(review)
    assert [s.layer_id for s in layout.slices] == [layer.id for layer in review.ordered_layers()]
    xs = [s.rect.x for s in layout.slices]
    assert xs == sorted(xs)
    stages = [s.stage for s in layout.slices]
    assert stages == ["prevent", "prevent", "detect", "respond", "recover"]


def test_a_layer_with_many_factors_grows():
    review = checkout_incident()
    extra = tuple(Factor(f"x{n}", "l-alert", f"Another alerting gap, no. {n}") for n in range(15))
    crowded = review.replace(factors=review.factors + extra)
    before = {s.layer_id: s.rect.h for s in layout_cheese(review).slices}
    after = {s.layer_id: s.rect.h for s in layout_cheese(crowded).slices}
    assert after["l-alert"] > before["l-alert"]
    assert_board_is_sound(layout_cheese(crowded))


def test_factors_of_a_missing_layer_get_their_own_slice():
    review = Review(
        "r",
        "stray",
        layers=(Layer("a", "Alerting", Stage.DETECT),),
        factors=(Factor("f1", "a", "No alert on queue depth"), Factor("f2", "gone", "Orphan")),
    )
    layout = layout_cheese(review)
    assert [s.name for s in layout.slices] == ["Alerting", NO_LAYER]
    assert layout.trajectory is None


def test_empty_boards_say_what_is_missing():
    fresh = layout_cheese(Review("r", "new"))
    assert fresh.empty_message == "No layers of defence yet"
    assert fresh.height < 200
    only_layers = Review("r", "new", layers=(Layer("a", "Alerting"),))
    board = layout_cheese(only_layers)
    assert board.empty_message == "No contributing factors yet"
    assert board.height > board.slices[0].rect.bottom + 30


def test_many_layers_make_the_board_wider_than_asked_rather_than_unreadable():
    layout = layout_cheese(big_board(14, 3), width=1200)
    style = figure_style("light")
    assert layout.width > 1200
    assert all(s.rect.w >= style.slice_min_width for s in layout.slices)
    assert_board_is_sound(layout)


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_projector_board_is_sound_too(theme):
    assert_board_is_sound(layout_cheese(big_board(5, 12), style=figure_style(theme)))


@settings(max_examples=40, deadline=None)
@given(
    board=st.lists(
        st.lists(st.tuples(st.text(max_size=400), st.booleans(), st.booleans()), max_size=9),
        min_size=1,
        max_size=7,
    ),
    width=st.integers(400, 2400),
)
def test_any_board_keeps_its_holes_apart_and_its_trajectory_true(board, width):
    layers = tuple(Layer(f"l{n}", f"Layer {n}") for n in range(len(board)))
    factors = tuple(
        Factor(f"l{n}-{k}", f"l{n}", text, on_trajectory=path, third_party=third)
        for n, column in enumerate(board)
        for k, (text, path, third) in enumerate(column)
    )
    layout = layout_cheese(Review("r", "board", layers=layers, factors=factors), width=width)
    assert_board_is_sound(layout)
    on_path = [f.id for f in factors if f.on_trajectory]
    if on_path:
        assert list(layout.trajectory.hole_ids) == on_path
        assert holes_crossed(layout) == on_path
    else:
        assert layout.trajectory is None
