"""Checks that keep a draft to *what happened*, as the review records it.

A machine may tell the story; it may not invent it, explain it or plan from it.
The same checks run on every draft: a time, name or duration that is not in the
review means an invented event, and a sentence that gives a reason ("because", "root
cause") or proposes work ("we will", "should") is the people's job, not the drafter's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from pmdesk.clock import Zone
from pmdesk.draft.phases import milestones_of
from pmdesk.model import Review

_WHY = re.compile(
    r"\b(root[- ]?causes?|because|due to|caused|causes|causing|cause of|the cause|led to|"
    r"leading to|lead to|resulted in|as a result|contribut\w*|the reasons?|reason (?:was|is)|"
    r"why|therefore|hence|thus|owing to|stemm\w* from|attributed to|blame\w*|fault)\b",
    re.IGNORECASE,
)
_ACTION = re.compile(
    r"\b(we will|we'll|we’ll|we should|we must|should|must|needs? to|action items?|"
    r"follow-up actions?|going forward|in the future|next time|to prevent|prevent (?:this|it)|"
    r"recommend\w*|we plan|plan to|lessons? learned|takeaways?|to do|todo)\b",
    re.IGNORECASE,
)


def why_or_action(sentence: str) -> str | None:
    """The phrase that makes a sentence an explanation or a plan, or None."""
    for pattern in (_WHY, _ACTION):
        match = pattern.search(sentence)
        if match:
            return match.group(0)
    return None


_TIME = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:.h]([0-5]\d)(?![\d:])\s*([ap]\.?m\.?\b)?", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# Words a story may start a sentence with or use for dates; anything else capitalised
# must come from the review itself.
_COMMON_TEXT = """
    a about after afterwards again all also an and around as at before between both but by
    during each earlier eventually finally first for from further he her here his however i
    if in it its just later meanwhile minutes moments more most next not now of on once one or
    our over she shortly since so soon some still that the their them then there these they
    this those throughout to two under until up we what when where which while who with within
    without yet you alert alerts incident impact team problem story diagnosis mitigation
    recovery detection follow-up lead-up the picture customers users engineers service services
    utc gmt am pm monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    zero two three four five six seven eight nine ten less
    """
_COMMON = frozenset(_COMMON_TEXT.split())


def review_words(review: Review) -> frozenset[str]:
    """Every word the review itself contains, lower-cased: what a draft may mention."""
    texts: list[str] = [review.title, review.timezone or "", " ".join(review.services)]
    texts += [person.name for person in review.people]
    for event in review.events:
        texts += [event.title, event.detail or "", event.knew or ""]
    return frozenset(word.lower() for text in texts for word in _WORD.findall(text))


def review_times(review: Review, zone: Zone) -> frozenset[str]:
    """The local clock times (HH:MM) of the review's events and milestones."""
    moments = [event.at for event in review.events]
    moments += [mark.at for mark in milestones_of(review)]
    times = {zone.hhmm(moment) for moment in moments}
    for event in review.events:
        for text in (event.title, event.detail or "", event.knew or ""):
            times.update(_clock(match) for match in _TIME.finditer(text))
    return frozenset(times)


def unknown_times(text: str, allowed: Iterable[str]) -> list[str]:
    """Clock times in text that the review does not have: each one is an invented event."""
    allowed_set = set(allowed)
    return [m.group(0).strip() for m in _TIME.finditer(text) if _clock(m) not in allowed_set]


def unknown_names(text: str, words: frozenset[str]) -> list[str]:
    """Capitalised words that are neither in the review nor plain story words."""
    found = []
    for word in _WORD.findall(text):
        if not word[:1].isupper():
            continue
        lower = word.lower().strip("'’-")
        if lower in words or lower in _COMMON:
            continue
        stem = re.sub(r"(['’]s|s)$", "", lower)
        if stem in words or stem in _COMMON:
            continue
        found.append(word)
    return found


_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_AMOUNT = r"(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
# Both of the clock's duration forms: "1 hour 38 minutes" and "1 h 38 min".
# The one-letter units follow a numeral only, so that "and" is not "a" "nd".
_DURATION_PART = re.compile(
    rf"\b(?:{_AMOUNT}\s*(days?|hours?|hrs?|minutes?|mins?)|(\d+)\s*(d|h))\b", re.IGNORECASE
)
_JOINER = re.compile(r"\s*,?\s*(?:and\s+)?")
_UNIT_MINUTES = {"d": 24 * 60, "h": 60, "m": 1}
_MAX_MOMENTS = 400  # beyond this, every pairwise gap is allowed anyway


def review_gaps(review: Review, zone: Zone) -> frozenset[int] | None:
    """Minutes between any two shown moments of the review; None when there are too many."""
    # Shown minutes, compared in UTC so that a daylight-saving change does not skew the gaps.
    shown = [e.at for e in review.events] + [m.at for m in milestones_of(review)]
    moments = sorted({zone.shown(moment).astimezone(UTC) for moment in shown})
    if len(moments) > _MAX_MOMENTS:
        return None
    return frozenset(
        int((later - earlier).total_seconds() // 60)
        for i, earlier in enumerate(moments)
        for later in moments[i:]
    )


def stated_durations(text: str) -> list[tuple[str, int]]:
    """Durations written in the text ('30 hours 2 minutes', '1 h 38 min', 'four minutes')."""
    found: list[tuple[str, int]] = []
    start = end = total = -1
    for match in _DURATION_PART.finditer(text):
        amount, unit = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
        minutes = _minutes(amount, unit)
        if total >= 0 and _JOINER.fullmatch(text, end, match.start()):
            total, end = total + minutes, match.end()
            continue
        if total >= 0:
            found.append((text[start:end], total))
        start, end, total = match.start(), match.end(), minutes
    if total >= 0:
        found.append((text[start:end], total))
    return found


def _minutes(amount: str, unit: str) -> int:
    """A duration in minutes; number words count too ("five minutes")."""
    lowered = amount.lower()
    count = int(amount) if amount.isdigit() else _NUMBER_WORDS.get(lowered, 0)
    return count * _UNIT_MINUTES[unit[0].lower()]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What a draft of one review may mention; built once, used for every sentence."""

    words: frozenset[str]
    times: frozenset[str]
    gaps: frozenset[int] | None
    text: str  # the review's own words, lower-cased, for durations it states itself

    @classmethod
    def of(cls, review: Review, zone: Zone | None = None) -> Vocabulary:
        """Everything a draft may name, taken from the review once, in the zone it is told in."""
        zone = zone or Zone.of(review)
        texts = [review.title] + [
            f"{e.title} {e.detail or ''} {e.knew or ''}" for e in review.events
        ]
        own = " ".join(" ".join(texts).lower().split())
        return cls(review_words(review), review_times(review, zone), review_gaps(review, zone), own)

    def wrong_durations(self, text: str) -> list[str]:
        """Durations that match no gap between two moments of the review (to the minute)."""
        if self.gaps is None:
            return []
        gaps = self.gaps
        return [
            phrase
            for phrase, minutes in stated_durations(text)
            if not {minutes - 1, minutes, minutes + 1} & gaps
            and " ".join(phrase.lower().split()) not in self.text
        ]

    def problems(self, text: str) -> list[str]:
        """One message for each time, name or duration in the text that the review does not have."""
        found = [f"{time} is not a time in this review" for time in unknown_times(text, self.times)]
        found += [
            f"{name!r} is not a name in this review"
            for name in dict.fromkeys(unknown_names(text, self.words))
        ]
        found += [
            f"{phrase!r} is not a duration between two moments of this review"
            for phrase in self.wrong_durations(text)
        ]
        return found


def invented(text: str, review: Review, zone: Zone | None = None) -> list[str]:
    """Problems that show a draft mentions what the review does not: one message each."""
    return Vocabulary.of(review, zone).problems(text)


def _clock(match: re.Match[str]) -> str:
    """A matched time as 24-hour HH:MM, so "2:05 pm" and "14:05" compare equal."""
    hour, minute, meridiem = int(match.group(1)), match.group(2), (match.group(3) or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute}"
