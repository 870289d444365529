"""The bundle build says how far it has got while it runs, and still hands back its output."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Build = Callable[..., subprocess.CompletedProcess[str]]  # the run_with_progress fixture

STEPS = (
    "import sys, time\n"
    "for n in (1, 2):\n"
    "    print(f'{n}00 INFO: step {n}', flush=True)\n"
    "    time.sleep(1.0)\n"
    "sys.exit(3)\n"
)


def test_progress_names_the_latest_step_and_the_output_is_kept(
    run_with_progress: Build, tmp_path: Path
) -> None:
    said: list[str] = []
    done = run_with_progress(
        [sys.executable, "-c", STEPS], said.append, cwd=tmp_path, timeout=60, every=0.2
    )
    assert done.returncode == 3
    assert done.stdout.splitlines() == ["100 INFO: step 1", "200 INFO: step 2"]
    assert said, "progress was said while the build ran"
    assert all(line.startswith("building, ") for line in said)
    assert any(line.endswith(": step 1") for line in said)
    assert said[-1].endswith(": step 2")


def test_a_build_past_its_time_is_ended(run_with_progress: Build, tmp_path: Path) -> None:
    with pytest.raises(subprocess.TimeoutExpired):
        run_with_progress(
            [sys.executable, "-c", "import time; time.sleep(60)"],
            lambda line: None,
            cwd=tmp_path,
            timeout=0.5,
            every=0.2,
        )
