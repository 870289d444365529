"""Plain text on a QPainter: fonts, measuring, wrapping and eliding.

User text is never handed to anything that guesses at rich text (PITFALLS
QT-01..QT-06): it is laid out with ``QTextLayout``, which only knows plain
text, wrapped at word boundaries (or anywhere, for a very long word) and
elided with "…" on the last line that fits. Measuring and drawing share one
code path, so the boxes a layout sizes with ``QtTextMeasure`` fit the drawing.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from pmdesk.figures.measure import MAX_TEXT
from pmdesk.figures.style import FigureStyle


def font(families: tuple[str, ...], px: float, bold: bool = False) -> QFont:
    """A font at a pixel size, so figures look the same whatever the screen's DPI.

    Returns a copy (cheap: QFont is implicitly shared), so a caller that
    changes it cannot change the cached one.
    """
    return QFont(_font(families, px, bold))


@lru_cache(maxsize=64)
def _font(families: tuple[str, ...], px: float, bold: bool) -> QFont:
    """The cached font; callers get copies through font() so none can change it."""
    result = QFont()
    result.setFamilies(list(families))
    result.setPixelSize(max(1, round(px)))
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    result.setStyleHint(QFont.StyleHint.SansSerif)
    return result


@lru_cache(maxsize=64)
def _metrics(families: tuple[str, ...], px: float, bold: bool) -> QFontMetricsF:
    """Metrics cached per font, as layouts measure many strings in a row."""
    return QFontMetricsF(font(families, px, bold))


def line_spacing(qfont: QFont) -> float:
    """Baseline-to-baseline distance, the same number ``QtTextMeasure.line_height`` gives."""
    return QFontMetricsF(qfont).lineSpacing()


def _prepare(text: str) -> str:
    """Text as QTextLayout wants it, clipped to MAX_TEXT and with newlines as line separators."""
    # QTextLayout breaks lines only at U+2028; a raw newline would draw as a box.
    return text[:MAX_TEXT].replace("\r\n", "\n").replace("\n", "\u2028")


def _wrap_option(align: Qt.AlignmentFlag) -> QTextOption:
    """Wrap at words, or anywhere when a word is wider than the line."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    option.setAlignment(align)
    return option


class QtTextMeasure:
    """A ``TextMeasure`` backed by Qt's font metrics for one style's fonts."""

    def __init__(self, style: FigureStyle) -> None:
        self._families = style.font_families

    def width(self, text: str, px: float, *, bold: bool = False) -> float:
        """The advance Qt would draw the text with, so layout and painting agree."""
        return _metrics(self._families, px, bold).horizontalAdvance(_prepare(text))

    def line_height(self, px: float) -> float:
        """Line spacing of the regular font, used for bold lines too."""
        return _metrics(self._families, px, False).lineSpacing()

    def wrapped_lines(self, text: str, width: float, px: float, *, bold: bool = False) -> int:
        """Lines the text takes when Qt wraps it to width: the count painting will draw."""
        layout = QTextLayout(_prepare(text), font(self._families, px, bold))
        layout.setTextOption(_wrap_option(Qt.AlignmentFlag.AlignLeft))
        layout.beginLayout()
        count = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(width, 1.0))
            count += 1
        layout.endLayout()
        return max(count, 1)


def draw_text(
    painter: QPainter,
    rect: QRectF,
    text: str,
    qfont: QFont,
    color: str | QColor,
    *,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    middle: bool = False,
) -> int:
    """Draw plain ``text`` wrapped inside ``rect``; the last line that fits is elided.

    At least one line is drawn, even in a rect shorter than a line. ``middle``
    centres the block vertically. Returns the number of lines drawn.
    """
    text = _prepare(text)
    if not text or rect.width() <= 1:
        return 0
    metrics = QFontMetricsF(qfont)
    line_h = metrics.lineSpacing()
    fits = max(1, int((rect.height() + 0.5) // line_h))
    layout = QTextLayout(text, qfont)
    layout.setTextOption(_wrap_option(Qt.AlignmentFlag.AlignLeft))
    layout.beginLayout()
    lines: list[QTextLine] = []
    while len(lines) < fits + 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        lines.append(line)
    layout.endLayout()
    shown = min(len(lines), fits)
    top = rect.top()
    if middle:
        top += max(0.0, (rect.height() - shown * line_h) / 2)
    painter.save()
    painter.setPen(QColor(color))
    painter.setFont(qfont)
    for n in range(shown):
        line = lines[n]
        y = top + n * line_h
        last = n == shown - 1 and len(lines) > shown
        if last:
            rest = text[line.textStart() :].replace("\u2028", " ")
            body = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, rect.width())
            width = metrics.horizontalAdvance(body)
        else:
            body = ""
            width = line.naturalTextWidth()
        x = rect.left() + _indent(align, rect.width(), width)
        if last:
            painter.drawText(QPointF(x, y + metrics.ascent()), body)
        else:
            line.draw(painter, QPointF(x - line.x(), y - line.y()))
    painter.restore()
    return shown


def _indent(align: Qt.AlignmentFlag, room: float, width: float) -> float:
    """How far to shift a line of width in room to honour the horizontal alignment."""
    if align & Qt.AlignmentFlag.AlignHCenter:
        return max(0.0, (room - width) / 2)
    if align & Qt.AlignmentFlag.AlignRight:
        return max(0.0, room - width)
    return 0.0


def draw_line_of_text(
    painter: QPainter,
    point: QPointF,
    text: str,
    qfont: QFont,
    color: str | QColor,
    *,
    max_width: float,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> float:
    """One elided line with its top-left (or top-centre) at ``point``; returns its width."""
    metrics = QFontMetricsF(qfont)
    body = metrics.elidedText(
        _prepare(text).replace("\u2028", " "), Qt.TextElideMode.ElideRight, max(max_width, 1.0)
    )
    width = metrics.horizontalAdvance(body)
    x = point.x()
    if align & Qt.AlignmentFlag.AlignHCenter:
        x -= width / 2
    elif align & Qt.AlignmentFlag.AlignRight:
        x -= width
    painter.save()
    painter.setPen(QColor(color))
    painter.setFont(qfont)
    painter.drawText(QPointF(x, point.y() + metrics.ascent()), body)
    painter.restore()
    return width
