"""``.ci/check_skips.py``: the gate fails on a skipped test unless CI allows its reason."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK = ROOT / ".ci" / "check_skips.py"

SUITE = textwrap.dedent(
    """
    import pytest

    def test_runs():
        pass

    def test_needs_realdata():
        pytest.skip("shared/realdata is not beside this checkout")

    def test_needs_xvfb():
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")

    @pytest.mark.xfail(reason="known to fail")
    def test_known_bad():
        assert False
    """
)


@pytest.fixture(scope="module")
def junit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real JUnit report from pytest, of a suite with one allowed and one refused skip."""
    folder = tmp_path_factory.mktemp("suite")
    (folder / "test_suite.py").write_text(SUITE)
    report = folder / "junit.xml"
    env = dict(os.environ, PYTEST_ADDOPTS="", PYTEST_DISABLE_PLUGIN_AUTOLOAD="1")
    pytest_args = ["-q", "-p", "no:cacheprovider", f"--junitxml={report}", "test_suite.py"]
    subprocess.run(
        [sys.executable, "-m", "pytest", *pytest_args],
        cwd=folder,
        env=env,
        capture_output=True,
        check=False,
        timeout=120,
    )
    return report


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHECK), *args], capture_output=True, text=True, timeout=60
    )


def test_a_skip_ci_does_not_allow_fails_the_gate_and_is_named(junit: Path) -> None:
    done = _check(str(junit), "^shared/realdata is not beside")
    assert done.returncode == 1
    assert "NOT ALLOWED IN CI: test_suite::test_needs_xvfb: Xvfb is not installed" in done.stdout
    assert "allowed in CI): test_suite::test_needs_realdata" in done.stdout
    assert "4 tests, 1 allowed skips, 1 refused skips" in done.stdout


def test_the_gate_passes_when_every_skip_is_allowed(junit: Path) -> None:
    done = _check(str(junit), "^shared/realdata is not beside", "^Xvfb is not installed")
    assert done.returncode == 0, done.stdout
    assert "known_bad" not in done.stdout, "an expected failure is not a skip"


def test_with_no_allowed_reasons_every_skip_fails(junit: Path) -> None:
    assert _check(str(junit)).returncode == 1


def test_a_report_without_tests_fails(tmp_path: Path) -> None:
    empty = tmp_path / "junit.xml"
    empty.write_text('<testsuites><testsuite name="pytest" tests="0"/></testsuites>')
    assert _check(str(empty)).returncode == 1
