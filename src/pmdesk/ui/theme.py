"""Themes: follow the system, light, dark, or projector (large type, high contrast).

A theme is a palette plus a small style sheet; the projector theme is for a
room reading a wall from ten metres away.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

THEMES = ("system", "light", "dark", "projector")


@dataclass(frozen=True)
class Colours:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    highlight_text: str
    error: str


LIGHT = Colours(
    "#f6f7f9", "#ffffff", "#f0f2f5", "#1c2430", "#4d5868", "#2357c6", "#ffffff", "#b3261e"
)
DARK = Colours(
    "#1e2228", "#15181d", "#23272e", "#e8eaed", "#aab2bf", "#7aa2f7", "#0b0d10", "#ff8a80"
)
PROJECTOR = Colours(
    "#000000", "#000000", "#111111", "#ffffff", "#e0e0e0", "#ffd54f", "#000000", "#ff8a80"
)

_STYLE = """
QLabel#sectionHeading {{ font-size: {heading}pt; font-weight: 600; color: {text}; }}
QLabel#sectionHint {{ color: {muted}; }}
QLabel#inlineError {{ color: {error}; font-weight: 600; }}
QListWidget#sectionList {{ font-size: {nav}pt; }}
QListWidget#sectionList::item {{ padding: 6px 8px; }}
QTableView {{ gridline-color: {alternate}; }}
"""


def resolve(theme: str) -> str:
    """The concrete theme for 'system': dark when the desktop is dark."""
    if theme != "system":
        return theme if theme in THEMES else "light"
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else None
    from PySide6.QtCore import Qt

    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def current_theme() -> str:
    """The concrete theme last applied ('light', 'dark' or 'projector'), for canvases."""
    app = QApplication.instance()
    value = app.property("pmdeskTheme") if app is not None else None
    return value if isinstance(value, str) and value in THEMES[1:] else "light"


def apply_theme(app: QApplication, theme: str, base_font: QFont | None = None) -> str:
    """Apply a theme to the whole application; returns the concrete theme applied."""
    concrete = resolve(theme)
    app.setProperty("pmdeskTheme", concrete)
    colours = {"light": LIGHT, "dark": DARK, "projector": PROJECTOR}[concrete]
    if "Fusion" in QStyleFactory.keys():  # noqa: SIM118 - keys() is a Qt call, not a dict
        app.setStyle("Fusion")
    palette = QPalette()
    role = QPalette.ColorRole
    palette.setColor(role.Window, QColor(colours.window))
    palette.setColor(role.WindowText, QColor(colours.text))
    palette.setColor(role.Base, QColor(colours.base))
    palette.setColor(role.AlternateBase, QColor(colours.alternate))
    palette.setColor(role.Text, QColor(colours.text))
    palette.setColor(role.PlaceholderText, QColor(colours.muted))
    palette.setColor(role.Button, QColor(colours.alternate))
    palette.setColor(role.ButtonText, QColor(colours.text))
    palette.setColor(role.Highlight, QColor(colours.accent))
    palette.setColor(role.HighlightedText, QColor(colours.highlight_text))
    palette.setColor(role.ToolTipBase, QColor(colours.base))
    palette.setColor(role.ToolTipText, QColor(colours.text))
    palette.setColor(role.Link, QColor(colours.accent))
    app.setPalette(palette)
    # Themes scale the font the app started with, not the one a previous theme set.
    stored = app.property("pmdeskBaseFont")
    if base_font is None:
        base_font = stored if isinstance(stored, QFont) else QFont(app.font())
    if not isinstance(stored, QFont):
        app.setProperty("pmdeskBaseFont", QFont(base_font))
    font = QFont(base_font)
    size = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    if concrete == "projector":
        size = max(size * 2.0, 20.0)
    font.setPointSizeF(size)
    app.setFont(font)
    app.setStyleSheet(
        _STYLE.format(
            heading=round(size * 1.5),
            nav=round(size * 1.1),
            text=colours.text,
            muted=colours.muted,
            error=colours.error,
            alternate=colours.alternate,
        )
    )
    return concrete
