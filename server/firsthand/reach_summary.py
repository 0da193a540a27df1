"""What the popup shows about reach: recent shares with their counts, this month against
last, and a personal insight only when the numbers behind it exist."""

from __future__ import annotations

import json
from datetime import datetime

from .clock import iso
from .models import Share, User
from .potential_reach import entered
from .reach import month_of
from .reach_clicks import clicks_by_month, clicks_for_shares
from .reach_models import METRICS, ReachSnapshot, ShareReach

INSIGHT_MINIMUM = 3  # posts of each kind, with the count known, before comparing them
INSIGHT_METRICS = ("comments", "reactions", "reposts", "impressions")


def reach_json(reach: ShareReach | None, clicks: int | None = None) -> dict:
    """A share's reach: highest count of each metric (null = never read), latest, drops,
    and the clicks on its tracked link (null: the share has none; see reach_clicks)."""
    if reach is None:
        return {
            **{m: None for m in METRICS},
            "clicks": clicks,
            "latest": {m: None for m in METRICS},
            "dropped": [],
            "snapshots": 0,
            "last_seen_at": None,
        }
    return {
        **{m: getattr(reach, m) for m in METRICS},
        "clicks": clicks,
        "latest": {m: getattr(reach, f"latest_{m}") for m in METRICS},
        "dropped": [m for m in reach.dropped.split(",") if m],
        "snapshots": reach.snapshots,
        "last_seen_at": iso(reach.last_seen_at),
    }


def snapshot_json(snapshot: ReachSnapshot) -> dict:
    return {
        "id": snapshot.id,
        "seen_at": iso(snapshot.seen_at),
        "source": snapshot.source,
        "counts": {m: getattr(snapshot, m) for m in METRICS},
        "raw": json.loads(snapshot.raw),
    }


def history(user: User, share_id: int) -> list[ReachSnapshot]:
    return list(
        ReachSnapshot.select()
        .where((ReachSnapshot.share == share_id) & (ReachSnapshot.user == user.id))
        .order_by(ReachSnapshot.seen_at, ReachSnapshot.id)
    )


def _previous_month(month: str) -> str:
    year, number = map(int, month.split("-"))
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def months(user: User, now: datetime) -> list[dict]:
    """This month and last: shares logged, shares whose reach was read, summed counts
    (null for a metric no share of the month had read; clicks null with no tracked link)."""
    this = month_of(now)
    clicks = clicks_by_month(user)
    result = []
    for month in (this, _previous_month(this)):
        rows = list(
            ShareReach.select().where((ShareReach.user == user.id) & (ShareReach.month == month))
        )
        start = datetime.fromisoformat(f"{month}-01T00:00:00+00:00")
        end_month = this if month != this else None
        logged = Share.select().where(
            (Share.user == user.id) & Share.deleted_at.is_null() & (Share.logged_at >= start)
        )
        if end_month:
            logged = logged.where(
                Share.logged_at < datetime.fromisoformat(f"{end_month}-01T00:00:00+00:00")
            )
        result.append(
            {
                "month": month,
                "shares": logged.count(),
                "shares_read": len(rows),
                **{m: _month_total(rows, m) for m in METRICS},
                # A month with no tracked link has unknown clicks (null), like an unread count.
                "tracked_links": clicks.get(month, (0, None))[0],
                "clicks": clicks.get(month, (0, None))[1],
            }
        )
    return result


def _month_total(rows: list[ShareReach], metric: str) -> int | None:
    """The month's sum over the counts that were read; None when none was: unknown, not zero."""
    known = [getattr(r, metric) for r in rows if getattr(r, metric) is not None]
    return sum(known) if known else None


def _known(rows: list[ShareReach], metric: str, voice: str) -> list[int]:
    return [getattr(r, metric) for r in rows if r.voice == voice and getattr(r, metric) is not None]


def insight(user: User) -> dict | None:
    """Own-voice posts against the others, on the first metric with ≥3 known of each kind.

    None when there is not enough data: no claim without the numbers behind it.
    """
    rows = list(ShareReach.select().where(ShareReach.user == user.id))
    for metric in INSIGHT_METRICS:
        own = _known(rows, metric, "personal")
        other = _known(rows, metric, "corporate")
        if len(own) < INSIGHT_MINIMUM or len(other) < INSIGHT_MINIMUM:
            continue
        own_mean, other_mean = sum(own) / len(own), sum(other) / len(other)
        ratio = round(own_mean / other_mean, 1) if other_mean else None
        return {
            "metric": metric,
            "own_voice": {"posts": len(own), "average": round(own_mean, 1)},
            "other": {"posts": len(other), "average": round(other_mean, 1)},
            "ratio": ratio,
        }
    return None


def recent(user: User, limit: int) -> list[tuple[Share, ShareReach | None]]:
    shares = list(
        Share.select()
        .where((Share.user == user.id) & Share.deleted_at.is_null())
        .order_by(Share.logged_at.desc(), Share.id.desc())
        .limit(limit)
    )
    found = {
        r.share_id: r
        for r in ShareReach.select().where(ShareReach.share.in_([s.id for s in shares]))
    }
    return [(s, found.get(s.id)) for s in shares]


def my_reach(user: User, now: datetime, limit: int) -> dict:
    shares = recent(user, limit)
    links = clicks_for_shares(user, [share.id for share, _ in shares])
    items = []
    for share, reach in shares:
        link = links.get(share.id)
        items.append(
            {
                "share": share.to_json(),
                "reach": reach_json(reach, None if link is None else link.clicks),
                "tracked_link": None if link is None else link.to_json(),
            }
        )
    return {
        "shares": items,
        "months": months(user, now),
        "insight": insight(user),
        # What the person entered: potential reach, shown apart, never summed with reach.
        "potential_reach": entered(user),
    }


def export_reach(user: User) -> dict:
    """The person's reach readings and hold-back answer, for their data export."""
    from .reach_models import HoldBackAnswer

    snapshots = ReachSnapshot.select().where(ReachSnapshot.user == user.id)
    answer = HoldBackAnswer.get_or_none(HoldBackAnswer.user == user.id)
    return {
        "reach_snapshots": [
            {"share_id": s.share_id, "snapshot": snapshot_json(s)}
            for s in snapshots.order_by(ReachSnapshot.seen_at, ReachSnapshot.id)
        ],
        "hold_back_answer": (
            {"answer": answer.answer, "answered_at": iso(answer.answered_at)} if answer else None
        ),
    }
