"""Limits on what a review holds: refused in one line where reviews enter, nothing written.

A 50 MB title was accepted once, and then every snapshot, overview and report
of that review ran for minutes. The library and the .pmreview reader share the
bounds in pmdesk.model.limits, so what one takes the other takes too.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from pmdesk.errors import BadInput, BadReviewFile
from pmdesk.model import limits
from pmdesk.model.review import Event, EventKind, Factor, Layer, Person, Review
from pmdesk.store import Library
from pmdesk.store.pmreview import read_review_bytes, review_to_dict

HUGE = 50 * 2**20  # 52,428,800 characters
AT = datetime(2026, 3, 4, 14, 5, tzinfo=UTC)


def _small_review(title: str = "Checkout outage") -> Review:
    layer = Layer(id="l1", name="Detection", order=0)
    return Review(
        id="r1",
        title=title,
        layers=(layer,),
        events=(Event(id="e1", at=AT, kind=EventKind.ESCALATION, title="Paged on-call"),),
        factors=(Factor(id="f1", layer="l1", text="No alert on error rate"),),
    )


def _document(review: Review) -> dict[str, object]:
    return review_to_dict(review)


def _read(doc: dict[str, object]) -> Review:
    return read_review_bytes(json.dumps(doc).encode(), "big.pmreview")


# -- the library ---------------------------------------------------------------


def test_library_refuses_a_50_mb_title_in_one_line_and_stores_nothing(
    sqlite_library: Library,
) -> None:
    with pytest.raises(BadInput) as caught:
        sqlite_library.add_review(_small_review("x" * HUGE))
    assert str(caught.value) == "review title is 52,428,800 characters; pmdesk takes at most 500"
    assert sqlite_library.list_reviews() == []


def test_library_takes_a_title_at_the_limit_and_refuses_one_past_it(
    sqlite_library: Library,
) -> None:
    at_limit = "t" * limits.MAX_TITLE_CHARS
    stored = sqlite_library.add_review(_small_review(at_limit))
    assert stored.title == at_limit
    with pytest.raises(BadInput) as caught:
        sqlite_library.update_review(stored.id, title=at_limit + "t")
    assert str(caught.value) == "review title is 501 characters; pmdesk takes at most 500"
    assert sqlite_library.get_review(stored.id).title == at_limit


def test_library_bounds_every_text_field_of_an_item(sqlite_library: Library) -> None:
    review = sqlite_library.add_review(_small_review())
    longest = "d" * limits.MAX_TEXT_CHARS
    event = Event(id="e2", at=AT, kind=EventKind.NOTE, title=longest, detail=longest)
    sqlite_library.put_item(review.id, event)
    assert sqlite_library.get_review(review.id).event("e2") == event

    too_long = Factor(id="f2", layer="l1", text=longest + "d")
    with pytest.raises(BadInput) as caught:
        sqlite_library.put_item(review.id, too_long)
    assert str(caught.value) == "factor text is 100,001 characters; pmdesk takes at most 100,000"
    assert sqlite_library.get_review(review.id).factor("f2") is None


def test_library_refuses_more_items_than_a_review_holds_in_an_import(
    sqlite_library: Library,
) -> None:
    bound = limits.MAX_ITEMS["events"]
    event = _small_review().events[0]
    crowded = _small_review().replace(events=(event,) * (bound + 1))
    with pytest.raises(BadInput) as caught:
        sqlite_library.add_review(crowded)
    assert str(caught.value) == (
        "events: the review has 200,001 of them; pmdesk takes at most 200,000"
    )
    assert sqlite_library.list_reviews() == []


def test_library_refuses_an_edit_that_takes_a_part_past_its_bound(
    sqlite_library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ITEMS", {**limits.MAX_ITEMS, "people": 3})
    review = sqlite_library.add_review(_small_review())
    people = [Person(id=f"p{n}", name=f"Person {n}") for n in range(3)]
    sqlite_library.put_items(review.id, people)
    with pytest.raises(BadInput) as caught:
        sqlite_library.put_item(review.id, Person(id="p9", name="One too many"))
    assert str(caught.value) == "people: the review has 4 of them; pmdesk takes at most 3"
    assert [p.id for p in sqlite_library.get_review(review.id).people] == ["p0", "p1", "p2"]


# -- the .pmreview reader --------------------------------------------------------


def test_reader_refuses_a_50_mb_title_in_one_line() -> None:
    doc = _document(_small_review())
    doc["review"] = {**doc["review"], "title": "x" * HUGE}  # type: ignore[dict-item]
    with pytest.raises(BadReviewFile) as caught:
        _read(doc)
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith("review.title is 52,428,800 characters; pmdesk takes at most 500")


def test_reader_takes_values_at_the_limits() -> None:
    review = _small_review("t" * limits.MAX_TITLE_CHARS)
    longest = "d" * limits.MAX_TEXT_CHARS
    review = review.replace(
        summary=longest,
        factors=(Factor(id="f1", layer="l1", text=longest),),
    )
    assert _read(_document(review)) == review


def test_reader_names_the_item_field_past_its_bound() -> None:
    doc = _document(_small_review())
    doc["events"][0]["detail"] = "d" * (limits.MAX_TEXT_CHARS + 1)  # type: ignore[index]
    with pytest.raises(BadReviewFile) as caught:
        _read(doc)
    assert str(caught.value).endswith(
        "events[0].detail is 100,001 characters; pmdesk takes at most 100,000"
    )


def test_reader_refuses_more_events_than_the_library_holds() -> None:
    doc = _document(_small_review())
    doc["events"] = [{}] * (limits.MAX_ITEMS["events"] + 1)
    with pytest.raises(BadReviewFile) as caught:
        _read(doc)
    assert str(caught.value).endswith(
        "events: the review has 200,001 of them; pmdesk takes at most 200,000"
    )
