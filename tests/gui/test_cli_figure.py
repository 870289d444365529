"""`pmdesk figure` writes the same drawing the canvases use, as PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from pmdesk.cli import main
from pmdesk.store.pmreview import write_review_file
from pmdesk.store.sample import sample_review


def test_figure_png_and_svg(tmp_path: Path) -> None:
    source = tmp_path / "sample.pmreview"
    write_review_file(sample_review(), source)
    png = tmp_path / "cheese.png"
    assert main(["figure", str(source), "--kind", "cheese", "-o", str(png), "--width", "1200"]) == 0
    assert QImage(str(png)).width() >= 1200
    svg = tmp_path / "timeline.svg"
    assert main(["figure", str(source), "--kind", "timeline", "--key-only", "-o", str(svg)]) == 0
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert main(["figure", str(source), "--kind", "timeline", "-o", str(tmp_path / "x.gif")]) == 1
