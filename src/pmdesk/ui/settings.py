"""UI state kept between runs (QSettings): geometry, recent reviews, theme, library.

Each key is declared once, with its type, default and a line on what it is for.
Review content never lives here; it is in the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

_T = TypeVar("_T")


@dataclass(frozen=True)
class Key(Generic[_T]):
    name: str
    default: _T
    doc: str


GEOMETRY = Key("window/geometry", QByteArray(), "main window position and size")
WINDOW_STATE = Key("window/state", QByteArray(), "docks and toolbars of the main window")
RECENT = Key("reviews/recent", list[str](), "ids of recently opened reviews, newest first")
THEME = Key("ui/theme", "system", "system, light, dark or projector")
ZOOM = Key("ui/zoom", "100", "interface zoom in percent (View › Zoom, Ctrl+= / Ctrl+- / Ctrl+0)")
LIBRARY = Key("library/location", "", "library path or URL chosen in the app ('' = default)")
COACH = Key("ui/coach", True, "whether the coach dock shows beside an open review")
RECENT_LIMIT = 10


class Settings:
    """Typed access to pmdesk's QSettings; tests pass an ini file of their own."""

    def __init__(self, settings: QSettings | None = None) -> None:
        """The user's QSettings unless a test passes its own."""
        self._qs = settings or QSettings("pmdesk", "pmdesk")

    def get(self, key: Key[_T]) -> _T:
        """Read a key as its default's type: ini files give back strings and single-item lists."""
        value: Any = self._qs.value(key.name, key.default)
        if isinstance(key.default, list):
            if value is None:
                return key.default
            result: Any = list(value) if isinstance(value, list | tuple) else [str(value)]
            return result  # type: ignore[no-any-return]
        if isinstance(key.default, str):
            text: Any = str(value) if value is not None else key.default
            return text  # type: ignore[no-any-return]
        if isinstance(key.default, bool):  # an ini file gives back "true" / "false"
            flag: Any = value if isinstance(value, bool) else str(value).lower() == "true"
            return flag  # type: ignore[no-any-return]
        return value if value is not None else key.default

    def set(self, key: Key[_T], value: _T) -> None:
        self._qs.setValue(key.name, value)

    def remember_review(self, review_id: str) -> list[str]:
        """Move a review to the front of the recent list, capped at RECENT_LIMIT."""
        recent = [r for r in self.get(RECENT) if r != review_id]
        recent.insert(0, review_id)
        del recent[RECENT_LIMIT:]
        self.set(RECENT, recent)
        return recent

    def forget_review(self, review_id: str) -> None:
        """Drop a deleted review from the recent list."""
        self.set(RECENT, [r for r in self.get(RECENT) if r != review_id])

    def sync(self) -> None:
        """Write settings to disk now, e.g. before quitting or in tests."""
        self._qs.sync()
