"""Crash safety: a pmdesk killed at any moment keeps every edit it reported (PITFALLS DB-01).

A child process edits a library through ``Library`` and reports each edit after the
call returns; the parent SIGKILLs it at random moments, many times, then reopens the
library. Every reported edit must be there, the one in flight may or may not be,
nothing else may be, and SQLite's integrity check must pass.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import IO, Any

import pytest

from pmdesk.errors import NotFound
from pmdesk.model.review import Event, EventKind, Factor, Layer, Person, Review
from pmdesk.store import Library
from pmdesk.store.pmreview import write_review_file
from pmdesk.store.sample import sample_review, seed_sample

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

CHILD = Path(__file__).with_name("crash_child.py")
SRC = Path(__file__).resolve().parents[3] / "src"


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


@dataclass
class Expected:
    """What one run's review should hold after a list of edits."""

    created: bool = False
    title: str = "Crash test review"
    items: dict[str, dict[str, str]] = field(default_factory=lambda: {"went_well": {}, "notes": {}})
    imports: set[str] = field(default_factory=set)

    def apply(self, edit: dict[str, Any]) -> None:
        op = edit["op"]
        if op == "create":
            self.created = True
        elif op == "put":
            self.items[edit["part"]][edit["id"]] = edit["text"]
        elif op == "title":
            self.title = edit["text"]
        elif op == "remove":
            del self.items[edit["part"]][edit["id"]]
        else:
            self.imports.add(edit["review"])

    def copy(self) -> Expected:
        return Expected(
            self.created,
            self.title,
            {part: dict(items) for part, items in self.items.items()},
            set(self.imports),
        )


def observed(library: Library, run: int, imports: set[str]) -> Expected:
    seen = Expected()
    try:
        review = library.get_review(f"run-{run}")
    except NotFound:
        pass
    else:
        seen.created = True
        seen.title = review.title
        seen.items = {
            "went_well": {w.id: w.text for w in review.went_well},
            "notes": {n.id: n.text for n in review.notes},
        }
    sample = sample_review()
    for review_id in imports:
        try:
            imported = library.get_review(review_id)
        except NotFound:
            continue
        assert len(imported.events) == len(sample.events)  # an import is whole or absent
        assert len(imported.factors) == len(sample.factors)
        assert len(imported.actions) == len(sample.actions)
        seen.imports.add(review_id)
    return seen


def read_line(stream: IO[str]) -> str:
    line = stream.readline()
    assert line, "the child stopped before it was killed"
    return line


def run_and_kill(path: Path, run: int, rng: random.Random) -> tuple[Expected, Expected, set[str]]:
    """One child run; returns what must be there, what may be there, and imports tried."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(path), str(run), str(rng.randrange(2**32))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdout is not None
    done = Expected()
    in_flight: dict[str, Any] | None = None
    tried: set[str] = set()
    try:
        assert read_line(child.stdout) == "ready\n"
        goal = rng.randrange(0, 30)
        finished = 0
        while finished < goal:
            line = read_line(child.stdout)
            if line.startswith("B "):
                in_flight = json.loads(line[2:])
                if in_flight["op"] == "import":
                    tried.add(in_flight["review"])
            else:
                assert line == "D\n"
                assert in_flight is not None
                done.apply(in_flight)
                in_flight = None
                finished += 1
        time.sleep(rng.uniform(0, 0.015))
    finally:
        child.send_signal(signal.SIGKILL)
        # Read through the same buffered stream: communicate() would skip what it holds.
        rest = child.stdout.read()
        errors = child.stderr.read() if child.stderr else ""
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors
    # Lines reported before the kill landed are promised too; a last line without its
    # newline was cut by the kill and promises nothing.
    for line in rest.split("\n")[:-1]:
        if line.startswith("B "):
            in_flight = json.loads(line[2:])
            if in_flight["op"] == "import":
                tried.add(in_flight["review"])
        else:
            assert line == "D" and in_flight is not None, f"{line!r} in {rest!r}"
            done.apply(in_flight)
            in_flight = None
    maybe = done.copy()
    if in_flight is not None:
        maybe.apply(in_flight)
    return done, maybe, tried


def integrity(path: Path) -> list[tuple[str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()


@pytest.mark.slow
def test_reported_edits_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "library.pmdesk"
    Library.open(path).close()
    rng = random.Random(20261129)
    outcomes = {"edit in flight kept": 0, "edit in flight lost": 0, "nothing in flight": 0}
    for run in range(40):
        done, maybe, tried = run_and_kill(path, run, rng)
        assert integrity(path) == [("ok",)]
        with Library.open(path) as library:
            seen = observed(library, run, tried)
        assert seen in (done, maybe), f"run {run}"
        if done == maybe:
            outcomes["nothing in flight"] += 1
        else:
            outcomes["edit in flight kept" if seen == maybe else "edit in flight lost"] += 1
    # The kills must land in the middle of edits, or the test shows nothing.
    assert outcomes["nothing in flight"] < 40


def big_review(events: int) -> Review:
    start = sample_review().started_at
    assert start is not None
    people = tuple(Person(f"p{n}", f"Responder {n}") for n in range(20))
    return Review(
        id="big-review",
        title="Week-long storage degradation (large timeline)",
        people=people,
        events=tuple(
            Event(
                f"e{n}",
                start + timedelta(seconds=30 * n),
                EventKind.NOTE if n % 7 else EventKind.INVESTIGATION,
                f"Observation {n}: disk latency at {n % 97} ms",
                detail="Read from the storage dashboard" if n % 3 == 0 else None,
                actor=f"p{n % 20}",
            )
            for n in range(events)
        ),
        layers=(Layer("l1", "Capacity planning"),),
        factors=tuple(
            Factor(f"f{n}", "l1", f"Factor {n}", events=(f"e{n * 10}", f"e{n * 10 + 1}"))
            for n in range(50)
        ),
    )


@pytest.mark.slow
def test_killed_import_review_leaves_all_of_the_review_or_none(tmp_path: Path) -> None:
    source = write_review_file(big_review(5000), tmp_path / "big.pmreview")
    path = tmp_path / "library.pmdesk"
    Library.open(path, seed=seed_sample).close()
    command = [sys.executable, "-m", "pmdesk", "--library", str(path), "import-review", "--copy"]

    started = time.monotonic()
    subprocess.run([*command, str(source)], check=True, capture_output=True, env=child_env())
    full_run = time.monotonic() - started  # to spread the kills over a whole import

    rng = random.Random(5000)
    for _ in range(5):
        child = subprocess.Popen(
            [*command, str(source)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=child_env(),
        )
        time.sleep(rng.uniform(0.3, 1.0) * full_run)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert integrity(path) == [("ok",)]
        with Library.open(path) as library:
            copies = [s for s in library.list_reviews() if s.title.startswith("Week-long")]
            assert copies and all(s.event_count == 5000 for s in copies)
            for summary in copies:
                assert len(library.get_review(summary.id).factors) == 50
