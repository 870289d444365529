"""The Overview section: the review's own fields and the people involved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import (
    MILESTONES,
    durations,
    format_moment,
    format_number,
    is_known_zone,
    parse_moment,
    zone_names,
)
from pmdesk.errors import BadInput
from pmdesk.model import Impact, Metric, Part, Review, ReviewKind, ReviewStatus
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor.columns import PEOPLE_COLUMNS, new_person
from pmdesk.ui.fields import FieldBinding, line_editor, plain_text_editor
from pmdesk.ui.item_table import ItemTableModel, ItemTableSection

SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "SEV5"]
MILESTONE_LABELS = dict(MILESTONES)


def format_metrics(review: Review) -> str:
    """'Failed checkouts: 2,140 attempts' per line: numbers as pmdesk.clock writes them."""
    if review.impact is None:
        return ""
    lines = []
    for metric in review.impact.metrics:
        value = metric.value if isinstance(metric.value, str) else format_number(metric.value)
        unit = f" {metric.unit}" if metric.unit else ""
        lines.append(f"{metric.name}: {value}{unit}")
    return "\n".join(lines)


def parse_metrics(text: str, review: Review) -> Impact | None:
    """'Failed checkouts: 2140 attempts' per line → metrics; a line without ':' is refused."""
    metrics = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        name, sep, rest = line.partition(":")
        if not sep or not name.strip() or not rest.strip():
            raise BadInput(f"line {number}: write it as 'name: value unit', e.g. 'Errors: 2140'")
        value_text, _, unit = rest.strip().partition(" ")
        value: float | str
        try:
            value = float(value_text.replace(",", ""))
        except ValueError:
            value, unit = rest.strip(), ""
        metrics.append(Metric(name.strip(), value, unit.strip() or None))
    description = review.impact.description if review.impact else None
    if not metrics and description is None:
        return None
    return Impact(description, tuple(metrics))


class OverviewSection(QScrollArea):
    """Title, severity, status, milestones with time zone, services, impact, summary, people."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("overviewSection")
        self.setWidget(body)
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.hide()

        self.title_edit = line_editor("Title of the review")
        self.title_edit.setObjectName("titleEdit")
        self.severity_edit = QComboBox()
        self.severity_edit.setEditable(True)
        self.severity_edit.addItems(SEVERITIES)
        self.severity_edit.setAccessibleName("Severity")
        self.status_edit = QComboBox()
        self.status_edit.setAccessibleName("Status")
        for status in ReviewStatus:
            self.status_edit.addItem(status.value.replace("_", " "), status.value)
        self.kind_edit = QComboBox()
        self.kind_edit.setAccessibleName("Kind of review")
        self.kind_edit.addItem("full review", ReviewKind.FULL.value)
        self.kind_edit.addItem("short review (15 minutes)", ReviewKind.SHORT.value)
        self.zone_edit = QComboBox()
        self.zone_edit.setEditable(True)
        self.zone_edit.setAccessibleName("Time zone")
        self.zone_edit.addItems(zone_names())
        completer = QCompleter(zone_names(), self.zone_edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.zone_edit.setCompleter(completer)
        self.services_edit = line_editor("Services involved, separated by commas")
        self.summary_edit = plain_text_editor("Summary: what happened, in two or three sentences")
        self.impact_edit = plain_text_editor("Impact on customers and the business, in words")
        self.metrics_edit = plain_text_editor(
            "One per line, e.g. 'Failed checkouts: 2140 attempts'"
        )
        for editor in (self.summary_edit, self.impact_edit, self.metrics_edit):
            lines = editor.fontMetrics().lineSpacing()
            editor.setMinimumHeight(lines * 3 + 12)
            editor.setMaximumHeight(lines * 6 + 12)

        show = self._show_message
        bindings = [
            FieldBinding(document, self.title_edit, "title", "Title", on_error=show),
            FieldBinding(
                document,
                self.severity_edit,
                "severity",
                "Severity",
                parse=lambda t, r: t.strip() or None,
                on_error=show,
            ),
            FieldBinding(
                document,
                self.zone_edit,
                "timezone",
                "Time zone",
                parse=_parse_zone,
                on_error=show,
            ),
            FieldBinding(
                document,
                self.services_edit,
                "services",
                "Services",
                read=lambda r: ", ".join(r.services),
                parse=lambda t, r: tuple(s.strip() for s in t.split(",") if s.strip()),
                on_error=show,
            ),
            FieldBinding(
                document,
                self.summary_edit,
                "summary",
                "Summary",
                parse=lambda t, r: t if t.strip() else None,
                on_error=show,
            ),
            FieldBinding(
                document,
                self.impact_edit,
                "impact",
                "Impact",
                read=lambda r: (r.impact.description or "") if r.impact else "",
                parse=_parse_impact_description,
                on_error=show,
            ),
            FieldBinding(
                document,
                self.metrics_edit,
                "impact",
                "Impact numbers",
                read=format_metrics,
                parse=parse_metrics,
                on_error=show,
            ),
        ]
        self.milestone_edits = {}
        for name, label in MILESTONE_LABELS.items():
            edit = line_editor(f"{label}: e.g. 14:02 or 2026-10-14 14:02")
            edit.setObjectName(f"{name.removesuffix('_at')}Edit")
            bindings.append(
                FieldBinding(
                    document,
                    edit,
                    name,
                    label,
                    read=_milestone_reader(name),
                    parse=_milestone_parser(name),
                    on_error=show,
                )
            )
            self.milestone_edits[name] = edit
        self._bindings = bindings
        self.status_edit.activated.connect(self._on_status_activated)
        self.kind_edit.activated.connect(self._on_kind_activated)
        document.changed.connect(self._on_document_changed)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Title", self.title_edit)
        form.addRow("Se&verity", self.severity_edit)
        form.addRow("Stat&us", self.status_edit)
        form.addRow("&Kind", self.kind_edit)
        form.addRow("Ser&vices", self.services_edit)
        form.addRow("Su&mmary", self.summary_edit)

        times = QGroupBox("When (in the review's time zone)")
        grid = QGridLayout(times)
        zone_caption = QLabel("Time &zone")
        zone_caption.setBuddy(self.zone_edit)
        grid.addWidget(zone_caption, 0, 0)
        grid.addWidget(self.zone_edit, 0, 1, 1, 3)
        for n, (name, label) in enumerate(MILESTONE_LABELS.items()):
            caption = QLabel(f"&{label}")
            caption.setBuddy(self.milestone_edits[name])
            grid.addWidget(caption, 1 + n // 2, (n % 2) * 2)
            grid.addWidget(self.milestone_edits[name], 1 + n // 2, (n % 2) * 2 + 1)
        self.durations = QLabel()
        self.durations.setTextFormat(Qt.TextFormat.PlainText)
        self.durations.setObjectName("sectionHint")
        grid.addWidget(self.durations, 3, 0, 1, 4)

        impact = QGroupBox("Impact")
        impact_form = QFormLayout(impact)
        impact_form.addRow("In &words", self.impact_edit)
        impact_form.addRow("In &numbers", self.metrics_edit)

        people_model = ItemTableModel(document, Part.PEOPLE, PEOPLE_COLUMNS, noun="person")
        self.people = ItemTableSection(
            document,
            people_model,
            title="People involved",
            hint="People appear as context for the story, never as its cause.",
            make_item=new_person,
            object_name="peopleTable",
        )
        self.people.setMinimumHeight(220)

        layout = QVBoxLayout(body)
        layout.addWidget(self.message)
        layout.addLayout(form)
        layout.addWidget(times)
        layout.addWidget(impact)
        layout.addWidget(self.people)
        layout.addStretch(1)
        self._refresh_choices()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _refresh_choices(self) -> None:
        """Combo boxes and durations follow the review; text fields have their own bindings."""
        review = self._doc.review
        self.status_edit.setCurrentIndex(self.status_edit.findData(review.status.value))
        self.kind_edit.setCurrentIndex(self.kind_edit.findData(review.kind.value))
        self.durations.setText(_durations(review))

    def _on_document_changed(self, change: object) -> None:
        self._refresh_choices()

    def _on_status_activated(self, index: int) -> None:
        self._push_choice("status", ReviewStatus(self.status_edit.itemData(index)), "Set status")

    def _on_kind_activated(self, index: int) -> None:
        self._push_choice("kind", ReviewKind(self.kind_edit.itemData(index)), "Set kind")

    def _push_choice(self, field: str, value: object, label: str) -> None:
        """Push an undoable change only when the choice really differs."""
        from pmdesk.ui.commands import UpdateReviewCommand

        if getattr(self._doc.review, field) != value:
            self._doc.undo_stack.push(UpdateReviewCommand(self._doc, label, {field: value}))


def _milestone_reader(name: str) -> Callable[[Review], str]:
    """A binding reader showing one milestone in the review's time zone."""

    def read(review: Review) -> str:
        return format_moment(getattr(review, name), review.timezone)

    return read


def _milestone_parser(name: str) -> Callable[[str, Review], datetime | None]:
    """A binding parser reading one milestone near its old value or the start."""

    def parse(text: str, review: Review) -> datetime | None:
        return parse_moment(text, review.timezone, getattr(review, name) or review.started_at)

    return parse


def _parse_zone(text: str, review: Review) -> str | None:
    """A typed zone name, or None to clear it; an unknown zone is refused with an example."""
    name = text.strip()
    if not name:
        return None
    if not is_known_zone(name):
        raise BadInput(f"'{name}' is not a known time zone (e.g. Europe/Berlin)")
    return name


def _parse_impact_description(text: str, review: Review) -> Impact | None:
    """Keep the metrics when the words change; no impact at all when both are empty."""
    metrics = review.impact.metrics if review.impact else ()
    description = text if text.strip() else None
    if description is None and not metrics:
        return None
    return Impact(description, metrics)


def _durations(review: Review) -> str:
    """'1 min to detect · 50 min to mitigate · 1 h 38 min to resolve' (pmdesk.clock's)."""
    return " · ".join(f"{d.short} {d.label}" for d in durations(review))
