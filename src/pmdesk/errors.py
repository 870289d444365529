"""Errors a person sees, split as the style guide asks: bad input, environment, conflicts.

Anything that is not one of these is a bug and goes to the global handler.
Every message is one plain sentence that names the place when there is one.
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose message is written for the user, not for a developer."""


class BadInput(UserError):
    """The user gave us something we cannot read; nothing was changed."""


class BadReviewFile(BadInput):
    """A .pmreview or review.json file that does not follow the format."""


class BadImport(BadInput):
    """A chat, pager or CSV export we cannot import."""


class NotFound(UserError):
    """A review or item named by the user does not exist (or no longer does)."""


class Ambiguous(UserError):
    """A name that matches more than one review."""


class AlreadyExists(UserError):
    """An imported review whose id is already in the library."""


class ConflictError(UserError):
    """The review changed underneath us (another window or laptop); nothing was overwritten."""

    def __init__(self, message: str, *, review_id: str, expected: int, actual: int) -> None:
        super().__init__(message)
        self.review_id = review_id
        self.expected = expected
        self.actual = actual


class LibraryUnavailable(UserError):
    """The library cannot be used: locked, read-only, damaged, not ours, or too new."""


class ExportFailed(UserError):
    """A file could not be written; any previous file at that path is intact."""
