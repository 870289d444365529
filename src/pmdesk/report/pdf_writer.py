"""The neutral document as a PDF (reportlab platypus): bundled fonts, page numbers, outline.

Every user string goes through ``pdf_text.markup`` (escaped, glyph fallback), table
cells are Paragraphs in tables that may split inside a row (RL-13/RL-14), and a
layout failure is reported with the part of the report that did not fit.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    LayoutError,
    SimpleDocTemplate,
    Spacer,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from pmdesk.errors import BadInput, ExportFailed
from pmdesk.report.document import (
    Block,
    BulletList,
    Callout,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from pmdesk.report.layout import column_widths, text_width
from pmdesk.report.pdf_text import (
    SANS,
    SANS_BOLD,
    BidiParagraph,
    markup,
    register_fonts,
)
from pmdesk.text import has_rtl, one_line, shown_text

_INK = colors.HexColor("#1f2933")
_MUTED = colors.HexColor("#616e7c")
_ACCENT = colors.HexColor("#1d4e89")
_RULE = colors.HexColor("#cbd2d9")
_SHADE = colors.HexColor("#eef2f6")
_CALLOUT = colors.HexColor("#f4f7fb")

_MARGIN = 2 * cm
_TOP = 2.4 * cm


def _styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles: one body style, the rest derived from it."""
    body = ParagraphStyle(
        "body", fontName=SANS, fontSize=10, leading=14, textColor=_INK, spaceAfter=6
    )
    return {
        "body": body,
        "title": ParagraphStyle(
            "title", parent=body, fontName=SANS_BOLD, fontSize=18, leading=22, spaceAfter=4
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, textColor=_MUTED, fontSize=10.5, spaceAfter=14
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=14,
            leading=18,
            textColor=_ACCENT,
            spaceBefore=9,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=11.5,
            leading=15,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "bullet": ParagraphStyle(
            "bullet",
            parent=body,
            leftIndent=14,
            bulletIndent=3,
            bulletFontName=SANS,
            spaceAfter=3,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
        "head": ParagraphStyle(
            "head", parent=body, fontName=SANS_BOLD, fontSize=8.5, leading=11, spaceAfter=0
        ),
        "caption": ParagraphStyle(
            "caption", parent=body, fontSize=8.5, textColor=_MUTED, alignment=TA_CENTER
        ),
        "margin": ParagraphStyle("margin", parent=body, fontSize=8, leading=10, textColor=_MUTED),
    }


class _Template(SimpleDocTemplate):  # type: ignore[misc]
    """Adds a PDF outline entry for every heading, so the reader's sidebar lists sections."""

    _pmdesk_count: int = 0
    _pmdesk_level: int = -1

    def afterFlowable(self, flowable: Flowable) -> None:
        """ReportLab calls this after each flowable: add an outline entry for a heading."""
        level = getattr(flowable, "_pmdesk_outline", None)
        if level is None:
            return
        key = f"h{self._pmdesk_count}"
        self._pmdesk_count += 1
        level = min(level, self._pmdesk_level + 1)
        self._pmdesk_level = level
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable._pmdesk_title, key, level=level, closed=False)


def render_pdf(document: Document) -> bytes:
    """The document as PDF bytes (A4), or ExportFailed naming what would not fit."""
    register_fonts()
    styles = _styles()
    story = _story(document, styles)
    try:
        return _build(document, story, styles)
    except LayoutError as exc:
        raise ExportFailed(
            f"the PDF could not be laid out: {_culprit(document, styles)} does not fit on a page"
        ) from exc


def _build(document: Document, story: list[Flowable], styles: dict[str, ParagraphStyle]) -> bytes:
    """The PDF bytes; invariant=1 so the same report gives the same file each time."""
    buffer = io.BytesIO()
    props = document.properties
    doc = _Template(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN,
        rightMargin=_MARGIN,
        topMargin=_TOP,
        bottomMargin=_MARGIN,
        title=shown_text(props.title),
        author=shown_text(props.author),
        subject=shown_text(props.subject),
        keywords=[shown_text(k) for k in props.keywords],
        creator="pmdesk",
        invariant=1,
    )
    header = one_line(shown_text(document.running_header), 110)
    stamp = _pdf_date(props.created)

    def decorate(canvas: Any, template: Any) -> None:
        """Running header from page 2 on, and a page number on every page."""
        if stamp is not None:
            # invariant=1 would date every report 1 January 2000; the review's last change
            # is a real date that still gives the same bytes for the same review.
            canvas.setDateFormatter(lambda *_: stamp)
        canvas.saveState()
        width = A4[0] - 2 * _MARGIN
        if template.page > 1 and header:
            para = RLParagraph(markup(header), styles["margin"])
            para.wrapOn(canvas, width, _TOP)
            para.drawOn(canvas, _MARGIN, A4[1] - _TOP + 0.9 * cm)
            canvas.setStrokeColor(_RULE)
            canvas.line(_MARGIN, A4[1] - _TOP + 0.7 * cm, A4[0] - _MARGIN, A4[1] - _TOP + 0.7 * cm)
        canvas.setFont(SANS, 8)
        canvas.setFillColor(_MUTED)
        canvas.drawCentredString(A4[0] / 2, _MARGIN / 2, f"Page {template.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def _pdf_date(moment: datetime | None) -> str | None:
    """A PDF date string (D:YYYYMMDDHHmmSS+00'00') in UTC, or None to keep reportlab's."""
    if moment is None:
        return None
    utc = moment.astimezone(UTC) if moment.tzinfo else moment
    return utc.strftime("D:%Y%m%d%H%M%S+00'00'")


def _frame_size() -> tuple[float, float]:
    """The room flowables get inside the frame, for sizing figures and tables."""
    # SimpleDocTemplate's frame has 6 pt padding on each side.
    return A4[0] - 2 * _MARGIN - 12, A4[1] - _TOP - _MARGIN - 12


def _story(document: Document, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Every flowable in order; a heading is kept with the figure or first rows below it."""
    title = _para(document.title, styles["title"])
    story: list[Flowable] = [title, RLParagraph(markup(document.subtitle), styles["subtitle"])]
    title._pmdesk_outline = 0
    title._pmdesk_title = one_line(shown_text(document.title), 120)
    for block in document.blocks:
        flowables = _flowables(block, styles)
        if isinstance(block, Figure) and story and getattr(story[-1], "_pmdesk_outline", None):
            # keepWithNext does not hold a heading to a KeepTogether; group them ourselves,
            # flat: a KeepTogether inside another always reports itself too tall to fit,
            # which sent every figure under a heading to a page of its own.
            (figure,) = flowables
            assert isinstance(figure, KeepTogether)
            flowables = [KeepTogether([story.pop(), *figure._content])]
        elif isinstance(block, Table) and len(story) >= 2:
            _keep_heading_with_rows(story, flowables[0])
        story += flowables
    return story


def _keep_heading_with_rows(story: list[Flowable], table: Flowable) -> None:
    """A heading above a table breaks the page unless its header and first row fit too.

    The heading's CondPageBreak asks for three lines of room; a first row six lines
    tall (an action with its outcome) then left the heading alone at a page's foot.
    """
    heading, before = story[-1], story[-2]
    first_rows = getattr(table, "_pmdesk_first_rows", None)
    if not getattr(heading, "_pmdesk_outline", None) or first_rows is None:
        return
    if isinstance(before, CondPageBreak):
        width, height = _frame_size()
        _, heading_h = heading.wrap(width, height)
        _, rows_h = first_rows.wrap(width, height)
        style = heading.style
        before.height = max(before.height, style.spaceBefore + heading_h + rows_h + 6)


def _flowables(block: Block, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """One block as ReportLab flowables; a heading never ends a page."""
    width, height = _frame_size()
    if isinstance(block, Heading):
        style = styles["h1"] if block.level <= 1 else styles["h2"]
        para = _para(block.text, style)
        para._pmdesk_outline = max(1, block.level)
        para._pmdesk_title = one_line(shown_text(block.text), 120)
        # A heading never ends a page: start a new page when less than ~3 lines fit below it.
        return [
            CondPageBreak(style.spaceBefore + style.leading + 4.5 * styles["body"].leading),
            para,
        ]
    if isinstance(block, Paragraph):
        return [_para(block.text, styles["body"], label=block.label)]
    if isinstance(block, BulletList):
        return [
            _para(item.text, styles["bullet"], label=item.label, bullet="•") for item in block.items
        ]
    if isinstance(block, Table):
        return _table(block, styles, width)
    if isinstance(block, Figure):
        return [_figure(block, styles, width, height)]
    return [_callout(block, styles, width)]


def _para(
    text: str,
    style: ParagraphStyle,
    *,
    label: str | None = None,
    bullet: str | None = None,
    titled: bool = False,
) -> RLParagraph:
    """A paragraph of user text; right-to-left text is wrapped before it is reordered."""
    if has_rtl(text) or (label and has_rtl(label)):
        return BidiParagraph(
            None, style, bulletText=bullet, logical=text, label=label, bold_first=titled
        )
    if titled:
        title, _, rest = text.partition("\n")
        shown = f"<b>{markup(title)}</b>" + (f"<br/>{markup(rest)}" if rest else "")
    else:
        shown = markup(text)
        if label:
            shown = f"<b>{markup(label)}</b> {shown}"
    return RLParagraph(shown, style, bulletText=bullet)


def _table(block: Table, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """A table whose header repeats on each page; rows split only when one may outgrow a page."""
    cell, head = styles["cell"], styles["head"]

    def measure(text: str, bold: bool) -> float:
        """Width of text in the cell font; bold for the header and a titled cell's title."""
        style = head if bold else cell
        return text_width(shown_text(text), style.fontSize, bold=bold)

    # 4 pt padding each side, and a point of slack so a word exactly as wide still fits.
    col_widths = column_widths(block, width, measure, padding=9)
    data = [[_para(c, styles["head"]) for c in block.columns]]
    data += [
        [_para(cell, styles["cell"], titled=n == block.titled_column) for n, cell in enumerate(row)]
        for row in block.rows
    ]
    split = _may_outgrow_page(block, col_widths, styles["cell"])
    table = RLTable(data, colWidths=col_widths, repeatRows=1, splitInRow=split, hAlign="LEFT")
    if not split and len(block.rows) >= 2:
        # The last two rows stay together, so a table's last row never sits alone on a page.
        table.setStyle([("NOSPLIT", (0, len(data) - 2), (-1, len(data) - 1))])
    # The header and first row alone, to measure what a heading above must keep with it.
    table._pmdesk_first_rows = RLTable(
        [[_para(c, styles["head"]) for c in block.columns], *data[1:2]], colWidths=col_widths
    )
    table.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, 0), _SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, _ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, _RULE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    out: list[Flowable] = [table]
    if block.caption:
        out.append(RLParagraph(markup(block.caption), styles["caption"]))
    out.append(Spacer(1, 6))
    return out


def _may_outgrow_page(block: Table, widths: list[float], style: ParagraphStyle) -> int:
    """Whether a row might be taller than a page, so rows must split (RL-14).

    Splitting inside rows is only the fallback: it leaves one line of a row at the
    foot of a page. A rough, generous height estimate keeps whole rows together
    whenever they surely fit.
    """
    limit = _frame_size()[1] * 0.4
    per_line = [max(1, int(w / (0.6 * style.fontSize))) for w in widths]
    for row in block.rows:
        for text, chars in zip(row, per_line, strict=False):
            lines = sum(len(part) // chars + 1 for part in text.split("\n"))
            if lines * style.leading > limit:
                return 1
    return 0


def _figure(
    block: Figure, styles: dict[str, ParagraphStyle], width: float, height: float
) -> Flowable:
    """A figure scaled to the frame width and max_height, kept together with its caption."""
    try:
        pixels_w, pixels_h = ImageReader(io.BytesIO(block.png)).getSize()
    except Exception as exc:  # PIL raises many types for a damaged image
        raise BadInput(f"the figure '{block.caption}' is not a readable PNG image") from exc
    shown_w = width
    shown_h = shown_w * pixels_h / max(pixels_w, 1)
    limit = height * block.max_height
    if shown_h > limit:
        shown_w, shown_h = shown_w * limit / shown_h, limit
    image = Image(io.BytesIO(block.png), width=shown_w, height=shown_h)
    return KeepTogether([image, RLParagraph(markup(block.caption), styles["caption"])])


def _callout(block: Callout, styles: dict[str, ParagraphStyle], width: float) -> Flowable:
    """A shaded box with an accent rule on the left, kept together with the space after it."""
    cell: list[Flowable] = []
    if block.title:
        cell.append(RLParagraph(markup(block.title), styles["h2"]))
    cell.append(RLParagraph(markup(block.text), styles["body"]))
    box = RLTable([[cell]], colWidths=[width], splitInRow=1)
    box.setStyle(
        [
            ("BACKGROUND", (0, 0), (-1, -1), _CALLOUT),
            ("LINEBEFORE", (0, 0), (0, -1), 3, _ACCENT),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
        ]
    )
    return KeepTogether([box, Spacer(1, 8)])


def _culprit(document: Document, styles: dict[str, ParagraphStyle]) -> str:
    """Lay out each block alone to name the first one that cannot fit (rare, so slow is fine)."""
    section = "the title"
    for block in document.blocks:
        if isinstance(block, Heading):
            section = f"the section '{one_line(block.text, 60)}'"
        try:
            _build(document, _flowables(block, styles), styles)
        except LayoutError:
            kind = type(block).__name__.lower()
            return f"a {kind} in {section}"
    return "part of the report"
