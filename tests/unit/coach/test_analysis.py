"""Board nudges and action coverage."""

from __future__ import annotations

from pmdesk.coach.analysis import Coverage, NudgeKind, board_nudges, coverage
from pmdesk.model import Action, Factor, Layer, Review


def kinds(review: Review) -> list[tuple[NudgeKind, str | None, str | None]]:
    return [(n.kind, n.layer, n.factor) for n in board_nudges(review)]


def test_sample_board(review: Review) -> None:
    # l2 (Alerting) has no factor; f2 is third-party; every factor has an action.
    assert kinds(review) == [
        (NudgeKind.EMPTY_LAYER, "l2", None),
        (NudgeKind.THIRD_PARTY, "l3", "f2"),
    ]


def test_single_factor_and_factor_without_action(review: Review) -> None:
    lonely = review.replace(factors=review.factors[:1], actions=())
    found = kinds(lonely)
    assert found[0] == (NudgeKind.SINGLE_FACTOR, None, None)
    assert (NudgeKind.FACTOR_WITHOUT_ACTION, "l1", "f1") in found
    single = board_nudges(lonely)[0]
    assert "single cause" in single.message


def test_empty_layers_follow_board_order(review: Review) -> None:
    layers = (Layer("z", "Recovery drill", order=0), *review.layers)
    found = [n.layer for n in board_nudges(review.replace(layers=layers, factors=()))]
    assert found == ["z", "l1", "l2", "l3"]


def test_nudge_keys_are_stable_and_distinct(review: Review) -> None:
    first = [n.key for n in board_nudges(review)]
    assert first == [n.key for n in board_nudges(review.replace(title="Renamed"))]
    assert len(set(first)) == len(first)


def test_coverage(review: Review) -> None:
    assert coverage(review) == Coverage((), ())
    extra_factor = Factor("f3", "l2", "The alert threshold was tuned for last year's traffic.")
    loose = Action("a3", "Run a game day.", factors=("gone",))  # dangling link
    both = Action("a4", "Retune alerts.", factors=("f1", "f3"))
    changed = review.replace(
        factors=(*review.factors, extra_factor), actions=(*review.actions, loose)
    )
    assert coverage(changed) == Coverage(("f3",), ("a3",))
    assert coverage(changed.replace(actions=(*changed.actions, both))).factors_without_action == ()
