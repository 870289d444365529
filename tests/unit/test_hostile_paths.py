"""Hostile paths on the command line (issue 22 items 1, 3, 8, 12): nothing lost, one line.

Every command that writes checks its ``-o`` with the one output guard before any
work: never the library or an input (whatever name, link or hard link reaches
it), never a device or a folder; links are written through; the replaced file's
mode is kept and a new file gets the umask's. Every FILE or REVIEW argument goes
through the one input check: a dangling link or a link loop is one sentence.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmdesk.cli import main
from pmdesk.errors import BadInput, ExportFailed
from pmdesk.fileio import atomic_write_bytes, check_input, check_output
from pmdesk.store import Library
from pmdesk.store.pmreview import read_review_file, write_review_file
from pmdesk.store.sample import sample_review


@pytest.fixture(autouse=True)
def no_library_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMDESK_LIBRARY", raising=False)


@pytest.fixture
def library_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "v.sqlite"
    with Library.open(path) as library:
        library.add_review(sample_review())
    yield path


def run(capsys: pytest.CaptureFixture[str], library: Path, *args: str | Path) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["--library", str(library), *map(str, args)])
    out, err = capsys.readouterr()
    if status != 0:
        assert out == "" and err.startswith("pmdesk: ") and err.count("\n") == 1, err
        assert "Traceback" not in err
    return status, err


def titles(path: Path) -> list[str]:
    with Library.open(path) as library:
        return [s.title for s in library.list_reviews()]


# -- item 1: the library or an input named as the output ----------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["actions", sample_review().id, "-o"],
        ["export-review", sample_review().id, "-o"],
        ["report", sample_review().id, "--audience", "short", "--format", "md", "-o"],
    ],
)
def test_the_library_named_as_output_is_refused_and_kept(
    capsys: pytest.CaptureFixture[str], library_path: Path, command: list[str]
) -> None:
    before = library_path.read_bytes()
    status, err = run(capsys, library_path, *command, library_path)
    assert status == 1 and "is the library" in err
    assert library_path.read_bytes() == before
    assert titles(library_path) == [sample_review().title]


def test_the_library_reached_by_a_hard_link_or_symlink_is_refused(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    hard = tmp_path / "other-name.csv"
    os.link(library_path, hard)
    soft = tmp_path / "link.csv"
    soft.symlink_to(library_path)
    before = library_path.read_bytes()
    for output in (hard, soft):
        status, err = run(capsys, library_path, "actions", sample_review().id, "-o", output)
        assert status == 1 and "is the library" in err
    assert library_path.read_bytes() == before


def test_the_review_file_named_as_output_is_refused(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    source = write_review_file(sample_review(), tmp_path / "same.json")
    before = source.read_bytes()
    commands: list[list[str | Path]] = [
        ["report", source, "--audience", "short", "--format", "md", "-o", source],
        ["actions", source, "-o", source],
        ["export-review", source, "-o", source],
    ]
    for command in commands:
        status, err = run(capsys, library_path, *command)
        assert status == 1 and "is the input file" in err
    assert source.read_bytes() == before
    assert read_review_file(source) == sample_review()


# -- item 3: links, devices, modes ------------------------------------------------------


def test_a_symlink_output_is_written_through_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write_bytes(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() == b"new"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_dev_full_is_refused_in_one_line_and_stays_a_device(
    capsys: pytest.CaptureFixture[str], library_path: Path
) -> None:
    status, err = run(capsys, library_path, "export-review", sample_review().id, "-o", "/dev/full")
    assert status == 1 and "not a regular file" in err
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_pipe_or_a_dangling_link_as_output_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportFailed, match="not a regular file"):
        atomic_write_bytes(fifo, b"x")
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere" / "x.csv")
    with pytest.raises(ExportFailed, match="link to a file that does not exist"):
        check_output(dangling)


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write_bytes(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o002)
    try:
        atomic_write_bytes(tmp_path / "new.csv", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.csv").stat().st_mode) == 0o664


# -- item 8: dangling links and link loops as FILE / REVIEW --------------------------


@pytest.fixture
def bad_links(tmp_path: Path) -> dict[str, Path]:
    dangling = tmp_path / "gone.pmreview"
    dangling.symlink_to(tmp_path / "deleted.pmreview")
    loop = tmp_path / "loop.pmreview"
    loop.symlink_to(loop)
    bare = tmp_path / "loop-without-suffix"
    bare.symlink_to(bare)
    return {"does not exist": dangling, "leads back to itself": loop, "back to itself": bare}


@pytest.mark.parametrize(
    "command",
    [
        ["import-review"],
        ["lint"],
        ["draft"],
        ["actions", "{}", "-o", "{out}"],
        ["figure", "{}", "--kind", "timeline", "-o", "{out}.png"],
        ["report", "{}", "--audience", "short", "--format", "md", "-o", "{out}"],
        ["export-review", "{}", "-o", "{out}.pmreview"],
    ],
)
def test_a_bad_link_as_review_is_one_line(
    capsys: pytest.CaptureFixture[str],
    library_path: Path,
    bad_links: dict[str, Path],
    tmp_path: Path,
    command: list[str],
) -> None:
    for words, link in bad_links.items():
        args = [
            part.replace("{}", str(link)).replace("{out}", str(tmp_path / "out"))
            for part in command
        ]
        if "{}" not in command:
            args.append(str(link))
        status, err = run(capsys, library_path, *args)
        assert status == 1 and words in err, err


def test_check_input_names_what_the_path_is(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        check_input(tmp_path / "missing.json")
    with pytest.raises(BadInput, match="is a folder"):
        check_input(tmp_path)
    assert check_input(write_review_file(sample_review(), tmp_path / "ok.json")).is_file()


def test_a_bad_link_as_chat_source_is_one_line(
    capsys: pytest.CaptureFixture[str], library_path: Path, bad_links: dict[str, Path]
) -> None:
    loop = bad_links["leads back to itself"]
    source = loop.with_name("loop.txt")
    source.symlink_to(source)
    status, err = run(capsys, library_path, "import-chat", sample_review().id, source)
    assert status == 1 and "back to itself" in err


# -- item 12: snapshot's folder, import-chat twice ------------------------------------


def test_snapshot_refuses_a_missing_folder_like_every_command(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    output = tmp_path / "no" / "such" / "folder" / "shot.png"
    status, err = run(capsys, library_path, "snapshot", "--view", "library", "-o", output)
    assert status == 1 and "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_import_chat_accept_twice_adds_each_event_once(
    capsys: pytest.CaptureFixture[str], library_path: Path, tmp_path: Path
) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text(
        "[2026-03-04 14:02] Ana: the error rate alert fired for checkout\n"
        "[2026-03-04 14:10] Ben: rolled back the deploy, errors are dropping\n"
        "[2026-03-04 14:20] Ana: resolved, checkout is healthy again\n",
        encoding="utf-8",
    )

    def events() -> list[tuple[str, str]]:
        with Library.open(library_path) as library:
            review = library.get_review(sample_review().id)
        return sorted((e.at.isoformat(), e.title) for e in review.events)

    before = events()
    status, _ = run(capsys, library_path, "import-chat", sample_review().id, chat, "--accept")
    assert status == 0
    once = events()
    assert len(once) > len(before)
    status, err = run(capsys, library_path, "import-chat", sample_review().id, chat, "--accept")
    assert status == 0 and "added 0 events" in err
    assert events() == once
