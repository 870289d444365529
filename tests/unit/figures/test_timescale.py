"""The timeline's time → x mapping: gap compression, zoom and ticks."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.clock import zone
from pmdesk.figures.samples import two_day_incident
from pmdesk.figures.timeline.scale import fit_scale, tick_step, ticks

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)

moments = st.lists(
    st.integers(min_value=0, max_value=5 * 86400).map(lambda s: T0 + timedelta(seconds=s)),
    min_size=1,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(times=moments, probes=st.lists(st.integers(-3600, 6 * 86400), min_size=2, max_size=20))
def test_mapping_is_strictly_increasing_so_compression_never_reorders(times, probes):
    scale = fit_scale(times, x0=100, width=1200)
    ordered = sorted({T0 + timedelta(seconds=p) for p in probes} | set(times))
    xs = [scale.x(t) for t in ordered]
    assert all(a < b for a, b in itertools.pairwise(xs))


@settings(max_examples=100, deadline=None)
@given(times=moments)
def test_scale_fills_the_width_and_maps_back_to_time(times):
    scale = fit_scale(times, x0=50, width=1000)
    assert scale.x_start == pytest.approx(50)
    assert scale.x_end == pytest.approx(1050)
    for t in times:
        assert abs((scale.time_at(scale.x(t)) - t).total_seconds()) < 1e-3


def test_two_day_incident_squeezes_quiet_hours_and_gives_the_busy_hour_the_room():
    review = two_day_incident()
    times = [e.at for e in review.events]
    scale = fit_scale(times, x0=0, width=1200)
    assert len(scale.gaps) >= 2
    assert all(g.duration >= timedelta(hours=3) for g in scale.gaps)
    busy_start = review.detected_at
    busy = scale.x(busy_start + timedelta(hours=1)) - scale.x(busy_start)
    linear = fit_scale(times, x0=0, width=1200, gap_threshold=timedelta.max)
    assert linear.gaps == ()
    linear_busy = linear.x(busy_start + timedelta(hours=1)) - linear.x(busy_start)
    assert busy > 0.4 * 1200
    assert busy > 10 * linear_busy


def test_quiet_half_hour_in_a_short_incident_stays_linear():
    times = [T0, T0 + timedelta(minutes=5), T0 + timedelta(minutes=30), T0 + timedelta(hours=1)]
    assert fit_scale(times, x0=0, width=1000).gaps == ()


def test_zoom_widens_linear_parts_and_keeps_gaps_fixed():
    times = [e.at for e in two_day_incident().events]
    scale = fit_scale(times, x0=10, width=1200)
    zoomed = scale.zoomed(3)
    assert zoomed.px_per_second == pytest.approx(3 * scale.px_per_second)
    assert [g.x1 - g.x0 for g in zoomed.gaps] == [g.x1 - g.x0 for g in scale.gaps]
    assert zoomed.x_start == scale.x_start
    assert zoomed.x_end > scale.x_end
    with pytest.raises(ValueError):
        scale.zoomed(0)


def test_single_event_still_gets_an_axis():
    scale = fit_scale([T0], x0=0, width=800)
    assert scale.end - scale.start >= timedelta(minutes=10)
    assert 0 < scale.x(T0) < 800


@pytest.mark.parametrize(
    ("span", "zoom", "unit_seconds", "label_chars"),
    [
        (timedelta(minutes=10), 30, 1, 8),  # 14:05:30
        (timedelta(minutes=25), 1, 60, 5),  # 14:05
        (timedelta(hours=10), 1, 3600, 5),  # 14:00
        (timedelta(days=12), 1, 86400, None),  # Tue 10 Mar
    ],
)
def test_ticks_adapt_from_seconds_to_days(span, zoom, unit_seconds, label_chars):
    scale = fit_scale([T0, T0 + span], x0=0, width=1200, zoom=zoom)
    step = tick_step(scale, 90)
    assert unit_seconds <= step < unit_seconds * (60 if unit_seconds < 3600 else 24 * 7 + 1)
    found = ticks(scale, UTC, min_spacing=90)
    assert len(found) >= 3
    regular = found[1:]  # the first labels the exact start
    if label_chars:
        assert all(len(t.label) == label_chars for t in regular)
    else:
        assert all(t.label[:3] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} for t in found)
    xs = [t.x for t in found]
    assert all(b - a >= 0.6 * 90 for a, b in itertools.pairwise(xs))


def test_ticks_show_local_time_in_the_reviews_zone():
    berlin = zone("Europe/Berlin")
    scale = fit_scale([T0, T0 + timedelta(hours=3)], x0=0, width=1200)
    found = ticks(scale, berlin)
    for tick in found:
        assert tick.label == tick.at.astimezone(berlin).strftime("%H:%M")
    assert found[1].at.astimezone(berlin).minute % 5 == 0
    assert found[0].day_label == "Tue 10 Mar"


def test_ticks_cross_a_daylight_saving_change_in_order():
    berlin = zone("Europe/Berlin")
    start = datetime(2026, 3, 28, 20, 0, tzinfo=UTC)  # the clocks go forward at 01:00 UTC
    scale = fit_scale([start, start + timedelta(hours=10)], x0=0, width=1400)
    found = ticks(scale, berlin)
    assert [t.at for t in found] == sorted(t.at for t in found)
    assert len({t.label for t in found}) == len(found)


def test_no_tick_falls_inside_a_squeezed_gap():
    times = [e.at for e in two_day_incident().events]
    scale = fit_scale(times, x0=0, width=1200)
    for tick in ticks(scale, UTC):
        assert not any(g.x0 < tick.x < g.x1 for g in scale.gaps)
    resume = [g.x1 for g in scale.gaps]
    assert any(t.x == pytest.approx(x) for x in resume for t in ticks(scale, UTC))


@given(st.one_of(st.none(), st.text(max_size=40)))
def test_any_zone_name_gives_a_zone(name):
    zone(name).utcoffset(T0)
    assert zone(None) is UTC


def test_an_axis_ending_in_a_squeezed_gap_labels_its_last_moment():
    times = [T0 + timedelta(minutes=m) for m in (0, 3, 7, 12, 20, 26, 31)] + [
        T0 + timedelta(hours=5)
    ]
    scale = fit_scale(times, x0=0, width=1200)
    assert scale.segments[-1].compressed
    last = ticks(scale, UTC)[-1]
    assert last.at == T0 + timedelta(hours=5)
    assert last.x == pytest.approx(scale.x_end)
