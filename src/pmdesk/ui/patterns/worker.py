"""Finding patterns off the GUI thread: a library of thousands of reviews takes a while.

The job runs on the global QThreadPool; its result comes back through a queued
signal, so the view applies it on the GUI thread. Each run has a number and a
view ignores the answer of any run but its latest (the filters changed meanwhile).

``find_patterns`` pauses Python's cycle collector while it runs (see
``pmdesk.patterns.gcpause``): its full collections used to freeze this GUI thread.
"""

from __future__ import annotations

import threading
from datetime import date

from PySide6.QtCore import QObject, QRunnable, Signal

from pmdesk.patterns import Scope, find_patterns
from pmdesk.store import Library


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
            found = find_patterns(self._library, self._scope, today=self._today)
        except Exception as exc:
            self.signals.failed.emit(self.run_number, str(exc) or type(exc).__name__)
            return
        self.signals.finished.emit(self.run_number, found)
