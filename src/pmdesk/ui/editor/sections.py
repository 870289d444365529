"""The review editor's sections other than Overview.

Each section is a plain widget over the open ``ReviewDocument``. Timeline,
Factors and Actions start as tables (also the keyboard and screen-reader
view of the canvas and board that later replace them as the main view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from pmdesk.clock import format_moment
from pmdesk.model import Note, NoteKind, Part, Review
from pmdesk.ui.plain import plain_tooltip

if TYPE_CHECKING:
    from pmdesk.draft import Draft
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor import columns as cols
from pmdesk.ui.fields import FieldBinding, plain_text_editor
from pmdesk.ui.item_table import ItemTableModel, ItemTableSection


def _heading(text: str, hint: str) -> tuple[QLabel, QLabel]:
    """A section's heading and its one-line hint, both plain text."""
    heading = QLabel(text)
    heading.setObjectName("sectionHeading")
    heading.setTextFormat(Qt.TextFormat.PlainText)
    explanation = QLabel(hint)
    explanation.setObjectName("sectionHint")
    explanation.setTextFormat(Qt.TextFormat.PlainText)
    explanation.setWordWrap(True)
    return heading, explanation


class StorySection(QWidget):
    """The narrative: prose grouped by phase, saying what the team knew at each point."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading, hint = _heading(
            "Story",
            "Tell it as a story, not a log: what the team knew and believed at each point, "
            "what they tried, and what changed their mind. Separate paragraphs with a blank line.",
        )
        self.narrative_edit = plain_text_editor("The story of the incident")
        self.narrative_edit.setObjectName("narrativeEdit")
        self.message = QLabel()
        self.message.setObjectName("inlineError")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self._doc = document
        self._binding = FieldBinding(
            document,
            self.narrative_edit,
            "narrative",
            "Story",
            parse=lambda t, r: t if t.strip() else None,
            on_error=self._show_message,
        )
        self.draft_button = QPushButton("&Draft what happened from the timeline")
        self.draft_button.setObjectName("draftStoryButton")
        self.draft_button.setToolTip(
            plain_tooltip(
                "A first draft of what happened, written offline from the timeline. "
                "Why it happened and what we will do stay yours to write."
            )
        )
        self.draft_button.clicked.connect(self._on_draft_clicked)
        self._draft: Draft | None = None
        self.narrative_edit.viewport().installEventFilter(self)
        self.draft_note = QLabel()
        self.draft_note.setObjectName("sectionHint")
        self.draft_note.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_note.setWordWrap(True)
        self.draft_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.draft_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.draft_note)
        layout.addWidget(self.message)
        layout.addWidget(self.narrative_edit, 1)

    def draft(self, *, replace: bool | None = None) -> bool:
        """Put a drafted story in the field; never overwrites human text without asking.

        ``replace`` answers the question in advance (tests, scripts); ``None`` asks.
        """
        from pmdesk.draft import draft_story
        from pmdesk.ui.commands import UpdateReviewCommand

        self._binding.commit()
        review = self._doc.review
        draft = draft_story(review)
        if not draft.text.strip():
            self._show_message("The timeline has no events to draft from yet.")
            return False
        existing = (review.narrative or "").strip()
        text = draft.text
        if existing:
            choice = (
                self._ask_replace() if replace is None else ("replace" if replace else "append")
            )
            if choice is None:
                return False
            if choice == "append":
                text = f"{existing}\n\n{draft.text}"
        self._doc.undo_stack.push(
            UpdateReviewCommand(self._doc, "Draft the story", {"narrative": text})
        )
        self._draft = draft
        self.draft_note.setText(
            "This is a machine draft of what happened, written from the timeline: read it, "
            "correct it and make it yours. Hover over a sentence to see the events it came "
            "from. Undo (Ctrl+Z) takes it back."
        )
        self.draft_note.show()
        return True

    def _ask_replace(self) -> str | None:
        """Ask whether a draft goes below what a person wrote or replaces it; None cancels."""
        from PySide6.QtWidgets import QMessageBox

        from pmdesk.ui.errors import ask_choice

        role = QMessageBox.ButtonRole
        return ask_choice(
            self,
            "Draft the story",
            "The story already has text that a person wrote.",
            "Add the draft below it, or replace it? (Undo works either way.)",
            [
                ("append", "Add below", role.AcceptRole),
                ("replace", "Replace", role.DestructiveRole),
            ],
        )

    def _on_draft_clicked(self) -> None:
        self.draft()

    def sources_at(self, position: int) -> str | None:
        """The events a drafted sentence came from, for the sentence at ``position``."""
        if self._draft is None:
            return None
        text = self.narrative_edit.toPlainText()
        review = self._doc.review
        for sentence in self._draft.sentences:
            start = text.find(sentence.text)
            if start < 0 or not start <= position < start + len(sentence.text):
                continue
            lines = []
            for citation in sentence.sources:
                event = review.event(citation.event)
                if event is not None:
                    who = review.person_name(event.actor)
                    when = format_moment(event.at, review.timezone, with_date=False)
                    line = f"{when} {event.title}" + (f" ({who})" if who else "")
                    if citation.ref:
                        line += f" — source: {citation.ref}"
                    lines.append(line)
                elif citation.milestone:
                    lines.append(f"the review's {citation.milestone.replace('_at', '')} time")
            return "From: " + "; ".join(lines) if lines else None
        return None

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """A tooltip over the story says which events the sentence under the mouse came from."""
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QToolTip

        if watched is self.narrative_edit.viewport() and event.type() == QEvent.Type.ToolTip:
            position = self.narrative_edit.cursorForPosition(event.pos()).position()
            sources = self.sources_at(position)
            if sources:
                QToolTip.showText(event.globalPos(), plain_tooltip(sources), watched)
                return True
        return super().eventFilter(watched, event)

    def _show_message(self, text: str) -> None:
        """Show an inline error under the story, or hide the line when text is empty."""
        self.message.setText(text)
        self.message.setVisible(bool(text))


def timeline_section(document: ReviewDocument) -> ItemTableSection:
    """The events as a table in time order, for typing many events fast."""
    model = ItemTableModel(
        document, Part.EVENTS, cols.EVENT_COLUMNS, noun="event", rows=Review.events_by_time
    )
    return ItemTableSection(
        document,
        model,
        title="Timeline",
        hint="Each moment with what the team knew or believed then. Times are in the review's "
        "time zone. Mark the key moments: they carry the story in reports and the meeting.",
        make_item=cols.new_event,
        object_name="eventsTable",
    )


class FactorsSection(QSplitter):
    """Layers of defence and the contributing factors (holes) in them."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        """Layers above factors; the factors table gets two thirds of the height."""
        super().__init__(Qt.Orientation.Vertical, parent)
        layers = ItemTableModel(
            document,
            Part.LAYERS,
            cols.LAYER_COLUMNS,
            noun="layer",
            rows=Review.ordered_layers,
        )
        self.layers = ItemTableSection(
            document,
            layers,
            title="Layers of defence",
            hint="The slices of Swiss cheese, from prevention to recovery.",
            make_item=cols.new_layer,
            object_name="layersTable",
        )
        factors = ItemTableModel(document, Part.FACTORS, cols.FACTOR_COLUMNS, noun="factor")
        self.factors = ItemTableSection(
            document,
            factors,
            title="Contributing factors",
            hint="Incidents rarely have a single cause: which holes lined up? Mark the ones on "
            "the incident's trajectory, and the third-party ones (what did we accept?).",
            make_item=cols.new_factor,
            object_name="factorsTable",
        )
        self.addWidget(self.layers)
        self.addWidget(self.factors)
        self.setStretchFactor(1, 2)


class WentWellSection(QSplitter):
    """What went well, where we got lucky, open questions and the parking lot."""

    def __init__(self, document: ReviewDocument, parent: QWidget | None = None) -> None:
        """One table for went-well items, then one per kind of note, each with its own hint."""
        super().__init__(Qt.Orientation.Vertical, parent)
        went_well = ItemTableModel(document, Part.WENT_WELL, cols.WENT_WELL_COLUMNS, noun="item")
        self.went_well = ItemTableSection(
            document,
            went_well,
            title="What went well",
            hint="What helped: keep doing it.",
            make_item=cols.new_went_well,
            object_name="wentWellTable",
        )
        self.addWidget(self.went_well)
        self.notes: dict[NoteKind, ItemTableSection] = {}
        for kind, title, hint, text in (
            (
                NoteKind.LUCKY,
                "Where we got lucky",
                "What could have made it worse.",
                "We got lucky",
            ),
            (NoteKind.QUESTION, "Open questions", "What we still want to find out.", "A question"),
            (NoteKind.PARKING, "Parking lot", "Good points for another time.", "A topic"),
        ):
            model = ItemTableModel(
                document,
                Part.NOTES,
                cols.NOTE_COLUMNS,
                noun="note",
                rows=_notes_of(kind),
            )
            section = ItemTableSection(
                document,
                model,
                title=title,
                hint=hint,
                make_item=cols.note_factory(kind, text),
                object_name=f"{kind.value}Table",
            )
            self.notes[kind] = section
            self.addWidget(section)


def _notes_of(kind: NoteKind) -> Callable[[Review], list[Note]]:
    """The rows of one kind of note, for a table that shows only that kind."""

    def rows(review: Review) -> list[Note]:
        return [note for note in review.notes if note.kind is kind]

    return rows
