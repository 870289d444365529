"""When two contributing factors say the same thing: offline, and with the words that show why.

No model and no download: a factor's text becomes a set of content words, lower-cased,
stop words removed, cut to a stem by a few suffix rules and folded through a short
table of incident synonyms ("surge" and "spike" are one word here). Two factors match
when enough of those words are shared (Dice's coefficient: twice the shared words
over the words of both) and at least ``MIN_SHARED`` of them are.

System names are kept apart: a word with a hyphen, dot, underscore, slash or digit
(``payments-api``, ``db01``), a capitalised word inside a sentence (``Redis``), or a
service some review in the library names. Two factors that each name a system but
no system in common are about different systems and never match, however alike the
rest reads: "connection pool exhausted on payments-api" is not "… on search-api".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Dice's coefficient two factors' words must reach (tuned on half of the labelled pairs).
THRESHOLD = 0.4
#: Fewer shared words than this is chance ("the deploy", "the alert"), not a pattern.
MIN_SHARED = 2
#: At most this many words in the one place two otherwise alike factors differ.
SLOT = 3

_TOKEN = re.compile(r"[^\W_](?:[\w./-]*[^\W_])?")
#: Marks that only names carry: ``db01``, ``api.internal``, ``job_runner``, ``eu/west``.
_SYSTEM_MARK = re.compile(r"[_./]|\d")
#: Last parts that make a hyphenated word a component's name (``search-api``, ``pdf-renderer``);
#: other hyphenated words are ordinary compounds (``on-call``, ``third-party``) and split.
_COMPONENT_PART = re.compile(
    r"(?:api|svc|service|db|web|app|proxy|gateway|server|worker|workers|queue|cache|cluster|"
    r"primary|replica|east|west|north|south|central|[a-z]{3,}(?:er|or|ers|ors))$"
)
#: Capitals that name a kind of thing, not one system (CRM or Kafka is a system; DNS is not).
_GENERIC = """
    api apis http https dns tls ssl cpu gc jvm oom dlq sms cdn url ip ips id ids yaml json sql
    vpn dst sftp ssh slo sla ui db wal ttl cron ci cd qa pr prs os vm vms io nfs ssd lb
"""
GENERIC_ACRONYMS = frozenset(_GENERIC.split())

_STOP = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with
    would you your yet still even ever never again got get gets getting
    cause caused causes causing due issue issues problem problems led lead leading result
    resulted resulting meant because without within across via whole one two several many
    much every anyone someone something nothing anything thing things etc
"""
STOP_WORDS = frozenset(_STOP.split())

#: Incident words that people use for one another; each folds to the first stem listed.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("spike", "surge", "burst", "peak", "jump"),
    ("grow", "grew", "rise", "increas", "climb"),
    ("alert", "alarm", "pag", "page", "pager", "paging", "notif", "notific"),
    ("typo", "malform", "invalid"),
    ("dst", "daylight"),
    ("deploy", "releas", "rollout", "ship", "push"),
    ("databas", "db"),
    ("cert", "certif", "certificat"),
    ("config", "configur", "set", "setting"),
    ("timeout", "timed"),
    ("exhaust", "saturat", "depl", "ran"),
    ("runbook", "playbook"),
    ("stale", "outdat", "obsolet"),
    ("retri", "retry"),
    ("disk", "volum", "storag"),
    ("fill", "full"),
    ("memory", "ram", "heap", "oom"),
    ("expir", "lapsed", "laps"),
    ("slow", "latenc", "lag"),
    ("fail", "failur", "broke", "break", "brok"),
    ("miss", "absent", "lack", "lacking"),
    ("owner", "ownership", "own"),
    ("test", "coverag"),
    ("dashboard", "graph", "panel"),
    ("throttl", "rate-limit", "rate-limiting", "ratelimit"),
    ("rollback", "revert", "roll"),
    ("vendor", "provider", "supplier", "third-party"),
    ("queu", "backlog"),
)

_SUFFIXES = (
    "ations",
    "ation",
    "itions",
    "ition",
    "ions",
    "ion",
    "ments",
    "ment",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "er",
    "es",
    "ed",
    "ly",
    "s",
)


def _cut(word: str) -> str:
    """The suffix rules alone: 'exhausted', 'exhaustion' → 'exhaust'."""
    for suffix in _SUFFIXES:
        least = 2 if suffix == "s" else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= least:
            if suffix == "s" and word.endswith("ss"):
                break
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    if len(word) > 3 and word[-1] in "ey":
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word


_SYNONYMS = {
    form: group[0] for group in _SYNONYM_GROUPS for word in group for form in (word, _cut(word))
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A word cut to its stem and folded through the synonyms: 'surges' → 'spike'."""
    if word in _SYNONYMS:
        return _SYNONYMS[word]
    cut = _cut(word)
    return _SYNONYMS.get(cut, cut)


@dataclass(frozen=True, slots=True)
class Words:
    """A factor's text as the comparison reads it: content stems and the systems it names."""

    stems: frozenset[str]
    systems: frozenset[str]
    #: The stems in the order the text says them, for telling a changed subject.
    sequence: tuple[str, ...] = ()
    #: The word of the text behind each stem of ``sequence``.
    spelt: tuple[str, ...] = ()
    #: For each stem, the first word of the text it came from, so a reader sees real words.
    surface: tuple[tuple[str, str], ...] = ()

    def shown(self, stems: Iterable[str]) -> list[str]:
        """The words behind some stems, as the text spelt them, in a stable order."""
        spelt = dict(self.surface)
        return sorted(spelt.get(s, s) for s in stems)


def fold_names(services: Iterable[str]) -> frozenset[str]:
    """Service names as ``words_of`` looks them up; fold once, then pass the result."""
    return frozenset(s.casefold() for s in services)


def words_of(text: str, services: Iterable[str] = ()) -> Words:
    """The content stems and system names of one factor's text.

    ``services`` are the library's service names: a factor naming one names a system.
    """
    known = services if isinstance(services, frozenset) else fold_names(services)
    stems: set[str] = set()
    sequence: list[str] = []
    spelt: list[str] = []
    systems: set[str] = set()
    surface: dict[str, str] = {}
    first = True
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        word = raw.casefold()
        starts_sentence = first or text[: match.start()].rstrip().endswith((".", ":", ";", "!"))
        first = False
        if word in STOP_WORDS or word.isdigit():
            continue
        if _is_system(raw, word, known, starts_sentence):
            systems.add(word)
            stems.add(word)
            sequence.append(word)
            spelt.append(word)
            surface.setdefault(word, raw)
            continue
        whole = stem(word)
        parts = [word] if "-" not in word or whole in _SYNONYM_STEMS else word.split("-")
        for part in parts:
            if len(part) < 2 or part in STOP_WORDS:
                continue
            stemmed = stem(part)
            stems.add(stemmed)
            sequence.append(stemmed)
            spelt.append(part)
            surface.setdefault(stemmed, part)
    return Words(
        frozenset(stems),
        frozenset(systems),
        tuple(sequence),
        tuple(spelt),
        tuple(sorted(surface.items())),
    )


_SYNONYM_STEMS = frozenset(_SYNONYMS.values())


def _is_system(raw: str, word: str, known: frozenset[str], starts_sentence: bool) -> bool:
    """Whether a word names one system rather than saying what happened."""
    if word in known or _SYSTEM_MARK.search(word):
        return True
    if "-" in word:
        return _COMPONENT_PART.search(word) is not None
    if raw.isupper() and len(raw) >= 2:
        return word not in GENERIC_ACRONYMS
    return raw[0].isupper() and raw[1:].islower() and not starts_sentence


@dataclass(frozen=True, slots=True)
class Match:
    """Why two factors were (or were not) taken as the same: the score and the shared words."""

    score: float
    shared: frozenset[str]
    #: True when each names a system and they name none in common.
    other_systems: bool
    #: The words each says where the other, otherwise worded alike, says another
    #: ("orders" / "invoices" in "migration locked the … table"); empty when none.
    swapped: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @property
    def same(self) -> bool:
        return (
            not self.other_systems
            and not self.swapped[0]
            and len(self.shared) >= MIN_SHARED
            and self.score >= THRESHOLD
        )


def compare(a: Words, b: Words) -> Match:
    """How alike two factors' words are, by the one rule (see the module's docstring)."""
    shared = a.stems & b.stems
    total = len(a.stems) + len(b.stems)
    score = 2 * len(shared) / total if total else 0.0
    other = bool(a.systems) and bool(b.systems) and not (a.systems & b.systems)
    return Match(score, shared, other, _swapped(a, b))


def _swapped(one: Words, two: Words) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The slot two factors fill differently when they are the same sentence around it.

    Synonyms are folded already, so what still differs between the same leading and
    trailing words names another thing: "the orders table" is not "the invoices table".
    A different verb on both sides ("approved" / "went out") is a rewording, not a swap.
    """
    a, b = one.sequence, two.sequence
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    mid_a, mid_b = a[head : len(a) - tail], b[head : len(b) - tail]
    if head + tail < MIN_SHARED or not (0 < len(mid_a) <= SLOT and 0 < len(mid_b) <= SLOT):
        return ((), ())
    if set(mid_a) & set(mid_b):
        return ((), ())
    said_a = one.spelt[head : len(a) - tail]
    said_b = two.spelt[head : len(b) - tail]
    if _has_verb(said_a) and _has_verb(said_b):
        return ((), ())
    return (said_a, said_b)


#: Common irregular past forms, which the '-ed' test cannot see.
_PAST = "went ran took made broke fell gave got hit kept left lost put sent set shut told knew saw"
_IRREGULAR_PAST = frozenset([*_PAST.split(), "came", "grew", "rose", "drew", "wrote"])


def _has_verb(words: Sequence[str]) -> bool:
    """Whether a slot holds a verb in the past, the way incident factors are written."""
    return any(w.endswith("ed") or w in _IRREGULAR_PAST for w in words)


def same_factor(a: str, b: str, services: Iterable[str] = ()) -> bool:
    """Whether two factor texts say the same thing (for the labelled pairs and the board)."""
    names = tuple(services)
    return compare(words_of(a, names), words_of(b, names)).same
