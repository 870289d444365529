"""``pmdesk capture`` and ``pmdesk watch``: the team's live review, headless, on both backends."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from pmdesk.cli import main
from pmdesk.model import Note, NoteKind, Part, WentWell
from pmdesk.store import Library

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture(autouse=True)
def no_library_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMDESK_LIBRARY", raising=False)


@pytest.fixture
def review_id(library_location: str) -> str:
    with Library.open(library_location) as library:
        return library.create_review("Queue backlog in March").id


def capture(capsys: pytest.CaptureFixture[str], location: str, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--library", location, "capture", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    ("line", "part", "text"),
    [
        ("w fast escalation to the database team", Part.WENT_WELL, "fast escalation"),
        ("? why was the canary skipped", Part.NOTES, "why was the canary skipped"),
        ("e 14:32 rollback started", Part.EVENTS, "rollback started"),
        ("f monitoring: no alert on replication lag", Part.FACTORS, "no alert on replication"),
        ("a Alex: add a lag alert by Friday", Part.ACTIONS, "lag alert"),
    ],
)
def test_capture_prints_the_new_id_and_stores_the_item(
    capsys: pytest.CaptureFixture[str],
    library_location: str,
    review_id: str,
    line: str,
    part: Part,
    text: str,
) -> None:
    status, out, _ = capture(capsys, library_location, "Queue backlog", line, "--by", "Noor")
    assert status == 0
    item_id = out.strip()
    with Library.open(library_location) as library:
        [item] = [i for i in library.get_review(review_id).items(part) if i.id == item_id]
        [logged] = library.changes_since(review_id, 1)
    shown = str(getattr(item, "text", None) or getattr(item, "title", ""))
    assert text in shown.lower()
    assert logged.by == "Noor" and item_id in logged.items
    if part is Part.NOTES:
        assert isinstance(item, Note) and item.kind is NoteKind.QUESTION


def test_capture_without_a_prefix_is_one_line_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], library_location: str, review_id: str
) -> None:
    status, out, err = capture(capsys, library_location, review_id, "fast escalation")
    assert (status, out) == (1, "")
    assert err.startswith("pmdesk: start the line with e") and err.count("\n") == 1
    with Library.open(library_location) as library:
        assert library.changes_since(review_id, 1) == []


class Watch:
    """``pmdesk watch`` in a process of its own, its lines read as they come."""

    def __init__(self, location: str, review: str) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PMDESK_LIBRARY"}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pmdesk", "--library", location, "watch", review],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.errors: queue.Queue[str] = queue.Queue()
        streams = ((self.process.stdout, self.lines), (self.process.stderr, self.errors))
        self._pumps = [
            threading.Thread(target=_pump, args=(stream, into), daemon=True)
            for stream, into in streams
        ]
        for pump in self._pumps:
            pump.start()

    def next(self, into: queue.Queue[str], timeout: float) -> str:
        try:
            return into.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"watch said nothing within {timeout} s")

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C; the exit status and what was printed after the last line read."""
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=10)
        for pump in self._pumps:
            pump.join(timeout=10)
        return status, _drain(self.lines), _drain(self.errors)


def _drain(lines: queue.Queue[str]) -> str:
    text = ""
    while not lines.empty():
        text += lines.get_nowait()
    return text


def _pump(stream: IO[str] | None, into: queue.Queue[str]) -> None:
    assert stream is not None
    for line in stream:
        into.put(line)


@pytest.fixture
def watch(library_location: str, review_id: str) -> Iterator[Watch]:
    started = Watch(library_location, review_id)
    try:
        assert started.next(started.errors, 60).startswith("pmdesk: watching")
        yield started
    finally:
        if started.process.poll() is None:
            started.process.kill()
            started.process.wait()


def test_watch_prints_one_line_per_change_by_another_process_within_a_second(
    library_location: str, review_id: str, watch: Watch
) -> None:
    with Library.open(library_location, author="Noor Haddad") as other:
        for n in range(3):
            change = other.put_item(review_id, WentWell(f"w{n}", f"Went well {n}"))
            committed = time.monotonic()
            line = json.loads(watch.next(watch.lines, 1.0))
            assert time.monotonic() - committed < 1.0
            assert line["review"] == review_id
            assert (line["items"], line["kind"], line["by"]) == ([f"w{n}"], "edit", "Noor Haddad")
            assert line["version"] == change.version and line["at"]
        other.update_review(review_id, title="Queue backlog, renamed")
        line = json.loads(watch.next(watch.lines, 1.0))
        assert (line["kind"], line["items"], line["parts"]) == ("review", [], ["review"])
    assert watch.stop() == (0, "", "")
