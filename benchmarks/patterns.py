"""What finding patterns across a large library costs, against a bare SQL count of the same.

Run: ``.venv/bin/python benchmarks/patterns.py [N]`` (default N = 500; the issue's size is
5000). It builds a SQLite library of N generated reviews with 50 contributing factors and
20 actions each (factors drawn from templates about many systems, reworded three ways,
so that patterns exist and look-alikes on other systems abound), then times in one run:

* baseline: bare ``sqlite3`` GROUP BY queries for the same counts (factors per category,
  per layer and stage, third-party factors, reviews by kind, actions by status, overdue
  actions by owner);
* ``pmdesk patterns --format json``'s core: ``find_patterns`` plus the JSON text;
* the Patterns view (offscreen Qt): from ``set_library`` until its ``computed`` signal,
  with the longest pause of the GUI thread meanwhile (a 10 ms timer's worst gap), which
  shows that finding patterns does not freeze the window.

It prints both medians and their ratio; ratios, not seconds, compare across machines.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pmdesk.model.review import Action, ActionStatus, Factor, Layer, Person, Review, ReviewKind
from pmdesk.patterns import find_patterns, patterns_json
from pmdesk.store import Library
from pmdesk.store.library import DEFAULT_LAYERS

SYSTEMS = [
    f"{name}-{kind}"
    for name in (
        "payments",
        "search",
        "auth",
        "cart",
        "ledger",
        "media",
        "orders",
        "profile",
        "notify",
        "billing",
    )
    for kind in ("api", "db", "worker")
]
#: Three wordings of each factor; {s} is a system.
TEMPLATES = [
    (
        "technology",
        "The {s} connection pool was exhausted under peak load",
        "Connection pool exhaustion in {s} during the traffic spike",
        "{s} ran out of pool connections at the peak",
    ),
    (
        "technology",
        "Disk filled up on {s} after the retention change",
        "The {s} volume was full because retention changed",
        "{s} storage filled after retention",
    ),
    (
        "process",
        "The config change to {s} went out without a canary",
        "Canary stage was skipped for the {s} configuration change",
        "No canary for the {s} config rollout",
    ),
    (
        "technology",
        "No alert fired when the {s} queue backlog grew",
        "The {s} queue backlog grew without any alert",
        "Backlog on {s} rose and nobody was paged",
    ),
    (
        "process",
        "The failover runbook for {s} was out of date",
        "Stale runbook for {s} failover",
        "{s} failover playbook pointed at the old cluster",
    ),
    (
        "third_party",
        "The DNS provider had an outage affecting {s}",
        "Third-party DNS failure took {s} offline",
        "{s} was unreachable during the DNS vendor outage",
    ),
    (
        "people",
        "Only one engineer knew how {s} was deployed",
        "Knowledge of the {s} deploy sat with one person",
        "A single person owned the {s} release",
    ),
    (
        "technology",
        "A memory leak in {s} caused OOM kills",
        "{s} was OOM killed after a slow memory leak",
        "Memory leak in {s}",
    ),
    (
        "technology",
        "Retries from clients amplified load on {s}",
        "A client retry storm overloaded {s}",
        "Retry storm against {s}",
    ),
    (
        "process",
        "The TLS certificate for {s} expired",
        "The {s} TLS cert lapsed because renewal was manual",
        "Expired certificate on {s}",
    ),
]


def generated(n: int, rng: random.Random) -> Review:
    start = datetime(2024, 1, 1, 9, tzinfo=UTC) + timedelta(hours=7 * n)
    layers = tuple(Layer(f"l{i}", name, stage, i) for i, (name, stage) in enumerate(DEFAULT_LAYERS))
    people = tuple(Person(f"p{i}", f"Owner {i}") for i in range(5))
    factors = []
    for i in range(50):
        category, *wordings = rng.choice(TEMPLATES)
        text = rng.choice(wordings).format(s=rng.choice(SYSTEMS))
        factors.append(Factor(f"f{i}", f"l{rng.randrange(5)}", text, category))
    actions = tuple(
        Action(
            f"a{i}",
            f"Follow-up {i} for review {n}",
            owner=f"p{rng.randrange(5)}",
            due=date(2024, 1, 1) + timedelta(days=rng.randrange(900)),
            status=rng.choice(list(ActionStatus)),
            factors=(f"f{rng.randrange(50)}",),
        )
        for i in range(20)
    )
    return Review(
        id=f"g{n:05d}",
        title=f"Generated incident {n}",
        kind=ReviewKind.SHORT if n % 3 == 0 else ReviewKind.FULL,
        severity=rng.choice(["SEV1", "SEV2", "SEV3"]),
        services=(rng.choice(SYSTEMS),),
        started_at=start,
        detected_at=start + timedelta(minutes=rng.randrange(1, 90)),
        mitigated_at=start + timedelta(minutes=rng.randrange(90, 400)),
        layers=layers,
        people=people,
        factors=tuple(factors),
        actions=actions,
    )


BARE_COUNTS = [
    "SELECT category, count(*) FROM factors GROUP BY category",
    "SELECT r.uid, l.name, l.stage, count(f.pk) FROM factors f JOIN layers l ON l.pk = f.layer_pk"
    " JOIN reviews r ON r.pk = f.review_pk GROUP BY r.uid, l.name, l.stage",
    "SELECT count(*) FROM factors WHERE third_party OR lower(category) = 'third_party'",
    "SELECT kind, count(*) FROM reviews GROUP BY kind",
    "SELECT status, count(*) FROM actions GROUP BY status",
    "SELECT p.name, count(*) FROM actions a LEFT JOIN people p ON p.pk = a.owner_pk"
    " WHERE a.status IN ('open', 'in_progress') AND a.due < :today GROUP BY p.name",
]


def bare(path: Path, today: date) -> None:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        for sql in BARE_COUNTS:
            conn.execute(sql, {"today": today.isoformat()}).fetchall()
    finally:
        conn.close()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rng = random.Random(17)
    today = date(2026, 6, 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "library.pmdesk"
        built = time.perf_counter()
        with Library.open(path) as library:
            for n in range(count):
                library.add_review(generated(n, rng))
            print(f"built {count} reviews in {time.perf_counter() - built:.0f} s")
            base: list[float] = []
            core: list[float] = []
            groups = 0
            for _ in range(3):
                began = time.perf_counter()
                bare(path, today)
                base.append(time.perf_counter() - began)
                began = time.perf_counter()
                patterns = find_patterns(library, today=today)
                json.dumps(patterns_json(patterns), ensure_ascii=False, indent=1)
                core.append(time.perf_counter() - began)
                groups = len(patterns.groups)
            view, stall = view_times(library)
        b, c = statistics.median(base), statistics.median(core)
        print(f"{count} reviews, {count * 50} factors, {count * 20} actions, {groups} groups")
        print(f"bare SQL counts      {b * 1000:9.1f} ms")
        print(f"patterns --format json core {c * 1000:9.1f} ms   ratio {c / b:.1f}x")
        print(f"Patterns view, open to shown {view * 1000:9.1f} ms   ratio {view / b:.1f}x")
        print(f"longest GUI-thread pause while finding {stall * 1000:.0f} ms")


def view_times(library: Library) -> tuple[float, float]:
    """Median time from set_library to the view's computed signal, and the worst GUI stall."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from pmdesk.ui.patterns.view import PatternsView

    app = QApplication.instance() or QApplication([])
    assert app is not None
    times: list[float] = []
    worst = 0.0
    for _ in range(3):
        view = PatternsView()
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        loop = QEventLoop()
        view.computed.connect(loop.quit)
        clock = QElapsedTimer()
        ticks: list[float] = []
        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(
            lambda ticks=ticks, clock=clock: ticks.append(clock.nsecsElapsed() / 1e9)
        )
        clock.start()
        ticker.start()
        view.set_library(library)
        loop.exec()
        times.append(clock.nsecsElapsed() / 1e9)
        ticker.stop()
        gaps = [b - a for a, b in zip([0.0, *ticks], ticks, strict=False)]
        worst = max([worst, *gaps])
        view.close()
        view.deleteLater()
        app.processEvents()
    return statistics.median(times), worst


if __name__ == "__main__":
    main()
