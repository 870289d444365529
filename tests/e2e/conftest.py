"""Fixtures for the installer tests: the installer's own modules and a freedesktop reader.

``installer/`` is not a package (it is run as scripts), so its modules are
loaded from their files here rather than imported.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
HERE = Path(__file__).resolve().parent


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def contents() -> ModuleType:
    """``installer/bundle_contents.py``: what the bundle holds and leaves out."""
    return _load("bundle_contents", INSTALLER / "bundle_contents.py")


@pytest.fixture(scope="session")
def build(contents: ModuleType) -> ModuleType:
    """``installer/build.py``: the build script, for its staging helpers."""
    return _load("pmdesk_installer_build", INSTALLER / "build.py")


@pytest.fixture(scope="session")
def freedesktop() -> ModuleType:
    """``tests/e2e/freedesktop.py``: reading .desktop files as a desktop does."""
    return _load("pmdesk_test_freedesktop", HERE / "freedesktop.py")
