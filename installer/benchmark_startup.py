"""How fast the bundled pmdesk starts, against the same commands run from the dev venv.

    python installer/benchmark_startup.py [--bundle dist/pmdesk] [--runs 5]

Both are measured in the same run on the same machine, and the report gives their
ratio: a bundle unpacks nothing at start (one-folder mode) but imports from its
own archive, so it should be close to the venv with byte-code caches. The venv
side runs with byte-code writing allowed, after one warm-up, so it is the fair
"installed with caches" baseline (PYTHONDONTWRITEBYTECODE is set on these machines).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "pmdesk" / "resources" / "samples" / "checkout-failover.review.json"


def median_seconds(argv: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm caches
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "pmdesk")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    exe = args.bundle / "pmdesk"
    if not exe.is_file():
        raise SystemExit(f"{exe} is missing: run python installer/build.py first")

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=tmp)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        library = str(Path(tmp) / "bench.pmdesk")
        venv = [sys.executable, "-m", "pmdesk"]
        commands = {
            "--version": ["--version"],
            "list": ["--library", library, "list"],
            "lint sample": ["--library", library, "lint", str(SAMPLE)],
            "snapshot overview": [
                "--library", library, "snapshot", "sample-checkout-failover",
                "-o", str(Path(tmp) / "s.png"),
            ],
        }  # fmt: skip
        print(f"{'command':<20}{'venv s':>9}{'bundle s':>10}{'bundle/venv':>13}")
        for name, rest in commands.items():
            base = median_seconds([*venv, *rest], env, args.runs)
            bundled = median_seconds([str(exe), *rest], env, args.runs)
            print(f"{name:<20}{base:>9.3f}{bundled:>10.3f}{bundled / base:>12.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
