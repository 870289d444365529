"""An edit shown as saved survives the app being killed (SIGKILL) the moment after."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk.store import Library

CHILD = Path(__file__).with_name("kill_child.py")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("text", ["Checkout outage", "Ünïcode title ✓", "Third <b>edit</b>"])
def test_edit_shown_as_saved_survives_sigkill(tmp_path: Path, text: str) -> None:
    library = str(tmp_path / "library.pmdesk")
    Library.open(
        library, seed=__import__("pmdesk.store.sample", fromlist=["x"]).seed_sample
    ).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, str(CHILD), library, str(tmp_path / "s.ini"), text],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip() == "SAVED"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    with Library.open(library) as reopened:
        assert [s.title for s in reopened.list_reviews()] == [text]
