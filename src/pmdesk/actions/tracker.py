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
is matched in order to the actions the export held: all of them, or those
left after skipping tracked and/or closed ones, whichever has exactly as many
actions as there are references. When no choice fits, or two different ones
do, nothing is linked: pmdesk does not guess.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from pmdesk.actions.export import MARKER
from pmdesk.errors import BadImport
from pmdesk.model.review import Action, ActionStatus, Review
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
    return [text[start:end] for start, end in _ref_spans(text)]


def _ref_spans(text: str) -> list[tuple[int, int]]:
    """Where each reference is, URLs first, so a key inside a URL is not counted twice."""
    found: list[tuple[int, int]] = []
    taken = bytearray(len(text))  # characters already inside a reference, e.g. a key in a URL
    for pattern in (_URL, _REPO_NUMBER, _NUMBER, _JIRA_KEY):
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            if pattern is _JIRA_KEY and m.group().split("-")[0] in _NOT_KEYS:
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append((m.start(), m.end()))
    return sorted(found)


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
    """Issues from gh or Jira JSON, or None when the paste is not JSON, so CSV is tried next."""
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
    """The first non-blank string under one of keys, as trackers name fields differently."""
    if not isinstance(obj, dict):
        return ""
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return clean_text(value).strip()
    return ""


def _number_ref(value: object) -> str:
    """A GitHub issue number as "#12"; anything else gives nothing."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return f"#{value}"
    if isinstance(value, str) and value.strip().isdigit():
        return f"#{value.strip()}"
    return ""


def _from_csv(text: str) -> list[_Issue] | None:
    """Issues from a tracker's CSV export, or None when no header names a key and a title column."""
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
    """Issues from plain text, one a line; the words around the first reference are its title."""
    issues = []
    for line in text.splitlines():
        spans = _ref_spans(line)
        if not spans:
            continue
        pieces, previous = [], 0
        for start, end in spans:
            pieces.append(line[previous:start])
            previous = end
        pieces.append(line[previous:])
        title = " ".join(" ".join(pieces).split()).strip(_SEPARATORS)
        title = re.sub(
            r"^(?:created|opened|issue|new issue|created issue)\s*[:-]?\s*",
            "",
            title,
            flags=re.IGNORECASE,
        )
        issues.append(_Issue(line[spans[0][0] : spans[0][1]], title, line))
    return issues


def _match(review: Review, issues: Sequence[_Issue], source: str) -> TrackerPaste:
    """Link each issue by marker, then by title; bare references fall back to the export's order."""
    by_id = {a.id: a for a in review.actions}
    titles = _Titles(review.actions)
    links: dict[str, str] = {}
    unmatched: list[_Issue] = []
    for issue in issues:
        action_id = _by_marker(issue, by_id) or titles.best(issue.title, links)
        if action_id and action_id not in links:
            links[action_id] = issue.ref
        else:
            unmatched.append(issue)
    bare = [i for i in unmatched if not i.title]
    if source == "text" and bare and len(bare) == len(issues):
        exported = _export_in_order(review.actions, len(bare))
        if exported is not None:
            for action_id, issue in zip(exported, bare, strict=True):
                links[action_id] = issue.ref
            unmatched = []
    order = {a.id: n for n, a in enumerate(review.actions)}
    return TrackerPaste(
        links=tuple(TrackerLink(a, links[a]) for a in sorted(links, key=order.__getitem__)),
        unmatched=tuple(_unique(i.ref for i in unmatched)),
        source=source,
    )


def _export_in_order(actions: Sequence[Action], count: int) -> tuple[str, ...] | None:
    """The actions an export of ``count`` issues held, if only one export choice gives that many.

    The export can leave out tracked and/or closed actions; when two choices
    give the same number of different actions, the paste is ambiguous.
    """
    closed = (ActionStatus.DONE, ActionStatus.WONT_DO)
    choices = {
        tuple(
            a.id
            for a in actions
            if not (skip_tracked and a.tracker_ref) and not (skip_closed and a.status in closed)
        )
        for skip_tracked in (True, False)
        for skip_closed in (False, True)
    }
    fitting = [ids for ids in choices if len(ids) == count]
    return fitting[0] if len(fitting) == 1 else None


def _by_marker(issue: _Issue, by_id: dict[str, Action]) -> str | None:
    """The action whose "pmdesk action:" marker the issue body carries: the surest match."""
    for m in _MARKER.finditer(issue.body):
        if m.group("id") in by_id:
            return m.group("id")
    return None


class _Titles:
    """The actions' texts, indexed so a long tracker paste is matched in near-linear time.

    Shared-word matching uses prefix filtering (Bayardo et al., "Scaling up all
    pairs similarity search"): with words in one global order, rarest first, two
    sets whose Jaccard similarity reaches ``FUZZY`` share a word among the first
    ``n - ceil(FUZZY * n) + 1`` of each, so only actions sharing such a word are scored.
    """

    FUZZY = 0.5

    def __init__(self, actions: Sequence[Action]) -> None:
        """Index once: flat texts for exact titles, sorted keys for cut-short ones, postings."""
        self._flat: dict[str, list[str]] = {}
        self._sets: dict[str, frozenset[str]] = {}
        for action in actions:
            words = _words(action.text)
            self._flat.setdefault(" ".join(words), []).append(action.id)
            self._sets[action.id] = frozenset(words) - _STOP
        self._sorted_flat = sorted((flat, ids) for flat, ids in self._flat.items())
        self._keys = [flat for flat, _ in self._sorted_flat]
        self._freq = Counter(w for word_set in self._sets.values() for w in word_set)
        self._postings: dict[str, list[str]] = {}
        for action_id, word_set in self._sets.items():
            for word in self._prefix(word_set):
                self._postings.setdefault(word, []).append(action_id)

    def best(self, title: str, taken: dict[str, str]) -> str | None:
        """The one free action this title names: same words, a cut-short title, or most words."""
        words = _words(title)
        if not words:
            return None
        flat = " ".join(words)
        exact = [a for a in self._flat.get(flat, ()) if a not in taken]
        if len(exact) == 1:
            return exact[0]
        if len(flat) >= 20:
            cut = [a for a in self._starting_with(flat) if a not in taken]
            if len(cut) == 1:
                return cut[0]
        return self._most_words(frozenset(words) - _STOP, taken)

    def _starting_with(self, flat: str) -> list[str]:
        """The actions whose text starts with a title the tracker cut short."""
        found: list[str] = []
        for index in range(bisect.bisect_left(self._keys, flat), len(self._keys)):
            key, ids = self._sorted_flat[index]
            if not key.startswith(flat):
                break
            found.extend(ids)
        return found

    def _most_words(self, words: frozenset[str], taken: dict[str, str]) -> str | None:
        """The free action sharing most words (Jaccard >= FUZZY); None on a tie: no guessing."""
        if not words:
            return None
        candidates = {
            a for w in self._prefix(words) for a in self._postings.get(w, ()) if a not in taken
        }
        scored = sorted(
            ((len(words & self._sets[a]) / len(words | self._sets[a]), a) for a in candidates),
            reverse=True,
        )
        if not scored or scored[0][0] < self.FUZZY:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1]

    def _prefix(self, words: frozenset[str]) -> list[str]:
        """The rarest words of a set, enough that any set similar to it must share one of them."""
        ordered = sorted(words, key=lambda w: (self._freq.get(w, 0), w))
        return ordered[: len(ordered) - math.ceil(self.FUZZY * len(ordered)) + 1]


def _words(text: str) -> list[str]:
    """The words of a title, ignoring the quote the CSV export put before formula-looking text."""
    text = text.strip()
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]
    return re.findall(r"[^\W_]+", text.casefold())


def _unique(refs: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(refs))
