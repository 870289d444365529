"""A drafted story as plain values: paragraphs of sentences that each name their sources.

The editor shows a sentence's sources on hover and a reader can check any claim,
so a sentence never exists without the events (or review milestones) it came from.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from pmdesk.model import Event


class Phase(enum.StrEnum):
    """The phases a story is told in; the drafter writes one paragraph per phase with content."""

    LEAD_UP = "lead_up"
    DETECTION = "detection"
    DIAGNOSIS = "diagnosis"
    MITIGATION = "mitigation"
    RECOVERY = "recovery"
    FOLLOW_UP = "follow_up"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a sentence came from: an event (with its chat or pager message) or a milestone.

    ``ref`` is the event's ``source.ref`` for imported events, so a reader can go
    back to the very message; ``milestone`` is a review field such as ``detected_at``.
    """

    event: str | None = None
    ref: str | None = None
    milestone: str | None = None

    @classmethod
    def of_event(cls, event: Event) -> Citation:
        """Cite an event and its source message, so the reader can check the sentence."""
        return cls(event=event.id, ref=event.source.ref if event.source else None)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    sources: tuple[Citation, ...]

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(c.event for c in self.sources if c.event is not None)

    @property
    def refs(self) -> tuple[str, ...]:
        """The chat or pager messages the sentence stands on, for the draft view."""
        return tuple(c.ref for c in self.sources if c.ref is not None)

    @property
    def milestones(self) -> tuple[str, ...]:
        return tuple(c.milestone for c in self.sources if c.milestone is not None)


@dataclass(frozen=True, slots=True)
class Paragraph:
    phase: Phase
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return " ".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft of *what happened*, and nothing else: no factors, actions or why.

    ``notes`` are messages for the user (for example why the model was not used);
    ``by_model`` says whether the text came from the configured model server.
    """

    paragraphs: tuple[Paragraph, ...]
    notes: tuple[str, ...] = ()
    by_model: bool = False

    @property
    def text(self) -> str:
        """The narrative as the review stores it: plain text, blank lines between paragraphs."""
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for paragraph in self.paragraphs for s in paragraph.sentences)

    def with_notes(self, *notes: str) -> Draft:
        """The same draft with notes added, e.g. which model wrote it."""
        return Draft(self.paragraphs, self.notes + notes, self.by_model)
