"""Reading the files of an export, from a zip or a folder, without trusting it.

A Slack export arrives as a zip or as the folder the user unzipped. Both are
untrusted (PITFALLS IM-01..IM-04): the zip is checked member by member before
anything is decompressed and nothing is ever extracted to disk; the folder is
walked without following links and only regular files inside it are read.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
import zipfile
import zlib
from pathlib import Path

from pmdesk.errors import BadImport
from pmdesk.fileio import check_input
from pmdesk.ingest.limits import DEFAULT_LIMITS, Limits

_DRIVE = re.compile(r"^[A-Za-z]:")
_RATIO_FLOOR = 1024 * 1024  # small files compress absurdly well and are harmless


class Bundle:
    """Named files of one export, read on demand with size caps."""

    def __init__(self, label: str, sizes: dict[str, int], limits: Limits) -> None:
        self.label = label
        self._sizes = sizes
        self.limits = limits

    def names(self) -> list[str]:
        """Member names as relative POSIX paths, sorted."""
        return sorted(self._sizes)

    def size(self, name: str) -> int:
        return self._sizes[name]

    def read(self, name: str) -> bytes:
        """The bytes of one member; BadImport if it is missing or larger than allowed."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the underlying file, if any."""

    def where(self, name: str) -> str:
        """How a message names a member to the user."""
        return f"{name} in {self.label}"


class ZipBundle(Bundle):
    def __init__(self, path: Path, limits: Limits) -> None:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise BadImport(f"{path.name} is not a valid zip archive ({_reason(exc)})") from exc
        try:
            sizes, infos = _check_members(archive, path.name, limits)
        except BaseException:
            archive.close()
            raise
        super().__init__(path.name, sizes, limits)
        self._archive = archive
        self._infos = infos

    def read(self, name: str) -> bytes:
        info = self._infos.get(name)
        if info is None:
            raise BadImport(f"{self.label} has no member {name}")
        cap = min(info.file_size, self.limits.max_file_bytes)
        try:
            with self._archive.open(info) as handle:
                data = handle.read(cap + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError) as exc:
            raise BadImport(f"{self.where(name)} is damaged ({_reason(exc)})") from exc
        except NotImplementedError as exc:
            raise BadImport(f"{self.where(name)} uses an unsupported compression") from exc
        if len(data) > cap:
            raise BadImport(f"{self.where(name)} is larger than its archive entry says")
        return data

    def close(self) -> None:
        self._archive.close()


def _check_members(
    archive: zipfile.ZipFile, label: str, limits: Limits
) -> tuple[dict[str, int], dict[str, zipfile.ZipInfo]]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise BadImport(f"{label} has {len(infos)} entries, more than {limits.max_entries}")
    sizes: dict[str, int] = {}
    by_name: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if info.is_dir():
            _check_name(name.rstrip("/"), label)
            continue
        _check_name(name, label)
        if name in sizes:
            raise BadImport(f"{label} contains {name} twice")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BadImport(f"{label}: {name} is a link, which an export never contains")
        if info.flag_bits & 0x1:
            raise BadImport(f"{label}: {name} is encrypted")
        if info.file_size > limits.max_file_bytes:
            raise BadImport(
                f"{label}: {name} would unpack to {_mib(info.file_size)}, "
                f"more than the {_mib(limits.max_file_bytes)} allowed for one file"
            )
        ratio_base = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size / ratio_base > limits.max_ratio:
            raise BadImport(f"{label}: {name} is compressed suspiciously well (a zip bomb?)")
        total += info.file_size
        if total > limits.max_total_bytes:
            raise BadImport(
                f"{label} would unpack to more than {_mib(limits.max_total_bytes)}; "
                "import fewer channels or a shorter period"
            )
        sizes[name] = info.file_size
        by_name[name] = info
    return sizes, by_name


def _check_name(name: str, label: str) -> None:
    if (
        not name
        or name.startswith(("/", "\\"))
        or "\\" in name
        or _DRIVE.match(name)
        or "\x00" in name
        or ".." in name.split("/")
    ):
        raise BadImport(f"{label} has an unsafe member name: {name[:80]!r}")


class FolderBundle(Bundle):
    def __init__(self, root: Path, limits: Limits) -> None:
        self._root = root.resolve()
        sizes: dict[str, int] = {}
        total = 0
        for folder, dirs, files in os.walk(self._root, followlinks=False):
            for entry in sorted(dirs):
                if os.path.islink(os.path.join(folder, entry)):
                    rel = os.path.relpath(os.path.join(folder, entry), self._root)
                    raise BadImport(f"{root.name}: {rel} is a link; only plain files are read")
            for entry in files:
                full = os.path.join(folder, entry)
                rel = Path(os.path.relpath(full, self._root)).as_posix()
                try:
                    mode = os.lstat(full)
                except OSError as exc:
                    raise BadImport(f"cannot read {rel} in {root.name}: {exc.strerror}") from exc
                if not stat.S_ISREG(mode.st_mode):
                    raise BadImport(
                        f"{root.name}: {rel} is not a plain file (a link or a pipe); "
                        "only plain files are read"
                    )
                if not Path(full).resolve().is_relative_to(self._root):
                    raise BadImport(f"{root.name}: {rel} lies outside the folder")
                total += mode.st_size
                if len(sizes) >= limits.max_entries:
                    raise BadImport(f"{root.name} has more than {limits.max_entries} files")
                if total > limits.max_total_bytes:
                    raise BadImport(
                        f"{root.name} holds more than {_mib(limits.max_total_bytes)}; "
                        "import fewer channels or a shorter period"
                    )
                sizes[rel] = mode.st_size
        super().__init__(root.name, sizes, limits)

    def read(self, name: str) -> bytes:
        if name not in self._sizes:
            raise BadImport(f"{self.label} has no file {name}")
        return read_capped(self._root / name, self.where(name), self.limits.max_file_bytes)


def read_capped(full: Path, where: str, cap: int) -> bytes:
    """Read a regular file without following links or blocking on a pipe, up to ``cap``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    chunks: list[bytes] = []
    size = 0
    try:
        fd = os.open(full, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise BadImport(f"{where} is not a plain file")
            while size <= cap:
                chunk = os.read(fd, min(1 << 20, cap + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        finally:
            os.close(fd)
    except OSError as exc:
        raise BadImport(f"cannot read {where}: {exc.strerror or exc}") from exc
    if size > cap:
        raise BadImport(f"{where} is larger than the {_mib(cap)} allowed for one file")
    return b"".join(chunks)


def open_bundle(path: Path, limits: Limits = DEFAULT_LIMITS) -> Bundle:
    """Open a zip or a folder as a Bundle; BadImport if it is neither or is unsafe."""
    try:
        mode = os.lstat(path)
    except OSError as exc:
        raise BadImport(f"cannot open {path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode.st_mode):
        return FolderBundle(path, limits)
    if not stat.S_ISREG(mode.st_mode):
        raise BadImport(f"{path.name} is not a plain file or folder")
    return ZipBundle(path, limits)


def read_plain_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read one user-chosen file with the same care as a folder member.

    The user may name it through a link (it is followed); a broken link or a
    link loop is refused in one sentence by ``check_input``.
    """
    check_input(path, BadImport)
    return read_capped(Path(os.path.realpath(path)), path.name, limits.max_file_bytes)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def common_prefix(names: list[str]) -> str:
    """The folder inside a zip that holds users.json ('' when at the top)."""
    for name in names:
        if posixpath.basename(name) == "channels.json":
            return posixpath.dirname(name)
    return ""
