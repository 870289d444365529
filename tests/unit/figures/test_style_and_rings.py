"""Figure themes (contrast, completeness) and the rule that layouts need no Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.errors import BadInput
from pmdesk.figures.measure import ApproxMeasure
from pmdesk.figures.style import THEMES, contrast_ratio, figure_style
from pmdesk.model import EventKind


def test_projector_text_has_at_least_seven_to_one_contrast():
    style = figure_style("projector")
    for where, text, background in style.text_pairs():
        assert contrast_ratio(text, background) >= 7.0, where


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screen_themes_meet_wcag_aa_for_all_text(theme):
    for where, text, background in figure_style(theme).text_pairs():
        assert contrast_ratio(text, background) >= 4.5, where


def test_projector_type_is_larger():
    assert figure_style("projector").body_px >= 1.5 * figure_style("light").body_px


@pytest.mark.parametrize("theme", THEMES)
def test_every_event_kind_has_a_colour(theme):
    assert set(figure_style(theme).kind_colors) == set(EventKind)


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_unknown_theme_is_a_plain_error():
    with pytest.raises(BadInput, match="unknown figure theme 'neon'"):
        figure_style("neon")


def test_layout_modules_import_no_qt():
    code = (
        "import sys\n"
        "import pmdesk.figures.timeline.layout, pmdesk.figures.factors.layout, "
        "pmdesk.figures.samples\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@given(text=st.text(max_size=500), width=st.floats(10, 2000), px=st.floats(6, 40))
def test_approximate_wrapping_never_loses_a_line(text, width, px):
    measure = ApproxMeasure()
    lines = measure.wrapped_lines(text, width, px)
    assert lines >= 1 + text.count("\n")
    if measure.width(text, px) <= width and "\n" not in text:
        assert lines == 1
