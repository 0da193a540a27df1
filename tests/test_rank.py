""" "My rank" read from the rank histogram equals a brute-force count, on random histories
that go through every path that changes a period total: shares (some stale, some in other
weeks and months), deletes, kudos, re-scoring, opt-outs, deactivation, team moves and
merges, erasure, and badge revocation."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from firsthand import leaderboard, people, privacy, rescore, sharing, teams
from firsthand.badge_revocation import revoke_badge
from firsthand.db import database
from firsthand.kudos import give_kudos
from firsthand.ledger import PERIODS, period_key
from firsthand.models import PeriodStats, Share, Team, User, UserBadge
from firsthand.rules import load_rulebook
from helpers import histogram_matches_period_totals, linkedin_url, period_totals_match_recomputation


def brute_force_rank(user: User, period: str, scope: str, now) -> int | None:
    key = period_key(period, now)
    rows = PeriodStats.select().where(PeriodStats.period == key, PeriodStats.hidden == False)  # noqa: E712
    if scope == "team":
        rows = rows.where(PeriodStats.team == user.team_id)
    mine = PeriodStats.get_or_none(PeriodStats.user == user.id, PeriodStats.period == key)
    points = mine.points if mine else 0
    if not points and not (mine and mine.shares):
        return None  # nothing scored this period: no standing
    return 1 + sum(1 for row in rows if row.points > points and row.user_id != user.id)


def brute_force_top(user: User, period: str, scope: str, now, limit: int) -> list[tuple]:
    """(rank, user id, name, team, points, shares) of the board's first `limit` visible
    people, ordered by points, then shares, then id; equal points share a rank."""
    key = period_key(period, now)
    rows = [
        row
        for row in PeriodStats.select().where(PeriodStats.period == key)
        if not row.hidden and (scope == "company" or row.team_id == user.team_id)
    ]
    rows.sort(key=lambda r: (-r.points, -r.shares, r.user_id))
    top = []
    for row in rows[:limit]:
        person = User.get_by_id(row.user_id)
        rank = 1 + sum(1 for other in rows if other.points > row.points)
        top.append((rank, person.id, person.name, person.team_name, row.points, row.shares))
    return top


def check_every_rank(now) -> None:
    histogram_matches_period_totals()
    for user in User.select().where(User.erased_at.is_null()):
        for period in PERIODS:
            for scope in ("company", "team"):
                if scope == "team" and not user.team_id:
                    continue
                got = leaderboard.standings(user, period, scope, 3, now)
                where = (user.id, period, scope)
                assert got["you"]["rank"] == brute_force_rank(user, period, scope, now), where
                mine = PeriodStats.get_or_none(
                    PeriodStats.user == user.id, PeriodStats.period == period_key(period, now)
                )
                assert got["you"]["points"] == (mine.points if mine else 0), where
                assert got["you"]["shares"] == (mine.shares if mine else 0), where
                assert got["team"] == (user.team_name if scope == "team" else None), where
                entries = [
                    (e["rank"], e["user_id"], e["name"], e["team"], e["points"], e["shares"])
                    for e in got["entries"]
                ]
                assert entries == brute_force_top(user, period, scope, now, 3), where
                assert [e["is_you"] for e in got["entries"]] == [
                    e["user_id"] == user.id for e in got["entries"]
                ]


@pytest.mark.parametrize("seed", [11, 2026])
def test_rank_equals_brute_force_on_random_histories(app, clock, make_user, seed, tmp_path):
    rng = random.Random(seed)
    book = app.extensions["firsthand.rulebook"]
    people_ = [make_user(team=rng.choice(["Sales", "Eng", "Ops", None]))[0] for _ in range(24)]
    admin = make_user(role="admin", team=None)[0]
    post = iter(range(1, 100_000))
    with app.app_context(), database.connection_context():
        for step in range(220):
            if step % 40 == 39:
                clock.advance(days=rng.choice([1, 3, 8, 20]))  # into other weeks and months
            user = User.get_by_id(rng.choice(people_).id)
            if user.erased_at is not None:
                continue
            action = rng.random()
            now = clock()
            if action < 0.45:
                # Now or up to 40 days back (stale: recorded without points).
                at = now - timedelta(days=rng.choice([0, 0, 0, 2, 9, 40]))
                request = sharing.ShareRequest(linkedin_url(next(post), at), "linkedin")
                sharing.log_share(user, request, book, now, analyzer=None)
            elif action < 0.6:
                live = list(Share.select().where(Share.user == user.id, Share.deleted_at.is_null()))
                if live:
                    sharing.delete_share(user, rng.choice(live).id, now)
            elif action < 0.78:
                giver = User.get_by_id(rng.choice(people_ + [admin]).id)
                if giver.id != user.id and giver.erased_at is None and user.deactivated_at is None:
                    give_kudos(giver, user.id, "thanks", None, book, now)
            elif action < 0.84:
                leaderboard.set_opt_out(user, not user.leaderboard_opt_out)
            elif action < 0.89:
                if user.deactivated_at is None:
                    people.deactivate(user, now, admin)
                else:
                    people.reactivate(user, now, admin)
            elif action < 0.94:
                team = rng.choice(list(Team.select()) + [None])
                teams.move_person(user, team, now)
            elif action < 0.96:
                badge = UserBadge.get_or_none(
                    UserBadge.user == user.id, UserBadge.revoked_at.is_null()
                )
                if badge:
                    revoke_badge(badge, "test", now, admin)
            elif action < 0.98:
                privacy.erase_person(user, now, admin)
            else:
                found = list(Team.select())
                if len(found) > 1:
                    source, into = rng.sample(found, 2)
                    teams.merge_teams(source, into, now, admin)
            if step % 55 == 0:
                check_every_rank(clock())
        # A rules edit, then `firsthand rescore`: adjustments move period totals too.
        data = tmp_path / "data"
        import shutil

        shutil.copytree(app.config["DATA_DIR"], data)
        rules = (data / "points_rules.json").read_text()
        (data / "points_rules.json").write_text(rules.replace('"points": 10', '"points": 13', 1))
        changed = rescore.rescore_everyone(load_rulebook(str(data)), clock(), dry_run=False)
        assert any(change.before != change.after for change in changed)
        period_totals_match_recomputation()
        check_every_rank(clock())
