"""Actions outside the table: quick capture from one typed line, backlog export, tracker links.

Core only (no Qt): the action table and the follow-through view call these.
``capture`` reads a line typed in the meeting, ``dates`` reads due dates,
``owners`` matches names to the review's people, ``outcome`` finds the
measurable part, ``export`` writes tracker import files, and ``tracker``
matches references pasted back from the tracker.
"""

from pmdesk.actions.capture import CapturedAction, parse_action_line
from pmdesk.actions.dates import find_due, parse_due
from pmdesk.actions.export import ExportFormat, export_actions, write_actions
from pmdesk.actions.tracker import (
    TrackerLink,
    TrackerPaste,
    match_tracker_refs,
    read_tracker_paste,
)

__all__ = [
    "CapturedAction",
    "ExportFormat",
    "TrackerLink",
    "TrackerPaste",
    "export_actions",
    "find_due",
    "match_tracker_refs",
    "parse_action_line",
    "parse_due",
    "read_tracker_paste",
    "write_actions",
]
