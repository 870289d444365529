"""Reports as bytes or files: pick the audience, build the document, hand it to one writer.

The writers import python-docx and reportlab, which take a noticeable time to load;
they are imported here only when a report in that format is asked for.
"""

from __future__ import annotations

import contextlib
import enum
import os
from dataclasses import dataclass
from pathlib import Path

from pmdesk.errors import BadInput, ExportFailed
from pmdesk.fileio import atomic_write_bytes, check_output, describe_os_error
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


@dataclass(frozen=True, slots=True)
class Written:
    """What an export wrote: the report, and for Markdown its figure files beside it."""

    path: Path
    figures: tuple[Path, ...] = ()

    def describe(self) -> str:
        """One line for the person who asked: the file, and where its figures went."""
        if not self.figures:
            return f"wrote {self.path}"
        count = len(self.figures)
        noun = "figure" if count == 1 else "figures"
        return f"wrote {self.path} and {count} {noun} as PNG in {self.figures[0].parent}/"


def write_report(
    review: Review,
    audience: Audience | str,
    fmt: Format | str,
    path: str | os.PathLike[str],
    figures: Figures | None = None,
) -> Path:
    """Write the report atomically: a failed export leaves any previous file intact."""
    return write_report_files(review, audience, fmt, path, figures).path


def write_report_files(
    review: Review,
    audience: Audience | str,
    fmt: Format | str,
    path: str | os.PathLike[str],
    figures: Figures | None = None,
) -> Written:
    """Write the report, and for Markdown its figures as PNG files in ``<name>_files/``.

    Every file is written atomically; the figures go first so that the ``.md`` never
    links a picture that is not there yet, and stale ``figure-N.png`` files of an
    earlier export with more figures are removed.
    """
    chosen = _format(fmt)
    document = build_document(review, audience, figures)
    if chosen is not Format.MD:
        return Written(atomic_write_bytes(path, render_document(document, chosen)))
    from pmdesk.report.markdown import figure_files, to_markdown

    target = Path(path)
    final = check_output(target)
    files = figure_files(document)
    if not files:
        return Written(atomic_write_bytes(target, to_markdown(document).encode("utf-8")))
    folder_name = f"{final.stem}_files"
    folder = final.parent / folder_name
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, folder)) from exc
    written = tuple(atomic_write_bytes(folder / name, png) for name, png in files)
    _remove_stale_figures(folder, {name for name, _ in files})
    text = to_markdown(document, folder_name).encode("utf-8")
    return Written(atomic_write_bytes(target, text), written)


def _remove_stale_figures(folder: Path, keep: set[str]) -> None:
    """Drop figure files an earlier, longer export left, so the folder matches the report."""
    for old in folder.glob("figure-*.png"):
        if old.name not in keep:
            with contextlib.suppress(OSError):
                old.unlink()


def _format(fmt: Format | str) -> Format:
    """A format from its name or file suffix (".PDF" too), or BadInput listing the choices."""
    try:
        return Format(str(fmt).lower().lstrip("."))
    except ValueError:
        names = ", ".join(f.value for f in Format)
        raise BadInput(f"'{fmt}' is not a report format; choose one of {names}") from None
