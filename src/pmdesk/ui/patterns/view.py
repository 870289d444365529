"""The Patterns tab: recurring factors, services, holed layers, timings and follow-through.

The numbers come from ``pmdesk.patterns`` (no rule lives here), found on a pool
thread while a busy bar runs, and shown when they come back on the GUI thread.
Every review row opens its review (Enter or a double click).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, QThreadPool, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import parse_day
from pmdesk.errors import BadInput
from pmdesk.figures.patterns.chart import paint_timing_chart
from pmdesk.figures.style import figure_style
from pmdesk.patterns import Patterns, Scope
from pmdesk.store import Library
from pmdesk.ui.patterns.trees import (
    REVIEW_ROLE,
    fill_follow_through,
    fill_groups,
    fill_tallies,
    make_tree,
)
from pmdesk.ui.patterns.worker import PatternsJob
from pmdesk.ui.theme import current_theme


class TimingChart(QWidget):
    """The figures ring's timing chart on screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("patternsTimingChart")
        self.setAccessibleName("Median time to detect and to mitigate by month")
        self.setMinimumHeight(200)
        self.patterns: Patterns | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        months = self.patterns.months if self.patterns else ()
        paint_timing_chart(painter, QRectF(self.rect()), months, figure_style(current_theme()))
        painter.end()


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(label.textFormat().PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class PatternsView(QWidget):
    """What the library's reviews have in common, for the period, service and severity chosen.

    Signals:
        open_review_requested(str): the user activated a review row.
        computed(): new patterns are on screen (tests and benchmarks wait for it).
    """

    open_review_requested = Signal(str)
    computed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("patternsView")
        self._library: Library | None = None
        self._run = 0
        self._job: PatternsJob | None = None
        self.patterns: Patterns | None = None

        self.since = self._field("patternsSince", "Since (2026-01-31)")
        self.until = self._field("patternsUntil", "Until, included")
        self.service = self._field("patternsService", "Any service")
        self.severity = self._field("patternsSeverity", "Any severity")
        self.apply_button = QPushButton("&Show patterns")
        self.apply_button.setObjectName("patternsApply")
        self.apply_button.clicked.connect(self.refresh)
        filters = QHBoxLayout()
        for label, field in (
            ("Si&nce", self.since), ("&Until", self.until),
            ("Ser&vice", self.service), ("Severit&y", self.severity),
        ):  # fmt: skip
            form = QFormLayout()
            form.addRow(label, field)
            filters.addLayout(form)
        filters.addWidget(self.apply_button)
        self.busy = QProgressBar()
        self.busy.setObjectName("patternsBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Finding patterns")
        self.busy.hide()
        filters.addWidget(self.busy)
        filters.addStretch(1)

        self.summary = QLabel("")
        self.summary.setObjectName("patternsSummary")
        self.summary.setTextFormat(self.summary.textFormat().PlainText)
        self.summary.setWordWrap(True)

        self.groups = make_tree(
            "patternsGroups",
            "Recurring factor groups",
            ("Category / review", "Shared words / title", "Reviews / factor"),
        )
        self.services = make_tree(
            "patternsServices", "Services most involved", ("Service", "Reviews")
        )
        self.layers = make_tree("patternsLayers", "Layers most often holed", ("Layer", "Holed"))
        self.follow = make_tree("patternsFollowThrough", "Action follow-through", ("Actions", ""))
        self.chart = TimingChart()
        for tree in (self.groups, self.services, self.layers, self.follow):
            tree.itemActivated.connect(self._on_item_activated)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(_heading("Recurring factors"))
        left_box.addWidget(self.groups, 3)
        left_box.addWidget(_heading("Time to detect and to mitigate"))
        left_box.addWidget(self.chart, 2)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        for title, tree in (
            ("Services most involved", self.services), ("Layers most often holed", self.layers),
            ("Action follow-through", self.follow),
        ):  # fmt: skip
            right_box.addWidget(_heading(title))
            right_box.addWidget(tree, 1)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        box = QVBoxLayout(self)
        box.addLayout(filters)
        box.addWidget(self.summary)
        box.addWidget(split, 1)

    def _field(self, name: str, hint: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setPlaceholderText(hint)
        field.setAccessibleName(hint)
        field.returnPressed.connect(self.refresh)
        return field

    # -- computing ---------------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """Look across ``library`` (now, off the GUI thread)."""
        self._library = library
        self.refresh()

    def scope(self) -> Scope:
        """The filters as a scope; a day that is not a date raises BadInput naming the field."""
        days = []
        for name, field in (("Since", self.since), ("Until", self.until)):
            try:
                days.append(parse_day(field.text()))
            except BadInput as exc:
                raise BadInput(f"{name}: {exc}") from None
        service = self.service.text().strip() or None
        severity = self.severity.text().strip() or None
        return Scope(days[0], days[1], service, severity)

    def refresh(self) -> None:
        """Find the patterns for the filters on a pool thread; the busy bar runs meanwhile."""
        if self._library is None:
            return
        try:
            scope = self.scope()
        except BadInput as exc:
            self.summary.setText(str(exc))
            return
        self._run += 1
        job = PatternsJob(self._run, self._library, scope, date.today())
        job.setAutoDelete(False)
        job.signals.finished.connect(self._on_job_finished)
        job.signals.failed.connect(self._on_job_failed)
        self._job = job
        self.busy.show()
        self.summary.setText("Finding patterns…")
        QThreadPool.globalInstance().start(job)

    @property
    def job(self) -> PatternsJob | None:
        """The latest job started (its thread is known once it ran)."""
        return self._job

    def _on_job_failed(self, run: int, message: str) -> None:
        if run != self._run:
            return
        self.busy.hide()
        self.summary.setText(f"Patterns could not be found: {message}")

    def _on_job_finished(self, run: int, found: object) -> None:
        if run != self._run or not isinstance(found, Patterns):
            return
        self.busy.hide()
        self.show_patterns(found)
        self.computed.emit()

    # -- showing -----------------------------------------------------------------------

    def show_patterns(self, patterns: Patterns) -> None:
        """Put ``patterns`` on screen (GUI thread)."""
        self.patterns = patterns
        refs = {ref.id: ref for ref in patterns.reviews}
        fill_groups(self.groups, patterns.groups, refs)
        fill_tallies(self.services, patterns.services, refs, stage=False)
        fill_tallies(self.layers, patterns.layers, refs, stage=True)
        fill_follow_through(self.follow, patterns.follow_through, refs)
        share = patterns.third_party_share
        third = "no factors" if share is None else f"{share:.0%} of factors third party"
        self.summary.setText(
            f"{len(patterns.reviews)} reviews ({len(patterns.short_ids)} short, "
            f"{len(patterns.full_ids)} full) · {len(patterns.groups)} recurring factor groups"
            f" · {third} ({len(patterns.third_party)} of {patterns.factor_count})"
        )
        self.chart.patterns = patterns
        self.chart.update()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        review_id = item.data(0, REVIEW_ROLE)
        if isinstance(review_id, str):
            self.open_review_requested.emit(review_id)
        else:
            item.setExpanded(not item.isExpanded())

    def group_tree(self) -> QTreeWidget:
        """The recurring factor groups (for tests and the main window's focus)."""
        return self.groups
