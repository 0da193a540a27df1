#!/usr/bin/env python3
"""The most POST /shares can reach against GET /health, whatever the server and the load
generator do: both requests handled in process (the WSGI app called directly, one thread, no
HTTP, no socket, no other request to wait for), each request's CPU time measured, in turns.
Throughput under gunicorn is at best the ratio of these CPU times (issue 11 asks for 0.6).
Also: how many statements a share runs (BEGIN and COMMIT, sent outside `execute_sql`, not
counted) and the client's CPU inside them: on SQLite the database engine's own work, in
process; on PostgreSQL the driver's (the server's processes are not counted).

    ./scripts/bench share_ceiling [--runs 2000] [--rounds 5] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_server import NOW, app_for, load_note, pg_database_url  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from firsthand.accounts import create_user  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import close_pool, database  # noqa: E402


def caller(app):
    """call(path, body=None, token=None) -> status, straight through the WSGI app."""

    def call(path: str, body: str | None = None, token: str | None = None) -> str:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        environ = EnvironBuilder(
            path=path,
            method="POST" if body else "GET",
            data=body,
            headers=headers,
            content_type="application/json" if body else None,
        ).get_environ()
        status = []
        b"".join(app.wsgi_app(environ, lambda s, h, e=None: status.append(s)))
        return status[0]

    return call


def figures(url: str, runs: int, rounds: int) -> dict[str, float]:
    app = app_for(url, tempfile.mkdtemp())
    with app.app_context(), database.connection_context():
        people = [
            create_user(f"c{uuid.uuid4().hex[:10]}@bench.example", "C", NOW) for _ in range(8)
        ]
        tokens = [issue_token(p) for p in people]
    call, tag, n = caller(app), uuid.uuid4().hex, 0

    def share() -> None:
        nonlocal n
        n += 1
        body = json.dumps({"url": f"https://example.com/c/{tag}/{n}", "network": "other"})
        assert call("/api/v1/shares", body, tokens[n % 8]).startswith("201")

    def health() -> None:
        assert call("/api/v1/health").startswith("200")

    for _ in range(200):  # warm: prepared statements, caches
        share(), health()
    spent = {"health": [], "share": []}
    for _ in range(rounds):
        for name, request in (("health", health), ("share", share)):
            start = time.thread_time()
            for _ in range(runs):
                request()
            spent[name].append((time.thread_time() - start) / runs * 1000)
    statements = counted_statements(share)
    close_pool()
    best = {name: statistics.median(times) for name, times in spent.items()}
    return {**best, "ratio": best["health"] / best["share"], **statements}


def counted_statements(share) -> dict[str, float]:
    """Statements a share runs through `execute_sql` and the CPU time spent inside them, over
    200 shares."""
    obj = database.obj
    if not hasattr(obj, "_firsthand_counted"):
        original = type(obj).execute_sql
        box = obj._firsthand_counted = {"n": 0, "cpu": 0.0}

        def execute_sql(self, sql, params=None, *args, **kwargs):
            start = time.thread_time()
            try:
                return original(self, sql, params, *args, **kwargs)
            finally:
                box["n"] += 1
                box["cpu"] += time.thread_time() - start

        type(obj).execute_sql = execute_sql
    box = obj._firsthand_counted
    box["n"], box["cpu"] = 0, 0.0
    for _ in range(200):
        share()
    return {"statements": box["n"] / 200, "statements_cpu": box["cpu"] / 200 * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="requests of each kind a round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: also measure it")
    args = parser.parse_args()
    backends = {"SQLite": f"sqlite:///{tempfile.mkdtemp()}/ceiling.db"}
    if args.postgres:
        backends["PostgreSQL"] = pg_database_url(
            args.postgres, "firsthand_bench_ceiling", fresh=True
        )
    print(load_note())
    print(
        "\n| back end | GET /health, CPU ms | POST /shares, CPU ms | ceiling (health / share) "
        "| statements a share | their CPU in the driver, ms |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for name, url in backends.items():
        f = figures(url, args.runs, args.rounds)
        print(
            f"| {name} | {f['health']:.3f} | {f['share']:.3f} | **{f['ratio']:.2f}** "
            f"| {f['statements']:.1f} | {f['statements_cpu']:.3f} |"
        )


if __name__ == "__main__":
    main()
