"""Actions to the backlog: files that spreadsheets, Jira's CSV importer and ``gh`` accept.

An action nobody sees in the team's tracker is an action nobody does. Four
formats, one row (or object) per action, in the review's order:

``csv`` — for people and spreadsheets. Columns ``Action ID, Action, Owner,
Outcome, Due, Status, Tracker, Factors, Review ID, Review``. UTF-8 with a byte
order mark so Excel shows names with accents correctly.

``jira-csv`` — for Jira's "Import issues from CSV" (Jira Cloud and Data
Center). Columns ``Summary, Issue Type, Description, Assignee, Due Date``,
then one ``Labels`` column per label (``postmortem``, ``pm-<review id>``, the
severity such as ``sev2``): Jira takes a repeated column as several values of
one field. Summary is the action's text cut to Jira's 255 characters; Description
holds the outcome, the due date, the review's title and a line
``pmdesk action: <id>`` that :mod:`pmdesk.actions.tracker` recognises when the
issues are exported back. Assignee is the owner's *name*: in the importer's
"map field values" step, map each name to a Jira user. Due Date is written as
``yyyy-MM-dd``; set the importer's date format to ``yyyy-MM-dd``. There is no
Priority column: a pmdesk action has no priority, and inventing one would
outrank the team's own triage, so Jira uses the project's default. No byte
order mark: some Jira versions keep it in the first header name.

``github-csv`` — GitHub has no CSV issue importer; this file is meant for a
small script around ``gh issue create``. Columns ``title, body, assignee,
labels, due``: ``labels`` is comma-separated as ``gh --label`` takes it;
``assignee`` is the owner's name, to replace with a GitHub login (or drop);
GitHub issues have no due date, so it is in ``due`` (for a milestone or a
Projects date field) and in the body. For example::

    python - actions.csv <<'EOF'
    import csv, subprocess, sys
    for row in csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")):
        subprocess.run(["gh", "issue", "create", "--title", row["title"],
                        "--body", row["body"], "--label", row["labels"]], check=True)
    EOF

``gh`` refuses labels the repository does not have: create them once with
``gh label create postmortem`` (and ``pm-<review id>``, the severity), or drop
``--label``. The printed issue URLs, pasted back into pmdesk, link each action
to its issue, in order.

``json`` — the same content as typed values for scripts::

    {"format": "pmdesk-actions", "version": 1,
     "review": {"id", "title", "severity"},
     "actions": [{"id", "summary", "description", "text", "owner", "owner_id",
                  "outcome", "due", "status", "tracker_ref", "factors", "labels"}]}

    jq -c '.actions[]' actions.json | while read -r a; do
      gh issue create --title "$(jq -r .summary <<<"$a")" \\
        --body "$(jq -r .description <<<"$a")" --label "$(jq -r '.labels|join(",")' <<<"$a")"
    done

In every CSV, a text cell that starts with ``= + - @``, a tab, a line break
or a NUL gets a leading ``'`` so no spreadsheet runs it as a formula
(PITFALLS CSV-01, §2.5), and every cell is quoted. Dates are ISO dates and are
left alone. Jira and ``gh`` then show that ``'`` as typed; the JSON format
holds the text unchanged.
"""

from __future__ import annotations

import csv
import enum
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pmdesk.errors import BadInput
from pmdesk.fileio import atomic_write_bytes
from pmdesk.model.review import Action, ActionStatus, Review
from pmdesk.text import clean_text, one_line

JIRA_SUMMARY_LIMIT = 255
GITHUB_TITLE_LIMIT = 256
MARKER = "pmdesk action:"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


class ExportFormat(enum.StrEnum):
    CSV = "csv"
    JIRA_CSV = "jira-csv"
    GITHUB_CSV = "github-csv"
    JSON = "json"

    @classmethod
    def parse(cls, name: str) -> ExportFormat:
        """The format named on the command line; BadInput lists the choices."""
        try:
            return cls(name.strip().lower())
        except ValueError:
            choices = ", ".join(f.value for f in cls)
            raise BadInput(
                f"'{one_line(name, 30)}' is not an action format; use {choices}"
            ) from None


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet shows as text: a leading ' before a formula trigger."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def export_actions(
    review: Review,
    fmt: ExportFormat | str,
    *,
    skip_tracked: bool = False,
    skip_closed: bool = False,
) -> bytes:
    """The review's actions in one backlog format, as the bytes of the file.

    ``skip_tracked`` leaves out actions already linked to a tracker issue (so a
    second import makes no duplicates); ``skip_closed`` leaves out done and
    dropped ones.
    """
    fmt = fmt if isinstance(fmt, ExportFormat) else ExportFormat.parse(fmt)
    actions = [
        a
        for a in review.actions
        if not (skip_tracked and a.tracker_ref)
        and not (skip_closed and a.status in (ActionStatus.DONE, ActionStatus.WONT_DO))
    ]
    if fmt is ExportFormat.JSON:
        return _json(review, actions)
    if fmt is ExportFormat.JIRA_CSV:
        header = (*_JIRA_HEADER, *("Labels" for _ in labels(review)))
        return _csv(header, (_jira_row(review, a) for a in actions), bom=False)
    if fmt is ExportFormat.GITHUB_CSV:
        return _csv(_GITHUB_HEADER, (_github_row(review, a) for a in actions), bom=False)
    return _csv(_PLAIN_HEADER, (_plain_row(review, a) for a in actions), bom=True)


def write_actions(
    review: Review,
    fmt: ExportFormat | str,
    path: str | os.PathLike[str],
    *,
    skip_tracked: bool = False,
    skip_closed: bool = False,
) -> Path:
    """Export and write atomically: a failed write leaves any earlier file intact."""
    data = export_actions(review, fmt, skip_tracked=skip_tracked, skip_closed=skip_closed)
    return atomic_write_bytes(path, data)


def summary(action: Action, limit: int = JIRA_SUMMARY_LIMIT) -> str:
    """The issue title for an action: its text on one line, cut to the tracker's limit."""
    return one_line(clean_text(action.text), limit) or f"Action {action.id}"


def labels(review: Review) -> list[str]:
    """Labels for every issue of this review; trackers refuse spaces in labels."""
    found = ["postmortem", _label(f"pm-{review.id}")]
    if review.severity:
        found.append(_label(review.severity.lower()))
    return [label for label in dict.fromkeys(found) if label]


def description(review: Review, action: Action) -> str:
    """The issue body: what done looks like, when, why, and the link back to pmdesk."""
    parts = [clean_text(action.text).strip()]
    if action.outcome:
        parts.append(f"Outcome: {clean_text(action.outcome).strip()}")
    if action.due:
        parts.append(f"Due: {action.due.isoformat()}")
    factors = _factor_texts(review, action)
    if factors:
        parts.append("Contributing factors:\n" + "\n".join(f"- {t}" for t in factors))
    severity = f" ({review.severity})" if review.severity else ""
    parts.append(f'From the post-incident review "{one_line(review.title)}"{severity}.')
    parts.append(f"{MARKER} {action.id} (review {review.id})")
    return "\n\n".join(p for p in parts if p)


def _label(text: str) -> str:
    """A review's words as a tracker label: no spaces or symbols, at most 100 characters."""
    return re.sub(r"[^\w.-]+", "-", clean_text(text)).strip("-")[:100]


def _factor_texts(review: Review, action: Action) -> list[str]:
    """The texts of the factors an action addresses, each on one line, for the issue description."""
    texts = []
    for factor_id in action.factors:
        factor = review.factor(factor_id)
        if factor:
            texts.append(one_line(clean_text(factor.text)))
    return texts


def _owner(review: Review, action: Action) -> str:
    """The owner's display name, or empty when the action has none or names nobody known."""
    return clean_text(review.person_name(action.owner) or "")


def _due(action: Action) -> str:
    return action.due.isoformat() if action.due else ""


_PLAIN_HEADER = (
    "Action ID",
    "Action",
    "Owner",
    "Outcome",
    "Due",
    "Status",
    "Tracker",
    "Factors",
    "Review ID",
    "Review",
)
_JIRA_HEADER = ("Summary", "Issue Type", "Description", "Assignee", "Due Date")
_GITHUB_HEADER = ("title", "body", "assignee", "labels", "due")

# Columns whose values are typed (ISO dates): never prefixed, so they stay dates.
_TYPED = {"Due", "Due Date", "due"}


def _plain_row(review: Review, action: Action) -> list[str]:
    """One action as a row of the plain CSV, in _PLAIN_HEADER's order."""
    return [
        action.id,
        clean_text(action.text),
        _owner(review, action),
        clean_text(action.outcome or ""),
        _due(action),
        action.status.value,
        clean_text(action.tracker_ref or ""),
        "; ".join(_factor_texts(review, action)),
        review.id,
        one_line(clean_text(review.title)),
    ]


def _jira_row(review: Review, action: Action) -> list[str]:
    """One action as a row Jira's CSV importer accepts, one Labels column per label."""
    return [
        summary(action, JIRA_SUMMARY_LIMIT),
        "Task",
        description(review, action),
        _owner(review, action),
        _due(action),
        *labels(review),
    ]


def _github_row(review: Review, action: Action) -> list[str]:
    """One action as a row for a GitHub issue import, labels comma-joined in one cell."""
    return [
        summary(action, GITHUB_TITLE_LIMIT),
        description(review, action),
        _owner(review, action),
        ",".join(labels(review)),
        _due(action),
    ]


def _csv(header: Sequence[str], rows: Iterable[list[str]], *, bom: bool) -> bytes:
    """Quote every cell and defuse formula-looking text, but never in date columns."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [
                clean_text(cell) if name in _TYPED else neutralise(clean_text(cell))
                for name, cell in zip(header, row, strict=True)
            ]
        )
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def _json(review: Review, actions: Sequence[Action]) -> bytes:
    """The actions as a versioned pmdesk-actions document: one stable shape for other tools."""
    document = {
        "format": "pmdesk-actions",
        "version": 1,
        "review": {"id": review.id, "title": review.title, "severity": review.severity},
        "actions": [
            {
                "id": a.id,
                "summary": summary(a),
                "description": description(review, a),
                "text": clean_text(a.text),
                "owner": _owner(review, a) or None,
                "owner_id": a.owner,
                "outcome": a.outcome,
                "due": a.due.isoformat() if a.due else None,
                "status": a.status.value,
                "tracker_ref": a.tracker_ref,
                "factors": list(a.factors),
                "labels": labels(review),
            }
            for a in actions
        ],
    }
    return (json.dumps(_cleaned(document), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cleaned(value: object) -> object:
    """Every string made safe to encode: lone surrogates from odd imports become U+FFFD."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value
