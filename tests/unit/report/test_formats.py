"""Every audience in every format from the sample review, read back with python-docx and pypdf."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from pmdesk.clock import format_day
from pmdesk.errors import BadInput, ExportFailed
from pmdesk.model.review import Review
from pmdesk.report import (
    Audience,
    Figures,
    Format,
    build_document,
    render_report,
    write_report,
)
from pmdesk.report.document import Figure

ReadBack = Callable[[str, bytes], str]


def squash(text: str) -> str:
    return "".join(text.split())


def contains(haystack: str, needle: str) -> bool:
    return squash(needle) in squash(haystack)


@pytest.fixture(scope="module")
def rendered(sample: Review, figures: Figures) -> dict[tuple[Audience, Format], bytes]:
    return {
        (audience, fmt): render_report(sample, audience, fmt, figures)
        for audience in Audience
        for fmt in Format
    }


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("audience", list(Audience))
def test_every_section_heading_reads_back(
    rendered: dict[tuple[Audience, Format], bytes],
    sample: Review,
    read_back: ReadBack,
    audience: Audience,
    fmt: Format,
) -> None:
    text = read_back(fmt, rendered[audience, fmt])
    headings = build_document(sample, audience).headings()
    assert headings
    for heading in [sample.title, *headings]:
        assert contains(text, heading), heading


@pytest.mark.parametrize("fmt", list(Format))
def test_leadership_lists_every_action_with_owner_due_date_and_status(
    rendered: dict[tuple[Audience, Format], bytes], sample: Review, read_back: ReadBack, fmt: Format
) -> None:
    text = read_back(fmt, rendered[Audience.LEADERSHIP, fmt])
    assert sample.actions
    for action in sample.actions:
        assert contains(text, action.text)
        assert contains(text, sample.person_name(action.owner) or "")
        assert action.due is not None
        assert contains(text, format_day(action.due))
    for word in ("Done", "In progress", "Open"):
        assert contains(text, word)
    for metric in ("2,140 attempts", "830 customers", "1 hour 38 minutes"):
        assert contains(text, metric)


@pytest.mark.parametrize("fmt", list(Format))
def test_engineering_has_every_event_factor_action_field_and_person(
    rendered: dict[tuple[Audience, Format], bytes], sample: Review, read_back: ReadBack, fmt: Format
) -> None:
    text = read_back(fmt, rendered[Audience.ENGINEERING, fmt])
    for event in sample.events:
        assert contains(text, event.title), event.id
        if event.knew:
            assert contains(text, event.knew), event.id
    for factor in sample.factors:
        assert contains(text, factor.text)
    for action in sample.actions:
        for value in (action.text, action.outcome, action.tracker_ref):
            if value:
                assert contains(text, value)
    for person in sample.people:
        assert contains(text, person.name)
        assert person.role is not None and contains(text, person.role)
    for note in sample.notes:
        assert contains(text, note.text)
    assert contains(text, "Europe/Berlin")


@pytest.mark.parametrize("fmt", list(Format))
def test_adjacent_answers_could_this_hit_you(
    rendered: dict[tuple[Audience, Format], bytes], sample: Review, read_back: ReadBack, fmt: Format
) -> None:
    text = read_back(fmt, rendered[Audience.ADJACENT, fmt])
    for service in sample.services:
        assert contains(text, service)
    third_party = [f for f in sample.factors if f.third_party]
    assert third_party
    for factor in third_party:
        assert contains(text, factor.text)
    # Payments ran the review (2 of its 6 people): the maintenance window (Data platform) and
    # the support dashboard (Customer support) reach other teams; the pool fix stays.
    assert contains(text, "Move the orders-db maintenance window")
    assert contains(text, "Give support a dashboard")
    assert not contains(text, "Set a connection max-lifetime")
    assert contains(text, "2 more actions stay within Payments")


def test_short_report_has_exactly_three_sections(sample: Review) -> None:
    document = build_document(sample, "short")
    assert document.headings() == ["What happened", "Why", "What we'll do"]


def test_docx_uses_word_heading_styles_header_rows_and_properties(
    rendered: dict[tuple[Audience, Format], bytes], sample: Review
) -> None:
    document = docx.Document(io.BytesIO(rendered[Audience.ENGINEERING, Format.DOCX]))
    styles = [p.style.name if p.style else "" for p in document.paragraphs]
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "Caption"} <= set(styles)
    headings = [
        p.text for p, s in zip(document.paragraphs, styles, strict=True) if s == "Heading 1"
    ]
    assert headings[:3] == ["Summary", "Impact", "How long it lasted"]
    timeline = next(t for t in document.tables if t.rows[0].cells[0].text == "Time")
    assert len(timeline.rows) == len(sample.events) + 1
    header_xml = timeline.rows[0]._tr.xml
    assert "w:tblHeader" in header_xml
    props = document.core_properties
    assert props.title == sample.title
    assert "Engineering" in props.subject
    assert "orders-db" in props.keywords
    assert len(document.inline_shapes) == 2  # full timeline and Swiss-cheese board


def test_pdf_has_outline_page_numbers_header_metadata_and_figures(
    rendered: dict[tuple[Audience, Format], bytes], sample: Review
) -> None:
    reader = PdfReader(io.BytesIO(rendered[Audience.ENGINEERING, Format.PDF]))
    titles = _outline_titles(reader.outline)
    assert titles[0] == sample.title
    assert {"Summary", "Timeline", "Actions", "People involved"} <= set(titles)
    assert "Change and maintenance planning (prevent)" in titles
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number}" in text
    assert all("Engineering report" in text for text in pages[1:])
    assert reader.metadata is not None
    assert reader.metadata.title == sample.title
    assert sum(len(page.images) for page in reader.pages) == 2


def _outline_titles(outline: Sequence[object]) -> list[str]:
    titles: list[str] = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        else:
            titles.append(str(entry.title))  # type: ignore[attr-defined]
    return titles


def test_leadership_pdf_fits_on_two_pages_with_the_key_moments_figure(
    rendered: dict[tuple[Audience, Format], bytes],
) -> None:
    reader = PdfReader(io.BytesIO(rendered[Audience.LEADERSHIP, Format.PDF]))
    assert len(reader.pages) <= 2
    assert sum(len(page.images) for page in reader.pages) == 1


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("audience", list(Audience))
def test_reports_work_without_figures(
    sample: Review, read_back: ReadBack, audience: Audience, fmt: Format
) -> None:
    text = read_back(fmt, render_report(sample, audience, fmt))
    assert contains(text, sample.title)
    assert "Figure" not in text


def test_figures_go_where_each_reader_needs_them(sample: Review, figures: Figures) -> None:
    def captions(audience: str) -> list[str]:
        document = build_document(sample, audience, figures)
        return [b.caption for b in document.blocks if isinstance(b, Figure)]

    assert captions("engineering") == [
        "The full timeline",
        "How the holes in our defences lined up",
    ]
    assert captions("leadership") == ["Key moments"]
    assert captions("adjacent") == captions("short") == []


def test_markdown_bytes_say_the_figures_are_not_included(sample: Review, figures: Figures) -> None:
    text = render_report(sample, "engineering", "md", figures).decode()
    assert (
        "*Figure: The full timeline (not included in this Markdown text; "
        "it is in the Word and PDF reports).*"
    ) in text


def test_write_report_writes_atomically_and_keeps_old_file_on_failure(
    sample: Review, tmp_path: Path, figures: Figures
) -> None:
    target = tmp_path / "review.pdf"
    written = write_report(sample, "leadership", "pdf", target, figures)
    assert written == target
    assert target.read_bytes().startswith(b"%PDF")
    before = target.read_bytes()
    with pytest.raises(BadInput, match="not a PNG"):
        write_report(sample, "leadership", "pdf", target, Figures(timeline_key=b"GIF89a"))
    assert target.read_bytes() == before
    with pytest.raises(ExportFailed, match="does not exist"):
        write_report(sample, "short", "md", tmp_path / "missing" / "r.md")
    assert list(tmp_path.iterdir()) == [target]


def test_unknown_audience_or_format_is_one_plain_sentence(sample: Review) -> None:
    with pytest.raises(BadInput, match="'board' is not an audience; choose one of engineering"):
        render_report(sample, "board", "pdf")
    with pytest.raises(BadInput, match="'odt' is not a report format; choose one of docx"):
        render_report(sample, "short", "odt")
    assert render_report(sample, "short", ".MD").startswith(b"# Checkout")


def test_times_are_shown_in_the_review_zone_with_the_zone_named(sample: Review) -> None:
    text = render_report(sample, "leadership", "md").decode()
    assert "Wed 14 Oct 2026 16:02 (Europe/Berlin)" in text  # 14:02 UTC
    tokyo = render_report(sample.replace(timezone="Asia/Tokyo"), "leadership", "md").decode()
    assert "Wed 14 Oct 2026 23:02 (Asia/Tokyo)" in tokyo
    unknown = render_report(sample.replace(timezone="Mars/Olympus"), "leadership", "md").decode()
    assert "Wed 14 Oct 2026 14:02 (UTC)" in unknown


def test_missing_owner_and_date_are_said_not_hidden(sample: Review) -> None:
    action = sample.actions[0].__class__(id="x", text="Write the failover drill", due=None)
    review = sample.replace(actions=(action,))
    text = render_report(review, "short", "md").decode()
    assert "| Write the failover drill | No owner yet | No date yet | Open |" in text
    assert format_day(date(2026, 12, 5)) == "5 Dec 2026"


@pytest.mark.parametrize("fmt", [Format.DOCX, Format.PDF])
def test_a_damaged_figure_is_bad_input_naming_the_figure(
    sample: Review, figures: Figures, fmt: Format
) -> None:
    assert figures.timeline_key is not None
    damaged = Figures(timeline_key=figures.timeline_key[:40])
    with pytest.raises(BadInput, match="the figure 'Key moments' is not a readable PNG image"):
        render_report(sample, "leadership", fmt, damaged)


def test_a_block_that_cannot_fit_on_any_page_is_named(
    sample: Review, png: Callable[[int, int], bytes]
) -> None:
    from pmdesk.report import render_document
    from pmdesk.report.document import Heading

    document = build_document(sample, "short")
    tall = Figure(png(200, 4000), "A very tall picture", max_height=2.0)
    broken = document.__class__(
        document.title,
        document.subtitle,
        (*document.blocks, Heading("Appendix"), tall),
        document.properties,
    )
    with pytest.raises(ExportFailed, match="a figure in the section 'Appendix' does not fit"):
        render_document(broken, "pdf")


def test_a_heading_is_never_left_alone_above_a_table_at_a_pages_foot() -> None:
    """Wherever the heading falls, its table's header and first row are on its page."""
    from pmdesk.report.document import Block, Document, Heading, Paragraph, Properties, Table
    from pmdesk.report.pdf_writer import render_pdf

    tall = "Route provider maintenance notices to the on-call calendar. " * 6
    for filler in range(20, 72):
        blocks: tuple[Block, ...] = (
            *(Paragraph(f"Line {n} of the filler.") for n in range(filler)),
            Heading("Actions"),
            Table(("Action", "Owner"), ((tall + "FIRSTROW", "Sam Rivera"),), (4, 1)),
        )
        pdf = render_pdf(Document("t", "s", blocks, Properties("t", "s")))
        pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
        heading_page = next(n for n, text in enumerate(pages) if "Actions" in text)
        assert "FIRSTROW" in pages[heading_page], f"{filler} filler lines"


def test_word_figures_carry_their_caption_as_alt_text(
    rendered: dict[tuple[Audience, Format], bytes],
) -> None:
    """A screen reader says the figure's caption, not 'picture'."""
    import zipfile

    data = rendered[Audience.ENGINEERING, Format.DOCX]
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'descr="How the holes in our defences lined up"' in xml
    assert xml.count('descr="') == xml.count("<pic:pic") >= 2
