"""Loading and scoring the labelled evaluation set in tests/data/coach/eval.tsv.

Shared by the precision/recall test and the benchmark that runs a general
prose linter over the same sentences, so both are scored the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "coach"
EVAL_PATHS = tuple(
    DATA / name for name in ("eval.tsv", "eval_holdout.tsv", "eval_blind.tsv", "eval_blind2.tsv")
)
FAMILIES = ("blame", "vague", "action", "structure")


@dataclass(frozen=True)
class Example:
    file: str
    line: int
    labels: frozenset[str]
    where: str
    sentence: str
    source: str


@dataclass(frozen=True)
class Score:
    family: str
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        flagged = self.true_pos + self.false_pos
        return self.true_pos / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        relevant = self.true_pos + self.false_neg
        return self.true_pos / relevant if relevant else 1.0


def load_examples(path: Path) -> list[Example]:
    examples = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        labels, where, sentence, source = raw.split("\t")
        tags = frozenset() if labels == "-" else frozenset(labels.split(","))
        examples.append(Example(path.name, number, tags, where, sentence, source))
    return examples


def score(
    examples: Iterable[Example], predict: Callable[[Example], set[str]]
) -> tuple[dict[str, Score], list[tuple[Example, set[str]]]]:
    """Per-family scores, and the examples whose prediction differs from the labels."""
    counts = {family: [0, 0, 0] for family in FAMILIES}
    misses = []
    for example in examples:
        predicted = predict(example)
        if predicted != set(example.labels):
            misses.append((example, predicted))
        for family in FAMILIES:
            want, got = family in example.labels, family in predicted
            if want and got:
                counts[family][0] += 1
            elif got:
                counts[family][1] += 1
            elif want:
                counts[family][2] += 1
    return {f: Score(f, *c) for f, c in counts.items()}, misses
