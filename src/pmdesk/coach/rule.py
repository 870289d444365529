"""A rule: a compiled pattern plus the context checks that keep it from nagging.

Every rule family is a list of these. Patterns are written in lower case with
straight apostrophes; ``pattern()`` makes them case-insensitive and lets an
apostrophe match its typographic twin, since pasted text is full of both.

Speed matters because the GUI lints on every pause in typing. Word lists become
prefix trees (``careless(?:ly|ness)?``) rather than flat alternations, and when
lower-casing keeps the text's length, rules scan the lower-cased text with a
case-sensitive twin of their pattern, which Python's ``re`` runs about twice as
fast as an IGNORECASE one.
"""

from __future__ import annotations

import functools
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
    trie = _Node()
    for word in words:
        node = trie
        for char in word:
            token = r"\s+" if char == " " else re.escape(char)
            node = node.setdefault(token, _Node())
        node[""] = _Node()
    return _emit(trie)


class _Node(dict[str, "_Node"]):
    """A prefix-tree node: regex token → child; the key "" marks the end of a word."""


def _emit(node: _Node) -> str:
    """Regex for a prefix tree: shared prefixes once, longer continuations tried first."""
    ends_here = "" in node
    branches = [token + _emit(child) for token, child in sorted(node.items()) if token]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) == 1 else body + "?"
    return body


@functools.cache
def _lowercase_twin(regex: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without IGNORECASE, to run on the field's text lowered once for all rules."""
    return re.compile(regex.pattern, regex.flags & ~re.IGNORECASE)


def group_text(index: TextIndex, match: re.Match[str], name: str | int = 0) -> str | None:
    """A group's words in their original case (rules may match a lower-cased copy)."""
    start, end = match.span(name)
    return None if start < 0 else index.text[start:end]


def word_set(words: str) -> frozenset[str]:
    """A set of lower-case words from a whitespace-separated list."""
    return frozenset(words.lower().split())


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may know beyond the text: the review's people and systems."""

    subjects: SubjectReader


Accept = Callable[[TextIndex, "re.Match[str]", Context], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check. ``message`` may use ``{0}`` for the matched words."""

    id: str
    regex: re.Pattern[str]
    message: str
    suggestion: str | None = None
    negatable: bool = True
    accept: Accept | None = None

    def findings(self, index: TextIndex, where: str, ctx: Context) -> Iterator[Finding]:
        """Matches outside quotes and negations that the rule's accept check keeps."""
        if index.lower is not None:
            matches = _lowercase_twin(self.regex).finditer(index.lower)
        else:
            matches = self.regex.finditer(index.text)
        for match in matches:
            start, end = match.span()
            if index.in_quotes(start, end):
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
    """All rules over one field, in rule order; lint sorts and dedupes afterwards."""
    found: list[Finding] = []
    for rule in rules:
        found.extend(rule.findings(index, where, ctx))
    return found
