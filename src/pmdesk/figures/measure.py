"""How big a piece of text will be, asked by layouts that must not import Qt.

Layouts take a ``TextMeasure``; the painters pass one backed by Qt's font
metrics (``pmdesk.figures.qt_text.QtTextMeasure``) so boxes fit the drawn text
exactly, and unit tests use ``ApproxMeasure``, which needs no display.
"""

from __future__ import annotations

from typing import Protocol

#: Longer text is cut before it is measured or drawn: a 100,000-character word
#: would otherwise cost seconds of layout for a box that shows six lines.
MAX_TEXT = 2000


class TextMeasure(Protocol):
    def width(self, text: str, px: float, *, bold: bool = False) -> float:
        """Width of ``text`` on one line at font size ``px``."""
        ...

    def line_height(self, px: float) -> float:
        """Distance between two baselines at font size ``px``."""
        ...

    def wrapped_lines(self, text: str, width: float, px: float, *, bold: bool = False) -> int:
        """Number of lines ``text`` takes when wrapped to ``width``."""
        ...


class ApproxMeasure:
    """A display-free estimate: every character is ``char_em`` of the font size wide.

    Wrapping follows words and breaks words longer than a line, as Qt's
    ``WrapAtWordBoundaryOrAnywhere`` does.
    """

    def __init__(self, char_em: float = 0.6, bold_em: float = 0.66, leading: float = 1.2) -> None:
        """Widths in ems per character, bold a little wider; no font is ever loaded."""
        self._char_em = char_em
        self._bold_em = bold_em
        self._leading = leading

    def width(self, text: str, px: float, *, bold: bool = False) -> float:
        return len(text[:MAX_TEXT]) * px * (self._bold_em if bold else self._char_em)

    def line_height(self, px: float) -> float:
        return px * self._leading

    def wrapped_lines(self, text: str, width: float, px: float, *, bold: bool = False) -> int:
        """Lines after greedy word wrap, long words broken across lines as Qt does."""
        per_line = max(1, int(width // (px * (self._bold_em if bold else self._char_em))))
        lines = 0
        for paragraph in text[:MAX_TEXT].split("\n"):
            used = 0
            lines += 1
            for word in paragraph.split():
                size = len(word)
                if used and used + 1 + size <= per_line:
                    used += 1 + size
                    continue
                if used:
                    lines += 1
                while size > per_line:
                    lines += 1
                    size -= per_line
                used = size
        return lines
