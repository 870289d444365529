"""Colours, type sizes and spacing for the figures, per theme, as plain data.

Kept free of Qt so layouts (which need the sizes) stay pure Python and so a
test can check every text/background pair for contrast without a display.
The ``projector`` theme is for the review meeting: large type and a contrast
of at least 7:1 (WCAG AAA) for every text it draws, readable from the back of a room.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pmdesk.errors import BadInput
from pmdesk.model import EventKind

THEMES: tuple[str, ...] = ("light", "dark", "projector")

#: Families tried in order; DejaVu Sans ships with the app's PDF fonts and covers
#: Latin, Greek, Cyrillic, Hebrew and Arabic.
FONT_FAMILIES: tuple[str, ...] = (
    "DejaVu Sans",
    "Noto Sans",
    "Segoe UI",
    "Helvetica",
    "Arial",
    "sans-serif",
)


@dataclass(frozen=True, slots=True)
class FigureStyle:
    """Everything a figure needs to look one way; sizes are logical pixels."""

    name: str
    background: str
    text: str
    muted: str
    grid: str
    lane_fill: str
    lane_fill_alt: str
    card_fill: str
    card_border: str
    key_accent: str
    key_text: str
    milestone: str
    phase_fills: Mapping[str, str]
    kind_colors: Mapping[EventKind, str]
    cheese: str
    cheese_edge: str
    hole_fill: str
    hole_edge: str
    hole_text: str
    trajectory: str
    title_px: float
    body_px: float
    small_px: float
    margin: float
    card_width: float
    card_height: float
    card_gap: float
    row_gap: float
    lane_pad: float
    lane_label_width: float
    tick_spacing: float
    max_rows: int
    line_width: float
    slice_min_width: float
    slice_gutter: float
    hole_pad: float
    hole_max_lines: int
    font_families: tuple[str, ...] = field(default=FONT_FAMILIES)

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(where, text colour, background) for every text the figures draw."""
        pairs = [
            ("title", self.text, self.background),
            ("muted", self.muted, self.background),
            ("lane label", self.text, self.lane_fill),
            ("lane label alt", self.text, self.lane_fill_alt),
            ("lane note", self.muted, self.lane_fill),
            ("lane note alt", self.muted, self.lane_fill_alt),
            ("card", self.text, self.card_fill),
            ("card time", self.muted, self.card_fill),
            ("key badge", self.key_text, self.key_accent),
            ("milestone", self.milestone, self.background),
            ("hole", self.hole_text, self.hole_fill),
        ]
        pairs += [(f"phase {name}", self.text, fill) for name, fill in self.phase_fills.items()]
        return pairs


def _kinds(colors: dict[str, str]) -> Mapping[EventKind, str]:
    """Kind colours keyed by EventKind and read-only, so a style cannot be changed after use."""
    return MappingProxyType({EventKind(name): value for name, value in colors.items()})


_LIGHT_KINDS = {
    "alert": "#cf222e",
    "detection": "#bc4c00",
    "escalation": "#8250df",
    "hypothesis": "#9a6700",
    "investigation": "#0969da",
    "change": "#1a7f37",
    "mitigation": "#116329",
    "communication": "#6e7781",
    "resolution": "#0550ae",
    "note": "#8c959f",
}

_DARK_KINDS = {
    "alert": "#ff7b72",
    "detection": "#ffa657",
    "escalation": "#d2a8ff",
    "hypothesis": "#e3b341",
    "investigation": "#79c0ff",
    "change": "#56d364",
    "mitigation": "#3fb950",
    "communication": "#8b949e",
    "resolution": "#a5d6ff",
    "note": "#6e7681",
}

_LIGHT = FigureStyle(
    name="light",
    background="#ffffff",
    text="#1f2328",
    muted="#59636e",
    grid="#d1d9e0",
    lane_fill="#ffffff",
    lane_fill_alt="#f6f8fa",
    card_fill="#ffffff",
    card_border="#9aa5b1",
    key_accent="#9a4a00",
    key_text="#ffffff",
    milestone="#a40e26",
    phase_fills=MappingProxyType(
        {"detect": "#fff1e5", "mitigate": "#ddf4ff", "resolve": "#dafbe1"}
    ),
    kind_colors=_kinds(_LIGHT_KINDS),
    cheese="#f5c842",
    cheese_edge="#b7860b",
    hole_fill="#fffdf5",
    hole_edge="#a07400",
    hole_text="#1f2328",
    trajectory="#c4161c",
    title_px=20,
    body_px=13,
    small_px=11,
    margin=24,
    card_width=196,
    card_height=56,
    card_gap=8,
    row_gap=6,
    lane_pad=8,
    lane_label_width=132,
    tick_spacing=96,
    max_rows=6,
    line_width=1.0,
    slice_min_width=170,
    slice_gutter=40,
    hole_pad=9,
    hole_max_lines=6,
)

# Dark differs from light in colour only; sizes are the light style's.
_DARK = dataclasses.replace(
    _LIGHT,
    name="dark",
    background="#0d1117",
    text="#e6edf3",
    muted="#9ea7b3",
    grid="#30363d",
    lane_fill="#0d1117",
    lane_fill_alt="#151b23",
    card_fill="#1b222c",
    card_border="#3d444d",
    key_accent="#f0883e",
    key_text="#0d1117",
    milestone="#ff7b72",
    phase_fills=MappingProxyType(
        {"detect": "#3d2610", "mitigate": "#102a44", "resolve": "#0f3320"}
    ),
    kind_colors=_kinds(_DARK_KINDS),
    cheese="#d9a927",
    cheese_edge="#9c7512",
    hole_fill="#0d1117",
    hole_edge="#6b5210",
    hole_text="#e6edf3",
    trajectory="#ff6b6b",
)

_PROJECTOR = FigureStyle(
    name="projector",
    background="#ffffff",
    text="#000000",
    muted="#333333",
    grid="#8c8c8c",
    lane_fill="#ffffff",
    lane_fill_alt="#f0f0f0",
    card_fill="#ffffff",
    card_border="#000000",
    key_accent="#7a2e00",
    key_text="#ffffff",
    milestone="#8b0000",
    phase_fills=MappingProxyType(
        {"detect": "#ffe8cc", "mitigate": "#d6ecff", "resolve": "#d8f5dc"}
    ),
    kind_colors=_kinds(
        {
            "alert": "#b00020",
            "detection": "#a33c00",
            "escalation": "#5b2a9c",
            "hypothesis": "#6b4f00",
            "investigation": "#004a9f",
            "change": "#0b5e1f",
            "mitigation": "#064d1a",
            "communication": "#404040",
            "resolution": "#002f6c",
            "note": "#555555",
        }
    ),
    cheese="#f2c200",
    cheese_edge="#6b5500",
    hole_fill="#ffffff",
    hole_edge="#4d3d00",
    hole_text="#000000",
    trajectory="#b00020",
    title_px=32,
    body_px=21,
    small_px=17,
    margin=32,
    card_width=300,
    card_height=84,
    card_gap=12,
    row_gap=10,
    lane_pad=10,
    lane_label_width=230,
    tick_spacing=150,
    max_rows=4,
    line_width=2.0,
    slice_min_width=240,
    slice_gutter=52,
    hole_pad=12,
    hole_max_lines=8,
)

_STYLES: dict[str, FigureStyle] = {s.name: s for s in (_LIGHT, _DARK, _PROJECTOR)}


def figure_style(theme: str = "light") -> FigureStyle:
    """The style for a theme name; unknown names are a plain error, not a silent fallback."""
    try:
        return _STYLES[theme]
    except KeyError:
        raise BadInput(
            f"unknown figure theme {theme!r}; choose one of {', '.join(THEMES)}"
        ) from None


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``#rrggbb`` colours (1.0 to 21.0)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    """Relative luminance of a #rrggbb colour as WCAG 2 defines it, for contrast_ratio."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
