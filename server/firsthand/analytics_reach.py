"""The analytics page's reach figures: reach per team and per network from the reach
rollups, and the month's top posts (analytics.py has the program's figures)."""

from __future__ import annotations

from collections import defaultdict

from peewee import fn

from .analytics import FOLDED, OTHER, Table, _month_keys, group_label, group_order
from .analytics_folding import fold_small, fold_teams, folded_label, people_by, shown_teams
from .models import Share, Team, User
from .reach_models import METRICS, ReachRollup, ShareReach

POSTERS = "people who posted"
OTHER_NETWORKS = "Other networks"


def reach_people(keys: list[str], team_ids) -> list[tuple]:
    """(team, network, person) of every post logged in the months `keys` whose reach was read:
    who the reach rollups of those months add up (one row per share, as the rollup counts)."""
    query = (
        ShareReach.select(ShareReach.team, ShareReach.network, ShareReach.user)
        .where(ShareReach.month.in_(keys))
        .distinct()
    )
    if team_ids is not None:
        query = query.where(ShareReach.team.in_(sorted(team_ids) or [0]))
    return list(query.tuples())


def reach_by_team(now, team_ids, minimum: int, months: int = 3) -> Table:
    """Reach of the posts logged in the last months, per team; a team of fewer than the
    minimum of people whose posts were read is folded (analytics_folding.py)."""
    keys = _month_keys(now, months)
    names = dict(Team.select(Team.id, Team.name).tuples())
    found = people_by((team, user) for team, _, user in reach_people(keys, team_ids))
    group_of, people = fold_teams(found, names, minimum)
    totals = defaultdict(lambda: [0] * (1 + len(METRICS)))
    for team, *sums in _rollup_sums(ReachRollup.team, keys, team_ids):
        key = group_of.get(team, FOLDED)
        totals[key] = [a + int(b or 0) for a, b in zip(totals[key], sums, strict=True)]
    table = Table(
        "reach_by_team",
        f"Reach by team, posts logged {keys[0]} to {keys[-1]}",
        ["team", POSTERS, "posts read", *METRICS],
        chart="bar",
        chart_columns=(3, 4, 5),
        note=f"“{POSTERS}”: people whose posts of these months had their reach read, in the "
        f"team they were in then. Teams where fewer than {minimum} people did are counted in "
        f"“{OTHER}”; “{OTHER}” is left out when it is itself that small.",
    )
    for key in sorted(totals, key=group_order(names)):
        if len(people[key]) < minimum:
            continue  # only "Other teams" can be this small
        table.rows.append([group_label(key, names), len(people[key]), *totals[key]])
    return table


def shown_scope(team_ids: set[int] | None, minimum: int, now, months: int = 3):
    """The teams whose reach the figures not broken down by team count: while "Other teams"
    is left out of reach by team, not the teams in it (their total less the rows shown is
    what the few left out did: one person's impressions, say)."""
    found = people_by((t, user) for t, _, user in reach_people(_month_keys(now, months), team_ids))
    names = dict(Team.select(Team.id, Team.name).tuples())
    return shown_teams(team_ids, found, names, minimum)


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
    """Reach per network, of the teams reach by team shows; networks fewer than the minimum
    of people posted on are folded together; nothing when fewer people posted at all."""
    keys = _month_keys(now, months)
    team_ids = shown_scope(team_ids, minimum, now, months)
    table = Table(
        "reach_by_network",
        f"Reach by network, posts logged {keys[0]} to {keys[-1]}",
        ["network", POSTERS, "posts read", *METRICS],
        note=f"Networks fewer than {minimum} people posted on are counted together in "
        f"“{OTHER_NETWORKS}”, with the next smallest when they are still fewer together.",
    )
    found = people_by((network, user) for _, network, user in reach_people(keys, team_ids))
    if len(set().union(*found.values())) < minimum:
        return table
    folded = fold_small(found, minimum)
    other = folded_label(folded, found, minimum, OTHER_NETWORKS)
    rows: dict[str, list] = {}
    who: dict[str, set[int]] = defaultdict(set)
    for network, *sums in _rollup_sums(ReachRollup.network, keys, team_ids):
        label = other if network in folded else network
        who[label] |= found.get(network, set())
        row = rows.setdefault(label, [0] * (1 + len(METRICS)))
        rows[label] = [a + int(b or 0) for a, b in zip(row, sums, strict=True)]
    for label in sorted(rows, key=lambda name: (name == other, name)):
        table.rows.append([label, len(who[label]), *rows[label]])
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
