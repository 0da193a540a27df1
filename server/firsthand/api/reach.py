"""POST/GET /shares/<id>/reach, GET /me/reach: what the caller's own posts did."""

from flask import g

from ..badges import new_badges_json
from ..errors import ApiError
from ..limits import readings_limit
from ..models import Share
from ..reach import Reading, record_reading
from ..reach_clicks import clicks_of_share
from ..reach_models import METRICS, ShareReach
from ..reach_summary import history, my_reach, reach_json, snapshot_json
from .contract import ApiBlueprint
from .helpers import now, parse_time, rulebook
from .params import whole_number

bp = ApiBlueprint("reach", __name__)


def _your_share(share_id: int, why: str = "") -> Share:
    """One of the caller's shares, or the 404 of one that is not (or is deleted)."""
    mine = (Share.id == share_id) & (Share.user == g.user.id) & Share.deleted_at.is_null()
    share = Share.get_or_none(mine)
    if share is None:  # a deleted share's readings went with it, as POST and DELETE say
        raise ApiError(404, f"You have no share {share_id} (it may be deleted){why}.")
    return share


@bp.operation(
    "POST",
    "/shares/<id:share_id>/reach",
    summary="Record the counts the author saw on one of their logged posts (one per hour)",
    body="reach-reading.request",
    responses={200: "reach-reading.response", 201: "reach-reading.response"},
    descriptions={
        200: "A reading for this share and hour was already kept: nothing changed",
        201: "Kept, with the share's reach (highest counts, latest, drops) and new badges",
        404: "No such share of the caller's (someone else's posts are never recorded)",
    },
    limit=readings_limit,
    found=lambda share_id: _your_share(share_id, ": reach is recorded only for your own shares"),
)
def record(body: dict, share_id: int):
    """Keep a reading of the caller's own post: at most one per share per hour."""
    counts = body["counts"]
    reading = Reading(
        seen_at=parse_time(body.get("seen_at"), "seen_at") or now(),
        source=body["source"],
        counts={m: counts[m]["value"] for m in METRICS if m in counts},
        raw={m: counts[m]["raw"] for m in METRICS if m in counts and "raw" in counts[m]},
    )
    book = rulebook()
    result = record_reading(g.user, share_id, reading, book, now())
    answer = {
        "snapshot": snapshot_json(result.snapshot),
        "duplicate": result.duplicate,
        "reach": reach_json(result.reach, clicks_of_share(g.user, share_id)),
        "new_badges": new_badges_json(book, result.new_badges),
    }
    return answer, 200 if result.duplicate else 201


@bp.operation(
    "GET",
    "/shares/<id:share_id>/reach",
    summary="Every reading kept for one of the caller's shares, oldest first",
    responses={200: "reach-history.response"},
)
def share_history(share_id: int):
    """The reach history of one of the caller's own shares."""
    share = _your_share(share_id)
    return {
        "share_id": share.id,
        "reach": reach_json(
            ShareReach.get_or_none(ShareReach.share == share.id), clicks_of_share(g.user, share.id)
        ),
        "snapshots": [snapshot_json(s) for s in history(g.user, share.id)],
    }


@bp.operation(
    "GET",
    "/me/reach",
    summary="The caller's recent shares with their reach, this month against last, an insight",
    params=[whole_number("limit", 20, 1, 100, "How many recent shares (1–100).")],
    responses={200: "me-reach.response"},
)
def mine(limit: int):
    """Recent shares with reach; the insight appears only with enough data."""
    return my_reach(g.user, now(), limit)
