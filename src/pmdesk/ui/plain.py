"""User text in places where Qt would otherwise guess rich text (tooltips).

Qt's tooltips run ``mightBeRichText`` on their text, so a title such as
``<b>`` or ``<img src=…>`` would render as HTML and load the image from disk
(PITFALLS QT-01/02). Wrapping the text with ``convertFromPlainText`` escapes it.
Labels get ``Qt.TextFormat.PlainText``; canvas text is painted or set as plain text.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` literally, line breaks kept.

    The one way pmdesk sets a tooltip (a test holds every ``setToolTip`` in
    ``pmdesk.ui`` to it). Normal white space lets a long factor's text wrap;
    Qt's default (``WhiteSpacePre``) would keep it on one screen-wide line.
    """
    return str(QtGui.Qt.convertFromPlainText(text, QtCore.Qt.WhiteSpaceMode.WhiteSpaceNormal))


class ElidedLabel(QtWidgets.QLabel):
    """One line of plain text that ends in "…" when it gets less room than it needs.

    For hints beside buttons: they give way on narrow windows (their size policy
    ignores their width) and say so, instead of being cut in the middle of a word.
    The whole text stays in the tooltip.
    """

    def __init__(self, text: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Preferred
        )
        self.setToolTip(plain_tooltip(text))

    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return self.fontMetrics().elidedText(
            self.text(), QtCore.Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(
            self.contentsRect(),
            int(self.alignment() | QtCore.Qt.AlignmentFlag.AlignVCenter),
            self.shown_text(),
        )
