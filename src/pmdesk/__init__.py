"""pmdesk: blameless post-incident reviews, from first draft to published report."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("pmdesk")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
