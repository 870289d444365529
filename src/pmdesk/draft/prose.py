"""The built-in drafter: a review's timeline told as prose, offline and deterministic.

It writes *what happened* only, from the facilitator's own events: who did what
(names as context, never judgement), what the team knew or believed at each
point, and how long detection, mitigation and resolution took. Timestamps are
kept to the few that matter (phase openings, milestones, key moments); the rest
is told as "12 minutes later".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from pmdesk.clock import Zone, as_utc, duration_words, long_day, minutes_between, span_minutes
from pmdesk.draft.phases import Milestone, PhaseSpan, split_phases
from pmdesk.draft.result import Citation, Draft, Paragraph, Phase, Sentence
from pmdesk.model import Event, EventKind, Review
from pmdesk.text import clean_text, one_line

# Titles such as "Rolled back payments to v2.2" read as "Priya rolled back payments to v2.2".
# Words that describe a state rather than something a person did never get a name in front
# of them: "Failed deploy" must not become "Priya failed deploy".
_IRREGULAR_PAST_TEXT = """
    began brought built chose drew drove found gave got held kept led left made met paid put
    ran read rang said saw sent set shut spoke split spun stood swept took told threw
    undid understood wrote rebuilt reran reset rewrote"""
_IRREGULAR_PAST = frozenset(_IRREGULAR_PAST_TEXT.split())
_STATE_WORDS_TEXT = """
    failed missed broke broken crashed caused forgot forgotten degraded errored overloaded
    exceeded corrupted dropped lost delayed stalled stuck elevated spiked timed increased
    reduced affected impacted blocked wedged saturated exhausted ignored overlooked mistaken
    unnoticed unexpected red bed shed"""
_STATE_WORDS = frozenset(_STATE_WORDS_TEXT.split())

# What a person did, or what happened, by the event's kind; the title follows a colon.
# Detection, investigation and mitigation titles are as often an observation ("Error
# rate below 1 %") as a step, so their verb is "reported", which fits both.
_DOING = {
    EventKind.ALERT: ("raised an alert", "an alert fired"),
    EventKind.DETECTION: ("reported", "a problem was reported"),
    EventKind.ESCALATION: ("escalated", "the incident was escalated"),
    EventKind.HYPOTHESIS: ("put forward a hypothesis", "a hypothesis came up"),
    EventKind.INVESTIGATION: ("reported", "the investigation found"),
    EventKind.CHANGE: ("made a change", "a change went out"),
    EventKind.MITIGATION: ("reported", "mitigation went on"),
    EventKind.COMMUNICATION: ("posted an update", "an update went out"),
    EventKind.RESOLUTION: ("confirmed the resolution", "the resolution was confirmed"),
    EventKind.NOTE: ("noted", "a note was recorded"),
}

# Titles that open with their own label ("Hypothesis: the 15:55 release") take the
# label's verb instead of the kind's, so the prose never says "a hypothesis: Hypothesis:".
_LABELS = {
    "hypothesis": ("put forward a hypothesis", "a hypothesis came up"),
    "theory": ("put forward a hypothesis", "a hypothesis came up"),
    "decision": ("made a decision", "a decision was made"),
    "decided": ("decided", "it was decided"),
    "confirmed": ("confirmed", "it was confirmed"),
    "finding": ("found", "it was found"),
    "found": ("found", "it was found"),
    "question": ("asked", "a question came up"),
    "idea": ("suggested", "an idea came up"),
    "plan": ("set out a plan", "a plan was set out"),
    "update": ("shared an update", "an update went out"),
    "fyi": ("shared", "word came"),
}
_LABELLED = re.compile(r"^([A-Za-z]+)\s*:\s+(\S.*)$")

_OPENINGS = {
    Phase.LEAD_UP: "The story starts {at}, when {clause}",
    Phase.DETECTION: "The problem came to light {at}, when {clause}",
    Phase.DIAGNOSIS: "Diagnosis began {at}, when {clause}",
    Phase.MITIGATION: "Mitigation began {at}, when {clause}",
    Phase.RECOVERY: "Recovery followed {at}, when {clause}",
    Phase.FOLLOW_UP: "After the incident was resolved, {at}, {clause}",
}

_KNEW = (
    "What the team knew then: {knew}",
    "The picture at that moment: {knew}",
    "As the team saw it then: {knew}",
)

# 'knew' text that already says who knew it ("…; the team knew this was major") reads
# better on its own than after a lead-in that says it again.
_SAYS_WHO_KNEW = re.compile(
    r"^for the first time\b|\b(?:the team|we|nobody|no one|everyone|the on-call)\b",
    re.IGNORECASE,
)

_COUNTS = ("no", "one", "two", "three", "four", "five")
_RUN_MINUTES = 10  # events further apart than this are told separately
_RUN_LENGTH = 3


def write_story(review: Review) -> Draft:
    """A first draft of the review's story; the review itself is not changed."""
    zone = Zone.of(review)
    writer = _Writer(review, zone)
    paragraphs = tuple(
        paragraph
        for span_ in split_phases(review)
        if (paragraph := writer.paragraph(span_)).sentences
    )
    notes: tuple[str, ...] = (zone.note,) if zone.note else ()
    if not review.events:
        notes += ("the review has no timeline events yet, so there is little to tell",)
    return Draft(paragraphs, notes)


@dataclass
class TimeWriter:
    """Writes 'at 14:05', naming the date and zone the first time and dates when they change."""

    zone: Zone
    _last_day: date | None = field(default=None, init=False)

    def at(self, moment: datetime) -> str:
        """The first time names date and zone; later ones only the date, when it changes."""
        local = self.zone.shown(moment)
        clock = f"{local:%H:%M}"
        if self._last_day is None:
            self._last_day = local.date()
            return f"on {long_day(local.date())} at {clock} (times in {self.zone.name})"
        if local.date() != self._last_day:
            self._last_day = local.date()
            return f"at {clock} on {long_day(local.date())}"
        return f"at {clock}"

    def later(self, previous: datetime, moment: datetime) -> str | None:
        """'12 minutes later', or None when a clock time reads better (new day, long gap)."""
        if self._last_day is None or self.zone.shown(moment).date() != self._last_day:
            return None
        minutes = minutes_between(self.zone, previous, moment)
        if minutes <= 0:
            return "at the same time"
        if minutes > 6 * 60:
            return None
        if minutes == 1:
            return "a minute later"
        if minutes < len(_SMALL):
            return f"{_SMALL[minutes]} minutes later"
        # A sentence does not start with a numeral.
        return f"then, {duration_words(minutes)} later"


_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True, slots=True)
class _Beat:
    """One thing to tell: a run of events told in one sentence, or a milestone."""

    at: datetime
    events: tuple[Event, ...] = ()
    milestone: Milestone | None = None


class _Names:
    """Full name at first mention, then the first name when no one else shares it."""

    def __init__(self, review: Review) -> None:
        """First names that only one person has, so a short name never hides who it is."""
        self._review = review
        self._mentioned: set[str] = set()
        firsts = [_short(one_line(clean_text(person.name), 80)) for person in review.people]
        self._unique = {first for first in firsts if firsts.count(first) == 1}

    def say(self, event: Event) -> str | None:
        """The actor's name for this sentence: full the first time, short after when unique."""
        name = _name(self._review, event)
        if name is None or event.actor is None:
            return None
        if event.actor in self._mentioned and _short(name) in self._unique:
            return _short(name)
        self._mentioned.add(event.actor)
        return name


def _short(name: str) -> str:
    """A name's first word, used after a full first mention."""
    words = name.split()
    return words[0] if words else name


class _Writer:
    def __init__(self, review: Review, zone: Zone) -> None:
        """One writer per draft: it remembers names told, the last date, how sentences opened."""
        self._review = review
        self._zone = zone
        self._times = TimeWriter(zone)
        self._knew_count = 0
        self._names = _Names(review)
        self._clock_times = 0  # sentences that gave a clock time, to vary how they open

    def paragraph(self, part: PhaseSpan) -> Paragraph:
        """One phase's paragraph; a milestone in the minute just told gets no clock time again."""
        sentences: list[Sentence] = []
        previous: datetime | None = None
        absolute = False  # whether the sentence before gave its clock time
        for index, beat in enumerate(self._beats(part)):
            if beat.milestone is not None:
                same_minute = (
                    previous is not None
                    and absolute
                    and minutes_between(self._zone, previous, beat.at) == 0
                )
                sentences.append(self._milestone(beat.milestone, same_minute))
                absolute = True
            else:
                told, absolute = self._events(part.phase, beat, index == 0, previous)
                sentences.extend(told)
            previous = as_utc(beat.events[-1].at) if beat.events else beat.at
        return Paragraph(part.phase, tuple(sentences))

    def _beats(self, part: PhaseSpan) -> list[_Beat]:
        """Events grouped into runs told in one sentence, with milestones in time order."""
        beats: list[_Beat] = []
        run: list[Event] = []
        for event in part.events:
            if run and _joins(self._review, self._zone, run, event):
                run.append(event)
                continue
            if run:
                beats.append(_Beat(as_utc(run[0].at), tuple(run)))
            run = [event]
        if run:
            beats.append(_Beat(as_utc(run[0].at), tuple(run)))
        beats.extend(_Beat(mark.at, milestone=mark) for mark in part.milestones)
        # Stable sort: a milestone follows the events of its own minute.
        return sorted(beats, key=lambda beat: (beat.at, beat.milestone is not None))

    def _events(
        self, phase: Phase, beat: _Beat, opens: bool, previous: datetime | None
    ) -> tuple[list[Sentence], bool]:
        """A beat opened by a phase line, a relative or a clock time, then what was known."""
        clause = _clause(self._review, beat.events, self._names)
        first = beat.events[0]
        relative = None
        if opens:
            text = _OPENINGS[phase].format(at=self._times.at(beat.at), clause=clause)
        else:
            if previous is not None and not first.key:
                relative = self._times.later(previous, beat.at)
            if relative is not None:
                text = f"{_capital(relative)}, {clause}"
            else:
                # Every other clock time is tucked behind "Then," so the story never
                # reads as a column of timestamps (the coach's story.log rule).
                self._clock_times += 1
                when = self._times.at(beat.at)
                lead = _capital(when) if self._clock_times % 2 else f"Then, {when}"
                text = f"{lead}, {clause}"
        sources = tuple(Citation.of_event(event) for event in beat.events)
        sentences = [Sentence(_end(text), sources)]
        last = beat.events[-1]
        knew = _tidy(last.knew)
        if knew:
            if _SAYS_WHO_KNEW.search(knew):
                said = _capital(knew)
            else:
                said = _KNEW[self._knew_count % len(_KNEW)].format(knew=_after_colon(knew))
                self._knew_count += 1
            sentences.append(Sentence(_end(said), (Citation.of_event(last),)))
        return sentences, relative is None

    def _milestone(self, mark: Milestone, same_minute: bool) -> Sentence:
        """A milestone with its duration (pmdesk.clock's); its time is left out if just said."""
        review, zone = self._review, self._zone
        at = "" if same_minute else " " + self._times.at(mark.at)
        began = span_minutes(zone, review.started_at, mark.at)
        after_start = (
            f", {duration_words(began)} after the incident began" if began is not None else ""
        )
        if mark.name == "started_at":
            text = (
                "The incident itself began at that moment"
                if same_minute
                else (f"The incident itself began{at}")
            )
        elif mark.name == "detected_at":
            lead = "That was the moment of detection" if same_minute else f"It was detected{at}"
            text = lead + after_start
        elif mark.name == "mitigated_at":
            lead = (
                "With that, the impact was mitigated"
                if same_minute
                else (f"The impact was mitigated{at}")
            )
            text = lead + after_start
        else:
            lead = (
                "With that, the incident was resolved"
                if same_minute
                else (f"The incident was resolved{at}")
            )
            text = lead + after_start
        return Sentence(_end(text), (Citation(milestone=mark.name),))


def _joins(review: Review, zone: Zone, run: list[Event], event: Event) -> bool:
    """Whether an event continues the run before it, to be told in the same sentence."""
    head = run[0]
    if len(run) >= _RUN_LENGTH or event.key or head.key:
        return False
    if any(_tidy(earlier.knew) for earlier in run):
        return False
    if minutes_between(zone, run[-1].at, event.at) > _RUN_MINUTES:
        return False
    if head.kind == EventKind.ALERT and _name(review, head) is None:
        return event.kind == EventKind.ALERT and _name(review, event) is None
    actor = _name(review, head)
    return (
        actor is not None
        and _name(review, event) == actor
        and all(_past_tense(_title(e)) for e in (*run, event))
    )


def _clause(review: Review, events: Sequence[Event], names: _Names) -> str:
    """What happened in one beat: a named person's doing, a run of alerts, or the event's kind."""
    head = events[0]
    name = names.say(head) if _name(review, head) is not None else None
    if len(events) > 1 and name is None:
        titles = [_title(event) or "an untitled alert" for event in events]
        count = _COUNTS[len(events)] if len(events) < len(_COUNTS) else str(len(events))
        return f"{count} alerts fired: {_series(titles, '; ', ' and ')}"
    if len(events) > 1 and name is not None:
        doings = [_lower_first(_title(event)) for event in events]
        return f"{name} {_series(doings, ', ', ' and then ')}"
    title = _title(head)
    if name is not None and _past_tense(title):
        return f"{name} {_lower_first(title)}"
    with_actor, without_actor = _DOING[head.kind]
    labelled = _LABELLED.match(title)
    if labelled is not None and labelled.group(1).lower() in _LABELS:
        with_actor, without_actor = _LABELS[labelled.group(1).lower()]
        title = labelled.group(2)
    lead = f"{name} {with_actor}" if name is not None else without_actor
    return f"{lead}: {title}" if title else lead


def _series(items: list[str], separator: str, last: str | None = None) -> str:
    """Items joined as English lists them ("a, b and c"), with a chosen last joiner."""
    if len(items) == 1:
        return items[0]
    final = last if last is not None else f"{separator}and "
    return separator.join(items[:-1]) + final + items[-1]


def _name(review: Review, event: Event) -> str | None:
    """The actor's name on one line, or None when the event has none or it is blank."""
    name = review.person_name(event.actor)
    return one_line(clean_text(name), 80) if name and name.strip() else None


def _title(event: Event) -> str:
    """An event's title tidied and without a trailing stop, to sit inside a sentence."""
    return _tidy(event.title).rstrip(".;:,")


def _tidy(text: str | None) -> str:
    """User text as one clean line of at most 400 characters, or empty."""
    if not text:
        return ""
    return one_line(clean_text(text), 400).strip()


def _past_tense(title: str) -> bool:
    """Whether a title opens with a past-tense verb a name can go before ("Rolled back")."""
    words = title.split(maxsplit=1)
    if not words or not words[0][:1].isupper() or not words[0].isalpha():
        return False
    if words[0][1:] != words[0][1:].lower():  # an acronym or product name such as "DNS"
        return False
    word = words[0].lower()
    if word in _STATE_WORDS or len(words) < 2:
        return False
    return word in _IRREGULAR_PAST or (len(word) > 4 and word.endswith("ed"))


# Words that open a clause and are never a name, so a capital after a lead-in's colon can
# safely drop ("What the team knew then: the alert said …"); anything else keeps its case.
_PLAIN_OPENERS_TEXT = """
    a an the this that these those there it its nothing nobody no none not some all most
    many few only still both each every everyone everything one two three"""
_PLAIN_OPENERS = frozenset(_PLAIN_OPENERS_TEXT.split())


def _after_colon(text: str) -> str:
    """Lower-case a plain opening word after a colon, but keep names and acronyms."""
    first = re.split(r"[^\w']", text, maxsplit=1)[0]
    return _lower_first(text) if first.lower() in _PLAIN_OPENERS and first[1:].islower() else text


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_END = re.compile(r"[.!?…][\"'”’)]*$")


def _end(text: str) -> str:
    """Close a sentence with a full stop unless it already ends in one."""
    text = text.rstrip()
    return text if _END.search(text) else text + "."
