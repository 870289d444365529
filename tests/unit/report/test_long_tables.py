"""A timeline of many hundred events in the PDF: laid out a page at a time, every row kept.

reportlab splits one long Table again at every page and measures every row left
each time, so the work grew with the square of the events. These tests hold the
layout to pages of whole rows under a repeated header, in order, with the same
column widths, and to work that grows in step with the rows.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable, SimpleDocTemplate
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from pmdesk.report import pdf_writer
from pmdesk.report.document import Document, Properties, Table
from pmdesk.report.pdf_text import register_fonts
from pmdesk.report.pdf_writer import LONG_TABLE_ROWS, _frame_size, _styles, _table, render_pdf

COLUMNS = ("Time", "Kind", "What happened", "Who")


def timeline(rows: int) -> Table:
    """Rows of differing heights, each naming its number so order can be checked."""
    return Table(
        COLUMNS,
        tuple(
            (
                f"10:{n % 60:02d}",
                "Alert" if n % 3 else "Mitigation ★",
                f"Row {n}: lag on partition {n % 7}" + "\nqueue depth grew" * (n % 4),
                f"Ana Lindqvist {n % 5}",
            )
            for n in range(rows)
        ),
        widths=(1.5, 1.8, 5, 2),
        titled_column=2,
    )


def cell_text(cell: Any) -> str:
    """A cell's text, whichever kind of flowable draws it."""
    if isinstance(cell, list | tuple):
        return "\n".join(cell_text(part) for part in cell)
    if hasattr(cell, "lines"):
        return "\n".join(text for _, text in cell.lines)
    text: str = cell.getPlainText()
    return text


def laid_out(block: Table) -> list[tuple[list[float], list[list[str]]]]:
    """Each piece of the table as reportlab drew it: its column widths and its rows' text."""
    register_fonts()
    drawn: list[Flowable] = []

    class Recorder(SimpleDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Flowable) -> None:
            drawn.append(flowable)

    width, _ = _frame_size()
    doc = Recorder(io.BytesIO())
    doc.build(_table(block, _styles(), width))
    pieces = []
    for flowable in drawn:
        if hasattr(flowable, "rows"):  # a page of a long table
            rows = [[cell_text(c) for c in cells] for _, cells in flowable.rows]
            pieces.append((list(flowable.col_widths), rows))
        elif isinstance(flowable, RLTable):
            rows = [[cell_text(c) for c in row] for row in flowable._cellvalues]
            pieces.append((list(flowable._colWidths), rows))
    return pieces


def body_text(row: tuple[str, ...]) -> list[str]:
    """A row as the cells show it, without the spaces and breaks wrapping moves."""
    return ["".join(text.split()) for text in row]


def test_a_long_table_is_laid_out_in_pages_of_whole_rows_in_order() -> None:
    block = timeline(LONG_TABLE_ROWS + 150)
    pieces = laid_out(block)
    assert len(pieces) > 5
    widths = {tuple(w) for w, _ in pieces}
    assert len(widths) == 1, "every page of the table has the same column widths"
    for _, rows in pieces:
        assert rows[0] == list(COLUMNS), "the header repeats at the top of each page"
        assert len(rows) >= 3, "no page holds a lone row"
    shown = [body_text(tuple(row)) for _, rows in pieces for row in rows[1:]]
    assert shown == [body_text(row) for row in block.rows]


def test_a_long_table_never_ends_on_a_lone_row() -> None:
    for extra in range(1, 40):
        pieces = laid_out(timeline(LONG_TABLE_ROWS + extra))
        assert len(pieces[-1][1]) >= 3, f"{LONG_TABLE_ROWS + extra} rows"


@pytest.fixture
def wraps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """How often a table cell is measured (wrapped to its column), in either kind of cell."""
    calls = [0]
    for kind in (RLParagraph, pdf_writer._Lines):
        original = kind.wrap

        def counting(self: Any, width: float, height: float, original: Any = original) -> Any:
            calls[0] += 1
            return original(self, width, height)

        monkeypatch.setattr(kind, "wrap", counting)
    yield calls


def test_each_cell_of_a_long_table_is_measured_once(wraps: list[int]) -> None:
    block = timeline(LONG_TABLE_ROWS + 400)
    render_pdf(Document("Timeline", "test", (block,), Properties("Timeline", "test")))
    cells = len(block.rows) * len(COLUMNS)
    # Splitting one Table at every page measured each cell five times or more.
    assert wraps[0] < 1.5 * cells


def test_the_pdf_of_a_long_table_reads_in_order_on_every_page() -> None:
    block = timeline(LONG_TABLE_ROWS + 60)
    pdf = render_pdf(Document("Timeline", "test", (block,), Properties("Timeline", "test")))
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 3
    numbers = []
    for text in pages:
        assert text.index("Time") < text.index("What happened") < text.index("Row ")
        numbers += [int(part.split(":")[0]) for part in text.split("Row ")[1:]]
    assert numbers == list(range(len(block.rows)))


def test_rows_only_a_paragraph_can_draw_keep_their_place_in_a_long_table() -> None:
    odd = {
        5: "Row 5: שלום עולם, the rollback",  # right to left
        6: "Row 6: 数据库 failover",  # a fallback font
        7: "Row 7: https://status.example.com/" + "x" * 120,  # a word wider than the column
        8: "Row 8: " + " ".join(["lag"] * 1500),  # a row taller than a page
        9: "Row 9: \n\nafter a blank line",
    }
    rows = tuple(
        ("10:00", "Alert", odd.get(n, f"Row {n}: lag"), "Noor Haddad")
        for n in range(LONG_TABLE_ROWS + 20)
    )
    block = Table(COLUMNS, rows, widths=(1, 1, 4, 1), titled_column=2)
    pdf = render_pdf(Document("Timeline", "test", (block,), Properties("Timeline", "test")))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    numbers = [int(part.split(":")[0]) for part in text.split("Row ")[1:]]
    assert numbers == list(range(len(rows)))
    assert "数据库" in text
