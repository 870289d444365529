"""How long the meeting's screens and quick capture take, against baselines from the same run.

The presenter repaints once a second while the meeting runs and on every
phase or key-moment change, so one frame at 1920×1080 must stay far below a
second; quick capture re-reads the line on every keystroke. Baselines: a bare
widget of the same size painting one line of text, and cleaning plus
splitting the same typed line. Run from the repository root:
``.venv/bin/python benchmarks/meeting_presenter.py``
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


def median_ms(work: Callable[[], object], repeat: int = 9) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


class Bare(QWidget):
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), 0xFFFFFF)
        painter.drawText(80, 80, "Set the stage")
        painter.end()


def main() -> int:
    app = QApplication(sys.argv[:1])
    from pmdesk.meeting.capture import parse_capture
    from pmdesk.store import Library
    from pmdesk.store.sample import seed_sample
    from pmdesk.text import clean_text
    from pmdesk.ui.document import ReviewDocument
    from pmdesk.ui.meeting.controller import MeetingController
    from pmdesk.ui.meeting.presenter import PresenterWindow

    folder = Path(tempfile.mkdtemp())
    library = Library.open(folder / "bench.pmdesk", seed=seed_sample)
    document = ReviewDocument(library, library.list_reviews()[0].id)
    controller = MeetingController(document)
    presenter = PresenterWindow(controller)
    presenter.resize(1920, 1080)
    bare = Bare()
    bare.resize(1920, 1080)
    image = QImage(1920, 1080, QImage.Format.Format_ARGB32_Premultiplied)

    def frame(widget: QWidget) -> Callable[[], object]:
        return lambda: widget.render(image)

    base = median_ms(frame(bare))
    print(f"baseline: bare 1920x1080 widget, one line of text: {base:.2f} ms")
    controller.start()
    for index, phase in enumerate(controller.agenda):
        controller.go_to(index)
        first = median_ms(frame(presenter), repeat=1)
        again = median_ms(frame(presenter))
        print(
            f"presenter {phase.kind.value:<10} first frame {first:7.2f} ms, "
            f"repaint {again:6.2f} ms = {again / base:5.1f}x baseline"
        )

    review = document.review
    today, now = date(2026, 11, 25), datetime(2026, 11, 25, 14, tzinfo=UTC)
    lines = [
        "e 14:32 rollback started",
        "f monitoring: no alert on lag",
        "w fast escalation",
        "? why was the canary skipped",
        "a Alex: add lag alert by Friday",
    ]
    for line in lines:
        plain = median_ms(lambda line=line: [clean_text(line).split() for _ in range(100)]) / 100
        read = (
            median_ms(
                lambda line=line: [
                    parse_capture(line, review, today=today, now=now) for _ in range(100)
                ]
            )
            / 100
        )
        print(f"capture {line[:34]:<34} {read * 1000:7.1f} µs = {read / plain:6.1f}x clean+split")
    document.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
