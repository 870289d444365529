"""The coach against a general prose linter (proselint, from PyPI) on the labelled set.

Run from the repository root:  .venv/bin/python benchmarks/coach_vs_proselint.py
(needs ``pip install proselint``; it is a benchmark dependency, not pmdesk's).

proselint has no notion of blame or vagueness, so it is scored two ways: "any
check" counts a sentence as flagged for a family when proselint says anything
about it, and "best single check" picks, per family, the proselint check with
the highest F1 on this very set (an upper bound in its favour). The coach is
scored by its own families. Both run on tests/data/coach/eval*.tsv.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

from pmdesk.coach import lint_text

ROOT = Path(__file__).resolve().parents[1]


def load_evalset():  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "unit" / "coach" / "evalset.py"
    spec = importlib.util.spec_from_file_location("coach_evalset", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def proselint_checker():  # type: ignore[no-untyped-def]
    try:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        sys.exit("proselint is not installed: .venv/bin/pip install proselint")
    CheckRegistry().register_many(__register__)

    def check(sentence: str) -> set[str]:
        return {r.check_result.check_path for r in LintFile("<eval>", sentence).lint()}

    return check


def f1(score) -> float:  # type: ignore[no-untyped-def]
    p, r = score.precision, score.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    evalset = load_evalset()
    examples = [e for path in evalset.EVAL_PATHS for e in evalset.load_examples(path)]
    check = proselint_checker()

    start = time.perf_counter()
    coach = {id(e): {f.family.value for f in lint_text(e.sentence, e.where)} for e in examples}
    coach_seconds = time.perf_counter() - start
    start = time.perf_counter()
    prose = {id(e): check(e.sentence) for e in examples}
    prose_seconds = time.perf_counter() - start

    fired = Counter(path for paths in prose.values() for path in paths)
    print(f"{len(examples)} labelled sentences; proselint checks that fired: {len(fired)}")
    for path, count in fired.most_common(8):
        print(f"  {count:3d}  {path}")
    print()
    header = f"{'family':10} {'linter':34} {'precision':>9} {'recall':>7} {'F1':>6}"
    print(header)
    print("-" * len(header))
    for family in evalset.FAMILIES:
        rows = []
        ours, _ = evalset.score(examples, lambda e: coach[id(e)])
        rows.append(("pmdesk coach", ours[family]))
        any_check, _ = evalset.score(examples, lambda e, f=family: {f} if prose[id(e)] else set())
        rows.append(("proselint, any check", any_check[family]))
        best_name, best = "proselint, best single check: none", None
        for path in fired:
            s, _ = evalset.score(
                examples, lambda e, f=family, p=path: {f} if p in prose[id(e)] else set()
            )
            if best is None or f1(s[family]) > f1(best):
                best_name, best = f"proselint, best: {path}", s[family]
        if best is not None:
            rows.append((best_name[:34], best))
        for name, s in rows:
            print(f"{family:10} {name:34} {s.precision:9.2f} {s.recall:7.2f} {f1(s):6.2f}")
    print()
    print("pmdesk coach per batch (eval_blind2.tsv is the one no rule was changed for):")
    for path in evalset.EVAL_PATHS:
        batch = evalset.load_examples(path)
        scores, _ = evalset.score(
            batch, lambda e: {f.family.value for f in lint_text(e.sentence, e.where)}
        )
        cells = "  ".join(
            f"{fam} P={scores[fam].precision:.2f} R={scores[fam].recall:.2f}"
            for fam in ("blame", "vague")
        )
        print(f"  {path.name:18} n={len(batch):3d}  {cells}")
    print()
    print(
        f"time for all sentences: coach {coach_seconds * 1e3:.0f} ms, "
        f"proselint {prose_seconds * 1e3:.0f} ms (ratio {prose_seconds / coach_seconds:.1f}x)"
    )


if __name__ == "__main__":
    main()
