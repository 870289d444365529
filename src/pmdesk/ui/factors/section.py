"""The Factors section: the Swiss-cheese board, its details and nudges, and the list view.

The board and the tables read the same ``ReviewDocument``, so an edit in one
shows in the other at once: the tables are the keyboard and screen-reader
way to do everything the board does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pmdesk.model import Change, Part
from pmdesk.text import one_line
from pmdesk.ui.document import ReviewDocument
from pmdesk.ui.editor.sections import FactorsSection
from pmdesk.ui.factors import edits
from pmdesk.ui.factors.board import FactorBoard
from pmdesk.ui.factors.details import FactorDetails
from pmdesk.ui.factors.nudges import NudgePanel
from pmdesk.ui.plain import plain_tooltip

#: The projector theme doubles the app font to at least 20 pt (``pmdesk.ui.theme``).
_PROJECTOR_POINTS = 20.0


def app_theme() -> str:
    """The figure theme matching the application's current theme, read from the app itself.

    ``apply_theme`` records no name, so the board reads what it set: the
    projector theme's large font, or the dark palette.
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "light"
    recorded = app.property("pmdeskTheme")
    if isinstance(recorded, str) and recorded in ("light", "dark", "projector"):
        return recorded
    if QGuiApplication.font().pointSizeF() >= _PROJECTOR_POINTS:
        return "projector"
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightnessF() < 0.4 else "light"


class FactorBoardSection(QWidget):
    """Heading, quick entry, and the board / list tabs over one review.

    Signals:
        open_review_requested(str): an earlier review was chosen in the details.
    """

    open_review_requested = Signal(str)

    def __init__(
        self, document: ReviewDocument, theme: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = document
        heading = QLabel("Contributing factors")
        heading.setObjectName("sectionHeading")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        hint = QLabel(
            "Which holes lined up? Double-click a layer to add a factor, drag a hole to another "
            "layer, press T to put it on the incident's trajectory. Right-click for more."
        )
        hint.setObjectName("sectionHint")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)

        self.quick_entry = QLineEdit()
        self.quick_entry.setObjectName("factorQuickEntry")
        self.quick_entry.setPlaceholderText("Type a contributing factor and press Enter")
        self.quick_entry.setAccessibleName("New contributing factor")
        self.quick_entry.setMaxLength(2000)
        self.quick_entry.returnPressed.connect(self._on_quick_entry_returnPressed)
        self.quick_layer = QComboBox()
        self.quick_layer.setObjectName("factorQuickLayer")
        self.quick_layer.setAccessibleName("Layer for the new factor")
        self.add_layer_button = QPushButton("Add &layer")
        self.add_layer_button.setObjectName("addLayerButton")
        self.add_layer_button.clicked.connect(self._on_add_layer_button_clicked)
        self.entry_row = QWidget()
        row = QHBoxLayout(self.entry_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.quick_entry, 3)
        row.addWidget(QLabel("in"))
        row.addWidget(self.quick_layer, 1)
        row.addWidget(self.add_layer_button)
        self.side_toggle = QPushButton("&Details")
        self.side_toggle.setObjectName("boardSideToggle")
        self.side_toggle.setToolTip(
            plain_tooltip("Show or hide the details and questions beside the board")
        )
        self.side_toggle.setCheckable(True)
        self.side_toggle.setChecked(True)
        row.addWidget(self.side_toggle)

        self.board = FactorBoard(document, theme or app_theme())
        self.details = FactorDetails(document)
        self.details.open_review_requested.connect(self.open_review_requested)
        self.nudges = NudgePanel(document)
        # Tabs, not a stack: in the projector theme on a small screen both would be squashed.
        side = QTabWidget()
        side.setObjectName("boardSide")
        side.addTab(self.details, "Factor")
        side.addTab(self.nudges, "Questions")
        self.board_page = QSplitter(Qt.Orientation.Horizontal)
        self.board_page.addWidget(self.board)
        self.board_page.addWidget(side)
        self.board_page.setStretchFactor(0, 1)
        self.board_page.setStretchFactor(1, 0)
        self.board_page.setCollapsible(0, False)
        # Wide enough for a question in a few lines, in any theme's font.
        side.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.side = side
        self._count_questions()
        self._sized = False
        self.list_view = FactorsSection(document)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("factorViews")
        self.tabs.addTab(self.board_page, "&Board")
        self.tabs.addTab(self.list_view, "L&ist")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.entry_row)
        layout.addWidget(self.tabs, 1)

        self.side_toggle.toggled.connect(self._on_side_toggle_toggled)
        self.board.currentChanged.connect(self._on_board_currentChanged)
        self.nudges.factorRequested.connect(self._on_nudges_factorRequested)
        document.changed.connect(self._on_document_changed)
        self._fill_layers()

    def set_read_only(self, read_only: bool) -> None:
        """The presenter's board: the same picture, nothing editable."""
        self.board.set_read_only(read_only)
        self.details.set_read_only(read_only)
        self.nudges.set_read_only(read_only)
        self.entry_row.setVisible(not read_only)
        self.list_view.setEnabled(not read_only)

    def set_theme(self, theme: str) -> None:
        self.board.set_theme(theme)

    def showEvent(self, event: QShowEvent) -> None:
        """Qt calls this on show: the first time, give the board three quarters of the width."""
        super().showEvent(event)
        if not self._sized:  # the board gets most of the room the first time it is shown
            self._sized = True
            width = max(self.board_page.width(), 1)
            self.board_page.setSizes([width * 3 // 4, width - width * 3 // 4])

    def _on_side_toggle_toggled(self, shown: bool) -> None:
        self.side.setVisible(shown)

    def _fill_layers(self) -> None:
        """Refill the quick-entry layer list, keeping the chosen layer when it still exists."""
        current = self.quick_layer.currentData()
        self.quick_layer.clear()
        for layer in self._doc.review.ordered_layers():
            self.quick_layer.addItem(one_line(layer.name, 40), layer.id)
        index = self.quick_layer.findData(current)
        self.quick_layer.setCurrentIndex(max(index, 0))

    def _count_questions(self) -> None:
        """Show how many questions wait on the Questions tab."""
        count = self.nudges.count()
        self.side.setTabText(1, f"Questions ({count})" if count else "Questions")

    def _on_document_changed(self, change: Change) -> None:
        if Part.LAYERS in change.parts:
            self._fill_layers()
        self._count_questions()

    def _on_board_currentChanged(self, factor_id: str) -> None:
        """Show the current factor's details and default quick entry to its layer."""
        self.details.show_factor(factor_id or None)
        factor = self._doc.review.factor(factor_id or None)
        if factor is not None:
            index = self.quick_layer.findData(factor.layer)
            if index >= 0:
                self.quick_layer.setCurrentIndex(index)

    def _on_nudges_factorRequested(self, factor_id: str) -> None:
        """Switch to the board and its details to show the factor a question is about."""
        self.tabs.setCurrentWidget(self.board_page)
        self.side.setCurrentWidget(self.details)
        self.board.set_current(factor_id)

    def _on_quick_entry_returnPressed(self) -> None:
        """Add the typed factor to the chosen layer; keep the text if it was refused."""
        layer_id = self.quick_layer.currentData()
        if not layer_id:
            return
        new_id = edits.add_factor(self._doc, str(layer_id), self.quick_entry.text())
        if new_id:
            self.quick_entry.clear()
            self.board.set_current(new_id)

    def _on_add_layer_button_clicked(self) -> None:
        """Add a layer and open its name for editing straight away."""
        layer_id = edits.add_layer(self._doc)
        self.board.rename_layer(layer_id)


def factor_board_section(document: ReviewDocument) -> QWidget:
    """The Factors section of a full review: the board, with the List tab beside it."""
    return FactorBoardSection(document)
