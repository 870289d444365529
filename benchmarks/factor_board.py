"""What one board edit costs on screen, against the work it cannot avoid.

Run: ``.venv/bin/python benchmarks/factor_board.py [FACTORS_PER_LAYER ...]`` (default 3 25),
with 8 layers each.

Every edit on the Swiss-cheese board commits to the library and rebuilds the
board from the new snapshot. For each size it times, in this one run:

* pmdesk "rebuild": ``FactorBoard.rebuild`` (Qt-measured layout, new items) and
  one paint of the view into an image;
* pmdesk "edit": toggling one factor's trajectory through the undo stack
  (library commit, reload, rebuild) and one paint;
* baseline "export": ``layout_cheese`` + ``render_cheese`` into an image of the
  same size, which is what the report image costs anyway;
* baseline "commit": the same change as a bare ``Library.put_item``.

It prints seconds (median of several runs) and the ratios; compare ratios across machines.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from pmdesk.figures.factors.layout import layout_cheese
from pmdesk.figures.factors.paint import render_cheese
from pmdesk.figures.qt_text import QtTextMeasure
from pmdesk.figures.samples import big_board
from pmdesk.figures.style import figure_style
from pmdesk.store import Library
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits
from pmdesk.ui.factors.board import FactorBoard

RUNS = 7
STYLE = figure_style("light")


def median(call: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paint(board: FactorBoard) -> None:
    board.viewport().grab()


def measure(app: QApplication, per_layer: int) -> tuple[int, float, float, float, float]:
    """(factors, rebuild, export, edit, commit) seconds for a board of 8 layers."""
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "bench.pmdesk")
        review = library.add_review(big_board(8, per_layer))
        doc = ReviewDocument(library, review.id)
        board = FactorBoard(doc, "light")
        board.resize(1600, 900)
        board.show()
        app.processEvents()
        factor_id = doc.review.factors[0].id

        def rebuild() -> None:
            board.rebuild()
            paint(board)

        def export() -> None:
            layout = layout_cheese(
                doc.review, width=1600, style=STYLE, measure=QtTextMeasure(STYLE)
            )
            image = QImage(round(layout.width), round(layout.height),
                           QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
            image.fill(QColor(STYLE.background))
            painter = QPainter(image)
            render_cheese(painter, layout, STYLE)
            painter.end()

        def edit() -> None:
            edits.toggle_trajectory(doc, factor_id)
            paint(board)

        def commit() -> None:
            factor = library.get_review(review.id).factor(factor_id)
            assert factor is not None
            flipped = dataclasses.replace(factor, on_trajectory=not factor.on_trajectory)
            library.put_item(review.id, flipped)

        # The bare commit goes last: it moves the library past the document's version.
        times = (median(rebuild), median(export), median(edit), median(commit))
        count = len(doc.review.factors)
        board.close()
        doc.close()
        library.close()
    return (count, *times)


def main(argv: list[str]) -> None:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    sizes = [int(a) for a in argv] or [3, 25]
    print(f"{'factors':>8} {'rebuild s':>10} {'export s':>9} {'ratio':>6} "
          f"{'edit s':>8} {'commit s':>9} {'ratio':>6}")  # fmt: skip
    for per_layer in sizes:
        count, t_rebuild, t_export, t_edit, t_commit = measure(app, per_layer)
        print(f"{count:>8} {t_rebuild:>10.4f} {t_export:>9.4f} {t_rebuild / t_export:>6.2f} "
              f"{t_edit:>8.4f} {t_commit:>9.4f} {t_edit / t_commit:>6.2f}")  # fmt: skip


if __name__ == "__main__":
    main(sys.argv[1:])
