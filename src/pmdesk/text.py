"""Text hygiene at the boundary: what users type or import is stored clean.

Chat exports carry ANSI escapes, NULs and lone surrogates; python-docx, reportlab
and SQLite each fail on a different subset of them (PITFALLS DX-01, DX-02, IM-09,
RL-09). Cleaning once, when text enters the library, keeps every later step simple.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, the C1 range, non-characters and surrogates.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")


def clean_text(text: str) -> str:
    """Return text safe for SQLite, XML, Word and PDF, keeping line breaks and tabs.

    ANSI colour sequences are removed whole; other control characters are dropped;
    lone surrogates become U+FFFD so the reader sees that something was there.
    The function is idempotent: clean_text(clean_text(s)) == clean_text(s).
    """
    if not text:
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ANSI.sub("", text)
    return _ILLEGAL.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    char = match.group(0)
    return "\ufffd" if "\ud800" <= char <= "\udfff" or char in "\ufffe\uffff" else ""


# Directional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the
# zero-width space, word joiner and BOM. ZWJ and ZWNJ stay: emoji sequences, Persian
# and Indic scripts need them; so do the LRM and RLM marks, which reach only their
# neighbours.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def shown_text(text: str) -> str:
    """clean_text, without the invisible characters that change how the text around them reads.

    A right-to-left override (U+202E) in a factor reverses the rest of its line in
    Word and Markdown; a zero-width space hides inside a word and breaks search.
    Every report format (PDF, Word, Markdown, the plain-text preview) shows text
    through this one function, so they agree on what the reader sees.
    """
    if not text:
        return text
    return _INVISIBLE.sub("", clean_text(text))


def clean_optional(text: str | None) -> str | None:
    """clean_text for optional fields; empty or blank text becomes None."""
    if text is None:
        return None
    cleaned = clean_text(text)
    return cleaned if cleaned.strip() else None


def one_line(text: str, limit: int = 200) -> str:
    """Collapse text to one line of at most ``limit`` characters, for titles and tooltips."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms,
# plus the historic right-to-left scripts beyond the BMP.
_RTL = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left script (Hebrew, Arabic, …)."""
    return _RTL.search(text) is not None


def base_direction(text: str) -> str:
    """'R' when the first strong character is right-to-left, else 'L' (UAX #9 P2-P3).

    A report sets a paragraph flush right and right to left when it is 'R'.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "R"
        if kind == "L":
            return "L"
    return "L"
