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
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pmdesk.ingest.messages import ChatMessage, ChatPerson, ImportResult
from pmdesk.model.review import Event, EventKind, Person, Source, new_id
from pmdesk.text import one_line

THRESHOLD = 1.0
_DUPLICATE_WINDOW = timedelta(minutes=10)
_ALERT_WINDOW = timedelta(minutes=60)
_ECHO_WINDOW = timedelta(minutes=3)


@dataclass(frozen=True, slots=True)
class _Signal:
    kind: EventKind
    pattern: re.Pattern[str]
    weight: float
    label: str
    word_start: bool = False
    bots_only: bool = False
    people_only: bool = False
    asks: bool = False  # the act is a question ("could you join?"), so '?' costs nothing
    check: Callable[[re.Match[str]], bool] | None = None


def _s(
    kind: EventKind,
    weight: float,
    label: str,
    pattern: str,
    check: Callable[[re.Match[str]], bool] | None = None,
    **flags: bool,
) -> _Signal:
    # Matched against the lowered text, and a leading \b is checked by _find: a case-blind
    # pattern, or one that starts with \b, cannot skip ahead to its first letters (CPython 3.12).
    word_start = pattern.startswith(r"\b")
    compiled = re.compile(pattern[2:] if word_start else pattern)
    return _Signal(kind, compiled, weight, label, word_start, check=check, **flags)


def _find(signal: _Signal, text: str) -> re.Match[str] | None:
    match = signal.pattern.search(text)
    while match is not None and signal.word_start and not _at_boundary(text, match.start()):
        match = signal.pattern.search(text, match.start() + 1)
    return match


def _at_boundary(text: str, at: int) -> bool:
    """What ``\\b`` would say at ``at``."""
    after = _WORD.match(text, at) is not None
    return after if at == 0 else after != (_WORD.match(text, at - 1) is not None)


_WORD = re.compile(r"\w")


def _falls(match: re.Match[str]) -> bool:
    """``40k -> 31k``, ``from 4.2s to 800ms``: the second amount is the smaller one."""
    try:
        before, after = (_amount(match.group(n), match.group(n + 1)) for n in (1, 3))
    except ValueError:  # a version, "2.31.4 to 2.31.3", is not an amount
        return False
    return after < before


def _leads_to_claim(match: re.Match[str]) -> bool:
    """A hedge ("pretty sure", "feels like") followed by a claim, not by "a good plan"."""
    return _CLAIM.match(match.string, match.end()) is not None


# What a falling number must measure for it to be impact going down (not a limit being cut).
_IMPACT = re.compile(
    r"\b(errors?|latency|p\d\d|lag|backlog|queue|disk|cpu|memory|rates?|5xxs?|timeouts?|"
    r"failures?|load|usage)\b[^.;\n]*$",
    re.IGNORECASE,
)

_SCALE = {"k": 1e3, "m": 1e6, "ms": 1e-3}


def _amount(number: str, unit: str | None) -> float:
    return float(number.replace(",", "")) * _SCALE.get((unit or "").casefold(), 1.0)


# The branches that ship: a push or merge here changes what runs; elsewhere it does not yet.
_SHIPPING = r"(?:main|master|trunk|prod(?:uction)?|release[\w./-]*|live)"
# Verbs of operating a system, as people report having done them ("drained ams", "I've set X").
_DONE = (
    r"set|reset|moved|advanced|drained|bounced|pushed|reloaded|applied|patched|killed|scaled|"
    r"rolled|reverted|disabled|enabled|switched|shifted|purged|flushed|cleared|re-?ran|"
    r"upgraded|downgraded|removed|increased|raised|lowered|bumped|paused|resumed|failed over|"
    r"migrated|rotated|renewed|replaced|rebooted|restarted|cordoned|evicted|deleted|dropped|"
    r"truncated|blocked|unblocked|redeployed|deployed|shipped|promoted|stopped|turned (?:off|on)|"
    r"redirected|rerouted|throttled|rebuilt|reindexed|resized|released|hotfixed|skipped|"
    r"took [\w.-]+(?: [\w.-]+)? out|put [\w.-]+(?: [\w.-]+)? back"
)
_DOING = (
    r"rolling (?:back|out)|restarting|reverting|draining|failing over|putting|pushing|"
    r"deploying|redeploying|scaling|disabling|enabling|pausing|bouncing|applying|moving|"
    r"shifting|flipping|rebooting"
)
_OPENING = r"\W*(?:(?:ok(?:ay)?|done|so|and|alright|right|then|now|also)[,:]?\s+)*"

_REPORTED_ACT = (
    rf"(?:(?:(?:i|we)(?:'ve| have)?\s+)?(?:just\s+|also\s+|now\s+)?(?:{_DONE})"
    rf"|(?:(?:i'?m|we'?re)\s+)?(?:now\s+)?(?:{_DOING}))\b"
)

_ASKS_AROUND = "someone asks whether others see a fault"  # news only before any alert

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
        1.6,
        "an integration reports a breached condition",
        r"(^\W*(?:p[0-5]|sev-?[0-5])\b|(?:>|<|above|below|exceeds?|over)\s*\d[\d.,]*\s*\w{0,3}%?"
        r"[^\n]{0,40}\bfor \d+\s*(?:s|m|min|mins|minutes|h)\b)",
        bots_only=True,
    ),
    _s(
        K.ALERT,
        1.5,
        "an integration reports a failed build or job",
        r"\b(build|pipeline|job|tests?|checks?|workflow|deploy(?:ment)?|#\d+)\b[^\n]{0,60}?"
        r"\b(failed|failing|failure|broken|errored|timed out)\b",
        bots_only=True,
    ),
    _s(
        K.ALERT,
        1.5,
        "an error tracker reports a new problem",
        r"\b(new (?:issue|error|exception)|regression)\b|"
        r"\b\d[\d,]* (?:events|errors|occurrences)\b",
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
        r"^\W*(firing|triggered|alert)\b(?!\s+(?:is|was) (?:ok|resolved))"
        r"(?![^\n]*\b(?:assigned|escalated|acknowledged|closed|resolved|note)\b)",
    ),
    _s(K.RESOLUTION, 1.8, "recovery-shaped line", r"^\W*(resolved|recovered)\W*(?:\d+\W*)?\]"),
    # Someone takes the page.
    _s(
        K.DETECTION,
        1.4,
        "page acknowledged",
        r"\b(acknowledged|ack(?:'?d|ing)?\b(?! the)|i'?m on it|"
        r"i'?ve got (?:it|this)|i have (?:it|this)\b|looking into it)",
        people_only=True,
    ),
    _s(
        K.DETECTION,
        1.4,
        "someone takes the page",
        r"^\W*(?:(?:ok(?:ay)?|right|sure|yep|yes)\W+)?(?:i'?m |i am )?"
        r"(on it|taking (?:this|it)(?: one)?|i'?ll take (?:this|it)(?: one)?|mine)\b",
        people_only=True,
    ),
    _s(
        K.DETECTION,
        1.1,
        "first report of impact",
        r"\b(customers? (?:are |is )?report(?:ing|ed)|"
        r"support (?:is |are |have |has )?(?:seeing|reporting|getting|had|been getting))",
    ),
    _s(
        K.DETECTION,
        1.2,
        _ASKS_AROUND,
        r"\b(?:anyone|anybody|someone|is it just me)\b[^?\n]{0,20}?\b(?:else )?"
        r"(?:not )?(?:seeing|getting|having|hitting|noticing)\b[^?\n]{0,60}\?",
        people_only=True,
        asks=True,
    ),
    # More people or authority brought in.
    _s(K.ESCALATION, 1.3, "escalation", r"\b(escalat(?:ed|ing|ion) to|escalating)\b"),
    _s(
        K.ESCALATION,
        1.7,
        "an integration escalates",
        r"\b(escalated|escalating|re-?routed) to\b",
        bots_only=True,
    ),
    _s(
        K.ESCALATION,
        1.4,
        "an incident tool opens an incident",
        r"\bincident\b[^\n]{0,50}\b(created|declared|opened)\b",
        bots_only=True,
    ),
    _s(
        K.ESCALATION,
        1.3,
        "escalation",
        r"\b(escalat\w+|paging (?:in )?(?:the )?\w+|"
        r"(?:pull|loop|bring)(?:ing|ed)? in (?:@|the |someone|an? |\w+ from)|brought in (?:@|the )|"
        r"(?<!got )(?<!was )(?<!were )(?<!been )paged (?:in )?(?:the |@)\w+|"
        r"(?:upgrad|bump|rais)\w* (?:this |it )?to (?:a )?(?:sev\s?-?[0-4]|p[0-2]\b)|"
        r"declar\w+ (?:a |an )?(?:sev|incident|major)|i'?ll be (?:the )?ic\b|taking (?:the )?ic\b|"
        r"incident commander|bumping (?:this )?to sev|wak(?:e|ing) up|"
        r"i'?ll coordinate|i'?m coordinating)",
        people_only=True,
    ),
    _s(
        K.ESCALATION,
        1.35,
        "an incident is opened or raised",
        r"\b(?:open(?:ing|ed)?|declar(?:e|ing|ed)|rais(?:e|ing|ed)|start(?:ing|ed)?)\s+"
        r"(?:this\s+|it\s+)?(?:to\s+|as\s+)?(?:an?\s+|the\s+)?(?:new\s+)?"
        r"(?:major incident|incident|sev\s?-?[0-4]|p[0-2]\b)",
        people_only=True,
    ),
    _s(
        K.ESCALATION,
        1.35,
        "someone takes a response role",
        r"\b(?:i'?m|i am|i'?ll be|i will be)\s+(?:the\s+)?(?:incident\s+)?"
        r"(?:lead|commander|ic|coordinator|comms lead)\b(?!'s)",
        people_only=True,
    ),
    _s(
        K.ESCALATION,
        1.3,
        "someone is asked to join",
        r"\b(?:can|could|would|will)\s+(?:you|someone|somebody|anyone)\b[^?.\n]{0,40}?"
        r"\b(?:join|hop (?:on|in)|jump (?:on|in)|come (?:in|online))\b",
        people_only=True,
        asks=True,
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
    _s(
        K.HYPOTHESIS,
        1.45,
        "a hedged claim about the cause",
        r"\b(?:(?:pretty|fairly|quite|almost) sure|i (?:reckon|bet|believe|wonder if)|"
        r"i'?d guess|guessing|probably|"
        r"wondering if|my (?:hunch|money)|(?:could|may) be|(?:feels|seems|sounds) like|"
        r"likely|possibly|perhaps|(?:theory|hypothesis|hunch|suspicion)\s*(?::|is\b))",
        check=_leads_to_claim,
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
    *(
        _s(
            K.CHANGE,
            1.35,
            "someone reports what they changed",
            start + _OPENING + _REPORTED_ACT,
            people_only=True,
        )
        for start in ("^", r"(?:[.;!]\s|\n)\s*")  # two patterns: "^|..." cannot skip ahead
    ),
    _s(
        K.CHANGE,
        1.5,
        "a release was tagged or published",
        r"\b(new tag\b[^\n]{0,80}\bwas pushed|release\b[^\n]{0,40}\b(?:published|created|cut)|"
        rf"merged into\W{{0,2}}{_SHIPPING}\b)",
        bots_only=True,
    ),
    _s(
        K.CHANGE,
        1.35,
        "a change is reported done",
        r"\b(?:flag|feature|fix|hotfix|patch|rollback|revert|change|config|release|migration|"
        r"override|rule|setting|"
        r"failover|restart|deploy(?:ment)?)\s+(?:is\s+|was\s+|has been\s+)?(?:now\s+)?"
        r"(?:off|out|live|deployed|rolled out|applied|done|complete|completed|finished|in place|"
        r"merged|shipped)\b",
        people_only=True,
    ),
    _s(
        K.CHANGE,
        1.3,
        "something is put in or taken out of service",
        r"\b(?:back (?:in|into)|out of) (?:the )?(?:[\w-]+ )?"
        r"(?:pool|rotation|cluster|load balancer)\b",
        people_only=True,
    ),
    # Impact reduced.
    _s(
        K.MITIGATION,
        1.4,
        "impact reduced",
        r"\b(mitigat\w+|error rates? (?:is |are )?(?:dropping|down|falling|recovering)|"
        r"(?:latency|errors?|traffic|queue) (?:is |are )?"
        r"(?:back down|recovering|draining|dropping)|"
        r"(?:errors?|latency|p\d\d|traffic|lag|queue|rates?|load|cpu|memory|5xxs?) (?:is |are )?"
        r"(?:back (?:to|under|below)|recovered to|returned to) (?:baseline|~?\d[\d.,]*\s*\w*)|"
        r"(?:lag|latency|backlog|queue) (?:is )?down to|"
        r"catching up(?! on (?:the |this )?(?:thread|channel|chat|messages|scrollback|reading))|"
        r"recovering|stabili[sz]\w+|workaround|shed(?:ding)? load|rate.?limit\w* (?:applied|on))\b",
    ),
    _s(
        K.MITIGATION,
        1.4,
        "a measure of impact falls",
        r"\b((?:coming|going|trending|heading) down|shrinking|decreasing|"
        r"down to \d[\d.,]*\s*\w{0,3}|"
        r"(?:dropped|fell|fallen|went down|came down) (?:to|below|under) (?:zero|\d)|"
        r"(?:errors?|warnings?|timeouts?|5xxs?|failures?|complaints?)\b[^.\n]{0,20}?"
        r"\b(?:gone|stopped|cleared|subsided))\b",
    ),
    _s(
        K.MITIGATION,
        1.4,
        "a measure of impact falls",
        r"(\d[\d.,]*)\s*(ms|[kms])?%?\s*(?:->|→|=>|\bto\b)\s*(\d[\d.,]*)\s*(ms|[kms])?(?![\w.-])",
        check=lambda match: (
            _falls(match) and _IMPACT.search(match.string, 0, match.start()) is not None
        ),
    ),
    _s(
        K.MITIGATION,
        1.35,
        "something works again",
        r"\b(?:is|are|'s|'re)\s+(?:\w+ing|up|healthy|back up)\s+again\b",
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
    _s(
        K.COMMUNICATION,
        1.45,
        "people outside the response are told",
        r"\b(?:sent|posted|emailed|told|informed|notified|messaged|published|announced|wrote to)\b"
        r"[^.\n]{0,40}?\b(?:customers?|users|merchants|clients|partners|support|stakeholders|"
        r"note|update|notice|announcement|comms|leadership|finance|sales|account managers?)\b|"
        r"\blet (?!me\b|us\b)(?:the )?[\w@ -]{1,30}? know\b|"
        r"\b(?:posted|announced|shared|wrote)\s+(?:an? \w+\s+)?(?:in|to|on)\s+#[\w-]+",
        people_only=True,
    ),
    # Back to normal.
    _s(
        K.RESOLUTION,
        1.5,
        "resolution",
        r"\b(resolved|all clear|fully recovered|back to normal|closing (?:the|this) incident|"
        r"incident (?:is )?(?:closed|over)|marking (?:this |it )?(?:as )?resolved|"
        r"impact (?:is |has )?(?:over|ended)|(?:i'?m |we'?re )resolving (?:the|this) incident|"
        r"we'?re (?:all )?(?:good|done|clear)\b(?: here)?|"
        r"(?:is|are|'s|all|now) fixed|^\W*fixed|all (?:green|good) for \d|closing\W*$|"
        r"back (?:where it was|to (?:usual|baseline|pre-incident))|"
        r"(?:backlog|queue) (?:is )?(?:empty|drained|cleared|at zero))\b",
    ),
    _s(
        K.RESOLUTION,
        1.4,
        "everything is healthy again",
        r"\b(?:everything|all|things|systems?|services?)\s+(?:looks?\s+|is\s+|are\s+|seems?\s+)?"
        r"(?:healthy|stable|normal)\s+(?:now|again)\b",
        people_only=True,
    ),
    _s(
        K.RESOLUTION,
        1.8,
        "an integration reports recovery",
        r"^\W*(recovered|ok|resolved|closed)\b|\bis (?:back )?up\b",
        bots_only=True,
    ),
)
# Strongest first, so that once one matches the weaker ones need not be searched at all.
_BOT_SIGNALS = tuple(sorted((s for s in _SIGNALS if not s.people_only), key=lambda s: -s.weight))
_PEOPLE_SIGNALS = tuple(sorted((s for s in _SIGNALS if not s.bots_only), key=lambda s: -s.weight))
# What a hedge must lead to for it to be a claim about the cause, not "maybe later".
_CLAIM = re.compile(
    r"\s*(?!(?:a |an |the )?(?:good|great|bad|fine|ok|okay|solid|reasonable|sensible|nice|plan|"
    r"idea|way)\b)(?:that\s+)?(?:is|was|it'?s|it is|it was|this is|that'?s|the|a|an|caused|"
    r"because|due to|related|from|our|their|[\w-]+ (?:is|are|was)|"
    r"[^.?!\n]{0,60}\b(?:because|due to|caused by))\b",
    re.IGNORECASE,
)
# A push of commits to a shipping branch; it is a key change when its commits repair something.
_PUSHED = re.compile(
    rf"^\W*\[[\w.-]+:{_SHIPPING}\]\s+\d+ new commits?|new commits? pushed to\W{{0,2}}{_SHIPPING}\b",
    re.IGNORECASE,
)
_REPAIR = re.compile(
    r"\b(fix(?:es|ed)?|hot-?fix\w*|revert(?:s|ed)?|roll(?:s|ed)?[ -]?back|rollback|"
    r"patch(?:es|ed)?)\b",
    re.IGNORECASE,
)
# Integrations that only keep their own books, or move code that does not ship yet.
_BOOKKEEPING = re.compile(
    r"\b(assigned to|reassigned|note added|added a note|snoozed|started by|queued|"
    r"new branch|branch\W{0,2}[\w./-]+\W{0,2} was (?:deleted|created))\b|"
    rf"^\W*\[[\w.-]+:(?!{_SHIPPING}\])[^\]\s]+\]\s+\d+ new commits?|"
    rf"^\W*\[[\w.-]+\] branch\W{{0,2}}(?!{_SHIPPING}\W)[\w./-]+\W{{0,2}} was force-pushed|"
    rf"new commits? pushed to\W{{0,2}}(?!{_SHIPPING}\b)[\w./-]",
    re.IGNORECASE,
)
# A change word used as a noun people look at ("checking the deploy log"), not as an act.
_LOOKED_AT = re.compile(
    r"\b(?:check\w*|look\w* (?:at|through|in)|read\w*|search\w*|open\w*|pull\w* up|grep\w*|"
    r"scan\w*|see|saw|in|from|per)\s+(?:the\s+|our\s+|this\s+|that\s+)?$",
    re.IGNORECASE,
)
# Not done yet: a plan, an option, an offer or a condition ("I'll restart", "rolling back would").
_PLAN = re.compile(
    r"\b(i'?ll|we'?ll|i will|we will|going to|gonna|let'?s|plan(?:ning)? to|about to|want to|"
    r"need to|should|would|could|can|might|options?|rather|if|once|before|whether)\b",
    re.IGNORECASE,
)
# The object of a reported act is a meeting or a document, not the system.
_COORDINATION = re.compile(
    r"[^.;!?\n]{0,30}?\b(meeting|call|calendar|invite|retro\w*|standup|sync|1:1|lunch|ticket|doc|"
    r"document|agenda|slides?|reminder|notes?|laptop|bridge|topic|room|huddle|zoom|dm|screen)\b",
    re.IGNORECASE,
)
# A change word as the noun in front of another noun ("the deploy pipeline is slow").
_NOUN_USE = re.compile(
    r"\s+(?:log|logs|pipeline|queue|window|freeze|history|dashboard|tool|script|docs?|process|"
    r"train|button|bot|system|schedule|plan|status|lead|order)\b",
    re.IGNORECASE,
)
# A hedge that leads to a proposal ("I think we should"), not to a belief about the cause.
_PROPOSAL = re.compile(
    r"\s*(?:we|you|i)?\s*(?:should|need to|could|can|will|'ll|might want|ought)\b", re.IGNORECASE
)
# A change named, not made: "the deploy from yesterday", "the runbook for failover".
_REFERENCE = re.compile(
    r"\b(?:the|a|that|this|last|previous|yesterday'?s|earlier|next|for|about|of|during|since|"
    r"until)\s+$",
    re.IGNORECASE,
)
_REPORTED_DONE = re.compile(r"\s+(?:is\s+|was\s+)?(?:done|complete|finished|out|live)\b")
_CONDITIONAL = re.compile(r"\b(would|could|should|might)\b", re.IGNORECASE)
_NOT_YET = frozenset({K.CHANGE, K.MITIGATION, K.COMMUNICATION, K.RESOLUTION})
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_CODE = re.compile(r"```.*?(?:```|\Z)|^>.*$", re.DOTALL | re.MULTILINE)

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
    r"(\b(?:should we|shall we|do we|can we|could we|are we|did (?:we|anyone)|anyone)\b|"
    r"^\W*(?:is|are|was|were|did|does|do|has|have|can|could|will|would)\b)[^?]*\?",
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
    if message.is_bot:
        if _BOOKKEEPING.search(message.text):
            return None
        if _PUSHED.search(message.text):
            return _pushed(message.text)
    text = _prose(message.text)
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters lower to two; keep offsets shared
        lowered = text.translate(_ASCII_LOWER)
    signals = _BOT_SIGNALS if message.is_bot else _PEOPLE_SIGNALS
    return _best(signals, text, lowered, 0.1 if message.thread_ts is not None else 0.0)


def _best(
    signals: Sequence[_Signal], text: str, lowered: str, threaded: float
) -> tuple[EventKind, float, str] | None:
    question: bool | None = None
    best: tuple[EventKind, float, str] | None = None
    for signal in signals:
        if best is not None and signal.weight - threaded <= best[1]:
            continue  # doubts only take away: this signal cannot win
        match = _find(signal, lowered)
        if match is None or (signal.check is not None and not signal.check(match)):
            continue
        score = signal.weight - threaded - _doubt(signal, match)
        if signal.kind is not K.HYPOTHESIS and not signal.asks:
            if question is None:
                question = _QUESTION_PLAN.search(text) is not None
            if question:
                score -= 0.7
        if best is None or score > best[1]:
            words = text[match.start() : match.end()].strip()
            best = (signal.kind, score, f"{signal.label}: “{words}”")
    return best


def _prose(text: str) -> str:
    """The words people wrote, without pasted code, logs or quoted messages."""
    return _CODE.sub(" ", text) if "`" in text or ">" in text else text


def _pushed(text: str) -> tuple[EventKind, float, str] | None:
    """Routine development reaching main is not a moment of the response; a fix is."""
    repair = _REPAIR.search(text)
    if repair is None:
        return None
    return K.CHANGE, 1.5, f"a fix reached a shipping branch: “{repair.group(0)}”"


def _doubt(signal: _Signal, match: re.Match[str]) -> float:
    """How much the words around a match take from it: a negation, a plan, a noun use."""
    text = match.string
    clause_start = max(text.rfind(mark, 0, match.start()) for mark in ".;!?\n")
    before = text[clause_start + 1 : match.start()]
    doubt = 1.0 if _NEGATION.search(text[: match.start()]) else 0.0
    if signal.kind in _NOT_YET:
        clause_end = min(
            (i for i in (text.find(m, match.end()) for m in ".;!?\n") if i >= 0), default=len(text)
        )
        if _PLAN.search(before) or _CONDITIONAL.search(text, match.end(), clause_end):
            doubt += 0.7
        if signal.kind is K.CHANGE and (
            _LOOKED_AT.search(before)
            or (_REFERENCE.search(before) and not _REPORTED_DONE.match(text, match.end()))
            or _NOUN_USE.match(text, match.end())
            or _COORDINATION.match(text, match.end())
        ):
            doubt += 1.0
    elif signal.kind is K.HYPOTHESIS and _PROPOSAL.match(text, match.end()):
        doubt += 1.0
    return doubt


def propose_key_moments(result: ImportResult, threshold: float = THRESHOLD) -> list[Proposal]:
    """Proposals in time order; repeats of the same alert within minutes are proposed once.

    An alert that keeps re-notifying stays one moment until something recovers.
    An integration that records what a person has just said (an incident tool
    noting the status they set) is the same moment, so it is not proposed again.
    """
    proposals: list[Proposal] = []
    recent: dict[tuple[EventKind, str], ChatMessage] = {}
    said: dict[EventKind, ChatMessage] = {}
    for message in result.messages:
        scored = score_message(message)
        if scored is None or scored[1] < threshold:
            continue
        kind, score, reason = scored
        title = _title(message)
        signature = (kind, _signature(title))
        previous = recent.get(signature)
        recent[signature] = message  # a flapping alert stays one moment while it repeats
        window = _ALERT_WINDOW if kind is K.ALERT else _DUPLICATE_WINDOW
        if previous is not None and message.at - previous.at <= window:
            continue
        if kind is K.RESOLUTION:  # after a recovery, the same alert firing again is news
            recent = {key: seen for key, seen in recent.items() if key[0] is not K.ALERT}
        if reason.startswith(_ASKS_AROUND) and any(
            p.kind in (K.ALERT, K.DETECTION) for p in proposals
        ):
            continue
        person = said.get(kind)
        if message.is_bot and person is not None and message.at - person.at <= _ECHO_WINDOW:
            continue
        if not message.is_bot:
            said[kind] = message
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
