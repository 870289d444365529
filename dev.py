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
import signal
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LINTED = ["src", "tests", "benchmarks", "installer", "dev.py", ".ci"]
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)
USAGE = (
    "usage: python3 dev.py run [pmdesk arguments]   the app (or a pmdesk command)\n"
    "       python3 dev.py test [pytest arguments]  linters, then the tests\n"
    "       python3 dev.py test-packages            the system packages every test uses"
)

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
XVFB_PACKAGE = "xvfb"
# Programs some tests drive; without them those tests skip (``dev.py test-packages``).
TEST_PROGRAMS = {
    "Xvfb": XVFB_PACKAGE,  # the bundled window on a real X display (tests/e2e/test_bundle.py)
    "soffice": "libreoffice-writer-nogui",  # Word reports open in LibreOffice (tests/unit/report)
}

# ldconfig is in /sbin, which is not on a normal Debian user's PATH.
LDCONFIG_PLACES = ("/sbin/ldconfig", "/usr/sbin/ldconfig")
# Where the dynamic loader looks when ld.so.conf says nothing more (and ldconfig is absent).
DEFAULT_LIBRARY_FOLDERS = ("/lib", "/usr/lib", "/lib64", "/usr/lib64", "/usr/local/lib")

# pmdesk.cli's top-level options: those that take a value, and those that print and exit.
# tests/unit/test_dev.py checks these against the real parser.
PMDESK_VALUE_OPTIONS = ("--library",)
PMDESK_INFO_OPTIONS = ("-h", "--help", "--version")
WINDOW_COMMANDS = ("open",)  # with no command at all, pmdesk opens its window too
FULL_RUN_MINUTES = "10"  # `dev.py test` with no arguments, measured by .ci/run; README says so


def say(message: str) -> None:
    print(f"dev.py: {message}", file=sys.stderr, flush=True)


def fail(message: str) -> None:
    say(message)
    sys.exit(1)


def venv_python(venv: Path | None = None) -> Path:
    venv = VENV if venv is None else venv
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


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


def venv_problem(venv: Path) -> str | None:
    """Why ``venv`` must be built again, or None when it can be used as it is.

    A first run interrupted between ``venv`` and its ``ensurepip`` step (or Debian's
    venv without ensurepip) leaves a Python without pip; a removed system Python
    leaves a link to nothing. Neither mends itself, so both are rebuilt.
    """
    if not venv.exists():
        return "missing"
    if not venv_python(venv).exists():  # exists() follows the link to the real Python
        return "its Python is missing"
    pip = ("lib/python3*/site-packages/pip/__init__.py", "Lib/site-packages/pip/__init__.py")
    if not any(any(venv.glob(pattern)) for pattern in pip):
        return "it has no pip"
    return None


def ensure_venv() -> None:
    if sys.version_info < MIN_PYTHON:
        fail(f"pmdesk needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; this is {sys.version}")
    problem = venv_problem(VENV)
    if problem is None:
        return
    try:
        import ensurepip  # noqa: F401  (Debian ships venv without it)
    except ImportError:
        version = f"python{sys.version_info[0]}.{sys.version_info[1]}-venv"
        ensure_system_packages(
            ["python3-venv", version], "Python's venv module is missing (Debian's python3-venv)"
        )
    if problem == "missing":
        say("creating .venv")
    else:
        say(f".venv cannot be used ({problem}): building it again")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)


def ensure_installed(extras: str) -> None:
    """pip install pmdesk (editable) when pyproject.toml or the extras changed."""
    stamp = VENV / f".pmdesk-installed-{extras or 'app'}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    python = str(venv_python())
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    first = not any(VENV.glob(".pmdesk-installed-*"))
    say(
        f"installing pmdesk{f'[{extras}]' if extras else ''} and its dependencies into .venv"
        + (" (a few minutes the first time)" if first else "")
    )
    # setuptools reads its previous file list back from the egg-info folder, so a stale
    # one would bring back the __pycache__ folders the package-data globs leave out.
    shutil.rmtree(ROOT / "src" / "pmdesk.egg-info", ignore_errors=True)
    pip = [python, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", target], check=True)
    stamp.write_text(digest)


def find_ldconfig() -> str | None:
    """ldconfig from PATH, else from the places Debian keeps it."""
    found = shutil.which("ldconfig")
    if found:
        return found
    return next((place for place in LDCONFIG_PLACES if os.access(place, os.X_OK)), None)


def library_folders() -> list[Path]:
    """The folders the dynamic loader searches, from ld.so.conf and its defaults."""
    folders = [Path(p) for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    confs = [Path("/etc/ld.so.conf"), *sorted(Path("/etc/ld.so.conf.d").glob("*.conf"))]
    for conf in confs:
        try:
            lines = conf.read_text(errors="replace").splitlines()
        except OSError:
            continue
        folders += [Path(line.strip()) for line in lines if line.strip().startswith("/")]
    return [*folders, *map(Path, DEFAULT_LIBRARY_FOLDERS)]


def installed_libraries(names: Iterable[str], ldconfig: str | None) -> set[str]:
    """Which of ``names`` the dynamic loader can find: ldconfig's cache, else the folders."""
    names = set(names)
    if ldconfig is not None:
        try:
            listing = subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            pass
        else:
            return {name for name in names if f"\t{name} " in listing}
    folders = library_folders()
    return {name for name in names if any((folder / name).exists() for folder in folders)}


def missing_libraries(wanted: dict[str, str]) -> list[str]:
    """The Debian packages of the libraries in ``wanted`` that are not installed."""
    if not sys.platform.startswith("linux"):
        return []
    present = installed_libraries(wanted, find_ldconfig())
    return sorted({pkg for lib, pkg in wanted.items() if lib not in present})


def has_fonts() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    return any(any(folder.rglob("*.tt[fc]")) for folder in folders if folder.is_dir())


def qt_packages(with_window: bool) -> list[str]:
    """The Debian packages Qt still needs here (offscreen, or a real window too)."""
    wanted = dict(OFFSCREEN_LIBS, **(XCB_LIBS if with_window else {}))
    packages = missing_libraries(wanted)
    if not has_fonts():
        packages.append(FONT_PACKAGE)
    return packages


def ensure_qt_libraries(with_window: bool) -> None:
    ensure_system_packages(qt_packages(with_window), "Qt needs system libraries that are missing")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def opens_window(args: list[str]) -> bool:
    """Whether ``pmdesk ARGS`` opens the main window (bare, or ``open``) rather than printing.

    Only a window needs the xcb libraries and, with no display, Xvfb; ``--version``,
    ``--library L list`` and every other command run offscreen.
    """
    rest = iter(args)
    for arg in rest:
        if arg in PMDESK_INFO_OPTIONS:
            return False
        if arg in PMDESK_VALUE_OPTIONS:
            next(rest, None)
        elif arg.split("=", 1)[0] in PMDESK_VALUE_OPTIONS:
            continue
        elif arg.startswith("-"):
            return False  # not an option pmdesk knows: it prints its usage and ends
        else:
            return arg in WINDOW_COMMANDS and not set(rest) & set(PMDESK_INFO_OPTIONS)
    return True


def run_child(command: list[str], env: dict[str, str], *, own_group: bool = False) -> int:
    """Run ``command``; Ctrl+C ends it quietly, with no traceback from here.

    A window runs in its own process group (``own_group``), so Ctrl+C reaches only
    this script, which then ends the window; a command gets the Ctrl+C itself and
    says so in its own words.
    """
    group = 0 if own_group and os.name == "posix" else None
    child = subprocess.Popen(command, env=env, process_group=group)
    try:
        return int(child.wait())
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C changes nothing
        if own_group:
            child.terminate()
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        say("stopped")
        return 130


def start_virtual_screen() -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb on a free display number; the server and its DISPLAY value.

    Its own process group keeps Ctrl+C away from it, so it outlives the window it
    serves and Qt never sees its X server vanish.
    """
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        process_group=0,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        server.wait()
        fail("Xvfb, the virtual screen, did not start")
    return server, f":{number}"


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_on_virtual_screen(command: list[str], env: dict[str, str]) -> int:
    if shutil.which("Xvfb") is None:
        ensure_system_packages(
            [XVFB_PACKAGE], "there is no display, and Xvfb (a virtual one) is missing"
        )
    server, display = start_virtual_screen()
    try:
        say(f"no display found: pmdesk runs on a virtual screen, {display} (Xvfb)")
        say(f"  look at it:  DISPLAY={display} import -window root pmdesk.png  (ImageMagick)")
        say("  or draw one view:  python3 dev.py run snapshot --view library -o pmdesk.png")
        say("  stop it:  Ctrl+C")
        return run_child(command, dict(env, DISPLAY=display), own_group=True)
    finally:
        stop(server)


def run_app(args: list[str]) -> int:
    ensure_venv()
    ensure_installed("")
    command = [str(venv_python()), "-m", "pmdesk", *args]
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # cached bytecode halves start-up time
    if not opens_window(args):
        ensure_qt_libraries(with_window=False)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return run_child(command, env)
    ensure_qt_libraries(with_window=True)
    if not has_display():
        return run_on_virtual_screen(command, env)
    return run_child(command, env, own_group=True)


def install_test_packages(args: list[str]) -> int:
    """Everything the whole suite uses, so no test skips for want of a program (CI runs it)."""
    if args:
        fail("test-packages takes no arguments")
    packages = qt_packages(with_window=True)
    packages += [pkg for program, pkg in TEST_PROGRAMS.items() if shutil.which(program) is None]
    ensure_system_packages(sorted(set(packages)), "some tests need system packages")
    say("every system package the tests use is installed")
    return 0


def run_tests(args: list[str]) -> int:
    ensure_venv()
    ensure_installed("dev")
    ensure_qt_libraries(with_window=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    bin_dir = venv_python().parent
    # A passing run leaves nothing in pytest's temporary folder (the bundle build alone
    # is 200 MiB); a failing one keeps the failed tests' folders to look at.
    pytest = [str(venv_python()), "-m", "pytest", "-o", "tmp_path_retention_policy=failed"]
    steps = [
        ("ruff", [str(bin_dir / "ruff"), "check", *LINTED]),
        ("ruff format", [str(bin_dir / "ruff"), "format", "--check", *LINTED]),
        ("mypy", [str(bin_dir / "mypy")]),
        ("import contracts", [str(bin_dir / "lint-imports")]),
        ("pytest", [*pytest, *args]),
    ]
    if args:  # a focused run (dev.py test tests/unit/store -k …) skips the linters
        steps = steps[-1:]
    else:
        say(f"the whole run takes about {FULL_RUN_MINUTES} minutes on two cores")
    for name, command in steps:
        say(f"running {name}")
        code = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
        if code != 0:
            say(f"{name} failed (exit {code})")
            return code
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    commands = {
        "run": run_app,
        "test": run_tests,
        "test-packages": install_test_packages,
    }
    if not argv or argv[0] not in commands:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except subprocess.CalledProcessError as exc:
        say(f"a set-up step failed: {' '.join(map(str, exc.cmd))} (exit {exc.returncode})")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
