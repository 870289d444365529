"""Due dates as people say them in a meeting, resolved against the meeting's date.

"by 15 Dec", "2026-12-15", "next Friday", "end of sprint", "in 2 weeks", "by Q1",
"EOW": a facilitator types these while people talk, and pmdesk must turn them
into a date and say which date it chose before anything is stored. No
third-party date library: the forms are few, and each one's reading is written
down here so the same words always give the same date.

Readings (``today`` is the meeting's date):

- a weekday alone ("Friday", "by Fri") is the next such day after today;
  "this Friday" is the next one on or after today; "next Friday" is the Friday
  of next week (weeks start on Monday);
- "EOD"/"today" is today; "EOW"/"end of week" is this week's Friday (next
  week's when today is a weekend day); "next week" is next week's Monday;
- "EOM"/"end of month", "EOQ"/"end of quarter", "EOY"/"end of year" are the
  last day of the current period; "next month" is its first day;
- "by Q1" / "H2 2027" are the last day of that quarter or half, this year's
  if it has not ended yet, else next year's;
- a day and month without a year ("15 Dec", "Dec 15th") is the next such date
  on or after today; "December" alone (after "by", "in", "end of") is its last day;
  "by the 1st" is the next 1st of a month; "Friday 4 Dec" is 4 Dec, and the
  reading says so when 4 Dec is not a Friday;
- "3/4" is read day-first unless only month-first makes sense ("12/15"), and
  the reading says so;
- "end of sprint" needs the sprint's end date; without one it stays unresolved
  and the reading says why.

Forms that are ambiguous in running text (a weekday, a quarter, a numeric date,
"2 weeks") count only after a word like "by", "due", "before", "on", "in",
or, for full weekday names and quarters, at the very end of the line. After
"on", a weekday must end the line or a clause ("on Friday afternoons" is a
habit, not a deadline), and "the Friday meeting" is never a date.
"""

from __future__ import annotations

import calendar
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

_WEEKDAYS = {
    "mon": 0,
    "monday": 0,
    "tue": 1,
    "tues": 1,
    "tuesday": 1,
    "wed": 2,
    "weds": 2,
    "wednesday": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thursday": 3,
    "fri": 4,
    "friday": 4,
    "sat": 5,
    "saturday": 5,
    "sun": 6,
    "sunday": 6,
}
_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
    "a few": 3,
}

_WD = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUM = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"

#: Words that introduce a due date; a date after one of them is never mistaken for text.
PREFIXES: tuple[tuple[str, ...], ...] = (
    ("no", "later", "than"),
    ("due", "by"),
    ("due", "on"),
    ("due", "date"),
    ("at", "the", "latest"),
    ("by",),
    ("before",),
    ("due",),
    ("deadline",),
    ("until",),
    ("till",),
    ("on",),
    ("in",),
    ("within",),
)


class Strength(enum.IntEnum):
    """How sure a form is to be a date when it stands in running text without a prefix."""

    PREFIX_ONLY = 0
    END_OF_LINE = 1
    ANYWHERE = 2


@dataclass(frozen=True, slots=True)
class DueReading:
    """A recognised due-date expression: the date (None if it cannot be resolved) and a note."""

    due: date | None
    note: str | None
    strength: Strength


@dataclass(frozen=True, slots=True)
class DueMatch:
    """Where a due date was found in a line, so the caller can cut it out of the text."""

    start: int
    end: int
    phrase: str
    due: date | None
    note: str | None


def describe(day: date) -> str:
    """'Tue 15 Dec 2026', spelled the same whatever the system locale is."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def parse_due(text: str, today: date, *, sprint_end: date | None = None) -> date | None:
    """The date a whole phrase such as 'by next Friday' names, or None if it names none."""
    reading = read_expression(text, today, sprint_end=sprint_end)
    return reading.due if reading else None


def read_expression(text: str, today: date, *, sprint_end: date | None = None) -> DueReading | None:
    """Read a whole phrase (an optional prefix such as 'by', then a date form) as a due date."""
    words = _normal_words(text)
    if len(words) > 12:
        return None
    for prefix in PREFIXES:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            reading = _read(" ".join(words[len(prefix) :]), today, sprint_end)
            if reading:
                return reading
    return _read(" ".join(words), today, sprint_end)


def find_due(text: str, today: date, *, sprint_end: date | None = None) -> DueMatch | None:
    """Find the due date in a line of text: the last prefixed one, else the last bare one."""
    tokens = [(m.start(), m.end(), _normal_token(m.group())) for m in re.finditer(r"\S+", text)]
    found: list[tuple[bool, DueMatch]] = []
    i = 0
    while i < len(tokens):
        hit = _match_at(tokens, i, today, sprint_end)
        if hit is None:
            i += 1
            continue
        end_index, prefix, reading = hit
        start, end = tokens[i][0], tokens[end_index][1]
        at_end = end_index == len(tokens) - 1
        closed = at_end or text[end - 1] in ",;)]."
        # "on Friday afternoons" is a habit, not a deadline; "on Friday" at a pause is one.
        loose = prefix == ("on",) and reading.strength < Strength.ANYWHERE and not closed
        prefixed = bool(prefix) and not loose
        if (
            prefixed
            or reading.strength == Strength.ANYWHERE
            or (at_end and reading.strength == Strength.END_OF_LINE)
        ):
            phrase = text[start:end].strip(_PUNCT)
            match = DueMatch(start, end, phrase, reading.due, reading.note)
            found.append((prefixed, match))
            i = end_index + 1
        else:
            i += 1
    if not found:
        return None
    prefixed_matches = [m for p, m in found if p]
    return (prefixed_matches or [m for _, m in found])[-1]


_MAX_PREFIX = max(len(p) for p in PREFIXES)
_MAX_EXPR = 5


def _match_at(
    tokens: list[tuple[int, int, str]], i: int, today: date, sprint_end: date | None
) -> tuple[int, tuple[str, ...], DueReading] | None:
    """The date starting at token i, after any prefix: (last token index, prefix, reading)."""
    words = [t[2] for t in tokens[i : i + _MAX_PREFIX + _MAX_EXPR]]
    for prefix in PREFIXES:
        if tuple(words[: len(prefix)]) != prefix:
            continue
        hit = _longest(words[len(prefix) :], today, sprint_end)
        if hit:
            return i + len(prefix) + hit[0] - 1, prefix, hit[1]
    hit = _longest(words, today, sprint_end)
    if hit:
        return i + hit[0] - 1, (), hit[1]
    return None


def _longest(
    words: list[str], today: date, sprint_end: date | None
) -> tuple[int, DueReading] | None:
    """The longest run of words from the start that reads as a date: "15 Dec 2026", not "15 Dec"."""
    for length in range(min(_MAX_EXPR, len(words)), 0, -1):
        if not words[length - 1]:
            continue
        reading = _read(" ".join(w for w in words[:length] if w), today, sprint_end)
        if reading:
            return length, reading
    return None


_PUNCT = "()[]{}<>,;:!?\"'.…"


def _normal_token(token: str) -> str:
    """One token lower-cased without surrounding punctuation, so "Fri," and "(fri)" read alike."""
    return token.strip(_PUNCT).lower()


def _normal_words(text: str) -> list[str]:
    return [w for w in (_normal_token(t) for t in text.split()) if w]


def _read(expr: str, today: date, sprint_end: date | None) -> DueReading | None:
    """Read one expression without a prefix against the known forms; None when it is no date."""
    if _THE_WEEKDAY.match(expr):
        return None
    expr = re.sub(r"\bthe\b", " ", _WORD_HYPHEN.sub(" ", expr))
    expr = " ".join(expr.split())
    if not expr or len(expr) > 60:
        return None
    named = _NAMED_DAY.fullmatch(expr)
    if named:
        return _named_day(named.group("day"), named.group("rest"), today, sprint_end)
    for pattern, handler in _FORMS:
        m = pattern.fullmatch(expr)
        if m:
            try:
                return handler(m, today, sprint_end)
            except (OverflowError, ValueError):
                # Past year 9999 (or before year 1): no date to give.
                return None
    return None


def _named_day(weekday: str, rest: str, today: date, sprint_end: date | None) -> DueReading | None:
    """'Friday 4 Dec': the date decides; a weekday that does not fit it is pointed out."""
    inner = _read(rest, today, sprint_end)
    if inner is None or inner.due is None:
        return None
    note = inner.note
    if inner.due.weekday() != _WEEKDAYS[weekday]:
        wrong = f"{describe(inner.due)} is not a {_DAY_NAMES[_WEEKDAYS[weekday]]}; check the date"
        note = f"{note}; {wrong}" if note else wrong
    return DueReading(inner.due, note, Strength.ANYWHERE)


def _day_of_month(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "the 1st": the next such day on or after today, skipping months too short for it."""
    day = int(m.group("day"))
    first = today.replace(day=1)
    for months in range(13):
        month_start = _add_months(first, months)
        found = _safe_date(month_start.year, month_start.month, day)
        if found and found >= today:
            return DueReading(found, None, Strength.PREFIX_ONLY)
    return None


_NAMED_DAY = re.compile(rf"(?P<day>{_WD}) (?P<rest>(?:\d|{_MON}).*)")
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# "the end of the month" is a date, "the sun" or "the Friday meeting" is not.
_THE_WEEKDAY = re.compile(rf"the (?:{_WD})\b")
# Hyphens join words in "end-of-sprint" or "mid-Dec" but belong to ISO dates.
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")

_Handler = Callable[[re.Match[str], date, "date | None"], "DueReading | None"]


def _fixed(offset: int) -> _Handler:
    """A handler for a form a fixed number of days from today ("today", "tomorrow")."""

    def handler(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
        return DueReading(today + timedelta(days=offset), None, Strength.ANYWHERE)

    return handler


def _says_next(m: re.Match[str]) -> bool:
    """Whether a period form points at the next period ("end of next week") rather than this one."""
    return "next" in m.group(0) or m.group(0) == "eonw"


def _end_of_week(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    """This week's Friday, or next week's when today is already a weekend day."""
    weeks = 1 if _says_next(m) else 0
    friday = today + timedelta(days=4 - today.weekday())
    if today.weekday() > 4:
        friday += timedelta(days=7)
    return DueReading(friday + timedelta(weeks=weeks), None, Strength.ANYWHERE)


def _next_week(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    """Next week's Monday for "next week"; the reading says so, as people may mean later."""
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
    return DueReading(monday, "start of next week", Strength.ANYWHERE)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """Move by whole months, keeping the day but clamping it to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _end_of_month(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    first = _add_months(today.replace(day=1), 1 if _says_next(m) else 0)
    return DueReading(_month_end(first.year, first.month), None, Strength.ANYWHERE)


def _next_month(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    return DueReading(
        _add_months(today.replace(day=1), 1), "start of next month", Strength.ANYWHERE
    )


def _end_of_quarter(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    quarter = (today.month - 1) // 3 + (1 if _says_next(m) else 0)
    year = today.year + quarter // 4
    return DueReading(_month_end(year, quarter % 4 * 3 + 3), None, Strength.ANYWHERE)


def _end_of_year(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    return DueReading(
        date(today.year + (1 if _says_next(m) else 0), 12, 31), None, Strength.ANYWHERE
    )


def _end_of_sprint(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    """The sprint's end, or no date and why, when it is not set or already past."""
    if sprint_end is None:
        return DueReading(None, "the sprint's end date is not set", Strength.ANYWHERE)
    if sprint_end < today:
        return DueReading(None, f"the sprint ended on {describe(sprint_end)}", Strength.ANYWHERE)
    return DueReading(sprint_end, "end of sprint", Strength.ANYWHERE)


def _year_of(text: str | None) -> int | None:
    """A typed year as a four-digit year: '27 and 27 mean 2027."""
    if not text:
        return None
    year = int(text.lstrip("'"))
    return year + 2000 if year < 100 else year


def _period(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "Q1" or "H2 2027": its last day, this year's unless ended; bare "h2" needs a prefix."""
    kind, number = m.group("kind"), int(m.group("n"))
    months_per = 3 if kind == "q" else 6
    if number < 1 or number > 12 // months_per:
        return None
    last_month = number * months_per
    year = _year_of(m.group("year") or m.group("year2"))
    # "Q1" at the end of a line is a deadline; "h2" alone is as likely HTTP/2.
    strength = (
        Strength.ANYWHERE if year else Strength.END_OF_LINE if kind == "q" else Strength.PREFIX_ONLY
    )
    if year is None:
        year = today.year if _month_end(today.year, last_month) >= today else today.year + 1
    if year > 9999:
        return None
    return DueReading(_month_end(year, last_month), None, strength)


def _weekday(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    """Bare "Friday" is after today, "this Friday" on or after, "next Friday" next week's."""
    target = _WEEKDAYS[m.group("day")]
    which = m.group("which") or ""
    if m.group("nextweek"):
        which = "next"
    if which == "next":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
        return DueReading(monday + timedelta(days=target), None, Strength.ANYWHERE)
    ahead = (target - today.weekday()) % 7
    if which == "this":
        return DueReading(today + timedelta(days=ahead), None, Strength.ANYWHERE)
    # A bare "sun" or "sat" is more often a word than a day; full names are days.
    full_name = len(m.group("day")) > 4
    strength = (
        Strength.ANYWHERE if which else Strength.END_OF_LINE if full_name else Strength.PREFIX_ONLY
    )
    return DueReading(today + timedelta(days=ahead or 7), None, strength)


def _relative(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "in 2 weeks" or "3 business days": counted from today; business days skip weekends."""
    count_text = m.group("count")
    count = _NUMBER_WORDS.get(count_text) or int(count_text)
    unit = m.group("unit")
    if count > 400:
        return None
    strength = Strength.ANYWHERE if m.group("from") else Strength.PREFIX_ONLY
    if unit.startswith("fortnight"):
        return DueReading(today + timedelta(weeks=2 * count), None, strength)
    if unit.startswith("week"):
        return DueReading(today + timedelta(weeks=count), None, strength)
    if unit.startswith("month"):
        return DueReading(_add_months(today, count), None, strength)
    if unit.startswith(("business", "working")):
        day, left = today, count
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return DueReading(day, "counting weekdays only", strength)
    return DueReading(today + timedelta(days=count), None, strength)


def _fortnight(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading:
    return DueReading(today + timedelta(weeks=2), None, Strength.PREFIX_ONLY)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the day does not exist in that month."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _upcoming(month: int, day: int, today: date) -> date | None:
    """The next month/day on or after today; 29 Feb waits for a leap year."""
    for year in range(today.year, today.year + 9):
        found = _safe_date(year, month, day)
        if found and found >= today:
            return found
    return None


def _day_month(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "15 Dec": the next such date unless a year is given; bare "may" needs a prefix."""
    month = _MONTHS[m.group("mon")]
    day = int(m.group("day"))
    year = _year_of(m.group("year"))
    found = _safe_date(year, month, day) if year else _upcoming(month, day, today)
    if found is None:
        return None
    strength = Strength.ANYWHERE if m.group("mon") != "may" or year else Strength.PREFIX_ONLY
    return DueReading(found, None, strength)


def _month_only(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "December" (its last day) or "mid Dec" (its 15th): this year's unless already past."""
    month = _MONTHS[m.group("mon")]
    year = _year_of(m.group("year"))
    mid = bool(m.group("mid"))
    day = 15 if mid else 0
    if year is None:
        year = today.year
        if (mid and date(year, month, 15) < today) or (not mid and _month_end(year, month) < today):
            year += 1
    if year > 9999:
        return None
    found = date(year, month, 15) if day else _month_end(year, month)
    strength = Strength.ANYWHERE if m.group("end") or mid else Strength.PREFIX_ONLY
    return DueReading(found, None if day or m.group("end") else "end of that month", strength)


def _iso(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    found = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return DueReading(found, None, Strength.ANYWHERE) if found else None


def _numeric(m: re.Match[str], today: date, sprint_end: date | None) -> DueReading | None:
    """For "3/4": day-first unless only month-first is a real date; the note says which was used."""
    a, b = int(m.group("a")), int(m.group("b"))
    year = _year_of(m.group("year"))
    if a > 12 and b <= 12:
        day, month, note = a, b, None
    elif b > 12 and a <= 12:
        day, month, note = b, a, "read as month/day"
    else:
        day, month, note = a, b, "read as day/month; write 2026-12-15 to be sure"
    if month < 1 or month > 12:
        return None
    found = _safe_date(year, month, day) if year else _upcoming(month, day, today)
    return DueReading(found, note, Strength.PREFIX_ONLY) if found else None


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_FORMS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_compile(r"today|tonight|eod|cob|eob|end of (?:business )?day|close of business"), _fixed(0)),
    (_compile(r"tomorrow|tmrw|tmr|tomorrow eod"), _fixed(1)),
    (_compile(r"day after tomorrow"), _fixed(2)),
    (_compile(r"eow|end of (?:this |next )?week|this week|eonw"), _end_of_week),
    (_compile(r"next week"), _next_week),
    (_compile(r"eom|end of (?:this |next )?month|this month"), _end_of_month),
    (_compile(r"next month"), _next_month),
    (_compile(r"eoq|end of (?:this |next )?quarter|(?:this|next) quarter"), _end_of_quarter),
    (_compile(r"eoy|end of (?:this |next )?year|this year"), _end_of_year),
    (_compile(r"eos|end of (?:this |current )?sprint|sprint end|this sprint"), _end_of_sprint),
    (
        _compile(
            r"(?:end of )?(?:(?P<year2>\d{4}) )?(?P<kind>[qh])(?P<n>\d)"
            r"(?: ?(?P<year>'?\d{2}|\d{4}))?"
        ),
        _period,
    ),
    (
        _compile(rf"(?:(?P<which>this|next|coming) )?(?P<day>{_WD})(?P<nextweek> next week)?"),
        _weekday,
    ),
    (
        _compile(
            rf"(?P<count>{_NUM}) (?P<unit>days?|weeks?|months?|fortnights?|"
            rf"business days?|working days?)(?P<from> from (?:now|today))?"
        ),
        _relative,
    ),
    (_compile(r"(?:a )?fortnight"), _fortnight),
    (_compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"), _iso),
    (
        _compile(
            rf"(?P<day>\d{{1,2}}){_ORD} (?:of )?(?P<mon>{_MON})(?: (?P<year>\d{{4}}|'\d{{2}}))?"
        ),
        _day_month,
    ),
    (
        _compile(rf"(?P<mon>{_MON}) (?P<day>\d{{1,2}}){_ORD}(?: (?P<year>\d{{4}}|'\d{{2}}))?"),
        _day_month,
    ),
    (
        _compile(rf"(?:(?P<end>end of )|(?P<mid>mid ))?(?P<mon>{_MON})(?: (?P<year>\d{{4}}))?"),
        _month_only,
    ),
    (_compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)"), _day_of_month),
    (
        _compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"),
        _numeric,
    ),
    (
        _compile(r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<year>\d{4}|\d{2})"),
        _numeric,
    ),
)
