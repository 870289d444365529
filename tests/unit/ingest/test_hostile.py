"""Hostile archives, folders and files are refused with a message that names the place."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from pmdesk.errors import BadImport
from pmdesk.ingest import load_source
from pmdesk.ingest.limits import Limits

HEADER = {"users.json": b"[]", "channels.json": b'[{"id": "C1", "name": "inc"}]'}


def _zip(path: Path, members: dict[str, bytes], **info: object) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, data in members.items():
            entry = zipfile.ZipInfo(name)
            entry.compress_type = zipfile.ZIP_DEFLATED
            for key, value in info.get(name, {}).items():  # type: ignore[attr-defined]
                setattr(entry, key, value)
            handle.writestr(entry, data)
    return path


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../evil.json", "unsafe member name"),
        ("/tmp/abs.json", "unsafe member name"),
        ("inc\\..\\..\\evil.json", "unsafe member name"),
        ("C:/evil.json", "unsafe member name"),
    ],
)
def test_traversal_names_are_refused(tmp_path: Path, name: str, message: str) -> None:
    archive = _zip(tmp_path / "x.zip", {**HEADER, name: b"[]"})
    with pytest.raises(BadImport, match=message):
        load_source(archive)


def test_symlink_and_encrypted_members_are_refused(tmp_path: Path) -> None:
    link = {"inc/link.json": {"external_attr": (stat.S_IFLNK | 0o777) << 16}}
    archive = _zip(tmp_path / "l.zip", {**HEADER, "inc/link.json": b"/etc/passwd"}, **link)
    with pytest.raises(BadImport, match=r"link\.json is a link"):
        load_source(archive)
    archive = _zip(tmp_path / "e.zip", {**HEADER, "inc/2026-03-04.json": b"[]"})
    # zipfile resets flag_bits when writing, so set the "encrypted" bit in the central directory.
    data = bytearray(archive.read_bytes())
    central = [i for i in range(len(data)) if data.startswith(b"PK\x01\x02", i)]
    data[central[-1] + 8] |= 0x1  # the last member is the day file
    archive.write_bytes(bytes(data))
    with pytest.raises(BadImport, match="encrypted"):
        load_source(archive)


def test_duplicate_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.zip"
    with zipfile.ZipFile(path, "w") as handle:
        handle.writestr("users.json", b"[]")
        with pytest.warns(UserWarning):
            handle.writestr("users.json", b'[{"id": "U1"}]')
    with pytest.raises(BadImport, match=r"users\.json twice"):
        load_source(path)


def test_a_zip_bomb_is_refused_before_decompression(tmp_path: Path) -> None:
    bomb = b"\0" * (20 * 1024 * 1024)
    archive = _zip(tmp_path / "bomb.zip", {**HEADER, "inc/2026-03-04.json": bomb})
    assert archive.stat().st_size < 100_000
    with pytest.raises(BadImport, match="zip bomb"):
        load_source(archive)
    small = Limits(max_file_bytes=1024 * 1024, max_total_bytes=2 * 1024 * 1024)
    with pytest.raises(BadImport, match="more than the 1 MiB allowed"):
        load_source(archive, limits=small)


def test_too_many_entries_and_too_much_data_are_refused(tmp_path: Path) -> None:
    many = {f"inc/2026-01-{i:02d}.json": b"[]" for i in range(1, 29)}
    archive = _zip(tmp_path / "many.zip", {**HEADER, **many})
    with pytest.raises(BadImport, match="more than 10"):
        load_source(archive, limits=Limits(max_entries=10))
    big = {f"inc/2026-01-0{i}.json": b"[" + b" " * 5000 + b"]" for i in range(1, 5)}
    archive = _zip(tmp_path / "big.zip", {**HEADER, **big})
    with pytest.raises(BadImport, match="would unpack to more than"):
        load_source(archive, limits=Limits(max_total_bytes=10_000))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "not a valid zip"),
        (b"PK\x03\x04" + b"\0" * 40, "not a valid zip"),
    ],
)
def test_broken_archives_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "broken.zip"
    path.write_bytes(data)
    with pytest.raises(BadImport, match=message):
        load_source(path)


def test_a_truncated_zip_is_refused(tmp_path: Path, incident_export: tuple[Path, dict]) -> None:
    path = tmp_path / "whole.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as handle:
        for member in sorted(incident_export[0].rglob("*.json")):
            handle.write(member, member.relative_to(incident_export[0]).as_posix())
    cut = tmp_path / "cut.zip"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(BadImport, match=r"cut\.zip"):
        load_source(cut)


def test_links_and_pipes_in_a_folder_are_refused(make_export: Callable[..., Path]) -> None:
    root = make_export({"2026-03-04": []})
    os.symlink("/etc/passwd", root / "incident" / "2026-03-05.json")
    with pytest.raises(BadImport, match="not a plain file"):
        load_source(root)
    os.unlink(root / "incident" / "2026-03-05.json")
    os.mkfifo(root / "incident" / "2026-03-06.json")
    with pytest.raises(BadImport, match="not a plain file"):
        load_source(root)
    os.unlink(root / "incident" / "2026-03-06.json")
    os.symlink("/", root / "escape")
    with pytest.raises(BadImport, match="escape is a link"):
        load_source(root)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'[{"text": "caf\xe9", "ts": "1.0"}]', "not valid UTF-8 text \\(bad byte at offset"),
        (b"[" * 100_000, "nested too deeply"),
        (b'[{"text": "cut', "cut short"),
        (b'[{"ts": NaN}]', "NaN is not allowed"),
        (b'{"messages": 1}', "should hold a list, not an object"),
        (b"[1, 2]", "message 1 should hold an object"),
        (b"", "is empty"),
        (b"[" + b"9" * 5000 + b"]", "not valid JSON"),
    ],
)
def test_bad_day_files_name_the_file(
    make_export: Callable[..., Path], data: bytes, message: str
) -> None:
    root = make_export({"2026-03-04": []})
    (root / "incident" / "2026-03-04.json").write_bytes(data)
    with pytest.raises(BadImport, match=message) as caught:
        load_source(root)
    assert "incident/2026-03-04.json" in str(caught.value)


def test_bom_and_utf16_day_files_are_read(make_export: Callable[..., Path]) -> None:
    root = make_export({"2026-03-04": []})
    body = json.dumps([{"type": "message", "user": "U1", "ts": "1772661000.1", "text": "hé"}])
    (root / "incident" / "2026-03-04.json").write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert [m.text for m in load_source(root).messages] == ["hé"]
    (root / "incident" / "2026-03-04.json").write_bytes(body.encode("utf-16"))
    assert [m.text for m in load_source(root).messages] == ["hé"]


def test_a_key_given_twice_in_users_json_is_refused_with_where(
    make_export: Callable[..., Path],
) -> None:
    """PITFALLS IM-10: json keeps the last of two keys; pmdesk refuses to guess."""
    root = make_export({"2026-03-04": []})
    (root / "users.json").write_bytes(
        b'[{"id": "U1", "real_name": "Alice"}, {"id": "U2", "real_name": "Ana", "real_name": "Bo"}]'
    )
    with pytest.raises(BadImport, match=r"users\.json.*'real_name' appears twice in \$\[1\]"):
        load_source(root)


def test_a_key_given_twice_in_a_pagerduty_log_is_refused() -> None:
    data = b'{"log_entries": [{"type": "trigger_log_entry", "type": "resolve_log_entry"}]}'
    with pytest.raises(BadImport, match=r"'type' appears twice in \$\.log_entries\[0\]"):
        load_source(data.decode(), "pagerduty")
