"""The program's rollups (rollups.py) equal a brute-force count over the raw rows after random
sequences of invites, connects, deactivations, moves, merges, shares, deletions and erasures;
`firsthand rebuild-rollups` gives the same rows; the figures read from them equal the same
figures counted from people and shares; and a person who moves teams counts in the old team
before the move and in the new one after it."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests
from playhouse.migrations import Runner

from firsthand import analytics, rollups
from firsthand.accounts import create_user
from firsthand.db import MIGRATIONS_DIR, database, migrate, open_database, write_transaction
from firsthand.directory import status_counts as counted_status
from firsthand.ledger import period_key
from firsthand.models import PeriodStats, Share, Team, User
from firsthand.people import deactivate, mark_connected, reactivate, update_person
from firsthand.privacy import erase_person
from firsthand.rollup_models import Membership
from firsthand.sharing import ShareRequest, delete_share, log_share
from firsthand.teams import find_or_create_team, merge_teams
from helpers import linkedin_url


def brute_force() -> dict[str, dict[tuple, tuple]]:
    """Every rollup counted in Python from the raw rows (no SQL aggregation)."""
    day, hour = rollups.day_number, rollups.hour_number
    tables = {name: defaultdict(lambda: [0, 0, 0, 0]) for name in rollups.KEYS}
    stints = list(Membership.select().order_by(Membership.id))
    for s in stints:
        members, connected = int(s.active), int(s.active and s.connected)
        tables["team_day"][(day(s.started_at), s.team_key)][0] += members
        tables["team_day"][(day(s.started_at), s.team_key)][1] += connected
        if s.ended_at is not None:
            tables["team_day"][(day(s.ended_at), s.team_key)][0] -= members
            tables["team_day"][(day(s.ended_at), s.team_key)][1] -= connected
        else:
            total = tables["team_total"][(s.team_key,)]
            total[0] += 1
            total[1] += members
            total[2] += connected
    cohort = {}
    for s in stints:
        if s.connected and s.user_id not in cohort:
            cohort[s.user_id] = (s.team_key, f"{s.started_at:%Y-%m}")
    for team, month in cohort.values():
        tables["cohort_size"][(month, team)][0] += 1
    for row in PeriodStats.select():
        if not row.period.startswith(("week:", "month:")):
            continue
        if row.shares or row.personal_shares:
            counts = tables["team_period"][(row.period, row.home_team_key)]
            counts[0] += row.shares > 0
            counts[1] += row.personal_shares > 0
            counts[2] += row.shares
            counts[3] += row.personal_shares
        if row.period.startswith("month:") and row.shares > 0 and row.user_id in cohort:
            team, month = cohort[row.user_id]
            tables["cohort_active"][(month, row.period[6:], team)][0] += 1
    last = {}
    for share in Share.select().where(Share.deleted_at.is_null()):
        last[share.user_id] = max(last.get(share.user_id, share.logged_at), share.logged_at)
    for user in User.select().where(User.deactivated_at.is_null() & User.erased_at.is_null()):
        if user.id in last:
            bucket = tables["last_share_hour"][(hour(last[user.id]), user.team_id or 0)]
            bucket[0] += 1
            bucket[1] += user.connected_at is not None
    widths = {"team_day": 2, "team_total": 3, "team_period": 4, "cohort_size": 1}
    widths |= {"cohort_active": 1, "last_share_hour": 2}
    return {
        name: {
            key: tuple(values[: widths[name]])
            for key, values in rows.items()
            if any(values[: widths[name]])
        }
        for name, rows in tables.items()
    }


def stored_as_tuples() -> dict[str, dict[tuple, tuple]]:
    return {name: {tuple(k): v for k, v in rows.items()} for name, rows in rollups.stored().items()}


def members_at(moment, team_ids) -> tuple[int, int]:
    """People in the program, and connected, at a moment: from the history, one by one."""
    members = connected = 0
    for s in Membership.select():
        if team_ids is not None and s.team_key not in team_ids:
            continue
        started = rollups.day_number(s.started_at) < rollups.day_number(moment)
        ended = s.ended_at is not None and (
            rollups.day_number(s.ended_at) < rollups.day_number(moment)
        )
        if started and not ended and s.active:
            members += 1
            connected += s.connected
    return members, connected


def weekly_sharers(week_key: str, team_ids) -> tuple[int, int]:
    rows = PeriodStats.select().where((PeriodStats.period == week_key) & (PeriodStats.shares > 0))
    rows = [r for r in rows if team_ids is None or r.home_team_key in team_ids]
    return len(rows), sum(r.personal_shares > 0 for r in rows)


def check_figures(now) -> None:
    """The figures the page shows equal the same figures counted from the raw rows."""
    scopes = [None] + [{t.id} for t in Team.select()]
    for scope in scopes:
        expected = counted_status(now, scope)
        got = analytics.status_counts(now, scope)
        assert got == expected, scope
        table = analytics.participation(now, scope, weeks=6)
        for row in table.rows:
            start = analytics.datetime.fromisoformat(row[0] + "T00:00:00+00:00")
            end = start + timedelta(weeks=1)
            assert row[1:3] == list(members_at(end, scope)), (scope, row)

            assert row[3:5] == list(weekly_sharers(period_key("week", start), scope))
        # As the figures always counted them: people now in each team, deactivated too,
        # deleted people not; those without a team under None when every team is in view.
        sizes = Counter(u.team_id for u in User.select().where(User.erased_at.is_null()))
        expected_sizes = {k: v for k, v in sizes.items() if k is not None}
        if scope is None:
            expected_sizes[None] = sizes.get(None, 0)
        else:
            expected_sizes = {k: v for k, v in expected_sizes.items() if k in scope}
        assert analytics.team_sizes(scope) == expected_sizes


class Program:
    """Random operations on a program, through the same functions the API and console use."""

    def __init__(self, app, clock, seed: int):
        self.app, self.clock, self.rng = app, clock, random.Random(seed)
        self.book = app.extensions["firsthand.rulebook"]
        self.n = 0

    def person(self, live=True) -> User | None:
        people = User.select().where(User.erased_at.is_null())
        if live:
            people = people.where(User.deactivated_at.is_null())
        people = list(people)
        return self.rng.choice(people) if people else None

    def team(self):
        names = ["Sales", "Engineering", "Ops", None]
        name = self.rng.choice(names)
        if name is None:
            return None
        with write_transaction():
            return find_or_create_team(name, self.clock())

    def step(self) -> str:
        rng, now = self.rng, self.clock()
        op = rng.choices(
            [
                "invite",
                "connect",
                "share",
                "delete",
                "deactivate",
                "reactivate",
                "move",
                "merge",
                "erase",
                "time",
            ],
            [4, 3, 8, 2, 1, 1, 2, 0.3, 0.5, 3],
        )[0]
        if op == "invite":
            self.n += 1
            team = self.team()
            create_user(f"p{self.n}@example.com", f"P {self.n}", now, team.name if team else None)
        elif op == "connect" and (user := self.person()):
            mark_connected(user, now)
        elif op == "share" and (user := self.person()):
            self.n += 1
            stale = rng.random() < 0.1
            posted = now - timedelta(days=90) if stale else None
            request = ShareRequest(
                url=linkedin_url(self.n, posted or now),  # its id dated as it was posted
                network="linkedin",
                voice=rng.choice(["personal", "corporate", None]),
                posted_at=posted,
            )
            log_share(user, request, self.book, now, analyzer=None)
        elif op == "delete":
            live = list(Share.select().where(Share.deleted_at.is_null()))
            if live:
                share = rng.choice(live)
                delete_share(User.get_by_id(share.user_id), share.id, now)
        elif op == "deactivate" and (user := self.person()):
            deactivate(user, now, None)
        elif op == "reactivate":
            gone = list(
                User.select().where(User.deactivated_at.is_null(False) & User.erased_at.is_null())
            )
            if gone:
                reactivate(rng.choice(gone), now, None)
        elif op == "move" and (user := self.person(live=rng.random() < 0.8)):
            update_person(user, now, None, team=self.team())
        elif op == "merge":
            teams = list(Team.select())
            if len(teams) >= 2:
                source, into = rng.sample(teams, 2)
                with write_transaction():
                    merge_teams(source, into, now, None)
        elif op == "erase" and (user := self.person(live=False)):
            erase_person(user, now, None)
        else:
            self.clock.advance(hours=rng.choice([1, 5, 20, 24 * 3, 24 * 9]))
        return op


@pytest.mark.parametrize("seed", [1, 2])
def test_rollups_equal_a_count_of_the_raw_rows_after_random_operations(app, clock, seed):
    program = Program(app, clock, seed)
    with app.app_context(), database.connection_context():
        done = Counter()
        for step in range(260):
            done[program.step()] += 1
            if step % 65 == 64:
                assert stored_as_tuples() == brute_force(), f"after {step + 1} steps"
                check_figures(clock())
        assert min(done[op] for op in ("invite", "share", "move", "erase", "delete")) > 0
        incremental = stored_as_tuples()
        assert incremental["team_period"] and incremental["last_share_hour"]
        rollups.rebuild()
        assert stored_as_tuples() == incremental == brute_force()


def test_the_rebuild_command_rewrites_the_rollups_from_the_raw_rows(app, clock, runner):
    program = Program(app, clock, 7)
    with app.app_context(), database.connection_context():
        for _ in range(80):
            program.step()
        expected = stored_as_tuples()
        database.execute_sql("DELETE FROM team_period")
        database.execute_sql("UPDATE team_total SET members = members + 5")
        assert stored_as_tuples() != expected
    result = runner.invoke(args=["rebuild-rollups"])
    assert result.exit_code == 0, result.output
    assert "rebuilt" in result.output
    with app.app_context(), database.connection_context():
        assert stored_as_tuples() == expected


def test_a_person_who_moves_counts_in_the_old_team_before_and_the_new_one_after(app, clock):
    book = app.extensions["firsthand.rulebook"]
    with app.app_context(), database.connection_context():
        for k in range(3):
            create_user(f"s{k}@example.com", f"S {k}", clock(), "Sales")
            create_user(f"e{k}@example.com", f"E {k}", clock(), "Engineering")
        sam = User.get(User.email == "s0@example.com")
        mark_connected(sam, clock())
        log_share(
            sam,
            ShareRequest(linkedin_url(1), "linkedin", voice="personal"),
            book,
            clock(),
            analyzer=None,
        )
        sales, eng = Team.get(name="Sales").id, Team.get(name="Engineering").id
        clock.advance(weeks=2)
        update_person(User.get_by_id(sam.id), clock(), None, team=Team.get_by_id(eng))
        clock.advance(weeks=1)
        log_share(
            User.get_by_id(sam.id),
            ShareRequest(linkedin_url(2), "linkedin"),
            book,
            clock(),
            analyzer=None,
        )
        now = clock()
        sales_weeks = analytics.participation(now, {sales}, weeks=4).rows
        eng_weeks = analytics.participation(now, {eng}, weeks=4).rows
        # Week by week: in the program, connected, sharing, in own voice.
        assert [r[1:5] for r in sales_weeks] == [
            [3, 1, 1, 1],
            [3, 1, 0, 0],
            [2, 0, 0, 0],
            [2, 0, 0, 0],
        ]
        assert [r[1:5] for r in eng_weeks] == [
            [3, 0, 0, 0],
            [3, 0, 0, 0],
            [4, 1, 0, 0],
            [4, 1, 1, 0],
        ]
        # Now (the three groups, team sizes) they are in Engineering only.
        assert analytics.status_counts(now, {eng}) == {
            "invited": 3,
            "staff": 0,
            "connected": 1,
            "active": 1,
            "new": 0,
            "quiet": 0,
            "deactivated": 0,
        }
        assert analytics.status_counts(now, {sales})["active"] == 0
        assert analytics.team_sizes({sales, eng}) == {sales: 2, eng: 4}
        # Retention: they connected in Sales, so their cohort is Sales'.
        month = f"{now:%Y-%m}"
        sales_cohorts = {r[0]: r[1] for r in analytics.retention(now, {sales}, 3).rows}
        assert sales_cohorts[f"{clock() - timedelta(weeks=3):%Y-%m}"] == 1
        assert month in sales_cohorts
        assert stored_as_tuples() == brute_force()


def test_concurrent_connects_and_shares_keep_the_rollups_equal_to_the_raw_rows(
    app, live_server, make_user
):
    """Four people's first requests (each connects them) and shares, eight at a time through
    a real threaded server: no change is lost or counted twice."""
    people = [make_user(f"c{k}@example.com", team=("Sales", "Ops")[k % 2])[1] for k in range(4)]

    def share(n):
        return requests.post(
            f"{live_server}/api/v1/shares",
            json={"url": linkedin_url(100 + n), "network": "linkedin"},
            headers=people[n % 4],
            timeout=30,
        )

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(share, range(24)))
    assert [a.status_code for a in answers] == [201] * 24
    with app.app_context(), database.connection_context():
        stored = stored_as_tuples()
        assert stored == brute_force()
        assert sum(n for n, _ in stored["last_share_hour"].values()) == 4
        assert sum(v[0] for v in stored["cohort_size"].values()) == 4


def test_the_upgrade_builds_history_and_rollups_for_people_already_there(db_url):
    """At 0009 there is no history: 0012 derives each person's stretches from their row
    (invited, connected, deactivated, deleted) and builds the rollups from the raw rows."""
    db = open_database(db_url)
    database.initialize(db)
    with db.connection_context():
        Runner(db, MIGRATIONS_DIR).up("0009_people_search")
        run = db.execute_sql
        p = db.param
        run(f"INSERT INTO team (name, created_at) VALUES ({p}, {p})", ("Sales", "2026-01-01"))
        people = [  # created, connected, deactivated, erased
            ("2026-09-01 10:00:00", None, None, None),
            ("2026-09-01 10:00:00", "2026-09-03 10:00:00", None, None),
            ("2026-09-01 10:00:00", "2026-09-02 10:00:00", "2026-10-05 10:00:00", None),
            (
                "2026-09-02 10:00:00",
                "2026-09-02 11:00:00",
                "2026-10-07 10:00:00",
                "2026-10-07 10:00:00",
            ),
        ]
        for n, (created, connected, deactivated, erased) in enumerate(people, start=1):
            run(
                'INSERT INTO "user" (email, name, team_id, role, token_generation, created_at, '
                "connected_at, deactivated_at, erased_at, leaderboard_opt_out, invites_used) "
                f"VALUES ({', '.join([p] * 11)})",
                (
                    f"p{n}@x.io",
                    f"P{n}",
                    1 if n < 4 else None,
                    "employee",
                    0,
                    created,
                    connected,
                    deactivated,
                    erased,
                    False,
                    0,
                ),
            )
        run(
            "INSERT INTO share (user_id, url, canonical_url, network, logged_at, points, voice) "
            "VALUES (2, 'u', 'c', 'linkedin', '2026-10-03 09:00:00', 30, 'personal')"
        )
        for period in ("week:2026-W40", "month:2026-10", "all"):
            run(
                "INSERT INTO period_stats (user_id, period, team_id, hidden, points, shares, "
                f"personal_shares) VALUES (2, {p}, 1, {p}, 30, 1, 1)",
                (period, False),
            )
    assert migrate()[2:4] == ["0012_program_rollups", "0013_top_posts_index"]  # after 0010, 0011
    with db.connection_context():
        stints = Counter(m.user_id for m in Membership.select())
        assert stints == {1: 1, 2: 2, 3: 3, 4: 3}
        assert stored_as_tuples() == brute_force()
        assert stored_as_tuples()["team_total"] == {(1,): (3, 2, 1)}  # 3 people, 2 live
        assert stored_as_tuples()["team_period"] == {
            ("week:2026-W40", 1): (1, 1, 1, 1),
            ("month:2026-10", 1): (1, 1, 1, 1),
        }
        assert stored_as_tuples()["cohort_active"] == {("2026-09", "2026-10", 1): (1,)}
