"""POST /suggestions: read a draft (never stored) and offer personal angles."""

from flask import g

from ..analysis.early import too_early
from ..analysis.language import SHORT_BELOW_WORDS
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
    read = draft if reading == text else prepare(reading)
    lang = body.get("lang")
    if not lang and len(draft.words) + len(draft.hashtags) < SHORT_BELOW_WORDS:
        # Too few words to be sure of their language ("Montag."): the reader's own language
        # where the words cannot tell it apart, so the angles are not English by default.
        lang = engine.language.detect(read, stated_language())
    # A draft in none of the six languages gets its tips in the reader's: asked only then (the
    # answer then varies by Accept-Language, which stated_language tells caches).
    answer = engine.analyze(reading, lang, clone_lookup(engine, g.user.id, now()), stated_language)
    # Own words leave links out, so the draft's are the reading's (the story link aside).
    answer["voice"] = {**answer["voice"], "too_early": too_early(draft, answer["voice"])}
    return answer
