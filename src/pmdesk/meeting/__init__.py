"""Running the review meeting, without Qt: agenda, timers, quick capture and the record.

``agenda`` holds the time-boxed phases, ``timer`` turns a few stored moments
into countdowns (pure functions of the time, so a paused laptop or a test
clock gives the same answers), ``capture`` reads one typed line into review
items, ``followup`` finds earlier reviews' open actions on the same services,
and ``record`` is what a finished meeting leaves behind in the library.
"""

from pmdesk.meeting.agenda import (
    DEFAULT_AGENDA,
    AgendaPhase,
    MeetingData,
    PhaseKind,
    default_agenda,
)
from pmdesk.meeting.capture import Capture, CaptureKind, parse_capture
from pmdesk.meeting.followup import FollowUp, related_open_actions
from pmdesk.meeting.record import MeetingRecord, build_record
from pmdesk.meeting.timer import MeetingClock, Overrun, format_countdown

__all__ = [
    "DEFAULT_AGENDA",
    "AgendaPhase",
    "Capture",
    "CaptureKind",
    "FollowUp",
    "MeetingClock",
    "MeetingData",
    "MeetingRecord",
    "Overrun",
    "PhaseKind",
    "build_record",
    "default_agenda",
    "format_countdown",
    "parse_capture",
    "related_open_actions",
]
