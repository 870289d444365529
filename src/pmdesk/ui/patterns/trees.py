"""The lists of the patterns view: each number a row that opens to the reviews behind it.

Rows are plain text (QTreeWidgetItem text is never read as markup); a review row
keeps the review's id under ``REVIEW_ROLE`` so activating it can open the review.

A library of thousands of reviews has hundreds of thousands of such rows; building
them all on the GUI thread froze the window for seconds after every search. So a
row's children are made when it is first expanded, and only the first few groups
open by themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from pmdesk.patterns.groups import FactorGroup
from pmdesk.patterns.summary import ActionRef, FollowThrough, ReviewRef, Tally
from pmdesk.text import one_line
from pmdesk.ui.plain import plain_tooltip

REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1
# Groups opened for the reader straight away, as long as they hold no more than
# OPEN_ROWS rows between them; the rest open on demand.
OPEN_GROUPS = 10
OPEN_ROWS = 200


class LazyTree(QTreeWidget):
    """A tree whose rows make their children when first expanded."""

    def __init__(self) -> None:
        super().__init__()
        self._pending: dict[int, tuple[QTreeWidgetItem, Callable[[], None]]] = {}
        self.itemExpanded.connect(self.fill_now)

    def later(self, item: QTreeWidgetItem, fill: Callable[[], None]) -> None:
        """Run ``fill`` (which adds ``item``'s children) when ``item`` is first expanded."""
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        self._pending[id(item)] = (item, fill)

    def fill_now(self, item: QTreeWidgetItem) -> None:
        """Make ``item``'s children now, if they are still to be made."""
        entry = self._pending.pop(id(item), None)
        if entry is not None:
            entry[1]()
            item.setChildIndicatorPolicy(
                QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless
            )

    def start_over(self) -> None:
        """Empty the tree and forget the rows still to be filled."""
        self._pending.clear()
        self.clear()


def make_tree(name: str, accessible_name: str, headers: tuple[str, ...]) -> LazyTree:
    """A read-only, keyboard-reachable tree whose rows open with Enter or a double click."""
    tree = LazyTree()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible_name)
    tree.setHeaderLabels(list(headers))
    tree.setColumnCount(len(headers))
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    return tree


def day_of(ref: ReviewRef | None) -> str:
    """A review's day as the lists show it, 'no date' when untold."""
    return ref.moment.date().isoformat() if ref and ref.moment else "no date"


def review_item(parent: QTreeWidgetItem, review_id: str, refs: Mapping[str, ReviewRef]) -> None:
    """A child row naming one review (its day and title); activating it opens the review."""
    ref = refs.get(review_id)
    title = one_line(ref.title, 120) if ref else review_id
    item = QTreeWidgetItem(parent, [day_of(ref), title])
    item.setData(0, REVIEW_ROLE, review_id)
    item.setToolTip(1, plain_tooltip(ref.title if ref else review_id))


def fill_groups(
    tree: LazyTree, groups: Iterable[FactorGroup], refs: Mapping[str, ReviewRef]
) -> None:
    """One row per recurring factor group, its reviews (with dates) beneath it."""
    tree.start_over()
    budget = OPEN_ROWS
    for number, group in enumerate(groups):
        ids = group.review_ids
        words = ", ".join(group.words) or "(same category)"
        top = QTreeWidgetItem(tree, [group.category, words, f"{len(ids)} reviews"])
        sample = group.members[0].text if group.members else ""
        top.setToolTip(0, plain_tooltip(f"Shared words: {words}\nFor example: {sample}"))
        tree.later(top, partial(_group_members, top, group, refs))
        if number < OPEN_GROUPS and len(group.members) <= budget:
            budget -= len(group.members)
            top.setExpanded(True)
    for column in range(tree.columnCount() - 1):
        tree.resizeColumnToContents(column)


def _group_members(top: QTreeWidgetItem, group: FactorGroup, refs: Mapping[str, ReviewRef]) -> None:
    for member in group.members:
        ref = refs.get(member.review_id)
        title = one_line(ref.title, 80) if ref else member.review_id
        item = QTreeWidgetItem(top, [day_of(ref), title, one_line(member.text, 120)])
        item.setData(0, REVIEW_ROLE, member.review_id)
        item.setToolTip(2, plain_tooltip(member.text))


def _reviews(top: QTreeWidgetItem, ids: Iterable[str], refs: Mapping[str, ReviewRef]) -> None:
    for review_id in ids:
        review_item(top, review_id, refs)


def fill_tallies(
    tree: LazyTree, tallies: Iterable[Tally], refs: Mapping[str, ReviewRef], *, stage: bool
) -> None:
    """Services or layers, most involved first; each opens to its reviews."""
    tree.start_over()
    for tally in tallies:
        where = (tally.stage.value if tally.stage else "no stage") if stage else ""
        name = f"{tally.name} ({where})" if stage else tally.name
        count = f"{len(tally.review_ids)} reviews"
        if stage:
            count += f", {tally.factors} factors"
        top = QTreeWidgetItem(tree, [name, count])
        tree.later(top, partial(_reviews, top, tally.review_ids, refs))
    tree.resizeColumnToContents(0)


def _action_row(
    parent: QTreeWidgetItem, action: ActionRef, refs: Mapping[str, ReviewRef]
) -> QTreeWidgetItem:
    ref = refs.get(action.review_id)
    due = action.due.isoformat() if action.due else "no date"
    title = one_line(ref.title, 60) if ref else action.review_id
    item = QTreeWidgetItem(parent, [one_line(action.text, 100), f"due {due} · {title}"])
    item.setData(0, REVIEW_ROLE, action.review_id)
    item.setToolTip(0, plain_tooltip(action.text))
    return item


def _actions(
    parent: QTreeWidgetItem, actions: Iterable[ActionRef], refs: Mapping[str, ReviewRef]
) -> None:
    for action in actions:
        _action_row(parent, action, refs)


def fill_follow_through(
    tree: LazyTree, follow: FollowThrough, refs: Mapping[str, ReviewRef]
) -> None:
    """Done, open, overdue by owner, and done actions whose factor came back."""
    tree.start_over()
    done = QTreeWidgetItem(tree, ["Done", f"{len(follow.done)} actions"])
    tree.later(done, partial(_actions, done, follow.done, refs))
    still = QTreeWidgetItem(tree, ["Open", f"{len(follow.open)} actions"])
    tree.later(still, partial(_actions, still, follow.open, refs))
    overdue = sum(len(actions) for _, actions in follow.overdue)
    late = QTreeWidgetItem(tree, ["Overdue by owner", f"{overdue} actions"])
    for owner, actions in follow.overdue:
        person = QTreeWidgetItem(late, [owner or "no owner", f"{len(actions)} overdue"])
        tree.later(person, partial(_actions, person, actions, refs))
    back = QTreeWidgetItem(tree, ["Done, but the factor came back", f"{len(follow.came_back)}"])
    tree.later(back, partial(_came_back, tree, back, follow, refs))
    late.setExpanded(len(follow.overdue) <= OPEN_ROWS)
    back.setExpanded(len(follow.came_back) <= OPEN_ROWS)
    tree.resizeColumnToContents(0)


def _came_back(
    tree: LazyTree, back: QTreeWidgetItem, follow: FollowThrough, refs: Mapping[str, ReviewRef]
) -> None:
    for came in follow.came_back:
        later = _action_row(back, came.action, refs)
        tree.later(later, partial(_reviews, later, came.later_review_ids, refs))
