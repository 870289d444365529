"""Timeline labels are drawn whole: milestones, durations and people are never cut short.

The figure is painted with a painter that records every string it is asked to
draw as text; the text helpers hand a string to ``drawText`` only when they
elide it (or for one-line labels), so a "…" there is a label cut short.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from pmdesk.clock import format_duration
from pmdesk.figures.export import figure_layout
from pmdesk.figures.measure import ApproxMeasure
from pmdesk.figures.style import FigureStyle
from pmdesk.figures.timeline.labels import ELLIPSIS, elide_middle, phase_text
from pmdesk.figures.timeline.layout import LaneMode, TimelineLayout
from pmdesk.figures.timeline.paint import render_timeline
from pmdesk.model import Person, Review
from pmdesk.store.sample import sample_review

TEAM = ("team-member-1", "team-member-2", "Konstantin Pappas")


class RecordingPainter(QPainter):
    """A QPainter that remembers the strings it draws as text."""

    def __init__(self, image: QImage) -> None:
        super().__init__(image)
        self.texts: list[str] = []

    def drawText(self, *args: object) -> None:
        self.texts += [a for a in args if isinstance(a, str)]
        super().drawText(*args)  # type: ignore[call-overload]


def drawn(layout: TimelineLayout, style: FigureStyle) -> list[str]:
    """Every string the figure hands to drawText, painted as the reports paint it."""
    image = QImage(round(layout.width), round(layout.height), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = RecordingPainter(image)
    try:
        render_timeline(painter, layout, style)
    finally:
        painter.end()
    return painter.texts


def with_team(review: Review, names: tuple[str, ...] = TEAM) -> Review:
    """The sample with its events shared among people whose names are long or alike."""
    people = tuple(Person(f"t{n}", name) for n, name in enumerate(names))
    events = tuple(
        dataclasses.replace(event, actor=people[n % len(people)].id)
        for n, event in enumerate(review.events)
    )
    return dataclasses.replace(review, people=people, events=events)


def over_two_days(review: Review) -> Review:
    """Mitigated and resolved a day later: every time label gains its weekday."""
    day = timedelta(days=1)
    assert review.mitigated_at is not None and review.resolved_at is not None
    events = tuple(
        dataclasses.replace(e, at=e.at + day) if e.at >= review.mitigated_at else e
        for e in review.events
    )
    return dataclasses.replace(
        review,
        events=events,
        mitigated_at=review.mitigated_at + day,
        resolved_at=review.resolved_at + day - timedelta(minutes=40),
    )


def resolved_last(review: Review) -> Review:
    """Over two days, with resolution the last moment: its label meets the figure's edge."""
    review = over_two_days(review)
    assert review.resolved_at is not None
    end = review.resolved_at
    return dataclasses.replace(review, events=tuple(e for e in review.events if e.at <= end))


REVIEWS = {
    "sample": sample_review,
    "team": lambda: with_team(sample_review()),
    "team over two days": lambda: over_two_days(with_team(sample_review())),
    "resolved last": lambda: resolved_last(with_team(sample_review())),
}
#: The report's full timeline, its key-moments strip, and lanes by person.
FIGURES = {
    "full": {"width": 1100},
    "key strip": {"width": 900, "key_only": True, "lanes": LaneMode.ONE, "numbered": True},
    "by person": {"width": 1100, "lanes": LaneMode.PERSON},
    "projector": {"width": 1100, "lanes": LaneMode.PERSON, "theme": "projector"},
}


def figures() -> Iterator[tuple[str, str]]:
    for review in REVIEWS:
        for figure in FIGURES:
            yield review, figure


def laid_out(review: str, figure: str) -> tuple[TimelineLayout, FigureStyle]:
    layout, style = figure_layout(REVIEWS[review](), "timeline", **FIGURES[figure])  # type: ignore[arg-type]
    assert isinstance(layout, TimelineLayout)
    return layout, style


def cut_short(full: str, texts: list[str]) -> list[str]:
    """The drawn strings that are ``full`` with its end (or middle) replaced by "…"."""
    return [t for t in texts if ELLIPSIS in t and full.startswith(t.split(ELLIPSIS)[0].rstrip())]


@pytest.mark.parametrize(("review", "figure"), list(figures()))
def test_milestone_and_duration_labels_are_drawn_whole(review: str, figure: str) -> None:
    layout, style = laid_out(review, figure)
    texts = drawn(layout, style)
    assert layout.milestones and layout.phases
    for milestone in layout.milestones:
        label = f"{milestone.label} {milestone.time_label}"
        assert label in texts, label
        assert not milestone.label_x < style.margin
        assert milestone.label_x + milestone.label_w <= layout.width - style.margin + 0.5
    for phase in layout.phases:
        words = phase_text(phase.label, phase.duration_text)
        assert not cut_short(words, texts), words
        inside = phase.label_row == 0
        assert words in texts or (inside and phase.label_w < phase.x1 - phase.x0), words
    for gap in layout.gaps:
        quiet = f"quiet {format_duration(gap.duration.total_seconds())}"
        assert quiet in texts or {"quiet", quiet.removeprefix("quiet ")} <= set(texts), quiet


@pytest.mark.parametrize(("review", "figure"), list(figures()))
def test_people_are_drawn_whole_on_cards_and_lanes(review: str, figure: str) -> None:
    layout, style = laid_out(review, figure)
    texts = drawn(layout, style)
    for lane in layout.lanes:
        assert not cut_short(lane.label, texts), lane.label
    if layout.mode is LaneMode.KIND:
        for card in layout.cards:
            if card.actor and not card.number:
                assert card.subtitle == f"{card.time_label}  ·  {card.actor}"
                assert card.subtitle in texts, card.subtitle


def who(shown: str, names: tuple[str, ...]) -> list[str]:
    """The people a drawn name could be: itself, or any name it could be an elision of."""
    if ELLIPSIS not in shown:
        return [n for n in names if n == shown]
    head, tail = shown.split(ELLIPSIS, 1)
    return [n for n in names if n.startswith(head.rstrip()) and n.endswith(tail.lstrip())]


@pytest.mark.parametrize(
    "names",
    [
        ("team-member-1", "team-member-2"),
        ("Alexandra Konstantinopoulou-Vasquez (SRE)", "Alexandra Konstantinopoulou-Vasquez (DBA)"),
    ],
)
def test_people_with_a_common_prefix_are_drawn_apart(names: tuple[str, ...]) -> None:
    review = over_two_days(with_team(sample_review(), names))
    layout, style = figure_layout(review, "timeline", width=1100)
    assert isinstance(layout, TimelineLayout)
    leads = {f"{card.time_label}  ·  " for card in layout.cards}
    people = [t.split("  ·  ", 1)[1] for t in drawn(layout, style) if t[: t.find("·") + 3] in leads]
    assert len(people) == len([c for c in layout.cards if c.actor])
    for shown in people:
        assert len(who(shown, names)) == 1, shown


def test_a_middle_elision_keeps_the_end_that_tells_people_apart() -> None:
    measure = ApproxMeasure()
    one = elide_middle("team-member-platform-1", 60, 10, measure)
    two = elide_middle("team-member-platform-2", 60, 10, measure)
    assert one != two and one.endswith("1") and two.endswith("2")
    assert measure.width(one, 10) <= 60
    assert elide_middle("Mei Chen", 200, 10, measure) == "Mei Chen"
