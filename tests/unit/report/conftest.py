"""Reviews, figures and read-back helpers for the report tests (fictional people, no blame)."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image

from pmdesk.model.review import Review
from pmdesk.report import Figures
from pmdesk.store.sample import sample_review


@pytest.fixture(scope="session")
def sample() -> Review:
    """The shipped 'Checkout failures after a database failover' review: a realistic one."""
    return sample_review()


def make_png(width: int, height: int, colour: tuple[int, int, int] = (40, 90, 160)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="session")
def figures() -> Figures:
    """Stand-ins for the drawn figures, at print-like pixel sizes."""
    return Figures(
        timeline_full=make_png(2400, 1400, (30, 80, 150)),
        timeline_key=make_png(2400, 700, (200, 120, 40)),
        cheese=make_png(2000, 1200, (230, 200, 60)),
    )


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a .docx, as python-docx reads it back."""
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    """The body text of every page, without the running header and page number.

    Those are drawn first on each page, so they come first in the extracted text; left
    in, they would interrupt a word or paragraph that runs on to the next page.
    """
    from pypdf import PdfReader

    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        lines = page.extract_text().split("\n")
        marker = lines.index(f"Page {number}", 0, 3)
        pages.append("\n".join(lines[marker + 1 :]))
    return "\n".join(pages)


def md_text(data: bytes) -> str:
    """What a CommonMark renderer shows: inline text with breaks, markup removed."""
    markdown_it = pytest.importorskip("markdown_it")
    parser = markdown_it.MarkdownIt("commonmark").enable("table")
    parts: list[str] = []
    for token in parser.parse(data.decode("utf-8")):
        if token.type != "inline":
            continue
        for child in token.children or ():
            is_br = child.type == "html_inline" and child.content == "<br>"
            if child.type in ("softbreak", "hardbreak") or is_br:
                parts.append("\n")
            else:
                parts.append(child.content)
        parts.append("\n")
    return "".join(parts)


READERS: dict[str, Callable[[bytes], str]] = {"docx": docx_text, "pdf": pdf_text, "md": md_text}


def squash(text: str) -> str:
    """Text without whitespace: PDF and Markdown re-wrap lines, the characters must survive."""
    return "".join(text.split())


@pytest.fixture(scope="session")
def read_back() -> Callable[[str, bytes], str]:
    """read_back(fmt, data): the text a reader of that format gets back."""

    def read(fmt: str, data: bytes) -> str:
        return READERS[fmt](data)

    return read


@pytest.fixture(scope="session")
def png() -> Callable[[int, int], bytes]:
    return make_png
