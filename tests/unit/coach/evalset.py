"""Loading and scoring the coach's labelled sentences.

Two kinds of data: tests/data/coach/eval*.tsv, sentences written for pmdesk
(paraphrases and our own), and tests/data/coach/corpus/*.tsv, verbatim
sentences from public post-mortems and guides, each with the document it came
from. The corpus is split into train and test *by document*, so the rules are
tuned on some post-mortems and scored on others whose authors they never saw.

Shared by the precision/recall tests, the benchmark that runs a general prose
linter over the same sentences, and the tuning report printed by running this
file (``python tests/unit/coach/evalset.py [train|test] [--misses]``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "coach"
EVAL_PATHS = tuple(
    DATA / name for name in ("eval.tsv", "eval_holdout.tsv", "eval_blind.tsv", "eval_blind2.tsv")
)
CORPUS = DATA / "corpus"
FAMILIES = ("blame", "vague", "action", "structure")
# Corpus labels: the coach's families plus "hindsight", which the coach reports
# inside its blame family (rules blame.hindsight, blame.counterfactual, blame.obviously).
CORPUS_LABELS = (*FAMILIES, "hindsight")
HINDSIGHT_RULES = frozenset({"blame.hindsight", "blame.counterfactual", "blame.obviously"})
# Two documents in five go to the test split, chosen by a hash of the document's
# id, so nobody picks which post-mortems the rules are scored on.
TEST_SHARE = 2


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
        tags = frozenset() if labels == "-" else frozenset(labels.strip().split(","))
        examples.append(Example(path.name, number, tags, where, sentence, source.strip()))
    return examples


def split_of(source: str) -> str:
    """``test`` or ``train`` for a document id; stable across runs and machines."""
    bucket = int(hashlib.sha256(source.encode("utf-8")).hexdigest(), 16) % 5
    return "test" if bucket < TEST_SHARE else "train"


def load_corpus(split: str | None = None) -> list[Example]:
    """The public-writing corpus, or one split of it, labelled as the coach's families.

    The coach reports hindsight inside its blame family (its labels definition in
    eval.tsv), so a sentence labelled ``hindsight`` expects ``blame`` as well;
    ``hindsight`` stays on the example to score the hindsight rules on their own.
    """
    examples = [e for path in sorted(CORPUS.glob("*.tsv")) for e in load_examples(path)]
    chosen = [e for e in examples if split is None or split_of(e.source) == split]
    return [
        dataclasses.replace(e, labels=e.labels | {"blame"}) if "hindsight" in e.labels else e
        for e in chosen
    ]


def predict_families(example: Example) -> set[str]:
    """The coach's families for one sentence, plus ``hindsight`` when a hindsight rule fired."""
    from pmdesk.coach import lint_text

    findings = lint_text(example.sentence, example.where)
    families = {f.family.value for f in findings}
    if any(f.rule in HINDSIGHT_RULES for f in findings):
        families.add("hindsight")
    return families & set(CORPUS_LABELS)


def score(
    examples: Iterable[Example], predict: Callable[[Example], set[str]]
) -> tuple[dict[str, Score], list[tuple[Example, set[str]]]]:
    """Per-family scores, and the examples whose prediction differs from the labels."""
    families = {f for e in examples for f in e.labels} | set(FAMILIES)
    counts = {family: [0, 0, 0] for family in sorted(families)}
    misses = []
    for example in examples:
        predicted = predict(example)
        if predicted != set(example.labels):
            misses.append((example, predicted))
        for family in counts:
            want, got = family in example.labels, family in predicted
            if want and got:
                counts[family][0] += 1
            elif got:
                counts[family][1] += 1
            elif want:
                counts[family][2] += 1
    return {f: Score(f, *c) for f, c in counts.items()}, misses


def main(argv: list[str]) -> None:
    """Print corpus scores per split; with --misses, the sentences scored wrong."""
    splits = [a for a in argv if a in ("train", "test")] or ["train", "test"]
    for split in splits:
        examples = load_corpus(split)
        sources = {e.source for e in examples}
        scores, misses = score(examples, predict_families)
        print(f"{split}: {len(examples)} sentences from {len(sources)} documents")
        for family, result in scores.items():
            relevant = result.true_pos + result.false_neg
            print(
                f"  {family:10} P={result.precision:.2f} R={result.recall:.2f}"
                f"  ({relevant} labelled, {result.false_pos} false alarms)"
            )
        if "--misses" in argv:
            for example, predicted in misses:
                print(
                    f"    {example.file}:{example.line} want={sorted(example.labels)} "
                    f"got={sorted(predicted)}: {example.sentence}"
                )


if __name__ == "__main__":
    main(sys.argv[1:])
