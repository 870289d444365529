"""Storage: the library service, its database setup and migrations, and .pmreview files.

The names below load on first use (PEP 562), so that ``pmdesk.store.peek`` can list
a library's reviews before the window's first paint without importing SQLAlchemy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pmdesk.store.extras import ReviewExtras
    from pmdesk.store.library import Library, Removal
    from pmdesk.store.pmreview import read_review_file, write_review_file

_HOMES = {
    "Library": "pmdesk.store.library",
    "Removal": "pmdesk.store.library",
    "ReviewExtras": "pmdesk.store.extras",
    "read_review_file": "pmdesk.store.pmreview",
    "write_review_file": "pmdesk.store.pmreview",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'pmdesk.store' has no attribute {name!r}")
    return getattr(import_module(home), name)


__all__ = ["Library", "Removal", "ReviewExtras", "read_review_file", "write_review_file"]
