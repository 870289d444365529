"""What every importer produces: chat messages and the people who wrote them.

Importers differ in what they read, but the key-moment scorer and the review
only need one shape. Keeping it a plain frozen value lets an import run in a
worker thread and hand its result back whole, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import msgspec

from pmdesk.model.review import SourceType

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class ImportCancelled(Exception):
    """The user cancelled an import; nothing was imported. Not an error to report."""


class ChatMessage(msgspec.Struct, frozen=True, gc=False):
    """One message as the facilitator will see it: mentions resolved, text cleaned.

    A Struct rather than a dataclass: an export can hold a million of these, and a
    Struct is built in a tenth of the time and stays out of the garbage collector's
    way (it can hold no reference cycles: times, strings and flags only).
    """

    at: datetime
    author_id: str
    author_name: str
    text: str
    source_type: SourceType
    source_ref: str
    channel: str | None = None
    thread_ts: str | None = None
    is_bot: bool = False
    subtype: str | None = None


@dataclass(frozen=True, slots=True)
class ChatPerson:
    """Someone who wrote in the chat; becomes a review Person if the facilitator agrees."""

    id: str
    name: str
    is_bot: bool = False


@dataclass(frozen=True, slots=True)
class ImportResult:
    """A whole import: messages sorted by time, and the people met along the way."""

    messages: tuple[ChatMessage, ...]
    people: tuple[ChatPerson, ...]


class Steps:
    """Reports progress and honours Cancel between units of work (files, lines)."""

    def __init__(
        self, total: int, progress: ProgressFn | None, cancelled: CancelledFn | None
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def check(self) -> None:
        """Raise ImportCancelled if the user asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelled("the import was cancelled")

    def advance(self, count: int = 1) -> None:
        """Count finished work, tell the listener and look for Cancel."""
        self.check()
        self.done = min(self.done + count, self.total)
        if self._progress is not None:
            self._progress(self.done, self.total)
