"""Load without errors: 4 gunicorn workers on PostgreSQL + Redis, 50 concurrent clients for
60 s of mixed traffic (suggestions, logs with retries, /me, leaderboards).

Reports p50/p95/p99 per kind of request and the count of 5xx (must be 0), then checks that
every person's counters equal their ledger. Exit status 1 on any 5xx or mismatch.

    ./scripts/bench load [--clients 50] [--seconds 60] [--workers 4]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import time
import uuid
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import gunicorn  # noqa: E402

DRAFTS = [
    "I spent three months rebuilding our search with the team and learned more than I expected.",
    "We are thrilled to announce our new product, the leading solution for modern teams.",
    "Huge thanks to Priya and Tom: our customer in Lyon went live this week after a long sprint.",
    "Hiring! Join our platform team in Berlin. #hiring #jobs #engineering #careers #tech",
]
MIX = [("suggestion", 40), ("share", 25), ("me", 20), ("leaderboard", 15)]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] if ordered else 0.0


def setup(pg_url: str, schema: str, env: dict, people: int) -> list[dict]:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    os.environ.update(env)
    from firsthand import create_app
    from firsthand.accounts import create_user
    from firsthand.auth import issue_token
    from firsthand.clock import utc_now
    from firsthand.db import database, migrate

    app = create_app()
    migrate(database.obj)
    headers = []
    with app.app_context(), database.connection_context():
        for n in range(people):
            user = create_user(f"load{n}@example.com", f"Load {n}", utc_now(), f"Team {n % 5}")
            headers.append({"Authorization": f"Bearer {issue_token(user)}"})
    database.close()
    return headers


class Client(threading.Thread):
    sequence = iter(range(1, 10**9))
    lock = threading.Lock()

    def __init__(self, base: str, headers: dict, deadline: float, results: dict) -> None:
        super().__init__(daemon=True)
        self.base, self.headers, self.deadline, self.results = base, headers, deadline, results
        self.session = requests.Session()

    def timed(self, kind: str, method: str, path: str, **kwargs) -> requests.Response | None:
        start = time.perf_counter()
        try:
            answer = self.session.request(
                method,
                f"{self.base}{path}",
                headers={**self.headers, **kwargs.pop("headers", {})},
                timeout=30,
                **kwargs,
            )
        except requests.RequestException:
            self.results["errors"].append(kind)
            return None
        self.results[kind].append((time.perf_counter() - start) * 1000)
        self.results["statuses"].append(answer.status_code)
        return answer

    def log_share(self) -> None:
        with self.lock:
            n = next(self.sequence)
        activity = (int(time.time() * 1000) << 22) + n % (1 << 22)
        body = {
            "url": f"https://www.linkedin.com/feed/update/urn:li:activity:{activity}/",
            "network": "linkedin",
            "text": random.choice(DRAFTS),
        }
        key = {"Idempotency-Key": str(uuid.uuid4())}
        first = self.timed("share", "POST", "/shares", json=body, headers=key)
        if first is not None and random.random() < 0.3:  # a retry: the same share, no points
            again = self.timed("share retry", "POST", "/shares", json=body, headers=key)
            if again is not None and first.status_code == 201 and again.status_code != 200:
                self.results["bad retries"].append(again.status_code)

    def run(self) -> None:
        kinds, weights = zip(*MIX, strict=True)
        while time.monotonic() < self.deadline:
            kind = random.choices(kinds, weights)[0]
            if kind == "suggestion":
                self.timed(kind, "POST", "/suggestions", json={"text": random.choice(DRAFTS)})
            elif kind == "share":
                self.log_share()
            elif kind == "me":
                self.timed(kind, "GET", "/me")
            else:
                period = random.choice(["week", "month", "all"])
                self.timed(kind, "GET", f"/leaderboard?period={period}&scope=company")


def ledger_mismatches(pg_url: str, schema: str) -> list[str]:
    with psycopg.connect(pg_url) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        rows = conn.execute(
            """SELECT s.user_id, s.points, s.shares,
                 (SELECT COALESCE(SUM(points), 0) FROM points_entry p
                   WHERE p.user_id = s.user_id),
                 (SELECT COUNT(*) FROM share h
                   WHERE h.user_id = s.user_id AND h.deleted_at IS NULL)
               FROM user_stats s"""
        ).fetchall()
    return [
        f"user {u}: points {p} vs ledger {lp}, shares {s} vs {ls}"
        for u, p, s, lp, ls in rows
        if p != lp or s != ls
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    schema = f"firsthand_bench_load_{os.getpid()}"
    options = quote(f"-csearch_path={schema}")
    sep = "&" if "?" in args.database_url else "?"
    env = {
        "FIRSTHAND_DATABASE_URL": f"{args.database_url}{sep}options={options}",
        "FIRSTHAND_SECRET_KEY": uuid.uuid4().hex,
        "FIRSTHAND_RATELIMIT_STORAGE_URL": args.redis_url,
        # The clients are people writing a lot, not abusers: limits stay on (in Redis) but high.
        "FIRSTHAND_RATELIMIT_WRITES": "100000/minute",
        "FIRSTHAND_RATELIMIT_SUGGESTIONS": "100000/minute",
        "FIRSTHAND_INSTANCE_PATH": f"/tmp/{schema}",
    }
    headers = setup(args.database_url, schema, env, args.clients)
    results: dict = defaultdict(list)
    try:
        with gunicorn({**os.environ, **env}, args.workers, args.threads) as base:
            deadline = time.monotonic() + args.seconds
            clients = [Client(base, h, deadline, results) for h in headers]
            for client in clients:
                client.start()
            for client in clients:
                client.join()
        mismatches = ledger_mismatches(args.database_url, schema)
    finally:
        with psycopg.connect(args.database_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

    statuses = results["statuses"]
    server_errors = sum(1 for s in statuses if s >= 500)
    print(
        f"\n{args.clients} clients, {args.seconds:.0f} s, {args.workers} gunicorn workers "
        f"× {args.threads} threads, PostgreSQL + Redis; load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| request | count | p50 ms | p95 ms | p99 ms |\n| --- | --- | --- | --- | --- |")
    for kind in ("suggestion", "share", "share retry", "me", "leaderboard"):
        samples = results[kind]
        print(
            f"| {kind} | {len(samples)} | {percentile(samples, 0.5):.1f} | "
            f"{percentile(samples, 0.95):.1f} | {percentile(samples, 0.99):.1f} |"
        )
    every = [
        t for k in ("suggestion", "share", "share retry", "me", "leaderboard") for t in results[k]
    ]
    print(
        f"| all | {len(every)} | {percentile(every, 0.5):.1f} | {percentile(every, 0.95):.1f} | "
        f"{percentile(every, 0.99):.1f} |"
    )
    print(
        f"\nthroughput {len(every) / args.seconds:.0f} requests/s; 5xx: {server_errors}; "
        f"connection errors: {len(results['errors'])}; "
        f"retries not answered 200: {len(results['bad retries'])}; "
        f"statuses: {dict(sorted((s, statuses.count(s)) for s in set(statuses)))}"
    )
    print(f"counters == ledger for every person: {'yes' if not mismatches else 'NO'}")
    for line in mismatches[:10]:
        print("  ", line)
    failed = server_errors or mismatches or results["errors"] or results["bad retries"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
