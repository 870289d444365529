"""A report's neutral document laid out in a QTextDocument, for the Report section's preview.

The preview shows what the reader will get (headings, lists, tables, the
blameless callout) without writing a file. Every piece of user text goes in
through ``QTextCursor.insertText``, so it is never read as markup. Figures are
drawn by the Report section once typing pauses (drawing takes long enough to
stall typing); until then the preview marks where each one goes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
)

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
from pmdesk.text import clean_text

#: Stand-in picture bytes (PNG's signature, no picture): build_document keeps a figure's
#: place only when it has one, and the preview shows a note there instead.
FIGURE_PLACEHOLDER = b"\x89PNG\r\n\x1a\npmdesk preview: figure drawn on export"


class _Formats:
    """Character and block formats in the widget's palette (light, dark or projector)."""

    def __init__(self, palette: QPalette, base_size: float, width: int) -> None:
        self.text = QColor(palette.color(QPalette.ColorRole.Text))
        self.muted = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        self.accent = QColor(palette.color(QPalette.ColorRole.Highlight))
        self.shade = QColor(palette.color(QPalette.ColorRole.AlternateBase))
        self.size = base_size
        self.width = width  # the widest a figure is shown
        self.figures = 0  # figures placed so far: each gets its own resource name

    def char(
        self, *, scale: float = 1.0, bold: bool = False, muted: bool = False, accent: bool = False
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(self.size * scale)
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        fmt.setForeground(self.accent if accent else self.muted if muted else self.text)
        return fmt

    def block(self, *, before: float = 0, after: float = 6, heading: int = 0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(before)
        fmt.setBottomMargin(after)
        fmt.setHeadingLevel(heading)  # screen readers announce it as a heading
        return fmt


def fill_preview(
    target: QTextDocument, document: Document, palette: QPalette, width: int = 700
) -> None:
    """Replace ``target``'s content with ``document``, laid out for reading on screen.

    Figures with real pictures are shown at most ``width`` pixels wide; the
    placeholder only marks where a figure goes.
    """
    target.clear()
    base = target.defaultFont().pointSizeF()
    formats = _Formats(palette, base if base > 0 else 10.0, width)
    cursor = QTextCursor(target)
    cursor.beginEditBlock()
    cursor.setBlockFormat(formats.block(after=2, heading=1))
    cursor.insertText(_plain(document.title), formats.char(scale=1.9, bold=True))
    cursor.insertBlock(formats.block(after=10))
    cursor.insertText(_plain(document.subtitle), formats.char(muted=True))
    for block in document.blocks:
        _add(cursor, block, formats)
    cursor.endEditBlock()


def _start_block(cursor: QTextCursor, fmt: QTextBlockFormat) -> None:
    """A new paragraph, reusing the empty one Qt leaves after a table, list or frame."""
    here = cursor.block()
    if here.length() <= 1 and cursor.currentTable() is None and cursor.currentList() is None:
        cursor.setBlockFormat(fmt)
    else:
        cursor.insertBlock(fmt)


def _add(cursor: QTextCursor, block: Block, formats: _Formats) -> None:
    if isinstance(block, Heading):
        level = max(1, min(block.level, 6))
        _start_block(cursor, formats.block(before=14, after=4, heading=level + 1))
        scale = 1.35 if level <= 1 else 1.15
        cursor.insertText(_plain(block.text), formats.char(scale=scale, bold=True, accent=True))
    elif isinstance(block, Paragraph):
        _start_block(cursor, formats.block())
        _labelled(cursor, block, formats)
    elif isinstance(block, BulletList):
        _bullets(cursor, block, formats)
    elif isinstance(block, Table):
        _table(cursor, block, formats)
    elif isinstance(block, Figure):
        _figure(cursor, block, formats)
    elif isinstance(block, Callout):
        _callout(cursor, block, formats)


def _figure(cursor: QTextCursor, block: Figure, formats: _Formats) -> None:
    image = QImage.fromData(block.png) if block.png != FIGURE_PLACEHOLDER else QImage()
    if image.isNull():
        _start_block(cursor, formats.block(before=4, after=8))
        cursor.insertText(
            f"▣ Figure: {_plain(block.caption)} (drawn when typing pauses, and on export)",
            formats.char(muted=True),
        )
        return
    if image.width() > formats.width:  # scaled smoothly here, not pixel by pixel by Qt
        image = image.scaledToWidth(formats.width, Qt.TransformationMode.SmoothTransformation)
    # Our own resource name: the document never loads anything from outside.
    formats.figures += 1
    name = QUrl(f"pmdesk-figure:{formats.figures}")
    cursor.document().addResource(QTextDocument.ResourceType.ImageResource, name, image)
    shown = QTextImageFormat()
    shown.setName(name.toString())
    shown.setWidth(image.width())
    shown.setHeight(image.height())
    centred = formats.block(before=6, after=2)
    centred.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    _start_block(cursor, centred)
    cursor.insertImage(shown)
    caption = formats.block(after=8)
    caption.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    cursor.insertBlock(caption)
    cursor.insertText(_plain(block.caption), formats.char(scale=0.85, muted=True))


def _labelled(cursor: QTextCursor, paragraph: Paragraph, formats: _Formats) -> None:
    if paragraph.label:
        cursor.insertText(_plain(paragraph.label) + " ", formats.char(bold=True))
    cursor.insertText(_plain(paragraph.text), formats.char())


def _bullets(cursor: QTextCursor, block: BulletList, formats: _Formats) -> None:
    style = QTextListFormat()
    style.setStyle(QTextListFormat.Style.ListDisc)
    style.setIndent(1)
    for n, item in enumerate(block.items):
        if n == 0:
            _start_block(cursor, formats.block(after=3))
            cursor.createList(style)
        else:
            cursor.insertBlock(formats.block(after=3))
        _labelled(cursor, item, formats)
    # The next block must not join the list.
    cursor.insertBlock(formats.block(after=0))
    current = cursor.currentList()
    if current is not None:
        current.remove(cursor.block())
    cursor.setBlockFormat(formats.block(after=0))


def _table(cursor: QTextCursor, block: Table, formats: _Formats) -> None:
    shape = QTextTableFormat()
    shape.setHeaderRowCount(1)
    shape.setCellPadding(4)
    shape.setCellSpacing(0)
    shape.setBorder(0.5)
    shape.setBorderBrush(formats.muted)
    shape.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    shape.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    shares = block.widths or tuple(1.0 for _ in block.columns)
    total = sum(shares) or 1.0
    shape.setColumnWidthConstraints(
        [QTextLength(QTextLength.Type.PercentageLength, 100 * s / total) for s in shares]
    )
    shape.setTopMargin(4)
    shape.setBottomMargin(4)
    table = cursor.insertTable(1 + len(block.rows), len(block.columns), shape)
    for column, title in enumerate(block.columns):
        cell = table.cellAt(0, column)
        header = cell.format()
        header.setBackground(formats.shade)
        cell.setFormat(header)
        cell.firstCursorPosition().insertText(_plain(title), formats.char(scale=0.9, bold=True))
    for row, values in enumerate(block.rows, start=1):
        for column, text in enumerate(values[: len(block.columns)]):
            at = table.cellAt(row, column).firstCursorPosition()
            if column == block.titled_column:
                title, newline, rest = _plain(text).partition("\n")
                at.insertText(title, formats.char(scale=0.9, bold=True))
                if newline:
                    at.insertText("\n" + rest, formats.char(scale=0.9))
            else:
                at.insertText(_plain(text), formats.char(scale=0.9))
    cursor.movePosition(QTextCursor.MoveOperation.End)
    if block.caption:
        _start_block(cursor, formats.block(after=8))
        cursor.insertText(_plain(block.caption), formats.char(scale=0.85, muted=True))


def _callout(cursor: QTextCursor, block: Callout, formats: _Formats) -> None:
    frame = QTextFrameFormat()
    frame.setBackground(formats.shade)
    frame.setPadding(8)
    frame.setTopMargin(6)
    frame.setBottomMargin(6)
    frame.setLeftMargin(0)
    frame.setBorder(0)
    inner = cursor.insertFrame(frame)
    if block.title:
        cursor.insertText(_plain(block.title), formats.char(bold=True))
        cursor.insertBlock(formats.block(after=0))
    cursor.insertText(_plain(block.text), formats.char())
    cursor.setPosition(inner.lastPosition())
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock)


def _plain(text: str | None) -> str:
    """Clean text; QTextCursor takes it literally, so markup stays visible as typed."""
    return clean_text(text or "")
