"""The current hole's details beside the board: category, trajectory, third party, events.

Linking a factor to timeline events happens here: the room sees which
moments a hole showed itself in, and ticks or unticks them. Every change
is one undo command through ``pmdesk.ui.factors.edits``. Below, the factor
in context: the earlier reviews where a factor like it was written (the
Patterns view's rule), each a link that opens its review.

Signals:
    open_review_requested(str): the user activated an earlier review.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pmdesk.clock import format_day, format_moment, local
from pmdesk.errors import UserError
from pmdesk.model import Change, Part, Review
from pmdesk.patterns.context import FactorMatcher, SeenBefore, library_matcher
from pmdesk.patterns.summary import moment_of
from pmdesk.text import one_line
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits
from pmdesk.ui.plain import plain_tooltip

_EVENT_ROLE = Qt.ItemDataRole.UserRole
_REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1
_DETAIL_PARTS = frozenset({Part.FACTORS, Part.EVENTS, Part.LAYERS, Part.REVIEW})


class FactorDetails(QWidget):
    """Details of one factor; empty and disabled when no hole is current."""

    open_review_requested = Signal(str)

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._matcher: FactorMatcher | None = None
        self._matcher_moment: object = None
        self._factor_id: str | None = None
        self._read_only = False
        self._filling = False
        self._linking = False
        self.title = QLabel("Choose a hole on the board to see its details.")
        self.title.setObjectName("factorDetailsTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.category = QComboBox()
        self.category.setObjectName("factorCategory")
        self.category.setAccessibleName("Category")
        self.category.addItem("None", None)
        for value, label in edits.CATEGORIES:
            self.category.addItem(label, value)
        self.category.activated.connect(self._on_category_activated)
        self.trajectory = QCheckBox("On the &trajectory")
        self.trajectory.setObjectName("factorTrajectory")
        self.trajectory.setToolTip(
            plain_tooltip("The incident passed through this hole (T on the board)")
        )
        self.trajectory.clicked.connect(self._on_trajectory_clicked)
        self.third_party = QCheckBox("Thi&rd party")
        self.third_party.setObjectName("factorThirdParty")
        self.third_party.clicked.connect(self._on_third_party_clicked)
        self.generalisable = QCheckBox("Other teams may &share this gap")
        self.generalisable.setObjectName("factorGeneralisable")
        self.generalisable.setToolTip(
            plain_tooltip(
                "Other teams likely built this defence the same way: the report for "
                "neighbouring teams lists it"
            )
        )
        self.generalisable.clicked.connect(self._on_generalisable_clicked)
        self.events = QListWidget()
        self.events.setObjectName("factorEvents")
        self.events.setAccessibleName("Timeline events this factor showed in")
        self.events.setWordWrap(True)
        self.events.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.events.itemChanged.connect(self._on_events_itemChanged)
        form = QFormLayout()
        form.addRow("Category", self.category)
        form.addRow(self.trajectory)
        form.addRow(self.third_party)
        form.addRow(self.generalisable)
        events_label = QLabel("Seen in these timeline events:")
        events_label.setTextFormat(Qt.TextFormat.PlainText)
        events_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(events_label)
        layout.addWidget(self.events, 1)
        self.seen_label = QLabel()
        self.seen_label.setObjectName("factorSeenLabel")
        self.seen_label.setTextFormat(Qt.TextFormat.PlainText)
        self.seen_label.setWordWrap(True)
        self.seen = QListWidget()
        self.seen.setObjectName("factorSeenBefore")
        self.seen.setAccessibleName("Earlier reviews with a factor like this one")
        self.seen.setWordWrap(True)
        self.seen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.seen.setMaximumHeight(self.fontMetrics().lineSpacing() * 9)
        self.seen.itemActivated.connect(self._on_seen_itemActivated)
        layout.addWidget(self.seen_label)
        layout.addWidget(self.seen)
        document.changed.connect(self._on_document_changed)
        self.show_factor(None)

    def set_read_only(self, read_only: bool) -> None:
        """Lock or unlock the controls, refilled from the review so they show the current state."""
        self._read_only = read_only
        self.show_factor(self._factor_id)

    def show_factor(self, factor_id: str | None) -> None:
        """Fill the panel from the review; _filling keeps the slots from pushing edits meanwhile."""
        review = self._doc.review
        factor = review.factor(factor_id)
        self._factor_id = factor.id if factor else None
        self._filling = True
        try:
            editable = factor is not None and not self._read_only
            for widget in (self.category, self.trajectory, self.third_party, self.generalisable):
                widget.setEnabled(editable)
            self.events.clear()
            self._show_seen(review, factor.text if factor else None)
            if factor is None:
                self.title.setText("Choose a hole on the board to see its details.")
                self.category.setCurrentIndex(0)
                self.trajectory.setChecked(False)
                self.third_party.setChecked(False)
                self.generalisable.setChecked(False)
                return
            layer = review.layer(factor.layer)
            where = f" — in {one_line(layer.name, 60)}" if layer else ""
            self.title.setText(f"{one_line(factor.text, 120)}{where}")
            index = self.category.findData(factor.category)
            if index < 0:  # a free-text category from an imported file: show it as it is
                self.category.addItem(one_line(factor.category or "", 40), factor.category)
                index = self.category.count() - 1
            self.category.setCurrentIndex(index)
            self.trajectory.setChecked(factor.on_trajectory)
            self.third_party.setChecked(factor.third_party)
            self.generalisable.setChecked(factor.generalisable)
            linked = set(factor.events)
            for event in review.events_by_time():
                when = format_moment(event.at, review.timezone, with_date=False)
                item = QListWidgetItem(f"{when}  {one_line(event.title, 120)}")
                item.setToolTip(plain_tooltip(format_moment(event.at, review.timezone)))
                item.setData(_EVENT_ROLE, event.id)
                flags = Qt.ItemFlag.ItemIsEnabled
                if not self._read_only:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                checked = event.id in linked
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                self.events.addItem(item)
        finally:
            self._filling = False

    def _show_seen(self, review: Review, text: str | None) -> None:
        """List the earlier reviews with a factor like ``text``; each opens its review."""
        self.seen.clear()
        self.seen.setVisible(False)
        if text is None:
            self.seen_label.setText("")
            return
        try:
            found = self._matcher_for(review).like(text)
        except UserError as exc:
            self.seen_label.setText(f"Earlier reviews could not be read: {exc}")
            return
        if not found:
            self.seen_label.setText("Not seen in earlier reviews.")
            return
        count = len(found)
        self.seen_label.setText(
            f"Seen in {count} earlier review{'s' if count != 1 else ''} (Enter or double-click "
            "opens one):"
        )
        for seen in found:
            self.seen.addItem(self._seen_item(seen, review))
        self.seen.setVisible(True)

    def _seen_item(self, seen: SeenBefore, review: Review) -> QListWidgetItem:
        when = format_day(local(seen.moment, review.timezone).date()) if seen.moment else "undated"
        item = QListWidgetItem(
            f"{when} · {one_line(seen.review_title, 80)}\n“{one_line(seen.factor.text, 160)}”"
        )
        item.setToolTip(plain_tooltip(f"Shared words: {', '.join(seen.shared)}"))
        item.setData(_REVIEW_ROLE, seen.review_id)
        return item

    def _matcher_for(self, review: Review) -> FactorMatcher:
        """The earlier reviews' factors, read once (again only if the incident's time moved)."""
        moment = moment_of(review)
        if self._matcher is None or moment != self._matcher_moment:
            self._matcher = library_matcher(self._doc.library, review)
            self._matcher_moment = moment
        return self._matcher

    def _on_seen_itemActivated(self, item: QListWidgetItem) -> None:
        self.open_review_requested.emit(str(item.data(_REVIEW_ROLE)))

    def linked_event_ids(self) -> list[str]:
        """The ticked events in list order, as the factor will store them."""
        return [
            str(self.events.item(n).data(_EVENT_ROLE))
            for n in range(self.events.count())
            if self.events.item(n).checkState() == Qt.CheckState.Checked
        ]

    def _on_document_changed(self, change: Change) -> None:
        # A tick in the events list already shows the new state; rebuilding the list
        # from inside that item's own signal would delete the item under Qt's feet.
        if change.parts & _DETAIL_PARTS and not self._linking:
            self.show_factor(self._factor_id)

    def _on_category_activated(self, index: int) -> None:
        """A category chosen by the user, not by show_factor, becomes one undoable edit."""
        if self._factor_id and not self._filling:
            edits.set_category(self._doc, self._factor_id, self.category.itemData(index))

    def _on_trajectory_clicked(self) -> None:
        """The same toggle as T on the board, so both stay in step."""
        if self._factor_id and not self._filling:
            edits.toggle_trajectory(self._doc, self._factor_id)

    def _on_third_party_clicked(self, checked: bool) -> None:
        """One undoable edit when the user ticks or clears the box."""
        if self._factor_id and not self._filling:
            edits.set_third_party(self._doc, self._factor_id, checked)

    def _on_generalisable_clicked(self, checked: bool) -> None:
        """One undoable edit when the user ticks or clears the box."""
        if self._factor_id and not self._filling:
            edits.set_generalisable(self._doc, self._factor_id, checked)

    def _on_events_itemChanged(self, item: QListWidgetItem) -> None:
        """A ticked or cleared event becomes one undoable edit of the factor's events."""
        if self._factor_id and not self._filling:
            self._linking = True
            try:
                edits.set_events(self._doc, self._factor_id, self.linked_event_ids())
            finally:
                self._linking = False
