"""Importing what an incident left behind and proposing its key moments (no Qt).

Call ``load_source`` (any format, guessed when not given) in a worker thread,
then ``propose_key_moments`` on the result; each Proposal becomes an Event with
``to_event`` once the facilitator accepts it.
"""

from pmdesk.ingest.csv_timeline import CsvMapping, guess_mapping
from pmdesk.ingest.messages import ChatMessage, ChatPerson, ImportCancelled, ImportResult
from pmdesk.ingest.moments import (
    Proposal,
    accept_all,
    proposal_json,
    propose_key_moments,
    review_people,
)
from pmdesk.ingest.slack import list_channels
from pmdesk.ingest.source import SourceFormat, guess_format, import_chat_lines, load_source

__all__ = [
    "ChatMessage",
    "ChatPerson",
    "CsvMapping",
    "ImportCancelled",
    "ImportResult",
    "Proposal",
    "SourceFormat",
    "accept_all",
    "guess_format",
    "guess_mapping",
    "import_chat_lines",
    "list_channels",
    "load_source",
    "proposal_json",
    "propose_key_moments",
    "review_people",
]
