"""Run pmdesk's benchmarks: every ``benchmarks/*.py`` but this one, each in its own process.

Run: ``.venv/bin/python benchmarks/run.py`` (all), ``--only NAME`` (one, e.g.
``--only store_commit``; may be repeated), ``--list`` (names only).

Each script runs with its default arguments, ``QT_QPA_PLATFORM=offscreen`` and
``src`` on the path, so it needs neither a display nor an installed pmdesk. Their
output is printed as it comes; the exit status is 1 if any of them failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def benchmarks() -> list[Path]:
    return sorted(p for p in HERE.glob("*.py") if p.name != Path(__file__).name)


def run_one(script: Path) -> tuple[int, float]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    print(f"== {script.stem} ==", flush=True)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(script)], env=env, cwd=HERE.parent, check=False)
    return done.returncode, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", action="append", metavar="NAME", help="run this one")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    scripts = benchmarks()
    if args.list:
        print("\n".join(s.stem for s in scripts))
        return 0
    if args.only:
        wanted = {name.removesuffix(".py") for name in args.only}
        unknown = wanted - {s.stem for s in scripts}
        if unknown:
            names = ", ".join(s.stem for s in scripts)
            print(f"run.py: no benchmark named {', '.join(sorted(unknown))} (have: {names})")
            return 2
        scripts = [s for s in scripts if s.stem in wanted]
    results = []
    for script in scripts:
        status, seconds = run_one(script)
        results.append((script.stem, status, seconds))
        print(flush=True)
    print("== summary ==")
    for name, status, seconds in results:
        print(f"{name:<28} {'ok' if status == 0 else f'FAILED ({status})':<12} {seconds:6.1f} s")
    return 0 if all(status == 0 for _, status, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
