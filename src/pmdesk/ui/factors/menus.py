"""The board's context menus: each entry is one edit from ``edits``, labelled with its key.

The board owns the menu's lifetime (one open at a time); these functions only
fill it, so the same entries serve the right-click and the keyboard (Ctrl+M).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu

from pmdesk.model import Stage
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits

if TYPE_CHECKING:
    from pmdesk.ui.factors.board import FactorBoard


def fill_move_menu(menu: QMenu, doc: ReviewDocument, factor_id: str, layer_id: str) -> None:
    """One entry per layer; the factor's own layer is shown but cannot be chosen."""
    for layer in doc.review.ordered_layers():
        action = menu.addAction(menu_text(layer.name))
        action.setEnabled(layer.id != layer_id)
        lid = layer.id
        action.triggered.connect(lambda *_, lid=lid: edits.move_factor(doc, factor_id, lid))


def fill_factor_menu(menu: QMenu, board: FactorBoard, doc: ReviewDocument, factor_id: str) -> None:
    """What a hole's right-click offers: rename, trajectory, third party, category, move, remove."""
    factor = doc.review.factor(factor_id)
    assert factor is not None
    rename = menu.addAction("Rename\tEnter")
    rename.triggered.connect(board.rename_current)
    path = menu.addAction("On the incident's trajectory\tT")
    path.setCheckable(True)
    path.setChecked(factor.on_trajectory)
    path.triggered.connect(lambda *_: edits.toggle_trajectory(doc, factor_id))
    third = menu.addAction("Third party")
    third.setCheckable(True)
    third.setChecked(factor.third_party)
    third.triggered.connect(lambda on: edits.set_third_party(doc, factor_id, bool(on)))
    categories = menu.addMenu("Category")
    for value, label in ((None, "None"), *edits.CATEGORIES):
        action = categories.addAction(label)
        action.setCheckable(True)
        action.setChecked(factor.category == value)
        action.triggered.connect(lambda *_, v=value: edits.set_category(doc, factor_id, v))
    fill_move_menu(menu.addMenu("Move to layer\tCtrl+M"), doc, factor_id, factor.layer)
    menu.addSeparator()
    remove = menu.addAction("Remove factor\tDelete")
    remove.triggered.connect(board.remove_current)


def fill_layer_menu(
    menu: QMenu, board: FactorBoard, doc: ReviewDocument, layer_id: str, scene_y: float
) -> None:
    """What a slice's right-click offers: add a hole there, rename, stage, move, remove."""
    add = menu.addAction("Add a factor here")
    add.triggered.connect(lambda *_: board.add_factor_at(layer_id, scene_y))
    rename = menu.addAction("Rename layer")
    rename.triggered.connect(lambda *_: board.rename_layer(layer_id))
    layer = doc.review.layer(layer_id)
    stages = menu.addMenu("Stage of defence")
    for stage in (None, *Stage):
        action = stages.addAction(stage.value.capitalize() if stage else "None")
        action.setCheckable(True)
        action.setChecked(layer is not None and layer.stage == stage)
        action.triggered.connect(lambda *_, s=stage: edits.set_layer_stage(doc, layer_id, s))
    ids = [x.id for x in doc.review.ordered_layers()]
    left = menu.addAction("Move layer left")
    left.setEnabled(ids.index(layer_id) > 0)
    left.triggered.connect(lambda *_: edits.move_layer(doc, layer_id, -1))
    right = menu.addAction("Move layer right")
    right.setEnabled(ids.index(layer_id) < len(ids) - 1)
    right.triggered.connect(lambda *_: edits.move_layer(doc, layer_id, 1))
    menu.addSeparator()
    remove = menu.addAction("Remove layer")
    remove.triggered.connect(lambda *_: edits.remove_layer(doc, layer_id))


def menu_text(text: str) -> str:
    """Menu entries treat '&' as a mnemonic; double it so a layer name shows as written."""
    return text.replace("&", "&&")[:80]
