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
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QTextLayout,
    QTextLine,
    QTextOption,
)

from pmdesk.figures.measure import MAX_TEXT
from pmdesk.figures.style import FigureStyle
from pmdesk.resources import read_bytes

#: A word too wide for its line may shrink the font to this share of its size.
WORD_SHRINK = 0.75
#: Bundled fonts Qt falls back to for what the system fonts lack: emoji (monochrome).
_FALLBACK_FONTS = ("Symbola_hint.ttf",)


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
    result.setFamilies([*families, *_fallback_families()])
    result.setPixelSize(max(1, round(px)))
    result.setWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    result.setStyleHint(QFont.StyleHint.SansSerif)
    return result


_registered: list[str] | None = None


def _fallback_families() -> tuple[str, ...]:
    """Register the bundled fallback fonts with Qt once; their family names.

    Without them an emoji in a factor draws as an empty box on machines
    that have no emoji font (most servers and many Linux desktops).
    """
    global _registered
    if _registered is None:
        if QGuiApplication.instance() is None:
            return ()  # no font database yet; try again once the application exists
        _registered = []
        for file_name in _FALLBACK_FONTS:
            font_id = QFontDatabase.addApplicationFontFromData(read_bytes("fonts", file_name))
            if font_id >= 0:
                _registered += QFontDatabase.applicationFontFamilies(font_id)
    return tuple(_registered)


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
    """Wrap only between words: a word is never split across lines."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
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
        return max(len(line_texts(text, font(self._families, px, bold), width)), 1)


def line_texts(text: str, qfont: QFont, width: float) -> list[str]:
    """The lines ``draw_text`` breaks the text into at ``width`` (before any eliding)."""
    prepared = _prepare(text)
    layout = QTextLayout(prepared, fit_words(text, qfont, width))
    layout.setTextOption(_wrap_option(Qt.AlignmentFlag.AlignLeft))
    layout.beginLayout()
    lines: list[str] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(width, 1.0))
        lines.append(prepared[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def fit_words(text: str, qfont: QFont, width: float) -> QFont:
    """``qfont``, or a smaller copy (down to ``WORD_SHRINK``) so the text's widest word fits.

    Measuring and drawing both call this, so a hole is sized for the font it is drawn in.
    """
    words = _prepare(text).replace("\u2028", " ").split()
    if not words:
        return qfont
    px = qfont.pixelSize()
    widest = max(QFontMetricsF(qfont).horizontalAdvance(w) for w in words)
    if widest <= width or px <= 1:
        return qfont
    smaller = QFont(qfont)
    smaller.setPixelSize(max(1, int(max(px * WORD_SHRINK, px * width / widest))))
    return smaller


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
    """Draw plain ``text`` wrapped between words inside ``rect``; the last line that fits is elided.

    At least one line is drawn, even in a rect shorter than a line. A line wider
    than the rect (one long word) is elided at its end. ``middle`` centres the
    block vertically. Returns the number of lines drawn.
    """
    text = _prepare(text)
    if not text or rect.width() <= 1:
        return 0
    qfont = fit_words(text, qfont, rect.width())
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
        if last or line.naturalTextWidth() > rect.width() + 0.5:
            end = len(text) if last else line.textStart() + line.textLength()
            rest = text[line.textStart() : end].replace("\u2028", " ").rstrip()
            body = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, rect.width())
            width = metrics.horizontalAdvance(body)
        else:
            body = ""
            width = line.naturalTextWidth()
        x = rect.left() + _indent(align, rect.width(), width)
        if body:
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
