"""Pausing Python's cycle collector while patterns are found.

Finding patterns in a 5,000-review library makes millions of small objects, and
the cycle collector's full passes over them (each holding the GIL, in whichever
thread allocates) took about half the time and froze the window for up to 650 ms
when the work ran on a pool thread. Those objects hold no reference cycles, so
the collector is paused while any such job runs and resumes after the last.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
