"""User text to reportlab paragraph markup: escaped, with a glyph-fallback chain and RTL lines.

reportlab's ``Paragraph`` reads *markup*, so user text is cleaned and escaped
(PITFALLS RL-01…RL-10). It has no glyph fallback either (RL-11): we bundle DejaVu
Sans (Latin, Greek, Cyrillic, Hebrew, Arabic, many symbols), Droid Sans Fallback
(Chinese, Japanese), NanumGothic (Korean) and Symbola (monochrome emoji), and wrap
each run of characters in the first font that has them.

Right-to-left lines (RL-12) are reshaped and put in visual order with
``arabic-reshaper`` and ``python-bidi`` before wrapping. reportlab then wraps the
visual line left to right, so an RTL paragraph that needs several lines shows its
lines in the wrong order; single-line RTL text (titles, names, table cells,
short sentences) reads correctly.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from pmdesk.resources import resource
from pmdesk.text import clean_text

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
# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms,
# plus the historic right-to-left scripts beyond the BMP.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


@dataclass(frozen=True, slots=True)
class _Chain:
    """Fonts in fallback order with the code points each one can draw."""

    names: tuple[str, ...]
    covers: tuple[frozenset[str], ...]

    def font_for(self, char: str) -> str | None:
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


def has_glyph(char: str) -> bool:
    """Whether some bundled font can draw this character."""
    return char.isspace() or register_fonts().font_for(char) is not None


def visual_order(line: str) -> str:
    """A line with right-to-left script shaped and reordered for left-to-right drawing."""
    if not _RTL.search(line):
        return line
    from arabic_reshaper import reshape
    from bidi import get_display

    shown: str = get_display(reshape(line))
    return shown


def markup(text: str) -> str:
    """Paragraph markup that draws ``text`` literally, line breaks kept."""
    chain = register_fonts()
    lines = clean_text(text).split("\n")
    return "<br/>".join(_line_markup(chain, visual_order(line)) for line in lines)


def _line_markup(chain: _Chain, line: str) -> str:
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
    if font is None:
        return escape(run)
    return f'<font name="{font}">{escape(run)}</font>'
