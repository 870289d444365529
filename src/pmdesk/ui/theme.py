"""Themes: follow the system, light, dark, or projector (large type, high contrast).

A theme is data plus one templated style sheet, both shipped under
``pmdesk/resources/themes``: ``<theme>.json`` holds the palette, the coach's
colours and the size factors, and ``app.qss`` is filled in from it. Widgets
carry an object name or a dynamic property and never a style sheet of their
own, so a theme changes every screen at once. The projector theme is for a
room reading a wall from ten metres away.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from string import Template
from types import MappingProxyType

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from pmdesk.resources import read_text

THEMES = ("system", "light", "dark", "projector")

#: What every theme file names; app.qss may use any of these.
PALETTE_KEYS = (
    "window",
    "base",
    "alternate",
    "text",
    "muted",
    "accent",
    "highlight_text",
    "error",
    "warning",
    "border",
)
COACH_KEYS = ("blame", "vague", "action", "story", "structure")
#: Type sizes as factors of the theme's body size; the rest are plain numbers.
TYPE_KEYS = ("heading", "nav", "phase", "clock", "live", "sheet_heading", "sheet_text")
SIZE_KEYS = ("font_scale", "min_font_pt", "border_px", *TYPE_KEYS)
PRESENTER_KEYS = (
    "background",
    "text",
    "muted",
    "accent",
    "nearly",
    "over",
    "rule",
    "track",
    "blank",
)

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")

#: The interface zoom levels, in percent, that View › Zoom steps through.
ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)


def zoom_percent(text: object) -> int:
    """A remembered zoom as one of ``ZOOM_STEPS`` (100 for anything unreadable)."""
    try:
        value = int(str(text).strip().rstrip("%"))
    except ValueError:
        return 100
    return min(ZOOM_STEPS, key=lambda step: abs(step - value))


def zoom_step(current: int, steps: int) -> int:
    """The zoom ``steps`` levels in (positive) or out (negative) from ``current``."""
    at = ZOOM_STEPS.index(zoom_percent(current)) + steps
    return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, at))]


class ThemeFileError(ValueError):
    """A shipped theme file is incomplete or malformed: a packaging bug, not user input."""


@dataclass(frozen=True)
class Theme:
    """One concrete theme as its file says: colours by role and size factors."""

    name: str
    palette: Mapping[str, str]
    coach: Mapping[str, str]
    sizes: Mapping[str, float]

    def body_points(self, base_points: float) -> float:
        """The body font size for an app that started at ``base_points``."""
        return max(base_points * self.sizes["font_scale"], self.sizes["min_font_pt"])

    def style_sheet(self, body_points: float) -> str:
        """``app.qss`` filled in with this theme's colours and sizes."""
        values: dict[str, object] = dict(self.palette)
        values.update({f"{k}_pt": round(body_points * self.sizes[k]) for k in TYPE_KEYS})
        values["border_px"] = round(self.sizes["border_px"])
        try:
            return Template(read_text("themes", "app.qss")).substitute(values)
        except (KeyError, ValueError) as exc:
            raise ThemeFileError(f"themes/app.qss: unknown or broken placeholder {exc}") from None


def _section(data: object, file: str, name: str, keys: tuple[str, ...]) -> dict[str, object]:
    """One mapping of a theme file, with exactly the keys pmdesk reads."""
    section = data.get(name) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        raise ThemeFileError(f"themes/{file}: no '{name}' table")
    missing = [k for k in keys if k not in section]
    if missing:
        raise ThemeFileError(f"themes/{file}: '{name}' lacks {', '.join(missing)}")
    return {k: section[k] for k in keys}


def _colours(data: object, file: str, name: str, keys: tuple[str, ...]) -> Mapping[str, str]:
    """A table of ``#rrggbb`` colours, read-only."""
    section = _section(data, file, name, keys)
    bad = [k for k, v in section.items() if not isinstance(v, str) or not _HEX.match(v)]
    if bad:
        raise ThemeFileError(f"themes/{file}: '{name}' has no #rrggbb colour for {', '.join(bad)}")
    return MappingProxyType({k: str(v).lower() for k, v in section.items()})


def _read(file: str) -> object:
    try:
        return json.loads(read_text("themes", file))
    except (OSError, ValueError) as exc:
        raise ThemeFileError(f"themes/{file}: {exc}") from None


@cache
def load_theme(name: str) -> Theme:
    """The theme ``light``, ``dark`` or ``projector`` from its file, checked once and cached."""
    if name not in THEMES[1:]:
        raise ThemeFileError(f"no theme '{name}'; choose one of {', '.join(THEMES[1:])}")
    file = f"{name}.json"
    data = _read(file)
    sizes = {
        k: float(v)
        for k, v in _section(data, file, "sizes", SIZE_KEYS).items()
        if isinstance(v, int | float) and v >= 0
    }
    if len(sizes) != len(SIZE_KEYS):
        bad = ", ".join(k for k in SIZE_KEYS if k not in sizes)
        raise ThemeFileError(f"themes/{file}: 'sizes' needs numbers for {bad}")
    return Theme(
        name=name,
        palette=_colours(data, file, "palette", PALETTE_KEYS),
        coach=_colours(data, file, "coach", COACH_KEYS),
        sizes=MappingProxyType(sizes),
    )


@cache
def presenter_colours() -> Mapping[str, str]:
    """The presenter window's own colours: black on white whatever the console's theme."""
    return _colours(_read("presenter.json"), "presenter.json", "palette", PRESENTER_KEYS)


def resolve(theme: str) -> str:
    """The concrete theme for 'system': dark when the desktop is dark."""
    if theme != "system":
        return theme if theme in THEMES else "light"
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else None
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def current_theme() -> str:
    """The concrete theme last applied ('light', 'dark' or 'projector'), for canvases."""
    app = QApplication.instance()
    value = app.property("pmdeskTheme") if app is not None else None
    return value if isinstance(value, str) and value in THEMES[1:] else "light"


def theme_colour(role: str) -> QColor:
    """A palette colour of the theme in use, for the few things a style sheet cannot reach."""
    return QColor(load_theme(current_theme()).palette[role])


def coach_colour(family: str) -> QColor:
    """The coach's colour for a family of findings in the theme in use (text colour otherwise)."""
    theme = load_theme(current_theme())
    return QColor(theme.coach.get(family, theme.palette["text"]))


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property the style sheet selects on, and restyle the widget if it changed."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def current_zoom() -> int:
    """The interface zoom last applied, in percent."""
    app = QApplication.instance()
    return zoom_percent(app.property("pmdeskZoom") if app is not None else 100)


def apply_theme(
    app: QApplication, theme: str, base_font: QFont | None = None, zoom: int | None = None
) -> str:
    """Apply a theme to the whole application; returns the concrete theme applied.

    ``zoom`` (percent) scales every font the theme sets, so the whole interface
    grows or shrinks at once; None keeps the zoom last applied.
    """
    zoom = zoom_percent(current_zoom() if zoom is None else zoom)
    app.setProperty("pmdeskZoom", zoom)
    concrete = resolve(theme)
    data = load_theme(concrete)
    colours = data.palette
    app.setProperty("pmdeskTheme", concrete)
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - keys() is a Qt call, not a dict
        app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    for qt_role, key in (
        (role.Window, "window"),
        (role.WindowText, "text"),
        (role.Base, "base"),
        (role.AlternateBase, "alternate"),
        (role.Text, "text"),
        (role.PlaceholderText, "muted"),
        (role.Button, "alternate"),
        (role.ButtonText, "text"),
        (role.Highlight, "accent"),
        (role.HighlightedText, "highlight_text"),
        (role.ToolTipBase, "base"),
        (role.ToolTipText, "text"),
        (role.Link, "accent"),
    ):
        palette.setColor(qt_role, QColor(colours[key]))
    app.setPalette(palette)
    # Themes scale the font the app started with, not the one a previous theme set.
    stored = app.property("pmdeskBaseFont")
    if base_font is None:
        base_font = stored if isinstance(stored, QFont) else QFont(app.font())
    if not isinstance(stored, QFont):
        app.setProperty("pmdeskBaseFont", QFont(base_font))
    font = QFont(base_font)
    size = data.body_points(font.pointSizeF() if font.pointSizeF() > 0 else 10.0) * zoom / 100
    font.setPointSizeF(size)
    app.setFont(font)
    app.setStyleSheet(data.style_sheet(size))
    return concrete
