"""User text to reportlab paragraph markup: escaped, with a glyph-fallback chain and RTL lines.

reportlab's ``Paragraph`` reads *markup*, so user text is cleaned and escaped
(PITFALLS RL-01…RL-10). It has no glyph fallback either (RL-11): we bundle DejaVu
Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, many symbols), Droid Sans Fallback
(Chinese, Japanese), NanumGothic (Korean) and Symbola (monochrome emoji), and wrap
each run of characters in the first font that has them.

Right-to-left text (RL-12) is reshaped and put in visual order with
``arabic-reshaper`` and ``python-bidi``. reportlab wraps a line left to right
after that, which would put the lines of a long Hebrew or Arabic paragraph in the
wrong order, so ``BidiParagraph`` wraps the *logical* text to the width it is
given first and reorders each line after (Unicode's own order: UAX #9, L1-L2).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as RLParagraph

from pmdesk.resources import resource
from pmdesk.text import base_direction, has_rtl, shown_text

log = logging.getLogger(__name__)

SANS = "PmdeskSans"
SANS_BOLD = "PmdeskSans-Bold"
CJK = "PmdeskCJK"
HANGUL = "PmdeskHangul"
SYMBOLS = "PmdeskSymbols"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    HANGUL: "NanumGothic.ttf",
    SYMBOLS: "Symbola_hint.ttf",
}
#: The fallback order; the paragraph's own font (regular or bold DejaVu) comes first.
CHAIN = (SANS, CJK, HANGUL, SYMBOLS)


@dataclass(frozen=True, slots=True)
class _Chain:
    """Fonts in fallback order with the code points each one can draw."""

    names: tuple[str, ...]
    covers: tuple[frozenset[str], ...]

    def font_for(self, char: str) -> str | None:
        """The first font that can draw the character, or None when none of them can."""
        for name, cover in zip(self.names, self.covers, strict=True):
            if char in cover:
                return name
        return None


@functools.cache
def register_fonts() -> _Chain:
    """Register the bundled fonts with reportlab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    _fix_to_unicode()
    fonts = {}
    for name, file_name in _FILES.items():
        with resource("fonts", file_name).open("rb") as handle:
            fonts[name] = TTFont(name, handle)
        pdfmetrics.registerFont(fonts[name])
    # Bold runs of fallback text stay in the one weight we ship rather than failing.
    for bold, italic, face in ((0, 0, SANS), (1, 0, SANS_BOLD), (0, 1, SANS), (1, 1, SANS_BOLD)):
        addMapping(SANS, bold, italic, face)
        for fallback in CHAIN[1:]:
            addMapping(fallback, bold, italic, fallback)
    return _Chain(
        names=CHAIN,
        covers=tuple(frozenset(map(chr, fonts[name].face.charToGlyph)) for name in CHAIN),
    )


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """A ToUnicode CMap that names characters beyond U+FFFF as UTF-16 pairs.

    reportlab 5 writes ``<%04X>``, so 🔥 (U+1F525) became ``<1F525>``, which a PDF
    reader takes as U+1F52 (ὒ): the glyph was right, copy and search were wrong.
    """
    pairs = [
        f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
        for code, value in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *pairs,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def _fix_to_unicode() -> None:
    """Have reportlab's font subsets use ``to_unicode_cmap`` (it looks the name up per font)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap


def has_glyph(char: str) -> bool:
    """Whether some bundled font can draw this character."""
    return char.isspace() or register_fonts().font_for(char) is not None


def visual_order(line: str, base: str | None = None) -> str:
    """A line with right-to-left script shaped and reordered for left-to-right drawing.

    ``base`` ('L' or 'R') is the paragraph's direction when the line is one of
    several; alone, a line takes the direction of its first strong character.
    """
    if not has_rtl(line):
        return line
    from arabic_reshaper import reshape
    from bidi import get_display

    shown: str = get_display(reshape(line), base_dir=base) if base else get_display(reshape(line))
    return shown


def wrap_logical(text: str, width: float, font: str, size: float) -> list[tuple[int, str]]:
    """Greedy word wrap in reading order: (index of the source line, text of the line).

    Words are measured shaped (Arabic letters join inside a word) in ``font``;
    a word wider than the line gets a line of its own and reportlab breaks it.
    """
    from arabic_reshaper import reshape

    def shaped(word: str) -> float:
        return stringWidth(reshape(word), font, size) if word else 0.0

    space = stringWidth(" ", font, size)
    return [
        (index, line)
        for index, source in enumerate(text.split("\n"))
        for line in greedy_lines(source.split(" "), width, shaped, space)
    ]


def greedy_lines(
    words: Sequence[str], room: float, width_of: Callable[[str], float], space: float
) -> list[str]:
    """Words joined into lines at spaces, each as full as ``room`` allows, as a Paragraph does.

    A word wider than ``room`` gets a line of its own; callers that cannot
    draw that check for it first.
    """
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        wide = width_of(word)
        if line and used + space + wide > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + wide
        line.append(word)
    lines.append(" ".join(line))
    return lines


class BidiParagraph(RLParagraph):  # type: ignore[misc]
    """A Paragraph whose right-to-left lines are wrapped before they are reordered.

    ``label`` is a bold lead-in (the model's labels are our own English words);
    ``bold_first`` makes the first source line bold, like a table cell's title.
    The markup is rebuilt whenever reportlab asks for a new width; the pieces a
    page break splits off are plain Paragraphs of lines already in order.
    """

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: str | None = None,
        frags: Any = None,
        *,
        logical: str | None = None,
        label: str | None = None,
        bold_first: bool = False,
    ) -> None:
        """Keep the logical text, so lines can be wrapped in reading order before reordering."""
        self._logical = shown_text(logical) if logical is not None else None
        self._label = shown_text(label) if label else None
        self._bold_first = bold_first
        self._wrapped_width: float | None = None
        if self._logical is not None:
            text = self._build(None, style)
        super().__init__(text, style, bulletText=bulletText, frags=frags)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Rebuild the visual lines only when the width changes, as ReportLab calls wrap often."""
        if self._logical is not None:
            width = availWidth - self.style.leftIndent - self.style.rightIndent
            if width != self._wrapped_width and width > 0:
                self._wrapped_width = width
                bullet = self.bulletText
                RLParagraph.__init__(self, self._build(width, self.style), self.style, bullet)
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        return size

    def _build(self, width: float | None, style: ParagraphStyle | None) -> str:
        """Markup for the text: wrapped logically, each line reordered, right-aligned if RTL."""
        assert self._logical is not None
        label = self._label
        whole = f"{label} {self._logical}" if label else self._logical
        base = base_direction(whole)
        if style is not None and base == "R" and style.alignment == TA_LEFT:
            self.style = style = _right_aligned(style)
        font, size = (style.fontName, style.fontSize) if style is not None else (SANS, 10)
        if width is None:
            lines = list(enumerate(whole.split("\n")))
        else:
            lines = wrap_logical(whole, width * 0.98, font, size)
        chain = register_fonts()
        out: list[str] = []
        for number, (source, line) in enumerate(lines):
            shown = _line_markup(chain, visual_order(line, base))
            if self._bold_first and source == 0:
                shown = f"<b>{shown}</b>"
            elif label and number == 0 and not has_rtl(label):
                head = escape(label)
                at = shown.find(head)
                if at >= 0:
                    shown = f"{shown[:at]}<b>{head}</b>{shown[at + len(head) :]}"
            out.append(shown)
        return "<br/>".join(out)


def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    """The same style set flush right, as a right-to-left reader expects a paragraph."""
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


def markup(text: str) -> str:
    """Paragraph markup that draws ``text`` literally, line breaks kept."""
    chain = register_fonts()
    lines = shown_text(text).split("\n")
    return "<br/>".join(_line_markup(chain, visual_order(line)) for line in lines)


def _line_markup(chain: _Chain, line: str) -> str:
    """A line as runs of fonts that can draw each character; glyphs no font has are logged."""
    if chain.covers[0].issuperset(line):
        return escape(line)
    parts: list[str] = []
    run: list[str] = []
    current: str | None = None  # None: the paragraph's own font (regular or bold)
    missing: set[str] = set()
    for char in line:
        font = chain.font_for(char)
        if font == chain.names[0] or char.isspace():
            font = current if char.isspace() else None
        elif font is None:
            missing.add(char)
        if font != current and run:
            parts.append(_run_markup(current, "".join(run)))
            run = []
        current = font
        run.append(char)
    if run:
        parts.append(_run_markup(current, "".join(run)))
    if missing:
        log.info("no bundled font has %s", ", ".join(f"U+{ord(c):04X}" for c in sorted(missing)))
    return "".join(parts)


def _run_markup(font: str | None, run: str) -> str:
    """One run in its fallback font, or in the paragraph's own font when None."""
    if font is None:
        return escape(run)
    return f'<font name="{font}">{escape(run)}</font>'
