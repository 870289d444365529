"""The Report section: choose a reader and a format, read a live preview, export.

What each audience gets is decided in ``pmdesk.report``; the coach's
readiness summary (and any open blame finding) is shown before export, never
blocking it. Figures are drawn on the GUI thread, the document is written
off it, and the file is written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from pmdesk.ui.document import ReviewDocument

if TYPE_CHECKING:
    from pmdesk.model import Review
    from pmdesk.report import Figures

AUDIENCES = (
    ("engineering", "Engineers — everything, with the full timeline"),
    ("leadership", "Leaders — impact, why, what we will do (two pages)"),
    ("adjacent", "Neighbouring teams — could this hit you?"),
    ("short", "Everyone — what happened, why, what we'll do"),
)
FORMATS = (("pdf", "PDF"), ("docx", "Word (.docx)"), ("md", "Markdown (wikis)"))
PREVIEW_DELAY_MS = 400
FIGURE_DELAY_MS = 1500
#: Above this many events the preview keeps marking figures instead of drawing them.
PREVIEW_FIGURE_LIMIT = 2000


class _ExportSignals(QObject):
    finished = Signal(str)
    failed = Signal(str)


class _ExportJob(QRunnable):
    """Builds and writes the report off the UI thread; reports back by signal."""

    def __init__(
        self, review: Review, audience: str, fmt: str, path: Path, figures: Figures | None
    ) -> None:
        super().__init__()
        self.signals = _ExportSignals()
        self._args = (review, audience, fmt, path, figures)

    def run(self) -> None:
        from pmdesk.errors import UserError
        from pmdesk.report import write_report

        try:
            written = write_report(*self._args)
        except UserError as exc:
            self.signals.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug: say so plainly, the old file is intact
            self.signals.failed.emit(f"the report could not be written ({exc})")
            return
        self.signals.finished.emit(str(written))


class ReportSection(QWidget):
    """Audience and format pickers, readiness, preview and export.

    Signals:
        exported(str): a report was written to this path.
    """

    exported = Signal(str)

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportSection")
        self._doc = document
        self._job: _ExportJob | None = None
        heading = QLabel("Report")
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        self.audience = QComboBox()
        self.audience.setObjectName("reportAudience")
        self.audience.setAccessibleName("Reader")
        for key, label in AUDIENCES:
            self.audience.addItem(label, key)
        self.fmt = QComboBox()
        self.fmt.setObjectName("reportFormat")
        self.fmt.setAccessibleName("Format")
        for key, label in FORMATS:
            self.fmt.addItem(label, key)
        self.export_button = QPushButton("&Export report…")
        self.export_button.setObjectName("exportReportButton")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.hide()
        self.readiness = QLabel()
        self.readiness.setObjectName("sectionHint")
        self.readiness.setTextFormat(Qt.TextFormat.PlainText)
        self.readiness.setWordWrap(True)
        self.blame = QLabel()
        self.blame.setObjectName("inlineError")
        self.blame.setTextFormat(Qt.TextFormat.PlainText)
        self.blame.setWordWrap(True)
        self.blame.hide()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.preview = QTextEdit()
        self.preview.setObjectName("reportPreview")
        self.preview.setReadOnly(True)
        self.preview.setAcceptRichText(False)  # content goes in through QTextCursor only
        self.preview.setAccessibleName("Preview of the report")
        row = QHBoxLayout()
        reader = QLabel("&Reader")
        reader.setTextFormat(Qt.TextFormat.PlainText)
        reader.setBuddy(self.audience)
        fmt = QLabel("&Format")
        fmt.setTextFormat(Qt.TextFormat.PlainText)
        fmt.setBuddy(self.fmt)
        for widget in (reader, self.audience, fmt, self.fmt, self.export_button, self.progress):
            row.addWidget(widget)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.readiness)
        layout.addWidget(self.blame)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        # Figures are drawn on the GUI thread (QPainter), so only after a pause and only
        # for the review as it is then; until then the preview marks where they go.
        self._figures: Figures | None = None
        self._figures_version = -1
        self._figure_timer = QTimer(self)
        self._figure_timer.setSingleShot(True)
        self._figure_timer.setInterval(FIGURE_DELAY_MS)
        self._figure_timer.timeout.connect(self._on_figure_timer_timeout)
        self.audience.currentIndexChanged.connect(lambda *_: self.refresh())
        document.changed.connect(lambda *_: self._timer.start())
        self.refresh()

    def current_audience(self) -> str:
        return str(self.audience.currentData())

    def current_format(self) -> str:
        return str(self.fmt.currentData())

    def refresh(self) -> None:
        """Rebuild the preview and the readiness summary for the chosen reader."""
        from pmdesk.coach import Family, readiness
        from pmdesk.figures.export import report_figures
        from pmdesk.report import build_document
        from pmdesk.ui.report_preview import FIGURE_PLACEHOLDER, fill_preview

        review = self._doc.review
        try:
            dismissed = self._doc.library.dismissed(review.id)
        except Exception:  # the preview must not fail because a lookup did
            dismissed = frozenset()
        ready = readiness(review, dismissed=dismissed)
        lines = [ready.headline]
        lines += [f"• {f.message}" for f in ready.top]
        self.readiness.setText("\n".join(lines))
        blame_count = ready.counts.get(Family.BLAME, 0)
        self.blame.setVisible(blame_count > 0)
        if blame_count:
            self.blame.setText(
                f"{blame_count} sentence(s) judge people rather than conditions. Readers remember "
                "blame; consider rewording before you publish."
            )
        bar = self.preview.verticalScrollBar()
        position = bar.value() if bar is not None else 0
        drawn = self._figures if self._figures_version == review.version else None
        if drawn is None:
            figures = report_figures(review, placeholder=FIGURE_PLACEHOLDER)
            if len(review.events) <= PREVIEW_FIGURE_LIMIT:
                self._figure_timer.start()
        report = build_document(review, self.current_audience(), drawn or figures)
        width = max(200, self.preview.viewport().width() - 24)
        fill_preview(self.preview.document(), report, self.preview.palette(), width)
        if bar is not None:
            bar.setValue(position)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Edits made in other sections only marked the figures; draw them now, after a pause.
        if self._figures_version != self._doc.review.version:
            self._figure_timer.start()

    def _on_figure_timer_timeout(self) -> None:
        """Draw the figures once typing has paused, and show them in the preview."""
        from pmdesk.figures.export import report_figures

        review = self._doc.review
        if not self.isVisible() or self._figures_version == review.version:
            return
        self._figures = report_figures(review)
        self._figures_version = review.version
        self.refresh()

    def export(self, path: Path, *, wait: bool = False) -> None:
        """Write the chosen report to ``path`` off the UI thread (``wait`` for tests/scripts)."""
        review = self._doc.review
        fmt = self.current_format()
        figures = None
        if fmt != "md":
            from pmdesk.figures.export import report_figures

            figures = report_figures(review)
        job = _ExportJob(review, self.current_audience(), fmt, path, figures)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._job = job
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText(f"Writing {path.name}…")
        if wait:
            job.setAutoDelete(False)
            job.run()
        else:
            QThreadPool.globalInstance().start(job)

    def _on_export_clicked(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        fmt = self.current_format()
        title = "".join(c if c.isalnum() or c in "-_ " else "_" for c in self._doc.review.title)
        suggested = f"{title.strip()[:50]} - {self.current_audience()}.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Export report", suggested, f"*.{fmt}")
        if path:
            self.export(Path(path))

    def _on_job_finished(self, path: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(f"Wrote {path}")
        self.exported.emit(path)

    def _on_job_failed(self, message: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(f"Not written: {message}. Any earlier file is unchanged.")
