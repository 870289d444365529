"""The coach on writing nobody here wrote: verbatim sentences from public post-mortems.

tests/data/coach/corpus/ holds real sentences with the document each came from.
Documents are split into train and test by a hash of their id (see evalset.py);
the rules were tuned on the train documents only, so the test split measures how
the coach does on authors, teams and house styles it has not seen.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest


def _load_evalset():  # type: ignore[no-untyped-def]
    # tests/ is not a package (pytest runs with --import-mode=importlib), so load by path.
    spec = importlib.util.spec_from_file_location(
        "coach_evalset", Path(__file__).with_name("evalset.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


evalset = _load_evalset()
CORPUS = evalset.load_corpus()
# Issue 21's targets, (precision, recall) on documents held out from tuning. Not met
# yet: the scores below are floors that hold what the rules reach today, so a change
# that loses ground on other people's writing fails here; the note reports both.
TARGETS = {"blame": (0.9, 0.85), "vague": (0.9, 0.85), "action": (0.85, 0.85)}
FLOORS = {
    "train": {"blame": (0.9, 0.6), "vague": (0.7, 0.6), "action": (0.9, 0.8)},
    "test": {"blame": (0.4, 0.3), "vague": (0.55, 0.4), "action": (0.7, 0.35)},
}


def _scores(split: str):  # type: ignore[no-untyped-def]
    return evalset.score(evalset.load_corpus(split), evalset.predict_families)


def test_corpus_is_large_real_and_split_by_document() -> None:
    sources = Counter(e.source for e in CORPUS)
    assert len(CORPUS) >= 1500
    assert len(sources) >= 40
    assert all(e.labels <= set(evalset.CORPUS_LABELS) for e in CORPUS)
    assert all(e.where in ("narrative", "actions[0].text") for e in CORPUS)
    splits = {
        split: [e for e in CORPUS if evalset.split_of(e.source) == split]
        for split in ("train", "test")
    }
    assert min(len(examples) for examples in splits.values()) >= 400
    for family in ("blame", "vague", "action"):
        assert sum(family in e.labels for e in splits["test"]) >= 20, family
    # Every sentence of one document is in the same split.
    for source in sources:
        assert len({evalset.split_of(e.source) for e in CORPUS if e.source == source}) == 1


def test_no_sentence_sits_in_both_splits() -> None:
    train = {e.sentence for e in CORPUS if evalset.split_of(e.source) == "train"}
    test = {e.sentence for e in CORPUS if evalset.split_of(e.source) == "test"}
    assert not train & test


@pytest.mark.parametrize("split", sorted(FLOORS))
@pytest.mark.parametrize("family", sorted(TARGETS))
def test_scores_hold_their_floor(split: str, family: str) -> None:
    # Only the score is shown: listing held-out sentences would invite tuning on them.
    scores, _ = _scores(split)
    result = scores[family]
    want_precision, want_recall = FLOORS[split][family]
    detail = f"{family} on {split}: P={result.precision:.3f} R={result.recall:.3f}"
    assert result.precision >= want_precision, detail
    assert result.recall >= want_recall, detail


def test_the_rules_do_better_than_before_on_held_out_documents() -> None:
    """Recall on the test split against the phrase lists this issue started from."""
    scores, _ = _scores("test")
    # Scores of the coach at the start of issue 21 on the same split (see the note).
    before = {"blame": 0.18, "vague": 0.30, "action": 0.28}
    for family, recall in before.items():
        assert scores[family].recall > recall + 0.1, (family, scores[family].recall)


def test_neutral_sentences_are_almost_never_called_blame() -> None:
    """Naming who did what is context; a coach that calls it blame teaches people to hide names."""
    neutral = [e for e in CORPUS if not e.labels and e.where == "narrative"]
    flagged = [e for e in neutral if "blame" in evalset.predict_families(e)]
    assert len(flagged) <= len(neutral) // 100, [e.sentence for e in flagged[:10]]
