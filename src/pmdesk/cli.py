"""The ``pmdesk`` command: the GUI when run bare, headless commands otherwise.

Every command works on the same core as the GUI. Bad input ends with one
sentence on stderr and a non-zero exit status, never a traceback, and leaves
the library unchanged. Heavy modules (Qt, reports, importers) are imported
only by the commands that need them, so ``pmdesk list`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk import __version__
from pmdesk.errors import UserError

if TYPE_CHECKING:
    from pmdesk.model import Review
    from pmdesk.store import Library, ReviewExtras

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script and ``python -m pmdesk``."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", _run_gui)
    try:
        return handler(args)
    except UserError as exc:
        print(f"pmdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("pmdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmdesk",
        description="Blameless post-incident reviews: draft, run the meeting, publish reports.",
    )
    parser.add_argument("--version", action="version", version=f"pmdesk {__version__}")
    parser.add_argument(
        "--library",
        metavar="PATH_OR_URL",
        help="library file or postgresql+psycopg:// URL (default: $PMDESK_LIBRARY, "
        "else library.pmdesk in your data folder)",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        return sub

    sub = command("open", _run_open, "open the GUI with a .pmreview imported and shown")
    sub.add_argument("file", type=Path)

    command("list", _run_list, "list the reviews in the library")

    sub = command("import-review", _run_import_review, "import a .pmreview or review.json")
    sub.add_argument("file", type=Path)
    mode = sub.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help="replace a review with the same id")
    mode.add_argument("--copy", action="store_true", help="import as a copy with new ids")

    sub = command("export-review", _run_export_review, "write a review to a .pmreview file")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument("-o", "--output", type=Path, required=True)

    sub = command("snapshot", _run_snapshot, "render a view of the app to a PNG, offscreen")
    sub.add_argument("review", nargs="?", help="library id, unique title prefix (not for library)")
    sub.add_argument(
        "--view",
        default="overview",
        choices=(
            "library",
            "overview",
            "story",
            "timeline",
            "factors",
            "actions",
            "went_well",
            "report",
        ),
    )
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument("--size", default="1280x800", help="WIDTHxHEIGHT (default 1280x800)")
    sub.add_argument("--theme", default="light", choices=("light", "dark", "projector"))

    sub = command("lint", _run_lint, "writing-coach findings for a review (advice only)")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument("--json", action="store_true", help="print a JSON array")

    sub = command("draft", _run_draft, "draft the story (what happened) from the timeline")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument(
        "--use-model",
        action="store_true",
        help="ask the model server in $PMDESK_MODEL_URL (shows what will be sent, asks first)",
    )
    sub.add_argument(
        "--yes", action="store_true", help="with --use-model: agree to send without asking"
    )
    sub.add_argument(
        "--apply", action="store_true", help="store the draft as the story if it is empty"
    )

    sub = command("figure", _run_figure, "draw the timeline or Swiss-cheese board to PNG/SVG")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument("--kind", choices=("timeline", "cheese"), required=True)
    sub.add_argument("-o", "--output", type=Path, required=True, help="OUT.png or OUT.svg")
    sub.add_argument("--key-only", action="store_true", help="timeline: key moments only")
    sub.add_argument("--width", type=int, default=1600, help="width in pixels (default 1600)")
    sub.add_argument("--theme", choices=("light", "dark", "projector"), default="light")

    sub = command(
        "import-chat", _run_import_chat, "propose timeline events from chat or pager history"
    )
    sub.add_argument("review", help="library id or unique title prefix")
    sub.add_argument(
        "source", type=Path, help="Slack export (zip or folder), transcript, JSON, CSV"
    )
    sub.add_argument(
        "--format", dest="fmt", choices=("slack", "transcript", "pagerduty", "csv"), default=None
    )
    sub.add_argument("--channel", action="append", help="Slack channel to read (repeatable)")
    sub.add_argument("--since", help="only messages from this time on (ISO 8601 or 14:00)")
    sub.add_argument("--until", help="only messages up to this time")
    sub.add_argument("--tz", help="time zone of a transcript or CSV (default: the review's)")
    sub.add_argument("--date", help="the day of a transcript whose lines have no date")
    sub.add_argument("--accept", action="store_true", help="add every proposal to the timeline")

    sub = command("report", _run_report, "write a report for one audience")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument(
        "--audience", choices=("engineering", "leadership", "adjacent", "short"), required=True
    )
    sub.add_argument("--format", dest="fmt", choices=("docx", "pdf", "md"), required=True)
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument(
        "--no-figures", action="store_true", help="leave out the timeline and board figures"
    )

    sub = command("actions", _run_actions, "export a review's actions for a backlog tracker")
    sub.add_argument("review", help="library id, unique title prefix, or file")
    sub.add_argument(
        "--format", dest="fmt", choices=("csv", "jira-csv", "github-csv", "json"), default="csv"
    )
    sub.add_argument("-o", "--output", type=Path, required=True)
    sub.add_argument(
        "--skip-tracked", action="store_true", help="leave out actions already in the tracker"
    )
    sub.add_argument("--open-only", action="store_true", help="leave out done and dropped ones")

    sub = command("capture", _run_capture, "add one item by the meeting's quick-capture prefixes")
    sub.add_argument("review", help="library id or unique title prefix")
    sub.add_argument(
        "text",
        help="e [14:32] event, f layer: factor, w went well, l lucky, ? question, "
        "p parking lot, a owner: action",
    )
    sub.add_argument("--by", help="who captured it, for the change log (default: the OS user)")

    sub = command("watch", _run_watch, "print one JSON line per change to a review, until Ctrl+C")
    sub.add_argument("review", help="library id or unique title prefix")

    sub = command("patterns", _run_patterns, "a learning report across the library's reviews")
    sub.add_argument("--since", help="reviews from this day on (2026-01-31)")
    sub.add_argument("--until", help="reviews up to this day, included")
    sub.add_argument("--service", help="only reviews naming this service")
    sub.add_argument("--severity", help="only reviews of this severity")
    sub.add_argument("--format", dest="fmt", choices=("json", "md", "pdf", "docx"), required=True)
    sub.add_argument("-o", "--output", type=Path, required=True)

    for extend in _EXTENSIONS:
        extend(command)
    return parser


#: Later features add their commands here (each a function taking ``command``).
_EXTENSIONS: list[Callable[[Callable[[str, Handler, str], argparse.ArgumentParser]], None]] = []


def open_library(args: argparse.Namespace) -> Library:
    """The library named by --library / $PMDESK_LIBRARY / the default; new ones get the sample."""
    from pmdesk.store import Library
    from pmdesk.store.sample import seed_sample

    return Library.open(args.library, seed=seed_sample, author=getattr(args, "by", None))


def load_review(args: argparse.Namespace, name: str) -> Review:
    """REVIEW as DESIGN.md defines it: a file path, a library id, or a unique title prefix."""
    return load_review_with_extras(args, name)[0]


def review_file(name: str) -> Path | None:
    """REVIEW as a file path when it names one (even a broken link), else None."""
    path = Path(name)
    if path.suffix.lower() in (".pmreview", ".json"):
        return path
    try:
        if path.is_symlink() or path.is_file():
            return path
    except OSError:  # a name too long for a path is a title prefix
        return None
    return None


def library_files(args: argparse.Namespace) -> list[tuple[Path, str]]:
    """The library's file and its side files, which no command may write over."""
    from pmdesk.store.engine import resolve_location

    try:
        path = resolve_location(args.library).path
    except UserError:  # a bad URL fails later, where the library is used
        return []
    if path is None:
        return []
    return [(path, "the library")] + [
        (Path(f"{path}{side}"), "a file of the library") for side in ("-wal", "-shm", "-journal")
    ]


def checked_output(args: argparse.Namespace, *inputs: Path | None) -> Path:
    """``-o`` after the one check every writing command makes before doing any work.

    The output may be neither the library nor an input of the command, however
    the path reaches it (a link, a hard link), nor a device or a folder.
    """
    from pmdesk.fileio import check_output

    protect = [(path, f"the input file {path}") for path in inputs if path is not None]
    check_output(args.output, [*protect, *library_files(args)])
    output: Path = args.output
    return output


def load_review_with_extras(args: argparse.Namespace, name: str) -> tuple[Review, ReviewExtras]:
    """The review and its meeting data and dismissed findings, from a file or the library."""
    path = review_file(name)
    if path is not None:
        from pmdesk.store.pmreview import read_review_file_with_extras

        return read_review_file_with_extras(path)
    with open_library(args) as library:
        review_id = library.resolve(name)
        return library.get_review(review_id), library.extras(review_id)


def _run_gui(args: argparse.Namespace) -> int:
    from pmdesk.app import run

    return run(library=args.library)


def _run_open(args: argparse.Namespace) -> int:
    from pmdesk.app import run

    return run(library=args.library, open_file=args.file)


def _run_list(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        summaries = library.list_reviews()
    if not summaries:
        print("The library is empty. Create a review in the app, or: pmdesk import-review FILE")
        return EXIT_OK
    width = max(len(s.id) for s in summaries)
    for s in summaries:
        started = s.started_at.strftime("%Y-%m-%d") if s.started_at else "—"
        severity = s.severity or "—"
        print(
            f"{s.id:<{width}}  {started}  {severity:<5}  {s.status.value:<9}  "
            f"{s.open_actions:>2} open  {_plain(s.title)}"
        )
    return EXIT_OK


def _run_import_review(args: argparse.Namespace) -> int:
    from pmdesk.errors import AlreadyExists
    from pmdesk.store.pmreview import read_review_file_with_extras

    review, extras = read_review_file_with_extras(args.file)
    with open_library(args) as library:
        try:
            stored = library.add_review(
                review,
                on_conflict="replace" if args.replace else "copy" if args.copy else "error",
                extras=extras,
            )
        except AlreadyExists as exc:
            raise AlreadyExists(f"{exc} (--replace or --copy)") from None
    print(f"imported {stored.id}: {_plain(stored.title)}")
    return EXIT_OK


def _run_export_review(args: argparse.Namespace) -> int:
    from pmdesk.store.pmreview import write_review_file

    output = checked_output(args, review_file(args.review))
    review, extras = load_review_with_extras(args, args.review)
    path = write_review_file(review, output, extras)
    print(f"wrote {path}")
    return EXIT_OK


def _run_lint(args: argparse.Namespace) -> int:
    from pmdesk.coach import format_findings, lint_review

    review = load_review(args, args.review)
    text = format_findings(lint_review(review), as_json=args.json)
    if text:
        print(text)
    return EXIT_OK


def _run_draft(args: argparse.Namespace) -> int:
    from pmdesk.draft import ChatCompletionsModel, ModelConfig, draft_story, narrative_fields
    from pmdesk.errors import BadInput

    review = load_review(args, args.review)
    provider = None
    if args.use_model:
        config = ModelConfig.from_env()
        if config is None:
            raise BadInput("--use-model needs PMDESK_MODEL_URL (and PMDESK_MODEL) to be set")
        provider = ChatCompletionsModel(config)
        if not args.yes:
            print(provider.preview_request(review), file=sys.stderr)
            if not sys.stdin.isatty():
                raise BadInput("not sending anything: add --yes to agree to the request above")
            answer = input("Send this to the model server? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                provider = None
                print("pmdesk: not sent; using the built-in drafter", file=sys.stderr)
    draft = draft_story(review, provider=provider, consent=provider is not None)
    for note in draft.notes:
        print(f"pmdesk: {note}", file=sys.stderr)
    print(draft.text)
    if args.apply:
        fields = narrative_fields(review, draft)
        if not fields:
            print("pmdesk: the review already has a story; it was left as it is", file=sys.stderr)
            return EXIT_OK
        with open_library(args) as library:
            review_id = library.resolve(args.review)
            library.update_review(review_id, expected_version=review.version, **fields)
        print("pmdesk: stored the draft as the story", file=sys.stderr)
    return EXIT_OK


def _run_figure(args: argparse.Namespace) -> int:
    import os

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pmdesk.figures.export import ensure_gui_app, write_figure

    output = checked_output(args, review_file(args.review))
    review = load_review(args, args.review)
    ensure_gui_app()
    path = write_figure(
        review,
        args.kind,
        output,
        width=args.width,
        key_only=args.key_only,
        theme=args.theme,
    )
    print(f"wrote {path}")
    return EXIT_OK


def _run_import_chat(args: argparse.Namespace) -> int:
    from datetime import date

    from pmdesk.clock import is_known_zone, parse_moment
    from pmdesk.errors import BadInput
    from pmdesk.ingest import accept_all, load_source, proposal_json, propose_key_moments

    with open_library(args) as library:
        review = library.get_review(library.resolve(args.review))
        zone = args.tz or review.timezone or "UTC"
        if not is_known_zone(zone):
            raise BadInput(f"--tz: '{zone}' is not a known time zone (e.g. Europe/Berlin)")
        day = None
        if args.date:
            try:
                day = date.fromisoformat(args.date)
            except ValueError:
                raise BadInput(f"--date: '{args.date}' is not a date (use 2026-03-04)") from None
        reference = review.started_at
        since = parse_moment(args.since, zone, reference) if args.since else None
        until = parse_moment(args.until, zone, reference) if args.until else None
        result = load_source(
            args.source,
            args.fmt,
            channels=args.channel,
            since=since,
            until=until,
            tz=zone,
            default_date=day,
        )
        proposals = propose_key_moments(result)
        for proposal in proposals:
            print(json.dumps(proposal_json(proposal), ensure_ascii=False))
        if args.accept and proposals:
            people, events = accept_all(result, proposals, review.people, review.events)
            if events:
                library.put_items(review.id, [*people, *events], expected_version=review.version)
            skipped = (
                f" ({len(proposals) - len(events)} already there)"
                if len(events) < len(proposals)
                else ""
            )
            print(
                f"pmdesk: added {len(events)} events and {len(people)} people to "
                f"'{_plain(review.title)}'{skipped}",
                file=sys.stderr,
            )
    return EXIT_OK


def _run_report(args: argparse.Namespace) -> int:
    from pmdesk.report import write_report_files

    output = checked_output(args, review_file(args.review))
    review = load_review(args, args.review)
    figures = None
    if not args.no_figures:
        import os

        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from pmdesk.figures.export import ensure_gui_app, report_figures

        ensure_gui_app()
        figures = report_figures(review)
    written = write_report_files(review, args.audience, args.fmt, output, figures)
    print(written.describe())
    return EXIT_OK


def _run_actions(args: argparse.Namespace) -> int:
    from pmdesk.actions.export import export_actions
    from pmdesk.fileio import atomic_write_bytes

    output = checked_output(args, review_file(args.review))
    review = load_review(args, args.review)
    data = export_actions(
        review, args.fmt, skip_tracked=args.skip_tracked, skip_closed=args.open_only
    )
    path = atomic_write_bytes(output, data)
    print(f"wrote {path}")
    return EXIT_OK


def _run_capture(args: argparse.Namespace) -> int:
    from datetime import UTC, date, datetime

    from pmdesk.meeting.capture import parse_capture

    with open_library(args) as library:
        review = library.get_review(library.resolve(args.review))
        captured = parse_capture(args.text, review, today=date.today(), now=datetime.now(UTC))
        library.put_items(review.id, captured.items, expected_version=review.version)
    print(captured.item.id)
    print(f"pmdesk: {captured.understood}", file=sys.stderr)
    return EXIT_OK


#: How long ``watch`` waits before saying the library is still unreachable, and retrying.
_WATCH_RETRY_S = 1.0


def _run_watch(args: argparse.Namespace) -> int:
    """Follow the change log: the feed says when to look, the log says what changed."""
    from pmdesk.errors import LibraryUnavailable

    with open_library(args) as library:
        review_id = library.resolve(args.review)
        feed = library.feed(review_id)  # before reading where to start: nothing falls between
        try:
            seen = library.last_version(review_id)
            print(f"pmdesk: watching {review_id} (Ctrl+C to stop)", file=sys.stderr, flush=True)
            offline = False
            while True:
                if not feed.wait(_WATCH_RETRY_S) and not offline:
                    continue
                try:
                    changes = library.changes_since(review_id, seen)
                except LibraryUnavailable as exc:
                    if not offline:
                        print(f"pmdesk: offline, reconnecting: {exc}", file=sys.stderr, flush=True)
                    offline = True
                    continue
                if offline:
                    print("pmdesk: back online", file=sys.stderr, flush=True)
                    offline = False
                for change in changes:
                    print(json.dumps(change.to_json(), ensure_ascii=False), flush=True)
                    seen = change.version
        except KeyboardInterrupt:
            return EXIT_OK
        finally:
            feed.close()


def _run_patterns(args: argparse.Namespace) -> int:
    from datetime import date

    from pmdesk.clock import parse_day
    from pmdesk.errors import BadInput
    from pmdesk.fileio import atomic_write_bytes
    from pmdesk.patterns import Scope, find_patterns, learning_document, patterns_json

    output = checked_output(args)
    days = []
    for flag, raw in (("--since", args.since), ("--until", args.until)):
        try:
            days.append(parse_day(raw) if raw else None)
        except BadInput as exc:
            raise BadInput(f"{flag}: {exc}") from None
    scope = Scope(days[0], days[1], args.service, args.severity)
    with open_library(args) as library:
        patterns = find_patterns(library, scope, today=date.today())
    if args.fmt == "json":
        text = json.dumps(patterns_json(patterns), ensure_ascii=False, indent=1)
        data = (text + "\n").encode("utf-8")
    else:
        from pmdesk.report.render import render_document

        chart = None
        if args.fmt != "md" and patterns.months:  # Markdown keeps to the table
            from pmdesk.figures.patterns.chart import timing_chart_png

            chart = timing_chart_png(patterns.months)
        data = render_document(learning_document(patterns, chart), args.fmt)
    path = atomic_write_bytes(output, data)
    print(f"wrote {path}")
    return EXIT_OK


def _run_snapshot(args: argparse.Namespace) -> int:
    from pmdesk.ui.snapshot import parse_size, snapshot

    output = checked_output(args)
    path = snapshot(args.library, args.review, args.view, output, parse_size(args.size), args.theme)
    print(f"wrote {path}")
    return EXIT_OK


def _plain(text: str) -> str:
    """One line of user text for a terminal: no control characters, no line breaks."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)[1:-1].replace('\\"', '"')
