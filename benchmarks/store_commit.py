"""What one committed edit costs through the library, against a bare sqlite3 commit.

Run: ``.venv/bin/python benchmarks/store_commit.py [N]`` (default N = 200).

Every edit in pmdesk is committed when it is made (WAL, ``synchronous=FULL``), so
the floor is one durable SQLite commit. In this one run, interleaved so that disk
noise hits every row alike, it times N of each:

* baseline: a bare ``sqlite3`` connection with the same PRAGMAs doing
  ``BEGIN IMMEDIATE``; one-row ``INSERT``; ``COMMIT``;
* ``Library.put_item`` of a small went-well item;
* ``Library.update_review`` of the title;
* the same title update on a review of 5 000 events (an edit should not cost
  more because the review is large).

It prints the median and 90th percentile in milliseconds, the median's excess
over the baseline (pmdesk's own work: ORM, version bump, checks) and the ratio of
each median to the baseline's; ratios, not milliseconds, compare across machines.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pmdesk.model.review import Event, EventKind, Review, WentWell
from pmdesk.store import Library


def bare_sqlite(path: Path) -> tuple[Callable[[int], None], Callable[[], None]]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE items (pk INTEGER PRIMARY KEY, uid TEXT, text TEXT)")

    def commit_one(n: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO items (uid, text) VALUES (?, ?)", (f"w{n}", "Rollback worked"))
        conn.execute("COMMIT")

    return commit_one, conn.close


def large_review(events: int) -> Review:
    start = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    return Review(
        "large",
        "A long incident",
        events=tuple(
            Event(f"e{n}", start + timedelta(seconds=n), EventKind.NOTE, f"Note {n}")
            for n in range(events)
        ),
    )


def measure(count: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory(prefix="pmdesk-bench-") as folder:
        base_commit, base_close = bare_sqlite(Path(folder) / "bare.sqlite")
        library = Library.open(Path(folder) / "library.pmdesk")
        small = library.create_review("Queue backlog", default_layers=False)
        large = library.add_review(large_review(5000))
        cases: dict[str, Callable[[int], object]] = {
            "sqlite3 INSERT + COMMIT (baseline)": base_commit,
            "Library.put_item (small item)": lambda n: library.put_item(
                small.id, WentWell(f"w{n}", "Rollback worked")
            ),
            "Library.update_review (title)": lambda n: library.update_review(
                small.id, title=f"Queue backlog, take {n}"
            ),
            "update_review, 5 000-event review": lambda n: library.update_review(
                large.id, title=f"A long incident, take {n}"
            ),
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        names = list(cases)
        for n in range(count):
            for name in names[n % len(names) :] + names[: n % len(names)]:  # rotate the order
                start = time.perf_counter()
                cases[name](n)
                times[name].append(time.perf_counter() - start)
        library.close()
        base_close()
    return times


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    times = measure(count)
    baseline = statistics.median(next(iter(times.values())))
    print(f"One committed edit, median of {count} (WAL, synchronous=FULL)")
    print(f"{'operation':<38} {'median ms':>10} {'p90 ms':>8} {'extra ms':>9} {'ratio':>7}")
    for name, samples in times.items():
        median = statistics.median(samples)
        p90 = statistics.quantiles(samples, n=10)[-1]
        extra = (median - baseline) * 1000
        print(
            f"{name:<38} {median * 1000:>10.2f} {p90 * 1000:>8.2f} {extra:>9.2f} "
            f"{median / baseline:>6.2f}x"
        )


if __name__ == "__main__":
    main()
