"""``draft_story``: the one entry point for drafting *what happened*.

It returns text only (a Draft); it never changes the review, its factors, its
actions or its summary. With a model provider and the user's consent it asks the
model first and falls back to the built-in drafter, with a note, whenever the
model is slow, down, or answers something the review does not back.
"""

from __future__ import annotations

from pmdesk.draft.answer import ModelFailed
from pmdesk.draft.prose import write_story
from pmdesk.draft.provider import ConsentRequired, StoryModel
from pmdesk.draft.result import Draft
from pmdesk.model import Review

FALLBACK = "used the built-in drafter"


def draft_story(
    review: Review, *, provider: StoryModel | None = None, consent: bool = False
) -> Draft:
    """A draft of the review's story, from the model when one is given and agreed to.

    ``consent`` must be True to use ``provider``: show ``provider.preview_request(review)``
    to the user first. Without a provider the built-in drafter answers, offline.
    """
    if provider is None:
        return write_story(review)
    if consent is not True:
        raise ConsentRequired(
            "pmdesk sends nothing to a model server until you have seen the request and agreed"
        )
    try:
        return provider.draft(review, consent=True)
    except ModelFailed as exc:
        return write_story(review).with_notes(f"{exc}; {FALLBACK}")


def narrative_fields(review: Review, draft: Draft) -> dict[str, str]:
    """The fields for ``Library.update_review`` that store the draft, only if the story is empty.

    A draft never overwrites what a person wrote; an empty result means nothing to store.
    """
    if review.narrative and review.narrative.strip():
        return {}
    return {"narrative": draft.text} if draft.text.strip() else {}
