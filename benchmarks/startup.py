"""Start-up: process start to the window with the library listed, against a bare QMainWindow.

Every child runs the same way (a fresh interpreter, offscreen platform) and
reports one moment; the parent times from spawning to that line. The bare
child reports its window's first paint. The pmdesk children open a library
that already holds the sample review, as a returning user's would, and report
the main window's first paint, then (the figure that counts) the moment the
Library tab shows the reviews: ``MainWindow.library_listed``, emitted once the
list has been painted. Target: listed <= 2.0x the bare window.

    .venv/bin/python benchmarks/startup.py [--runs 7]
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

_PAINT_HOOK = """
from PySide6.QtCore import QObject, QEvent
class _FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            import os; os._exit(0)
        return False
"""

BARE = (
    _PAINT_HOOK
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
hook = _FirstPaint()
window.installEventFilter(hook)
window.show()
app.exec()
"""
)

# The app's own start path (pmdesk.app.run): window first, library right after.
PMDESK = (
    _PAINT_HOOK
    + """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
app = QApplication([])
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(None, settings, location=sys.argv[1])
hook = _FirstPaint()
window.installEventFilter(hook)
window.show()
app.exec()
"""
)

# The same, until the library's reviews are listed (and painted) in the window.
PMDESK_LISTED = """
import sys, os
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.settings import Settings
app = QApplication([])
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
window = MainWindow(None, settings, location=sys.argv[1])
def listed():
    if window.browser.model.rowCount() > 0:
        print("painted", flush=True)
        os._exit(0)
window.library_listed.connect(listed)
window.show()
app.exec()
"""


def time_child(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as the installed app runs: with cached bytecode
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    child.wait(timeout=60)
    if line.strip() != "painted":
        raise SystemExit(f"child did not paint (exit {child.returncode})")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    folder = Path(tempfile.mkdtemp(prefix="pmdesk-startup-"))
    library, ini = str(folder / "library.pmdesk"), str(folder / "settings.ini")
    time_child(PMDESK_LISTED, library, ini)  # creates the library with the sample, warms caches
    time_child(BARE)
    bare, app, listed = [], [], []
    for _ in range(runs):
        bare.append(time_child(BARE))
        app.append(time_child(PMDESK, library, ini))
        listed.append(time_child(PMDESK_LISTED, library, ini))
    b, a, w = (statistics.median(x) for x in (bare, app, listed))
    print("start-up (median of", runs, "runs, offscreen)")
    print(f"  bare QMainWindow, first paint     {b * 1000:7.0f} ms   1.00x")
    print(f"  pmdesk main window, first paint   {a * 1000:7.0f} ms   {a / b:.2f}x")
    print(
        f"  pmdesk with the library listed    {w * 1000:7.0f} ms   {w / b:.2f}x   (target <= 2.00x)"
    )


if __name__ == "__main__":
    main()
