"""The neutral document as a PDF (reportlab platypus): bundled fonts, page numbers, outline.

Every user string goes through ``pdf_text.markup`` (escaped, glyph fallback), table
cells are Paragraphs in tables that may split inside a row (RL-13/RL-14), and a
layout failure is reported with the part of the report that did not fit. A table
of more than ``LONG_TABLE_ROWS`` rows (a timeline of thousands of events) is laid
out a page at a time, its plain cells drawn as pre-broken lines.
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    LayoutError,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
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
    greedy_lines,
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


#: A run of rows left this short is measured whole, to see whether it ends on this page.
_MEASURE_ROWS = 60
#: A table longer than this is laid out a page at a time (see ``_RowRun``).
LONG_TABLE_ROWS = 200

_TABLE_STYLE = TableStyle(
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
#: Top and bottom padding of a cell, and left and right, as in ``_TABLE_STYLE``.
_CELL_PAD_V = 6.0
_CELL_PAD_H = 8.0


def _table(block: Table, styles: dict[str, ParagraphStyle], width: float) -> list[Flowable]:
    """A table whose header repeats on each page; rows split only when one may outgrow a page."""
    cell, head = styles["cell"], styles["head"]

    def measure(text: str, bold: bool) -> float:
        """Width of text in the cell font; bold for the header and a titled cell's title."""
        style = head if bold else cell
        return text_width(shown_text(text), style.fontSize, bold=bold)

    # 4 pt padding each side, and a point of slack so a word exactly as wide still fits.
    col_widths = column_widths(block, width, measure, padding=9)
    first_rows = RLTable(
        [[_para(c, head) for c in block.columns], *_cells(block, styles, 0, 1)],
        colWidths=col_widths,
    )
    if len(block.rows) > LONG_TABLE_ROWS:
        # Rows go to the next page whole; only one taller than a page splits inside.
        table: Flowable = _RowRun(_LongTable(block, styles, col_widths), 0)
    else:
        split = _may_outgrow_page(block, col_widths, styles["cell"])
        table = _whole_table(block, styles, col_widths, split)
    # The header and first row alone, to measure what a heading above must keep with it.
    table._pmdesk_first_rows = first_rows
    out: list[Flowable] = [table]
    if block.caption:
        out.append(RLParagraph(markup(block.caption), styles["caption"]))
    out.append(Spacer(1, 6))
    return out


def _cells(
    block: Table, styles: dict[str, ParagraphStyle], start: int, stop: int
) -> list[list[RLParagraph]]:
    """Rows ``start:stop`` of the table as Paragraphs; the titled column leads in bold."""
    return [
        [_para(text, styles["cell"], titled=n == block.titled_column) for n, text in enumerate(row)]
        for row in block.rows[start:stop]
    ]


def _whole_table(
    block: Table, styles: dict[str, ParagraphStyle], col_widths: list[float], split: int
) -> RLTable:
    """The table as one reportlab Table: fine while it spans a few pages."""
    data = [[_para(c, styles["head"]) for c in block.columns]]
    data += _cells(block, styles, 0, len(block.rows))
    table = RLTable(data, colWidths=col_widths, repeatRows=1, splitInRow=split, hAlign="LEFT")
    if not split and len(block.rows) >= 2:
        # The last two rows stay together, so a table's last row never sits alone on a page.
        table.setStyle([("NOSPLIT", (0, len(data) - 2), (-1, len(data) - 1))])
    table.setStyle(_TABLE_STYLE)
    return table


class _Lines(Flowable):  # type: ignore[misc]
    """A cell's text already broken into lines, each in one font: a Paragraph without markup.

    A long timeline has half a million cells; a Paragraph costs more to make, measure
    and draw than the rest of the page. This draws the same lines at the same place
    (first baseline one font size below the top, as reportlab puts a Paragraph's).
    """

    def __init__(self, lines: list[tuple[str, str]], style: ParagraphStyle) -> None:
        super().__init__()
        self.lines = lines
        self.style = style
        self.height = len(lines) * style.leading

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """The width offered and the height of the lines (they were broken to that width)."""
        self.width = availWidth
        return availWidth, self.height

    def draw(self) -> None:
        """The lines as one text object, in the style's colour."""
        self.canv.setFillColor(self.style.textColor)
        text = self.canv.beginText()
        self.add_to(text, 0, self.height)
        self.canv.drawText(text)

    def add_to(self, text: Any, x: float, top: float) -> None:
        """Add the lines to a text object, the first baseline a font size below ``top``."""
        size, leading = self.style.fontSize, self.style.leading
        text.setTextOrigin(x, top - size)
        for font, line in self.lines:
            text.setFont(font, size, leading)
            text.textLine(line)


class _LongTable:
    """What the pages of one long table share: its block, column widths and cell makers."""

    def __init__(
        self, block: Table, styles: dict[str, ParagraphStyle], col_widths: list[float]
    ) -> None:
        self.block = block
        self.styles = styles
        self.col_widths = col_widths
        self._widths: dict[tuple[str, str], float] = {}  # one size per table: cell and header
        self._cover = register_fonts().covers[0]
        self._rows: dict[int, tuple[float, list[Flowable]]] = {}
        self.header = [
            self._cell(text, styles["head"], n, bold_first=False)
            for n, text in enumerate(block.columns)
        ]
        self.header_height = self._height(self.header)

    def row(self, index: int) -> tuple[float, list[Flowable]]:
        """Row ``index`` as cells, with its height; measured once however often it is asked."""
        if index not in self._rows:
            block, style = self.block, self.styles["cell"]
            cells = [
                self._cell(text, style, n, bold_first=n == block.titled_column)
                for n, text in enumerate(block.rows[index])
            ]
            self._rows[index] = (self._height(cells), cells)
        return self._rows[index]

    def page(self, start: int, stop: int) -> _TablePage:
        """Rows ``start:stop`` under the header, drawn as one page of the table."""
        rows = [self.row(n) for n in range(start, stop)]
        for n in range(start, stop):
            del self._rows[n]  # each row is drawn once: its cells go with its page
        return _TablePage(self.col_widths, [(self.header_height, self.header), *rows])

    def tall_row(self, index: int) -> RLTable:
        """One row taller than a page, as a reportlab Table that may split inside it (RL-14)."""
        self._rows.pop(index, None)
        data = [[_para(c, self.styles["head"]) for c in self.block.columns]]
        data += _cells(self.block, self.styles, index, index + 1)
        table = RLTable(data, colWidths=self.col_widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
        table.setStyle(_TABLE_STYLE)
        return table

    def _height(self, cells: list[Flowable]) -> float:
        """A row's height as reportlab's Table works it out: the tallest cell and its padding."""
        tallest = 0.0
        for cell, width in zip(cells, self.col_widths, strict=False):
            tallest = max(tallest, cell.wrap(width - _CELL_PAD_H, 1e9)[1])
        return tallest + _CELL_PAD_V

    def _cell(self, text: str, style: ParagraphStyle, column: int, *, bold_first: bool) -> Flowable:
        """Plain lines when the main font draws every character, else a Paragraph."""
        room = self.col_widths[column] - _CELL_PAD_H if column < len(self.col_widths) else 0.0
        lines = self._lines(text, style, room, bold_first)
        return lines or _para(text, style, titled=bold_first)

    def _lines(
        self, text: str, style: ParagraphStyle, room: float, bold_first: bool
    ) -> _Lines | None:
        """The text broken as a Paragraph breaks it, or None when only a Paragraph can draw it.

        Right-to-left text, characters from a fallback font, blank lines and words wider
        than the column are left to the Paragraph.
        """
        shown = shown_text(text)
        if has_rtl(shown):
            return None
        lines: list[tuple[str, str]] = []
        for number, source in enumerate(shown.split("\n")):
            if not source.strip() or not self._cover.issuperset(source):
                return None
            font = SANS_BOLD if bold_first and number == 0 else style.fontName
            broken = self._break(source.split(), font, style.fontSize, room)
            if broken is None:
                return None
            lines += [(font, line) for line in broken]
        return _Lines(lines, style)

    def _break(self, words: list[str], font: str, size: float, room: float) -> list[str] | None:
        """Greedy breaking at spaces, as a Paragraph does; None when a word is wider than room."""

        def width_of(word: str) -> float:
            return self._width(word, font, size)

        if any(width_of(word) > room for word in words):
            return None
        return greedy_lines(words, room, width_of, width_of(" "))

    def _width(self, word: str, font: str, size: float) -> float:
        """A word's width, remembered: a timeline repeats its words many thousand times."""
        key = (font, word)
        wide = self._widths.get(key)
        if wide is None:
            wide = self._widths[key] = stringWidth(word, font, size)
        return wide


class _RowRun(Flowable):  # type: ignore[misc]
    """The rows of a long table from ``start`` on, laid out one page at a time.

    One Table of thousands of rows is split again at every page, and reportlab
    measures every row left each time, so a 100,000-event timeline took many
    minutes. Here each page gets the rows that fit, header on top; a row is
    measured once, and the last row never stands alone on a page.
    """

    def __init__(self, source: _LongTable, start: int, *, next_page: bool = False) -> None:
        super().__init__()
        self.source = source
        self.start = start
        #: The page before was filled on purpose (a row held back): start on a new one.
        self.next_page = next_page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Always a little taller than the room, so the frame asks ``split`` for this page."""
        self.width, self.height = sum(self.source.col_widths), availHeight + 1
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """This page's rows and the rest; nothing when not even one row fits below."""
        source, start = self.source, self.start
        at_top = self._at_top(availHeight)
        if self.next_page and not at_top:
            return []
        total = len(source.block.rows)
        height = source.header_height
        stop = start
        while stop < total and height + source.row(stop)[0] <= availHeight:
            height += source.row(stop)[0]
            stop += 1
        if stop == total:
            return [source.page(start, stop)]
        if stop == total - 1 and stop - start > 1:
            stop -= 1  # the last row never alone on a page: take the one before it along
        if stop > start:
            return [source.page(start, stop), _RowRun(source, stop, next_page=True)]
        if not at_top:
            return []  # not one row fits below: the next page
        # A row taller than a page: reportlab splits inside it, and the rows after it follow on.
        parts: list[Flowable] = source.tall_row(start).split(availWidth, availHeight)
        return [*parts, _RowRun(source, start + 1)]

    def _at_top(self, available: float) -> bool:
        """Whether nothing is on this page's frame yet (splitOn gives us the canvas)."""
        frame = getattr(getattr(getattr(self, "canv", None), "_doctemplate", None), "frame", None)
        if frame is not None:
            return bool(frame._atTop)
        return available >= _frame_size()[1] - 1

    def draw(self) -> None:
        """Never drawn itself: ``wrap`` always hands the frame over to ``split``."""


class _TablePage(Flowable):  # type: ignore[misc]
    """The header and the rows of a long table that fit on one page, drawn as a Table draws them.

    The same shading, rules and padding as ``_TABLE_STYLE``, without a Table's
    per-cell bookkeeping; plain-line cells share one text object.
    """

    def __init__(self, col_widths: list[float], rows: list[tuple[float, list[Flowable]]]) -> None:
        super().__init__()
        self.col_widths = col_widths
        self.rows = rows
        self.width = sum(col_widths)
        self.height = sum(height for height, _ in rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Its rows' height, measured when they were chosen for this page."""
        return self.width, self.height

    def draw(self) -> None:
        """Header shading, then every cell's text, then the rules below the rows."""
        canv, width = self.canv, self.width
        canv.saveState()
        header_height = self.rows[0][0]
        canv.setFillColor(_SHADE)
        canv.rect(0, self.height - header_height, width, header_height, stroke=0, fill=1)
        canv.setFillColor(_INK)
        text = canv.beginText()
        top = self.height
        bottoms = []
        for height, cells in self.rows:
            left = 0.0
            for cell, column_width in zip(cells, self.col_widths, strict=False):
                x, y = left + _CELL_PAD_H / 2, top - _CELL_PAD_V / 2
                if isinstance(cell, _Lines):
                    cell.add_to(text, x, y)
                else:  # drawn in turn, so the text reads (and copies) in the rows' order
                    canv.drawText(text)
                    text = canv.beginText()
                    _, cell_height = cell.wrap(column_width - _CELL_PAD_H, height)
                    cell.drawOn(canv, x, y - cell_height)
                    canv.setFillColor(_INK)
                left += column_width
            top -= height
            bottoms.append(top)
        canv.drawText(text)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        canv.setStrokeColor(_ACCENT)
        canv.setLineWidth(0.8)
        canv.line(0, bottoms[0], width, bottoms[0])
        canv.setStrokeColor(_RULE)
        canv.setLineWidth(0.25)
        for y in bottoms[1:]:
            canv.line(0, y, width, y)
        canv.restoreState()


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
