"""Text hygiene: clean_text makes any text safe for SQLite, XML, Word and PDF (DX-01, DX-02)."""

from __future__ import annotations

import io
import unicodedata

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.text import clean_optional, clean_text, one_line

HOSTILE = ["\x00", "\x0b", "\x0c", "\x1b[31m", "\x1b[0m", "\x1b", "\x7f", "\x9b", "\r\n", "\r"]
HOSTILE += [
    "\ud800",
    "\udfff",
    "\ud83d",
    "\ufffe",
    "\uffff",
    "\u202e",
    "مرحبا",
    "👩\u200d💻",
    "<&>",
]
any_text = st.lists(
    st.one_of(st.characters(exclude_categories=()), st.sampled_from(HOSTILE)), max_size=30
).map("".join)


def xml_legal(char: str) -> bool:
    code = ord(char)
    return (
        char in "\t\n\r"
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


@settings(max_examples=300)
@given(any_text)
def test_clean_text_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


@settings(max_examples=300)
@given(any_text)
def test_clean_text_is_xml_safe_and_utf8_encodable(text: str) -> None:
    cleaned = clean_text(text)
    cleaned.encode("utf-8")
    assert all(xml_legal(char) for char in cleaned)
    assert "\r" not in cleaned and "\x1b" not in cleaned


@settings(max_examples=60, deadline=None)
@given(any_text)
def test_python_docx_accepts_cleaned_text(text: str) -> None:
    cleaned = clean_text(text)
    document = docx.Document()
    document.add_paragraph(cleaned)
    document.add_table(rows=1, cols=1).cell(0, 0).text = cleaned
    document.core_properties.title = cleaned[:255]
    document.save(io.BytesIO())


@settings(max_examples=300)
@given(any_text)
def test_clean_text_keeps_every_ordinary_character(text: str) -> None:
    """Only controls, ANSI escapes, surrogates and non-characters change; nothing else is lost."""
    ordinary = "".join(
        c
        for c in text
        if (xml_legal(c) and c != "\r" and unicodedata.category(c) != "Cc") or c in "\t\n"
    )
    assert clean_text(ordinary) == ordinary


def test_examples() -> None:
    assert clean_text("\x1b[1;31mERROR\x1b[0m disk full") == "ERROR disk full"
    assert clean_text("line one\r\nline two\rline three") == "line one\nline two\nline three"
    assert clean_text("cut emoji \ud83d here") == "cut emoji \ufffd here"
    assert clean_text("a\x00b\x0bc\x7fd\x85e") == "abcde"
    assert clean_text("\tindent\n") == "\tindent\n"
    assert clean_text("שלום مرحبا 👩‍💻 <b>&</b>") == "שלום مرحبا 👩‍💻 <b>&</b>"
    assert clean_text("") == ""


def test_clean_optional_turns_blank_into_none() -> None:
    assert clean_optional(None) is None
    assert clean_optional(" \x00\n ") is None
    assert clean_optional(" kept ") == " kept "


@given(any_text, st.integers(2, 300))
def test_one_line_is_one_line_within_the_limit(text: str, limit: int) -> None:
    flat = one_line(text, limit)
    assert len(flat) <= limit
    assert not any(c in flat for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
