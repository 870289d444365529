"""Whatever users type or import exports without error and reads back as typed (PITFALLS §2.1-2)."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from pmdesk.model.review import (
    Action,
    Event,
    EventKind,
    Factor,
    Impact,
    Layer,
    Metric,
    Note,
    NoteKind,
    Person,
    Review,
    WentWell,
)
from pmdesk.report import Audience, Format, render_report
from pmdesk.text import shown_text

ReadBack = Callable[[str, bytes], str]

HOSTILE = {
    "ampersand": "AT&T and R&D",
    "entities": "&#x110000; &#0; &amp;",
    "unclosed": "<b>bold never closed",
    "close only": "text</i>",
    "script": "<script>alert(1)</script>",
    "cdata": "<![CDATA[x]]>",
    "font tag": '<font size="200" color="red">HUGE</font>',
    "image tag": '<img src="/etc/passwd">',
    "link": '<a href="javascript:alert(1)">click</a>',
    "markdown": "*not emphasis* _x_ `code` [link](http://x) | pipe \\ backslash",
    "heading": "# not a heading",
    "list": "1. not a list",
    "controls": "a\x00b\x1b[31mred\x1b[0m\x0bc\x7fd",
    "lone surrogate": "cut emoji \ud83d here",
    "lines": "step 1\r\nstep 2\n\n   indented",
    "hebrew": "שלום עולם",
    "arabic": "مرحبا بالعالم",
    "cjk": "障害報告 サーバー 服务器",
    "korean": "서버 장애 보고서",
    "long word": "x" * 5000,
    "long paragraph": "The retry loop kept the pool busy. " * 200,
}


def squash(text: str) -> str:
    """Text without whitespace, nor the zero-width spaces Markdown sets to keep links inert."""
    return "".join(text.split()).replace("\u200b", "")


def readable(text: str) -> str:
    """What should come back: cleaned, and in PDFs Arabic letters in their shaped forms."""
    return squash(unicodedata.normalize("NFKC", shown_text(text)))


def hostile_review(text: str) -> Review:
    """A review with ``text`` in every field a person can type."""
    start = datetime(2026, 5, 6, 9, 30, tzinfo=UTC)
    return Review(
        id="r-hostile",
        title=text,
        severity=text,
        summary=text,
        narrative=f"{text}\n\n{text}",
        impact=Impact(description=text, metrics=(Metric(text, 3, text),)),
        services=(text, "orders-db"),
        timezone="Asia/Tokyo",
        started_at=start,
        resolved_at=start + timedelta(hours=1),
        people=(Person("p1", text, role=text, team=text),),
        events=(
            Event("e1", start, EventKind.ALERT, text, detail=text, knew=text, actor="p1"),
            Event("e2", start + timedelta(minutes=5), EventKind.MITIGATION, "Restarted", key=True),
        ),
        layers=(Layer("l1", text),),
        factors=(Factor("f1", "l1", text, category="third_party", third_party=True),),
        actions=(
            Action("a1", text, owner="p1", outcome=text, due=date(2026, 6, 1), factors=("f1",)),
        ),
        went_well=(WentWell("w1", text),),
        notes=(Note("n1", NoteKind.LUCKY, text), Note("n2", NoteKind.QUESTION, text)),
    )


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_exports_in_every_audience_and_reads_back(
    name: str, fmt: Format, read_back: ReadBack
) -> None:
    text = HOSTILE[name]
    review = hostile_review(text)
    for audience in Audience:
        data = render_report(review, audience, fmt)
        back = read_back(fmt, data)
        if fmt is Format.DOCX:
            # Word keeps the text exactly, line breaks included; only control characters go.
            assert shown_text(text).strip() in back, audience
        else:
            assert readable(text) in squash(unicodedata.normalize("NFKC", back)), audience


def test_control_characters_are_dropped_not_shown_as_boxes(read_back: ReadBack) -> None:
    review = hostile_review(HOSTILE["controls"])
    for fmt in Format:
        back = read_back(fmt, render_report(review, "short", fmt))
        assert "abredcd" in squash(back)
        assert "\x00" not in back and "\x1b" not in back and "■" not in back


def test_user_markup_never_becomes_pdf_links_images_or_fonts() -> None:
    text = " ".join(HOSTILE[k] for k in ("image tag", "link", "font tag", "script"))
    data = render_report(hostile_review(text), "engineering", "pdf")
    assert b"/URI" not in data
    reader = PdfReader(io.BytesIO(data))
    assert all(len(page.images) == 0 for page in reader.pages)


def test_line_breaks_survive_in_word_and_pdf(read_back: ReadBack) -> None:
    review = hostile_review("first line\nsecond line")
    assert "first line\nsecond line" in read_back("docx", render_report(review, "short", "docx"))
    assert "first line\nsecond line" in read_back("pdf", render_report(review, "short", "pdf"))


def test_a_cell_longer_than_a_page_splits_across_pages(read_back: ReadBack) -> None:
    giant = "The pool held stale connections. " * 600  # ~20 000 characters in one table cell
    review = hostile_review("short").replace(
        events=(Event("e1", datetime(2026, 5, 6, tzinfo=UTC), EventKind.NOTE, "t", detail=giant),)
    )
    data = render_report(review, "engineering", "pdf")
    assert len(PdfReader(io.BytesIO(data)).pages) > 5
    # The body text alone: the running header and the table's repeated header row come
    # between the two halves of a sentence that a page break splits.
    body = squash(read_back("pdf", data)).replace("TimeKindWhathappenedWhatweknewWho", "")
    assert body.count("Thepoolheldstaleconnections.") == 600


def test_right_to_left_title_reads_in_order_in_pdf(read_back: ReadBack) -> None:
    review = hostile_review("short").replace(title="גיבוי נכשל בשרת orders-db")
    back = read_back("pdf", render_report(review, "short", "pdf"))
    # Hebrew words keep their order; the Latin name sits at the line's left end, as a
    # right-to-left reader expects it.
    assert "orders-dbגיבוינכשלבשרת" in squash(back)


def _numbered_lines(pdf: bytes, marker: str) -> list[list[int]]:
    """The numbers of the words ``<n><marker>`` on each extracted line, top to bottom."""
    import re

    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for line in page.extract_text().splitlines():
            # pypdf gives the letters back in reading order and the shaped Arabic forms
            # as presentation forms (NFKC undoes them); each word's number sits at its left.
            plain = unicodedata.normalize("NFKC", line)
            numbers = [int(n) for n in re.findall(rf"(\d+) ?(?:{marker}|{marker[::-1]})", plain)]
            if numbers:
                found.append(numbers)
    return found


@pytest.mark.parametrize(
    ("word", "label", "count"),
    [("מילה", None, 120), ("كلمة", None, 120), ("מילה", "Note:", 120), ("מילה", None, 1500)],
)
def test_a_long_right_to_left_paragraph_keeps_its_lines_in_reading_order(
    word: str, label: str | None, count: int
) -> None:
    """Wrapped after reordering, line one would hold the paragraph's last words (RL-12).

    120 words make about seven lines; 1,500 run over pages, where reportlab splits
    the paragraph.
    """
    from pmdesk.report.document import Document, Paragraph, Properties
    from pmdesk.report.pdf_writer import render_pdf

    words = " ".join(f"{word}{n}" for n in range(1, count + 1))
    blocks = (Paragraph(words, label=label),)
    pdf = render_pdf(Document("t", "s", blocks, Properties("t", "s")))
    lines = _numbered_lines(pdf, word)
    assert len(lines) >= 4
    # Each line reads right to left (numbers fall from left to right), and each line
    # carries on where the line above it stopped.
    for numbers in lines:
        assert numbers == sorted(numbers, reverse=True)
    flat = [n for numbers in lines for n in reversed(numbers)]
    assert flat == list(range(1, count + 1))


def test_word_marks_right_to_left_paragraphs_and_only_those() -> None:
    """Word orders Hebrew letters itself, but the paragraph's direction is ours to set."""
    import zipfile
    from xml.etree import ElementTree

    from pmdesk.report.document import Document, Paragraph, Properties
    from pmdesk.report.docx_writer import render_docx

    blocks = (
        Paragraph("גיבוי נכשל בשרת orders-db."),
        Paragraph("The orders-db backup (גיבוי) failed."),
        Paragraph("Plain English."),
    )
    data = render_docx(Document("t", "s", blocks, Properties("t", "s")))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    marked = {}
    for para in ElementTree.fromstring(xml).iter(f"{w}p"):
        text = "".join(t.text or "" for t in para.iter(f"{w}t"))
        runs = list(para.iter(f"{w}r"))
        bidi = para.find(f"{w}pPr/{w}bidi") is not None
        rtl = bool(runs) and all(r.find(f"{w}rPr/{w}rtl") is not None for r in runs)
        marked[text] = (bidi, rtl)
    assert marked["גיבוי נכשל בשרת orders-db."] == (True, True)
    assert marked["The orders-db backup (גיבוי) failed."] == (False, False)
    assert marked["Plain English."] == (False, False)
