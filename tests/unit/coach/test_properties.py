"""Properties that hold for any text a user could type or import."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pmdesk.coach import format_findings, lint_review, lint_text, readiness, review_texts
from pmdesk.model import Action, Factor, Person, Review, WentWell

# Words the rules care about, mixed with anything at all, so matches actually happen.
_TRIGGERS = st.sampled_from(
    [
        "careless",
        "should have known",
        "failed to notice",
        "some users",
        "quickly",
        "the root cause",
        "was slow",
        "Improve",
        '"',
        "'",
        "“",
        "`",
        "not ",
        "14:02 ",
        "\n",
        ". ",
        "Alex ",
        "’s fault",
    ]
)
_TEXT = st.lists(st.one_of(_TRIGGERS, st.text(max_size=30)), max_size=25).map("".join)
_WHERE = st.sampled_from(["narrative", "summary", "actions[0].text", "events[2].detail"])
_NEUTRAL_PREFIX = "Background follows.\n\n"


@settings(max_examples=300, deadline=None)
@given(_TEXT, _WHERE)
def test_findings_point_inside_the_text(text: str, where: str) -> None:
    findings = lint_text(text, where)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.where == where
        assert f.excerpt == text[f.start : f.end]
        assert f.message and f.key.startswith(f.rule + "|" + where + "|")
    assert findings == lint_text(text, where)  # deterministic


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_keys_survive_edits_above_the_finding(text: str) -> None:
    """Dismissal uses keys; typing a paragraph above must not resurrect a dismissed finding."""
    before = lint_text(text, "summary")
    after = lint_text(_NEUTRAL_PREFIX + text, "summary")
    assert [f.key for f in before] == [f.key for f in after]
    assert [f.start + len(_NEUTRAL_PREFIX) for f in before] == [f.start for f in after]


@settings(max_examples=100, deadline=None)
@given(_TEXT, _WHERE)
def test_output_is_valid_json_for_any_text(text: str, where: str) -> None:
    rows = json.loads(format_findings(lint_text(text, where), as_json=True))
    assert all(
        set(row) == {"rule", "where", "start", "end", "message", "suggestion"} for row in rows
    )


_FIELD = re.compile(
    r"^(?:title|summary|narrative|impact(?:\.description)?|factors|went_well|events"
    r"|(?:events|factors|actions|went_well|notes)\[\d+\](?:\.\w+)?)$"
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TEXT, min_size=6, max_size=6), st.integers(0, 3))
def test_lint_review_names_real_fields(texts: list[str], count: int) -> None:
    title, summary, narrative, factor, action, went = texts
    review = Review(
        id="r",
        title=title,
        summary=summary,
        narrative=narrative,
        people=(Person("p", "Alex Rivera"),),
        factors=tuple(Factor(f"f{i}", "l", factor, third_party=i == 0) for i in range(count)),
        actions=tuple(Action(f"a{i}", action, factors=("f0",)) for i in range(count)),
        went_well=tuple(WentWell(f"w{i}", went) for i in range(count)),
    )
    texts_by_field = dict(review_texts(review))
    findings = lint_review(review)
    for f in findings:
        assert _FIELD.match(f.where), f.where
        if f.end > f.start:
            assert texts_by_field[f.where][f.start : f.end] == f.excerpt
    summary_of = readiness(review)
    assert summary_of.total == len(findings)
    assert len(summary_of.top) <= 3
