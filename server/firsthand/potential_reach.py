"""Potential reach: the connection or follower counts an employee chose to enter, per network.

It is what the employee says their audience could be, not what a post reached: it is kept in
its own table, never added to impressions (what LinkedIn showed the author) or to tracked-link
clicks, and always labelled "potential reach (connections you entered)". The console shows
only sums per team, folded when fewer than the minimum of people entered a count.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from peewee import CharField, ForeignKeyField, IntegerField

from .analytics import OTHER, Table, fold_key, group_label, group_order
from .clock import iso
from .db import write_transaction
from .fields import UTCDateTimeField
from .models import BaseModel, Team, User, UserStats

NETWORKS = ("linkedin", "x", "facebook")
LARGEST = 1_000_000_000  # more followers than any account has; a typo beyond is refused


class PotentialReach(BaseModel):
    """One person's entered connection/follower count on one network."""

    user = ForeignKeyField(User, on_delete="CASCADE")
    network = CharField(max_length=16)
    audience = IntegerField()
    updated_at = UTCDateTimeField()

    class Meta:
        table_name = "potential_reach"
        indexes = ((("user", "network"), True),)


def entered(user: User) -> dict[str, int | None]:
    """Every network with the count the person entered, or None."""
    rows = PotentialReach.select().where(PotentialReach.user == user.id)
    found = {row.network: row.audience for row in rows}
    return {network: found.get(network) for network in NETWORKS}


def last_changed(user: User) -> datetime | None:
    rows = PotentialReach.select(PotentialReach.updated_at).where(PotentialReach.user == user.id)
    return max((row.updated_at for row in rows), default=None)


def save(user: User, counts: dict[str, int | None], now: datetime) -> dict[str, int | None]:
    """Set the networks named in `counts` (None removes one); the others stay as they were.

    One transaction, and saving the same counts twice changes nothing but the time."""
    with write_transaction():
        UserStats.locked(user.id)  # serialises this person's writes, none once erased
        for network, audience in counts.items():
            mine = (PotentialReach.user == user.id) & (PotentialReach.network == network)
            if audience is None:
                PotentialReach.delete().where(mine).execute()
                continue
            PotentialReach.insert(
                user=user.id, network=network, audience=audience, updated_at=now
            ).on_conflict(
                conflict_target=[PotentialReach.user, PotentialReach.network],
                update={PotentialReach.audience: audience, PotentialReach.updated_at: now},
            ).execute()
    return entered(user)


def potential_json(user: User) -> dict:
    return {"networks": entered(user), "updated_at": iso(last_changed(user))}


def forget_user(user_id: int) -> None:
    """Erasure: what the person entered goes with them."""
    PotentialReach.delete().where(PotentialReach.user == user_id).execute()


NETWORK_LABELS = {"linkedin": "LinkedIn", "x": "X", "facebook": "Facebook"}


def potential_by_team(team_ids: set[int] | None, minimum: int) -> Table:
    """Potential reach summed per team, for the console: only people still in the program;
    a team where fewer than `minimum` people entered a count is folded into "Other teams",
    and a network's sum from fewer than `minimum` people is not shown (nor in the total),
    so no cell is one person's count."""
    query = (
        PotentialReach.select(
            PotentialReach.user, User.team, PotentialReach.network, PotentialReach.audience
        )
        .join(User, on=User.id == PotentialReach.user)
        .where(User.deactivated_at.is_null() & User.erased_at.is_null())
    )
    if team_ids is not None:
        query = query.where(User.team.in_(sorted(team_ids) or [0]))
    rows = list(query.tuples())
    entrants: dict[int | None, set[int]] = defaultdict(set)
    for user_id, team_id, _, _ in rows:
        entrants[team_id].add(user_id)
    sizes = {team: len(people) for team, people in entrants.items()}  # fold on who entered
    names = dict(Team.select(Team.id, Team.name).tuples())
    who: dict = defaultdict(set)  # by fold_key: a team's id, or FOLDED
    sums: dict[tuple, list] = defaultdict(lambda: [0, set()])
    for user_id, team_id, network, audience in rows:
        key = fold_key(team_id, names, sizes, minimum)
        who[key].add(user_id)
        cell = sums[(key, network)]
        cell[0] += audience
        cell[1].add(user_id)
    table = Table(
        "potential_reach",
        "Potential reach (connections people entered), by team",
        ["team", "people who entered a count", *[NETWORK_LABELS[n] for n in NETWORKS], "total"],
        chart="bar",
        chart_columns=(len(NETWORKS) + 2,),
        note="What employees chose to enter in the extension's settings: how many connections "
        "or followers they have, not people a post reached; never added to impressions or "
        f"clicks. Teams where fewer than {minimum} people entered a count are in “{OTHER}”; "
        f"a network entered by fewer than {minimum} people is shown as — and left out of "
        "the total.",
    )
    for key in sorted(who, key=group_order(names)):
        if len(who[key]) < minimum:
            continue  # only "Other teams" can be this small
        cells = []
        for network in NETWORKS:
            total, people = sums.get((key, network), (0, set()))
            cells.append(total if len(people) >= minimum else None)
        label = group_label(key, names)
        table.rows.append([label, len(who[key]), *cells, sum(c for c in cells if c is not None)])
    return table
