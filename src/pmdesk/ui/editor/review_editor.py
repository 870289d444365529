"""The review editor: a section list on the left, the chosen section on the right.

A full review has Overview, Story, Timeline, Factors, Actions, Went well &
lucky and Report. A short review shows only three sections — what happened,
why, what we'll do — so it can be written in fifteen minutes. Switching the
kind rebuilds the sections; nothing is lost because every field is already
in the library.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk.coach import Finding
from pmdesk.model import Change, Part, ReviewKind
from pmdesk.ui.actions import ActionsSection
from pmdesk.ui.coach import FindingHighlighter, ReviewCoach
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor import sections
from pmdesk.ui.editor.overview import OverviewSection
from pmdesk.ui.fields import FieldBinding, line_editor, plain_text_editor
from pmdesk.ui.item_table import ItemTableSection
from pmdesk.ui.plain import plain_tooltip

#: Section keys, as used by ``show_section`` and ``pmdesk snapshot --view``.
FULL_SECTIONS = ("overview", "story", "timeline", "factors", "actions", "went_well", "report")
SHORT_SECTIONS = ("what_happened", "why", "what_we_do")

_ITEM_WHERE = re.compile(r"^(\w+)\[(\d+)\]")

SectionFactory = Callable[[ReviewDocument], QWidget]


def _timeline_canvas(document: ReviewDocument) -> QWidget:
    """The timeline canvas section, imported on first build to keep this module light."""
    from pmdesk.ui.timeline.section import timeline_canvas_section

    return timeline_canvas_section(document)


def _report_section(document: ReviewDocument) -> QWidget:
    """The report section, imported on first build to keep this module light."""
    from pmdesk.ui.report_view import ReportSection

    return ReportSection(document)


def _factor_board(document: ReviewDocument) -> QWidget:
    """The factor board section, imported on first build to keep this module light."""
    from pmdesk.ui.factors.section import factor_board_section

    return factor_board_section(document)


class ShortWhatHappened(QWidget):
    """Title, severity and the story in one page: the first of a short review's three parts."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = line_editor("Title of the review")
        self.title_edit.setObjectName("titleEdit")
        self.severity_edit = line_editor("Severity, e.g. SEV3")
        self.story_edit = plain_text_editor(
            "What happened, and what the team knew and believed as it unfolded"
        )
        self.story_edit.setObjectName("narrativeEdit")
        self._bindings = [
            FieldBinding(document, self.title_edit, "title", "Title"),
            FieldBinding(
                document,
                self.severity_edit,
                "severity",
                "Severity",
                parse=lambda t, r: t.strip() or None,
            ),
            FieldBinding(
                document,
                self.story_edit,
                "narrative",
                "What happened",
                parse=lambda t, r: t if t.strip() else None,
            ),
        ]
        heading = QLabel("What happened")
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow("&Title", self.title_edit)
        form.addRow("Se&verity", self.severity_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.story_edit, 1)


def _default_factories() -> dict[str, tuple[str, SectionFactory]]:
    """Every section by key, with its label and how to build it."""
    return {
        "overview": ("Overview", OverviewSection),
        "story": ("Story", sections.StorySection),
        "timeline": ("Timeline", _timeline_canvas),
        "factors": ("Factors", _factor_board),
        "actions": ("Actions", ActionsSection),
        "went_well": ("Went well & lucky", sections.WentWellSection),
        "report": ("Report", _report_section),
        "what_happened": ("What happened", ShortWhatHappened),
        "why": ("Why", sections.FactorsSection),
        "what_we_do": ("What we'll do", ActionsSection),
    }


class ReviewEditor(QWidget):
    """All sections of one review, with keyboard navigation between them (Ctrl+1…9).

    Signals:
        section_changed(str): the key of the section now shown.
        open_review_requested(str): a section asks to open another review.
    """

    section_changed = Signal(str)
    open_review_requested = Signal(str)

    def __init__(
        self,
        document: ReviewDocument,
        parent: QWidget | None = None,
        *,
        coach: ReviewCoach | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewEditor")
        self.document = document
        self.coach = coach
        self._highlighters: list[FindingHighlighter] = []
        self.nav = QListWidget()
        self.nav.setObjectName("sectionList")
        self.nav.setAccessibleName("Sections of the review")
        # As wide as the longest section name in the theme's font, never wider.
        self.nav.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.stack = QStackedWidget()
        self._keys: list[str] = []
        self._kind: ReviewKind | None = None
        self.sections: dict[str, QWidget] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.stack.currentChanged.connect(self._on_stack_current_changed)
        for n in range(9):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{n + 1}"), self)
            shortcut.activated.connect(lambda row=n: self._select_row(row))
        document.changed.connect(self._on_document_changed)
        self._build()

    @property
    def keys(self) -> list[str]:
        """The section keys shown now, which depend on the kind of review."""
        return list(self._keys)

    def current_key(self) -> str:
        """The key of the section on screen, or "" before any is shown."""
        row = self.nav.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def show_section(self, key: str) -> QWidget:
        """Show a section by key; the short review maps full keys onto its three parts."""
        key = _short_alias(key) if self._kind is ReviewKind.SHORT else key
        if key not in self._keys:
            raise KeyError(f"this review has no section '{key}'")
        self.nav.setCurrentRow(self._keys.index(key))
        return self.sections[key]

    def _select_row(self, row: int) -> None:
        """Ctrl+N: show section N when there is one."""
        if 0 <= row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _build(self) -> None:
        """Build the sections for the review's kind, staying on the current one if it exists."""
        kind = self.document.review.kind
        current = self.current_key()
        self._kind = kind
        keys = SHORT_SECTIONS if kind is ReviewKind.SHORT else FULL_SECTIONS
        defaults = _default_factories()
        self.nav.blockSignals(True)
        self.nav.clear()
        while (widget := self.stack.widget(0)) is not None:
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.sections.clear()
        for n, key in enumerate(keys):
            label, factory = defaults[key]
            widget = factory(self.document)
            self.sections[key] = widget
            wants = getattr(widget, "open_review_requested", None)
            if wants is not None:
                wants.connect(self.open_review_requested)
            self.stack.addWidget(widget)
            item = QListWidgetItem(label)
            item.setToolTip(plain_tooltip(f"{label} (Ctrl+{n + 1})"))
            self.nav.addItem(item)
        self._keys = list(keys)
        self._attach_coach()
        self.nav.blockSignals(False)
        target = current if current in self._keys else self._keys[0]
        self.nav.setCurrentRow(self._keys.index(target))
        self.stack.setCurrentIndex(self._keys.index(target))
        self._on_stack_current_changed(self.stack.currentIndex())

    def prose_editors(self) -> dict[str, QPlainTextEdit]:
        """The prose fields on screen, by the coach's field name."""
        found: dict[str, QPlainTextEdit] = {}
        for key, name in (
            ("story", "narrative_edit"),
            ("what_happened", "story_edit"),
            ("overview", "summary_edit"),
            ("overview", "impact_edit"),
        ):
            editor = getattr(self.sections.get(key), name, None)
            if isinstance(editor, QPlainTextEdit):
                where = {"summary_edit": "summary", "impact_edit": "impact.description"}
                found[where.get(name, "narrative")] = editor
        return found

    def _attach_coach(self) -> None:
        """Give each prose editor a highlighter for the coach's findings."""
        self._highlighters = []
        if self.coach is None:
            return
        for where, editor in self.prose_editors().items():
            self._highlighters.append(FindingHighlighter(editor, self.coach, where))

    def jump_to(self, finding: Finding) -> None:
        """Show the field a finding is about, with its words selected."""
        editors = self.prose_editors()
        if finding.where in editors:
            editor = editors[finding.where]
            section = next(
                k
                for k, w in self.sections.items()
                if editor in w.findChildren(QPlainTextEdit) or w is editor
            )
            self.show_section(section)
            cursor = editor.textCursor()
            cursor.setPosition(min(finding.start, len(editor.toPlainText())))
            cursor.setPosition(
                min(finding.end, len(editor.toPlainText())), cursor.MoveMode.KeepAnchor
            )
            editor.setTextCursor(cursor)
            editor.setFocus()
            return
        match = _ITEM_WHERE.match(finding.where)
        if match is None:
            if finding.where == "title":
                self.show_section("overview")
            return
        part, index = match.group(1), int(match.group(2))
        section_key = {"events": "timeline", "factors": "factors", "actions": "actions"}.get(
            part, "went_well"
        )
        widget = self.show_section(section_key)
        items = self.document.review.items(Part(part)) if part in Part._value2member_map_ else ()
        show_event = getattr(widget, "show_event", None)
        if part == "events" and callable(show_event) and index < len(items):
            show_event(items[index].id)
            return
        if index < len(items):
            for table in [widget, *widget.findChildren(ItemTableSection)]:
                if isinstance(table, ItemTableSection) and table.model.part.value == part:
                    table.select_item(items[index].id)
                    table.view.setFocus()
                    break

    def set_theme(self, theme: str) -> None:
        """Canvases draw their own colours; tell them the app's theme changed."""
        for widget in self.sections.values():
            set_theme = getattr(widget, "set_theme", None)
            if callable(set_theme):
                set_theme(theme)

    def _on_nav_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._keys):
            self.stack.setCurrentIndex(row)
            self.section_changed.emit(self._keys[row])

    def _on_stack_current_changed(self, index: int) -> None:
        """Only the section on screen sizes the editor.

        QStackedLayout's minimum is the largest of all its pages, so the report's
        or the timeline's width would push the window past a 1280×800 projector
        while the Actions table is shown; hidden pages ignore their size hints.
        """
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        for n in range(self.stack.count()):
            page = self.stack.widget(n)
            if page is None:
                continue
            own = page.property("pmdeskSizePolicy")
            if not isinstance(own, QSizePolicy):
                own = page.sizePolicy()
                page.setProperty("pmdeskSizePolicy", own)
            page.setSizePolicy(own if n == index else ignored)
        self.stack.updateGeometry()

    def _on_document_changed(self, change: Change) -> None:
        """Rebuild only when the kind of review changes: the sections differ."""
        if Part.REVIEW in change.parts and self.document.review.kind is not self._kind:
            self._build()


def _short_alias(key: str) -> str:
    """Where a full review's section lives in a short review, so links still land."""
    return {
        "overview": "what_happened",
        "story": "what_happened",
        "timeline": "what_happened",
        "factors": "why",
        "actions": "what_we_do",
    }.get(key, key)


__all__ = ["FULL_SECTIONS", "SHORT_SECTIONS", "ReviewEditor"]
