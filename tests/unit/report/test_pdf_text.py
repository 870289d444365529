"""The PDF text layer: what copy, search and screen readers get back from the drawn glyphs."""

from __future__ import annotations

import io

from pypdf import PdfReader

from pmdesk.report.document import Document, Heading, Paragraph, Properties
from pmdesk.report.pdf_text import to_unicode_cmap
from pmdesk.report.pdf_writer import render_pdf

EMOJI = "Fire 🔥 rocket 🚀 face 😀 ok ✅ done ✔"


def _emoji_pdf() -> bytes:
    document = Document(
        "Outage 🔥",
        "draft",
        (Heading("Launch 🚀"), Paragraph(EMOJI, label="Mood 😀")),
        Properties("Outage", "test"),
    )
    return render_pdf(document)


def test_emoji_beyond_the_basic_plane_read_back_as_themselves() -> None:
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(_emoji_pdf())).pages)
    for emoji in "🔥🚀😀✅✔":
        assert emoji in text
    # reportlab's own CMap turned U+1F525 into U+1F52 (ὒ) and U+1F680 into U+1F68.
    assert not any(0x1F00 <= ord(c) <= 0x1FFF for c in text)


def test_the_cmap_writes_supplementary_characters_as_utf16_pairs() -> None:
    cmap = to_unicode_cmap("F", [0x41, 0x1F525])
    assert "<00> <0041>" in cmap
    assert "<01> <D83DDD25>" in cmap
    assert "2 beginbfchar" in cmap
