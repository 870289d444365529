"""Reports a leader or a neighbouring team can trust at a glance (issue 16).

Three realistic reviews (the shipped sample, an 18-hour outage, a small fix) are
rendered and read back: page count and page 1 via pypdf, whole words via the PDF
text layer and the Word XML, rows kept whole, real dates, bundled fonts, and the
same hygiene for invisible characters in every format.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader
from tests.unit.report.realistic import long_outage, small_fix

from pmdesk.clock import format_day
from pmdesk.model.review import Review
from pmdesk.report import Audience, Figures, Format, build_document, render_report
from pmdesk.report.audiences import STATUS_WORDS
from pmdesk.report.document import Table
from pmdesk.report.docx_writer import FONT
from pmdesk.report.layout import text_width
from pmdesk.report.markdown import escape_markdown
from pmdesk.store.sample import sample_review

ReadBack = Callable[[str, bytes], str]
REVIEWS: dict[str, Callable[[], Review]] = {
    "sample": sample_review,
    "long_outage": long_outage,
    "small_fix": small_fix,
}


def squash(text: str) -> str:
    return "".join(text.split())


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize("name", list(REVIEWS))
def test_leaders_read_what_why_and_what_we_will_do_on_page_one(name: str, figures: Figures) -> None:
    review = REVIEWS[name]()
    text = pages(render_report(review, Audience.LEADERSHIP, Format.PDF, figures))
    assert len(text) <= 2
    first = squash(text[0])
    for heading in ("What happened", "Impact on customers and the business", "Why it happened"):
        assert squash(heading) in first
    assert squash("What we will do") in first
    for action in review.actions:
        assert squash(action.text) in first, action.id
        assert squash(review.person_name(action.owner) or "No owner yet") in first
        assert squash(format_day(action.due) if action.due else "No date yet") in first
    if review.impact:
        for metric in review.impact.metrics:
            assert squash(metric.name) in first
    if review.key_moments():
        # The key moments come after the plan.
        assert squash("Key moments") not in first or first.index(
            squash("What we will do")
        ) < first.index(squash("Key moments"))


def _whole_words(review: Review) -> set[str]:
    """Words that must never break: names, statuses, tracker keys, event kinds."""
    words = {w for p in review.people for w in p.name.split()}
    words |= {w for status in STATUS_WORDS.values() for w in status.split()}
    words |= {a.tracker_ref for a in review.actions if a.tracker_ref}
    words |= {"Communication", "Investigation", "Tracker", "Status"}
    return words


@pytest.mark.parametrize("audience", [Audience.ENGINEERING, Audience.LEADERSHIP, Audience.ADJACENT])
@pytest.mark.parametrize("name", list(REVIEWS))
def test_names_statuses_and_tracker_keys_never_break_inside_a_word_in_pdf(
    name: str, audience: Audience
) -> None:
    review = REVIEWS[name]()
    lines = "\n".join(pages(render_report(review, audience, Format.PDF)))
    for word in _whole_words(review):
        if squash(word) in squash(lines):  # shown in this report at all
            assert word in lines, word


@pytest.mark.parametrize("name", list(REVIEWS))
def test_word_table_columns_hold_their_widest_word(name: str) -> None:
    """Read from the XML: each grid column is wider than the widest word in it."""
    review = REVIEWS[name]()
    document = build_document(review, Audience.ENGINEERING)
    tables = [b for b in document.blocks if isinstance(b, Table)]
    word_doc = docx.Document(io.BytesIO(render_report(review, Audience.ENGINEERING, Format.DOCX)))
    assert len(word_doc.tables) == len(tables)
    for block, table in zip(tables, word_doc.tables, strict=True):
        grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
        for column, col in enumerate(grid):
            width_pt = int(col.get(qn("w:w"))) / 20
            bold_body = column == block.titled_column  # its title lines are bold
            cells = [(block.columns[column], True)]
            cells += [(row[column], bold_body) for row in block.rows]
            widest = max(
                text_width(word, 9, bold=bold) for cell, bold in cells for word in cell.split()
            )
            if widest < 0.4 * 453:  # a URL-long word may break; names and keys may not
                assert width_pt - 10.8 >= widest, (block.columns, column)


def test_word_rows_never_split_and_the_header_repeats() -> None:
    data = render_report(long_outage(), Audience.ENGINEERING, Format.DOCX)
    for table in docx.Document(io.BytesIO(data)).tables:
        rows = table.rows
        for row in rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        if len(rows) > 2:
            # keep-with-next on the row before last: the last row never sits alone.
            keep = rows[-2].cells[0].paragraphs[0].paragraph_format.keep_with_next
            assert keep is True
            assert rows[-1].cells[0].paragraphs[0].paragraph_format.keep_with_next is not True


def test_pdf_keeps_a_tables_last_row_with_the_one_before() -> None:
    """Filler pushes the Actions table across a page; its last row never starts a page."""
    review = long_outage()
    for filler in range(0, 40, 3):
        padded = review.replace(narrative="\n\n".join(["A paragraph of filler."] * filler))
        text = pages(render_report(padded, Audience.ENGINEERING, Format.PDF))
        last = review.actions[-1].text
        page = next(n for n, t in enumerate(text) if squash(last) in squash(t))
        before = review.actions[-2].text
        assert squash(before) in squash(text[page]), f"{filler} filler paragraphs"


def test_pdf_and_word_carry_the_reviews_last_change_as_their_date() -> None:
    review = long_outage()
    pdf = render_report(review, Audience.LEADERSHIP, Format.PDF)
    assert pdf == render_report(review, Audience.LEADERSHIP, Format.PDF)  # reproducible
    meta = PdfReader(io.BytesIO(pdf)).metadata
    assert meta is not None
    assert meta["/CreationDate"] == "D:20260920153000+00'00'"
    props = docx.Document(
        io.BytesIO(render_report(review, Audience.LEADERSHIP, Format.DOCX))
    ).core_properties
    assert props.created is not None and props.modified == props.created
    assert props.created.isoformat().startswith("2026-09-20T15:30")


def test_word_styles_use_the_bundled_family_not_the_theme_fonts() -> None:
    data = render_report(sample_review(), Audience.ENGINEERING, Format.DOCX)
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert "asciiTheme" not in styles and "hAnsiTheme" not in styles
    assert f'w:ascii="{FONT}"' in styles
    assert FONT == "DejaVu Sans"


@pytest.mark.parametrize("fmt", list(Format))
def test_a_draft_says_so_in_every_format(fmt: Format, read_back: ReadBack) -> None:
    text = read_back(fmt, render_report(long_outage(), Audience.LEADERSHIP, fmt))
    assert squash("Draft — not yet reviewed.") in squash(text)
    published = read_back(fmt, render_report(small_fix(), Audience.LEADERSHIP, fmt))
    assert "Draft" not in published


HIDDEN = "\u202eevil\u202c \u2066iso\u2069 zero\u200bwidth\ufeff joiner\u2060"


@pytest.mark.parametrize("fmt", list(Format))
def test_directional_overrides_and_zero_width_characters_go_the_same_way_everywhere(
    fmt: Format, read_back: ReadBack
) -> None:
    review = small_fix().replace(summary="Checkout " + HIDDEN + " done")
    text = read_back(fmt, render_report(review, Audience.SHORT, fmt))
    for char in "\u202e\u202c\u2066\u2069\u200b\ufeff\u2060":
        assert char not in text, f"U+{ord(char):04X}"
    assert "Checkout evil iso zerowidth joiner done" in " ".join(text.split())


def test_markdown_keeps_mentions_links_and_formulas_inert(read_back: ReadBack) -> None:
    shown = escape_markdown("@alice see https://example.com and www.example.org")
    assert "@alice" not in shown and "https://" not in shown and "www." not in shown
    assert escape_markdown("=SUM(A1:A3)").startswith("&#8203;")
    assert escape_markdown("@SUM(1)").startswith("&#8203;")
    assert "bob@example.com" in escape_markdown("mail bob@example.com")
    # What a reader sees is still the text, with an invisible space in the right places.
    back = read_back("md", escape_markdown("@alice https://example.com").encode())
    assert back.replace("\u200b", "").strip() == "@alice https://example.com"
