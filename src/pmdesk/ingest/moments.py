"""Proposing the key moments of an incident from its imported messages.

Each message is scored against a small set of signals, one family per event
kind (alert fired, page acknowledged, escalation, hypothesis, change,
mitigation, customer communication, resolution). The strongest family wins if it
clears a threshold; the proposal says *why* (the phrase or signal), so the
facilitator can judge it quickly. Nothing here decides: the facilitator accepts,
edits or rejects each proposal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pmdesk.ingest.messages import ChatMessage, ChatPerson, ImportResult
from pmdesk.model.review import Event, EventKind, Person, Source, new_id
from pmdesk.text import one_line

THRESHOLD = 1.0
_DUPLICATE_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class _Signal:
    kind: EventKind
    pattern: re.Pattern[str]
    weight: float
    label: str
    bots_only: bool = False
    people_only: bool = False


def _s(kind: EventKind, weight: float, label: str, pattern: str, **flags: bool) -> _Signal:
    return _Signal(kind, re.compile(pattern, re.IGNORECASE), weight, label, **flags)


K = EventKind
_SIGNALS: tuple[_Signal, ...] = (
    # An alerting integration speaking.
    _s(
        K.ALERT,
        1.6,
        "alert from an integration",
        r"\b(triggered|firing|alert(?:ing)?|critical|threshold|is down|monitor)\b",
        bots_only=True,
    ),
    _s(
        K.ALERT,
        1.0,
        "someone reports an alert or page",
        r"\b(alert (?:fired|went off|is firing)|got paged|(?:i|we) (?:was|were|just) paged|"
        r"pager went off)\b",
        people_only=True,
    ),
    _s(
        K.ALERT,
        1.7,
        "alert-shaped line",
        r"^\W*(firing|triggered|alert)\b(?!\s+(?:is|was) (?:ok|resolved))",
    ),
    _s(K.RESOLUTION, 1.8, "recovery-shaped line", r"^\W*(resolved|recovered)\W*(?:\d+\W*)?\]"),
    # Someone takes the page.
    _s(
        K.DETECTION,
        1.4,
        "page acknowledged",
        r"\b(acknowledged|ack(?:'?d|ing)?\b(?! the)|i'?m on it|"
        r"i'?ve got (?:it|this)|looking into it)",
        people_only=True,
    ),
    _s(
        K.DETECTION,
        1.1,
        "first report of impact",
        r"\b(customers? (?:are |is )?report(?:ing|ed)|"
        r"support (?:is |are )?(?:seeing|reporting|getting))",
    ),
    # More people or authority brought in.
    _s(K.ESCALATION, 1.3, "escalation", r"\b(escalat(?:ed|ing|ion) to|escalating)\b"),
    _s(
        K.ESCALATION,
        1.3,
        "escalation",
        r"\b(escalat\w+|paging (?:in )?(?:the )?\w+|"
        r"(?:pull|loop)(?:ing|ed)? in (?:@|the |someone|an? |\w+ from)|"
        r"declar\w+ (?:a |an )?(?:sev|incident|major)|i'?ll be (?:the )?ic\b|taking (?:the )?ic\b|"
        r"incident commander|bumping (?:this )?to sev|wak(?:e|ing) up)",
        people_only=True,
    ),
    # What people believe is going on.
    _s(
        K.HYPOTHESIS,
        1.45,
        "a hypothesis",
        r"(\bi think (?:it'?s|it is|this is|the|we)|\bcould it be\b|\bmaybe it'?s\b|"
        r"\bmaybe it is\b|\bmight be\b|"
        r"\bmy (?:guess|bet|theory)\b|\bi suspect\b|\bsuspect(?:ing)? (?:the|a|it)\b|"
        r"\blooks like (?:it'?s|the|a)\b|\bsmells like\b|\bwhat if (?:it'?s|the)\b|"
        r"\bprobably (?:the|a|caused)\b)",
        people_only=True,
    ),
    # Changes made to the system.
    _s(
        K.CHANGE,
        1.3,
        "a change (deploy, config, rollback, failover)",
        r"\b(deploy(?:ed|ing)?|rolled (?:out|back)|roll(?:ing)? back|rollback|revert(?:ed|ing)?|"
        r"config(?:uration)? change|changed the config|(?:paus|disabl|enabl)(?:ed|ing) the|"
        r"flipp?(?:ed|ing) the (?:feature )?flag|"
        r"feature flag|fail(?:ed|ing)? ?over|restart(?:ed|ing)|"
        r"bump(?:ed|ing) (?:the )?\w+ (?:to|from)|"
        r"scal(?:ed|ing) (?:up|out|the)|merged)\b",
    ),
    # Impact reduced.
    _s(
        K.MITIGATION,
        1.4,
        "impact reduced",
        r"\b(mitigat\w+|error rates? (?:is |are )?(?:dropping|down|falling|recovering)|"
        r"(?:latency|errors?|traffic|queue) (?:is |are )?"
        r"(?:back down|recovering|draining|dropping)|"
        r"(?:lag|latency|backlog|queue) (?:is )?down to|catching up|"
        r"recovering|stabili[sz]\w+|workaround|shed(?:ding)? load|rate.?limit\w* (?:applied|on))\b",
    ),
    # Telling customers or the company.
    _s(
        K.COMMUNICATION,
        1.6,
        "customer communication",
        r"(\bstatus ?page\b|\bposted (?:an |the )?update\b|"
        r"\bcustomer (?:update|comms|email|notice)\b|"
        r"\bnotif(?:ied|ying) (?:customers|support|users)\b|\bincident update\b|\btweet(?:ed)?\b)",
    ),
    # Back to normal.
    _s(
        K.RESOLUTION,
        1.5,
        "resolution",
        r"\b(resolved|all clear|fully recovered|back to normal|closing (?:the|this) incident|"
        r"incident (?:is )?(?:closed|over)|marking (?:this |it )?(?:as )?resolved)\b",
    ),
    _s(
        K.RESOLUTION,
        1.8,
        "an integration reports recovery",
        r"^\W*(recovered|ok|resolved)\b",
        bots_only=True,
    ),
)

_PAGERDUTY_KINDS: dict[str, tuple[EventKind, str]] = {
    "trigger_log_entry": (K.ALERT, "PagerDuty: incident triggered"),
    "acknowledge_log_entry": (K.DETECTION, "PagerDuty: page acknowledged"),
    "escalate_log_entry": (K.ESCALATION, "PagerDuty: escalated"),
    "resolve_log_entry": (K.RESOLUTION, "PagerDuty: resolved"),
    "status_update_log_entry": (K.COMMUNICATION, "PagerDuty: status update"),
}

_NEGATION = re.compile(
    r"\b(no|not|didn'?t|haven'?t|hasn'?t|wasn'?t|nothing|without|never|don'?t)\b[^.?!]{0,25}$",
    re.IGNORECASE,
)
_QUESTION_PLAN = re.compile(
    r"\b(should we|shall we|do we|can we|could we|are we|did (?:we|anyone)|anyone)\b[^?]*\?",
    re.IGNORECASE,
)
_JOIN_SUBTYPES = frozenset({"channel_join", "channel_leave", "bot_add", "group_join"})


@dataclass(frozen=True, slots=True)
class Proposal:
    """A message proposed as a key moment, with its kind, a title and the reason."""

    message: ChatMessage
    kind: EventKind
    title: str
    reason: str
    score: float

    def to_event(self, people: Mapping[str, Person] | None = None, *, key: bool = True) -> Event:
        """The timeline event the facilitator accepts; ``people`` maps chat ids to persons."""
        person = (people or {}).get(self.message.author_id)
        return Event(
            id=new_id(),
            at=self.message.at,
            kind=self.kind,
            title=self.title,
            detail=self.message.text if self.message.text != self.title else None,
            actor=person.id if person is not None else None,
            source=Source(self.message.source_type, self.message.source_ref),
            key=key,
        )


def review_people(
    chat_people: Iterable[ChatPerson], existing: Sequence[Person] = (), *, with_bots: bool = False
) -> dict[str, Person]:
    """Chat author id -> review Person, reusing an existing person with the same name."""
    by_name = {person.name.casefold(): person for person in existing}
    mapping: dict[str, Person] = {}
    for chat in chat_people:
        if chat.is_bot and not with_bots:
            continue
        found = by_name.get(chat.name.casefold())
        if found is None:
            found = Person(id=new_id(), name=chat.name)
            by_name[chat.name.casefold()] = found
        mapping[chat.id] = found
    return mapping


def accept_all(
    result: ImportResult,
    proposals: Sequence[Proposal],
    existing: Sequence[Person] = (),
    events: Sequence[Event] = (),
) -> tuple[list[Person], list[Event]]:
    """What ``import-chat --accept`` adds: the new people (not ``existing``) and the events.

    Only people who wrote an accepted proposal join the review, so a busy channel
    does not fill the people list with bystanders. A proposal already on the
    timeline (``events``: the same source reference, or the same time and title)
    is left out, so importing the same export twice adds nothing twice.
    """
    sources = {(e.source.type, e.source.ref) for e in events if e.source and e.source.ref}
    moments = {(e.at, e.title) for e in events}
    proposals = [
        p
        for p in proposals
        if (p.message.source_type, p.message.source_ref) not in sources
        and (p.message.at, p.title) not in moments
    ]
    writers = {p.message.author_id for p in proposals}
    people = review_people((c for c in result.people if c.id in writers), existing)
    known = {person.id for person in existing}
    added: dict[str, Person] = {}
    for person in people.values():
        if person.id not in known:
            added.setdefault(person.id, person)
    return list(added.values()), [proposal.to_event(people) for proposal in proposals]


def score_message(message: ChatMessage) -> tuple[EventKind, float, str] | None:
    """The best kind for one message, its score and the reason; None if nothing matched."""
    if message.subtype in _JOIN_SUBTYPES:
        return None
    if message.subtype in _PAGERDUTY_KINDS:
        kind, label = _PAGERDUTY_KINDS[message.subtype]
        return kind, 2.0, label
    text = message.text
    question: bool | None = None
    best: tuple[EventKind, float, str] | None = None
    for signal in _SIGNALS:
        if signal.bots_only and not message.is_bot:
            continue
        if signal.people_only and message.is_bot:
            continue
        match = signal.pattern.search(text)
        if match is None:
            continue
        score = signal.weight
        before = text[: match.start()]
        if _NEGATION.search(before):
            score -= 1.0
        if signal.kind is not K.HYPOTHESIS:
            if question is None:
                question = _QUESTION_PLAN.search(text) is not None
            if question:
                score -= 0.6
        if message.thread_ts is not None:
            score -= 0.1
        if best is None or score > best[1]:
            best = (signal.kind, score, f"{signal.label}: “{match.group(0).strip()}”")
    return best


def propose_key_moments(result: ImportResult, threshold: float = THRESHOLD) -> list[Proposal]:
    """Proposals in time order; repeats of the same alert within minutes are proposed once."""
    proposals: list[Proposal] = []
    recent: dict[tuple[EventKind, str], ChatMessage] = {}
    for message in result.messages:
        scored = score_message(message)
        if scored is None or scored[1] < threshold:
            continue
        kind, score, reason = scored
        title = _title(message)
        signature = (kind, _signature(title))
        previous = recent.get(signature)
        recent[signature] = message  # a flapping alert stays one moment while it repeats
        if previous is not None and message.at - previous.at <= _DUPLICATE_WINDOW:
            continue
        proposals.append(Proposal(message, kind, title, reason, round(score, 2)))
    return proposals


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _title(message: ChatMessage) -> str:
    first = message.text.strip().split("\n", 1)[0]
    sentence = _SENTENCE_END.split(first, 1)[0]
    return one_line(sentence or first, 90)


def _signature(title: str) -> str:
    return re.sub(r"[\d\W]+", " ", title.casefold()).strip()


def proposal_json(proposal: Proposal) -> dict[str, Any]:
    """One line of ``pmdesk import-chat`` output: what the facilitator needs to judge it."""
    message = proposal.message
    return {
        "at": message.at.isoformat(),
        "kind": proposal.kind.value,
        "title": proposal.title,
        "actor": message.author_name,
        "reason": proposal.reason,
        "score": proposal.score,
        "source": {"type": message.source_type.value, "ref": message.source_ref},
        "text": message.text,
    }
