"""Whatever reaches the canvas from outside stays plain and bounded; big reviews stay light."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from pmdesk.figures.samples import many_events
from pmdesk.model import EventKind
from pmdesk.text import clean_text
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.timeline.edits import EVENTS_MIME, events_from_clipboard
from pmdesk.ui.timeline.scene import TimelineScene
from pmdesk.ui.timeline.section import TimelineCanvasSection

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
rows = st.fixed_dictionaries(
    {
        "at": st.sampled_from(["2026-10-14T16:05:00+00:00", "16:05", "", "2026-10-14T16:05:00"]),
        "kind": st.sampled_from(["alert", "note", "bogus", ""]),
    },
    optional={"title": st.text(), "knew": st.text() | st.integers(), "actor": json_values},
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    raw=st.binary(max_size=200) | st.lists(rows, max_size=5).map(lambda r: json.dumps(r).encode())
)
def test_clipboard_events_are_checked_and_cleaned(document: ReviewDocument, raw: bytes) -> None:
    """The document is only read here, so sharing it between examples is safe."""
    people = {p.id for p in document.review.people}
    for event in events_from_clipboard(raw, document.review):
        assert event.at.tzinfo is not None
        assert event.title == clean_text(event.title) and event.title.strip()
        assert event.knew is None or event.knew == clean_text(event.knew)
        assert event.actor is None or event.actor in people
        assert document.review.event(event.id) is None


def test_rich_text_pasted_into_the_editor_stays_plain(
    section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    event = document.review.events_by_time()[0]
    section.editor.edit(event.id)
    mime = QMimeData()
    mime.setHtml('<b>bold</b><img src="file:///etc/passwd"><span style="font-size:300px">x</span>')
    mime.setText("bold x")
    section.editor.knew_edit.setPlainText("")
    section.editor.knew_edit.insertFromMimeData(mime)
    section.editor.close_editor()
    stored = document.review.event(event.id)
    assert stored is not None and stored.knew == "bold x"


def test_paste_without_our_format_does_nothing(
    section: TimelineCanvasSection, document: ReviewDocument
) -> None:
    mime = QMimeData()
    mime.setText("16:05\tSomething")
    QGuiApplication.clipboard().setMimeData(mime)
    assert not mime.hasFormat(EVENTS_MIME)
    assert section.view.paste() == []
    assert document.undo_stack.count() == 0


def test_ten_thousand_events_make_few_items(qapp: QApplication) -> None:
    review = many_events(10_000)
    scene = TimelineScene()
    scene.show_review(review, width=1600)
    layout = scene.layout
    assert layout is not None
    shown = [c for c in layout.cards if not c.overflow]
    assert len(scene.cards) == len(shown) < 1000
    assert len(scene.items()) == len(scene.cards) + 4  # backdrop, axis, dots, now line
    scene.show_review(review, zoom=60)
    assert len(scene.cards) == sum(not c.overflow for c in scene.layout.cards)  # type: ignore[union-attr]
    scene.clear()


def test_a_well_formed_clipboard_row_becomes_one_clean_event(document: ReviewDocument) -> None:
    person = document.review.people[0].id
    row = {
        "at": "2026-10-14T16:05:00+00:00",
        "kind": "alert",
        "title": "Error\x07 rate\n up",
        "knew": "ok\x00",
        "actor": person,
        "key": True,
    }
    raw = json.dumps([row, {"at": "16:05", "kind": "alert"}]).encode()
    (event,) = events_from_clipboard(raw, document.review)
    assert (event.kind, event.title, event.knew, event.actor, event.key) == (
        EventKind.ALERT,
        "Error rate up",
        "ok",
        person,
        True,
    )
