"""Hypothesis: any review, any text, every audience and format exports and reads back."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph as RLParagraph

from pmdesk.clock import format_day
from pmdesk.model.review import (
    Action,
    ActionStatus,
    Event,
    EventKind,
    Factor,
    Layer,
    Person,
    Review,
    Stage,
)
from pmdesk.report import Audience, Format, render_report
from pmdesk.report.markdown import escape_markdown
from pmdesk.report.pdf_text import SANS, has_glyph, markup, visual_order
from pmdesk.text import shown_text

ReadBack = Callable[[str, bytes], str]
RTL = frozenset({"R", "AL", "AN"})


def squash(text: str) -> str:
    # Soft hyphens are reportlab's hints; zero-width spaces keep Markdown links inert.
    flat = "".join(unicodedata.normalize("NFKC", text).split())
    return flat.replace("\u00ad", "").replace("\u200b", "")


def printable(text: str) -> bool:
    """Text a PDF reader can give back as typed: every glyph bundled, left-to-right.

    Characters beyond U+FFFF count too: the ToUnicode map writes them as UTF-16 pairs.
    """
    return all(has_glyph(c) and unicodedata.bidirectional(c) not in RTL for c in text)


any_text = st.text(max_size=80)
markup_text = st.text(alphabet=st.sampled_from("<>&;/\"'=#*_`[]|\\!-+.1 \nab"), max_size=40)
user_text = st.one_of(any_text, markup_text)
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    people = tuple(
        Person(f"p{n}", draw(user_text), role=draw(st.none() | user_text))
        for n in range(draw(st.integers(0, 3)))
    )
    person_ids = [p.id for p in people]
    owner = st.none() | st.sampled_from(person_ids) if person_ids else st.none()
    events = tuple(
        Event(
            f"e{n}",
            draw(moments),
            draw(st.sampled_from(EventKind)),
            draw(user_text),
            detail=draw(st.none() | user_text),
            knew=draw(st.none() | user_text),
            actor=draw(owner),
            key=draw(st.booleans()),
        )
        for n in range(draw(st.integers(0, 6)))
    )
    layers = tuple(
        Layer(f"l{n}", draw(user_text), stage=draw(st.none() | st.sampled_from(Stage)))
        for n in range(draw(st.integers(1, 3)))
    )
    factors = tuple(
        Factor(
            f"f{n}",
            draw(st.sampled_from([layer.id for layer in layers])),
            draw(user_text),
            category=draw(st.none() | st.sampled_from(["process", "technology", "third_party"])),
            third_party=draw(st.booleans()),
            on_trajectory=draw(st.booleans()),
        )
        for n in range(draw(st.integers(0, 5)))
    )
    actions = tuple(
        Action(
            f"a{n}",
            draw(user_text),
            owner=draw(owner),
            outcome=draw(st.none() | user_text),
            due=draw(st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1))),
            status=draw(st.sampled_from(ActionStatus)),
        )
        for n in range(draw(st.integers(0, 4)))
    )
    start = draw(st.none() | moments)
    return Review(
        id="r-gen",
        title=draw(user_text),
        summary=draw(st.none() | user_text),
        narrative=draw(st.none() | user_text),
        services=tuple(draw(st.lists(user_text, max_size=3))),
        timezone=draw(st.sampled_from([None, "UTC", "Europe/Berlin", "Asia/Kolkata", "No/Zone"])),
        started_at=start,
        resolved_at=start + timedelta(minutes=draw(st.integers(0, 5000))) if start else None,
        people=people,
        events=events,
        layers=layers,
        factors=factors,
        actions=actions,
    )


def shown(text: str | None) -> str:
    return shown_text(text).strip() if text else ""


def found(needle: str, haystack: str, fmt: Format) -> bool:
    if fmt is Format.DOCX:
        return needle in haystack
    if fmt is Format.PDF and not printable(needle):
        return True  # covered by the property tests on the markup itself
    return squash(needle) in squash(haystack)


@pytest.mark.parametrize("fmt", list(Format))
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=reviews())
def test_generated_reviews_export_and_read_back(
    review: Review, fmt: Format, read_back: ReadBack
) -> None:
    texts = {
        audience: read_back(fmt, render_report(review, audience, fmt)) for audience in Audience
    }
    for event in review.events:
        assert found(shown(event.title), texts[Audience.ENGINEERING], fmt)
    for action in review.actions:
        leadership = texts[Audience.LEADERSHIP]
        assert found(shown(action.text), leadership, fmt)
        assert found(shown(review.person_name(action.owner)) or "No owner yet", leadership, fmt)
        assert found(format_day(action.due) if action.due else "No date yet", leadership, fmt)
    for service in review.services:
        assert found(shown(service), texts[Audience.ADJACENT], fmt)
    for factor in review.factors:
        if factor.third_party or factor.category == "third_party":
            assert found(shown(factor.text), texts[Audience.ADJACENT], fmt)
    assert found(shown(review.title) or "Untitled review", texts[Audience.SHORT], fmt)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), markup_text))
def test_pdf_markup_draws_any_text_literally(text: str) -> None:
    style = ParagraphStyle("t", fontName=SANS)
    drawn = RLParagraph(markup(text), style).getPlainText()
    expected = "".join(visual_order(line) for line in shown_text(text).split("\n"))
    assert squash(drawn) == squash(expected)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), markup_text))
def test_markdown_escape_shows_any_text_literally(text: str, read_back: ReadBack) -> None:
    rendered = read_back("md", escape_markdown(text).encode("utf-8"))
    assert squash(rendered) == squash(shown_text(text))


def test_every_character_of_a_multiscript_sample_has_a_bundled_glyph() -> None:
    sample = (
        "Zurück · Ελληνικά · Кириллица · שלום · مرحبا · 障害報告 · サーバー · 服务器 · "
        "서버 장애 보고서 · 🚀🔥✅ ⚠ ✓ → €"
    )
    assert [c for c in sample if not has_glyph(c)] == []
    assert markup("障害 at 16:02 & <b> 서버 🚀") == (
        '<font name="PmdeskCJK">障害 </font>at 16:02 &amp; &lt;b&gt; '
        '<font name="PmdeskHangul">서버 </font><font name="PmdeskSymbols">🚀</font>'
    )
