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
    """data outages incidents functions features products components systems subnets
    metrics dashboards apps applications users customers clients requests calls queries
    errors exceptions failures timeouts
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
        "excessive",
        "excessively",
        "insufficient",
        "sudden",
        "marked",
        "markedly",
        "heavier",
        "small",
        "slow",
        "gradual",
        "continued",
        "unusual",
        "abnormal",
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
    damage backlog effect slowness regression cost errors traffic blip blips usage capacity
    parallelism contention saturation stress pressure throughput recovery improvement
    improvements requests queries transfer cpu memory spikes surges volume
    outages disruptions increases decreases drops rises failures incident incidents
    degradations slowdowns""",
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
_COMPARATIVE = alternatives(
    "slower faster longer later higher lower worse bigger larger heavier",
    ["more slowly", "less quickly", "more often", "less often"],
)
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
        "most of a day",
        "most of the day",
        "most of a working day",
        "many hours",
        "for many hours",
        "for days",
        "several days",
        "in short order",
        "in fairly short order",
        "in relatively short order",
    ]
)
_TROUBLE = alternatives(
    [
        "challenges",
        "difficulties",
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
    """number count sockets size latency latencies errors error-rate load usage utilisation
    utilization throughput
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
    """platform cluster node nodes api website application performance connectivity network
    networking stability latency capacity availability
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
    parameter data input inputs entries entry records record rules rule flags flag state
    payload file files""",
)
# A named setting or file ("max_connections", "app.yaml", `ttl`) says what was wrong.
_NAMED_THING = re.compile(r"[A-Za-z]+[_.][A-Za-z0-9_.]+|`[^`]+`|\b[a-z]+[A-Z][A-Za-z]+\b")


def _not_named(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "A bad config" is vague; "a bad value for max_connections (10)" names what was bad."""
    start, end = index.sentence_span(match.start())
    if _NAMED_THING.search(index.text, start, end):
        return False
    after = index.text[match.end() : match.end() + 12].lstrip().lower()
    if after.startswith(("that ", "which ", "where ", "(", ":", "meant ", "caused by ")):
        return False
    return _no_quantity(index, match, ctx)


_HOW_MANY = "How many? Give a count or a share, e.g. '1,240 of 31,000 checkout requests (4%)'."
_HOW_MUCH = "Give the measure and the unit, e.g. 'p99 latency rose from 120 ms to 4.2 s'."
_HOW_LONG = "Give a timestamp or a duration, e.g. 'within 4 minutes' or 'at 14:07 UTC'."


_DURATION_FIGURE = re.compile(
    r"\b(?:for|over|in|within|after|about|around|nearly|almost)?\s*~?\d[\d.,]*\s*(?:-\s*\d+\s*)?"
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|s|m|h|d)\b",
    re.IGNORECASE,
)


def _no_magnitude(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Error rates increased for 22 minutes" says how long, not by how much."""
    start, end = index.sentence_span(match.start())
    window = index.text[max(start, match.start() - 60) : min(end, match.end() + 60)]
    return not _MAGNITUDE.search(_DURATION_FIGURE.sub(" ", window))


_MAGNITUDE = re.compile(r"\d|\w+fold\b|\bdoubled\b|\btripled\b|\bhalved\b", re.IGNORECASE)


def _no_quantity(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A vague amount is fine when a quantity stands close to it in its sentence."""
    return not index.quantity_near(match.start(), match.end())


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


def _named_trouble(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "RDS issues", "Redis problems": a system named, its trouble not."""
    what = index.text[match.start("what") : match.end("what")]
    named = (len(what) > 1 and what.isupper()) or ctx.subjects.is_system_word(what)
    named = named or (what[:1].isupper() and index.words_before(match.start(), 1) != [])
    return named and _no_quantity(index, match, ctx)


def _size_claim(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A size word after something measurable, in a sentence that gives no measure."""
    return _after_measured(index, match) and _no_quantity(index, match, ctx)


def _no_figure(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A vague word is fine when its sentence already has a figure in it."""
    return not index.sentence_has_digit(match.start())


# What makes a count matter to a reader: something was hurt, stopped or went wrong.
_IMPACT = re.compile(
    r"\b(?:affect\w*|impact\w*|fail\w*|unable|unavailable|down|errors?|erroring|broken|broke|"
    r"crash\w*|stuck|timed out|time out|timeouts?|lost|los(?:e|ing)|slow\w*|degraded|outages?|"
    r"disrupt\w*|experienc\w*|stopped|hung|hang(?:ing)?|delayed|missing|couldn't|could not|"
    r"can't|cannot|wasn't|weren't|aren't|isn't|not (?:launching|starting|working|responding|"
    r"running|shipping|available|reachable)|unreachable|unhealthy|rejected|dropped|corrupt\w*|"
    r"wrong|incorrect|issues?|problems?|incidents?|complain\w*|reports? of|trouble|ran out|"
    r"restart\w*|fired|firing|paged|churn\w*|unaffected|duplicat\w*|twice|contacted|"
    r"notic\w*|did not|didn't|saw|alert\w*|spik\w*|overload\w*|exhaust\w*|killed|oom|"
    r"not \w+(?:ed|ing)|no longer|unused|unpatched|vulnerable|compromised)\b",
    re.IGNORECASE,
)


def _about_impact(index: TextIndex, match: re.Match[str]) -> bool:
    """ "Some users could not pay" asks how many; "retried multiple times" explains a mechanism."""
    start, end = index.sentence_span(match.start())
    return bool(_IMPACT.search(index.text, start, end))


# Who or what a reader counts to judge impact: anything user-facing, always; machines
# and alerts when the sentence says they were hurt. "Many lines of code" counts nothing.
_USER_FACING = re.compile(
    r"\b(?:users?|customers?|clients?|merchants?|orders?|payments?|transactions?|purchases?|"
    r"accounts?|tenants?|subscribers?|visitors?|buyers?|drivers?|people|requests?|calls?|"
    r"queries|messages?|emails?|notifications?|webhooks?|invoices?|sessions?|logins?|"
    r"signups?|downloads?|uploads?|charges?|sites?|stores?|devices?|apps?|records?|data)\b",
    re.IGNORECASE,
)
_MACHINES = re.compile(
    r"\b(?:hosts?|servers?|nodes?|machines?|instances?|pods?|containers?|services?|jobs?|"
    r"builds?|deploys?|deployments?|regions?|zones?|shards?|partitions?|disks?|volumes?|"
    r"clusters?|databases?|workers?|replicas?|alerts?|pages?|teams?|engineers?|endpoints?|"
    r"tests?|vms?|errors?|exceptions?|failures?|timeouts?|retries|events?|tickets?|"
    r"reports?|complaints?|systems?|components?|subnets?|connections?|files?|objects?|"
    r"keys?|buckets?|tables?|rows?|batches?|items?|packets?|outages?|incidents?|functions?|"
    r"products?|features?|metrics?|dashboards?|regressions?|prs?|packages?|sdks?)\b",
    re.IGNORECASE,
)


def _amount_unspecified(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A count a reader needs, in a sentence that gives none.

    User-facing things ("some customers") always need a count; machines and alerts
    ("several hosts") when the sentence says something went wrong with them; the
    nouns of a mechanism ("retried multiple times", "many lines") never. "How many
    users" is the coach's own question; "too many" says more than meant.
    """
    if index.words_before(match.start(), 1) in (["how"], ["too"]):
        return False
    if not _no_quantity(index, match, ctx):
        return False
    counted = match.group(0)
    if _USER_FACING.search(counted):
        return True
    return bool(_MACHINES.search(counted)) and _about_impact(index, match)


_NOT_HURT = re.compile(
    r"(?:seconds|minutes|hours|days|weeks|months|years|reasons|causes|things|ways|lessons|"
    r"steps|options|questions|ideas|modes|sentences|suggestions|herrings|words|lines|times|"
    r"changes|meetings|channels|strategies|factors|aspects)$",
    re.IGNORECASE,
)
_HURT_BEFORE = re.compile(r"\b(?:affect|impact)\w*\s+(?:\w+\s+)?$", re.IGNORECASE)


def _count_of_the_hurt(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Most add-ons stopped working": a share of the things that were hurt.

    The harm follows the things counted ("some customers could not pay") or
    comes just before them ("affecting several functions"); what we acted on
    ("we ejected some cache nodes") and the nouns of a story ("several hours
    later", "a few red herrings") are not counts a reader needs.
    """
    if index.words_before(match.start(), 1) in (["how"], ["too"], ["the"]):
        return False
    if _NOT_HURT.search(match.group(0)):
        return False
    clause = index.clause_words(match.start())
    if clause and clause[0].lower() in FIRST_PERSON_WORDS:
        return False
    start, end = index.sentence_span(match.start())
    after = index.text[match.end() : min(end, match.end() + 60)]
    before = index.text[max(start, match.start() - 25) : match.start()]
    hurt = bool(_IMPACT.search(after)) or bool(_HURT_BEFORE.search(before))
    return hurt and _no_quantity(index, match, ctx)


FIRST_PERSON_WORDS = frozenset({"we", "i", "we've", "we're", "we'd", "we'll", "our", "us"})


def _frequency_of_trouble(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """ "Jobs failed intermittently" asks how often; "we regularly deploy" is a habit."""
    start, end = index.sentence_span(match.start())
    near = index.text[max(start, match.start() - 30) : min(end, match.end() + 30)]
    return bool(_IMPACT.search(near)) and _no_quantity(index, match, ctx)


def _not_statistical(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """Only "statistically significant" is precise; any other "significant" needs a number."""
    before = index.words_before(match.start(), 1)
    return (not before or before[-1] != "statistically") and _no_quantity(index, match, ctx)


# Words that only order events ("eventually", "shortly after"); they ask "when?" only
# of a claim about how fast the trouble ended ("resolved shortly after").
_SEQUENCE_WORDS = frozenset(
    [
        "quickly",
        "rapidly",
        "promptly",
        "swiftly",
        "soon",
        "shortly",
        "eventually",
        "momentarily",
        "speedily",
        "later",
        "on",
        "before",
        "long",
        "right",
        "away",
        "over",
        "time",
    ]
) | {"later on", "before long", "right away", "over time", "in no time"}
_ENDED = re.compile(
    r"\b(?:resolved|fixed|mitigated|recovered|restored|resumed|back to normal|came back|"
    r"rolled back|reverted|remediated|contained|resolution|recovery|respond\w*|response|"
    r"completed|done|found|failover|detected|acknowledged|escalated|rollback)\b",
    re.IGNORECASE,
)


def _time_is_vague(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
    """A fuzzy time counts when it says how long the trouble lasted or took to end.

    "For some time", "it took a while" and "for an extended period" claim a
    duration; "eventually", "several hours later" or "after a few hours" only
    order the story, unless they say how soon it was resolved.
    """
    words = " ".join(match.group(0).lower().split())
    after = index.text[match.end() : match.end() + 20].lower()
    before = index.words_before(match.start(), 1)
    if words in {"soon", "eventually", "shortly"} and (
        after.startswith((" as", " consistent", " consistency")) or before == ["as"]
    ):
        return False
    if not _no_figure(index, match, ctx):
        return False
    if words in _SEQUENCE_WORDS:
        start, end = index.sentence_span(match.start())
        near = index.text[max(start, match.start() - 40) : min(end, match.end() + 40)]
        return bool(_ENDED.search(near))
    if before and before[-1] in {"after", "within", "in"}:
        return False
    return not after.lstrip().startswith(("later", "after", "afterwards", "before", "ago"))


_BELIEF = re.compile(
    r"\b(?:believed?|thought|assumed?|suspected|guessed|feared|expected|hypothesi[sz]ed|"
    r"wondered|seemed|appeared to|looked like|worried)\b",
    re.IGNORECASE,
)


# Sentences about the review itself or about tickets, not about what happened.
_NOT_ABOUT_THE_INCIDENT = re.compile(
    r"\b(?:post-?mortems?|post-incident reviews?|retrospectives?|blameless|learning from "
    r"incidents|(?:filed|file|opened|open|created|raised|track|tracked|tracking) (?:an? |the )?"
    r"(?:jira |github )?issues?|issue tracker|jira issues?|github issues?|an issue was filed)\b",
    re.IGNORECASE,
)


def _as_claim(check: Accept | None) -> Accept:
    """Vague words inside a reported belief ("we thought the DB was slow") are not claims.

    The review wants what people believed at the time, in their words; asking
    "how slow?" about a belief would push hindsight into it.
    """

    def accept(index: TextIndex, match: re.Match[str], ctx: Context) -> bool:
        start, end = index.sentence_span(match.start())
        lead = index.text[max(start, match.start() - 200) : match.start()]
        if _BELIEF.search(lead) or _NOT_ABOUT_THE_INCIDENT.search(index.text, start, end):
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
            r"once in a while|sometimes|often|infrequently|rarely|seldom|sporadic|periodic)\b"
        ),
        "'{0}' — how often?",
        "Give a rate or a count, e.g. '1 in 40 searches timed out' or '6 times between 10:00 "
        "and 11:00'.",
        accept=_frequency_of_trouble,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:" + _MEASURED + r")\b(?:\s+[\w-]+){0,4}?\s+(?:" + _MOVED + r")\b"
            r"(?!\s+(?:to|from|by|past|above|below|beyond|over|under)\s+[\d~<>])"
        ),
        "'{0}' — from what to what?",
        _HOW_MUCH,
        accept=_no_magnitude,
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
            r"difficulties|instability|hiccups?|glitch(?:es)?|degradation)\b"
            r"(?!\s+(?:where|when|that|because|which|caused|in which|with (?:the )?[\w-]+[_.]))"
        ),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.amount",
        pattern(
            r"\b(?:most|some|many|several|a few|very few|only a few|few|a subset of|a portion of|"
            r"portions of|a number of|a majority of|the majority of|a fraction of|part of)\s+"
            r"(?:of (?:the |our |their )?)?(?:[\w-]+\s+){0,2}?[a-z][\w-]*s\b"
        ),
        "'{0}' — how many?",
        _HOW_MANY,
        accept=_count_of_the_hurt,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:experienced|experiencing|saw|seeing|suffered|suffering|had|having|observed|"
            r"observing)\s+(?:some |intermittent |occasional |significant |major |minor |"
            r"widespread )?(?:delays|errors|failures|timeouts|degradation|disruptions?|slowness|"
            r"latency|outages?|instability|downtime)\b"
            r"|\b(?:(?:was|were|is|are)(?:n't| not)|not) (?:working|behaving|functioning|"
            r"performing|running) (?:as expected|properly|correctly|normally|as intended|well)\b"
            r"|\b(?:not|n't) (?:stable|reliable|fast|robust|resilient) enough\b"
            r"|\b(?:is|was|are|were|became|proved) (?:very |quite |highly )?problematic\b"
            r"|\b(?:platform|service|system|cluster|network|node|api|site|application|app)"
            r" instability\b"
        ),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.degree",
        pattern(
            r"\b(?:an?|the) (?:[\w-]+ )?(?:surge|spike|flood|burst|jump|rise|increase|drop|dip|"
            r"blip|wave|uptick|influx|explosion|slowdown) (?:in|of)\b"
            r"|\b(?:took|takes|take|taking) (?:a bit|a little|a while)(?: longer)?\b"
            r"|\b(?:took|takes|lasted|was|were|went on|ran|is|are) (?:a (?:bit|little) |much |far |"
            r"way )?longer(?: than (?:normal|usual|expected|planned|anticipated))?\b"
            r"|\b(?:too|so) (?:long|high|low|slow|often|quickly|fast)\b"
            r"|\bdegraded (?:service|performance|state|experiences?|availability|mode|capacity)\b"
            r"|\b(?:seems|seemed|appears|appeared) to have (?:improved|recovered|stabili[sz]ed)\b"
            r"|\b(?:became|become|becoming|got|getting|was|were|is|are) (?:much |a lot |far )?"
            r"(?:healthier|more stable|less stable|better|worse|slower|faster)\b"
            r"|\bmaking (?:[\w-]+ ){0,2}(?:slower|worse|unstable|unreliable)\b"
            r"|\b(?:improvements?|recovery) (?:were|was) (?:felt|seen|observed|noticed)\b"
            r"|\b(?:errors?|latency|load|traffic|performance|throughput) (?:improved|worsened|"
            r"recovered|stabili[sz]ed)\b"
        ),
        "'{0}' — by how much, measured how?",
        _HOW_MUCH,
        accept=_no_quantity,
    ),
    Rule(
        "vague.unspecific",
        pattern(r"\b(?P<what>[\w-]+) (?:issues|problems)\b"),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
        accept=_named_trouble,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:due to|because of|experiencing|experienced|having|had|there (?:were|was)|"
            r"with|identified|found|discovered|noticed|notice|observed) "
            r"(?:some |an? |several |many |ongoing |intermittent )?(?:issues?|problems?|"
            r"trouble) (?:with|in|on|within|affecting)\b"
            r"|\b(?:an?) (?:ongoing|unknown|underlying|internal|technical|unexpected|"
            r"upstream|separate|related|similar|new|general) (?:issues?|problems?|errors?)\b"
            r"(?!\s+(?:where|when|that|because|which|caused|in which|:))"
            r"|\b(?:triggered|caused|cause|causes|created|hit|had|saw|encountered|identified|"
            r"found|discovered) (?:an? |the |some )?"
            r"(?:problem|issue|error)\b(?!\s+(?:where|when|that|because|which|in which|:))"
            r"|\b(?:create|creates|cause|causes|causing) (?:some |many |more |further )?issues\b"
            r"|\b(?:improperly|incorrectly|wrongly|badly|poorly) "
            r"(?:configured|set up|sized|tuned)\b"
        ),
        "'{0}' — what went wrong, exactly?",
        "Name the system and the symptom a user or an alert saw, e.g. 'checkout returned "
        "HTTP 502'.",
        accept=_no_quantity,
    ),
    Rule(
        "vague.unspecific",
        pattern(
            r"\b(?:" + _BAD + r") (?:[\w-]+ ){0,3}?(?:" + _CONFIG_THINGS + r")\b"
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
