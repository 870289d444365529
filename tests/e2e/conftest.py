"""Fixtures for the installer tests: the installer's own modules and a freedesktop reader.

``installer/`` is not a package (it is run as scripts), so its modules are
loaded from their files here rather than imported.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import threading
import time
from collections.abc import Callable
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


Build = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def run_with_progress() -> Build:
    """``_run_with_progress``: a long build that says how far it has got."""
    return _run_with_progress


def _run_with_progress(
    command: list[str],
    say: Callable[[str], None],
    *,
    cwd: Path,
    timeout: float,
    every: float = 15.0,
) -> subprocess.CompletedProcess[str]:
    """Run a long build, saying every ``every`` seconds how long it has run and its last step.

    PyInstaller prints one line per step; showing the latest keeps a build of a minute
    or two from looking hung, without pouring hundreds of lines into the log.
    """
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=lambda: lines.extend(process.stdout or []), daemon=True)
    reader.start()
    started = time.monotonic()
    while True:
        try:
            process.wait(timeout=every)
            break
        except subprocess.TimeoutExpired:
            elapsed = time.monotonic() - started
            if elapsed > timeout:
                process.kill()
                process.wait()
                raise
            step = lines[-1].strip().split(" INFO: ", 1)[-1][:90] if lines else "starting"
            say(f"building, {elapsed:.0f} s: {step}")
    reader.join(timeout=30)
    return subprocess.CompletedProcess(command, process.returncode, "".join(lines), "")
