#!/usr/bin/env python3
"""Server benchmarks on SQLite, printed as tables:

1. log-share throughput under gunicorn next to a bare JSON endpoint (GET /health) in the same
   server: the ratio is the figure;
2. the time to log a share with 1,000 versus 1,000,000 shares already in the database;
3. leaderboard latency with 1,000 and 100,000 employees.

    ./scripts/bench server [--shares 1000,1000000]
        [--employees 1000,100000] [--seconds 5] [--clients 8]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from benchkit import gunicorn, percentiles  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import database, migrate  # noqa: E402
from firsthand.leaderboard import standings  # noqa: E402
from firsthand.ledger import PERIODS, period_key  # noqa: E402
from firsthand.models import PeriodStats, PointsEntry, Share, Team, User, UserStats  # noqa: E402
from firsthand.sharing import ShareRequest, log_share  # noqa: E402

NOW = datetime.now(UTC)


def fresh_app(folder: str):
    os.environ["FIRSTHAND_INSTANCE_PATH"] = folder
    app = create_app({"RATELIMIT_ENABLED": False})
    migrate(database.obj)
    return app


def seed_users(count: int, teams: int = 50) -> list[int]:
    """Insert employees with their counters in bulk (the CLI path is one at a time)."""
    now = NOW
    with database.atomic():
        Team.insert_many([{"name": f"Team {t}", "created_at": now} for t in range(teams)]).execute()
    team_ids = [t for (t,) in Team.select(Team.id).order_by(Team.id).tuples()]
    with database.atomic():
        for start in range(0, count, 2000):
            User.insert_many(
                [
                    {
                        "email": f"e{i}@bench.example",
                        "name": f"Employee {i}",
                        "team": team_ids[i % teams],
                        "role": "employee",
                        "created_at": now,
                    }
                    for i in range(start, min(count, start + 2000))
                ]
            ).execute()
    ids = [u for (u,) in User.select(User.id).tuples()]
    with database.atomic():
        for start in range(0, len(ids), 5000):
            UserStats.insert_many([{"user": i} for i in ids[start : start + 5000]]).execute()
    return ids


def seed_shares(user_ids: list[int], count: int) -> None:
    """Shares with one ledger row each, as if logged earlier (bulk, for size only)."""
    now = NOW
    rng = random.Random(7)
    with database.atomic():
        for start in range(0, count, 2000):
            stop = min(count, start + 2000)
            owners = [rng.choice(user_ids) for _ in range(start, stop)]
            Share.insert_many(
                [
                    {
                        "user": owner,
                        "url": f"https://example.com/p/{i}",
                        "canonical_url": f"https://example.com/p/{i}",
                        "network": "other",
                        "logged_at": now,
                        "points": 10,
                    }
                    for i, owner in zip(range(start, stop), owners, strict=True)
                ]
            ).execute()
            first = (
                Share.select(Share.id)
                .where(Share.canonical_url == f"https://example.com/p/{start}")
                .scalar()
            )
            PointsEntry.insert_many(
                [
                    {
                        "user": owner,
                        "share": first + k,
                        "rule": "share_logged",
                        "points": 10,
                        "created_at": now,
                        "effective_at": now,
                    }
                    for k, owner in enumerate(owners)
                ]
            ).execute()


def seed_periods(user_ids: list[int], teams: int = 50) -> None:
    rng = random.Random(3)
    keys = [period_key(p, NOW) for p in PERIODS]
    team_of = dict(User.select(User.id, User.team).tuples())
    with database.atomic():
        for start in range(0, len(user_ids), 1500):
            rows = []
            for uid in user_ids[start : start + 1500]:
                points = rng.randint(0, 2000)
                for key in keys:
                    rows.append(
                        {
                            "user": uid,
                            "period": key,
                            "team": team_of[uid],
                            "points": points,
                            "shares": points // 10,
                            "personal_shares": points // 25,
                        }
                    )
            PeriodStats.insert_many(rows).execute()


def time_log_share(existing: int, runs: int = 200) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(folder)
        with app.app_context(), database.connection_context():
            ids = seed_users(200)
            seed_shares(ids, existing)
            book = app.extensions["firsthand.rulebook"]
            users = list(User.select().limit(runs))
            timings = []
            for n, user in enumerate(users * (runs // len(users) + 1)):
                if n >= runs:
                    break
                share = ShareRequest(url=f"https://example.com/new/{n}", network="other")
                start = time.perf_counter()
                log_share(user, share, book, NOW, analyzer=None)
                timings.append((time.perf_counter() - start) * 1000)
        database.close()
    return percentiles(timings)


def time_leaderboard(employees: int, runs: int = 100) -> dict[str, tuple[float, float]]:
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(folder)
        with app.app_context(), database.connection_context():
            ids = seed_users(employees)
            seed_periods(ids)
            # The caller sits in the middle of the pack: their own rank needs a count.
            caller = User.get_by_id(ids[len(ids) // 2])
            for scope in ("company", "team"):
                timings = []
                for _ in range(runs):
                    start = time.perf_counter()
                    standings(caller, "week", scope, 10, NOW)
                    timings.append((time.perf_counter() - start) * 1000)
                results[scope] = percentiles(timings)
        database.close()
    return results


def throughput(seconds: float, clients: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        app = fresh_app(folder)
        with app.app_context(), database.connection_context():
            users = [create_user(f"t{i}@bench.example", f"T{i}", NOW) for i in range(clients)]
            tokens = [issue_token(u) for u in users]
        database.close()
        env = {
            **os.environ,
            "FIRSTHAND_INSTANCE_PATH": folder,
            "FIRSTHAND_RATELIMIT_WRITES": "1000000/minute",
        }
        with gunicorn(env, workers=2, threads=4) as base:
            return {
                "GET /health": run_load(base, tokens, seconds, None),
                "POST /shares": run_load(base, tokens, seconds, "share"),
            }


def run_load(base: str, tokens: list[str], seconds: float, kind: str | None) -> float:
    done = [0] * len(tokens)
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {tokens[i]}"
        n = 0
        while time.monotonic() < stop:
            if kind == "share":
                url = f"https://example.com/load/{i}/{n}"
                answer = session.post(
                    f"{base}/shares", json={"url": url, "network": "other"}, timeout=30
                )
                assert answer.status_code == 201, answer.text
            else:
                session.get(f"{base}/health", timeout=30)
            n += 1
        done[i] = n

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(tokens))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shares", default="1000,1000000", help="existing shares, comma-separated")
    parser.add_argument("--employees", default="1000,100000", help="employees, comma-separated")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each load run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent load clients")
    args = parser.parse_args()

    rates = throughput(args.seconds, args.clients)
    print(
        f"## Throughput: gunicorn, 2 gthread workers × 4 threads, {args.clients} clients on "
        f"the same 2 cores, {args.seconds:g} s each\n"
    )
    print("| endpoint | requests/s |\n| --- | --- |")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.0f} |")
    print(f"| **log-share / bare JSON** | **{rates['POST /shares'] / rates['GET /health']:.2f}** |")

    print("\n## Logging one share (in-process, SQLite): ms\n")
    print("| shares already stored | p50 | p95 |\n| --- | --- | --- |")
    share_sizes = [int(x) for x in args.shares.split(",")]
    log_times = {size: time_log_share(size) for size in share_sizes}
    for size, (p50, p95) in log_times.items():
        print(f"| {size:,} | {p50:.2f} | {p95:.2f} |")
    small, large = log_times[min(share_sizes)][0], log_times[max(share_sizes)][0]
    print(f"| **ratio, largest / smallest** | **{large / small:.2f}** | |")

    print("\n## Leaderboard, this week, top 10 plus the caller's own rank (in-process): ms\n")
    print("| employees | company p50 | company p95 | team p50 | team p95 |")
    print("| --- | --- | --- | --- | --- |")
    for size in (int(x) for x in args.employees.split(",")):
        r = time_leaderboard(size)
        print(
            f"| {size:,} | {r['company'][0]:.2f} | {r['company'][1]:.2f} | "
            f"{r['team'][0]:.2f} | {r['team'][1]:.2f} |"
        )


if __name__ == "__main__":
    main()
