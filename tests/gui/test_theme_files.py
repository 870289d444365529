"""Themes are data files plus one templated style sheet (issue 19 item 6).

Every theme file loads and fills ``app.qss``; body text keeps a contrast of at
least 4.5:1 on every background it sits on; widgets take their look from the
style sheet, and a source check holds ``pmdesk.ui`` to having no inline style
sheet and no colour literal of its own.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from pmdesk.figures.style import contrast_ratio
from pmdesk.resources import read_text
from pmdesk.ui.theme import (
    COACH_KEYS,
    PALETTE_KEYS,
    SIZE_KEYS,
    THEMES,
    Theme,
    ThemeFileError,
    apply_theme,
    load_theme,
    presenter_colours,
    set_state,
)

UI = Path(__file__).resolve().parents[2] / "src" / "pmdesk" / "ui"
#: The one place a style sheet is set: the whole application's, from app.qss.
STYLE_SHEET_SETTER = "theme.py"
HEX = re.compile(r"(?<![\w&])#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?\b")
CONCRETE = THEMES[1:]
TEXT_ROLES = ("text", "muted", "error", "warning")
BACKGROUNDS = ("window", "base", "alternate")


@pytest.mark.parametrize("name", CONCRETE)
def test_every_theme_file_loads_and_fills_the_style_sheet(name: str) -> None:
    theme = load_theme(name)
    assert set(theme.palette) == set(PALETTE_KEYS)
    assert set(theme.coach) == set(COACH_KEYS)
    assert set(theme.sizes) == set(SIZE_KEYS)
    sheet = theme.style_sheet(theme.body_points(10.0))
    assert "$" not in sheet
    assert theme.palette["error"] in sheet and theme.palette["border"] in sheet


#: WCAG AA for screens; a projected wall washes colours out, so the projector asks AAA.
LEAST_CONTRAST = {"light": 4.5, "dark": 4.5, "projector": 7.0}


@pytest.mark.parametrize("name", CONCRETE)
def test_body_text_and_coach_colours_are_readable(name: str) -> None:
    theme = load_theme(name)
    pairs = [
        (fg, colour, bg, theme.palette[bg])
        for fg, colour in [(r, theme.palette[r]) for r in TEXT_ROLES] + list(theme.coach.items())
        for bg in BACKGROUNDS
    ]
    pairs.append(
        ("highlight_text", theme.palette["highlight_text"], "accent", theme.palette["accent"])
    )
    weak = [
        f"{fg} on {bg}: {contrast_ratio(colour, back):.2f}"
        for fg, colour, bg, back in pairs
        if contrast_ratio(colour, back) < LEAST_CONTRAST[name]
    ]
    assert weak == []


def test_the_presenter_colours_are_black_on_white() -> None:
    colours = presenter_colours()
    assert contrast_ratio(colours["text"], colours["background"]) >= 7
    assert contrast_ratio(colours["muted"], colours["background"]) >= 7


def test_a_broken_theme_file_is_reported_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader can fail: a missing colour names the file and the key."""
    data = json.loads(read_text("themes", "dark.json"))
    del data["palette"]["border"]
    monkeypatch.setattr("pmdesk.ui.theme.read_text", lambda *parts: json.dumps(data))
    load_theme.cache_clear()
    try:
        with pytest.raises(ThemeFileError, match=r"dark.json.*border"):
            load_theme("dark")
    finally:
        monkeypatch.undo()
        load_theme.cache_clear()


def test_an_unknown_placeholder_in_the_style_sheet_is_reported() -> None:
    theme = load_theme("light")
    palette = {k: v for k, v in theme.palette.items() if k != "muted"}
    broken = Theme(theme.name, palette, theme.coach, theme.sizes)
    with pytest.raises(ThemeFileError, match="muted"):
        broken.style_sheet(10.0)


@pytest.mark.parametrize("name", CONCRETE)
def test_labels_take_their_colour_from_the_theme(
    qtbot: QtBot, qapp: QApplication, name: str
) -> None:
    apply_theme(qapp, name)
    palette = load_theme(name).palette
    hint, clock = QLabel("hint"), QLabel("0:42")
    hint.setObjectName("sectionHint")
    clock.setObjectName("phaseClock")
    for label in (hint, clock):
        qtbot.addWidget(label)
        label.ensurePolished()
    role = QPalette.ColorRole.WindowText
    assert hint.palette().color(role).name() == palette["muted"]
    assert clock.palette().color(role).name() == palette["text"]
    set_state(clock, "overrun", "over")
    assert clock.palette().color(role).name() == palette["error"]
    set_state(clock, "overrun", "nearly")
    assert clock.palette().color(role).name() == palette["warning"]
    assert clock.font().pointSize() > qapp.font().pointSize()


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of docstring nodes: prose may name a colour, code may not."""
    found: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            found.add(id(first.value))
    return found


def inline_styles(source: str, where: str) -> list[str]:
    """Each inline style sheet and colour literal in a module's code."""
    tree = ast.parse(source, where)
    prose = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "setStyleSheet" and not where.endswith(STYLE_SHEET_SETTER):
                found.append(f"{where}:{node.lineno} setStyleSheet")
            if node.func.attr == "setNamedColor":
                found.append(f"{where}:{node.lineno} setNamedColor")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            numbers = [a for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "QColor" and numbers:
                found.append(f"{where}:{node.lineno} QColor literal")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in prose
            and HEX.search(node.value)
        ):
            found.append(f"{where}:{node.lineno} colour {HEX.search(node.value).group()}")  # type: ignore[union-attr]
    return found


def test_no_inline_style_sheet_or_colour_literal_in_the_ui() -> None:
    found = [
        hit
        for path in sorted(UI.rglob("*.py"))
        for hit in inline_styles(path.read_text(encoding="utf-8"), str(path.relative_to(UI.parent)))
    ]
    assert found == []


def test_the_source_check_catches_inline_styles() -> None:
    """The check above can fail: each kind of inline look is reported."""
    source = (
        'label.setStyleSheet("font-weight: bold")\n'
        'brush = QColor("#b3261e")\n'
        "pen = QColor(200, 0, 0)\n"
        'OVER = {"over": "color: #a40e26;"}\n'
        'note = "see issue #123 and the #ops-changes channel"\n'
    )
    found = inline_styles(source, "ui/example.py")
    assert sorted(hit.split(" ", 1)[1] for hit in found) == [
        "QColor literal",
        "QColor literal",
        "colour #a40e26",
        "colour #b3261e",
        "setStyleSheet",
    ]
    assert inline_styles('"""Muted text #333333 (12.6:1)."""\n', "ui/doc.py") == []
