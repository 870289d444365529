"""Hints beside buttons give way on narrow windows with "…", not mid-word cuts."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy
from pytestqt.qtbot import QtBot

from pmdesk.ui.plain import ElidedLabel

HINT = "Double-click to add · drag a card to move it · <b>K</b> marks a key moment"


def test_a_narrow_hint_ends_in_an_ellipsis_and_keeps_its_words_in_the_tooltip(
    qtbot: QtBot,
) -> None:
    label = ElidedLabel(HINT)
    qtbot.addWidget(label)
    label.resize(2000, 30)
    label.show()
    assert label.shown_text() == HINT
    label.resize(160, 30)
    shown = label.shown_text()
    assert shown.endswith("…") and HINT.startswith(shown[:-1])
    assert "&lt;b&gt;K&lt;/b&gt;" in label.toolTip()  # plain text, never rich text
    # Layouts may give it less than its text's width: it never widens the window.
    assert label.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Ignored
