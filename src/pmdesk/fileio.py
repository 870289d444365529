"""Reading and writing the files a person names, so that nothing is lost by mistake.

A direct ``save(path)`` that fails half-way (disk full, killed) leaves neither the
old nor the new file (PITFALLS EX-01). We write a temporary file in the target's
own folder (EX-03: ``os.replace`` cannot cross file systems), fsync it, rename it
over the target, and fsync the folder.

Before writing, ``check_output`` refuses targets that would cost the user a file
they did not mean to replace: the library or an input of the same command (the
same file under another name, a link or a hard link, counts), a device such as
``/dev/full``, a pipe or a folder. A link is written through to the file it
names, so the link stays a link; the replaced file keeps its permissions and a
new one gets what the umask allows, as any other program would give it.
``check_input`` is the reading side: a dangling link or a link loop is one
sentence, not a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pmdesk.errors import BadInput, ExportFailed

#: (path, what it is to the user): files a command must never write over.
Protected = Iterable[tuple[str | os.PathLike[str], str]]


def check_output(target: str | os.PathLike[str], protect: Protected = ()) -> Path:
    """The file a write to ``target`` will replace (a link's target); ExportFailed if unsafe.

    ``protect`` names the files the command reads, e.g. ``(library, "the library")``;
    writing over one of them is refused, however the path reaches it.
    """
    path = Path(target)
    final = _through_links(path)
    try:
        info: os.stat_result | None = final.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, path)) from exc
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise ExportFailed(f"{path} is a folder; choose a file name")
        if not stat.S_ISREG(info.st_mode):
            raise ExportFailed(
                f"{path} is not a regular file (a device, pipe or socket); choose a file name"
            )
        for other, what in protect:
            with contextlib.suppress(OSError):
                if os.path.samefile(final, other):
                    raise ExportFailed(
                        f"{path} is {what}; writing there would replace it, choose another name"
                    )
    try:
        has_folder = final.parent.is_dir()
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, path)) from exc
    if not has_folder:
        raise ExportFailed(f"the folder {path.parent} does not exist")
    return final


def _through_links(path: Path) -> Path:
    """Where a write to ``path`` lands: the file its links name, in their real folder."""
    try:
        if not path.is_symlink():
            return path
        resolved = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        raise ExportFailed(
            f"{path} is a link to a file that does not exist; choose a file name"
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ExportFailed(f"{path} is a link that leads back to itself") from None
        raise ExportFailed(describe_os_error(exc, path)) from exc
    return resolved


def check_input(path: str | os.PathLike[str], error: type[BadInput] = BadInput) -> Path:
    """``path`` if it names a regular file that can be read, else ``error`` in one sentence.

    Links are followed; a link to nothing, a link loop, a folder or a device is
    described as what it is.
    """
    source = Path(path)
    try:
        info = source.lstat()
    except FileNotFoundError:
        raise error(f"{source}: no such file") from None
    except OSError as exc:
        raise error(f"{source}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISLNK(info.st_mode):
        try:
            info = source.stat()
        except FileNotFoundError:
            raise error(f"{source} is a link to a file that does not exist") from None
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise error(f"{source} is a link that leads back to itself") from None
            raise error(f"{source}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise error(f"{source} is a folder, not a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{source}: not a regular file")
    return source


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; raise ExportFailed with a plain message.

    Returns ``target`` as given (the user's name for it, even when it is a link).
    """
    path = Path(target)
    final = check_output(path)
    folder = final.parent
    try:
        mode = stat.S_IMODE(final.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as exc:
        raise ExportFailed(describe_os_error(exc, path)) from exc
    # The temporary name must fit in 255 bytes even when the target's name is long.
    stem = final.name.encode("utf-8", "surrogateescape")[:100].decode("utf-8", "ignore")
    fd = -1
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            fd = -1
            handle.write(data)
            handle.flush()
            # mkstemp makes the file 0600; give it the mode the file it replaces had.
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp_name, final)
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


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


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
