"""Tracker references pasted back, so the review shows which actions are in the backlog.

After an export has become issues, the facilitator pastes whatever the
tracker gave back, and pmdesk links each action to its issue:

- a CSV the tracker exported (Jira's "Export CSV" has ``Issue key``,
  ``Summary`` and ``Description``; any CSV with a key, URL or number column and
  a summary or title column will do);
- JSON from ``gh issue list --json number,title,url,body`` (a list of objects) or
  Jira's REST search (``{"issues": [{"key", "fields": {"summary"}}]}``);
- plain text, one issue a line: ``OPS-123 Add an alert for replication lag``,
  ``#45: Add a canary stage``, or an issue URL with or without its title.

An issue is matched to an action by the ``pmdesk action: <id>`` line that the
export writes into each description; failing that, by its title, compared
without case or punctuation (a title cut short by the tracker still matches);
failing that, by shared words, when one action is clearly the best fit.
A paste of bare references only, such as the URLs ``gh issue create`` prints,
is matched in order to the actions that have no tracker reference yet, but
only when there are exactly as many of each: pmdesk does not guess.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pmdesk.actions.export import MARKER
from pmdesk.errors import BadImport
from pmdesk.model.review import Action, Review
from pmdesk.text import clean_text

MAX_PASTE = 5_000_000
_URL = re.compile(
    r"https?://[^\s<>\"'()\[\]]+?(?:/browse/[A-Z][A-Z0-9_]+-\d+|/-/issues/\d+|/issues/\d+|"
    r"/work_items/\d+|[?&]selectedIssue=[A-Z][A-Z0-9_]+-\d+)(?![\w-])"
)
_REPO_NUMBER = re.compile(r"(?<![\w/])[\w.-]+/[\w.-]+#\d+\b")
_NUMBER = re.compile(r"(?<![\w&#/])#\d+\b")
_JIRA_KEY = re.compile(r"(?<![\w/-])[A-Z][A-Z0-9_]{1,9}-\d+(?![\w-])")
# Uppercase words with a number that are standards or severities, not Jira projects.
_NOT_KEYS = frozenset({"UTF", "ISO", "SEV", "RFC", "CVE", "SHA", "TLS", "HTTP", "IPV", "P", "H"})
_MARKER = re.compile(re.escape(MARKER) + r"\s*(?P<id>[^\s()]+)", re.IGNORECASE)
_SEPARATORS = " \t:-–—|,;.()[]\"'*>"
_STOP = frozenset({"a", "an", "the", "to", "for", "of", "and", "in", "on", "by", "with", "at"})

_KEY_COLUMNS = ("issue key", "key", "url", "html_url", "issue url", "link", "number", "issue")
_TITLE_COLUMNS = ("summary", "title", "issue title", "name")
_BODY_COLUMNS = ("description", "body")


class TrackerLink(NamedTuple):
    """One action and the tracker reference to store in its ``tracker_ref``."""

    action_id: str
    ref: str


@dataclass(frozen=True, slots=True)
class TrackerPaste:
    """What a paste gave: links to store, and references that fit no action (to show)."""

    links: tuple[TrackerLink, ...]
    unmatched: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class _Issue:
    ref: str
    title: str
    body: str


def match_tracker_refs(review: Review, pasted: str) -> list[TrackerLink]:
    """(action id, reference) pairs for the issues in pasted text; see the module docstring."""
    return list(read_tracker_paste(review, pasted).links)


def find_refs(text: str) -> list[str]:
    """Tracker references in text, in order: URLs, ``owner/repo#12``, ``#12``, ``OPS-12``."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_URL, _REPO_NUMBER, _NUMBER, _JIRA_KEY):
        for m in pattern.finditer(text):
            if any(start < m.end() and m.start() < end for start, end in taken):
                continue
            if pattern is _JIRA_KEY and m.group().split("-")[0] in _NOT_KEYS:
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.group()))
    return [ref for _, ref in sorted(found)]


def read_tracker_paste(review: Review, pasted: str) -> TrackerPaste:
    """Read pasted CSV, JSON or text and match its issues to the review's actions."""
    if len(pasted) > MAX_PASTE:
        raise BadImport("the pasted text is longer than 5 MB; paste only this review's issues")
    text = clean_text(pasted).lstrip("\ufeff").strip()
    issues = _from_json(text)
    source = "json"
    if issues is None:
        issues = _from_csv(text)
        source = "csv"
    if issues is None:
        issues = _from_lines(text)
        source = "text"
    return _match(review, issues, source)


def _from_json(text: str) -> list[_Issue] | None:
    if not text.startswith(("[", "{")):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(data, dict):
        data = data.get("issues", data.get("items"))
    if not isinstance(data, list):
        return None
    issues = []
    for item in data:
        if not isinstance(item, dict):
            continue
        fields = item.get("fields") if isinstance(item.get("fields"), dict) else {}
        ref = _first_str(item, ("url", "html_url", "key")) or _number_ref(item.get("number"))
        title = _first_str(item, ("title", "summary")) or _first_str(fields, ("summary",))
        body = _first_str(item, ("body", "description")) or _first_str(fields, ("description",))
        if ref:
            issues.append(_Issue(ref, title, body))
    return issues


def _first_str(obj: object, keys: Sequence[str]) -> str:
    if not isinstance(obj, dict):
        return ""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return clean_text(value).strip()
    return ""


def _number_ref(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"#{value}"
    if isinstance(value, str) and value.strip().isdigit():
        return f"#{value.strip()}"
    return ""


def _from_csv(text: str) -> list[_Issue] | None:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    if first_line.count(delimiter) == 0:
        return None
    try:
        header = [h.strip().lower() for h in next(csv.reader([first_line], delimiter=delimiter))]
    except (csv.Error, StopIteration):
        return None
    key_col = _column(header, _KEY_COLUMNS)
    title_col = _column(header, _TITLE_COLUMNS)
    if key_col is None or title_col is None:
        return None
    body_col = _column(header, _BODY_COLUMNS)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    issues = []
    try:
        next(reader)
        for row in reader:
            if len(row) <= max(key_col, title_col):
                continue
            key = row[key_col].strip()
            ref = _number_ref(key) if header[key_col] in ("number", "issue") else key
            body = row[body_col] if body_col is not None and body_col < len(row) else ""
            if ref:
                issues.append(_Issue(ref, row[title_col].strip(), body))
    except csv.Error as exc:
        raise BadImport(f"line {reader.line_num} of the pasted CSV: {exc}") from None
    return issues


def _column(header: list[str], names: Sequence[str]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


def _from_lines(text: str) -> list[_Issue]:
    issues = []
    for line in text.splitlines():
        refs = find_refs(line)
        if not refs:
            continue
        rest = line
        for ref in refs:
            rest = rest.replace(ref, " ")
        title = " ".join(rest.split()).strip(_SEPARATORS)
        title = re.sub(
            r"^(?:created|opened|issue|new issue|created issue)\s*[:-]?\s*",
            "",
            title,
            flags=re.IGNORECASE,
        )
        issues.append(_Issue(refs[0], title, line))
    return issues


def _match(review: Review, issues: Sequence[_Issue], source: str) -> TrackerPaste:
    by_id = {a.id: a for a in review.actions}
    links: dict[str, str] = {}
    unmatched: list[_Issue] = []
    for issue in issues:
        action_id = _by_marker(issue, by_id) or _by_title(issue.title, review.actions, links)
        if action_id and action_id not in links:
            links[action_id] = issue.ref
        else:
            unmatched.append(issue)
    bare = [i for i in unmatched if not i.title]
    if source == "text" and bare and len(bare) == len(issues):
        waiting = [a for a in review.actions if not a.tracker_ref and a.id not in links]
        if len(waiting) == len(bare):
            for action, issue in zip(waiting, bare, strict=True):
                links[action.id] = issue.ref
            unmatched = []
    order = {a.id: n for n, a in enumerate(review.actions)}
    return TrackerPaste(
        links=tuple(TrackerLink(a, links[a]) for a in sorted(links, key=order.__getitem__)),
        unmatched=tuple(_unique(i.ref for i in unmatched)),
        source=source,
    )


def _by_marker(issue: _Issue, by_id: dict[str, Action]) -> str | None:
    for m in _MARKER.finditer(issue.body):
        if m.group("id") in by_id:
            return m.group("id")
    return None


def _by_title(title: str, actions: Sequence[Action], taken: dict[str, str]) -> str | None:
    words = _words(title)
    if not words:
        return None
    flat = " ".join(words)
    free = [a for a in actions if a.id not in taken]
    exact = [a for a in free if " ".join(_words(a.text)) == flat]
    if len(exact) == 1:
        return exact[0].id
    cut = [a for a in free if len(flat) >= 20 and " ".join(_words(a.text)).startswith(flat)]
    if len(cut) == 1:
        return cut[0].id
    scored = sorted(((_overlap(words, _words(a.text)), a.id) for a in free), reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    return None


def _words(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return re.findall(r"[^\W_]+", text.casefold())


def _overlap(a: list[str], b: list[str]) -> float:
    left, right = set(a) - _STOP, set(b) - _STOP
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def _unique(refs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(refs))
