"""``vague.*``: claims a reader cannot check, and the number, unit, system or duration to ask for.

The writing guides (PagerDuty's postmortem guide, Atlassian's incident
handbook, Google SRE's postmortem template) ask for impact in numbers, named
systems and timestamps. These rules flag the usual stand-ins: vague amounts
("some users"), degree words ("significant impact"), performance adjectives
("the database was slow"), fuzzy durations ("quickly", "a while") and unnamed
trouble ("some issues"). A figure in the same sentence silences the amount,
degree and performance rules: the writer has already been specific. A reported
belief ("we thought the database was slow") is left alone: it is what people
believed at the time, and the review wants it in their words.
"""

from __future__ import annotations

import dataclasses
import re

from pmdesk.coach.rule import Accept, Context, Rule, alternatives, pattern
from pmdesk.coach.textindex import TextIndex

_COUNTABLE = alternatives(
    """users customers clients requests calls queries errors exceptions failures timeouts
    retries orders payments transactions purchases messages emails notifications events
    alerts pages tickets reports complaints accounts tenants merchants sites stores regions
    zones services hosts servers nodes machines instances pods containers jobs builds deploys
    deployments records rows files objects keys connections sessions people engineers teams
    devices endpoints shards partitions disks volumes buckets repositories repos projects
    downloads uploads logins signups workers replicas clusters databases tables packets
    batches items subscribers visitors drivers apps vms invoices"""
)
_AMOUNT = alternatives(
    [
        "some",
        "a few",
        "few",
        "several",
        "many",
        "numerous",
        "a number of",
        "a large number of",
        "a small number of",
        "a significant number of",
        "a huge number of",
        "a good number of",
        "a lot of",
        "lots of",
        "a handful of",
        "a bunch of",
        "a subset of",
        "a portion of",
        "a percentage of",
        "most",
        "a majority of",
        "the majority of",
        "a minority of",
        "plenty of",
        "countless",
        "multiple",
        "various",
        "tons of",
        "a ton of",
        "a fraction of",
        "a share of",
        "certain",
    ]
)
_DEGREE = alternatives(
    [
        "significant",
        "significantly",
        "substantial",
        "substantially",
        "considerable",
        "considerably",
        "major",
        "massive",
        "massively",
        "huge",
        "enormous",
        "severe",
        "severely",
        "serious",
        "seriously",
        "heavy",
        "heavily",
        "dramatic",
        "dramatically",
        "drastic",
        "drastically",
        "noticeable",
        "noticeably",
        "widespread",
        "minor",
        "minimal",
        "limited",
        "negligible",
        "slight",
        "slightly",
        "moderate",
        "moderately",
        "large",
        "extensive",
        "sizeable",
        "sizable",
        "tremendous",
        "big",
        "high",
        "elevated",
        "increased",
        "reduced",
        "some",
        "notable",
    ]
)
_IMPACT_NOUNS = alternatives(
    """impact degradation disruption outage increase decrease drop spike rise surge delay
    delays latency slowdown load loss amount portion percentage share fraction downtime
    damage backlog effect slowness regression cost errors traffic""",
    [
        "error rate",
        "error rates",
        "memory usage",
        "cpu usage",
        "cpu load",
        "disk usage",
        "response times",
        "response time",
        "revenue loss",
        "data loss",
        "queue depth",
        "queue depths",
    ],
)
# Quantifiers that always ask "how many?", whatever plural noun follows them.
_STRONG_AMOUNT = alternatives(
    [
        "a number of",
        "a large number of",
        "a small number of",
        "a handful of",
        "a lot of",
        "lots of",
        "numerous",
        "several",
        "many",
        "multiple",
        "a few",
        "various",
        "countless",
        "dozens of",
        "hundreds of",
        "thousands of",
        "a bunch of",
        "tons of",
    ]
)
# Units (a duration rule's business) and words about the analysis itself, not the incident.
_NOT_COUNTED = (
    r"(?:seconds|minutes|hours|days|weeks|months|years|secs|mins|hrs|factors|reasons|causes|"
    r"things|ways|lessons|steps|options|questions|ideas|aspects|conditions|layers|"
    r"contributors|perspectives)\b"
)
_METRIC = alternatives(
    """disruption degradation slowdown outage impact latency load usage
    utilisation utilization throughput traffic errors
    backlog lag delay delays downtime damage cost slowness memory cpu""",
    ["error rate", "error rates", "response time", "response times", "queue depth"],
)
_LEVEL = alternatives(
    """high higher low lower elevated minimal significant severe limited huge large small
    minor heavy massive substantial considerable enormous negligible noticeable big bad
    worse terrible awful long lengthy brief short extended widespread serious""",
)
_COMPARATIVE = alternatives("slower faster longer later higher lower worse bigger larger heavier")
_CHANGE_VERB = alternatives(
    """rose fell dropped grew increased decreased declined spiked climbed jumped surged
    shrank went up went down degraded slowed improved""",
)
_DEGREE_ADVERB = alternatives(
    """significantly considerably dramatically sharply substantially massively noticeably
    steeply markedly hugely heavily greatly drastically""",
    ["a lot", "a great deal", "quite a bit"],
)
_INTENSIFIER = (
    r"(?:(?:very|really|extremely|quite|incredibly|super|pretty|a bit|a little|somewhat|too|so|"
    r"rather|unusually|abnormally|increasingly)\s+)?"
)
_STATE = alternatives(
    [
        "slow",
        "sluggish",
        "laggy",
        "unresponsive",
        "overloaded",
        "unstable",
        "struggling",
        "degraded",
        "choppy",
        "janky",
        "bogged down",
        "under load",
        "under pressure",
    ]
)
_TIME = alternatives(
    [
        "quickly",
        "rapidly",
        "promptly",
        "swiftly",
        "soon",
        "shortly",
        "briefly",
        "eventually",
        "momentarily",
        "speedily",
        "in a timely manner",
        "in a timely fashion",
        "for a while",
        "after a while",
        "a while later",
        "a while",
        "a while after",
        "in a while",
        "for some time",
        "for quite some time",
        "after some time",
        "some time later",
        "some time after",
        "for a long time",
        "for a short time",
        "for a little while",
        "for a long while",
        "a long time",
        "a short time",
        "a short while",
        "a little while",
        "a few seconds",
        "a few minutes",
        "a few hours",
        "a few days",
        "a couple of minutes",
        "a couple of hours",
        "a couple of days",
        "several seconds",
        "several minutes",
        "several hours",
        "several days",
        "for hours",
        "for ages",
        "took forever",
        "took ages",
        "a bit later",
        "after a bit",
        "for a bit",
        "in no time",
        "right away",
        "later on",
        "before long",
        "over time",
        "a long stretch",
        "a long period",
        "an extended period",
        "a prolonged period",
        "a lengthy period",
        "a short period",
        "a brief period",
    ]
)
_TROUBLE = alternatives(
    [
        "issue",
        "issues",
        "problem",
        "problems",
        "glitch",
        "glitches",
        "hiccup",
        "hiccups",
        "weirdness",
        "trouble",
        "oddities",
        "anomalies",
        "instability",
        "flakiness",
    ]
)

# What a reader would measure: "error rates spiked" needs a before and an after.
_MEASURED = alternatives(
    """latency latencies errors error-rate load usage utilisation utilization throughput
    traffic backlog lag queue queues memory cpu timeouts retries failures connections
    requests p50 p95 p99 5xx 4xx 500s 502s 503s""",
    [
        "error rate",
        "error rates",
        "error count",
        "error counts",
        "response time",
        "response times",
        "request rate",
        "queue depth",
        "queue size",
        "queue length",
        "memory usage",
        "memory consumption",
        "cpu usage",
        "disk usage",
        "disk space",
        "connection count",
        "replication lag",
        "consumer lag",
        "page load times",
        "load times",
    ],
)
_MOVED = alternatives(
    """spiked spiking surged soared skyrocketed rocketed ballooned exploded jumped climbed
    increased increasing rose rising grew growing dropped plummeted plunged fell declined
    decreased tanked piled backed built crept creeping""",
    [
        "went up",
        "going up",
        "went down",
        "shot up",
        "kept growing",
        "kept increasing",
        "kept rising",
        "kept climbing",
        "started growing",
        "started increasing",
        "started rising",
        "started climbing",
        "began to grow",
        "began to rise",
    ],
)
_GREW_SIZE = alternatives(
    """large big huge long high enormous massive bloated unbounded unwieldy""",
)
_TROUBLE_AREA = alternatives(
    """performance connectivity network networking stability latency capacity availability
    reliability scaling scalability resource memory cpu disk storage infrastructure technical
    system service server database db access login authentication auth timeout timing sync
    synchronisation synchronization replication data communication configuration config
    routing dns certificate deployment deploy load permission permissions compatibility
    integration hardware software upstream downstream""",
)
_BAD = alternatives(
    """bad wrong incorrect invalid faulty improper erroneous bogus corrupt corrupted broken
    buggy problematic misconfigured malformed inconsistent mismatched outdated stale""",
)
_CONFIG_THINGS = alternatives(
    """config configs configuration configurations settings setting values value parameters
    parameter data input inputs entries entry records record change changes release build
    version rules rule flags flag state payload request requests response responses
    deploy deployment push update updates file files image""",
)
# A named setting or file ("max_connections", "app.yaml", `ttl`) says what was wrong.
_NAMED_THING = re.compile(r"[A-Za-z]+[_.][A-Za-z0-9_.]+|`[^`]+`|\b[a-z]+[A-Z][A-Za-z]+\b")


def _not_named(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "A bad config" is vague; "a bad value for max_connections (10)" names what was bad."""
    start, end = index.sentence_span(match.start())
    if _NAMED_THING.search(index.text, start, end):
        return False
    after = index.text[match.end() : match.end() + 12].lstrip().lower()
    if after.startswith(("for ", "in ", "of ", "that ", "which ", "where ", "(", ":")):
        return False
    return _no_quantity(index, match, ctx)


_HOW_MANY = "How many? Give a count or a share, e.g. '1,240 of 31,000 checkout requests (4%)'."
_HOW_MUCH = "Give the measure and the unit, e.g. 'p99 latency rose from 120 ms to 4.2 s'."
_HOW_LONG = "Give a timestamp or a duration, e.g. 'within 4 minutes' or 'at 14:07 UTC'."


def _no_quantity(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A vague amount is fine when its sentence already gives a quantity."""
    return not index.sentence_has_quantity(match.start())


_SIZED = re.compile(
    r"\b(?:queue|queues|backlog|lag|latency|latencies|load|list|table|index|log|logs|file|"
    r"files|heap|cache|payload|response|responses|request|requests|batch|batches|delay|"
    r"delays|usage|memory|wait|waits|buffer|topic|partition|disk|database|db)\b",
    re.IGNORECASE,
)


def _after_measured(index: TextIndex, match: re.Match[str]) -> bool:
    """ "The queue grew large" is a size claim; "the team grew large" is none of ours."""
    lead = index.text[max(0, match.start() - 40) : match.start()]
    words = lead.split()[-3:]
    return any(_SIZED.fullmatch(w.strip(",.;:").lower()) for w in words)


def _size_claim(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A size word after something measurable, in a sentence that gives no measure."""
    return _after_measured(index, match) and _no_quantity(index, match, ctx)


def _no_figure(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A vague word is fine when its sentence already has a figure in it."""
    return not index.sentence_has_digit(match.start())


def _amount_unspecified(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Like _no_quantity, but "how many" and "too many" ask or judge, not claim."""
    # "How many users" is the coach's own question; "too many" says more than intended.
    if index.words_before(match.start(), 1) in (["how"], ["too"]):
        return False
    return _no_quantity(index, match, ctx)


def _not_statistical(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Only "statistically significant" is precise; any other "significant" needs a number."""
    before = index.words_before(match.start(), 1)
    return (not before or before[-1] != "statistically") and _no_quantity(index, match, ctx)


def _time_is_vague(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Words like "soon" need a figure, except in "as soon as" or "eventually consistent"."""
    words = match.group(0).lower()
    after = index.text[match.end() : match.end() + 20].lower()
    if words in {"soon", "eventually", "shortly"} and (
        after.startswith((" as", " consistent", " consistency"))
        or index.words_before(match.start(), 1) == ["as"]
    ):
        return False
    return _no_figure(index, match, ctx)


_BELIEF = re.compile(
    r"\b(?:believed?|thought|assumed?|suspected|guessed|feared|expected|hypothesi[sz]ed|"
    r"wondered|seemed|appeared to|looked like|worried)\b",
    re.IGNORECASE,
)


def _as_claim(check: Accept | None) -> Accept:
    """Vague words inside a reported belief ("we thought the DB was slow") are not claims.

    The review wants what people believed at the time, in their words; asking
    "how slow?" about a belief would push hindsight into it.
    """

    def accept(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
        start, _ = index.sentence_span(match.start())
        lead = index.text[max(start, match.start() - 200) : match.start()]
        if _BELIEF.search(lead):
            return False
        return check is None or check(index, match, ctx)

    return accept


_RULES: tuple[Rule, ...] = (
    Rule(
        "vague.amount",
        pattern(
            r"\b(?:"
            + _AMOUNT
            + r")\s+(?:of (?:the |our |their )?)?(?:[\w-]+\s+)?(?:"
            + _COUNTABLE
            + r")\b"
        ),
        "'{0}' — how many?",
        _HOW_MANY,
        accept=_amount_unspecified,
    ),
    Rule(
        "vague.amount",
        pattern(
            r"\b(?:" + _STRONG_AMOUNT + r")\s+(?:[\w-]+\s+)?(?!" + _NOT_COUNTED + r")[a-z][\w-]*s\b"
        ),
        "'{0}' — how many?",
        _HOW_MANY,
        accept=_amount_unspecified,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:" + _METRIC + r")\b(?:\s+[\w-]+){0,5}?\s+(?:was|were|is|are|remained|stayed|"
            r"got|became|looked|seemed|ran|running)\s+" + _INTENSIFIER + r"(?:" + _LEVEL + r")\b"
        ),
        "'{0}' — how much, measured how?",
        _HOW_MUCH,
        accept=_no_quantity,
    ),
    Rule(
        "vague.degree",
        pattern(r"\b(?:" + _CHANGE_VERB + r")\s+(?:" + _DEGREE_ADVERB + r")\b"),
        "'{0}' — from what to what?",
        _HOW_MUCH,
        accept=_no_quantity,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:(?:noticeably|much|significantly|considerably|a lot|far|way|slightly|"
            r"somewhat)\s+)"
            r"(?:" + _COMPARATIVE + r")\b|\b(?:" + _COMPARATIVE + r") than (?:usual|normal|"
            r"expected|planned|anticipated|before|we expected|we thought|it should)\b"
        ),
        "'{0}' — compared with what, by how much?",
        "Give both figures, e.g. 'the restore took 4 h 10 min against the 1 h we planned'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.duration",
        pattern(
            r"\b(?:delivered|arrived|processed|sent|ran|finished|completed|started|responded|"
            r"replied|joined|noticed|detected|escalated) (?:very |quite |rather )?late\b"
        ),
        "'{0}' — how late?",
        _HOW_LONG,
        accept=_no_figure,
    ),
    Rule(
        "vague.degree",
        pattern(r"\b(?:" + _DEGREE + r")\s+(?:[\w-]+\s+)?(?:" + _IMPACT_NOUNS + r")\b"),
        "'{0}' — how much, measured how?",
        _HOW_MUCH,
        accept=_not_statistical,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:heavily|severely|significantly|seriously|badly|greatly|massively|widely|"
            r"partially|somewhat|noticeably|considerably|dramatically) (?:impacted|affected|"
            r"degraded|disrupted|reduced|increased|delayed|slowed|elevated|hit)\b"
            r"|\b(?:impacted|affected|degraded|disrupted|hit) (?:heavily|severely|significantly|"
            r"badly|greatly|hard)\b"
        ),
        "'{0}' — how much, measured how?",
        _HOW_MUCH,
        accept=_no_quantity,
    ),
    Rule(
        "vague.performance",
        pattern(
            r"\b(?:was|were|is|are|became|become|becoming|got|gets|get|getting|seemed|seems|felt|"
            r"looked|running|ran|went|grew|being|been|remained|stayed|appeared)\s+"
            + _INTENSIFIER
            + r"(?:"
            + _STATE
            + r")\b"
            r"|\b(?:slowed (?:down|to a crawl)|slowing down|crawled|(?:ran|running|responded|"
            r"responding|loaded|loading|performed|performing|processed|processing) (?:very |"
            r"really |extremely )?slowly|(?:poor|bad|terrible|degraded) performance|performance "
            r"(?:was|got|became|degraded|dropped|suffered))\b"
        ),
        "'{0}' — which system, and how slow or how broken?",
        "Name the system and give the measure, e.g. 'orders-db p99 read latency rose from "
        "40 ms to 2.3 s'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.duration",
        pattern(r"\b(?:" + _TIME + r")\b"),
        "'{0}' — when exactly, or for how long?",
        _HOW_LONG,
        accept=_time_is_vague,
    ),
    Rule(
        "vague.frequency",
        pattern(
            r"\b(?:frequently|occasionally|intermittently|sporadically|repeatedly|constantly|"
            r"regularly|periodically|from time to time|every so often|now and then|"
            r"once in a while|sometimes|often)\b"
        ),
        "'{0}' — how often?",
        "Give a rate or a count, e.g. '1 in 40 searches timed out' or '6 times between 10:00 "
        "and 11:00'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:" + _MEASURED + r")\b(?:\s+[\w-]+){0,4}?\s+(?:" + _MOVED + r")\b"
            r"(?!\s+(?:to|from|by|past|above|below|beyond|over|under)\s+[\d~<>])"
        ),
        "'{0}' — from what to what?",
        _HOW_MUCH,
        accept=_no_quantity,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:grew|grows|growing|got|became|become|becoming|was|were|is|are|kept)"
            r" (?:very |too |really |extremely |quite |so |increasingly )?(?:" + _GREW_SIZE + r")\b"
        ),
        "'{0}' — how large, against what limit?",
        _HOW_MUCH,
        accept=_size_claim,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:" + _TROUBLE_AREA + r")(?:[- ]related)? (?:issues?|problems?|troubles?|"
            r"difficulties|instability|hiccups?|glitch(?:es)?|errors|failures|degradation)\b"
            r"(?!\s+(?:where|when|that|because|which|caused|in which|with (?:the )?[\w-]+[_.]))"
        ),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:" + _BAD + r") (?:[\w-]+ )?(?:" + _CONFIG_THINGS + r")\b"
            r"|\bmisconfigur(?:ation|ations|ed)\b"
        ),
        "'{0}' — what was wrong with it, and what should it have been?",
        "Say which setting held which value, e.g. 'max_connections was 10; the pool needs 200'.",
        accept=_not_named,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:some|various|certain|a few|several|minor|some kind of|some sort of|"
            r"intermittent|random|weird|strange|odd|unspecified|unknown|general) (?:"
            + _TROUBLE
            + r")\b|\b(?:hiccups?|glitch(?:es)?)\b|\bsomething (?:went wrong|broke|happened|"
            r"was (?:off|wrong|broken))\b|\bthings (?:went wrong|broke|got (?:worse|bad|weird)|"
            r"were (?:off|broken|slow))\b|\b(?:had|having|has|have|experienced|experiencing|saw|"
            r"seeing|hit|ran into|run into|encountered) (?:some |a few |an |a )?(?:minor |small )?"
            r"(?:issues?|problems?|trouble)\b(?!\s+(?:where|when|that|because|which))"
        ),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
    ),
)

RULES: tuple[Rule, ...] = tuple(dataclasses.replace(r, accept=_as_claim(r.accept)) for r in _RULES)
