"""Board nudges and action coverage for the Swiss-cheese board and the actions table.

Nudges are questions, never errors: the board shows them beside the layer or
factor they concern and the user may ignore them. Coverage answers "which
holes have no action, and which actions plug no hole?".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pmdesk.model import Review


class NudgeKind(enum.StrEnum):
    SINGLE_FACTOR = "board.single_factor"
    EMPTY_LAYER = "board.empty_layer"
    THIRD_PARTY = "board.third_party"
    FACTOR_WITHOUT_ACTION = "board.factor_without_action"


@dataclass(frozen=True, slots=True)
class Nudge:
    """One question for the board. ``layer``/``factor`` are ids, when it concerns one."""

    kind: NudgeKind
    message: str
    layer: str | None = None
    factor: str | None = None

    @property
    def key(self) -> str:
        """Stable identity for "dismissed for this review"."""
        return f"{self.kind.value}|{self.layer or ''}|{self.factor or ''}"


@dataclass(frozen=True, slots=True)
class Coverage:
    """Factor and action ids, in review order, that are not linked to the other side."""

    factors_without_action: tuple[str, ...]
    actions_without_factor: tuple[str, ...]


def coverage(review: Review) -> Coverage:
    """Which factors no action addresses, and which actions address no factor.

    Links to factors that no longer exist do not count as addressing anything.
    """
    factor_ids = {f.id for f in review.factors}
    addressed: set[str] = set()
    unlinked: list[str] = []
    for action in review.actions:
        linked = [fid for fid in action.factors if fid in factor_ids]
        addressed.update(linked)
        if not linked:
            unlinked.append(action.id)
    return Coverage(
        factors_without_action=tuple(f.id for f in review.factors if f.id not in addressed),
        actions_without_factor=tuple(unlinked),
    )


def board_nudges(review: Review) -> list[Nudge]:
    """Questions for the board, in board order: the whole board, then layers, then factors."""
    nudges: list[Nudge] = []
    if len(review.factors) == 1:
        nudges.append(
            Nudge(
                NudgeKind.SINGLE_FACTOR,
                "Incidents rarely have a single cause: which other layers had holes?",
            )
        )
    used_layers = {f.layer for f in review.factors}
    for layer in review.ordered_layers():
        if layer.id not in used_layers:
            nudges.append(
                Nudge(
                    NudgeKind.EMPTY_LAYER,
                    f"No factor in '{layer.name}' yet: did this layer hold, or did it have a hole?",
                    layer=layer.id,
                )
            )
    uncovered = set(coverage(review).factors_without_action)
    for factor in review.factors:
        if factor.is_third_party:
            nudges.append(
                Nudge(
                    NudgeKind.THIRD_PARTY,
                    "You chose this dependency: what did you accept or check?",
                    layer=factor.layer,
                    factor=factor.id,
                )
            )
        if factor.id in uncovered:
            nudges.append(
                Nudge(
                    NudgeKind.FACTOR_WITHOUT_ACTION,
                    "No action addresses this factor yet: will you change something, or accept it?",
                    layer=factor.layer,
                    factor=factor.id,
                )
            )
    return nudges
