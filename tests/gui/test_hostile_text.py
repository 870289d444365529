"""User text in tooltips is plain text, always (issue 22 item 4, PITFALLS QT-01/02).

Qt renders a tooltip as rich text whenever ``mightBeRichText`` guesses so, which
loads ``<img src=…>`` from disk. The one rule: every tooltip in ``pmdesk.ui`` goes
through ``plain_tooltip``. A source check holds every ``setToolTip``/``showText``
call and every ``ToolTipRole`` to it; the behavioural tests render tooltips the
way Qt does and find the tags there as literal text.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QTextDocument
from pytestqt.qtbot import QtBot

from pmdesk.model import Event, EventKind, Person
from pmdesk.store import Library
from pmdesk.store.sample import seed_sample
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.factors import edits
from pmdesk.ui.factors.section import FactorBoardSection
from pmdesk.ui.timeline.items import CardItem
from pmdesk.ui.timeline.section import TimelineCanvasSection

UI = Path(__file__).resolve().parents[2] / "src" / "pmdesk" / "ui"
HOSTILE = '<img src="file:///tmp/pmdesk-probe.png"><b>bold</b><font color=red>red</font> & co'


def _allowed(arg: ast.expr) -> bool:
    """plain_tooltip(...), an empty string, or another widget's tooltip copied over."""
    if isinstance(arg, ast.Constant) and arg.value == "":
        return True
    if isinstance(arg, ast.Call):
        func = arg.func
        if isinstance(func, ast.Name) and func.id == "plain_tooltip":
            return True
        if isinstance(func, ast.Attribute) and func.attr == "toolTip" and not arg.args:
            return True
    return False


def _bypasses() -> list[str]:
    found: list[str] = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(UI.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                name = node.func.attr
                args = node.args
                # QWidget.setToolTip(text); a tree or table item's is setToolTip(column, text).
                arg = args[-1] if name == "setToolTip" and args else None
                if name == "showText" and len(args) >= 2:
                    arg = args[1]
                if arg is not None and not _allowed(arg):
                    found.append(f"{where}:{node.lineno} {name}")
            if isinstance(node, ast.If) and "ToolTipRole" in ast.unparse(node.test):
                for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return)):
                    text = ast.unparse(ret.value) if ret.value is not None else "None"
                    if text != "None" and "plain_tooltip(" not in text:
                        found.append(f"{where}:{ret.lineno} ToolTipRole")
    return found


def test_no_tooltip_in_the_ui_bypasses_plain_tooltip() -> None:
    assert _bypasses() == []


def test_the_source_check_catches_a_raw_tooltip(tmp_path: Path) -> None:
    """The check above can fail: a raw setToolTip is reported."""
    tree = ast.parse("w.setToolTip(title)\nQToolTip.showText(p, f'{name}', w)\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args]
    assert not _allowed(calls[0].args[0])
    assert not _allowed(calls[1].args[1])
    assert _allowed(ast.parse("plain_tooltip(x)", mode="eval").body)


def shown_as(tooltip: str) -> QTextDocument:
    """The tooltip laid out as Qt's tooltip label lays out rich text."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document


def assert_literal(tooltip: str) -> None:
    """Every tag is there as text: nothing was drawn bold or red, no image was placed."""
    text = " ".join(shown_as(tooltip).toPlainText().split())
    assert '<img src="file:///tmp/pmdesk-probe.png"><b>bold</b><font co' in text  # 60 shown
    assert "\ufffc" not in text


@pytest.fixture
def document(tmp_path: Path) -> Iterator[ReviewDocument]:
    library = Library.open(tmp_path / "l.pmdesk", seed=seed_sample)
    doc = ReviewDocument(library, library.list_reviews()[0].id)
    yield doc
    doc.close()
    library.close()


def test_a_factor_in_the_questions_list_shows_its_tags_literally(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    section = FactorBoardSection(document, theme="light")
    qtbot.addWidget(section)
    section.resize(1700, 950)
    section.show()
    layer = document.review.ordered_layers()[0]
    assert edits.add_factor(document, layer.id, HOSTILE) is not None
    questions = section.nudges.list  # "Questions for the room"
    tips = [
        questions.item(n).toolTip()
        for n in range(questions.count())
        if "<img" in questions.item(n).text()
    ]
    assert tips, "the new factor has at least one question"
    for tip in tips:
        assert_literal(tip)
    hole = section.board.hole_item(next(f.id for f in document.review.factors if "<img" in f.text))
    assert hole is not None
    assert_literal(hole.toolTip())
    section.close()


def test_a_persons_name_on_a_timeline_card_shows_its_tags_literally(
    qtbot: QtBot, document: ReviewDocument
) -> None:
    first = document.review.events_by_time()[0]
    assert document.write_item(Person("p-hostile", HOSTILE))
    assert document.write_item(
        Event(
            "e-hostile", first.at + timedelta(minutes=1), EventKind.NOTE, HOSTILE, actor="p-hostile"
        )
    )
    section = TimelineCanvasSection(document)
    qtbot.addWidget(section)
    section.resize(1600, 1000)
    section.show()
    section.view.fit_all()
    cards = [
        item
        for item in section.view.scene().items()
        if isinstance(item, CardItem) and item.card.event_id == "e-hostile"
    ]
    assert cards
    assert_literal(cards[0].toolTip())
    section.close()
