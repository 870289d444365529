"""pmdesk: blameless post-incident reviews, from first draft to published report."""

from pmdesk._version import __version__

__all__ = ["__version__"]
