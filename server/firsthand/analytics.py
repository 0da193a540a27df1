"""The program's figures for the console's analytics page: participation against who was in
the program at the time, the three groups, retention by cohort, own-voice ratio, reach per
team and network, top posts, and an earned media value estimate.

Every figure reads rollups (period totals per person, reach rollups per month) or one
grouped pass over people, so a page costs what the months and weeks shown cost, not what
the number of shares does. Breakdowns by team fold teams smaller than the configured
minimum into "Other teams", so no figure singles out someone who did not choose to be seen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import SQL, Case, fn

from .clock import week_start
from .db import backend_name
from .ledger import period_key
from .models import PeriodStats, Share, Team, User
from .reach_models import METRICS, HoldBackAnswer, ReachRollup, ShareReach

OTHER = "Other teams"
HOLD_BACK = {
    "no_time": "No time",
    "what_to_say": "Don't know what to say",
    "whats_allowed": "Not sure what's allowed",
    "not_for_me": "Not for me",
    "dont_ask": "Don't ask again",
}


@dataclass
class Table:
    """One figure: its data as rows (what the page, the chart and the CSV all show)."""

    name: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str | None = None  # "line" or "bar": drawn from the table when scripts run
    chart_columns: tuple[int, ...] = (1,)  # which columns the chart plots (one scale)
    note: str = ""


def _people(team_ids: set[int] | None):
    people = User.select()
    if team_ids is not None:
        people = people.where(User.team.in_(sorted(team_ids) or [0]))
    return people


def _month_keys(now: datetime, months: int) -> list[str]:
    keys, year, month = [], now.year, now.month
    for _ in range(months):
        keys.append(f"{year}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return keys[::-1]


def _by_day(column, team_ids, before: datetime, extra=None) -> list[tuple[str, int]]:
    """How many people's `column` falls on each day before `before` (one grouped pass)."""
    where = column.is_null(False) & (column < before)
    if extra is not None:
        where &= extra
    query = _people(team_ids).select(fn.date(column), fn.COUNT(User.id)).where(where)
    return [(str(day)[:10], count) for day, count in query.group_by(SQL("1")).tuples()]


def participation(now: datetime, team_ids: set[int] | None, weeks: int = 12) -> Table:
    """Per ISO week: people in the program that week (invited before its end, not yet
    deactivated or deleted: deleting deactivates), connected by then, sharing, sharing in
    their own voice. Membership at each week's end comes from each person's invite, connect
    and deactivation times, counted per day in one grouped pass each."""
    starts = [week_start(now) - timedelta(weeks=k) for k in range(weeks - 1, -1, -1)]
    last = starts[-1] + timedelta(weeks=1)
    invited = _by_day(User.created_at, team_ids, last)
    connected = _by_day(User.connected_at, team_ids, last)
    left = _by_day(User.deactivated_at, team_ids, last)
    left_connected = _by_day(User.deactivated_at, team_ids, last, User.connected_at.is_null(False))

    def upto(series: list[tuple[str, int]], end: datetime) -> int:
        day = f"{end:%Y-%m-%d}"
        return sum(count for d, count in series if d < day)

    weekly = _week_sharing(starts, team_ids)
    table = Table(
        "participation",
        "Participation by week",
        ["week", "in the program", "connected", "sharing", "sharing in own voice", "% sharing"],
        chart="line",
        chart_columns=(1, 2, 3, 4),
        note="Measured against who was in the program that week (invited by then and not "
        "yet deactivated), not today's headcount.",
    )
    for start in starts:
        end = start + timedelta(weeks=1)
        members = upto(invited, end) - upto(left, end)
        joined = upto(connected, end) - upto(left_connected, end)
        sharing, own = weekly.get(period_key("week", start), (0, 0))
        share = round(100 * sharing / members, 1) if members else 0.0
        table.rows.append([f"{start:%Y-%m-%d}", members, joined, sharing, own, share])
    return table


def _week_sharing(starts, team_ids) -> dict[str, tuple[int, int]]:
    keys = [period_key("week", s) for s in starts]
    query = PeriodStats.select(
        PeriodStats.period,
        fn.COUNT(PeriodStats.id),
        fn.SUM(Case(None, [(PeriodStats.personal_shares > 0, 1)], 0)),
    ).where(PeriodStats.period.in_(keys) & (PeriodStats.shares > 0))
    if team_ids is not None:
        query = query.where(PeriodStats.team.in_(sorted(team_ids) or [0]))
    return {p: (int(c), int(o or 0)) for p, c, o in query.group_by(PeriodStats.period).tuples()}


def _month_of(column):
    if backend_name() == "sqlite":
        return fn.strftime("%Y-%m", column)
    return fn.to_char(column, "YYYY-MM")


def retention(now: datetime, team_ids: set[int] | None, months: int = 6) -> Table:
    """Cohorts by month of connecting: the share of each cohort who shared N months later."""
    keys = _month_keys(now, months)
    start = datetime.fromisoformat(f"{keys[0]}-01T00:00:00+00:00")
    cohort = _month_of(User.connected_at)
    sizes = dict(
        _people(team_ids)
        .select(cohort, fn.COUNT(User.id))
        .where(User.connected_at >= start)
        .group_by(SQL("1"))
        .tuples()
    )
    active = defaultdict(int)
    query = (
        PeriodStats.select(cohort, PeriodStats.period, fn.COUNT(PeriodStats.id))
        .join(User, on=PeriodStats.user == User.id)
        .where(
            PeriodStats.period.in_([f"month:{k}" for k in keys])
            & (PeriodStats.shares > 0)
            & (User.connected_at >= start)
        )
    )
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    for month, period, count in query.group_by(SQL("1"), PeriodStats.period).tuples():
        active[(month, period.removeprefix("month:"))] += count
    table = Table(
        "retention",
        "Retention by cohort (% of each month's newly connected people who shared)",
        ["cohort", "people"] + [f"month {k}" for k in range(months)],
        note="Month 0 is the month they connected; empty cells are in the future.",
    )
    for i, key in enumerate(keys):
        size = int(sizes.get(key, 0))
        cells = []
        for later in keys[i:]:
            cells.append(round(100 * active[(key, later)] / size, 1) if size else 0.0)
        table.rows.append([key, size] + cells + [""] * (months - len(cells)))
    return table


def own_voice(now: datetime, team_ids: set[int] | None, months: int = 6) -> Table:
    keys = _month_keys(now, months)
    query = PeriodStats.select(
        PeriodStats.period, fn.SUM(PeriodStats.shares), fn.SUM(PeriodStats.personal_shares)
    ).where(PeriodStats.period.in_([f"month:{k}" for k in keys]))
    if team_ids is not None:
        query = query.where(PeriodStats.team.in_(sorted(team_ids) or [0]))
    found = {
        p: (int(s or 0), int(o or 0)) for p, s, o in query.group_by(PeriodStats.period).tuples()
    }
    table = Table(
        "own_voice",
        "Own-voice ratio by month",
        ["month", "shares", "in own voice", "% own voice"],
        chart="line",
        chart_columns=(1, 2),
    )
    for key in keys:
        shares, own = found.get(f"month:{key}", (0, 0))
        table.rows.append([key, shares, own, round(100 * own / shares, 1) if shares else 0.0])
    return table


def team_sizes(team_ids: set[int] | None) -> dict[int | None, int]:
    """People per team. Deleted people have no team, so the per-team counts are one pass
    over the (team, name, id) index; only the people without a team are checked for that."""
    query = _people(team_ids).select(User.team, fn.COUNT(User.id)).where(User.team.is_null(False))
    sizes = dict(query.group_by(User.team).tuples())
    if team_ids is None:
        no_team = User.select().where(User.team.is_null() & User.erased_at.is_null())
        sizes[None] = no_team.count()
    return sizes


def fold_label(team_id, names, sizes, minimum) -> str:
    if team_id is None or sizes.get(team_id, 0) < minimum:
        return OTHER
    return names.get(team_id, OTHER)


def reach_by_team(now, team_ids, minimum: int, months: int = 3) -> Table:
    """Reach of the posts logged in the last months, per team (small teams folded)."""
    keys = _month_keys(now, months)
    sizes = team_sizes(team_ids)
    names = dict(Team.select(Team.id, Team.name).tuples())
    totals = defaultdict(lambda: [0] * (1 + len(METRICS)))
    people = defaultdict(int)
    for team, *sums in _rollup_sums(ReachRollup.team, keys, team_ids):
        label = fold_label(team, names, sizes, minimum)
        totals[label] = [a + int(b or 0) for a, b in zip(totals[label], sums, strict=True)]
    for team, size in sizes.items():
        people[fold_label(team, names, sizes, minimum)] += size
    table = Table(
        "reach_by_team",
        f"Reach by team, posts logged {keys[0]} to {keys[-1]}",
        ["team", "people", "posts read", *METRICS],
        chart="bar",
        chart_columns=(3, 4, 5),
        note=f"Teams of fewer than {minimum} people are counted in “{OTHER}”; "
        f"“{OTHER}” is left out when it is itself that small.",
    )
    for label in sorted(totals, key=lambda name: (name == OTHER, name)):
        if label == OTHER and people[label] < minimum:
            continue
        table.rows.append([label, people[label], *totals[label]])
    return table


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
        ShareReach.select(ShareReach, User.name, Share.url)
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
                row.share.url,
                row.comments,
                row.reactions,
                row.reposts,
                row.impressions,
            ]
        )
    return table


def hold_back(team_ids, minimum: int) -> Table:
    query = HoldBackAnswer.select(HoldBackAnswer.answer, fn.COUNT(HoldBackAnswer.user)).join(
        User, on=HoldBackAnswer.user == User.id
    )
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    counts = dict(query.group_by(HoldBackAnswer.answer).tuples())
    total = sum(counts.values())
    table = Table(
        "hold_back",
        "What holds people back (asked once, after 30 days without a share)",
        ["answer", "people"],
        chart="bar",
        note=f"Shown once at least {minimum} people have answered.",
    )
    if total >= minimum:
        table.rows = [[label, int(counts.get(code, 0))] for code, label in HOLD_BACK.items()]
    return table


def earned_media(impressions: int, clicks: int, cpm: float, cpc: float) -> dict:
    value = impressions / 1000 * cpm + clicks * cpc
    return {"impressions": impressions, "clicks": clicks, "cpm": cpm, "cpc": cpc, "value": value}
