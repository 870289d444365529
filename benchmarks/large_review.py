"""What a review near the events bound costs: import, lint and the engineering report.

A review of 100,000 events (half the 200,000 pmdesk takes) is written as a
.pmreview, then each step runs in its own process through the command line, as
a user would run it: ``import-review``, ``lint``, and ``report --audience
engineering`` with its figures as PDF and as Word. Each process reports its seconds
and its peak memory (``getrusage`` maxrss). The baseline, measured in the same
run, is a process that reads the same review.json with ``json.loads`` and writes
it again with ``json.dumps``: touching every value once. Each step is printed as
seconds and peak memory, and as ratios to the baseline. Targets (issue 22):
the PDF within 60 s and 1 GB here (Word has no target yet; it is shown
so that a change to it is seen).

Run from the repository root:  .venv/bin/python benchmarks/large_review.py
(``--events N`` for a smaller review, ``--timeout S`` per step).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from pmdesk.store.pmreview import write_review_file
from report_speed import big_review

STEPS = ("write", "baseline", "import", "lint", "pdf", "docx")


def child(step: str, work: Path, events: int) -> None:
    """One step in this process; prints its seconds and peak memory as one JSON line."""
    library = str(work / "library.pmdesk")
    start = time.perf_counter()
    if step == "write":
        write_review_file(big_review(events=events, actions=200), work / "large.pmreview")
    elif step == "baseline":
        with zipfile.ZipFile(work / "large.pmreview") as archive:
            data = archive.read("review.json")
        json.dumps(json.loads(data)).encode()
    else:
        from pmdesk.cli import main

        argv = {
            "import": ["import-review", "--replace", str(work / "large.pmreview")],
            "lint": ["lint", "bench"],
            "pdf": [
                *("report", "bench", "--audience", "engineering", "--format", "pdf"),
                *("-o", str(work / "large.pdf")),
            ],
            "docx": [
                *("report", "bench", "--audience", "engineering", "--format", "docx"),
                *("-o", str(work / "large.docx")),
            ],
        }[step]
        with open(os.devnull, "w") as quiet:
            stdout, sys.stdout = sys.stdout, quiet
            try:
                status = main(["--library", library, *argv])
            finally:
                sys.stdout = stdout
        if status not in (0, None) and not (step == "lint" and status == 1):
            raise SystemExit(f"{step}: pmdesk exited with {status}")
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak_mib}))


def run_step(step: str, work: Path, timeout: float, events: int = 0) -> dict[str, float] | None:
    """Run ``step`` in a fresh process; None when it did not finish within ``timeout``."""
    argv = [sys.executable, __file__, "--child", step, "--work", str(work)]
    try:
        done = subprocess.run(
            [*argv, "--events", str(events)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        raise SystemExit(f"{step} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per step")
    parser.add_argument("--child", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.work, args.events)
        return 0
    with tempfile.TemporaryDirectory(prefix="pmdesk-large-") as tmp:
        work = Path(tmp)
        # Written by a process of its own: a child's peak memory starts at its parent's.
        assert run_step("write", work, args.timeout, args.events) is not None
        size = (work / "large.pmreview").stat().st_size / 2**20
        print(f"a review of {args.events:,} events ({size:.2f} MiB as .pmreview)")
        base = run_step("baseline", work, args.timeout)
        assert base is not None, "the baseline did not finish"
        print(f"{'baseline':<9} {base['seconds']:8.1f} s {base['peak_mib']:8.0f} MiB")
        for step in STEPS[2:]:
            got = run_step(step, work, args.timeout)
            if got is None:
                print(f"{step:<9} past {args.timeout:.0f} s: stopped")
                continue
            print(
                f"{step:<9} {got['seconds']:8.1f} s {got['peak_mib']:8.0f} MiB"
                f"   {got['seconds'] / base['seconds']:6.1f}x time"
                f"  {got['peak_mib'] / base['peak_mib']:5.1f}x memory"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
