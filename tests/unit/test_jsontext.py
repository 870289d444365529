"""Strict JSON: a key given twice is refused and located; everything else reads as json does."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmdesk.jsontext import DuplicateKey, loads_strict

documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=15,
)


@given(documents)
def test_a_document_without_repeats_reads_as_json_reads_it(document: object) -> None:
    data = json.dumps(document)
    assert loads_strict(data) == json.loads(data)


@pytest.mark.parametrize(
    ("data", "key", "where"),
    [
        ('{"user": "alice", "user": "mallory"}', "user", "$"),
        ('{"a": [1, {"b": 2, "c": 0, "b": 3}]}', "b", "$.a[1]"),
        ('[{"x": {"k": 1}}, {"x": {"k": 1, "k": 1}}]', "k", "$[1].x"),
        ('{"a": {"k": 1, "k": 2}, "b": {"j": 1, "j": 2}}', "k", "$.a"),
    ],
)
def test_a_key_given_twice_is_refused_with_where_it_is(data: str, key: str, where: str) -> None:
    with pytest.raises(DuplicateKey) as caught:
        loads_strict(data)
    assert (caught.value.key, caught.value.where) == (key, where)
    assert str(caught.value) == f"the key {key!r} appears twice in {where}"


def test_the_walk_survives_a_document_nested_as_deep_as_json_allows() -> None:
    depth = 900
    data = "[" * depth + '{"a": 1, "a": 2}' + "]" * depth
    with pytest.raises(DuplicateKey) as caught:
        loads_strict(data)
    assert caught.value.where == "$" + "[0]" * depth


def test_options_reach_json() -> None:
    def refuse(name: str) -> object:
        raise ValueError(f"no {name}")

    with pytest.raises(ValueError, match="no NaN"):
        loads_strict("[NaN]", parse_constant=refuse)
