"""How drafting scales with the size of a timeline, as ratios to a baseline of the same run.

The baseline is the cheapest text a timeline can become: one "HH:MM title" line
per event. Run from the repository root:

    .venv/bin/python tests/unit/draft/benchmarks/bench_story.py

Not collected by pytest (the name does not start with test_).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

from pmdesk.draft import invented, write_story
from pmdesk.draft.answer import parse_answer
from pmdesk.model import Event, EventKind, Person, Review

KINDS = list(EventKind)
START = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def make_review(size: int) -> Review:
    people = tuple(Person(f"p{i}", f"Person{i} Example") for i in range(8))
    events = tuple(
        Event(
            f"e{i}",
            START + timedelta(minutes=3 * i),
            KINDS[i % len(KINDS)],
            f"Restarted the worker pool {i % 17}" if i % 3 else f"Queue depth above {i % 50}k",
            knew="the pool looked saturated" if i % 4 == 0 else None,
            actor=f"p{i % 8}" if i % 5 else None,
            key=i % 13 == 0,
        )
        for i in range(size)
    )
    return Review(
        id="bench",
        title="Benchmark review",
        timezone="Europe/Berlin",
        started_at=START,
        detected_at=START + timedelta(minutes=3 * size // 5),
        mitigated_at=START + timedelta(minutes=3 * size // 2),
        resolved_at=START + timedelta(minutes=3 * size * 4 // 5),
        people=people,
        events=events,
    )


def log_lines(review: Review) -> str:
    return "\n".join(f"{e.at:%H:%M} {e.title}" for e in review.events_by_time())


def as_answer(review: Review) -> str:
    draft = write_story(review)
    return json.dumps(
        {
            "paragraphs": [
                {
                    "phase": p.phase.value,
                    "sentences": [
                        {
                            "text": s.text,
                            "events": list(s.event_ids),
                            "milestones": list(s.milestones),
                        }
                        for s in p.sentences
                    ],
                }
                for p in draft.paragraphs
            ]
        }
    )


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    print(f"{'events':>7} {'baseline ms':>12} {'draft ×':>8} {'checks ×':>9} {'answer ×':>9}")
    for size in (20, 200, 2000):
        review = make_review(size)
        repeat = 30 if size < 2000 else 7
        text = write_story(review).text
        answer = as_answer(review)
        base = median_seconds(partial(log_lines, review), repeat)
        draft = median_seconds(partial(write_story, review), repeat)
        checks = median_seconds(partial(invented, text, review), repeat)
        parse = median_seconds(partial(parse_answer, answer, review), repeat)
        print(
            f"{size:>7} {base * 1000:>12.3f} {draft / base:>8.1f} {checks / base:>9.1f} "
            f"{parse / base:>9.1f}   (draft {draft * 1000:.1f} ms, parse {parse * 1000:.1f} ms)"
        )


if __name__ == "__main__":
    main()
