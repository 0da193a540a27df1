"""POST /suggestions: read a draft (never stored) and offer personal angles."""

from flask import g

from ..analysis.text import prepare
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
    if not draft.words and not draft.urls:
        message = "The draft has no words to read yet: write a sentence or two first."
        raise invalid("text", "has no words", message, code="no_words")
    engine = analyzer()
    reading = voice_reading(text)  # the program's own story link says nothing of the voice
    return engine.analyze(reading, body.get("lang"), clone_lookup(engine, g.user.id, now()))
