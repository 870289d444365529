"""Finding patterns off the GUI thread: a library of thousands of reviews takes a while.

The job runs on the global QThreadPool; its result comes back through a queued
signal, so the view applies it on the GUI thread. Each run has a number and a
view ignores the answer of any run but its latest (the filters changed meanwhile).

Python's cycle collector runs in whichever thread allocates, holding the GIL:
while the job builds a 5,000-review library's millions of small objects, its
full collections froze the GUI thread for up to 650 ms at a time. The job
pauses the collector while it runs (its objects hold no cycles) and lets it run
once it is done.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QObject, QRunnable, Signal

from pmdesk.patterns import Scope, find_patterns
from pmdesk.store import Library

_jobs = 0
_we_paused = False
_pause_lock = threading.Lock()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while any job runs; it resumes after the last one."""
    global _jobs, _we_paused
    with _pause_lock:
        if _jobs == 0:
            _we_paused = gc.isenabled()
            gc.disable()
        _jobs += 1
    try:
        yield
    finally:
        with _pause_lock:
            _jobs -= 1
            if _jobs == 0 and _we_paused:
                gc.enable()


class PatternsSignals(QObject):
    """finished(run, Patterns); failed(run, message)."""

    finished = Signal(int, object)
    failed = Signal(int, str)


class PatternsJob(QRunnable):
    """One look across the library for one scope, on a pool thread."""

    def __init__(self, run: int, library: Library, scope: Scope, today: date) -> None:
        super().__init__()
        self.run_number = run
        self.signals = PatternsSignals()
        self._library = library
        self._scope = scope
        self._today = today
        #: The thread the job ran in (tests check it is not the GUI thread).
        self.thread_id: int | None = None

    def run(self) -> None:
        self.thread_id = threading.get_ident()
        try:
            with collector_paused():
                found = find_patterns(self._library, self._scope, today=self._today)
        except Exception as exc:
            self.signals.failed.emit(self.run_number, str(exc) or type(exc).__name__)
            return
        self.signals.finished.emit(self.run_number, found)
