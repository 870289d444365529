"""Atomic writes: a failed write never costs the previous good file (PITFALLS EX-01…EX-06)."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.errors import ExportFailed
from pmdesk.fileio import atomic_write_bytes, describe_os_error

OLD = b"the report from last week, still good\n"
REAL_FDOPEN = os.fdopen


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "postmortem.docx"
    assert atomic_write_bytes(target, OLD) == target
    assert target.read_bytes() == OLD
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert names(tmp_path) == ["postmortem.docx"]


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=4096))
def test_any_bytes_arrive_exactly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.bin"
        atomic_write_bytes(target, data)
        assert target.read_bytes() == data
        assert names(Path(folder)) == ["out.bin"]


class FailingHandle:
    """A file object whose write fails as a full disk does."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def __enter__(self) -> FailingHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


def disk_full(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENOSPC, "No space left on device")


STEPS: dict[str, Callable[[pytest.MonkeyPatch], None]] = {
    "creating the temporary file": lambda mp: mp.setattr(
        "pmdesk.fileio.tempfile.mkstemp", disk_full
    ),
    "writing": lambda mp: mp.setattr(
        "pmdesk.fileio.os.fdopen", lambda fd, mode: FailingHandle(REAL_FDOPEN(fd, mode))
    ),
    "flushing to disk": lambda mp: mp.setattr("pmdesk.fileio.os.fsync", disk_full),
    "renaming over the old file": lambda mp: mp.setattr("pmdesk.fileio.os.replace", disk_full),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_disk_full_at_any_step_keeps_the_old_file_and_no_temp_file(
    step: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "postmortem.docx"
    target.write_bytes(OLD)
    STEPS[step](monkeypatch)
    with pytest.raises(ExportFailed) as caught:
        atomic_write_bytes(target, b"x" * 100_000)
    assert str(caught.value) == f"the disk is full; nothing was written to {target}"
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert names(tmp_path) == ["postmortem.docx"]


def test_a_folder_as_target(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").mkdir()
    with pytest.raises(ExportFailed, match="is a folder; choose a file name"):
        atomic_write_bytes(tmp_path / "report.pdf", b"x")
    assert names(tmp_path / "report.pdf") == []


def test_a_missing_parent_folder(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="does not exist"):
        atomic_write_bytes(tmp_path / "no" / "such" / "report.pdf", b"x")
    assert names(tmp_path) == []


def test_a_name_too_long(tmp_path: Path) -> None:
    target = tmp_path / ("Checkout failures after a database failover " * 8 + ".pdf")
    assert len(target.name.encode()) > 255
    with pytest.raises(ExportFailed, match="the file name is too long"):
        atomic_write_bytes(target, b"x")
    assert names(tmp_path) == []


def test_a_name_too_long_in_bytes_but_not_in_characters(tmp_path: Path) -> None:
    target = tmp_path / ("事后复盘" * 30 + ".pdf")  # 124 characters, 364 bytes in UTF-8
    with pytest.raises(ExportFailed, match="too long"):
        atomic_write_bytes(target, b"x")
    assert names(tmp_path) == []


def test_a_long_name_that_fits_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("📉" * 60 + ".pdf")  # 244 bytes: allowed, though 4 bytes a character
    atomic_write_bytes(target, b"x")
    assert names(tmp_path) == [target.name]


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "disk is full"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "too long"),
        (PermissionError(errno.EACCES, "Permission denied"), "close it in any program"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a folder"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "does not exist"),
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
)
def test_each_os_error_becomes_one_plain_sentence(error: OSError, words: str) -> None:
    message = describe_os_error(error, Path("/home/sam/report.pdf"))
    assert words in message and "\n" not in message and "Errno" not in message
