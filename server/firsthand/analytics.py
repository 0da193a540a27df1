"""The program's figures for the console's analytics page: participation against who was in
the program at the time, the three groups, retention by cohort, own-voice ratio, reach per
team and network, top posts, and an earned media value estimate.

Every figure reads rollups per team and day, week or month (rollups.py, reach.py), so a
page costs what the teams and days shown cost, not what the number of people or shares
does. Breakdowns by team fold teams under the configured minimum into "Other teams", and a
retention cohort under it shows no share, so no figure singles out someone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from peewee import fn

from . import rollups
from .folding import sort_key
from .ledger import period_key
from .models import User
from .reach_models import HoldBackAnswer
from .rollup_models import (
    NO_TEAM,
    CohortActive,
    CohortSize,
    TeamDay,
    TeamPeriod,
    TeamTotal,
)
from .staff import staff_by_team, staff_in_program

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
    hidden: bool = False  # left out for too few people in view (the note says so)
    # A period still in progress (this week, this month) is not a complete one: the page
    # names rows with `labels` ("week of 30 Nov 2026") and marks the cells of `so_far` (row ->
    # column; 0: the whole row); the CSV keeps row[0] (an ISO date) and adds a column
    # `progress` saying which figures are so far.
    labels: list[str] | None = None
    so_far: dict[int, int] = field(default_factory=dict)
    progress: str = ""

    def export(self) -> tuple[list[str], list[list]]:
        """The columns and rows of the CSV: the rows, and where a period is in progress."""
        if not self.progress:
            return self.columns, self.rows
        flags = [self.so_far.get(r) for r in range(len(self.rows))]
        rows = [
            [*row, "" if at is None else "yes" if at == 0 else self.columns[at]]
            for row, at in zip(self.rows, flags, strict=True)
        ]
        return [*self.columns, self.progress], rows


def day_label(moment) -> str:
    """ "30 Nov 2026", as people read a date (not 2026-11-30)."""
    return f"{moment.day} {moment:%b %Y}"


def month_label(key: str) -> str:
    """ "Nov 2026" for the month key "2026-11"."""
    year, month = key.split("-")
    return f"{datetime(int(year), int(month), 1, tzinfo=UTC):%b %Y}"


def _scoped(query, model, team_ids: set[int] | None):
    """Rows of the teams in view: all (people without a team too), or a manager's teams."""
    if team_ids is None:
        return query
    return query.where(model.team_key.in_(sorted(team_ids) or [-1]))


def _month_keys(now: datetime, months: int) -> list[str]:
    keys, year, month = [], now.year, now.month
    for _ in range(months):
        keys.append(f"{year}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return keys[::-1]


def participation(now: datetime, team_ids: set[int] | None, weeks: int = 12) -> Table:
    """Per ISO week from the program's first (rollups.program_weeks): people in the program
    that week (invited before its end; not deactivated, deleted or program staff, staff.py),
    connected by then, sharing, sharing in their own voice, in the team they were in then.
    Membership at a week's end is the total now less the changes since (per team and day)."""
    starts = rollups.program_weeks(now, weeks)
    first_end = rollups.day_number(starts[0] + timedelta(weeks=1))
    totals = _scoped(
        TeamTotal.select(fn.SUM(TeamTotal.members), fn.SUM(TeamTotal.connected)),
        TeamTotal,
        team_ids,
    ).tuples()[0]
    members_now, connected_now = (int(v or 0) for v in totals)
    since = _scoped(
        TeamDay.select(TeamDay.day, fn.SUM(TeamDay.members), fn.SUM(TeamDay.connected))
        .where(TeamDay.day >= first_end)
        .group_by(TeamDay.day),
        TeamDay,
        team_ids,
    ).tuples()
    changes = [(day, int(m), int(c)) for day, m, c in since]
    weekly = _week_sharing(starts, team_ids)
    ends = [rollups.day_number(start + timedelta(weeks=1)) for start in starts]
    staff = staff_in_program(ends, team_ids)
    table = Table(
        "participation",
        "Participation by week",
        ["week", "in the program", "connected", "sharing", "sharing in own voice", "% sharing"],
        chart="line",
        chart_columns=(1, 2, 3, 4),
        note="Measured against who was in the program that week (invited by then and not "
        "yet deactivated), not today's headcount; people who moved count in the team they "
        "were in at the time. Admins who have never connected the extension or shared run "
        "the program and are not counted. The current week is not over: its figures are so "
        "far (people invited this week already count in it). The weeks start at the "
        "program's first, when its first person was invited (at most the last 12).",
        labels=[f"week of {day_label(start)}" for start in starts],
        so_far={len(starts) - 1: 0},
        progress="in progress",
    )
    for start in starts:
        end = rollups.day_number(start + timedelta(weeks=1))
        members = members_now - sum(m for day, m, _ in changes if day >= end) - staff[end]
        joined = connected_now - sum(c for day, _, c in changes if day >= end)
        sharing, own = weekly.get(period_key("week", start), (0, 0))
        share = round(100 * sharing / members, 1) if members else None  # "—": no one to count
        table.rows.append([f"{start:%Y-%m-%d}", members, joined, sharing, own, share])
    return table


def _week_sharing(starts, team_ids) -> dict[str, tuple[int, int]]:
    keys = [period_key("week", s) for s in starts]
    query = _scoped(
        TeamPeriod.select(
            TeamPeriod.period, fn.SUM(TeamPeriod.sharers), fn.SUM(TeamPeriod.own_voice_sharers)
        )
        .where(TeamPeriod.period.in_(keys))
        .group_by(TeamPeriod.period),
        TeamPeriod,
        team_ids,
    )
    return {p: (int(c or 0), int(o or 0)) for p, c, o in query.tuples()}


def retention(now: datetime, team_ids: set[int] | None, minimum: int, months: int = 6) -> Table:
    """Cohorts by month of connecting (in their team then): the share who shared N months
    later; none for a cohort under `minimum` ("50% of 2" says which of two people shared)."""
    keys = _month_keys(now, months)
    sizes = {
        cohort: int(people or 0)
        for cohort, people in _scoped(
            CohortSize.select(CohortSize.cohort, fn.SUM(CohortSize.people))
            .where(CohortSize.cohort.in_(keys))
            .group_by(CohortSize.cohort),
            CohortSize,
            team_ids,
        ).tuples()
    }
    active = defaultdict(int)
    query = _scoped(
        CohortActive.select(CohortActive.cohort, CohortActive.month, fn.SUM(CohortActive.people))
        .where(CohortActive.cohort.in_(keys) & CohortActive.month.in_(keys))
        .group_by(CohortActive.cohort, CohortActive.month),
        CohortActive,
        team_ids,
    )
    for cohort, month, count in query.tuples():
        active[(cohort, month)] += int(count or 0)
    table = Table(
        "retention",
        "Retention by cohort (% of each month's newly connected people who shared)",
        ["cohort", "people"] + [f"month {k}" for k in range(months)],
        note=f"Month 0 is the month they connected; empty cells are in the future; a cohort "
        f"of fewer than {minimum} people shows no percentages (they would single people out). "
        "This month is not over: its figures are so far, and its cohort still grows.",
        progress="in progress",
    )
    # The months before anyone connected are no cohort ("2026-07, 0 people" read as missing).
    first = next((i for i, key in enumerate(keys) if sizes.get(key)), len(keys))
    for i, key in enumerate(keys[first:], first):
        size = int(sizes.get(key, 0))
        cells = [
            round(100 * active[(key, later)] / size, 1) if size >= minimum else None
            for later in keys[i:]
        ]
        # This month's figure is the last cell; this month's cohort is so far as a whole.
        table.so_far[len(table.rows)] = 0 if i == months - 1 else 1 + len(cells)
        table.rows.append([key, size] + cells + [""] * (months - len(cells)))
    table.labels = [month_label(row[0]) for row in table.rows]
    return table


def own_voice(now: datetime, team_ids: set[int] | None, months: int = 6) -> Table:
    keys = _month_keys(now, months)
    query = _scoped(
        TeamPeriod.select(
            TeamPeriod.period, fn.SUM(TeamPeriod.shares), fn.SUM(TeamPeriod.personal_shares)
        )
        .where(TeamPeriod.period.in_([f"month:{k}" for k in keys]))
        .group_by(TeamPeriod.period),
        TeamPeriod,
        team_ids,
    )
    found = {p: (int(s or 0), int(o or 0)) for p, s, o in query.tuples()}
    table = Table(
        "own_voice",
        "Own-voice ratio by month",
        ["month", "shares", "in own voice", "% own voice"],
        chart="line",
        chart_columns=(1, 2),
        note="This month is not over: its figures are so far.",
        labels=[month_label(key) for key in keys],
        so_far={months - 1: 0},
        progress="in progress",
    )
    for key in keys:
        shares, own = found.get(f"month:{key}", (0, 0))
        table.rows.append([key, shares, own, round(100 * own / shares, 1) if shares else None])
    return table


def team_sizes(team_ids: set[int] | None) -> dict[int | None, int]:
    """People per team now (deactivated people too, deleted people and program staff not),
    from the per-team totals; people without a team are counted under None when every team
    is in view. Staff are not in the figures, so they do not make a team big enough to name."""
    rows = _scoped(TeamTotal.select(TeamTotal.team_key, TeamTotal.people), TeamTotal, team_ids)
    staff = staff_by_team(team_ids)
    sizes: dict[int | None, int] = {}
    for key, people in rows.tuples():
        if key != NO_TEAM and int(people) - staff.get(key, 0) > 0:
            sizes[key] = int(people) - staff.get(key, 0)
    if team_ids is None:
        sizes[None] = int(
            TeamTotal.select(TeamTotal.people).where(TeamTotal.team_key == NO_TEAM).scalar() or 0
        ) - staff.get(None, 0)
    return sizes


class _Folded:
    """The key of the group small teams are counted in. Not a label: a team may be named
    "Other teams", and grouping by label merged the folded teams into it (one person's reach
    was then that team's row less the by-network total)."""

    def __repr__(self) -> str:
        return "FOLDED"


FOLDED = _Folded()


def fold_key(
    team_id: int | None, names: dict[int, str], sizes: dict[int | None, int], minimum: int
) -> int | _Folded:
    """The group a team's figures are counted in: its own (its id) or the folded one."""
    if team_id is None or team_id not in names or sizes.get(team_id, 0) < minimum:
        return FOLDED
    return team_id


def group_label(key: int | _Folded, names: dict[int, str]) -> str:
    """How a group of `fold_key` is named on the page (the folded one as "Other teams")."""
    return OTHER if key is FOLDED else names[key]


def group_order(names: dict[int, str]) -> Callable[[int | _Folded], tuple]:
    """Sort key for groups: by their names, the folded group last."""
    return lambda key: (key is FOLDED, sort_key(group_label(key, names)), group_label(key, names))


def hold_back(team_ids, minimum: int) -> Table:
    # Everyone in view: the answers alone (a deleted person's answer is deleted with them);
    # a manager's teams: joined to the people in them.
    query = HoldBackAnswer.select(HoldBackAnswer.answer, fn.COUNT(HoldBackAnswer.user))
    if team_ids is not None:
        query = query.join(User, on=HoldBackAnswer.user == User.id).where(
            User.team.in_(sorted(team_ids) or [0])
        )
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


def earned_media(impressions: int, clicks: int, cpm: float | None, cpc: float | None) -> dict:
    """The value is None while neither price is set; an unset one of the two counts as 0."""
    value = None
    if cpm is not None or cpc is not None:
        value = impressions / 1000 * (cpm or 0) + clicks * (cpc or 0)
    return {"impressions": impressions, "clicks": clicks, "cpm": cpm, "cpc": cpc, "value": value}


# The reach figures and the status counts live beside this module (kept short); re-exported.
from .analytics_reach import reach_by_network, reach_by_team, top_posts  # noqa: E402, F401
from .analytics_status import status_counts  # noqa: E402, F401
