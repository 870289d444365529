#!/usr/bin/env python3
"""Set up and run pmdesk from a source checkout: ``python3 dev.py run`` / ``python3 dev.py test``.

Works on a fresh Debian machine as root with nothing but Python, and on a
normal desktop. It makes ``.venv`` (installing python3-venv first when Debian
lacks it), installs pmdesk into it, checks the system libraries Qt needs and
installs the missing ones when it may (root with apt-get) or prints the exact
command otherwise. Only the standard library is used here, because nothing
else exists yet when it runs.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LINTED = ["src", "tests", "benchmarks", "installer", "dev.py"]
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)

# Qt's offscreen platform (tests, headless export) needs these shared libraries.
OFFSCREEN_LIBS = {
    "libglib-2.0.so.0": "libglib2.0-0",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
}
# A real window (xcb) needs these as well (shared ENVIRONMENT.md).
XCB_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libX11-xcb.so.1": "libx11-xcb1",
}
FONT_PACKAGE = "fonts-dejavu-core"


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    say(message)
    sys.exit(1)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def can_apt() -> bool:
    return (
        sys.platform.startswith("linux")
        and shutil.which("apt-get") is not None
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    )


_apt_updated = False


def apt_install(packages: list[str]) -> None:
    global _apt_updated
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock = ["-o", "DPkg::Lock::Timeout=120"]
    if not _apt_updated:
        subprocess.run(["apt-get", *lock, "update", "-qq"], check=True, env=env)
        _apt_updated = True
    say("installing " + " ".join(packages))
    subprocess.run(
        ["apt-get", *lock, "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )


def ensure_system_packages(packages: list[str], why: str) -> None:
    """Install Debian packages when we may; otherwise say exactly what to run."""
    if not packages:
        return
    if can_apt():
        apt_install(packages)
        return
    line = "sudo apt-get install -y " + " ".join(packages)
    fail(f"{why}. Install them with:\n    {line}")


def ensure_venv() -> None:
    if sys.version_info < MIN_PYTHON:
        fail(f"pmdesk needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version}")
    if venv_python().exists():
        return
    try:
        import ensurepip  # noqa: F401  (Debian ships venv without it)
    except ImportError:
        version = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
        ensure_system_packages(
            ["python3-venv", version], "Python's venv module is missing (Debian's python3-venv)"
        )
    say("creating .venv")
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)


def ensure_installed(extras: str) -> None:
    """pip install pmdesk (editable) when pyproject.toml or the extras changed."""
    stamp = VENV / f".pmdesk-installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    python = str(venv_python())
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    say(f"installing pmdesk{f'[{extras}]' if extras else ''} and its dependencies into .venv")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", target], check=True)
    stamp.write_text(digest)


def missing_libraries(wanted: dict[str, str]) -> list[str]:
    if not sys.platform.startswith("linux"):
        return []
    try:
        listing = subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return []
    return sorted({pkg for lib, pkg in wanted.items() if lib not in listing})


def has_fonts() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    return any(any(folder.rglob("*.tt[fc]")) for folder in folders if folder.is_dir())


def ensure_qt_libraries(with_window: bool) -> None:
    wanted = dict(OFFSCREEN_LIBS, **(XCB_LIBS if with_window else {}))
    packages = missing_libraries(wanted)
    if not has_fonts():
        packages.append(FONT_PACKAGE)
    ensure_system_packages(packages, "Qt needs system libraries that are missing")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(args: list[str]) -> int:
    ensure_venv()
    ensure_installed("")
    command = [str(venv_python()), "-m", "pmdesk", *args]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cached bytecode halves start-up time
    headless_command = bool(args) and args[0] not in ("open",) and not args[0].startswith("-")
    if headless_command:
        ensure_qt_libraries(with_window=False)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return subprocess.run(command, env=env, check=False).returncode
    ensure_qt_libraries(with_window=True)
    if not has_display():
        if shutil.which("xvfb-run") is None:
            ensure_system_packages(
                ["xvfb", "xauth"], "there is no display, and Xvfb (a virtual one) is missing"
            )
        say("no display found: running pmdesk on a virtual screen (Xvfb)")
        command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", *command]
    return subprocess.run(command, env=env, check=False).returncode


def run_tests(args: list[str]) -> int:
    ensure_venv()
    ensure_installed("dev")
    ensure_qt_libraries(with_window=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    bin_dir = venv_python().parent
    steps = [
        ("ruff", [str(bin_dir / "ruff"), "check", *LINTED]),
        ("ruff format", [str(bin_dir / "ruff"), "format", "--check", *LINTED]),
        ("mypy", [str(bin_dir / "mypy")]),
        ("import contracts", [str(bin_dir / "lint-imports")]),
        ("pytest", [str(venv_python()), "-m", "pytest", *args]),
    ]
    if args:  # a focused run (dev.py test tests/unit/store -k …) skips the linters
        steps = steps[-1:]
    for name, command in steps:
        say(f"running {name}")
        code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        if code != 0:
            say(f"{name} failed (exit {code})")
            return code
    return 0


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in ("run", "test"):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: python3 dev.py run [pmdesk arguments] | test [pytest arguments]")
        return 2
    command, rest = sys.argv[1], sys.argv[2:]
    try:
        return run_app(rest) if command == "run" else run_tests(rest)
    except subprocess.CalledProcessError as exc:
        say(f"a set-up step failed: {' '.join(map(str, exc.cmd))} (exit {exc.returncode})")
        return 1


if __name__ == "__main__":
    sys.exit(main())
