"""Precision and recall per rule family on the labelled evaluation set.

The set was written from public post-mortems and writing guides after the rules
(see the file's header for sources and label meanings); a coach that nags gets
switched off, so precision is held to the same bar as recall.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pmdesk.coach import lint_text


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
FAMILIES = evalset.FAMILIES
Example = evalset.Example
EXAMPLES = [example for path in evalset.EVAL_PATHS for example in evalset.load_examples(path)]
TARGETS = {"blame": (0.9, 0.85), "vague": (0.9, 0.85)}


def predict(example: Example) -> set[str]:  # type: ignore[valid-type]
    return {f.family.value for f in lint_text(example.sentence, example.where)}


SCORES, MISSES = evalset.score(EXAMPLES, predict)


def test_set_is_large_and_cites_sources() -> None:
    assert len(EXAMPLES) >= 150
    assert all(e.source for e in EXAMPLES)
    assert all(e.labels <= set(FAMILIES) for e in EXAMPLES)
    for family in ("blame", "vague"):
        assert sum(family in e.labels for e in EXAMPLES) >= 30
    assert sum(not e.labels for e in EXAMPLES) >= 50


@pytest.mark.parametrize("family", sorted(TARGETS))
def test_precision_and_recall_meet_targets(family: str) -> None:
    result = SCORES[family]
    want_precision, want_recall = TARGETS[family]
    misses = "\n".join(
        f"  {e.file}:{e.line}: labels={sorted(e.labels)} got={sorted(p)}: {e.sentence}"
        for e, p in MISSES
        if family in e.labels ^ p
    )
    detail = f"{family}: P={result.precision:.3f} R={result.recall:.3f}\n{misses}"
    assert result.precision >= want_precision, detail
    assert result.recall >= want_recall, detail


@pytest.mark.parametrize("family", ["action", "structure"])
def test_other_families_are_useful(family: str) -> None:
    """No published target; hold them to a floor so a regression shows up."""
    result = SCORES[family]
    assert result.precision >= 0.8, result
    assert result.recall >= 0.7, result
