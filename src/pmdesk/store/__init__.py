"""Storage: the library service, its database setup and migrations, and .pmreview files."""

from pmdesk.store.extras import ReviewExtras
from pmdesk.store.library import Library, Removal
from pmdesk.store.pmreview import read_review_file, write_review_file

__all__ = ["Library", "Removal", "ReviewExtras", "read_review_file", "write_review_file"]
