"""Ranked standings per period and scope, read from the period totals."""

from __future__ import annotations

from datetime import datetime

from .db import write_transaction
from .errors import ApiError
from .ledger import period_key
from .models import COMPANY, PeriodStats, User
from .statements import rows

SCOPES = ("team", "company")


# The board's top in its index's order (migration 0006: period, [team_id,] hidden, points
# DESC, shares DESC, user_id), so the first `limit` rows are read off the index however many
# people the board has.
_TOP = (
    "SELECT ps.user_id, u.name, t.name, ps.points, ps.shares, ps.personal_shares "
    'FROM period_stats ps JOIN "user" u ON u.id = ps.user_id '
    "LEFT JOIN team t ON t.id = ps.team_id "
    "WHERE ps.period = {p}{team} AND ps.hidden = {p} "
    "ORDER BY ps.points DESC, ps.shares DESC, ps.user_id LIMIT {p}"
)
# The caller's own totals, the people above them (a sum over the histogram's buckets above
# their points: one per distinct points value, not one per colleague) and, for a team board,
# the team's name, in one statement. The one-row FROM answers even with no totals yet (0
# points).
_MINE = (
    "SELECT m.points, m.shares, m.personal_shares, "
    "(SELECT COALESCE(SUM(h.people), 0) FROM rank_histogram h WHERE h.period = {p} "
    "AND h.team_key = {p} AND h.points > COALESCE(m.points, 0)), "
    "(SELECT name FROM team WHERE id = {p}) "
    "FROM (SELECT 1 AS one) AS caller "
    "LEFT JOIN period_stats m ON m.user_id = {p} AND m.period = {p}"
)


def standings(user: User, period: str, scope: str, limit: int, now: datetime) -> dict:
    """Top entries of a period's leaderboard, plus the caller's own standing.

    Two statements, each rendered once (statements.py): the board's top and the caller's
    own standing; neither grows with the board."""
    key = period_key(period, now)
    team = scope == "team"
    if team and not user.team_id:
        raise ApiError(
            422,
            "You are not in a team yet, so there is no team leaderboard: "
            "ask an admin to set your team.",
            code="no_team",
        )
    if team:
        top = rows(_TOP.replace("{team}", " AND ps.team_id = {p}"), key, user.team_id, False, limit)
    else:
        top = rows(_TOP.replace("{team}", ""), key, False, limit)
    entries, rank, last_points = [], 0, None
    for position, (user_id, name, team_name, points, shares, personal) in enumerate(top, 1):
        if points != last_points:
            rank, last_points = position, points
        entries.append(
            {
                "rank": rank,
                "user_id": user_id,
                "name": name,
                "team": team_name,
                "points": points,
                "shares": shares,
                "personal_share_ratio": _ratio(shares, personal),
                "is_you": user_id == user.id,
            }
        )
    team_key = user.team_id if team else COMPANY
    points, shares, personal, ahead, team_name = rows(
        _MINE, key, team_key, user.team_id if team else None, user.id, key
    )[0]
    return {
        "period": period,
        "scope": scope,
        "team": team_name,
        "entries": entries,
        "you": {
            "rank": int(ahead) + 1,
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
        User.update(leaderboard_opt_out=opted_out).where(User.id == user.id).execute()
        user.leaderboard_opt_out = opted_out
        hidden = user.hidden_from_boards
        PeriodStats.update(hidden=hidden).where(PeriodStats.user == user.id).execute()
