"""Timeline layout: lanes, stacked cards that never overlap, milestones and phases."""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.figures.samples import checkout_incident, many_events, two_day_incident
from pmdesk.figures.style import figure_style
from pmdesk.figures.timeline.layout import (
    UNASSIGNED,
    LaneMode,
    TimelineLayout,
    layout_timeline,
)
from pmdesk.model import Event, EventKind, Review

T0 = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def assert_cards_do_not_overlap(layout: TimelineLayout) -> None:
    by_lane: dict[int, list] = {}
    for card in layout.cards:
        if not card.overflow:
            by_lane.setdefault(card.lane, []).append(card)
    for cards in by_lane.values():
        for n, a in enumerate(cards):
            for b in cards[n + 1 :]:
                assert not a.rect.overlaps(b.rect), (a.title, b.title)


def assert_cards_sit_in_their_lanes(layout: TimelineLayout) -> None:
    for card in layout.cards:
        assert layout.lanes[card.lane].rect.contains(card.rect), card.title
    hidden = Counter(card.lane for card in layout.cards if card.overflow)
    assert [lane.hidden for lane in layout.lanes] == [hidden[n] for n in range(len(layout.lanes))]


# One lane holds every event only as a numbered strip (tested below); with cards, a
# busy incident in one lane overflows into dots by design.
@pytest.mark.parametrize("mode", [LaneMode.KIND, LaneMode.PERSON])
@pytest.mark.parametrize("make", [checkout_incident, two_day_incident])
def test_sample_incidents_lay_out_without_overlap(make, mode):
    review = make()
    layout = layout_timeline(review, lanes=mode)
    assert sorted(c.event_id for c in layout.cards) == sorted(e.id for e in review.events)
    assert not any(c.overflow for c in layout.cards)
    assert_cards_do_not_overlap(layout)
    assert_cards_sit_in_their_lanes(layout)
    lanes = [lane.rect for lane in layout.lanes]
    assert all(a.bottom <= b.y for a, b in itertools.pairwise(lanes))


def test_cards_start_at_their_moment_on_the_axis():
    review = checkout_incident()
    layout = layout_timeline(review)
    for card in layout.cards:
        event = review.event(card.event_id)
        assert card.anchor_x == pytest.approx(layout.scale.x(event.at))
        assert card.rect.x == pytest.approx(card.anchor_x)


def test_a_thousand_events_stay_apart_and_extra_ones_become_dots():
    layout = layout_timeline(many_events(1000), max_rows=5)
    assert len(layout.cards) == 1000
    assert any(c.overflow for c in layout.cards)
    assert all(0 <= c.row < 5 for c in layout.cards if not c.overflow)
    assert_cards_do_not_overlap(layout)
    assert_cards_sit_in_their_lanes(layout)


def test_key_moments_get_rows_before_other_events():
    events = tuple(
        Event(f"e{n}", T0 + timedelta(minutes=n), EventKind.NOTE, f"note {n}", key=n % 3 == 2)
        for n in range(12)
    )
    layout = layout_timeline(Review("r", "crowded", events=events), max_rows=1)
    key_cards = [c for c in layout.cards if c.key]
    assert key_cards
    assert not any(c.overflow for c in key_cards)
    assert any(c.overflow for c in layout.cards if not c.key)


def test_key_only_shows_key_moments_and_says_so_when_there_are_none():
    review = checkout_incident()
    layout = layout_timeline(review, key_only=True)
    assert {c.event_id for c in layout.cards} == {e.id for e in review.events if e.key}
    assert "key moments" in layout.summary
    plain = review.replace(events=tuple(Event(e.id, e.at, e.kind, e.title) for e in review.events))
    empty = layout_timeline(plain, key_only=True)
    assert empty.cards == ()
    assert empty.empty_message == "No key moments marked yet"
    assert empty.ticks  # the milestones still give the axis its times
    fresh = layout_timeline(Review("r", "new"))
    assert fresh.empty_message == "No events yet"
    assert fresh.ticks == ()  # no moment at all: no made-up times on an axis
    assert fresh.plot.h > 0


def test_lanes_by_person_use_names_and_collect_the_rest():
    review = checkout_incident()
    layout = layout_timeline(review, lanes=LaneMode.PERSON)
    labels = [lane.label for lane in layout.lanes]
    assert labels[-1] == UNASSIGNED
    assert set(labels[:-1]) == {p.name for p in review.people}
    for card in layout.cards:
        event = review.event(card.event_id)
        expected = review.person_name(event.actor) or UNASSIGNED
        assert layout.lanes[card.lane].label == expected
        assert card.subtitle == f"{card.time_label}  ·  {event.kind.value}"
    by_kind = layout_timeline(review)
    named = next(c for c in by_kind.cards if c.actor)
    assert named.subtitle == f"{named.time_label}  ·  {named.actor}"


def test_milestones_and_phases_between_them():
    layout = layout_timeline(checkout_incident())
    assert [m.label for m in layout.milestones] == ["Started", "Detected", "Mitigated", "Resolved"]
    # Each band ends at its milestone; its words are the clock's duration from the start.
    assert [(p.name, p.duration_text) for p in layout.phases] == [
        ("detect", "14 min"),
        ("mitigate", "1 h 7 min"),
        ("resolve", "1 h 58 min"),
    ]
    assert all(p.x0 < p.x1 for p in layout.phases)
    assert [p.start for p in layout.phases[1:]] == [p.end for p in layout.phases[:-1]]
    assert layout.summary.startswith(
        "To detect: 14 min  ·  To mitigate: 1 h 7 min  ·  To resolve: 1 h 58 min  ·  "
    )


def test_a_phase_without_a_start_is_not_told():
    review = checkout_incident()
    layout = layout_timeline(review.replace(started_at=None))
    assert layout.phases == ()
    assert "To " not in layout.summary
    xs = [m.x for m in layout.milestones]
    assert xs == sorted(xs)


def test_milestone_labels_that_would_collide_move_to_another_row():
    review = two_day_incident()
    layout = layout_timeline(review, width=900)
    rows: dict[int, list] = {}
    for milestone in layout.milestones:
        rows.setdefault(milestone.label_row, []).append(milestone)
    assert len(rows) >= 2
    assert all(m.label_y >= layout.milestone_band.y for m in layout.milestones)


def test_projector_style_makes_bigger_cards():
    light = layout_timeline(checkout_incident())
    big = layout_timeline(checkout_incident(), style=figure_style("projector"))
    assert big.cards[0].rect.h > light.cards[0].rect.h
    assert_cards_do_not_overlap(big)


@settings(max_examples=60, deadline=None)
@given(
    titles=st.lists(st.text(max_size=300), min_size=1, max_size=30),
    offsets=st.lists(st.integers(0, 48 * 3600), min_size=30, max_size=30),
    kinds=st.lists(st.sampled_from(list(EventKind)), min_size=30, max_size=30),
)
def test_any_user_text_and_times_lay_out_cleanly(titles, offsets, kinds):
    events = tuple(
        Event(f"e{n}", T0 + timedelta(seconds=offsets[n]), kinds[n], title)
        for n, title in enumerate(titles)
    )
    layout = layout_timeline(Review("r", "\x1b[31mtitle\x00", events=events), max_rows=3)
    assert_cards_do_not_overlap(layout)
    assert_cards_sit_in_their_lanes(layout)
    for text in [layout.title] + [c.title for c in layout.cards]:
        assert len(text) <= 200
        assert not any(unicodedata.category(ch) == "Cc" for ch in text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 600), st.booleans()), min_size=1, max_size=60))
def test_a_numbered_strip_numbers_every_key_moment_as_the_report_lists_them(
    moments: list[tuple[int, bool]],
) -> None:
    """The leader's figure and its list share numbers; none may fall off as a dot."""
    events = tuple(
        Event(f"e{n}", T0 + timedelta(minutes=minute), EventKind.CHANGE, f"Step {n}", key=key)
        for n, (minute, key) in enumerate(moments)
    )
    review = Review(id="r", title="t", events=events)
    layout = layout_timeline(review, width=900, key_only=True, lanes=LaneMode.ONE, numbered=True)
    numbers = {card.event_id: card.number for card in layout.cards}
    expected = {event.id: n for n, event in enumerate(review.key_moments(), 1)}
    assert numbers == expected
    assert not any(card.overflow for card in layout.cards)
    assert_cards_do_not_overlap(layout)
    assert layout.title == "" and layout.summary == ""  # the report's own title is above it
