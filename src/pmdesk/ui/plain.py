"""User text in places where Qt would otherwise guess rich text (tooltips).

Qt's tooltips run ``mightBeRichText`` on their text, so a title such as
``<b>`` or ``<img src=…>`` would render as HTML (PITFALLS QT-01/02). Wrapping
the text with ``convertFromPlainText`` escapes it.
"""

from __future__ import annotations

from PySide6 import QtGui


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally, line breaks kept."""
    return str(QtGui.Qt.convertFromPlainText(text))
