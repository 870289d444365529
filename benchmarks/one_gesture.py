"""One user intention, one commit: what a gesture over many items costs against one item.

Run: ``.venv/bin/python benchmarks/one_gesture.py`` (offscreen; ``run.py`` sets it).

In one run it measures, as ratios (targets from the workspace issue):

* the timeline canvas of a 5,000-event review: moving 50 cards at once (drag,
  one undo step) against moving one card — commit, reload and relayout
  included, as the person waits for them (target ≤ 3×);
* the same one-card move against a bare ``sqlite3`` ``INSERT`` + ``COMMIT``
  (``store_commit.py``'s baseline), the floor any committed edit stands on;
* accepting N proposed key moments of a synthetic Slack export into a review
  (``accept_all`` plus the one library write that ``import-chat --accept``
  makes) against proposing them, for N doubling (target ≤ 3× and linear: the
  time per accepted moment stays flat as N doubles).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_slack_export import write_export
from pmdesk.figures.samples import many_events
from pmdesk.ingest import accept_all, load_source, propose_key_moments
from pmdesk.store import Library
from store_commit import bare_sqlite


def median_of(runs: int, job: Callable[[], float]) -> float:
    return statistics.median(job() for _ in range(runs))


def canvas_moves(folder: Path, events: int = 5000, runs: int = 7) -> tuple[float, float]:
    from PySide6.QtWidgets import QApplication

    from pmdesk.ui.document import ReviewDocument
    from pmdesk.ui.timeline.view import TimelineView

    _app = QApplication.instance() or QApplication([])
    library = Library.open(folder / "canvas.pmdesk")
    stored = library.add_review(many_events(events))
    document = ReviewDocument(library, stored.id)
    view = TimelineView(document)
    view.resize(1600, 900)
    view.show()
    view.fit_all()
    ordered = document.review.events_by_time()
    step = [timedelta(minutes=1)]

    def move(count: int) -> float:
        picked = ordered[1000 : 1000 + count]
        targets = {e.id: document.review.event(e.id).at + step[0] for e in picked}  # type: ignore[union-attr]
        step[0] = -step[0]  # there and back, so the review keeps its shape
        began = time.perf_counter()
        view.move_events(targets)
        QApplication.processEvents()
        return time.perf_counter() - began

    move(1)  # warm caches
    one = median_of(runs, lambda: move(1))
    fifty = median_of(runs, lambda: move(50))
    view.close()
    document.close()
    library.close()
    return one, fifty


def bare_commit(folder: Path, runs: int = 200) -> float:
    """The median bare sqlite3 INSERT + COMMIT on this disk, with the library's PRAGMAs."""
    commit_one, close = bare_sqlite(folder / "bare.sqlite")
    counter = iter(range(10**9))

    def once() -> float:
        began = time.perf_counter()
        commit_one(next(counter))
        return time.perf_counter() - began

    try:
        once()
        return median_of(runs, once)
    finally:
        close()


def accepting(folder: Path, messages: int) -> tuple[int, float, float]:
    export = folder / f"export-{messages}"
    export.mkdir()
    write_export(export, messages, shape="minimal")
    result = load_source(export)
    began = time.perf_counter()
    proposals = propose_key_moments(result)
    proposing = time.perf_counter() - began
    library = Library.open(folder / f"accept-{messages}.pmdesk")
    review = library.create_review("Chat import", default_layers=False)
    began = time.perf_counter()
    people, events = accept_all(result, proposals, review.people, review.events)
    library.put_items(review.id, [*people, *events], expected_version=review.version)
    accepted = time.perf_counter() - began
    library.close()
    return len(events), proposing, accepted


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-") as name:
        folder = Path(name)
        one, fifty = canvas_moves(folder)
        print("Timeline canvas, 5,000 events: move cards as one gesture (commit + relayout)")
        print(f"  move 1 card     {one * 1000:8.1f} ms")
        ratio = fifty / one
        print(f"  move 50 cards   {fifty * 1000:8.1f} ms   {ratio:5.2f}x one card (target ≤ 3x)")
        bare = bare_commit(folder)
        print(f"  sqlite3 INSERT + COMMIT {bare * 1000:6.2f} ms   one card move is "
              f"{one / bare:5.1f}x it")  # fmt: skip
        print()
        print("Accept proposed key moments (accept_all + one library write) vs proposing them")
        print(f"  {'messages':>9} {'accepted':>9} {'propose ms':>11} {'accept ms':>10} "
              f"{'ratio':>6} {'µs/moment':>10}")  # fmt: skip
        for messages in (25_000, 50_000, 100_000):
            count, proposing, accepted = accepting(folder, messages)
            print(
                f"  {messages:>9,} {count:>9,} {proposing * 1000:>11.1f} {accepted * 1000:>10.1f} "
                f"{accepted / proposing:>5.2f}x {accepted / max(count, 1) * 1e6:>10.1f}"
            )


if __name__ == "__main__":
    main()
