"""A card move lays out only the moved cards' lanes, exactly as a full layout would."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pmdesk.figures.samples import many_events
from pmdesk.figures.timeline.layout import layout_timeline
from pmdesk.model import Part, Review
from pmdesk.store import Library
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline import scene as scene_module
from pmdesk.ui.timeline.items import DotsItem
from pmdesk.ui.timeline.scene import TimelineScene
from pmdesk.ui.timeline.view import TimelineView


@pytest.fixture
def big(qtbot: QtBot, tmp_path: Path) -> Iterator[TimelineView]:
    library = Library.open(tmp_path / "big.pmdesk")
    stored = library.add_review(many_events(600))
    document = ReviewDocument(library, stored.id)
    view = TimelineView(document)
    qtbot.addWidget(view)
    view.resize(1400, 800)
    view.show()
    view.fit_all()
    yield view
    view.close()
    document.close()
    library.close()


def full_layout(scene: TimelineScene) -> object:
    """What laying the scene's review out from scratch gives at the scene's width and zoom."""
    assert scene.review is not None
    return layout_timeline(
        scene.review,
        width=max(scene.fit_width, 640.0),
        style=scene.fig_style,
        measure=scene._measure,
        lanes=scene.mode,
        zoom=scene.zoom,
    )


def fresh_dots(scene: TimelineScene) -> DotsItem:
    """The dots and axis marks drawn from scratch for the scene's layout."""
    dots = DotsItem(scene.fig_style)
    assert scene.layout is not None
    dots.set_layout(scene.layout)
    return dots


def marks_of(dots: DotsItem) -> dict[str, object]:
    """Where each kind's dots and axis marks are, and the dots hovering finds."""
    return {
        # Dots at one x may come in any order: they are drawn alike either way.
        "dots": {
            k: (s.xs, sorted(r.getRect() for r in s.shapes)) for k, s in dots._dots.items() if s.xs
        },
        "rug": {k: (s.xs, [line.x1() for line in s.shapes]) for k, s in dots._rug.items()},
        "hits": [c.event_id for c in dots._hits],
    }


def test_a_card_move_keeps_the_other_cards_items_and_skips_the_full_layout(
    big: TimelineView, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = big.timeline
    before = dict(scene.cards)
    full_layouts: list[object] = []
    real = layout_timeline

    def spy(*args: object, **kwargs: object) -> object:
        full_layouts.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scene_module, "layout_timeline", spy)
    event = big.document.review.events_by_time()[300]
    big.move_events({event.id: event.at + timedelta(seconds=40)})
    assert big.document.review.event(event.id).at == event.at + timedelta(seconds=40)  # type: ignore[union-attr]
    assert full_layouts == []
    monkeypatch.setattr(scene_module, "layout_timeline", real)
    assert scene.layout == full_layout(scene)
    same = [i for i in before if i in scene.cards and scene.cards[i] is before[i]]
    assert len(same) >= len(before) - 1  # the very QGraphicsItems, moved or left alone


def test_many_moves_there_and_back_match_the_full_layout_every_time(
    big: TimelineView, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = big.timeline
    quick: list[bool] = []
    real = scene.move_cards

    def counted(review: Review, moved: frozenset[str]) -> bool:
        quick.append(real(review, moved))
        return quick[-1]

    monkeypatch.setattr(scene, "move_cards", counted)
    ordered = big.document.review.events_by_time()
    for n, shift in enumerate((7, -7, 90, -90, 3600, -3600)):
        picked = ordered[100 + 40 * n : 100 + 40 * n + 5]
        current = {e.id: big.document.review.event(e.id) for e in picked}
        big.move_events({i: e.at + timedelta(seconds=shift) for i, e in current.items() if e})
        assert scene.layout == full_layout(scene)
        assert {c.event_id for c in scene.layout.cards if not c.overflow} == set(scene.cards)  # type: ignore[union-attr]
        assert marks_of(scene.dots) == marks_of(fresh_dots(scene))
    assert quick.count(True) >= 3  # most small moves keep the axis and the lanes' heights


def test_a_move_that_changes_more_than_time_is_laid_out_in_full(big: TimelineView) -> None:
    scene = big.timeline
    event = big.document.review.events_by_time()[10]
    renamed = dataclasses.replace(event, title="Renamed", at=event.at + timedelta(minutes=1))
    assert big.document.write_edit(puts=[renamed]) is not None
    assert scene.layout == full_layout(scene)
    card = scene.cards.get(event.id)
    assert card is None or card.card.title == "Renamed"


def test_deleting_cards_restacks_their_lanes_only_and_matches_the_full_layout(
    big: TimelineView, monkeypatch: pytest.MonkeyPatch
) -> None:
    scene = big.timeline
    full_layouts: list[object] = []
    real = layout_timeline

    def spy(*args: object, **kwargs: object) -> object:
        full_layouts.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scene_module, "layout_timeline", spy)
    ordered = big.document.review.events_by_time()
    quick = 0
    for n in range(4):
        doomed = [e.id for e in ordered[200 + 30 * n : 203 + 30 * n]]
        before = dict(scene.cards)
        full_layouts.clear()
        assert big.document.write_edit(removals=[(Part.EVENTS, i) for i in doomed]) is not None
        quick += not full_layouts
        monkeypatch.setattr(scene_module, "layout_timeline", real)
        assert scene.layout == full_layout(scene)
        monkeypatch.setattr(scene_module, "layout_timeline", spy)
        assert {c.event_id for c in scene.layout.cards if not c.overflow} == set(scene.cards)  # type: ignore[union-attr]
        assert not set(doomed) & set(scene.cards)
        assert marks_of(scene.dots) == marks_of(fresh_dots(scene))
        kept = [i for i in before if i in scene.cards and scene.cards[i] is before[i]]
        assert len(kept) >= len(scene.cards) - 10  # the other cards' items stay as they were
    assert quick >= 3  # most deletes keep the axis and the lanes' heights
