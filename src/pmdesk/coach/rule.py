"""A rule: a compiled pattern plus the context checks that keep it from nagging.

Every rule family is a list of these. Patterns are written in lower case with
straight apostrophes; ``pattern()`` makes them case-insensitive and lets an
apostrophe match its typographic twin, since pasted text is full of both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pmdesk.coach.finding import Finding
from pmdesk.coach.subjects import SubjectReader
from pmdesk.coach.textindex import TextIndex


def pattern(source: str) -> re.Pattern[str]:
    """Compile a rule pattern: case-insensitive, either apostrophe, "have" or "'ve"."""
    source = source.replace(" have ", "(?: ha|')ve ")
    return re.compile(source.replace("'", "['’]"), re.IGNORECASE)


def alternatives(*groups: str | Sequence[str]) -> str:
    """A regex alternation, longest first so prefixes do not win.

    A string group is a whitespace-separated list of single words; a sequence
    group holds phrases, whose spaces match any run of whitespace.
    """
    words = [w for g in groups for w in (g.split() if isinstance(g, str) else g)]
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def word_set(words: str) -> frozenset[str]:
    """A set of lower-case words from a whitespace-separated list."""
    return frozenset(words.lower().split())


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know beyond the text: the review's people and systems."""

    subjects: SubjectReader


Accept = Callable[[TextIndex, "re.Match[str]", Context], bool]
Message = Callable[["re.Match[str]"], str]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check. ``message`` may use ``{0}`` for the matched words."""

    id: str
    regex: re.Pattern[str]
    message: str
    suggestion: str | None = None
    negatable: bool = True
    accept: Accept | None = None
    group: int = 0

    def findings(self, index: TextIndex, where: str, ctx: Context) -> Iterator[Finding]:
        for match in self.regex.finditer(index.text):
            start, end = match.span(self.group)
            if start < 0 or index.in_quotes(start, end):
                continue
            if self.negatable and index.negated(match.start()):
                continue
            if self.accept is not None and not self.accept(index, match, ctx):
                continue
            excerpt = index.text[start:end]
            yield Finding(
                rule=self.id,
                where=where,
                start=start,
                end=end,
                message=self.message.format(" ".join(excerpt.split())),
                suggestion=self.suggestion,
                excerpt=excerpt,
            )


def run(rules: Sequence[Rule], index: TextIndex, where: str, ctx: Context) -> list[Finding]:
    found: list[Finding] = []
    for rule in rules:
        found.extend(rule.findings(index, where, ctx))
    return found
