"""Table column widths from their content, shared by the PDF and Word writers.

A table's ``widths`` are only the author's preferred shares. A column must be at
least as wide as its widest word, so that names ("Featherstonehaugh"), statuses
("In progress") and tracker keys ("RELENG-10432") never break inside a word;
a column of short values needs no more than its longest line, and gives the rest
to the columns that wrap prose.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pmdesk.report.document import Table
from pmdesk.resources import resource

#: Measures a piece of text, bold or not, in the writer's unit (points).
Measure = Callable[[str, bool], float]

#: No column claims more than this share of the width just to keep one word whole (a URL).
_WORD_CAP = 0.4
#: A value this short (a date, a status, "No owner yet") is kept on one line, as one unit.
_WHOLE_CHARS = 12


def column_widths(table: Table, total: float, measure: Measure, padding: float) -> list[float]:
    """Widths that add up to ``total``: each between its widest word and its longest line.

    Within those bounds columns keep the proportions of ``table.widths``. When
    even the widest words do not fit side by side, every column gets its share of
    its word width and a long word breaks (the width is not there to be had).
    """
    count = len(table.columns)
    shares = list(table.widths or (1.0,) * count)
    low = [0.0] * count
    high = [0.0] * count
    words = _WordWidths(measure)
    for column in range(count):
        cells = [(table.columns[column], True)]
        cells += [
            (row[column], column == table.titled_column) for row in table.rows if column < len(row)
        ]
        for text, titled in cells:
            for number, line in enumerate(text.split("\n")):
                bold = titled and number == 0
                width, widest = words.line(line, bold)
                high[column] = max(high[column], width)
                if len(line.strip()) <= _WHOLE_CHARS:
                    low[column] = max(low[column], width)
                low[column] = max(low[column], widest)
        low[column] = min(low[column], total * _WORD_CAP) + padding
        high[column] = max(high[column] + padding, low[column])
    if sum(low) >= total:
        return [total * w / sum(low) for w in low]
    return _fill(total, shares, low, high)


class _WordWidths:
    """Line widths as the sum of their words: a long timeline repeats the same words.

    Measuring every line and word of 100,000 events took longer than laying out
    the pages; a word is measured once, and a line is its words and spaces (the
    bundled font has no kerning, so the sum is the width).
    """

    def __init__(self, measure: Measure) -> None:
        self._measure = measure
        self._known: dict[tuple[str, bool], float] = {}

    def line(self, line: str, bold: bool) -> tuple[float, float]:
        """The width of the line and of its widest word."""
        parts = line.split(" ")
        words = line.split()
        if parts != words:  # other spaces than single ones between words: measure it whole
            whole = self._width(line, bold)
            return whole, max((self._width(word, bold) for word in words), default=0.0)
        widths = [self._width(word, bold) for word in parts]
        return sum(widths) + self._width(" ", bold) * (len(parts) - 1), max(widths)

    def _width(self, text: str, bold: bool) -> float:
        key = (text, bold)
        width = self._known.get(key)
        if width is None:
            width = self._known[key] = self._measure(text, bold)
        return width


def _fill(total: float, shares: list[float], low: list[float], high: list[float]) -> list[float]:
    """Proportional widths clamped to [low, high], fixing the clamped columns in turn."""
    fixed: dict[int, float] = {}
    while True:
        free = [n for n in range(len(shares)) if n not in fixed]
        if not free:
            break
        room = total - sum(fixed.values())
        weight = sum(shares[n] for n in free) or 1.0
        want = {n: room * shares[n] / weight for n in free}
        narrow = {n: low[n] for n in free if want[n] < low[n]}
        wide = {n: high[n] for n in free if want[n] > high[n]}
        if narrow:
            fixed.update(narrow)
        elif wide:
            fixed.update(wide)
        else:
            fixed.update(want)
            break
    widths = [fixed[n] for n in range(len(shares))]
    spare = total - sum(widths)
    if spare > 0.01:  # every column reached its longest line: share out what is left
        weight = sum(shares) or 1.0
        widths = [w + spare * s / weight for w, s in zip(widths, shares, strict=True)]
    return widths


@functools.cache
def _face(bold: bool) -> Any:
    """DejaVu Sans, the family both writers set tables in, loaded for its metrics only.

    Not registered with reportlab: the Word writer measures without paying for the
    PDF's whole fallback chain.
    """
    from reportlab.pdfbase.ttfonts import TTFont

    file_name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resource("fonts", file_name).open("rb") as handle:
        return TTFont(f"PmdeskMeasure{'Bold' if bold else ''}", handle)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of one line of text in DejaVu Sans at ``size`` points, in points."""
    return float(_face(bold).stringWidth(text, size))
