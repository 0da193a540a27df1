"""Analytics benchmark: the console's analytics page at company scale, with a data generator.

    ./scripts/bench analytics [--people 10000,100000] [--shares-per-person 5]
        [--snapshots-per-share 3] [--runs 30]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

For each size, generates a fresh database (SQLite in a temporary folder, or a schema of its
own on PostgreSQL, dropped afterwards): people in 50 teams plus two teams too small to show
(invited over the last year, most connected, some deactivated), shares over the last 180
days (half in their own voice), the period totals those shares make, reach for most shares
(highest counts per share, and N snapshots each) and the reach rollups rebuilt from them.
Then, signed in through Flask's test client (in-process: routing, session, queries, Jinja;
no socket), it times the analytics page for an admin and for a manager of one team, and
one CSV, and prints p50/p95 in ms with how each grows from the first size to the last.
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
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_console import signed_in_client, time_get  # noqa: E402
from benchkit import percentiles  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.db import database, insert_rows, migrate  # noqa: E402
from firsthand.ledger import period_key  # noqa: E402
from firsthand.models import PeriodStats, Share, Team, User, UserStats  # noqa: E402
from firsthand.reach import rebuild_rollups  # noqa: E402
from firsthand.reach_models import ReachSnapshot, ShareReach  # noqa: E402

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
    rebuild_rollups()
    return {
        "people": people,
        "shares": len(shares),
        "reach rows": len(reach),
        "snapshots": ReachSnapshot.select().count(),
        "period totals": len(totals),
    }


def cold(app, client, url: str, runs: int) -> tuple[float, float, float, float]:
    """Like time_get, with the analytics cache emptied before each request."""
    wall, cpu = [], []
    for _ in range(runs):
        app.extensions.get("firsthand.analytics_cache", {}).clear()
        start, start_cpu = time.perf_counter(), time.thread_time()
        assert client.get(url).status_code == 200
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return (*percentiles(wall), *percentiles(cpu))


def manager_of_one_team(app):
    from firsthand.admin_models import TeamManager

    with app.app_context(), database.connection_context():
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
        cleanup = None
        if url:
            import psycopg

            schema = f"bench_analytics_{os.getpid()}_{people}"
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            cleanup = (url, schema)
            url += ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")
        app = create_app({"RATELIMIT_ENABLED": False, **({"DATABASE_URL": url} if url else {})})
        migrate(database.obj)
        try:
            with app.app_context(), database.connection_context():
                started = time.perf_counter()
                sizes = generate(people, args.shares_per_person, args.snapshots_per_share)
                sizes["seconds to generate"] = round(time.perf_counter() - started)
            admin = signed_in_client(app)
            meg = manager_of_one_team(app)
            from urllib.parse import urlparse

            from bench_console import TOKEN

            from firsthand.signin import issue_sign_in_link

            with app.app_context(), database.connection_context():
                link = urlparse(issue_sign_in_link(meg, NOW)).path
            manager = app.test_client()
            token = TOKEN.search(manager.get(link).text).group(1)
            manager.post(link, data={"csrf_token": token})
            page, csv = "/console/analytics/", "/console/analytics/participation.csv"
            results = [
                ("analytics page, admin, computed (cache empty)", *cold(app, admin, page, 5)),
                ("analytics page, admin, from the cache", *time_get(admin, page, args.runs)),
                ("analytics page, manager of one team, computed", *cold(app, manager, page, 5)),
                ("participation CSV, admin, computed", *cold(app, admin, csv, 5)),
            ]
            return sizes, results
        finally:
            database.close()
            if cleanup:
                import psycopg

                with psycopg.connect(cleanup[0], autocommit=True) as conn:
                    conn.execute(f'DROP SCHEMA "{cleanup[1]}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", default="10000,100000")
    parser.add_argument("--shares-per-person", type=int, default=5)
    parser.add_argument("--snapshots-per-share", type=int, default=3)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    backend = "PostgreSQL" if args.database_url else "SQLite"
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    runs = {}
    for people in [int(p) for p in args.people.split(",")]:
        sizes, results = measure(args.database_url, people, args)
        runs[people] = results
        print(f"\n{backend}: " + ", ".join(f"{v:,} {k}" for k, v in sizes.items()))
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
