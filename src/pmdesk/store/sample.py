"""The sample review a new library starts with, so the first window is never empty."""

from __future__ import annotations

from pmdesk.model.review import Review
from pmdesk.resources import read_bytes
from pmdesk.store.library import Library
from pmdesk.store.pmreview import read_review_bytes

SAMPLE_FILE = "checkout-failover.review.json"


def sample_review() -> Review:
    """The fictional 'Checkout failures after a database failover' review."""
    return read_review_bytes(read_bytes("samples", SAMPLE_FILE), SAMPLE_FILE)


def seed_sample(library: Library) -> None:
    """Add the sample review to a new library (used as ``Library.open(seed=…)``)."""
    library.add_review(sample_review(), on_conflict="copy")


def open_user_library(location: str | None) -> Library:
    """The library the app works on; a new one starts with the sample review."""
    return Library.open(location, seed=seed_sample)
