"""The console's centre: the live editor of the current phase, built when first reached.

The story phase shows the timeline table with the key moment the room looks at;
the cheese, went-well and actions phases reuse the review editor's sections;
the others show what the room sees, as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from pmdesk.clock import format_moment
from pmdesk.meeting.agenda import PhaseKind
from pmdesk.text import one_line
from pmdesk.ui.meeting.controller import MeetingController
from pmdesk.ui.meeting.labels import meeting_label
from pmdesk.ui.meeting.presenter import BLAMELESS

if TYPE_CHECKING:
    from pmdesk.ui.item_table import ItemTableSection


class LivePanel(QWidget):
    """The "Live: <phase>" heading over a stack (``liveEditor``) of one editor per kind."""

    def __init__(self, controller: MeetingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self._editors: dict[PhaseKind, QWidget] = {}
        self.moment_label: QLabel | None = None
        self.timeline_table: ItemTableSection | None = None
        self.title = meeting_label(name="sectionHeading", user_text=True)
        self.stack = QStackedWidget()
        self.stack.setObjectName("liveEditor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)

    def editor_for(self, kind: PhaseKind) -> QWidget:
        """The editor for a phase kind, built the first time the meeting reaches it."""
        editor = self._editors.get(kind)
        if editor is None:
            editor = self._make_editor(kind)
            self._editors[kind] = editor
            self.stack.addWidget(editor)
        return editor

    def _make_editor(self, kind: PhaseKind) -> QWidget:
        from pmdesk.ui.actions import ActionsSection
        from pmdesk.ui.editor.sections import FactorsSection, WentWellSection, timeline_section

        document = self._controller.document
        if kind is PhaseKind.STORY:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            self.moment_label = meeting_label(name="keyMomentLabel", user_text=True)
            self.moment_label.setProperty("liveText", True)
            layout.addWidget(self.moment_label)
            self.timeline_table = timeline_section(document)
            selection = self.timeline_table.view.selectionModel()
            selection.currentRowChanged.connect(self._on_timeline_current_row_changed)
            layout.addWidget(self.timeline_table, 1)
            self.refresh_moment()
            return box
        if kind is PhaseKind.CHEESE:
            return FactorsSection(document)
        if kind is PhaseKind.WENT_WELL:
            return WentWellSection(document)
        if kind is PhaseKind.ACTIONS:
            return ActionsSection(document)
        text = meeting_label(name=f"{kind.value}Text", user_text=True)
        text.setProperty("liveText", True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return text

    def refresh(self) -> None:
        """Show the current phase's editor; a text phase is written again."""
        phase = self._controller.phase
        editor = self.editor_for(phase.kind)
        self.stack.setCurrentWidget(editor)
        self.title.setText(f"Live: {phase.title}")
        if isinstance(editor, QLabel):
            editor.setText(self._text_for(phase.kind))

    def shows_text(self) -> bool:
        return isinstance(self.stack.currentWidget(), QLabel)

    def _text_for(self, kind: PhaseKind) -> str:
        c = self._controller
        if kind is PhaseKind.STAGE:
            return (
                "Shown to the room:\n\n"
                + "\n".join(BLAMELESS)
                + ("\n\nCheck the attendees on the right; the presenter shows the reminder.")
            )
        if kind is PhaseKind.FOLLOW_UP:
            found = c.follow_ups()
            if not found:
                return "No open actions from earlier reviews on the same services or factors."
            return "\n".join(
                f"• {f.action.text} — {f.owner_name or 'no owner'} — "
                f"{f.action.due or 'no date'} — {f.review_title} ({f.why})"
                for f in found
            )
        added = c.added_items()
        lines = [f"Added in this meeting: {len(added)}"]
        lines += [f"• {kind.value.replace('_', ' ')}: {_text(item)}" for kind, item in added]
        lines.append("\nEnd the meeting (Ctrl+Shift+E) to save its record.")
        return "\n".join(lines)

    def refresh_moment(self) -> None:
        if self.moment_label is None:
            return
        c = self._controller
        moment = c.current_moment()
        if moment is None:
            self.moment_label.setText("No events yet.")
            return
        when = format_moment(moment.at, c.review.timezone, with_date=False)
        knew = moment.knew or "(not written yet)"
        self.moment_label.setText(
            f"Key moment (Alt+Left / Alt+Right): {when} {one_line(moment.title, 200)}\n"
            f"What we knew then: {one_line(knew, 400)}"
        )

    def show_moment(self, event_id: str) -> None:
        """The room moved to another moment: say so and select it in the table."""
        self.refresh_moment()
        table = self.timeline_table
        if table is not None and event_id and table.selected_ids() != [event_id]:
            table.select_item(event_id)

    def focus_editor(self) -> None:
        widget = self.stack.currentWidget()
        if widget is not None:
            widget.setFocus()
            widget.focusNextChild()

    def _on_timeline_current_row_changed(self, *_indexes: object) -> None:
        """Choosing an event in the table makes it the moment the room looks at."""
        table = self.timeline_table
        assert table is not None
        ids = table.selected_ids()
        current = table.view.currentIndex()
        if current.isValid():
            row = table.proxy.mapToSource(current).row()
            item = table.model.item_at(row)
            ids = [item.id] if item is not None else ids
        if ids:
            self._controller.set_moment(ids[0])


def _text(item: object) -> str:
    for name in ("text", "title", "name"):
        value = getattr(item, name, None)
        if value:
            return str(value)
    return ""
