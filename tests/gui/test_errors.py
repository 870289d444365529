"""The bug reporter takes over both exception hooks and gives both back."""

from __future__ import annotations

import sys
import threading

from pytestqt.qtbot import QtBot

from pmdesk.ui.errors import ErrorReporter


def test_uninstall_puts_back_both_hooks(qtbot: QtBot) -> None:
    before = (sys.excepthook, threading.excepthook)
    reporter = ErrorReporter()
    reporter.install()
    try:
        assert sys.excepthook is not before[0]
        assert threading.excepthook is not before[1]
    finally:
        reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
