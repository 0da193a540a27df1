"""The analytics page's reach figures: reach per team and per network from the reach
rollups, and the month's top posts (analytics.py has the program's figures)."""

from __future__ import annotations

from collections import defaultdict

from peewee import fn

from .analytics import (
    FOLDED,
    OTHER,
    Table,
    _month_keys,
    fold_key,
    group_label,
    group_order,
    team_sizes,
)
from .models import Share, Team, User
from .reach_models import METRICS, ReachRollup, ShareReach


def reach_by_team(now, team_ids, minimum: int, months: int = 3) -> Table:
    """Reach of the posts logged in the last months, per team (small teams folded)."""
    keys = _month_keys(now, months)
    sizes = team_sizes(team_ids)
    names = dict(Team.select(Team.id, Team.name).tuples())
    totals = defaultdict(lambda: [0] * (1 + len(METRICS)))
    people = defaultdict(int)
    for team, *sums in _rollup_sums(ReachRollup.team, keys, team_ids):
        key = fold_key(team, names, sizes, minimum)
        totals[key] = [a + int(b or 0) for a, b in zip(totals[key], sums, strict=True)]
    for team, size in sizes.items():
        people[fold_key(team, names, sizes, minimum)] += size
    table = Table(
        "reach_by_team",
        f"Reach by team, posts logged {keys[0]} to {keys[-1]}",
        ["team", "people", "posts read", *METRICS],
        chart="bar",
        chart_columns=(3, 4, 5),
        note=f"Teams of fewer than {minimum} people are counted in “{OTHER}”; "
        f"“{OTHER}” is left out when it is itself that small.",
    )
    for key in sorted(totals, key=group_order(names)):
        if key is FOLDED and people[key] < minimum:
            continue
        table.rows.append([group_label(key, names), people[key], *totals[key]])
    return table


def shown_scope(team_ids: set[int] | None, minimum: int) -> set[int] | None:
    """The teams whose people the team tables show. While "Other teams" is left out (fewer
    than the minimum of people in it), a figure not broken down by team (by network, by
    story) counts only the teams shown: otherwise it less the rows shown is what the few
    left out did (one person's impressions, say)."""
    sizes = team_sizes(team_ids)
    if sum(n for team, n in sizes.items() if team is None or n < minimum) >= minimum:
        return team_ids  # "Other teams" is shown: every team is somewhere on the page
    return {team for team, n in sizes.items() if team is not None and n >= minimum}


def _rollup_sums(group, keys: list[str], team_ids) -> list[tuple]:
    """Posts read and each metric's sum per `group`, over the months `keys`, from the rollups."""
    query = ReachRollup.select(
        group,
        fn.SUM(ReachRollup.shares),
        *[fn.SUM(getattr(ReachRollup, m)) for m in METRICS],
    ).where(ReachRollup.month.in_(keys))
    if team_ids is not None:
        query = query.where(ReachRollup.team.in_(sorted(team_ids) or [0]))
    return list(query.group_by(group).order_by(group).tuples())


def reach_by_network(now, team_ids, minimum: int, months: int = 3) -> Table:
    """Reach per network; nothing when the people in view are fewer than the minimum."""
    keys = _month_keys(now, months)
    team_ids = shown_scope(team_ids, minimum)
    table = Table(
        "reach_by_network",
        f"Reach by network, posts logged {keys[0]} to {keys[-1]}",
        ["network", "posts read", *METRICS],
    )
    if sum(team_sizes(team_ids).values()) < minimum:
        return table
    for network, *sums in _rollup_sums(ReachRollup.network, keys, team_ids):
        table.rows.append([network, *[int(s or 0) for s in sums]])
    return table


def top_posts(now, team_ids, limit: int = 10) -> Table:
    """This month's posts that drew the most conversation, only from people who have not
    opted out of leaderboards (nor been deactivated)."""
    month = f"{now:%Y-%m}"
    query = (
        ShareReach.select(ShareReach, User.name, Share.canonical_url)
        .join(User, on=ShareReach.user == User.id)
        .switch(ShareReach)
        .join(Share, on=ShareReach.share == Share.id)
        .where(
            (ShareReach.month == month)
            & (User.leaderboard_opt_out == False)  # noqa: E712 (SQL, not Python)
            & User.deactivated_at.is_null()
        )
        .order_by(  # the (month, comments) index gives this order without a sort
            ShareReach.month,
            ShareReach.comments.desc(nulls="LAST"),
            ShareReach.reactions.desc(nulls="LAST"),
            ShareReach.share,
        )
        .limit(limit)
    )
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    table = Table(
        "top_posts",
        f"Top posts of {month} (people who opted out of leaderboards are never listed)",
        ["who", "post", "comments", "reactions", "reposts", "impressions"],
    )
    for row in query:
        table.rows.append(
            [
                row.user.name,
                # The post as identified (https, its id, no trackers), not as typed: a typed
                # "HTTP://…" showed as text, with any direction override it held.
                row.share.canonical_url,
                row.comments,
                row.reactions,
                row.reposts,
                row.impressions,
            ]
        )
    return table
