import re
from datetime import datetime, timedelta

from flask import Blueprint, current_app, g, request

from ..auth import login_required
from ..clones import clone_lookup
from ..errors import ApiError
from ..limits import limiter, writes_limit
from ..models import Share
from ..sharing import ShareRequest, delete_share, log_share
from ..validation import json_body
from .helpers import badge_json, now, page, page_args, parse_time, rulebook

bp = Blueprint("shares", __name__)

IDEMPOTENCY_KEY = re.compile(r"^[\x21-\x7e]{1,128}$")
# Phones and laptops disagree on the time; a post "from tomorrow" is a typo or a trick.
CLOCK_SKEW = timedelta(days=1)


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    key = key.strip().strip('"')  # the IETF draft sends it as a quoted string
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(400, "Idempotency-Key must be 1–128 visible ASCII characters.")
    return key


def read_voice(share_request: ShareRequest, moment: datetime) -> None:
    """Set the voice and clone verdicts from the server's own reading of the text."""
    analyzer = current_app.extensions["firsthand.analyzer"]
    lookup = clone_lookup(g.user.id, moment, analyzer.judge.model["clone"])
    verdict = analyzer.analyze(share_request.text, None, lookup)
    share_request.voice = verdict["voice"]["label"]
    share_request.is_clone = verdict["clone"]["is_clone"]


@bp.post("/shares")
@login_required
@limiter.limit(writes_limit)
def create():
    """Log a share the caller published; idempotent by key and by post."""
    body = json_body("share-create.request")
    moment = now()
    posted_at = parse_time(body.get("posted_at"), "posted_at")
    if posted_at and posted_at > moment.replace(tzinfo=None) + CLOCK_SKEW:
        raise ApiError(
            422,
            "posted_at is in the future.",
            details=[{"field": "posted_at", "message": "is in the future"}],
        )
    share_request = ShareRequest(
        url=body["url"],
        network=body["network"],
        text=body.get("text"),
        posted_at=posted_at,
        source=body.get("source"),
        idempotency_key=idempotency_key(),
    )
    if share_request.text and share_request.text.strip():
        read_voice(share_request, moment)
    result = log_share(g.user, share_request, rulebook(), moment)
    book = rulebook()
    response = {
        "share": result.share.to_json(),
        "duplicate": result.duplicate,
        "points_awarded": 0 if result.duplicate else result.share.points,
        "points_breakdown": [{"rule": rule, "points": pts} for rule, pts in result.breakdown],
        "total_points": result.total_points,
        "level": book.level(result.total_points),
        "new_badges": [badge_json(book.badge(b.badge_id), b.earned_at) for b in result.new_badges],
    }
    return response, 200 if result.duplicate else 201


@bp.get("/shares")
@login_required
def listing():
    """List the caller's own shares, newest first."""
    limit, offset = page_args()
    mine = Share.select().where((Share.user == g.user.id) & Share.deleted_at.is_null())
    rows = mine.order_by(Share.logged_at.desc(), Share.id.desc()).limit(limit).offset(offset)
    return page([s.to_json() for s in rows], offset, limit, mine.count())


@bp.delete("/shares/<int:share_id>")
@login_required
@limiter.limit(writes_limit)
def delete(share_id: int):
    """Delete a share logged by mistake; its points are reversed, earned badges stay."""
    share, reversed_points, total = delete_share(g.user, share_id, now())
    return {
        "share": share.to_json(),
        "points_reversed": reversed_points,
        "total_points": total,
        "level": rulebook().level(total),
    }
