"""Figures as PNG or SVG bytes, for the reports, the command line and "Save figure…".

Rendering needs a ``QGuiApplication`` (fonts come from it) but never a
window: ``ensure_gui_app`` makes one on the offscreen platform when there is
no display, so the same code runs on a laptop, in CI and in a headless report job.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from pmdesk.errors import BadInput, ExportFailed
from pmdesk.figures.factors.layout import CheeseLayout, layout_cheese
from pmdesk.figures.factors.paint import render_cheese
from pmdesk.figures.qt_text import QtTextMeasure
from pmdesk.figures.style import FigureStyle, figure_style
from pmdesk.figures.timeline.layout import LaneMode, TimelineLayout, layout_timeline
from pmdesk.figures.timeline.paint import render_timeline
from pmdesk.fileio import atomic_write_bytes
from pmdesk.model import Review
from pmdesk.text import clean_text

if TYPE_CHECKING:
    from pmdesk.report import Figures

FigureKind = Literal["timeline", "cheese"]
FIGURE_KINDS: tuple[str, ...] = ("timeline", "cheese")

#: Widest figure we agree to draw, in logical pixels: past this an image would
#: take hundreds of megabytes for no reader's benefit.
MAX_WIDTH = 8000
MIN_WIDTH = 320

_app: QGuiApplication | None = None


def ensure_gui_app() -> QGuiApplication:
    """The running Qt application, or a new one on the offscreen platform when headless.

    ``QT_QPA_PLATFORM`` is set only when nothing chose a platform and there is
    no display, so a desktop session keeps its own platform plugin.
    """
    global _app
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise ExportFailed(
            "figures need a graphical Qt application, but a console-only one is already running"
        )
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "pmdesk"])
    return _app


def figure_layout(
    review: Review,
    kind: str,
    *,
    width: int = 1600,
    key_only: bool = False,
    theme: str = "light",
    lanes: LaneMode = LaneMode.KIND,
    numbered: bool = False,
) -> tuple[TimelineLayout | CheeseLayout, FigureStyle]:
    """The laid-out figure and its style, measured with Qt's fonts (needs the GUI app)."""
    if kind not in FIGURE_KINDS:
        raise BadInput(f"unknown figure kind {kind!r}; choose timeline or cheese")
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise BadInput(f"figure width {width} px is outside {MIN_WIDTH}–{MAX_WIDTH} px")
    style = figure_style(theme)
    ensure_gui_app()
    measure = QtTextMeasure(style)
    if kind == "timeline":
        timeline = layout_timeline(
            review,
            width=width,
            style=style,
            measure=measure,
            key_only=key_only,
            lanes=lanes,
            numbered=numbered,
        )
        return timeline, style
    return layout_cheese(review, width=width, style=style, measure=measure), style


def _paint(painter: QPainter, layout: TimelineLayout | CheeseLayout, style: FigureStyle) -> None:
    """One entry point for both figures, so PNG and SVG export draw the same way."""
    if isinstance(layout, TimelineLayout):
        render_timeline(painter, layout, style)
    else:
        render_cheese(painter, layout, style)


def figure_png(
    review: Review,
    kind: str,
    *,
    width: int = 1600,
    key_only: bool = False,
    theme: str = "light",
    dpi_scale: float = 2.0,
    lanes: LaneMode = LaneMode.KIND,
    numbered: bool = False,
) -> bytes:
    """The figure as PNG bytes, ``width × dpi_scale`` pixels wide.

    ``width`` is in logical pixels (what a 96-dpi screen shows at 100 %); the
    PNG records ``96 × dpi_scale`` dpi so word processors size it the same.
    A board too wide for ``width`` is scaled down to fit.
    """
    if not 0.25 <= dpi_scale <= 4:
        raise BadInput(f"dpi scale {dpi_scale} is outside 0.25–4")
    layout, style = figure_layout(
        review, kind, width=width, key_only=key_only, theme=theme, lanes=lanes, numbered=numbered
    )
    fit = min(1.0, width / layout.width)
    scale = dpi_scale * fit
    size = QSize(max(1, round(layout.width * scale)), max(1, round(layout.height * scale)))
    return painted_png(size, dpi_scale, style.background, scale, lambda p: _paint(p, layout, style))


def painted_png(
    size: QSize,
    dpi_scale: float,
    background: str,
    scale: float,
    paint: Callable[[QPainter], None],
) -> bytes:
    """``paint`` drawn into a ``size`` image at ``scale``, as PNG recording ``96 × dpi_scale`` dpi.

    Every figure a report embeds goes through here, so all print at one resolution.
    """
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportFailed(f"the figure is too large to draw ({size.width()}×{size.height()} px)")
    image.fill(QColor(background))
    dots_per_metre = round(96 * dpi_scale / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(scale, scale)
        paint(painter)
    finally:
        painter.end()
    return _png_bytes(image)


def _png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.11's stubs say bytes, but only str is accepted at run time.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise ExportFailed("the figure could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def figure_svg(
    review: Review,
    kind: str,
    *,
    width: int = 1600,
    key_only: bool = False,
    theme: str = "light",
    lanes: LaneMode = LaneMode.KIND,
    numbered: bool = False,
) -> bytes:
    """The figure as SVG bytes: vector shapes and real text, ``width`` pixels wide."""
    layout, style = figure_layout(
        review, kind, width=width, key_only=key_only, theme=theme, lanes=lanes, numbered=numbered
    )
    fit = min(1.0, width / layout.width)
    w, h = round(layout.width * fit), round(layout.height * fit)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRectF(0, 0, w, h))
    generator.setResolution(96)
    generator.setTitle(clean_text(layout.title))
    generator.setDescription(f"pmdesk {kind} figure")
    painter = QPainter(generator)
    try:
        painter.scale(fit, fit)
        _paint(painter, layout, style)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def write_figure(
    review: Review, kind: str, path: str | os.PathLike[str], **options: object
) -> Path:
    """Write the figure to ``path`` atomically; the suffix (.png or .svg) picks the format."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".png":
        data = figure_png(review, kind, **options)  # type: ignore[arg-type]
    elif suffix == ".svg":
        options.pop("dpi_scale", None)
        data = figure_svg(review, kind, **options)  # type: ignore[arg-type]
    else:
        raise BadInput(f"{target.name}: choose a file name ending in .png or .svg")
    return atomic_write_bytes(target, data)


def report_figures(review: Review, *, placeholder: bytes | None = None) -> Figures:
    """The timeline (full and key moments) and the board as print-resolution PNGs for reports.

    The same drawing as the canvases, sized for an A4 text column; a review
    without events or layers simply has no such figure. ``placeholder`` stands
    in for every figure without drawing it (the live preview, which must not
    stall typing).
    """
    from pmdesk.report import Figures

    def draw(make: Callable[[], bytes]) -> bytes:
        """The placeholder instead of drawing, when the caller cannot wait for a figure."""
        return placeholder if placeholder is not None else make()

    return Figures(
        timeline_full=draw(lambda: figure_png(review, "timeline", width=1100))
        if review.events
        else None,
        # Numbered markers in one lane: a strip short enough for a leader's two pages,
        # read beside the report's numbered list of the same key moments.
        timeline_key=draw(
            lambda: figure_png(
                review, "timeline", width=900, key_only=True, lanes=LaneMode.ONE, numbered=True
            )
        )
        if any(event.key for event in review.events)
        else None,
        cheese=draw(lambda: figure_png(review, "cheese", width=1100)) if review.layers else None,
    )
