"""``pmdesk snapshot``: render one view of the real main window to a PNG, offscreen.

The same window the user sees, built by ``build_main_window`` and grabbed
after layout, so documentation, slides and tests show what the app shows.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.errors import BadInput, NotFound

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

VIEWS = ("library", "overview", "story", "timeline", "factors", "actions", "went_well", "report")
# Qt's offscreen platform says this for every window shown (Qt 6.8-6.11); a picture needs
# no size hints passed to a window manager, so the notice only alarms whoever reads it.
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints"


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise BadInput(f"'{text}' is not a size; write it as WIDTHxHEIGHT, e.g. 1280x800") from None
    if not (320 <= width <= 7680 and 240 <= height <= 4320):
        raise BadInput(f"'{text}' is outside 320x240 … 7680x4320")
    return width, height


def snapshot(
    library: str | None,
    review: str | None,
    view: str,
    output: Path,
    size: tuple[int, int] = (1280, 800),
    theme: str = "light",
) -> Path:
    """Render ``view`` of ``review`` (or the library) and write a PNG atomically."""
    if view not in VIEWS:
        raise BadInput(f"'{view}' is not a view; choose one of {', '.join(VIEWS)}")
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
    from PySide6.QtWidgets import QApplication

    from pmdesk.fileio import atomic_write_bytes
    from pmdesk.ui.main_window import MainWindow
    from pmdesk.ui.settings import Settings
    from pmdesk.ui.startup import build_main_window
    from pmdesk.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(["pmdesk"])
    assert isinstance(app, QApplication)
    with _without_offscreen_notice():
        apply_theme(app, theme)
        scratch = QSettings(str(output.with_suffix(".snapshot.ini")), QSettings.Format.IniFormat)
        window = build_main_window(library, settings=Settings(scratch))
        assert isinstance(window, MainWindow)
        try:
            window.resize(*size)
            if view != "library":
                if review is None:
                    raise BadInput(f"the {view} view needs a REVIEW")
                review_id = window.library.resolve(review)
                editor = window.open_review(review_id)
                if editor is None:
                    raise NotFound(f"cannot open review {review}")
                editor.show_section(view)
            window.show()
            for _ in range(3):
                app.processEvents()
            image = window.grab().toImage()
            buffer = QBuffer()
            data = QByteArray()
            buffer.setBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")  # type: ignore[call-overload]  # 6.11 rejects bytes here
            buffer.close()
            return atomic_write_bytes(output, bytes(data.data()))
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            Path(scratch.fileName()).unlink(missing_ok=True)


@contextmanager
def _without_offscreen_notice() -> Iterator[None]:
    """Drop Qt's one known offscreen notice; pass every other message on as before."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith(OFFSCREEN_NOTICE):
            return
        if previous is not None:
            previous(mode, context, message)
        else:  # what Qt's own handler would have printed
            print(message, file=sys.stderr, flush=True)

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
