"""Who a clause is about: a person, something that might be a person's name, or a thing.

"Failed to", "should have" and "ignored" judge a person but describe a machine
neutrally ("the job failed to start"). The coach tells them apart by the head
word of the clause's subject: pronouns and role nouns are people; names from the
review's people list are people; a capitalised word that is not a known system
might be a name; everything else is a thing.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence


class Subject(enum.Enum):
    PERSON = "person"
    MAYBE_PERSON = "maybe_person"
    THING = "thing"


PRONOUNS = frozenset(
    {"he", "she", "i", "we", "you", "someone", "somebody", "everyone", "everybody"}
    | {"anyone", "anybody", "whoever", "us", "him", "her", "them"}
)
# "they" refers to pods as often as to people; treat it like an unknown name.
AMBIGUOUS_PRONOUNS = frozenset({"they"})
FIRST_PERSON = frozenset({"we", "i", "us"})

ROLES = frozenset(
    {
        "engineer",
        "developer",
        "dev",
        "operator",
        "on-call",
        "oncall",
        "on-caller",
        "responder",
        "reviewer",
        "author",
        "admin",
        "administrator",
        "sysadmin",
        "sre",
        "team",
        "manager",
        "lead",
        "person",
        "people",
        "staff",
        "employee",
        "contractor",
        "member",
        "intern",
        "ic",
        "commander",
        "human",
        "tester",
        "analyst",
        "architect",
        "technician",
        "dba",
        "colleague",
        "coworker",
        "teammate",
        "folks",
        "individual",
        "approver",
        "committer",
        "maintainer",
        "newcomer",
        "hire",
        "owner",
        "captain",
        "coordinator",
        "programmer",
        "coder",
        "scientist",
        "specialist",
        "consultant",
        "on-duty",
    }
)

# People whose failure to do something is the incident's impact, not anyone's fault.
AFFECTED = frozenset(
    {"user", "customer", "client", "visitor", "subscriber", "buyer", "caller", "merchant"}
)

SYSTEMS = frozenset(
    {
        "kafka",
        "redis",
        "postgres",
        "postgresql",
        "mysql",
        "kubernetes",
        "k8s",
        "nginx",
        "terraform",
        "ansible",
        "jenkins",
        "consul",
        "etcd",
        "zookeeper",
        "elasticsearch",
        "cassandra",
        "mongodb",
        "docker",
        "helm",
        "prometheus",
        "grafana",
        "alertmanager",
        "pagerduty",
        "datadog",
        "sentry",
        "github",
        "gitlab",
        "aws",
        "gcp",
        "azure",
        "s3",
        "ec2",
        "rds",
        "lambda",
        "cloudflare",
        "fastly",
        "akamai",
        "stripe",
        "twilio",
        "okta",
        "dns",
        "bgp",
        "haproxy",
        "envoy",
        "istio",
        "linux",
        "systemd",
        "cron",
        "chef",
        "puppet",
        "vault",
        "spinnaker",
        "argo",
        "argocd",
        "airflow",
        "spark",
        "memcached",
        "rabbitmq",
        "sqs",
        "sns",
        "dynamodb",
        "bigquery",
        "heroku",
        "slack",
        "jira",
        "google",
        "amazon",
        "microsoft",
    }
)
_NOT_PEOPLE = frozenset(
    {"it", "the", "this", "these", "those", "there", "what", "something"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"january", "february", "march", "april", "june", "july", "august", "september"}
    | {"october", "november", "december", "utc"}
)

_SKIP = frozenset(
    {
        "just",
        "simply",
        "also",
        "then",
        "again",
        "still",
        "clearly",
        "apparently",
        "unfortunately",
        "repeatedly",
        "had",
        "has",
        "have",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "who",
        "that",
        "which",
        "initially",
        "later",
        "subsequently",
        "first",
        "both",
        "all",
        "probably",
        "likely",
        "accidentally",
        "mistakenly",
        "completely",
        "totally",
        "somehow",
        "ultimately",
        "actually",
        "really",
        "once",
        "twice",
        "themselves",
        "himself",
        "herself",
        "ourselves",
        "myself",
        "yourself",
        "originally",
        "only",
        "even",
        "obviously",
        "entirely",
        "basically",
        "sadly",
        "seemingly",
    }
)
_DETERMINERS = frozenset(
    {"the", "a", "an", "our", "its", "this", "that", "these", "those", "their", "his", "her", "my"}
)


class SubjectReader:
    """Classifies clause subjects, knowing the review's people and services by name."""

    def __init__(self, people: Iterable[str] = (), systems: Iterable[str] = ()) -> None:
        """Every part of a person's name counts, so "Sam" finds "Sam Rivera"; initials do not."""
        names: set[str] = set()
        for name in people:
            names.update(part.lower() for part in name.split() if len(part) > 1)
        self._people = frozenset(names)
        self._systems = SYSTEMS | frozenset(s.lower() for s in systems)

    def is_person_word(self, word: str) -> bool:
        """A pronoun, a role ("the on-call engineers") or a part of a review person's name."""
        low = word.lower()
        if low.endswith(("'s", "’s")):
            low = low[:-2]
        return low in PRONOUNS or _singular(low) in ROLES or low in self._people

    def is_system_word(self, word: str) -> bool:
        """A known service or vendor: a capitalised name that is a machine, not a person."""
        return word.lower() in self._systems

    def classify(self, words: Sequence[str]) -> tuple[Subject, str]:
        """The subject of a clause given its words (original case, verb excluded)."""
        head_index = -1
        for i in range(len(words) - 1, -1, -1):
            if words[i].lower() not in _SKIP:
                head_index = i
                break
        if head_index < 0:
            return Subject.THING, ""
        head = words[head_index]
        low = head.lower()
        if low in _NOT_PEOPLE:
            return Subject.THING, low
        if low in AMBIGUOUS_PRONOUNS:
            return Subject.MAYBE_PERSON, low
        if low in PRONOUNS or low in self._people:
            return Subject.PERSON, low
        singular = _singular(low)
        if singular in AFFECTED:
            return Subject.THING, low
        if singular in ROLES:
            return Subject.PERSON, low
        before = words[head_index - 1].lower() if head_index > 0 else ""
        if head[:1].isupper() and before not in _DETERMINERS and low not in self._systems:
            return Subject.MAYBE_PERSON, low
        return Subject.THING, low

    def opening(self, words: Sequence[str]) -> tuple[Subject, str]:
        """The actor that opens a clause: "Someone wrote ...", "An operator on the night shift".

        ``classify`` reads the last word before a match, which after a verb is its
        object ("wrote a raw update"); a clause's subject comes first, so this reads
        the first noun phrase: a pronoun, a role after a determiner, or a name.
        """
        if not words:
            return Subject.THING, ""
        first = words[0].lower()
        if first in PRONOUNS and first not in {"us", "him", "her", "them"}:
            return Subject.PERSON, first
        if first in _DETERMINERS and first not in {"his", "her", "their", "my", "our"}:
            for word in words[1:3]:
                low = word.lower()
                if self.is_person_word(low) and _singular(low) not in AFFECTED:
                    return Subject.PERSON, low
            return Subject.THING, first
        if first in self._people:
            return Subject.PERSON, first
        for word in words[1:2]:
            # "Support staff deleted ...", "Ops engineers ran ...": a role after its modifier.
            low = word.lower()
            if _singular(low) in ROLES and _singular(low) not in AFFECTED:
                return Subject.PERSON, low
        head = words[0]
        second = words[1].lower() if len(words) > 1 else ""
        if (
            head[:1].isupper()
            and not head.isupper()
            and first not in _NOT_PEOPLE
            and first not in self._systems
            and first not in _SKIP
            and (second.endswith("ed") or second in _PAST_ACTS)
        ):
            return Subject.MAYBE_PERSON, first
        return Subject.THING, first


# Irregular past tenses an actor opens a clause with ("Dana wrote", "Sam ran").
_PAST_ACTS = frozenset(
    [
        "ran",
        "wrote",
        "took",
        "made",
        "put",
        "set",
        "sent",
        "built",
        "broke",
        "forgot",
        "did",
        "went",
        "drove",
        "gave",
        "kept",
        "left",
        "let",
        "lost",
        "meant",
        "met",
        "paid",
        "read",
        "said",
        "saw",
        "shut",
        "told",
        "thought",
        "understood",
        "chose",
    ]
)


def _singular(word: str) -> str:
    """Plural roles read as singular ("engineers"); "people" and "-ss" words stay as they are."""
    if word.endswith("people"):
        return word
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
