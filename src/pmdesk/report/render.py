"""Reports as bytes or files: pick the audience, build the document, hand it to one writer.

The writers import python-docx and reportlab, which take a noticeable time to load;
they are imported here only when a report in that format is asked for.
"""

from __future__ import annotations

import enum
import os
from pathlib import Path

from pmdesk.errors import BadInput
from pmdesk.fileio import atomic_write_bytes
from pmdesk.model.review import Review
from pmdesk.report.audiences import Audience, Figures, build_document
from pmdesk.report.document import Document


class Format(enum.StrEnum):
    DOCX = "docx"
    PDF = "pdf"
    MD = "md"


def render_document(document: Document, fmt: Format | str) -> bytes:
    """An already built document in one format (the GUI builds once for preview and export)."""
    chosen = _format(fmt)
    if chosen is Format.DOCX:
        from pmdesk.report.docx_writer import render_docx

        return render_docx(document)
    if chosen is Format.PDF:
        from pmdesk.report.pdf_writer import render_pdf

        return render_pdf(document)
    from pmdesk.report.markdown import to_markdown

    return to_markdown(document).encode("utf-8")


def render_report(
    review: Review, audience: Audience | str, fmt: Format | str, figures: Figures | None = None
) -> bytes:
    """The report for one audience in one format, as the bytes of the file."""
    chosen = _format(fmt)
    return render_document(build_document(review, audience, figures), chosen)


def write_report(
    review: Review,
    audience: Audience | str,
    fmt: Format | str,
    path: str | os.PathLike[str],
    figures: Figures | None = None,
) -> Path:
    """Write the report atomically: a failed export leaves any previous file intact."""
    return atomic_write_bytes(path, render_report(review, audience, fmt, figures))


def _format(fmt: Format | str) -> Format:
    """A format from its name or file suffix (".PDF" too), or BadInput listing the choices."""
    try:
        return Format(str(fmt).lower().lstrip("."))
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise BadInput(f"'{fmt}' is not a report format; choose one of {names}") from None
