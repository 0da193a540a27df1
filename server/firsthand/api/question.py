"""GET/POST /me/question: "what holds you back?", asked once after 30 quiet days."""

from flask import g

from .. import guidelines
from ..analytics import HOLD_BACK
from ..clock import iso
from ..holdback import answer, should_ask
from ..limits import writes_limit
from ..reach_models import HoldBackAnswer
from .contract import ApiBlueprint
from .helpers import now

bp = ApiBlueprint("question", __name__)


def _state() -> dict:
    given = HoldBackAnswer.get_or_none(HoldBackAnswer.user == g.user.id)
    return {
        "ask": should_ask(g.user, now()),
        "choices": [{"id": code, "label": label} for code, label in HOLD_BACK.items()],
        "answer": given.answer if given else None,
        "answered_at": iso(given.answered_at) if given else None,
        "guidelines_url": guidelines.address(),
    }


@bp.operation(
    "GET",
    "/me/question",
    summary="Whether to ask the caller what holds them back (once, after 30 quiet days)",
    responses={200: "question.response"},
)
def state():
    """The question, if it is time to ask it, and any answer already given."""
    return _state()


@bp.operation(
    "POST",
    "/me/question",
    summary="Answer what holds the caller back (kept once; later answers change nothing)",
    body="question-answer.request",
    responses={200: "question.response", 201: "question.response", 409: "error"},
    descriptions={
        200: "Already answered: the first answer stands",
        201: "Kept",
        409: "Not asked: the caller shared in the last 30 days or connected less than 30 ago",
    },
    limit=writes_limit,
)
def reply(body: dict):
    """Keep the one answer; only its total is ever shown, in the console."""
    _, created = answer(g.user, body["answer"], now())
    return _state(), 201 if created else 200
