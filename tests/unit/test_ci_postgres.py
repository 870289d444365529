"""``.ci/postgres.sh``: two servers started at once never meet, and ``stop`` leaves nothing.

CI runs it beside the server .ci/run started, so the skip below must not happen there
(.ci/run fails on it): it skips only where PostgreSQL is not installed.
"""

from __future__ import annotations

import glob
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / ".ci" / "postgres.sh"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        reason="PostgreSQL is not installed (as root, bash .ci/postgres.sh installs it)",
    ),
]


def _script(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["bash", str(SCRIPT), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=180)
    assert process.returncode == 0, err
    return out


def _data_directory(url: str) -> str | None:
    """The server's own data folder, or None when nothing answers at ``url``."""
    import psycopg

    try:
        with psycopg.connect(url.replace("+psycopg", ""), connect_timeout=5) as conn:
            row = conn.execute("SHOW data_directory").fetchone()
    except psycopg.OperationalError:
        return None
    assert row is not None
    return str(row[0])


def test_two_servers_at_once_each_have_their_own_port_and_folder() -> None:
    starting = [_script(), _script()]  # both at once, as two CI runs on one machine would
    servers = [tuple(_finish(p).splitlines()[-2:]) for p in starting]
    try:
        (folder_a, url_a), (folder_b, url_b) = servers
        assert folder_a != folder_b
        assert url_a != url_b
        for folder, url in servers:
            assert Path(folder).is_dir()
            assert _data_directory(url) == str(Path(folder) / "cluster")
    finally:
        for stopping in [_script("stop", folder) for folder, _ in servers]:
            _finish(stopping)
    for folder, url in servers:
        assert not Path(folder).exists(), "stop deletes the data folder"
        assert _data_directory(url) is None, "stop stops the server"


def test_stop_leaves_a_folder_it_did_not_make_alone(tmp_path: Path) -> None:
    keep = tmp_path / "not-a-server"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine")
    stopping = _script("stop", str(keep))
    _, err = stopping.communicate(timeout=60)
    assert stopping.returncode == 1
    assert "not a folder this script made" in err
    assert (keep / "notes.txt").read_text() == "mine"
