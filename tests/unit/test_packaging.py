"""pyproject's package-data: every data file ships, and no glob reaches a __pycache__ folder.

setuptools prints a BuildBackendWarning for each __pycache__ folder a package-data glob
matches, about 120 lines on every install after the app has run once.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "pmdesk"


def _globs() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    globs: list[str] = config["tool"]["setuptools"]["package-data"]["pmdesk"]
    return globs


def _is_code(path: Path) -> bool:
    return path.suffix in (".py", ".pyc") or "__pycache__" in path.parts


def test_every_data_file_in_the_package_ships() -> None:
    shipped = {path for glob in _globs() for path in PACKAGE.glob(glob) if path.is_file()}
    data = {path for path in PACKAGE.rglob("*") if path.is_file() and not _is_code(path)}
    assert sorted(str(p.relative_to(PACKAGE)) for p in data - shipped) == []


def test_no_glob_reaches_the_bytecode_python_writes_beside_each_module(tmp_path: Path) -> None:
    folders = [PACKAGE, *(p for p in PACKAGE.rglob("*") if p.is_dir() and not _is_code(p))]
    for folder in folders:  # the same tree, with the __pycache__ a first start leaves
        cache = tmp_path / folder.relative_to(PACKAGE) / "__pycache__"
        cache.mkdir(parents=True)
        (cache / "module.cpython-311.pyc").write_bytes(b"")
    matched = {path for glob in _globs() for path in tmp_path.glob(glob)}
    assert sorted(str(p.relative_to(tmp_path)) for p in matched) == []
