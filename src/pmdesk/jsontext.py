"""JSON from other people's files, where a key given twice is refused, not resolved.

``json.loads`` keeps the last of two equal keys and says nothing (PITFALLS IM-10):
``{"user": "alice", "user": "mallory"}`` reads as mallory, while another tool
that keeps the first reads alice. A file that says two things is refused, with
the key and where it is, so the user can see what the file meant.
"""

from __future__ import annotations

import json
from typing import Any


class DuplicateKey(ValueError):
    """An object in the document gives the same key twice."""

    def __init__(self, key: str, where: str) -> None:
        super().__init__(f"the key {key!r} appears twice in {where}")
        self.key = key
        self.where = where


class _Twice(dict[str, Any]):
    """An object that had a key twice; remembered so the walk can say where it is."""

    key: str = ""


#: More digits than any count, size or time in an export has; Python refuses 4,300
#: with a message about ``sys.set_int_max_str_digits()`` that means nothing to a user.
MAX_INT_DIGITS = 100


def _whole_number(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise ValueError(f"a number of {digits:,} digits is too long to be a value")
    return int(text)


def loads_strict(data: bytes | str, **options: Any) -> Any:
    """``json.loads`` with ``options``, raising DuplicateKey for a key given twice.

    A whole number longer than ``MAX_INT_DIGITS`` digits is a ValueError in plain words.
    """
    options.setdefault("parse_int", _whole_number)
    flagged: list[_Twice] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        twice = _Twice(obj)
        seen: set[str] = set()
        for key, _ in items:
            if key in seen:
                twice.key = key
                break
            seen.add(key)
        flagged.append(twice)
        return twice

    document = json.loads(data, object_pairs_hook=pairs, **options)
    if flagged:
        first = flagged[0]
        raise DuplicateKey(first.key, _path_to(document, first) or "the document")
    return document


def _path_to(document: Any, target: _Twice) -> str | None:
    """``$.events[2].source`` for the object ``target``, found by identity.

    A stack, not recursion: json accepts documents nested nearly as deep as
    Python's recursion limit, and the walk must not be the one to trip on it.
    """
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        path, node = stack.pop()
        if node is target:
            return path
        if isinstance(node, dict):
            stack.extend((f"{path}.{key}", value) for key, value in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{path}[{i}]", value) for i, value in reversed(list(enumerate(node))))
    return None
