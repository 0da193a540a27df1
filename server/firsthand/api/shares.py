"""POST/GET /shares, DELETE /shares/<id>: logging the posts an employee published."""

import re

from flask import g

from ..badges import new_badges_json
from ..errors import ApiError
from ..limits import answered_from_before, spends_write_quota, writes_limit
from ..sharing import (
    ShareRequest,
    ShareResult,
    check_share,
    delete_share,
    replay,
    shares_of,
    write_share,
)
from ..stories_json import share_story_json
from ..zero_reason import zero_reasons
from .contract import ApiBlueprint, Param
from .helpers import analyzer, now, page, parse_time, rulebook
from .params import page_params

bp = ApiBlueprint("shares", __name__)

# Visible ASCII but the comma: two Idempotency-Key headers reach the app joined by ", " (as
# WSGI joins a repeated header), which would be read as one new key.
IDEMPOTENCY_KEY_FORMAT = re.compile(r"^[\x21-\x2b\x2d-\x7e]{1,128}$")


def _idempotency_key(raw: str | None) -> str | None:
    if raw is None:
        return None
    key = raw.strip().strip('"')  # the IETF draft sends it as a quoted string
    if "," in key:
        raise ApiError(
            400, "Send one Idempotency-Key header, once: a comma joins two keys, or is in yours."
        )
    if not IDEMPOTENCY_KEY_FORMAT.match(key):
        raise ApiError(400, "Idempotency-Key must be 1–128 visible ASCII characters.")
    return key


IDEMPOTENCY_KEY = Param(
    "Idempotency-Key",
    "header",
    {"type": "string", "pattern": "^[\\x21-\\x2b\\x2d-\\x7e]{1,128}$"},
    _idempotency_key,
    "One key per share: a retry with the same key answers with the original share.",
)


@bp.operation(
    "POST",
    "/shares",
    summary="Log a published share (idempotent by Idempotency-Key and by post)",
    body="share-create.request",
    params=[IDEMPOTENCY_KEY],
    responses={200: "share-create.response", 201: "share-create.response", 409: "error"},
    descriptions={
        200: "Already logged (same key or same post): the original share, no points",
        201: "Logged, with its points and any new badges",
        409: "The post was logged by someone else, or deleted by the caller",
    },
    limit=writes_limit,
    quota_in_view=True,  # a retry is answered even when the quota is spent, and spends none
)
def create(body: dict, idempotency_key: str | None):
    """Log a share the caller published; idempotent by key and by post."""
    share_request = ShareRequest(
        url=body["url"].strip(),  # stored as the link, without the spaces a paste brings
        network=body["network"],
        text=body.get("text"),
        posted_at=parse_time(body.get("posted_at"), "posted_at"),
        source=body.get("source"),
        idempotency_key=idempotency_key,
        story_id=body.get("story_id"),
    )
    user, at, book = g.user, now(), rulebook()
    # Refusals and retries first: neither writes, so neither needs the write quota.
    canonical, original = check_share(user, share_request, at)
    if original is None:
        result = _write(user, share_request, canonical, book, at)
    else:
        result = replay(user, original)
    if result.duplicate:
        answered_from_before()
    # A new share tells a story only if logging found one; a retry answers with the original's.
    tells_story = result.duplicate or share_request.story_match is not None
    why = zero_reasons(user, [result.share]).get(result.share.id)
    response = {
        "share": {**result.share.to_json(), "zero_reason": why},
        "duplicate": result.duplicate,
        "points_awarded": 0 if result.duplicate else result.share.points,
        "points_breakdown": book.labelled(result.breakdown),
        "total_points": result.total_points,
        "level": book.level(result.total_points),
        "new_badges": new_badges_json(book, result.new_badges),
        "story": share_story_json(result.share.id) if tells_story else None,
    }
    return response, 200 if result.duplicate else 201


@spends_write_quota
def _write(user, share_request: ShareRequest, canonical: str, book, at) -> ShareResult:
    return write_share(user, share_request, canonical, book, at, analyzer=analyzer())


@bp.operation(
    "GET",
    "/shares",
    summary="The caller's shares, newest first",
    params=page_params(),
    responses={200: "shares-page.response"},
)
def listing(limit: int, offset: int, cursor):
    """List the caller's own shares, newest first."""
    rows, total, next_cursor = shares_of(g.user, limit, offset, cursor)
    # A share listed with 0 says why (the popup shows it under the share).
    why = zero_reasons(g.user, rows)
    data = [{**s.to_json(), "zero_reason": why.get(s.id)} for s in rows]
    return page(data, offset, limit, total, next_cursor)


@bp.operation(
    "DELETE",
    "/shares/<id:share_id>",
    summary="Delete a share logged by mistake (its points are reversed, badges stay)",
    responses={200: "share-delete.response"},
    limit=writes_limit,
)
def delete(share_id: int):
    """Delete a share logged by mistake; its points are reversed, earned badges stay."""
    share, reversed_points, total = delete_share(g.user, share_id, now())
    return {
        "share": share.to_json(),
        "points_reversed": reversed_points,
        "total_points": total,
        "level": rulebook().level(total),
    }
