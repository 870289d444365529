"""How quick capture, backlog export and tracker matching grow with their input.

Quick capture runs on every pause while the facilitator types, so one line
must cost well under a frame; export and tracker matching run once per review
but must not turn quadratic when a team pastes a long tracker export.
Run from the repository root:  .venv/bin/python benchmarks/actions_speed.py

Each case is timed at a small and a ten-times-larger size in the same run and
reported as medians and the large/small ratio: linear work gives ratios near
10, quadratic work near 100.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from pmdesk.actions.capture import parse_action_line
from pmdesk.actions.export import export_actions
from pmdesk.actions.tracker import match_tracker_refs
from pmdesk.model.review import Action, Person, Review

TODAY = date(2026, 11, 25)
PEOPLE = (
    *(Person(f"p{i}", f"Person{i} Surname{i}") for i in range(40)),
    Person("alex", "Alex Kim"),
)
LINE = "Alex: add an alert for replication lag > 30s on db hosts by 15 Dec"
VERBS = ("add", "write", "cap", "alert", "rotate", "document", "retire", "page")
NOUNS = ("lag", "disk", "queue", "timeout", "cert", "runbook", "canary", "replica", "quota")


def median_ms(work: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def long_line(words: int) -> str:
    filler = " ".join(f"{NOUNS[i % len(NOUNS)]} {i}" for i in range(words // 2))
    return f"Alex: add an alert for {filler} by 15 Dec"[:1999]


def review_of(count: int) -> Review:
    actions = tuple(
        Action(
            f"a{i}",
            f"{VERBS[i % len(VERBS)].title()} the {NOUNS[i % len(NOUNS)]} check number {i} "
            f"for service {i * 7}",
            owner="alex",
            outcome="lag > 30s",
            due=date(2027, 1, 1 + i % 28),
        )
        for i in range(count)
    )
    return Review(id="r1", title="Benchmark review", people=PEOPLE, actions=actions)


def paste_for(review: Review) -> str:
    return "\n".join(f"OPS-{n} {a.text}" for n, a in enumerate(reversed(review.actions)))


def case(name: str, small: Callable[[], object], large: Callable[[], object]) -> None:
    small_ms = median_ms(small)
    large_ms = median_ms(large)
    print(f"{name:<40} {small_ms:9.2f} ms {large_ms:10.2f} ms   x{large_ms / small_ms:6.1f}")


def main() -> None:
    print(f"{'case':<40} {'small':>12} {'10x larger':>13}   ratio")
    line_short, line_long = long_line(20), long_line(200)

    def capture(line: str) -> Callable[[], object]:
        return lambda: [parse_action_line(line, today=TODAY, people=PEOPLE) for _ in range(20)]

    case("capture x20 (20 vs 200 words)", capture(line_short), capture(line_long))
    per_line = median_ms(capture(LINE)) / 20
    print(f"capture of the sample line: {per_line:.3f} ms per line ({LINE!r})")
    small, large = review_of(100), review_of(1000)
    for fmt in ("jira-csv", "json"):
        case(
            f"export {fmt} (100 vs 1000 actions)",
            lambda fmt=fmt: export_actions(small, fmt),
            lambda fmt=fmt: export_actions(large, fmt),
        )
    small_paste, large_paste = paste_for(small), paste_for(large)
    case(
        "tracker paste (100 vs 1000 issues)",
        lambda: match_tracker_refs(small, small_paste),
        lambda: match_tracker_refs(large, large_paste),
    )
    fuzzy_small = small_paste.replace(" check number ", " check no. ")
    fuzzy_large = large_paste.replace(" check number ", " check no. ")
    case(
        "tracker paste, reworded titles",
        lambda: match_tracker_refs(small, fuzzy_small),
        lambda: match_tracker_refs(large, fuzzy_large),
    )
    one_line_small = " ".join(f"#{n}" for n in range(10_000))
    one_line_large = " ".join(f"#{n}" for n in range(100_000))
    case(
        "tracker, one line of 10k vs 100k refs",
        lambda: match_tracker_refs(small, one_line_small),
        lambda: match_tracker_refs(small, one_line_large),
    )
    matched = match_tracker_refs(large, large_paste)
    print(f"links found in the 1000-issue paste: {len(matched)}")


if __name__ == "__main__":
    main()
