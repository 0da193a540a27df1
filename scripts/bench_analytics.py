"""Analytics benchmark: the console's analytics page at company scale, with a data generator.

    ./scripts/bench analytics [--people 10000,100000] [--shares-per-person 5]
        [--snapshots-per-share 3] [--runs 30]
        [--database-url postgresql://postgres@127.0.0.1:5432/test] [--fresh]

SQLite: for each size, a fresh database in a temporary folder, filled from Python: people in
50 teams plus two teams too small to show (invited over the last year, most connected, some
deactivated), shares over the last 180 days (half in their own voice), the period totals
those shares make, reach for most shares (highest counts per share, and N snapshots each).

PostgreSQL: for each size, a database of its own, `firsthand_bench_analytics_<people>`,
filled by server-side SQL (generate_series, INSERT … SELECT; secondary indexes dropped and
rebuilt after, foreign-key checks and triggers off while loading), and KEPT for the next run
(reused when it holds the same sizes; --fresh regenerates it). Every share is read, with N
snapshots each: 100,000 people × 100 shares × 3 = 10 million shares, 30 million snapshots.

Then the membership history and the rollups are built from the raw rows (`rollups.rebuild`,
`reach.rebuild_rollups`: what `firsthand rebuild-rollups` runs), and, signed in through
Flask's test client (in-process: routing, session, queries, Jinja; no socket), it times the
analytics page for an admin and for a manager of one team, and one CSV, computed (the cache
emptied before each request) and from the cache, and prints p50/p95 in ms with the CPU they
cost (this process, plus the PostgreSQL backend serving it) and how each grows from the first
size to the last.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse, urlsplit, urlunsplit

from peewee import AutoField, SqliteDatabase

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_console  # noqa: E402
from bench_console import signed_in_client  # noqa: E402
from benchkit import percentiles, process_cpu_seconds  # noqa: E402

from firsthand import create_app, rollups  # noqa: E402
from firsthand.db import database, insert_rows, migrate  # noqa: E402
from firsthand.ledger import period_key  # noqa: E402
from firsthand.models import PeriodStats, Share, Team, User, UserStats  # noqa: E402
from firsthand.reach import rebuild_rollups  # noqa: E402
from firsthand.reach_models import HoldBackAnswer, ReachSnapshot, ShareReach  # noqa: E402

NOW = datetime.now(UTC)
BATCH = 5000


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        insert_rows(model, rows[start : start + BATCH])


def generate(people: int, shares_per_person: int, snapshots: int, seed: int = 15) -> dict:
    """Fill the bound database; answers how many rows of each kind were written."""
    rng = random.Random(seed)
    with database.atomic():
        Team.insert_many(
            [{"name": f"Team {t:02d}", "created_at": NOW} for t in range(50)]
            + [{"name": "Tiny A", "created_at": NOW}, {"name": "Tiny B", "created_at": NOW}]
        ).execute()
    teams = [t for (t,) in Team.select(Team.id).order_by(Team.id).tuples()]
    users = []
    for i in range(people):
        invited = NOW - timedelta(days=rng.randint(0, 365))
        roll = rng.random()
        team = teams[50 + i % 2] if i < 3 else teams[i % 50]
        users.append(
            {
                "email": f"p{i}@bench.example",
                "name": f"Person {i}",
                "team": team,
                "role": "employee",
                "created_at": invited,
                "connected_at": None
                if roll < 0.15
                else invited + timedelta(days=rng.randint(0, 6)),
                "deactivated_at": NOW - timedelta(days=rng.randint(1, 30)) if roll > 0.97 else None,
                "token_generation": 0,
                "leaderboard_opt_out": roll > 0.9,
            }
        )
    with database.atomic():
        _insert(User, users)
    rows = User.select(User.id, User.team, User.connected_at).tuples()
    ids = [(uid, team, connected) for uid, team, connected in rows]
    with database.atomic():
        _insert(UserStats, [{"user": uid} for uid, _, _ in ids])
    shares, totals = [], defaultdict(lambda: [0, 0, None])
    n = 0
    for uid, team, connected in ids:
        if connected is None or rng.random() < 0.4:
            continue
        for _ in range(rng.randint(1, 2 * shares_per_person - 1)):
            n += 1
            logged = max(
                connected, NOW - timedelta(days=rng.randint(0, 180), hours=rng.randint(0, 23))
            )
            voice = "personal" if rng.random() < 0.5 else "corporate"
            shares.append(
                {
                    "user": uid,
                    "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{n}/",
                    "canonical_url": f"https://www.linkedin.com/feed/update/urn:li:activity:{n}/",
                    "network": "linkedin" if rng.random() < 0.85 else "x",
                    "logged_at": logged,
                    "points": 10,
                    "voice": voice,
                }
            )
            for period in ("week", "month", "all"):
                total = totals[(uid, period_key(period, logged))]
                total[0] += 1
                total[1] += voice == "personal"
                total[2] = team
    with database.atomic():
        _insert(Share, shares)
        _insert(
            PeriodStats,
            [
                {
                    "user": uid,
                    "period": period,
                    "team": t[2],
                    "points": 10 * t[0],
                    "shares": t[0],
                    "personal_shares": t[1],
                    "hidden": False,
                    "home_team_key": t[2],
                }
                for (uid, period), t in totals.items()
            ],
        )
    teams_of = {uid: team for uid, team, _ in ids}
    reach, snaps = [], []
    share_rows = Share.select(Share.id, Share.user, Share.logged_at, Share.network, Share.voice)
    for sid, uid, logged, network, voice in share_rows.tuples():
        if rng.random() < 0.3:
            continue
        counts = [
            rng.randint(0, 300),
            rng.randint(0, 40),
            rng.randint(0, 10),
            rng.randint(100, 20000),
        ]
        reach.append(
            {
                "share": sid,
                "user": uid,
                "month": f"{logged:%Y-%m}",
                "team": teams_of[uid],
                "network": network,
                "voice": voice,
                "reactions": counts[0],
                "comments": counts[1],
                "reposts": counts[2],
                "impressions": counts[3],
                "latest_reactions": counts[0],
                "latest_comments": counts[1],
                "latest_reposts": counts[2],
                "latest_impressions": counts[3],
                "dropped": "",
                "snapshots": snapshots,
                "first_seen_at": logged,
                "last_seen_at": logged + timedelta(hours=snapshots),
            }
        )
        for k in range(snapshots):
            seen = logged + timedelta(hours=k + 1)
            snaps.append(
                {
                    "share": sid,
                    "user": uid,
                    "hour": seen.replace(minute=0, second=0, microsecond=0),
                    "seen_at": seen,
                    "received_at": seen,
                    "source": "feed",
                    "reactions": counts[0] * (k + 1) // snapshots,
                    "comments": counts[1],
                    "reposts": counts[2],
                    "impressions": counts[3] * (k + 1) // snapshots,
                    "raw": json.dumps({"reactions": f"{counts[0]} reactions"}),
                }
            )
        if len(snaps) >= 100_000:
            with database.atomic():
                _insert(ReachSnapshot, snaps)
            snaps = []
    with database.atomic():
        _insert(ShareReach, reach)
        _insert(ReachSnapshot, snaps)
    _history_from_people()
    rollups.rebuild()
    rebuild_rollups()
    return {
        "people": people,
        "shares": len(shares),
        "reach rows": len(reach),
        "snapshots": ReachSnapshot.select().count(),
        "period totals": len(totals),
    }


def _history_from_people() -> None:
    """Each person's stretches in the program (invited, connected, deactivated), in SQL:
    what migration 0012 derives for people who were there before the history was kept."""
    run = database.execute_sql
    least = "LEAST" if not isinstance(database.obj, SqliteDatabase) else "MIN"
    live = "TRUE" if least == "LEAST" else "1"
    dead = "FALSE" if least == "LEAST" else "0"
    columns = "user_id, team_key, connected, active, started_at, ended_at"
    first_end = (
        f"CASE WHEN connected_at IS NULL THEN deactivated_at WHEN deactivated_at IS NULL "
        f"THEN connected_at ELSE {least}(connected_at, deactivated_at) END"
    )
    run(
        f"INSERT INTO membership ({columns}) SELECT id, COALESCE(team_id, 0), {dead}, {live}, "
        f'created_at, {first_end} FROM "user" ORDER BY id'
    )
    run(
        f"INSERT INTO membership ({columns}) SELECT id, COALESCE(team_id, 0), {live}, {live}, "
        'connected_at, deactivated_at FROM "user" WHERE connected_at IS NOT NULL '
        "AND (deactivated_at IS NULL OR deactivated_at > connected_at) ORDER BY id"
    )
    run(
        f"INSERT INTO membership ({columns}) SELECT id, COALESCE(team_id, 0), "
        f"CASE WHEN connected_at IS NOT NULL AND connected_at <= deactivated_at THEN {live} "
        f'ELSE {dead} END, {dead}, deactivated_at, NULL FROM "user" '
        "WHERE deactivated_at IS NOT NULL ORDER BY id"
    )


# --- PostgreSQL: server-side generation -----------------------------------------------------


def _literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _insert_select(model, given: dict[str, str], source: str) -> str:
    """INSERT INTO the model's table every column (but a serial id): the `given` SQL
    expressions, the model's defaults for the others, FROM `source`."""
    columns, values = [], []
    for field in model._meta.sorted_fields:
        if isinstance(field, AutoField):
            continue
        columns.append(field.column_name)
        if field.column_name in given:
            values.append(given[field.column_name])
        else:
            default = field.default() if callable(field.default) else field.default
            values.append(_literal(default))
    unused = set(given) - set(columns)
    assert not unused, unused
    return (
        f'INSERT INTO "{model._meta.table_name}" ({", ".join(columns)}) '
        f"SELECT {', '.join(values)} {source}"
    )


BIG_TABLES = ("user", "share", "period_stats", "share_reach", "reach_snapshot", "user_stats")


def generate_postgresql(people: int, shares_per_person: int, snapshots: int) -> dict:
    """Fill the bound (empty) PostgreSQL database with server-side SQL."""
    run = database.execute_sql
    now = f"TIMESTAMP '{NOW.replace(tzinfo=None):%Y-%m-%d %H:%M:%S}'"
    day = "INTERVAL '1 day'"
    total_shares = people * shares_per_person
    steps = []

    def step(name, sql):
        started = time.perf_counter()
        run(sql)
        steps.append((name, time.perf_counter() - started))
        print(f"  {name}: {steps[-1][1]:.0f} s", flush=True)

    with database.atomic():
        run("SET LOCAL session_replication_role = replica")  # no FK checks nor triggers
        run("SET LOCAL maintenance_work_mem = '512MB'")
        run("SET LOCAL work_mem = '256MB'")
        run("SELECT setseed(0.15)")
        indexes = run(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = "
            f"current_schema() AND i.tablename IN ({', '.join(_literal(t) for t in BIG_TABLES)})"
            " AND i.indexname NOT IN (SELECT conname FROM pg_constraint)"
        ).fetchall()
        for name, _ in indexes:
            run(f'DROP INDEX "{name}"')
        names = [f"Team {t:02d}" for t in range(50)] + ["Tiny A", "Tiny B"]
        run(
            "INSERT INTO team (name, created_at) VALUES "
            + ", ".join(f"({_literal(n)}, {now})" for n in names)
        )
        team = "(SELECT id FROM team WHERE name = {0})"
        step(
            "people",
            _insert_select(
                User,
                {
                    "email": "'p' || i || '@bench.example'",
                    "name": "'Person ' || i",
                    "team_id": f"CASE WHEN i = 1 THEN {team.format(_literal('Tiny A'))} "
                    f"WHEN i <= 3 THEN {team.format(_literal('Tiny B'))} "
                    f"ELSE {team.format(_literal('Team 00'))} + mod(i, 50) END",
                    "role": "'employee'",
                    "created_at": "created",
                    "connected_at": "connected",
                    "deactivated_at": f"CASE WHEN r > 0.97 AND connected < {now} - 30 * {day} "
                    f"THEN {now} - (1 + random() * 29) * {day} END",
                    "leaderboard_opt_out": "r > 0.9",
                },
                f"FROM (SELECT i, r, created, CASE WHEN r < 0.15 THEN NULL ELSE "
                f"LEAST(created + random() * 6 * {day}, {now}) END AS connected FROM "
                f"(SELECT i, random() AS r, {now} - random() * 365 * {day} AS created "
                f"FROM generate_series(1, {people}) i) a) g ORDER BY i",
            ),
        )
        step("counters", _insert_select(UserStats, {"user_id": "id"}, 'FROM "user"'))
        run(
            "CREATE TEMP TABLE sharer ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY id) "
            'AS rn, id, connected_at FROM "user" WHERE connected_at IS NOT NULL '
            "AND random() < 0.6"
        )
        (sharers,) = run("SELECT COUNT(*) FROM sharer").fetchone()
        url = "'https://www.linkedin.com/feed/update/urn:li:activity:' || s || '/'"
        step(
            "shares",
            _insert_select(
                Share,
                {
                    "user_id": "sh.id",
                    "url": url,
                    "canonical_url": url,
                    "network": "CASE WHEN random() < 0.85 THEN 'linkedin' ELSE 'x' END",
                    "logged_at": f"GREATEST(sh.connected_at, {now} - random() * 180 * {day})",
                    "points": "10",
                    "voice": "CASE WHEN random() < 0.5 THEN 'personal' ELSE 'corporate' END",
                },
                f"FROM (SELECT s, 1 + floor(random() * {sharers})::int AS rn "
                f"FROM generate_series(1, {total_shares}) s) g JOIN sharer sh ON sh.rn = g.rn",
            ),
        )
        for period, key in (
            ("week", "'week:' || to_char(s.logged_at, 'IYYY-\"W\"IW')"),
            ("month", "'month:' || to_char(s.logged_at, 'YYYY-MM')"),
            ("all", "'all'"),
        ):
            step(
                f"period totals ({period})",
                "INSERT INTO period_stats (user_id, period, team_id, home_team_key, hidden, "
                "points, shares, personal_shares) "
                f"SELECT s.user_id, {key}, u.team_id, COALESCE(u.team_id, 0), "
                "(u.leaderboard_opt_out OR u.deactivated_at IS NOT NULL), 10 * COUNT(*), "
                "COUNT(*), SUM(CASE WHEN s.voice = 'personal' THEN 1 ELSE 0 END) "
                'FROM share s JOIN "user" u ON u.id = s.user_id '
                "GROUP BY s.user_id, 2, u.team_id, u.leaderboard_opt_out, u.deactivated_at",
            )
        hours = "INTERVAL '1 hour'"
        counts = {"reactions": "re", "comments": "co", "reposts": "rp", "impressions": "im"}
        step(
            "reach per share",
            _insert_select(
                ShareReach,
                {
                    "share_id": "id",
                    "user_id": "user_id",
                    "month": "to_char(logged_at, 'YYYY-MM')",
                    "team_id": "team_id",
                    "network": "network",
                    "voice": "voice",
                    **counts,
                    **{f"latest_{m}": v for m, v in counts.items()},
                    "dropped": "''",
                    "snapshots": str(snapshots),
                    "first_seen_at": f"logged_at + {hours}",
                    "last_seen_at": f"logged_at + {snapshots} * {hours}",
                },
                "FROM (SELECT s.id, s.user_id, s.logged_at, s.network, s.voice, u.team_id, "
                "floor(random() * 300)::int AS re, floor(random() * 40)::int AS co, "
                "floor(random() * 10)::int AS rp, 100 + floor(random() * 19900)::int AS im "
                'FROM share s JOIN "user" u ON u.id = s.user_id) x',
            ),
        )
        seen = f"(r.first_seen_at + (k - 1) * {hours})"
        step(
            "snapshots",
            _insert_select(
                ReachSnapshot,
                {
                    "share_id": "r.share_id",
                    "user_id": "r.user_id",
                    "hour": f"date_trunc('hour', {seen})",
                    "seen_at": seen,
                    "received_at": seen,
                    "source": "'feed'",
                    "reactions": f"r.reactions * k / {snapshots}",
                    "comments": "r.comments",
                    "reposts": "r.reposts",
                    "impressions": f"r.impressions * k / {snapshots}",
                    "raw": "'{\"reactions\": \"' || r.reactions || ' reactions\"}'",
                },
                f"FROM share_reach r CROSS JOIN generate_series(1, {snapshots}) k",
            ),
        )
        started = time.perf_counter()
        _history_from_people()
        print(f"  membership history: {time.perf_counter() - started:.0f} s", flush=True)
        for name, definition in indexes:
            step(f"index {name}", definition)
    for table in (*BIG_TABLES, "membership"):
        run(f'ANALYZE "{table}"')
    started = time.perf_counter()
    rollups.rebuild()
    rebuild_rollups()
    steps.append(("rollups rebuilt", time.perf_counter() - started))
    print(f"  rollups rebuilt: {steps[-1][1]:.0f} s", flush=True)
    return {
        "people": people,
        "shares": Share.select().count(),
        "reach rows": ShareReach.select().count(),
        "snapshots": ReachSnapshot.select().count(),
        "period totals": PeriodStats.select().count(),
        "seconds to build the rollups": round(steps[-1][1]),
    }


def _hold_back_answers() -> None:
    """One connected person in seven answered what holds them back (once per database)."""
    if HoldBackAnswer.select().exists():
        return
    codes = ["no_time", "what_to_say", "whats_allowed", "not_for_me", "dont_ask"]
    answer = " ".join(f"WHEN {k} THEN '{code}'" for k, code in enumerate(codes))
    database.execute_sql(
        "INSERT INTO hold_back_answer (user_id, answer, answered_at) "
        f"SELECT id, CASE (id / 7) - (id / 35) * 5 {answer} END, connected_at "
        'FROM "user" WHERE connected_at IS NOT NULL AND id - (id / 7) * 7 = 0'
    )


def pg_database(url: str, people: int, args) -> tuple[str, bool]:
    """The URL of this size's kept database, and whether it must be (re)generated."""
    import psycopg

    parts = urlsplit(url)
    name = f"firsthand_bench_analytics_{people}"
    wanted = f"{people}:{args.pg_shares_per_person}:{args.snapshots_per_share}"
    with psycopg.connect(url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        fresh = args.fresh or not exists
        if exists and not fresh:
            with psycopg.connect(urlunsplit(parts._replace(path=f"/{name}"))) as bench:
                try:
                    made = bench.execute("SELECT sizes FROM bench_generated").fetchone()
                except psycopg.Error:
                    made = None
            fresh = made is None or made[0] != wanted
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), fresh


def _cpu(pids: list[int]) -> float:
    return time.thread_time() + sum(process_cpu_seconds(pid) for pid in pids)


def timed(app, client, url: str, runs: int, cold: bool, pids: list[int]):
    """Wall and CPU p50/p95 in ms of GET url; `cold` empties the analytics cache first."""
    client.get(url)  # warm: connections, templates, statement caches
    wall, cpu = [], []
    for _ in range(runs):
        if cold:
            app.extensions.get("firsthand.analytics_cache", {}).clear()
        start, start_cpu = time.perf_counter(), _cpu(pids)
        assert client.get(url).status_code == 200
        cpu.append((_cpu(pids) - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return (*percentiles(wall), *percentiles(cpu))


def manager_of_one_team(app):
    from firsthand.admin_models import TeamManager

    with app.app_context(), database.connection_context():
        meg = User.get_or_none(User.email == "meg@bench.example")
        if meg is None:
            meg = User.create(
                email="meg@bench.example",
                name="Meg",
                role="manager",
                created_at=NOW,
                team=Team.get(Team.name == "Team 07"),
            )
            UserStats.create(user=meg)
            TeamManager.create(team=meg.team_id, user=meg)
        return meg


def measure(url: str | None, people: int, args) -> tuple[dict, list[tuple]]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FIRSTHAND_INSTANCE_PATH"] = folder
        fresh = True
        if url:
            url, fresh = pg_database(url, people, args)
        app = create_app({"RATELIMIT_ENABLED": False, **({"DATABASE_URL": url} if url else {})})
        migrate(database.obj)
        try:
            with app.app_context(), database.connection_context():
                started = time.perf_counter()
                if not url:
                    sizes = generate(people, args.shares_per_person, args.snapshots_per_share)
                elif fresh:
                    sizes = generate_postgresql(
                        people, args.pg_shares_per_person, args.snapshots_per_share
                    )
                    database.execute_sql("CREATE TABLE bench_generated (sizes text, made text)")
                    wanted = f"{people}:{args.pg_shares_per_person}:{args.snapshots_per_share}"
                    database.execute_sql(
                        "INSERT INTO bench_generated VALUES (%s, %s)", (wanted, json.dumps(sizes))
                    )
                else:
                    (made,) = database.execute_sql("SELECT made FROM bench_generated").fetchone()
                    sizes = json.loads(made) | {"reused": "kept database"}
                if fresh:
                    sizes["seconds to generate"] = round(time.perf_counter() - started)
            with app.app_context(), database.connection_context():
                _hold_back_answers()
            # Sign-in links expire within minutes: issue them now, not when the script began.
            bench_console.NOW = datetime.now(UTC)
            admin = signed_in_client(app)
            meg = manager_of_one_team(app)
            from bench_console import TOKEN

            from firsthand.signin import issue_sign_in_link

            with app.app_context(), database.connection_context():
                link = urlparse(issue_sign_in_link(meg, datetime.now(UTC))).path
            manager = app.test_client()
            token = TOKEN.search(manager.get(link).text).group(1)
            manager.post(link, data={"csrf_token": token})
            page, csv = "/console/analytics/", "/console/analytics/participation.csv"
            admin.get(page)
            pids = []
            if url:
                with app.app_context(), database.connection_context():
                    pids = [
                        pid
                        for (pid,) in database.execute_sql(
                            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                        ).fetchall()
                    ]
            cold_runs = args.cold_runs
            results = [
                (
                    "analytics page, admin, computed (cache empty)",
                    *timed(app, admin, page, cold_runs, True, pids),
                ),
                (
                    "analytics page, admin, from the cache",
                    *timed(app, admin, page, args.runs, False, pids),
                ),
                (
                    "analytics page, manager of one team, computed",
                    *timed(app, manager, page, cold_runs, True, pids),
                ),
                (
                    "participation CSV, admin, computed",
                    *timed(app, admin, csv, cold_runs, True, pids),
                ),
            ]
            return sizes, results
        finally:
            database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", default="10000,100000")
    parser.add_argument("--shares-per-person", type=int, default=5, help="SQLite, per sharer")
    parser.add_argument(
        "--pg-shares-per-person", type=int, default=100, help="PostgreSQL: shares = people × N"
    )
    parser.add_argument("--snapshots-per-share", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--fresh", action="store_true", help="regenerate kept PG databases")
    args = parser.parse_args()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    runs = {}
    for people in [int(p) for p in args.people.split(",")]:
        sizes, results = measure(args.database_url, people, args)
        runs[people] = results
        print(
            f"\n{backend}: "
            + ", ".join(
                f"{v:,} {k}" if isinstance(v, int) else f"{k}: {v}" for k, v in sizes.items()
            ),
            flush=True,
        )
        print(f"load average now: {os.getloadavg()[0]:.1f}", flush=True)
    sizes = list(runs)
    print(
        f"\n| {backend} | "
        + " | ".join(f"{p:,} people p50 / p95 ms (CPU p95)" for p in sizes)
        + (" | growth of p50 |" if len(sizes) > 1 else " |")
    )
    print("| --- " * (len(sizes) + 1 + (len(sizes) > 1)) + "|")
    for i, (name, *_rest) in enumerate(runs[sizes[0]]):
        cells = [f"{runs[p][i][1]:.0f} / {runs[p][i][2]:.0f} ({runs[p][i][4]:.0f})" for p in sizes]
        growth = f" | ×{runs[sizes[-1]][i][1] / runs[sizes[0]][i][1]:.1f}" if len(sizes) > 1 else ""
        print(f"| {name} | " + " | ".join(cells) + growth + " |")
    print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
