"""Ranked standings per period and scope, read from the period totals."""

from __future__ import annotations

from datetime import datetime

from .db import write_transaction
from .errors import ApiError, PersonErased, say
from .ledger import period_key
from .models import COMPANY, PeriodStats, User, UserStats
from .statements import rows

SCOPES = ("team", "company")


# One statement, one round trip to the database, rendered once (statements.py):
# - first, the caller's own totals, the people above them (a sum over the histogram's buckets
#   above their points: one per distinct points value, not one per colleague) and, for a team
#   board, the team's name; the one-row FROM answers even with no totals yet (0 points);
# - then the board's top in its index's order (migration 0006: period, [team_id,] hidden,
#   points DESC, shares DESC, user_id), so the first `limit` rows are read off the index
#   however many people the board has.
_BOARD = (
    "SELECT 0 AS mine, NULL AS user_id, NULL AS name, (SELECT name FROM team WHERE id = {p}), "
    "m.points, m.shares, m.personal_shares, "
    "(SELECT COALESCE(SUM(h.people), 0) FROM rank_histogram h WHERE h.period = {p} "
    "AND h.team_key = {p} AND h.points > COALESCE(m.points, 0)) "
    "FROM (SELECT 1 AS one) AS caller "
    "LEFT JOIN period_stats m ON m.user_id = {p} AND m.period = {p} "
    "UNION ALL SELECT * FROM ("
    "SELECT 1 AS mine, ps.user_id, u.name AS name, t.name AS team, ps.points, ps.shares, "
    "ps.personal_shares, 0 AS ahead "
    'FROM period_stats ps JOIN "user" u ON u.id = ps.user_id '
    "LEFT JOIN team t ON t.id = ps.team_id "
    "WHERE ps.period = {p}{team} AND ps.hidden = {p} "
    # A row left at 0 by a deleted share is no standing: it ranked first on an empty board.
    "AND (ps.points <> 0 OR ps.shares <> 0) "
    "ORDER BY ps.points DESC, ps.shares DESC, ps.user_id LIMIT {p}) AS board_top"
)
_COMPANY_BOARD = _BOARD.replace("{team}", "")
_TEAM_BOARD = _BOARD.replace("{team}", " AND ps.team_id = {p}")


def standings(user: User, period: str, scope: str, limit: int, now: datetime) -> dict:
    """Top entries of a period's leaderboard, plus the caller's own standing, in one
    statement whose cost does not grow with the board."""
    key = period_key(period, now)
    team = scope == "team"
    if team and not user.team_id:
        raise ApiError(422, say("error.leaderboard.no_team"), code="no_team")
    if team:
        found = rows(
            _TEAM_BOARD, user.team_id, key, user.team_id, user.id, key,
            key, user.team_id, False, limit,
        )  # fmt: skip
    else:
        found = rows(_COMPANY_BOARD, None, key, COMPANY, user.id, key, key, False, limit)
    (_, _, _, team_name, points, shares, personal, ahead), *top = sorted(
        found, key=lambda row: (row[0], -(row[4] or 0), -(row[5] or 0), row[1] or 0)
    )
    entries, rank, last_points = [], 0, None
    for position, (_, user_id, name, their_team, points_, shares_, personal_, _) in enumerate(
        top, 1
    ):
        if points_ != last_points:
            rank, last_points = position, points_
        entries.append(
            {
                "rank": rank,
                "user_id": user_id,
                "name": name,
                "team": their_team,
                "points": points_,
                "shares": shares_,
                "personal_share_ratio": _ratio(shares_, personal_),
                "is_you": user_id == user.id,
            }
        )
    return {
        "period": period,
        "scope": scope,
        "team": team_name,
        "entries": entries,
        "you": {
            # No points and no shares this period is no standing (the board leaves such rows
            # out too): no rank rather than "1st" on an empty board.
            "rank": int(ahead) + 1 if (points or shares) else None,
            "points": points or 0,
            "shares": shares or 0,
            "personal_share_ratio": _ratio(shares, personal) if shares is not None else 0.0,
            "opted_out": user.leaderboard_opt_out,
        },
    }


def _ratio(shares: int, personal: int) -> float:
    return round(personal / shares, 2) if shares > 0 else 0.0


def set_opt_out(user: User, opted_out: bool) -> None:
    """Hide or show the user on everyone else's leaderboards (all periods at once)."""
    with write_transaction():
        mine = (User.id == user.id) & User.erased_at.is_null()  # erased meanwhile: no more
        if not User.update(leaderboard_opt_out=opted_out).where(mine).execute():
            raise PersonErased()
        # Their row, then their counters (the order an erasure takes them): a write of theirs
        # in flight commits first, so its period totals are hidden with the others.
        UserStats.locked(user.id)
        user.leaderboard_opt_out = opted_out
        hidden = user.hidden_from_boards
        PeriodStats.update(hidden=hidden).where(PeriodStats.user == user.id).execute()
