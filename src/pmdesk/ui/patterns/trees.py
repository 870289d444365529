"""The lists of the patterns view: each number a row that opens to the reviews behind it.

Rows are plain text (QTreeWidgetItem text is never read as markup); a review row
keeps the review's id under ``REVIEW_ROLE`` so activating it can open the review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from pmdesk.patterns.groups import FactorGroup
from pmdesk.patterns.summary import ActionRef, FollowThrough, ReviewRef, Tally
from pmdesk.text import one_line
from pmdesk.ui.plain import plain_tooltip

REVIEW_ROLE = Qt.ItemDataRole.UserRole + 1


def make_tree(name: str, accessible_name: str, headers: tuple[str, ...]) -> QTreeWidget:
    """A read-only, keyboard-reachable tree whose rows open with Enter or a double click."""
    tree = QTreeWidget()
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
    tree: QTreeWidget, groups: Iterable[FactorGroup], refs: Mapping[str, ReviewRef]
) -> None:
    """One row per recurring factor group, its reviews (with dates) beneath it."""
    tree.clear()
    for group in groups:
        ids = group.review_ids
        words = ", ".join(group.words) or "(same category)"
        top = QTreeWidgetItem(tree, [group.category, words, f"{len(ids)} reviews"])
        sample = group.members[0].text if group.members else ""
        top.setToolTip(0, plain_tooltip(f"Shared words: {words}\nFor example: {sample}"))
        for member in group.members:
            ref = refs.get(member.review_id)
            title = one_line(ref.title, 80) if ref else member.review_id
            item = QTreeWidgetItem(top, [day_of(ref), title, one_line(member.text, 120)])
            item.setData(0, REVIEW_ROLE, member.review_id)
            item.setToolTip(2, plain_tooltip(member.text))
        top.setExpanded(True)
    for column in range(tree.columnCount() - 1):
        tree.resizeColumnToContents(column)


def fill_tallies(
    tree: QTreeWidget, tallies: Iterable[Tally], refs: Mapping[str, ReviewRef], *, stage: bool
) -> None:
    """Services or layers, most involved first; each opens to its reviews."""
    tree.clear()
    for tally in tallies:
        where = (tally.stage.value if tally.stage else "no stage") if stage else ""
        name = f"{tally.name} ({where})" if stage else tally.name
        count = f"{len(tally.review_ids)} reviews"
        if stage:
            count += f", {tally.factors} factors"
        top = QTreeWidgetItem(tree, [name, count])
        for review_id in tally.review_ids:
            review_item(top, review_id, refs)
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


def fill_follow_through(
    tree: QTreeWidget, follow: FollowThrough, refs: Mapping[str, ReviewRef]
) -> None:
    """Done, open, overdue by owner, and done actions whose factor came back."""
    tree.clear()
    done = QTreeWidgetItem(tree, ["Done", f"{len(follow.done)} actions"])
    for action in follow.done:
        _action_row(done, action, refs)
    still = QTreeWidgetItem(tree, ["Open", f"{len(follow.open)} actions"])
    for action in follow.open:
        _action_row(still, action, refs)
    overdue = sum(len(actions) for _, actions in follow.overdue)
    late = QTreeWidgetItem(tree, ["Overdue by owner", f"{overdue} actions"])
    for owner, actions in follow.overdue:
        person = QTreeWidgetItem(late, [owner or "no owner", f"{len(actions)} overdue"])
        for action in actions:
            _action_row(person, action, refs)
    back = QTreeWidgetItem(tree, ["Done, but the factor came back", f"{len(follow.came_back)}"])
    for came in follow.came_back:
        later = _action_row(back, came.action, refs)
        for review_id in came.later_review_ids:
            review_item(later, review_id, refs)
    late.setExpanded(True)
    back.setExpanded(True)
    tree.resizeColumnToContents(0)
