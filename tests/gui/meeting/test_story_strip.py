"""The presenter's story strip: a labelled time axis and no card cut by an edge (issue 15)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from pmdesk.figures.qt_text import QtTextMeasure
from pmdesk.figures.style import figure_style
from pmdesk.figures.timeline.layout import TimelineLayout, layout_timeline
from pmdesk.meeting.agenda import PhaseKind
from pmdesk.store.sample import sample_review
from pmdesk.ui.meeting.console import MeetingConsole
from pmdesk.ui.meeting.presenter import MARGIN
from pmdesk.ui.meeting.story_strip import axis_band, band_height, head_band, strip_bands


def _layout() -> TimelineLayout:
    style = figure_style("projector")
    return layout_timeline(
        sample_review(), width=1760, style=style, measure=QtTextMeasure(style), key_only=True
    )


def test_the_strip_always_holds_the_milestones_and_the_time_axis() -> None:
    layout = _layout()
    for room in (300.0, 500.0, 700.0, 5000.0):
        for card in layout.cards:
            bands = strip_bands(layout, card, room)
            assert bands[0] == head_band(layout) and bands[-1] == axis_band(layout)
            assert all(tick.x > 0 for tick in layout.ticks)
            if room >= 500:
                assert band_height(bands) <= room


def test_no_card_is_cut_by_the_strip_and_the_current_one_is_in_it() -> None:
    layout = _layout()
    assert layout.plot.h > 500  # the sample's figure is taller than the room: lanes must go
    for card in layout.cards:
        top, bottom = strip_bands(layout, card, 500.0)[1]
        assert top <= card.rect.y and card.rect.bottom <= bottom, card.title
        for other in layout.cards:
            r = other.rect
            overlaps = r.y < bottom and r.bottom > top
            assert not overlaps or (top <= r.y and r.bottom <= bottom), other.title
        shown = [lane for lane in layout.lanes if top <= lane.rect.y < bottom]
        assert all(lane.rect.bottom <= bottom for lane in shown)


def test_a_figure_that_fits_is_shown_whole() -> None:
    layout = _layout()
    bands = strip_bands(layout, layout.cards[0], layout.height + 100)
    assert bands[1] == (layout.plot.y, layout.plot.bottom)


def _axis_line(image: QImage, y: int) -> bool:
    """A dark line across most of the plot (the axis is darkest over the incident)."""
    xs = range(200, 1700, 10)
    return sum(image.pixelColor(x, y).lightness() < 100 for x in xs) >= 0.6 * len(xs)


def _ink_rows(image: QImage, y0: int, y1: int) -> int:
    return sum(
        any(image.pixelColor(x, y).lightness() < 100 for x in range(int(MARGIN), 1800, 2))
        for y in range(y0, y1)
    )


def test_the_presenter_shows_tick_labels_under_the_strip_for_every_moment(
    console: MeetingConsole,
) -> None:
    """Measured on the 1080p picture: dark text just above the strip's bottom rule."""
    controller = console.controller
    controller.start()
    controller.go_to(next(i for i, p in enumerate(controller.agenda) if p.kind is PhaseKind.STORY))
    presenter = console.presenter
    presenter.resize(1920, 1080)
    layout = _layout()
    axis_h = axis_band(layout)[1] - axis_band(layout)[0]
    for _ in controller.key_moments():
        image = presenter.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        rule = next(
            y
            for y in range(1000, 190, -1)
            if all(image.pixelColor(x, y).lightness() < 60 for x in range(200, 1700, 50))
        )
        band = range(int(rule - 1.5 * axis_h), rule - 2)  # the strip may be drawn larger
        assert any(_axis_line(image, y) for y in band), "no time axis above the strip's rule"
        assert _ink_rows(image, band.start, band.stop) >= 10  # the tick labels under it
        controller.next_moment()


def test_the_room_is_told_how_many_lanes_are_left_out() -> None:
    from pmdesk.ui.meeting.story_strip import lanes_left_out, left_out_line

    layout = _layout()
    total = len(layout.lanes)
    whole = strip_bands(layout, layout.cards[0], 5000.0)
    assert lanes_left_out(layout, whole) == 0 and left_out_line(0, total) == ""
    bands = strip_bands(layout, layout.cards[0], 500.0)
    left_out = lanes_left_out(layout, bands)
    assert 0 < left_out < total
    assert left_out_line(left_out, total) == (
        f"Showing {total - left_out} of {total} lanes, around this moment's."
    )
