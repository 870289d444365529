"""`pmdesk snapshot` prints no offscreen notice from Qt, and hides nothing else Qt says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import qWarning
from pytestqt.logging import _QtMessageCapture

from pmdesk.ui.snapshot import OFFSCREEN_NOTICE, _without_offscreen_notice


def test_the_snapshot_command_prints_only_what_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "library.png"
    command = ["--library", str(tmp_path / "l.pmdesk"), "snapshot", "--view", "library"]
    done = subprocess.run(
        [sys.executable, "-m", "pmdesk", *command, "-o", str(out)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
    assert done.stderr == ""
    assert done.stdout.strip() == f"wrote {out}"


@pytest.mark.qt_log_level_fail("CRITICAL")
def test_other_qt_messages_still_reach_the_handler_before(qtlog: _QtMessageCapture) -> None:
    with _without_offscreen_notice():
        qWarning(f"{OFFSCREEN_NOTICE}()")
        qWarning("something else went wrong")
    qWarning(f"{OFFSCREEN_NOTICE}()")  # outside a snapshot it is left alone
    messages = [record.message for record in qtlog.records]
    assert messages == ["something else went wrong", f"{OFFSCREEN_NOTICE}()"]
