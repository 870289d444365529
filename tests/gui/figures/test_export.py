"""Rendering figures to PNG and SVG: sizes, sampled pixels, plain text, atomic files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QFontDatabase, QImage

from pmdesk.errors import BadInput, ExportFailed
from pmdesk.figures.export import (
    ensure_gui_app,
    figure_layout,
    figure_png,
    figure_svg,
    write_figure,
)
from pmdesk.figures.samples import big_board, checkout_incident, two_day_incident
from pmdesk.figures.style import figure_style
from pmdesk.model import Event, EventKind, Factor, Layer, Review

SVG = "{http://www.w3.org/2000/svg}"


def png_image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def near(actual: QColor, expected: str, tolerance: int = 40) -> bool:
    want = QColor(expected)
    return all(
        abs(a - b) <= tolerance
        for a, b in zip(
            (actual.red(), actual.green(), actual.blue()),
            (want.red(), want.green(), want.blue()),
            strict=True,
        )
    )


def test_fonts_are_available(qapp):
    assert QFontDatabase.families()


def test_ensure_gui_app_reuses_the_running_application(qapp):
    assert ensure_gui_app() is qapp


def test_timeline_png_has_the_asked_size_and_draws_its_parts(qapp):
    review = checkout_incident()
    data = figure_png(review, "timeline", width=1200, dpi_scale=2.0)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = png_image(data)
    layout, style = figure_layout(review, "timeline", width=1200)
    assert image.width() == 2400
    assert image.height() == round(layout.height * 2)
    assert abs(image.dotsPerMeterX() - 96 * 2 / 0.0254) < 2

    def pixel(x: float, y: float) -> QColor:
        return image.pixelColor(round(x * 2), round(y * 2))

    assert near(pixel(3, 3), style.background, 2)
    key = next(c for c in layout.cards if c.key and not c.overflow)
    assert near(pixel(key.rect.right - 0.5, key.rect.cy), style.key_accent)
    plain = next(c for c in layout.cards if not c.key)
    assert near(pixel(plain.rect.x + 1.5, plain.rect.cy), style.kind_colors[plain.kind])
    phase = layout.phases[1]
    assert near(
        pixel((phase.x0 + phase.x1) / 2, layout.phase_band.y + 2), style.phase_fills["mitigate"], 6
    )
    gridless = layout.milestones[2]
    column = [pixel(gridless.x, y) for y in range(int(layout.plot.y), int(layout.axis_y), 3)]
    assert sum(near(c, style.milestone, 60) for c in column) > len(column) // 4


def test_dark_theme_paints_a_dark_background(qapp):
    image = png_image(figure_png(checkout_incident(), "timeline", theme="dark", dpi_scale=1))
    assert image.pixelColor(2, 2).lightness() < 40


def test_board_png_shows_cheese_holes_and_the_trajectory(qapp):
    review = checkout_incident()
    data = figure_png(review, "cheese", width=1400, dpi_scale=1.0)
    image = png_image(data)
    layout, style = figure_layout(review, "cheese", width=1400)
    assert image.width() == 1400

    def pixel(x: float, y: float) -> QColor:
        return image.pixelColor(round(x), round(y))

    first = layout.slices[0]
    assert near(pixel(first.rect.x + 6, first.rect.y + 12), style.cheese, 10)
    hole = first.holes[0]
    assert near(pixel(hole.rect.cx, hole.rect.y + 3), style.hole_fill, 60)
    between = (first.rect.right + layout.slices[1].rect.x) / 2 + 4
    y = layout.trajectory.points[1][1]
    assert near(pixel(between, y), style.trajectory, 30)
    assert near(pixel(between, first.rect.y + 5), style.background, 6)


def test_crowded_board_is_scaled_to_the_asked_width(qapp):
    image = png_image(figure_png(big_board(14, 4), "cheese", width=1000, dpi_scale=1.0))
    assert image.width() == 1000


def test_svg_is_well_formed_and_carries_the_text(qapp):
    review = checkout_incident()
    data = figure_svg(review, "timeline", width=1200)
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox").split()[2] == "1200"
    text = " ".join("".join(node.itertext()) for node in root.iter(f"{SVG}text"))
    assert "Checkout slowed after a cache setting change" in text
    assert "Detected" in text
    board = ET.fromstring(figure_svg(review, "cheese", width=1200))
    assert "Config rollback" in " ".join("".join(n.itertext()) for n in board.iter(f"{SVG}text"))


HOSTILE = '<script>alert(1)</script> & <img src="file:///etc/passwd"> ]]> <b>bold'


def test_markup_in_user_text_is_drawn_literally(qapp):
    t0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
    review = Review(
        "r",
        HOSTILE,
        events=(
            Event("e1", t0, EventKind.NOTE, HOSTILE),
            Event("e2", t0 + timedelta(minutes=5), EventKind.ALERT, "ok"),
        ),
        layers=(Layer("l", HOSTILE),),
        factors=(Factor("f", "l", HOSTILE, on_trajectory=True),),
    )
    for kind in ("timeline", "cheese"):
        root = ET.fromstring(figure_svg(review, kind, width=2400))
        assert not list(root.iter(f"{SVG}script"))
        assert not list(root.iter(f"{SVG}image"))
        text = "".join("".join(n.itertext()) for n in root.iter(f"{SVG}text"))
        assert "<script>alert(1)</script>" in text


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=st.text(max_size=3000), factor=st.text(max_size=3000))
def test_any_text_renders_to_valid_svg_and_png(qapp, title, factor):
    t0 = datetime(2026, 1, 1, 9, tzinfo=UTC)
    review = Review(
        "r",
        title,
        events=(Event("e1", t0, EventKind.NOTE, title),),
        layers=(Layer("l", factor),),
        factors=(Factor("f", "l", factor),),
    )
    for kind in ("timeline", "cheese"):
        ET.fromstring(figure_svg(review, kind, width=800))
        assert png_image(figure_png(review, kind, width=800, dpi_scale=0.5)).width() == 400


def test_a_hundred_thousand_character_word_is_elided_not_exploded(qapp):
    word = "x" * 100_000
    review = checkout_incident()
    review = review.replace(
        events=(Event("long", review.events[0].at, EventKind.NOTE, word),),
        factors=(Factor("f", "l-alert", word, on_trajectory=True),),
    )
    timeline = png_image(figure_png(review, "timeline", width=1000, dpi_scale=1))
    board = png_image(figure_png(review, "cheese", width=1000, dpi_scale=1))
    assert timeline.width() == 1000 and board.width() == 1000
    assert board.height() < 2000


def test_write_figure_picks_the_format_from_the_suffix(qapp, tmp_path):
    review = two_day_incident()
    png = write_figure(review, "timeline", tmp_path / "t.png", width=900, dpi_scale=1.0)
    assert png.read_bytes().startswith(b"\x89PNG")
    svg = write_figure(review, "timeline", tmp_path / "t.SVG", width=900, dpi_scale=1.0)
    ET.fromstring(svg.read_bytes())
    with pytest.raises(BadInput, match=r"t\.pdf: choose a file name ending in \.png or \.svg"):
        write_figure(review, "timeline", tmp_path / "t.pdf")
    with pytest.raises(ExportFailed, match="does not exist"):
        write_figure(review, "timeline", tmp_path / "missing" / "t.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.SVG", "t.png"]


def test_bad_options_are_plain_errors(qapp):
    review = checkout_incident()
    with pytest.raises(BadInput, match="unknown figure kind 'pie'"):
        figure_png(review, "pie")
    with pytest.raises(BadInput, match="width"):
        figure_png(review, "timeline", width=10)
    with pytest.raises(BadInput, match="unknown figure theme"):
        figure_svg(review, "cheese", theme="neon")


def test_key_only_figure_is_smaller(qapp):
    review = checkout_incident()
    full = png_image(figure_png(review, "timeline", dpi_scale=1))
    key = png_image(figure_png(review, "timeline", key_only=True, dpi_scale=1))
    assert key.height() < full.height()


def test_projector_theme_uses_large_type(qapp):
    review = checkout_incident()
    layout, style = figure_layout(review, "timeline", theme="projector")
    assert style is figure_style("projector")
    assert layout.cards[0].rect.h >= 80


@pytest.mark.parametrize(("preset", "expected"), [(None, "offscreen"), ("minimal", "minimal")])
def test_headless_start_picks_offscreen_only_when_nothing_was_chosen(preset, expected):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.pop("QT_QPA_PLATFORM", None)
    if preset:
        env["QT_QPA_PLATFORM"] = preset
    code = (
        "import os\n"
        "from pmdesk.figures.export import ensure_gui_app\n"
        "app = ensure_gui_app()\n"
        "print(os.environ['QT_QPA_PLATFORM'], app.platformName())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == [expected, expected]


def test_figures_never_import_qt_widgets():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import pmdesk.figures.export, pmdesk.figures.timeline.paint\n"
        "import pmdesk.figures.factors.paint\n"
        "assert 'PySide6.QtWidgets' not in sys.modules\n"
        "assert not [m for m in sys.modules if m.startswith('pmdesk.ui')]\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_console_only_qt_application_gets_a_plain_error():
    import subprocess
    import sys

    code = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from pmdesk.errors import ExportFailed\n"
        "from pmdesk.figures.export import ensure_gui_app\n"
        "app = QCoreApplication([])\n"
        "try:\n"
        "    ensure_gui_app()\n"
        "except ExportFailed as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "graphical Qt application" in out.stdout
