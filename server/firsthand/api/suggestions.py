"""POST /suggestions: read a draft (never stored) and offer personal angles."""

from flask import g

from ..analysis.early import too_early
from ..analysis.text import prepare
from ..catalogue_words import stated_language
from ..clones import clone_lookup
from ..errors import invalid
from ..limits import suggestions_limit
from ..stories_links import voice_reading
from .contract import ApiBlueprint
from .helpers import analyzer, now

bp = ApiBlueprint("suggestions", __name__)


@bp.operation(
    "POST",
    "/suggestions",
    summary="Read a draft's voice and topic and offer personal angles (not stored)",
    body="suggestion.request",
    responses={200: "suggestion.response"},
    limit=suggestions_limit,
    stores_body=False,
)
def suggest(body: dict):
    """Read a draft's voice and topic and offer personal angles; the draft is not kept."""
    text = body["text"]
    draft = prepare(text)
    # A post of hashtags alone is one people write ("#MondayMotivation #hiring"): it is read
    # (too early for a verdict, its topic if the hashtags name one). Only a draft with nothing
    # to read at all, spaces, punctuation or emoji, is refused.
    if not draft.words and not draft.urls and not draft.hashtags:
        message = "The draft has no words to read yet: write a sentence or two first."
        raise invalid("text", "has no words", message, code="no_words")
    engine = analyzer()
    reading = voice_reading(text)  # the program's own story link says nothing of the voice
    # The reader's language is asked only for a draft in none of the six (its tips then come in
    # it) or too short to tell its own (the answer then varies by Accept-Language, which
    # stated_language tells caches).
    lookup = clone_lookup(engine, g.user.id, now())
    answer = engine.analyze(reading, body.get("lang"), lookup, stated_language)
    # Own words leave links out, so the draft's are the reading's (the story link aside).
    answer["voice"] = {**answer["voice"], "too_early": too_early(draft, answer["voice"])}
    return answer
