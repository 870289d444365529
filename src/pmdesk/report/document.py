"""The neutral report document: what a reader sees, before it becomes Word, PDF or Markdown.

Audiences build one of these from a review; each writer only decides how a block
looks. Keeping the selection and wording here means the three formats never
disagree about content, and the GUI can preview a report without python-docx or
reportlab. All text is plain user text; writers escape it for their format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeAlias


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading; level 1 is a top section (Word "Heading 1", a PDF bookmark)."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Prose, with an optional bold lead-in such as "Owner:"."""

    text: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Paragraph, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of plain text under a header row; ``widths`` are relative column shares."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None
    caption: str | None = None
    #: A column whose cells start with a title line, shown in bold (the timeline's events).
    titled_column: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A picture the caller drew (PNG bytes), shown across the text width."""

    png: bytes = field(repr=False)
    caption: str
    #: The tallest the figure may be, as a share of the page's text height.
    max_height: float = 0.6


@dataclass(frozen=True, slots=True)
class Callout:
    """A boxed aside the reader should not miss (the blameless reminder, "could this hit you?")."""

    text: str
    title: str | None = None


Block: TypeAlias = Heading | Paragraph | BulletList | Table | Figure | Callout


@dataclass(frozen=True, slots=True)
class Properties:
    """Document metadata: Word core properties and the PDF info dictionary."""

    title: str
    subject: str
    keywords: tuple[str, ...] = ()
    created: datetime | None = None
    author: str = "pmdesk"


@dataclass(frozen=True, slots=True)
class Document:
    """One report for one audience: a title, a line under it, and the blocks in order."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    properties: Properties
    #: The running header on every page after the first (PDF and Word).
    running_header: str = ""

    def headings(self, level: int | None = None) -> list[str]:
        """Section titles in order, for tests, previews and outlines."""
        return [
            block.text
            for block in self.blocks
            if isinstance(block, Heading) and (level is None or block.level == level)
        ]
