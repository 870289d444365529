"""Three seats editing one review at once, a fourth watching, across a server restart.

Run: ``.venv/bin/python benchmarks/live_seats.py [--backend sqlite|postgres|both]
[--edits N] [--quick]`` (default: both backends, N = 300 edits a seat; PostgreSQL
is skipped with a note where it is not installed).

For PostgreSQL it starts a server of its own with ``bash .ci/postgres.sh`` and
stops it (down for ``--down`` seconds) and starts it again when half the edits
are in; for SQLite it uses a library file in a temporary folder. Three writer
processes (this script with ``--seat``) each make N random edits through
``Library``: new events, a token appended to an existing event's detail (with
the version it read, so concurrent appends never overwrite each other) and
quick-capture lines (e/f/w/?/a). A writer counts an edit as acknowledged only
when its commit returned. When the connection died (or, at ``--drop`` rate, when
the seat pretends it did after a commit, so the unknown-outcome path is walked
every run), it rereads the review and looks for the edit's item or token before
trying again: items have ids, so a retry never doubles an edit. ``pmdesk watch``
(the real command) runs in a fourth process.

Afterwards every acknowledged edit must be in the review exactly once, every
token at most once, and watch must have printed each logged change once, naming
each edit's item. It prints the counts and the median and 95th percentile from
commit (stamped in the writer) to the watch line being read (stamped here), both
on this machine's clock; the target is median ≤ 200 ms, p95 ≤ 1 s. The exit
status is 1 when an edit was lost or doubled or watch missed a change.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import glob
import json
import os
import queue
import random
import re
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from pmdesk.errors import ConflictError, LibraryUnavailable
from pmdesk.meeting.capture import Capture, parse_capture
from pmdesk.model.review import ITEM_PARTS, Event, EventKind, Item, Part, Review
from pmdesk.store import Library

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
T0 = datetime(2026, 3, 4, 14, 0, tzinfo=UTC)
#: Fictional people, one a seat; each seat's action captures name its own.
SEATS = ("Noor Haddad", "Sam Okafor", "Lee Varga")
TOKEN = re.compile(r"#s(\d+)n(\d+)#")
#: How long a writer keeps trying one edit while the library is unreachable.
GIVE_UP_S = 60.0
TARGET_MEDIAN_S, TARGET_P95_S = 0.2, 1.0


# -- one seat: a writer process -----------------------------------------------------------


class NewEvent:
    """Put a new event whose id this seat chose: putting it twice is still one event."""

    kind = "event"

    def __init__(self, seat: int, n: int, token: str, rng: random.Random) -> None:
        at = T0 + timedelta(seconds=rng.randrange(3 * 3600))
        self.event = Event(f"s{seat}e{n}", at, EventKind.NOTE, f"Seat {seat} noted step {token}")
        self.item_id = self.event.id

    def prepare(self, review: Review, *, again: bool) -> None:
        """Nothing to read: the event is the same whatever the review holds."""

    def commit(self, library: Library, review_id: str) -> int:
        return library.put_item(review_id, self.event).version

    def landed(self, review: Review) -> bool:
        return any(event.id == self.item_id for event in review.events)


class AppendToEvent:
    """Append this edit's token to an existing event's detail, against the version read."""

    kind = "edit"

    def __init__(self, token: str, rng: random.Random) -> None:
        self.token, self._rng = token, rng
        self.item_id = ""
        self._put: Event | None = None
        self._version = 0

    def prepare(self, review: Review, *, again: bool) -> None:
        target = next((e for e in review.events if e.id == self.item_id), None)
        if target is None:
            target = self._rng.choice(review.events)
            self.item_id = target.id
        detail = f"{target.detail} {self.token}" if target.detail else self.token
        self._put = dataclasses.replace(target, detail=detail)
        self._version = review.version

    def commit(self, library: Library, review_id: str) -> int:
        assert self._put is not None
        return library.put_item(review_id, self._put, expected_version=self._version).version

    def landed(self, review: Review) -> bool:
        return any(e.id == self.item_id and self.token in (e.detail or "") for e in review.events)


class CaptureLine:
    """A quick-capture line, as ``pmdesk capture`` stores it (against the version it read).

    A retry after an unknown outcome puts the same items again (same ids); only a
    blind retry parses the line afresh, which gives the item a new id.
    """

    kind = "capture"
    _LINES = (
        "e queue depth noticed on the dashboard {t}",
        "f monitoring: no alert on consumer lag {t}",
        "w fast handover between shifts {t}",
        "? why did the retry storm start {t}",
        "a {owner}: add a lag alert {t}",
    )

    def __init__(self, seat: int, token: str, rng: random.Random) -> None:
        self.line = rng.choice(self._LINES).format(t=token, owner=SEATS[seat].split()[0])
        self.captured: Capture | None = None
        self.item_id = ""
        self._version = 0

    def prepare(self, review: Review, *, again: bool) -> None:
        if self.captured is None or again:
            self.captured = parse_capture(self.line, review, today=T0.date(), now=T0)
            self.item_id = self.captured.item.id
        self._version = review.version

    def commit(self, library: Library, review_id: str) -> int:
        assert self.captured is not None
        items = self.captured.items
        return library.put_items(review_id, items, expected_version=self._version).version

    def landed(self, review: Review) -> bool:
        assert self.captured is not None
        part = Part.of(self.captured.item)
        return any(item.id == self.item_id for item in review.items(part))


Edit = NewEvent | AppendToEvent | CaptureLine


@dataclass
class SeatCounts:
    """What one seat went through, besides its edits."""

    conflicts: int = 0
    lost: int = 0  # reads and commits that raised LibraryUnavailable (a commit's outcome unknown)
    dropped: int = 0  # commits that returned but whose acknowledgement the seat threw away


class Seat:
    """One writer: makes edits, retries them safely, prints one JSON line per edit."""

    def __init__(self, library: Library, review_id: str, *, drop: float, blind: bool) -> None:
        self.library, self.review_id = library, review_id
        self.drop, self.blind = drop, blind
        self.counts = SeatCounts()

    def read(self) -> Review:
        """The review, waiting for the library to come back if it is unreachable."""
        deadline = time.monotonic() + GIVE_UP_S
        while True:
            try:
                return self.library.get_review(self.review_id)
            except LibraryUnavailable:
                self.counts.lost += 1
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)

    def carry_out(self, edit: Edit, rng: random.Random) -> dict[str, Any]:
        """Commit one edit exactly once; say whether its commit returned or it was found."""
        edit.prepare(self.read(), again=False)
        unsure = False
        deadline = time.monotonic() + GIVE_UP_S
        while time.monotonic() < deadline:
            try:
                version = edit.commit(self.library, self.review_id)
            except ConflictError:
                self.counts.conflicts += 1
            except LibraryUnavailable:
                self.counts.lost += 1
                unsure = True
            else:
                if rng.random() >= self.drop:
                    return {"status": "acked", "version": version, "committed": time.time()}
                self.counts.dropped += 1
                unsure = True
            review = self.read()
            if unsure and not self.blind and edit.landed(review):
                return {"status": "found", "version": None, "committed": None}
            edit.prepare(review, again=self.blind)
        return {"status": "gave_up", "version": None, "committed": None}


def make_edit(seat: int, n: int, rng: random.Random) -> Edit:
    token = f"#s{seat}n{n}#"
    kind = rng.choice(("event", "edit", "capture"))
    if kind == "edit":
        return AppendToEvent(token, rng)
    if kind == "capture":
        return CaptureLine(seat, token, rng)
    return NewEvent(seat, n, token, rng)


def run_seat(args: argparse.Namespace) -> int:
    """The writer process: ``--seat`` edits, one JSON line each, then its counts."""
    rng = random.Random(args.seed * 100 + args.seat)
    library = Library.open(args.library, create=False, author=SEATS[args.seat])
    seat = Seat(library, args.review, drop=args.drop, blind=args.blind)
    try:
        for n in range(args.edits):
            edit = make_edit(args.seat, n, rng)
            result = seat.carry_out(edit, rng)
            result.update(seat=args.seat, n=n, kind=edit.kind, item=edit.item_id)
            print(json.dumps(result), flush=True)
            time.sleep(rng.uniform(0, 2 * args.pause))
    finally:
        library.close()
    print(json.dumps({"done": args.seat, **dataclasses.asdict(seat.counts)}), flush=True)
    return 0


# -- the watcher and the writers, from the parent ----------------------------------------


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PMDESK_LIBRARY"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


class Lines:
    """A child process whose output lines are read as they come, each stamped on arrival."""

    def __init__(self, argv: list[str]) -> None:
        self.process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=child_env(),
        )
        self.out: queue.Queue[tuple[float, str]] = queue.Queue()
        self.err: list[str] = []
        self._pumps = [
            threading.Thread(target=self._pump, args=(self.process.stdout,), daemon=True),
            threading.Thread(target=self._pump_err, args=(self.process.stderr,), daemon=True),
        ]
        for pump in self._pumps:
            pump.start()

    def _pump(self, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            self.out.put((time.time(), line))

    def _pump_err(self, stream: IO[str] | None) -> None:
        assert stream is not None
        for line in stream:
            self.err.append(line)

    def finish(self, timeout: float) -> int:
        status = self.process.wait(timeout=timeout)
        for pump in self._pumps:
            pump.join(timeout=10)
        return status

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def start_watch(location: str, review_id: str) -> Lines:
    """``pmdesk watch`` in its own process, once it says it is watching."""
    watch = Lines([sys.executable, "-m", "pmdesk", "--library", location, "watch", review_id])
    deadline = time.monotonic() + 60
    while not any(line.startswith("pmdesk: watching") for line in watch.err):
        if watch.process.poll() is not None or time.monotonic() > deadline:
            watch.kill()
            raise RuntimeError(f"pmdesk watch did not start: {''.join(watch.err)}")
        time.sleep(0.05)
    return watch


@dataclass
class Run:
    """What one run did and saw; ``problems`` empty means exactly once and nothing missed."""

    edits: list[dict[str, Any]] = field(default_factory=list)
    counts: SeatCounts = field(default_factory=SeatCounts)
    lines: dict[int, tuple[float, dict[str, Any]]] = field(default_factory=dict)
    repeated_lines: int = 0
    offline_notices: int = 0
    latencies: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    restarted: bool = False

    def status_count(self, status: str) -> int:
        return sum(1 for edit in self.edits if edit["status"] == status)


@dataclass(frozen=True)
class Plan:
    """How many seats make how many edits, how fast, and how the writers misbehave."""

    seats: int = 3
    edits: int = 300
    pause: float = 0.03  # mean seconds between one seat's edits
    drop: float = 0.02  # share of commits whose acknowledgement a seat throws away
    blind: bool = False  # retry without looking first (the test shows this doubles edits)
    seed: int = 1


def new_review(location: str) -> tuple[str, int]:
    """A review with its default layers and a few events to edit; its id and log version."""
    with Library.open(location) as library:
        review = library.create_review("Three seats at once")
        starters = [
            Event(f"start{n}", T0 + timedelta(minutes=n), EventKind.NOTE, f"Start {n}")
            for n in range(3)
        ]
        library.put_items(review.id, starters)
        return review.id, library.last_version(review.id)


def writer(location: str, review_id: str, seat: int, plan: Plan) -> Lines:
    argv = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--seat",
        str(seat),
        "--library",
        location,
        "--review",
        review_id,
        "--edits",
        str(plan.edits),
        "--pause",
        str(plan.pause),
        "--drop",
        str(plan.drop),
        "--seed",
        str(plan.seed),
    ]
    return Lines([*argv, "--blind"] if plan.blind else argv)


def run_seats(location: str, plan: Plan, restart: Callable[[], None] | None = None) -> Run:
    """The whole run: watch, the seats, a restart half-way, then the checks."""
    review_id, start_version = new_review(location)
    watch = start_watch(location, review_id)
    run = Run()
    try:
        seats = [writer(location, review_id, seat, plan) for seat in range(plan.seats)]
        try:
            _collect(run, seats, plan, restart)
        finally:
            for seat in seats:
                seat.kill()
        _wait_for_watch(run, watch, location, review_id)
    finally:
        with contextlib.suppress(OSError):
            watch.process.send_signal(signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            watch.finish(10)
        watch.kill()
        _read_watch(run, watch)
    run.offline_notices = sum("offline, reconnecting" in line for line in watch.err)
    check(run, location, review_id, start_version)
    return run


def _collect(run: Run, seats: list[Lines], plan: Plan, restart: Callable[[], None] | None) -> None:
    """Read the seats' lines until all are done; restart the server half-way."""
    total = plan.seats * plan.edits
    done: set[int] = set()
    deadline = time.monotonic() + 60 + total * (plan.pause * 2 + 0.5)
    while len(done) < len(seats):
        if time.monotonic() > deadline:
            run.problems.append("the seats did not finish in time")
            return
        for index, seat in enumerate(seats):
            if index in done:
                continue
            with contextlib.suppress(queue.Empty):
                _, line = seat.out.get(timeout=0.02)
                record = json.loads(line)
                if "done" in record:
                    done.add(index)
                    for name in ("conflicts", "lost", "dropped"):
                        setattr(run.counts, name, getattr(run.counts, name) + record[name])
                else:
                    run.edits.append(record)
            if seat.process.poll() is not None and seat.out.empty() and index not in done:
                run.problems.append(f"seat {index} ended early: {''.join(seat.err)[-2000:]}")
                done.add(index)
        if restart is not None and not run.restarted and len(run.edits) >= total // 2:
            run.restarted = True
            restart()


def _read_watch(run: Run, watch: Lines) -> None:
    while not watch.out.empty():
        seen, line = watch.out.get_nowait()
        record = json.loads(line)
        if record["version"] in run.lines:
            run.repeated_lines += 1
        run.lines.setdefault(record["version"], (seen, record))


def _wait_for_watch(run: Run, watch: Lines, location: str, review_id: str) -> None:
    """Give watch up to 30 s to print the last logged change."""
    with Library.open(location, create=False) as library:
        last = library.last_version(review_id)
    deadline = time.monotonic() + 30
    while last not in run.lines and time.monotonic() < deadline:
        with contextlib.suppress(queue.Empty):
            seen, line = watch.out.get(timeout=0.1)
            record = json.loads(line)
            if record["version"] in run.lines:
                run.repeated_lines += 1
            run.lines.setdefault(record["version"], (seen, record))


# -- the checks ------------------------------------------------------------------------


def tokens_in(review: Review) -> dict[str, int]:
    """How many times each edit's token occurs in the review's items."""
    found: dict[str, int] = {}
    for part in ITEM_PARTS:
        for item in review.items(part):
            for text in _texts(item):
                for match in TOKEN.finditer(text):
                    found[match.group(0)] = found.get(match.group(0), 0) + 1
    return found


def _texts(item: Item) -> Iterator[str]:
    for spec in dataclasses.fields(item):
        value = getattr(item, spec.name)
        if isinstance(value, str):
            yield value


def check(run: Run, location: str, review_id: str, start_version: int) -> None:
    """Exactly once in the review, and every logged change printed once by watch."""
    with Library.open(location, create=False) as library:
        review = library.get_review(review_id)
        logged = [c.version for c in library.changes_since(review_id, start_version)]
    counted = tokens_in(review)
    made = {f"#s{e['seat']}n{e['n']}#": e for e in run.edits}
    for token, edit in made.items():
        times = counted.get(token, 0)
        if edit["status"] in ("acked", "found") and times != 1:
            run.problems.append(f"{edit['kind']} {token} is in the review {times} times")
        elif times > 1:
            run.problems.append(f"{edit['kind']} {token} (not acknowledged) is there {times} times")
    strays = sorted(set(counted) - set(made))
    if strays:
        run.problems.append(f"tokens no seat reported: {', '.join(strays[:10])}")
    _check_watch(run, logged)


def _check_watch(run: Run, logged: list[int]) -> None:
    missed = sorted(set(logged) - set(run.lines))
    if missed:
        run.problems.append(f"watch printed no line for {len(missed)} changes: {missed[:10]}")
    if run.repeated_lines:
        run.problems.append(f"watch printed {run.repeated_lines} changes twice")
    named = {item for _, record in run.lines.values() for item in record["items"]}
    for edit in run.edits:
        if edit["status"] == "gave_up":
            continue
        if edit["item"] not in named:
            run.problems.append(f"watch never named {edit['kind']} item {edit['item']}")
        if edit["status"] == "acked":
            seen = run.lines.get(edit["version"])
            if seen is None or edit["item"] not in seen[1]["items"]:
                run.problems.append(f"watch's line for version {edit['version']} lacks it")
            else:
                run.latencies.append(seen[0] - edit["committed"])


# -- a PostgreSQL server of our own -------------------------------------------------------


class PostgresServer:
    """A server started by ``.ci/postgres.sh``; stopped and started again on ``restart``."""

    def __init__(self) -> None:
        done = subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres.sh")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        self.folder, self.url = done.stdout.strip().splitlines()[-2:]
        self.cluster = Path(self.folder) / "cluster"
        # The options it was started with: ``pg_ctl start`` does not reuse them by itself.
        words = shlex.split((self.cluster / "postmaster.opts").read_text())
        self._options = shlex.join(words[3:])  # drop the program and its "-D" folder

    def restart(self, down: float = 1.0) -> None:
        """Stop the server (fast: sessions cut off), stay down ``down`` s, start it again."""
        self._pg_ctl("-m", "fast", "stop")
        time.sleep(down)
        log = str(Path(self.folder) / "server.log")
        self._pg_ctl("-l", log, "-o", self._options, "start")

    def stop(self) -> None:
        subprocess.run(
            ["bash", str(ROOT / ".ci" / "postgres.sh"), "stop", self.folder],
            cwd=ROOT,
            capture_output=True,
            check=False,
            timeout=120,
        )

    def _pg_ctl(self, *args: str) -> None:
        binary = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))[-1]
        argv = [binary, "-D", str(self.cluster), "-w", "-t", "60", *args]
        if os.getuid() == 0:  # PostgreSQL refuses to run as root
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)


def postgres_installed() -> bool:
    return bool(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))


# -- the report ------------------------------------------------------------------------


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def report(backend: str, run: Run, plan: Plan) -> None:
    print(
        f"{backend}: {plan.seats} seats × {plan.edits} edits"
        f"{', server restarted half-way' if run.restarted else ''}"
    )
    print(
        f"  edits acknowledged {run.status_count('acked')}, found after an unknown outcome "
        f"{run.status_count('found')}, given up {run.status_count('gave_up')}"
    )
    print(
        f"  conflicts retried {run.counts.conflicts}, calls that found the library unreachable "
        f"{run.counts.lost}, acknowledgements thrown away {run.counts.dropped}"
    )
    print(f"  watch lines {len(run.lines)}, 'offline, reconnecting' notices {run.offline_notices}")
    if run.latencies:
        median, high = statistics.median(run.latencies), p95(run.latencies)
        met = median <= TARGET_MEDIAN_S and high <= TARGET_P95_S
        print(
            f"  commit → watch line: median {median * 1000:.0f} ms, p95 {high * 1000:.0f} ms, "
            f"max {max(run.latencies) * 1000:.0f} ms over {len(run.latencies)} edits "
            f"({'within' if met else 'MISSES'} the target of 200 ms / 1 s)"
        )
    verdict = "every edit exactly once, every change watched" if not run.problems else "FAILED"
    print(f"  {verdict}")
    for problem in run.problems[:20]:
        print(f"    {problem}")


def run_backend(backend: str, plan: Plan, down: float) -> Run:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix="pmdesk-seats-") as folder:
            return run_seats(str(Path(folder) / "library.pmdesk"), plan)
    server = PostgresServer()
    try:
        return run_seats(server.url, plan, restart=lambda: server.restart(down))
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--edits", type=int, default=300, help="edits a seat (default 300)")
    parser.add_argument("--quick", action="store_true", help="20 edits a seat")
    parser.add_argument("--pause", type=float, default=Plan.pause)
    parser.add_argument("--drop", type=float, default=Plan.drop)
    parser.add_argument("--down", type=float, default=1.0, help="seconds the server stays down")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--blind", action="store_true", help="retry without looking first")
    # A writer process (started by this script): one seat.
    parser.add_argument("--seat", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--library", help=argparse.SUPPRESS)
    parser.add_argument("--review", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.seat is not None:
        return run_seat(args)
    edits = 20 if args.quick else args.edits
    plan = Plan(edits=edits, pause=args.pause, drop=args.drop, blind=args.blind, seed=args.seed)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    failed = False
    for backend in backends:
        if backend == "postgres" and not postgres_installed():
            print("postgres: skipped (PostgreSQL is not installed)")
            continue
        run = run_backend(backend, plan, args.down)
        report(backend, run, plan)
        failed = failed or bool(run.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
