"""Every board edit as one undo command, so a gesture ends in exactly one push.

The board, the details panel and the keyboard all call these; none of them
writes to the review directly. Each function returns False (and pushes
nothing) when there is nothing to change, so a no-op never litters the
undo history.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pmdesk.model import Factor, Layer, Part, Stage, new_id
from pmdesk.text import clean_text
from pmdesk.ui.commands import EditItemsCommand, PutItemCommand, RemoveItemCommand
from pmdesk.ui.document import ReviewDocument

#: The categories offered on the board; the format tolerates others, shown as they are.
CATEGORIES: tuple[tuple[str, str], ...] = (
    ("people", "People"),
    ("process", "Process"),
    ("technology", "Technology"),
    ("third_party", "Third party"),
    ("environment", "Environment"),
)

_MAX_TEXT = 2000


def _tidy(text: str) -> str:
    """Text typed on the board made storable: cleaned, trimmed, capped at _MAX_TEXT."""
    return clean_text(text).strip()[:_MAX_TEXT]


def add_layer(document: ReviewDocument, name: str = "", stage: Stage | None = None) -> str:
    """A new layer after the last one; returns its id."""
    review = document.review
    layers = review.ordered_layers()
    name = _tidy(name) or f"Layer {len(layers) + 1}"
    order = max((x.order or 0 for x in review.layers), default=-1) + 1
    layer = Layer(new_id(), name, stage or (layers[-1].stage if layers else Stage.PREVENT), order)
    document.undo_stack.push(PutItemCommand(document, "Add layer", layer))
    return layer.id


def rename_layer(document: ReviewDocument, layer_id: str, name: str) -> bool:
    """One undoable rename; False when nothing would change, so no empty step is pushed."""
    layer = document.review.layer(layer_id)
    name = _tidy(name)
    if layer is None or not name or name == layer.name:
        return False
    new = dataclasses.replace(layer, name=name)
    document.undo_stack.push(PutItemCommand(document, "Rename layer", new, layer))
    return True


def set_layer_stage(document: ReviewDocument, layer_id: str, stage: Stage | None) -> bool:
    """Say which part of the defence a layer is (prevent, detect, respond, recover)."""
    layer = document.review.layer(layer_id)
    if layer is None or layer.stage == stage:
        return False
    new = dataclasses.replace(layer, stage=stage)
    document.undo_stack.push(PutItemCommand(document, "Set layer stage", new, layer))
    return True


def move_layer(document: ReviewDocument, layer_id: str, step: int) -> bool:
    """Move a layer ``step`` places along the board by renumbering every layer's order."""
    layers = document.review.ordered_layers()
    ids = [x.id for x in layers]
    if layer_id not in ids:
        return False
    old = ids.index(layer_id)
    new = max(0, min(len(ids) - 1, old + step))
    if new == old:
        return False
    ids.insert(new, ids.pop(old))
    _renumber(document, layers, ids, "Move layer")
    return True


def _renumber(
    document: ReviewDocument, layers: Sequence[Layer], ids: Sequence[str], label: str
) -> None:
    """Give layers orders 0..n in the given sequence, pushing only those whose order changed."""
    by_id = {x.id: x for x in layers}
    renumbered = [
        dataclasses.replace(by_id[lid], order=order)
        for order, lid in enumerate(ids)
        if by_id[lid].order != order
    ]
    if renumbered:
        document.undo_stack.push(EditItemsCommand(document, label, renumbered))


def remove_layer(document: ReviewDocument, layer_id: str) -> bool:
    """One undoable removal; undo brings back whatever the delete took with it."""
    if document.review.layer(layer_id) is None:
        return False
    document.undo_stack.push(RemoveItemCommand(document, "Remove layer", Part.LAYERS, layer_id))
    return True


def add_factor(document: ReviewDocument, layer_id: str, text: str) -> str | None:
    """A new factor (hole) in a layer; returns its id, or None when the layer is gone."""
    text = _tidy(text)
    if document.review.layer(layer_id) is None or not text:
        return None
    factor = Factor(new_id(), layer_id, text)
    document.undo_stack.push(PutItemCommand(document, "Add factor", factor))
    return factor.id


def _change(document: ReviewDocument, factor_id: str, label: str, **fields: object) -> bool:
    """One undoable edit of a factor's fields, or nothing when they would not change."""
    factor = document.review.factor(factor_id)
    if factor is None:
        return False
    new = dataclasses.replace(factor, **fields)  # type: ignore[arg-type]
    if new == factor:
        return False
    document.undo_stack.push(PutItemCommand(document, label, new, factor))
    return True


def rename_factor(document: ReviewDocument, factor_id: str, text: str) -> bool:
    """Rename a factor; blank text is refused rather than stored."""
    text = _tidy(text)
    return bool(text) and _change(document, factor_id, "Rename factor", text=text)


def move_factor(document: ReviewDocument, factor_id: str, layer_id: str) -> bool:
    """Move a factor to another layer that still exists."""
    if document.review.layer(layer_id) is None:
        return False
    return _change(document, factor_id, "Move factor to another layer", layer=layer_id)


def toggle_trajectory(document: ReviewDocument, factor_id: str) -> bool:
    """Put a factor on the incident's path or take it off, labelled for the Edit menu."""
    factor = document.review.factor(factor_id)
    if factor is None:
        return False
    label = "Take factor off the trajectory" if factor.on_trajectory else "Put factor on trajectory"
    return _change(document, factor_id, label, on_trajectory=not factor.on_trajectory)


def set_category(document: ReviewDocument, factor_id: str, category: str | None) -> bool:
    """Set the category; choosing third party also marks the factor as a third party's."""
    factor = document.review.factor(factor_id)
    if factor is None:
        return False
    third = factor.third_party or category == "third_party"
    if factor.category == "third_party" and category != "third_party":
        third = False
    return _change(document, factor_id, "Set factor category", category=category, third_party=third)


def set_third_party(document: ReviewDocument, factor_id: str, third_party: bool) -> bool:
    return _change(document, factor_id, "Mark factor as third party", third_party=third_party)


def set_generalisable(document: ReviewDocument, factor_id: str, generalisable: bool) -> bool:
    """Mark whether other teams may share this gap; the adjacent report lists those."""
    return _change(
        document, factor_id, "Mark factor as one others may share", generalisable=generalisable
    )


def set_events(document: ReviewDocument, factor_id: str, event_ids: Sequence[str]) -> bool:
    """Link the factor to these timeline events, kept in timeline order."""
    rank = {e.id: n for n, e in enumerate(document.review.events_by_time())}
    events = tuple(sorted({e for e in event_ids if e in rank}, key=rank.__getitem__))
    return _change(document, factor_id, "Link factor to events", events=events)


def remove_factor(document: ReviewDocument, factor_id: str) -> bool:
    """One undoable removal of a factor."""
    if document.review.factor(factor_id) is None:
        return False
    document.undo_stack.push(RemoveItemCommand(document, "Remove factor", Part.FACTORS, factor_id))
    return True
