"""``story.*``: a narrative that reads as a story, not a log.

Allspaw's and Etsy's guidance is to tell the incident as the people in it
experienced it: what they saw, what they believed, why the next step made sense.
A narrative in which most sentences open with a timestamp is the timeline
pasted again; a narrative that never says what anyone knew or thought hides the
reasoning that a review exists to understand.
"""

from __future__ import annotations

import re

from pmdesk.coach.finding import Finding
from pmdesk.coach.textindex import TextIndex
from pmdesk.model import Event

_TIMESTAMP_START = re.compile(
    r"\s*[\[(]?(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}|\d{1,2}:\d{2}(?::\d{2})?|"
    r"\d{1,2}(?::\d{2})?\s?(?:am|pm)\b|at \d{1,2}:\d{2}|t\s?[+-]\s?\d+)",
    re.IGNORECASE,
)
_KNOWLEDGE = re.compile(
    r"\b(?:knew|know|known|believed?|thought|think|assumed?|assumption|suspect(?:ed)?|"
    r"expect(?:ed)?|hypothes[ie]s|hypothesi[sz]ed|seemed|seems|appeared|looked like|understood|"
    r"understand|reali[sz]ed|unclear|clear to|sure|confident|guess(?:ed)?|concluded|wondered|"
    r"unaware|aware|theory|suspicion|puzzled|confus(?:ed|ing)|surpris(?:ed|ing)|"
    r"made sense|no idea|figured|reasoned|trusted|relied|mistook|took it for|read it as)\b",
    re.IGNORECASE,
)

MIN_SENTENCES_FOR_LOG = 3
MIN_SENTENCES_FOR_KNOWLEDGE = 4


def narrative_findings(index: TextIndex, where: str) -> list[Finding]:
    """Whole-narrative checks: log shape and the absence of what the team knew."""
    sentences = index.sentences()
    found: list[Finding] = []
    stamped = [s for s in sentences if _TIMESTAMP_START.match(index.text, s[0])]
    if len(sentences) >= MIN_SENTENCES_FOR_LOG and len(stamped) * 2 > len(sentences):
        found.append(
            Finding(
                "story.log",
                where,
                0,
                0,
                f"{len(stamped)} of {len(sentences)} sentences start with a timestamp: "
                "this reads as a log, and the timeline already holds the log.",
                "Tell it by phase: what people saw, what they believed, and why the next step "
                "made sense. Keep the times in the timeline.",
            )
        )
    if len(sentences) >= MIN_SENTENCES_FOR_KNOWLEDGE and not _KNOWLEDGE.search(index.text):
        found.append(
            Finding(
                "story.no_knowledge",
                where,
                0,
                0,
                "The story never says what the team knew or believed at the time.",
                "Add what people thought was happening at key moments, e.g. 'We believed the "
                "cache was cold, so we waited instead of rolling back.'",
            )
        )
    return found


def events_findings(events: tuple[Event, ...]) -> list[Finding]:
    """A timeline of several events where no event records what the team knew."""
    if len(events) < MIN_SENTENCES_FOR_LOG or any(e.knew and e.knew.strip() for e in events):
        return []
    return [
        Finding(
            "story.no_knew",
            "events",
            0,
            0,
            "No event on the timeline says what the team knew or believed at that moment.",
            "Fill 'knew' on the key events: it lets the meeting replay the incident "
            "without hindsight.",
        )
    ]
