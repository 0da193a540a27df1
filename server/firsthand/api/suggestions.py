from flask import Blueprint, current_app, g

from ..analysis.text import prepare
from ..auth import login_required
from ..clones import clone_lookup
from ..errors import ApiError
from ..limits import limiter, suggestions_limit
from ..validation import json_body
from .helpers import now

bp = Blueprint("suggestions", __name__)


def analyzer():
    return current_app.extensions["firsthand.analyzer"]


@bp.post("/suggestions")
@login_required
@limiter.limit(suggestions_limit)
def suggest():
    """Read a draft's voice and topic and offer personal angles; the draft is not kept."""
    body = json_body("suggestion.request")
    text = body["text"]
    if not prepare(text).words and not prepare(text).urls:
        raise ApiError(
            422,
            "The draft has no words to read yet: write a sentence or two first.",
            code="no_words",
            details=[{"field": "text", "message": "has no words"}],
        )
    lookup = clone_lookup(g.user.id, now(), analyzer().judge.model["clone"])
    return analyzer().analyze(text, body.get("lang"), lookup)
