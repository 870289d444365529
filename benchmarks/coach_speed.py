"""How the writing coach's cost grows with text length: 10,000 words against 1,000.

The GUI lints on every keystroke pause, so the cost must be linear and small.
Run from the repository root:  .venv/bin/python benchmarks/coach_speed.py

It reports median times and the ratio 10k/1k for three shapes of text: a
realistic narrative (sentences from the evaluation set), a worst case with one
endless sentence full of matches, and a whole review through ``lint_review``.
A linear linter gives ratios near 10; quadratic behaviour would give ~100.
"""

from __future__ import annotations

import itertools
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pmdesk.coach import lint_review, lint_text
from pmdesk.model import Event, EventKind, Factor, Review

EVAL = Path(__file__).resolve().parents[1] / "tests" / "data" / "coach" / "eval.tsv"


def sentences() -> list[str]:
    lines = EVAL.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[2] for line in lines if line and not line.startswith("#")]


def words_of(pool: list[str], count: int, joiner: str = " ") -> str:
    out: list[str] = []
    total = 0
    for sentence in itertools.cycle(pool):
        out.append(sentence)
        total += len(sentence.split())
        if total >= count:
            return joiner.join(out)
    raise AssertionError("unreachable")


def one_sentence(count: int) -> str:
    chunk = "some users saw errors quickly and nobody was careless while the database was slow"
    words = chunk.split()
    return " ".join(itertools.islice(itertools.cycle(words), count))


def review_of(count: int, pool: list[str]) -> Review:
    per_event = 40
    n_events = count // (2 * per_event)
    events = tuple(
        Event(
            f"e{i}",
            datetime(2026, 1, 1, tzinfo=UTC),
            EventKind.NOTE,
            "Step",
            words_of(pool[i % 50 :], per_event),
        )
        for i in range(n_events)
    )
    factors = (Factor("f1", "l1", "The root cause was a config push."),)
    return Review(
        "r", "Bench", narrative=words_of(pool, count // 2), events=events, factors=factors
    )


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up: regex caches, imports
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    pool = sentences()
    cases: list[tuple[str, Callable[[int], Callable[[], object]]]] = [
        ("narrative (eval sentences)", lambda n: lambda: lint_text(words_of(pool, n), "narrative")),
        ("one endless sentence", lambda n: lambda: lint_text(one_sentence(n), "narrative")),
        (
            "whole review (lint_review)",
            lambda n: (lambda r: lambda: lint_review(r))(review_of(n, pool)),
        ),
    ]
    print(f"{'case':32} {'1k words':>10} {'10k words':>10} {'ratio':>7}")
    for name, make in cases:
        small = median_seconds(make(1_000), repeat=15)
        large = median_seconds(make(10_000), repeat=5)
        print(f"{name:32} {small * 1e3:8.1f}ms {large * 1e3:8.1f}ms {large / small:7.1f}")
    print("A linear linter shows ratios near 10; the text is rebuilt inside each timed call.")


if __name__ == "__main__":
    main()
