"""Files shipped with pmdesk: the sample review, fonts, themes, icons."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable


def resource(*parts: str) -> Traversable:
    """A shipped file, found the same way from a source tree, a wheel or a bundle."""
    node = resources.files("pmdesk.resources")
    for part in parts:
        node = node / part
    return node


def read_bytes(*parts: str) -> bytes:
    return resource(*parts).read_bytes()


def read_text(*parts: str) -> str:
    """A shipped text file (themes, style sheets), always read as UTF-8."""
    return resource(*parts).read_text(encoding="utf-8")
