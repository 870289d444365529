"""Drafting *what happened*: the built-in story drafter and the optional model provider.

A machine may get the facilitator past the blank page; it never writes why it
happened or what we will do. ``draft_story`` is the entry point::

    draft = draft_story(review)                        # offline, deterministic
    config = ModelConfig.from_env()                    # None unless PMDESK_MODEL_URL is set
    model = ChatCompletionsModel(config)
    print(model.preview_request(review))               # the user reads it and agrees
    draft = draft_story(review, provider=model, consent=True)
    draft.text, draft.paragraphs, draft.notes
"""

from pmdesk.draft.answer import ModelFailed
from pmdesk.draft.checks import invented, why_or_action
from pmdesk.draft.prose import write_story
from pmdesk.draft.provider import ChatCompletionsModel, ConsentRequired, ModelConfig, StoryModel
from pmdesk.draft.result import Citation, Draft, Paragraph, Phase, Sentence
from pmdesk.draft.story import draft_story, narrative_fields

__all__ = [
    "ChatCompletionsModel",
    "Citation",
    "ConsentRequired",
    "Draft",
    "ModelConfig",
    "ModelFailed",
    "Paragraph",
    "Phase",
    "Sentence",
    "StoryModel",
    "draft_story",
    "invented",
    "narrative_fields",
    "why_or_action",
    "write_story",
]
