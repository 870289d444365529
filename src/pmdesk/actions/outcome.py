"""The measurable part of an action: how everyone will know it is done.

"add an alert for replication lag > 30s" carries its own test: replication lag
over 30 s pages someone. We pull out the clause around a threshold (a
comparison and a number with a unit, or a percentage), or a "so that" clause,
so the action table can show the outcome in its own column. When nothing
measurable is there, the outcome stays empty and the coach asks for one; we
never invent it.
"""

from __future__ import annotations

import re

_UNIT = (
    r"%|ms|msec|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|"
    r"weeks?|x|k|kb|mb|gb|tb|kib|mib|gib|tib|rps|qps|req/s|requests?|errors?|"
    r"percent|pct|nines|replicas?|nodes?|retries|attempts?|users?|customers?|"
    r"pages?|alerts?|steps?"
)
_NUMBER = r"\d+(?:[.,]\d+)?"
_COMPARE = (
    r">=|<=|≥|≤|>|<|=|over|above|below|under|within|less than|more than|fewer than|"
    r"at least|at most|no more than|no less than|up to|down to|to|from \S+ to|exceeds?|"
    r"reaches?|drops? below|rises? above"
)
_RATE = r"rps|qps|req/s|requests?(?:/s| per second)?|errors?|users?|events?"
_AMOUNT = rf"[~≈]?{_NUMBER}\s*(?:{_UNIT})?(?:\s*(?:{_RATE}))?(?![\w.])"
_MEASURE = re.compile(
    rf"(?:(?P<cmp>{_COMPARE})\s*)?(?P<num>[~≈]?{_NUMBER})\s*(?P<unit>{_UNIT})?"
    rf"(?:\s*(?P<rate>{_RATE}))?(?![\w.])"
    rf"(?:\s+(?:of|in|per)\s+(?:(?:the|all|our)\s+)?(?:{_AMOUNT}|[^\W\d][\w-]*))?",
    re.IGNORECASE,
)
_SO_THAT = re.compile(r"\b(?:so that|such that)\s+(?P<clause>.{6,})$", re.IGNORECASE)
_BOUNDARY = re.compile(
    r"(?:^|\s)(?:for|when|if|whenever|once|so that|where|while|and|on|so)\s|[,;(]",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"^(?:a|an|the|our|all)(?:\s+|$)", re.IGNORECASE)
#: Two measures this close ("from 40 min to 10 min", "99.9% of checkouts under 2 s") are one.
_JOIN_GAP = re.compile(r"^\s*(?:[\w-]+\s+){0,2}?$")
_MAX_SUBJECT_WORDS = 6
_STOP = (
    r"to|for|on|in|of|with|and|or|by|at|from|when|if|per|so|the|a|an|is|are|be|"
    r"within|under|over|below|above|during|until|after|before|every"
)
_CONTENT_WORD = re.compile(rf"\s+(?!(?:{_STOP})\b)[^\W\d][\w-]*", re.IGNORECASE)


def find_outcome(text: str) -> str | None:
    """The measurable clause of an action's text, as typed, or None if it has none."""
    measures = [
        m
        for m in _MEASURE.finditer(text)
        if (m.group("cmp") or m.group("unit") or m.group("rate"))
        and not _inside_word(text, m.start("num"))
        and not _clock_time(text, m)
    ]
    if measures:
        start, end = measures[0].start(), measures[0].end()
        last = measures[0]
        for later in measures[1:]:
            if not _JOIN_GAP.match(text[end : later.start()]):
                break
            end, last = later.end(), later
        subject_start = _subject_start(text, start)
        subject = _ARTICLE.sub("", text[subject_start:start].strip())
        # "a 5 s timeout", "exceeds 10000 messages": the measured thing follows the number.
        wanted = 2 if not subject else 0 if (last.group("unit") or last.group("rate")) else 1
        end += _following_words(text[end:], wanted)
        clause = text[subject_start:end].strip(" ,;:-")
        return _ARTICLE.sub("", clause) or None
    so_that = _SO_THAT.search(text)
    if so_that:
        return so_that.group("clause").strip(" ,;:.") or None
    return None


def _following_words(rest: str, count: int) -> int:
    """How many characters of ``rest`` the next ``count`` content words take."""
    taken = 0
    for _ in range(count):
        word = _CONTENT_WORD.match(rest, taken)
        if not word:
            break
        taken = word.end()
    return taken


def _clock_time(text: str, m: re.Match[str]) -> bool:
    """'03:00' is a time of day, not a measure."""
    before = text[m.start("num") - 1] if m.start("num") > 0 else ""
    return before == ":" or text[m.end("num") : m.end("num") + 1] == ":"


def _inside_word(text: str, index: int) -> bool:
    """A digit glued to letters before it ('p99', 'v2', '5xx' is fine) is a name, not a number."""
    return index > 0 and (text[index - 1].isalpha() or text[index - 1] in "_/-")


def _subject_start(text: str, measure_start: int) -> int:
    """Where the thing being measured begins: after the verb, or after 'for'/'when'/a comma."""
    before = text[:measure_start]
    cut = 0
    for boundary in _BOUNDARY.finditer(before):
        cut = boundary.end()
    if cut == 0:
        first_space = before.find(" ")
        cut = first_space + 1 if first_space >= 0 else 0
    words = before[cut:].split()
    if len(words) > _MAX_SUBJECT_WORDS:
        kept = " ".join(words[-_MAX_SUBJECT_WORDS:])
        return before.rfind(kept) if kept else measure_start
    return cut
