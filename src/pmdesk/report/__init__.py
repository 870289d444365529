"""Reports for each audience (engineering, leadership, adjacent, short) as Word, PDF, Markdown.

``build_document`` gives the neutral document (for a live preview, with
``to_markdown`` or ``to_plain_text``); ``render_report`` and ``write_report`` give the
finished file, ``write_report_files`` also the Markdown report's figure files.
Importing this package loads neither python-docx nor reportlab.
"""

from __future__ import annotations

from pmdesk.report.audiences import Audience, Figures, build_document
from pmdesk.report.document import Document
from pmdesk.report.markdown import to_markdown, to_plain_text
from pmdesk.report.render import (
    Format,
    Written,
    render_document,
    render_report,
    write_report,
    write_report_files,
)

__all__ = [
    "Audience",
    "Document",
    "Figures",
    "Format",
    "Written",
    "build_document",
    "render_document",
    "render_report",
    "to_markdown",
    "to_plain_text",
    "write_report",
    "write_report_files",
]
