"""Patterns across the library: what many small reviews have in common (no Qt).

``find_patterns`` reads the reviews of a scope through the store and returns the
recurring contributing factors (grouped by category and by their shared words), the
services and layers of defence most involved, third-party factors, times to detect and
to mitigate, short versus full reviews, and how actions were followed through.
"""

from pmdesk.patterns.groups import FactorGroup, Link, Occurrence, group_factors
from pmdesk.patterns.report import learning_document, patterns_json
from pmdesk.patterns.similarity import compare, same_factor, words_of
from pmdesk.patterns.summary import Patterns, find_patterns, patterns_of
from pmdesk.store.patterns import Scope

__all__ = [
    "FactorGroup",
    "Link",
    "Occurrence",
    "Patterns",
    "Scope",
    "compare",
    "find_patterns",
    "group_factors",
    "learning_document",
    "patterns_json",
    "patterns_of",
    "same_factor",
    "words_of",
]
