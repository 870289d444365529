"""How long the timeline canvas takes to draw, against a plain QGraphicsScene, in one run.

Run: ``.venv/bin/python benchmarks/timeline_canvas.py [COUNT ...]`` (default 1000 100000).

For each event count it lays the review out once on the canvas scene
(``pmdesk.ui.timeline.scene.TimelineScene``) and builds a baseline: a plain
``QGraphicsScene`` holding one rect item and one simple text item per event,
at the same places as the canvas's cards and dots. Then it times, median of
several renders:

* full view: the whole scene fitted into 1920×1080;
* zoomed view: a 1600×1080 window at 1:1, at a zoom chosen so that about 50
  events (cards or dots) fall inside it.

It prints seconds and the ratios canvas / plain scene; and, for the zoomed
view, each count against the smallest count. Targets: full view ≤ 2× plain;
zoomed view at 100,000 events ≤ 1.5× the zoomed view at 1,000.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsScene

from pmdesk.figures.geometry import Rect
from pmdesk.figures.qt_text import font
from pmdesk.figures.samples import many_events
from pmdesk.figures.timeline.layout import layout_timeline
from pmdesk.model import Review
from pmdesk.ui.timeline.scene import TimelineScene, canvas_style

WIDTH = 1600.0
FULL = (1920, 1080)
WINDOW = (1600, 1080)
TARGET_VISIBLE = 50


def render(scene: QGraphicsScene, source: QRectF, size: tuple[int, int]) -> float:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    start = time.perf_counter()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, QRectF(0, 0, size[0], size[1]), source)
    painter.end()
    return time.perf_counter() - start


def median_of(runs: int, job: Callable[[], float]) -> float:
    job()  # warm caches (fonts, glyphs) for both sides alike
    return statistics.median(job() for _ in range(runs))


def plain_scene(canvas: TimelineScene) -> QGraphicsScene:
    """Same number of rect and text items as events, where the canvas puts them."""
    layout = canvas.layout
    assert layout is not None
    style = canvas.fig_style
    scene = QGraphicsScene(0, 0, layout.width, layout.height)
    qfont = font(style.font_families, style.body_px)
    for card in layout.cards:
        rect = QRectF(card.rect.x, card.rect.y, card.rect.w, card.rect.h)
        scene.addRect(rect)
        text = scene.addSimpleText(card.title, qfont)
        text.setPos(rect.x() + 6, rect.y() + 6)
    return scene


def _rect(rect: Rect) -> QRectF:
    return QRectF(rect.x, rect.y, rect.w, rect.h)


def zoom_for(review: Review, target: int) -> tuple[float, float]:
    """A zoom and a window start where about ``target`` events fall in the window."""
    base = layout_timeline(review, width=WIDTH, style=canvas_style()).scale
    stamps = sorted(e.at.timestamp() for e in review.events)
    best = (1.0, base.x_start, len(stamps))
    zoom = 1.0
    while zoom < 1e6:
        scale = base.zoomed(zoom)
        middle = scale.x(review.events_by_time()[len(stamps) // 2].at)
        t0 = scale.time_at(middle).timestamp()
        t1 = scale.time_at(middle + WINDOW[0]).timestamp()
        count = sum(1 for s in stamps if t0 <= s <= t1)
        if abs(count - target) < abs(best[2] - target):
            best = (zoom, middle, count)
        if count < target:
            break
        zoom *= 1.15
    return best[0], best[1]


def measure(count: int) -> dict[str, float]:
    review = many_events(count)
    runs = 7
    canvas = TimelineScene()
    canvas.show_review(review, width=WIDTH)
    plain = plain_scene(canvas)
    whole = canvas.sceneRect()
    full_canvas = median_of(runs, lambda: render(canvas, whole, FULL))
    full_plain = median_of(runs, lambda: render(plain, whole, FULL))
    plain.clear()

    # The window shows about WINDOW[1] / plot height of the lanes, so the time
    # window must hold proportionally more events for ~50 to be in sight.
    assert canvas.layout is not None
    share = min(1.0, WINDOW[1] / canvas.layout.plot.h)
    zoom, left = zoom_for(review, round(TARGET_VISIBLE / share))
    canvas.show_review(review, zoom=zoom)
    layout = canvas.layout
    assert layout is not None
    window = QRectF(left - 40, 0, WINDOW[0], WINDOW[1])
    size = WINDOW
    visible = sum(1 for c in layout.cards if window.intersects(_rect(c.rect)))
    plain = plain_scene(canvas)
    zoomed_canvas = median_of(runs, lambda: render(canvas, window, size))
    zoomed_plain = median_of(runs, lambda: render(plain, window, size))
    plain.clear()
    canvas.clear()
    return {
        "full": full_canvas,
        "full_plain": full_plain,
        "zoomed": zoomed_canvas,
        "zoomed_plain": zoomed_plain,
        "zoom": zoom,
        "visible": visible,
    }


def main(counts: list[int]) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    print("PySide6 offscreen; median of 7 renders; times in milliseconds")
    print(
        f"{'events':>8} {'full':>8} {'plain':>8} {'÷plain':>7}   "
        f"{'zoomed':>8} {'plain':>8} {'÷plain':>7} {'visible':>8} {'÷first':>7}"
    )
    first: float | None = None
    for count in counts:
        r = measure(count)
        first = first or r["zoomed"]
        print(
            f"{count:>8} {r['full'] * 1e3:>8.2f} {r['full_plain'] * 1e3:>8.2f}"
            f" {r['full'] / r['full_plain']:>7.2f}   {r['zoomed'] * 1e3:>8.2f}"
            f" {r['zoomed_plain'] * 1e3:>8.2f} {r['zoomed'] / r['zoomed_plain']:>7.2f}"
            f" {r['visible']:>8.0f} {r['zoomed'] / first:>7.2f}"
        )
    print("targets: full ÷plain ≤ 2.00; zoomed ÷first (largest count) ≤ 1.50")
    del app


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 100_000])
