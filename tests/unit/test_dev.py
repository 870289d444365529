"""``dev.py``, the set-up script a fresh machine runs first: its probes and decisions.

dev.py is a script beside the package, not part of it, so it is loaded from its file.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from types import ModuleType

import pytest

from pmdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux libraries")
ABSENT = {"libpmdesk-absent.so.9": "pmdesk-absent"}


def _load_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pmdesk_dev_script", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def dev() -> ModuleType:
    """A fresh copy of dev.py per test, so monkeypatched constants never leak."""
    return _load_dev()


# -- the library probe -------------------------------------------------------------------


@LINUX
def test_the_probe_finds_ldconfig_when_sbin_is_not_on_path(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not any(os.access(place, os.X_OK) for place in dev.LDCONFIG_PLACES):
        pytest.skip("this system keeps ldconfig elsewhere")
    monkeypatch.setenv("PATH", "/usr/bin:/bin")  # a normal Debian user's PATH
    assert shutil.which("ldconfig") is None
    assert dev.find_ldconfig() in dev.LDCONFIG_PLACES
    assert dev.missing_libraries({"libc.so.6": "libc6", **ABSENT}) == ["pmdesk-absent"]


@LINUX
def test_without_ldconfig_the_loader_folders_are_searched(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(dev, "LDCONFIG_PLACES", (str(tmp_path / "ldconfig"),))
    (tmp_path / "libpmdesk-present.so.1").write_bytes(b"")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(tmp_path))
    assert dev.find_ldconfig() is None
    wanted = {"libc.so.6": "libc6", "libpmdesk-present.so.1": "pmdesk-present", **ABSENT}
    assert dev.missing_libraries(wanted) == ["pmdesk-absent"]


@LINUX
def test_a_normal_user_is_told_the_apt_line_for_what_is_missing(
    dev: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    monkeypatch.setattr(dev, "can_apt", lambda: False)
    monkeypatch.setattr(dev, "OFFSCREEN_LIBS", dict(dev.OFFSCREEN_LIBS, **ABSENT))
    with pytest.raises(SystemExit) as ended:
        dev.ensure_qt_libraries(with_window=False)
    assert ended.value.code == 1
    lines = capsys.readouterr().err.splitlines()
    (apt,) = [line.strip() for line in lines if "apt-get" in line]
    assert apt.startswith("sudo apt-get install -y ")
    assert "pmdesk-absent" in apt.split()


# -- what `dev.py run ARGS` starts ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["open", "incident.pmreview"],
        ["--library", "team.pmdesk"],
        ["--library=team.pmdesk"],
        ["--library", "team.pmdesk", "open", "incident.pmreview"],
        ["--library", "open"],  # a library file called "open", then no command
    ],
)
def test_these_open_the_window(dev: ModuleType, args: list[str]) -> None:
    assert dev.opens_window(args)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["-h"],
        ["--help"],
        ["list"],
        ["--library", "team.pmdesk", "list"],
        ["--library=team.pmdesk", "--version"],
        ["open", "--help"],
        ["snapshot", "--view", "library", "-o", "shot.png"],
        ["--no-such-option"],
    ],
)
def test_these_are_headless_commands(dev: ModuleType, args: list[str]) -> None:
    assert not dev.opens_window(args)


def test_the_options_dev_py_knows_are_pmdesks_own(dev: ModuleType) -> None:
    parser = build_parser()
    value: set[str] = set()
    info: set[str] = set()
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._VersionAction):
            info.update(action.option_strings)
        elif action.option_strings:
            assert action.nargs != 0, f"{action.option_strings}: dev.py knows no flags"
            value.update(action.option_strings)
    assert value == set(dev.PMDESK_VALUE_OPTIONS)
    assert info == set(dev.PMDESK_INFO_OPTIONS)
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(dev.WINDOW_COMMANDS) <= set(commands.choices)


# -- the venv -------------------------------------------------------------------------------


def test_a_venv_is_rebuilt_when_it_is_missing_or_has_no_python(
    dev: ModuleType, tmp_path: Path
) -> None:
    venv = tmp_path / ".venv"
    assert dev.venv_problem(venv) == "missing"
    venv.mkdir()
    assert dev.venv_problem(venv) == "its Python is missing"
    python = dev.venv_python(venv)
    python.parent.mkdir(parents=True)
    python.symlink_to(tmp_path / "a-python-since-removed")
    assert dev.venv_problem(venv) == "its Python is missing"


def test_a_venv_without_pip_is_rebuilt_and_one_with_pip_is_kept(
    dev: ModuleType, tmp_path: Path
) -> None:
    venv = tmp_path / ".venv"
    # What an interrupted first run (or Debian's venv without ensurepip) leaves behind.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    assert dev.venv_problem(venv) == "it has no pip"
    site = next(venv.glob("lib/python3*/site-packages"), venv / "Lib" / "site-packages")
    (site / "pip").mkdir()
    (site / "pip" / "__init__.py").write_text("")
    assert dev.venv_problem(venv) is None


@pytest.mark.slow
def test_ensure_venv_repairs_a_venv_left_without_pip(
    dev: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = tmp_path / ".venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    monkeypatch.setattr(dev, "VENV", venv)
    dev.ensure_venv()
    assert dev.venv_problem(venv) is None
    pip = subprocess.run([str(dev.venv_python(venv)), "-m", "pip", "--version"], check=False)
    assert pip.returncode == 0


# -- Ctrl+C -------------------------------------------------------------------------------

DRIVER = textwrap.dedent(
    """
    import importlib.util, sys
    spec = importlib.util.spec_from_file_location("dev", sys.argv[1])
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    child = [sys.executable, "-c", "import os, sys, time; "
             "open(sys.argv[1], 'w').write(str(os.getpid())); time.sleep(60)", sys.argv[2]]
    sys.exit(dev.run_child(child, dict(__import__("os").environ), own_group=True))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="process groups and SIGINT")
def test_ctrl_c_ends_the_window_quietly(tmp_path: Path) -> None:
    """A terminal's Ctrl+C signals the whole foreground group, as killpg does here."""
    pid_file = tmp_path / "child.pid"
    driver = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(ROOT / "dev.py"), str(pid_file)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # a group of its own, standing in for the terminal's
    )
    deadline = time.monotonic() + 60
    while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pid_file.read_text())
    os.killpg(driver.pid, signal.SIGINT)
    _, err = driver.communicate(timeout=60)
    assert driver.returncode == 130
    assert err == "dev.py: stopped\n"
    with pytest.raises(ProcessLookupError):
        os.kill(child, 0)


# -- the virtual screen ---------------------------------------------------------------------

SCREEN_DRIVER = textwrap.dedent(
    """
    import importlib.util, os, sys
    spec = importlib.util.spec_from_file_location("dev", sys.argv[1])
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    show = [sys.executable, "-c", "import os; print(os.environ['DISPLAY'])"]
    sys.exit(dev.run_on_virtual_screen(show, dict(os.environ)))
    """
)


@LINUX
def test_a_headless_run_says_how_to_see_it_and_stop_it() -> None:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (python3 dev.py test-packages)")
    done = subprocess.run(
        [sys.executable, "-c", SCREEN_DRIVER, str(ROOT / "dev.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    display = done.stdout.strip()
    assert display.startswith(":")
    assert f"DISPLAY={display} import -window root" in done.stderr
    assert "snapshot" in done.stderr
    assert "Ctrl+C" in done.stderr
    socket = Path("/tmp/.X11-unix") / f"X{display[1:]}"
    deadline = time.monotonic() + 10
    while socket.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not socket.exists(), "the virtual screen is stopped with the app"
