"""Writing files so that a failure never costs the user the previous good file.

A direct ``save(path)`` that fails half-way (disk full, killed) leaves neither the
old nor the new file (PITFALLS EX-01). We write a temporary file in the target's
own folder (EX-03: ``os.replace`` cannot cross file systems), fsync it, rename it
over the target, and fsync the folder.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from pmdesk.errors import ExportFailed


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; raise ExportFailed with a plain message."""
    path = Path(target)
    folder = path.parent
    try:  # Path.is_dir() lets ENAMETOOLONG through
        is_folder, has_folder = path.is_dir(), folder.is_dir()
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, path)) from exc
    if is_folder:
        raise ExportFailed(f"{path} is a folder; choose a file name")
    if not has_folder:
        raise ExportFailed(f"the folder {folder} does not exist")
    # The temporary name must fit in 255 bytes even when the target's name is long.
    stem = path.name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")
    fd = -1
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = ""
        _fsync_folder(folder)
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, path)) from exc
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


def _fsync_folder(folder: Path) -> None:
    # Windows cannot open a folder for fsync; the rename is durable enough there.
    if os.name != "posix":
        return
    dir_fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def describe_os_error(exc: OSError, path: Path) -> str:
    """One sentence a person can act on, for the usual ways writing a file fails."""
    if exc.errno == errno.ENOSPC:
        return f"the disk is full; nothing was written to {path}"
    if exc.errno == errno.ENAMETOOLONG:
        return f"the file name is too long: {path.name[:40]}…"
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return (
            f"cannot write {path}: permission denied (close it in any program that has it "
            "open, or choose another name)"
        )
    if exc.errno == errno.EROFS:
        return f"cannot write {path}: the disk is read-only"
    if isinstance(exc, IsADirectoryError):
        return f"{path} is a folder; choose a file name"
    if isinstance(exc, FileNotFoundError):
        return f"the folder {path.parent} does not exist"
    return f"cannot write {path}: {exc.strerror or exc}"
