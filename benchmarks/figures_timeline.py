"""How long a timeline figure takes to draw, against plain Qt drawing the same amount.

Run: ``.venv/bin/python benchmarks/figures_timeline.py [COUNT ...]`` (default 1000 100000).

For each event count it times, in this one run:

* pmdesk: ``layout_timeline`` (with Qt font metrics) + ``render_timeline`` into a QImage;
* baseline "painter": one QPainter drawing COUNT rects and COUNT one-line texts
  into an image of the same size;
* baseline "scene": a QGraphicsScene holding COUNT rect items and COUNT simple
  text items, rendered into an image of the same size (scene building included).

It prints seconds and the ratios pmdesk / baseline; ratios, not seconds, are the
figures to compare across machines.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from pmdesk.figures.qt_text import QtTextMeasure, font
from pmdesk.figures.samples import many_events
from pmdesk.figures.style import figure_style
from pmdesk.figures.timeline.layout import layout_timeline
from pmdesk.figures.timeline.paint import render_timeline

WIDTH = 1600
STYLE = figure_style("light")


def image_for(width: float, height: float) -> QImage:
    image = QImage(round(width), round(height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    return image


def pmdesk_figure(count: int) -> tuple[float, float, float, float]:
    review = many_events(count)
    start = time.perf_counter()
    layout = layout_timeline(review, width=WIDTH, style=STYLE, measure=QtTextMeasure(STYLE))
    laid = time.perf_counter()
    image = image_for(layout.width, layout.height)
    painter = QPainter(image)
    render_timeline(painter, layout, STYLE)
    painter.end()
    done = time.perf_counter()
    return done - start, laid - start, layout.width, layout.height


def plain_painter(count: int, width: float, height: float) -> float:
    rng = random.Random(1)
    qfont = font(STYLE.font_families, STYLE.body_px)
    start = time.perf_counter()
    image = image_for(width, height)
    painter = QPainter(image)
    painter.setFont(qfont)
    for n in range(count):
        x, y = rng.uniform(0, width - 200), rng.uniform(0, height - 56)
        painter.drawRect(QRectF(x, y, 196, 56))
        painter.drawText(QPointF(x + 6, y + 20), f"Event {n}: the queue slow")
    painter.end()
    return time.perf_counter() - start


def plain_scene(count: int, width: float, height: float) -> float:
    rng = random.Random(1)
    qfont = font(STYLE.font_families, STYLE.body_px)
    start = time.perf_counter()
    scene = QGraphicsScene(0, 0, width, height)
    for n in range(count):
        x, y = rng.uniform(0, width - 200), rng.uniform(0, height - 56)
        scene.addRect(QRectF(x, y, 196, 56))
        text = scene.addSimpleText(f"Event {n}: the queue slow", qfont)
        text.setPos(x + 6, y + 6)
    image = image_for(width, height)
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, width, height), QRectF(0, 0, width, height))
    painter.end()
    elapsed = time.perf_counter() - start
    scene.clear()
    return elapsed


def median_of(runs: int, job: Callable[[], float]) -> float:
    return statistics.median(job() for _ in range(runs))


def main(counts: list[int]) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"PySide6 offscreen, figure width {WIDTH} px; median of runs; times in seconds")
    print(f"{'events':>8} {'pmdesk':>8} {'layout':>8} {'painter':>8} {'scene':>8}"
          f" {'÷painter':>9} {'÷scene':>8}")  # fmt: skip
    for count in counts:
        runs = 5 if count <= 10_000 else 1
        results = [pmdesk_figure(count) for _ in range(runs)]
        ours = statistics.median(r[0] for r in results)
        layout_s = statistics.median(r[1] for r in results)
        _, _, width, height = results[0]
        painter = median_of(runs, lambda c=count, w=width, h=height: plain_painter(c, w, h))
        scene = median_of(runs, lambda c=count, w=width, h=height: plain_scene(c, w, h))
        print(
            f"{count:>8} {ours:>8.3f} {layout_s:>8.3f} {painter:>8.3f} {scene:>8.3f}"
            f" {ours / painter:>9.2f} {ours / scene:>8.2f}"
        )
    del app


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100_000])
