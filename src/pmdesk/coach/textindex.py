"""Context around a match: sentences, quotations, negation and the clause's subject.

Precision is what keeps a coach switched on, and most false alarms come from
context a bare regex cannot see: the words were quoted from a chat log, negated
("nobody was careless"), or said about a machine ("the job failed to start").
``TextIndex`` answers those questions in time proportional to the text, by
computing sentence and quotation boundaries once and looking them up with bisect.
"""

from __future__ import annotations

import bisect
import itertools
import re

_SENTENCE_END = re.compile(r"[.!?]+(?=[\s\"”’')\]]|$)|\n")
# Quotations and code: reported speech, log lines and commands are not the author's voice.
_QUOTED = re.compile(
    r"\"[^\"\n]{0,600}\"|“[^”\n]{0,600}”|`[^`\n]{0,600}`|(?<![\w])['‘][^'‘’\n]{0,600}['’](?![\w])"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*|\d[\d.,:]*")
_CLAUSE_BREAK = re.compile(
    r"[,;:()\[\]\"“”—–]|\s-\s|\b(?:and|but|or|because|so|while|when|whereas|after|before|since|"
    r"although|though|until|if|unless)\b",
    re.IGNORECASE,
)
_CLOCK_OR_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?|\b\d{1,2}:\d{2}(?::\d{2})?"
)
_DIGIT = re.compile(r"(?<![A-Za-z])\d")
# Figures that are not an amount: clock times, dates, years, durations, names with digits.
_NOT_A_MEASURE = re.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm)\b|\b\d{1,2}(?:st|nd|rd|th)\b|\b(?:19|20)\d{2}\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    r"|~?\d[\d.,]*\s*(?:-\s*\d+\s*)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
    r"months?|years?|s|m|h|d)\b"
    r"|[A-Za-z][\w]*[/-]?\d[\w./-]*|\b\d+(?:\.\d+){2,}\b|#\s*\d+"
    r"|\b(?:status(?: code)?|http|code|error|port|version|pr|issue)\s+\d+",
    re.IGNORECASE,
)
_NUMBER_WORD = re.compile(
    r"(?<!\bno )\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|"
    r"(?:two|three|four|five|ten|hundred|thousand)fold|doubled|tripled|halved)\b",
    re.IGNORECASE,
)

NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "nobody",
        "none",
        "neither",
        "nor",
        "without",
        "hardly",
        "nothing",
        "nowhere",
        "isn't",
        "wasn't",
        "weren't",
        "aren't",
        "don't",
        "didn't",
        "doesn't",
        "won't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "cannot",
        "can't",
    }
)


class TextIndex:
    """One field's text with cheap look-ups for the context of a position."""

    __slots__ = (
        "_digit_cache",
        "_quantity_cache",
        "_quote_ends",
        "_quote_starts",
        "_sentence_starts",
        "lower",
        "text",
    )

    def __init__(self, text: str) -> None:
        """Sentence starts and quote spans found once, so each rule's look-ups stay cheap."""
        self.text = text
        lowered = text.lower()
        # Offsets must agree; a few characters (e.g. "İ") grow when lower-cased.
        self.lower = lowered if len(lowered) == len(text) else None
        starts = [0]
        for match in _SENTENCE_END.finditer(text):
            starts.append(match.end())
        self._sentence_starts = starts
        spans = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
        self._quote_starts = [s for s, _ in spans]
        self._quote_ends = [e for _, e in spans]
        # Per-sentence answers, so many matches in one long sentence stay linear.
        self._digit_cache: dict[int, bool] = {}
        self._quantity_cache: dict[int, bool] = {}

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The sentence that contains ``pos``, as offsets into the text."""
        i = bisect.bisect_right(self._sentence_starts, pos) - 1
        end = self._sentence_starts[i + 1] if i + 1 < len(self._sentence_starts) else len(self.text)
        return self._sentence_starts[i], end

    def sentences(self) -> list[tuple[int, int]]:
        """Non-blank sentences as (start, end), leading whitespace skipped."""
        bounds = [*self._sentence_starts, len(self.text)]
        result = []
        for start, end in itertools.pairwise(bounds):
            chunk = self.text[start:end]
            stripped = len(chunk) - len(chunk.lstrip())
            if chunk.strip():
                result.append((start + stripped, end))
        return result

    def in_quotes(self, start: int, end: int) -> bool:
        """True when the span lies inside a quotation, a code span or a quoted log line."""
        i = bisect.bisect_right(self._quote_starts, start) - 1
        return i >= 0 and self._quote_ends[i] >= end

    def sentence_has_digit(self, pos: int) -> bool:
        """Any figure at all, clock times included: enough to answer "when" or "how long"."""
        start, end = self.sentence_span(pos)
        cached = self._digit_cache.get(start)
        if cached is None:
            cached = self._digit_cache[start] = bool(_DIGIT.search(self.text, start, end))
        return cached

    def sentence_has_quantity(self, pos: int) -> bool:
        """A count or measure in the sentence; clock times and dates do not count."""
        start, end = self.sentence_span(pos)
        cached = self._quantity_cache.get(start)
        if cached is None:
            sentence = _CLOCK_OR_DATE.sub(" ", self.text[start:end])
            cached = bool(_DIGIT.search(sentence) or _NUMBER_WORD.search(sentence))
            self._quantity_cache[start] = cached
        return cached

    def quantity_near(self, start: int, end: int, reach: int = 60) -> bool:
        """A count or measure close to a span, in its sentence: the figure that answers it.

        Times, dates, durations and the digits inside names ("HTTP/3", "us-east-1",
        "status code 530") answer when and how long, not how many or how much; a
        figure further off in a long sentence usually measures something else.
        """
        first, last = self.sentence_span(start)
        window = self.text[max(first, start - reach) : min(last, end + reach)]
        window = _NOT_A_MEASURE.sub(" ", _CLOCK_OR_DATE.sub(" ", window))
        return bool(_DIGIT.search(window) or _NUMBER_WORD.search(window))

    def words_before(self, pos: int, limit: int = 6) -> list[str]:
        """Up to ``limit`` words before ``pos`` in the same sentence, nearest last."""
        start, _ = self.sentence_span(pos)
        window = self.text[max(start, pos - 12 * limit) : pos]
        return [w.lower() for w in _WORD.findall(window)][-limit:]

    def negated(self, pos: int, reach: int = 4) -> bool:
        """A negation within ``reach`` words before ``pos`` in the same sentence."""
        words = self.words_before(pos, reach)
        if any(w in NEGATORS or w.endswith(("n't", "n’t")) for w in words):
            return True
        window = " ".join(words)
        return "no one" in window

    def clause_words(self, pos: int) -> list[str]:
        """The words of the clause leading up to ``pos``, original case, nearest last.

        When the clause is empty (``... and failed to``), the sentence's opening
        words stand in, since that is usually the subject the verb shares.
        """
        start, _ = self.sentence_span(pos)
        window = self.text[max(start, pos - 120) : pos]
        pieces = _CLAUSE_BREAK.split(window)
        words = _WORD.findall(pieces[-1]) if pieces else []
        if not words:
            words = _WORD.findall(self.text[start : min(pos, start + 60)])[:3]
        return words
