"""The neutral document as a Word file (python-docx), using Word's own styles.

Headings use the built-in "Heading N" styles so Word's navigation pane and a table
of contents work; tables repeat their header row on each page; the title,
subject and keywords go into the document properties. Every string is cleaned
first, because python-docx refuses control characters and lone surrogates (DX-01/02).
"""

from __future__ import annotations

import io
from datetime import UTC
from typing import Any

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.image import Image as DocxImage
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from pmdesk.errors import BadInput
from pmdesk.report.document import (
    Block,
    BulletList,
    Document,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from pmdesk.report.layout import column_widths, text_width
from pmdesk.text import base_direction, has_rtl, shown_text

_TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins
_TEXT_HEIGHT_CM = 24.7
_CELL_PT = 9.0  # table text, a size smaller than the body as in the PDF


def render_docx(document: Document) -> bytes:
    """The document as .docx bytes."""
    doc = new_docx()
    _page_setup(doc, document)
    _properties(doc, document)
    doc.add_heading(_t(document.title), level=0)
    doc.add_paragraph(_t(document.subtitle), style="Subtitle")
    for block in document.blocks:
        _add_block(doc, block)
    _right_to_left(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _t(text: str | None) -> str:
    """Text python-docx can store: lone surrogates and control characters would corrupt the XML."""
    return shown_text(text) if text else ""


def _page_setup(doc: Any, document: Document) -> None:
    """A4 with 2.5 cm margins, the running header from page 2 on, page numbers on every page."""
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    run = header.add_run(_t(document.running_header))
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x61, 0x6E, 0x7C)
    for footer in (section.footer, section.first_page_footer):
        para = footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("Page ").font.size = Pt(8)
        _page_field(para)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    _bundled_font(doc)


#: The family every style uses: pmdesk bundles it, and LibreOffice ships it. Cambria and
#: Calibri, the template's theme fonts, are missing on many machines and wrap differently.
FONT = "DejaVu Sans"
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")


def _bundled_font(doc: Any) -> None:
    """Every style and the document defaults on DejaVu Sans instead of the theme's fonts."""
    for fonts in doc.styles.element.iter(qn("w:rFonts")):
        for name in _THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(name), None)
        for name in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(name), FONT)


def _page_field(paragraph: Any) -> None:
    """A PAGE field, so Word and LibreOffice print the page number."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _properties(doc: Any, document: Document) -> None:
    """Word's core properties, capped at the 255 characters python-docx accepts."""
    props = doc.core_properties
    meta = document.properties
    props.title = _t(meta.title)[:255]
    props.subject = _t(meta.subject)[:255]
    props.author = _t(meta.author)
    props.keywords = _t(", ".join(meta.keywords))[:255]
    props.comments = "Written by pmdesk from a blameless post-incident review."
    if meta.created is not None:
        created = meta.created
        props.created = created.astimezone(UTC) if created.tzinfo else created
        props.modified = props.created  # the review's last change, not the template's date


def _add_block(doc: Any, block: Block) -> None:
    """One block in Word's built-in styles, so the reader's own styles and outline apply."""
    if isinstance(block, Heading):
        doc.add_heading(_t(block.text), level=min(max(block.level, 1), 9))
    elif isinstance(block, Paragraph):
        _labelled(doc.add_paragraph(), block)
    elif isinstance(block, BulletList):
        for item in block.items:
            _labelled(doc.add_paragraph(style="List Bullet"), item)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Figure):
        _figure(doc, block)
    else:
        para = doc.add_paragraph(style="Intense Quote")
        if block.title:
            para.add_run(_t(block.title) + "\n").bold = True
        para.add_run(_t(block.text))


def _labelled(para: Any, block: Paragraph) -> None:
    """A paragraph with its bold lead-in ("Owner:") as a separate run."""
    if block.label:
        para.add_run(_t(block.label) + " ").bold = True
    para.add_run(_t(block.text))


def _table(doc: Any, block: Table) -> None:
    """A fixed-layout table whose header repeats on every page; the titled column leads in bold."""
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = "Table Grid"
    size = _CELL_PT

    def measure(text: str, bold: bool) -> float:
        """Width of text in the table font, bold for the header and a titled cell's title."""
        return text_width(_t(text), size, bold=bold)

    # Word's cell margins are 0.19 cm each side; 2 pt more keeps a word that just fits whole.
    points = column_widths(block, Cm(_TEXT_WIDTH_CM).pt, measure, padding=12.8)
    widths = [Pt(width) for width in points]
    # A fixed layout takes the column widths from the grid and the first row, so the
    # thousand rows of a long timeline need no width of their own.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    rows = table.rows
    for row in rows:
        _keep_row_whole(row)
    header = rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, block.columns, widths, strict=True):
        cell.width = width
        _add_text(cell.paragraphs[0], _t(text), bold=True, size=size)
        _shade(cell)
    for row, values in zip(rows[1:], block.rows, strict=True):
        for n, (cell, text) in enumerate(zip(row.cells, values, strict=False)):
            para = cell.paragraphs[0]
            if n == block.titled_column:
                title, newline, rest = _t(text).partition("\n")
                _add_text(para, title, bold=True, size=size)
                _add_text(para, newline + rest, size=size)
            else:
                _add_text(para, _t(text), size=size)
    # Keep-with-next holds the header to the first row, and the last row to the one
    # before it: neither sits alone at a page's foot or head.
    for index in sorted({0, max(0, len(rows) - 2)}):
        for cell in rows[index].cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True
    if block.caption:
        doc.add_paragraph(_t(block.caption), style="Caption")


def _keep_row_whole(row: Any) -> None:
    """w:cantSplit: Word and LibreOffice move a row to the next page rather than split it."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _add_text(paragraph: Any, text: str, *, bold: bool = False, size: float = 0) -> None:
    """Append one run of clean text: python-docx's add_run, without its per-run overhead.

    Line breaks and tabs become ``w:br`` and ``w:tab``, as python-docx would write them,
    so reading the document back gives the text as it was.
    """
    if not text:
        return
    run = OxmlElement("w:r")
    if bold or size:
        props = OxmlElement("w:rPr")
        if bold:
            props.append(OxmlElement("w:b"))
        if size:
            half_points = OxmlElement("w:sz")
            half_points.set(qn("w:val"), str(round(size * 2)))
            props.append(half_points)
        run.append(props)
    for n, line in enumerate(text.split("\n")):
        if n:
            run.append(OxmlElement("w:br"))
        for m, chunk in enumerate(line.split("\t")):
            if m:
                run.append(OxmlElement("w:tab"))
            if chunk:
                piece = OxmlElement("w:t")
                piece.text = chunk
                piece.set(qn("xml:space"), "preserve")
                run.append(piece)
    paragraph._p.append(run)


# Children of w:pPr that come after w:bidi in the schema's sequence.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _right_to_left(doc: Any) -> None:
    """Mark paragraphs whose text starts in a right-to-left script as such.

    Word orders the letters of Hebrew and Arabic itself, but a paragraph keeps
    left-to-right direction (flush left, full stop on the wrong side) unless it
    carries w:bidi, and its runs w:rtl.
    """
    for paragraph in doc.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if not has_rtl(text) or base_direction(text) != "R":
            continue
        props = paragraph.get_or_add_pPr()
        if props.find(qn("w:bidi")) is None:
            props.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
        for run in paragraph.iter(qn("w:r")):
            run.get_or_add_rPr().get_or_add_rtl()  # <w:rtl/>: on


def _repeat_header(row: Any) -> None:
    """Mark a header row: repeated on each page, announced as headers by screen readers."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _shade(cell: Any) -> None:
    """Shade a header cell the same pale blue as the PDF's table header."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "EEF2F6")
    cell._tc.get_or_add_tcPr().append(shading)


def _figure(doc: Any, block: Figure) -> None:
    """A figure scaled to the text width and at most max_height of the page, with alt text."""
    try:
        image = DocxImage.from_blob(block.png)
    except Exception as exc:  # python-docx raises several types for a damaged image
        raise BadInput(f"the figure '{block.caption}' is not a readable PNG image") from exc
    width_cm = _TEXT_WIDTH_CM
    height_cm = width_cm * image.px_height / max(image.px_width, 1)
    limit = _TEXT_HEIGHT_CM * block.max_height
    if height_cm > limit:
        width_cm = width_cm * limit / height_cm
    shape = doc.add_picture(io.BytesIO(block.png), width=Cm(width_cm))
    # Alt text: what a screen reader says for the picture (Word's "Description").
    shape._inline.docPr.set("descr", _t(block.caption))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_t(block.caption), style="Caption")
