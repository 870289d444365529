"""The rings are held by import-linter: a planted import across them breaks the build.

Each case copies the package, plants one import that crosses a ring (directly or
through another package), and runs the project's own contracts on the copy.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _contracts(tmp_path: Path, plant: dict[str, str]) -> subprocess.CompletedProcess[str]:
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "pmdesk", src / "pmdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    for module, line in plant.items():
        path = src / "pmdesk" / module
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_the_tree_as_it_is_keeps_every_contract(tmp_path: Path) -> None:
    done = _contracts(tmp_path, {})
    assert done.returncode == 0, done.stdout[-2000:]


@pytest.mark.parametrize(
    ("module", "line", "names"),
    [
        ("coach/lint.py", "from pmdesk import app  # noqa", "pmdesk.coach"),
        ("model/review.py", "from pmdesk.store import library  # noqa", "pmdesk.model"),
        ("figures/style.py", "import pmdesk.ui.theme  # noqa", "pmdesk.figures"),
        ("store/rows.py", "import pmdesk.figures.style  # noqa", "pmdesk.store"),
        ("clock.py", "import PySide6.QtCore  # noqa", "pmdesk.clock"),
    ],
)
def test_an_import_across_the_rings_breaks_a_contract(
    tmp_path: Path, module: str, line: str, names: str
) -> None:
    done = _contracts(tmp_path, {module: line})
    assert done.returncode != 0, done.stdout[-2000:]
    assert "BROKEN" in done.stdout and names in done.stdout
