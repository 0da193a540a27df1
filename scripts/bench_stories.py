#!/usr/bin/env python3
"""Tracked-link redirect benchmarks (/r/<code>) on SQLite, printed as tables:

1. throughput under gunicorn next to a bare JSON endpoint (GET /health) in the same server,
   for clicks that are counted (a new reader each time: one upsert each), repeats (the same
   reader again: no write) and link-preview bots: the ratios are the figures (goal ≥ 0.8);
2. in-process latency (p50, p95) of each kind of answer, tampered codes included.

On SQLite by default; `--database-url postgresql://…` runs it on PostgreSQL, in a schema of
its own that is dropped afterwards. The load average is printed with the figures.

    ./scripts/bench stories [--employees 1000] [--seconds 5] [--clients 8] [--runs 500]
                            [--database-url postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from benchkit import gunicorn, percentiles  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.db import close_pool, database, migrate  # noqa: E402
from firsthand.stories import StoryFields, create_story  # noqa: E402
from firsthand.stories_links import make_code  # noqa: E402

NOW = datetime.now(UTC)
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36"
BOT = "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A fresh schema on the server at `url`, dropped afterwards; its URL."""
    import psycopg

    schema = f"bench_stories_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        sep = "&" if "?" in url else "?"
        yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def seeded(folder: str, employees: int) -> tuple[object, list[str]]:
    """An app with one story and `employees` people; their tracked-link codes."""
    os.environ["FIRSTHAND_INSTANCE_PATH"] = folder
    app = create_app({"RATELIMIT_ENABLED": False})
    migrate(database.obj)
    with app.app_context(), database.connection_context():
        admin = create_user("admin@bench.example", "Admin", NOW, "Comms", "admin")
        fields = StoryFields(
            title="Atlas is live",
            context="We launched Atlas today.",
            link="https://acme.example/atlas",
            everyone=True,
            questions=["What did you build?", "Who made it happen?"],
        )
        story = create_story(admin, fields, NOW)
        users = [create_user(f"e{i}@bench.example", f"E{i}", NOW) for i in range(employees)]
        codes = [make_code(story.id, u.id) for u in users]
    database.close()
    return app, codes


def tampered(code: str) -> str:
    return code[:-1] + ("B" if code.endswith("A") else "A")


def in_process(app, codes: list[str], runs: int) -> dict[str, tuple[float, float]]:
    client = app.test_client()
    kinds = {
        "counted click (new reader)": lambda n: (codes[n % len(codes)], BROWSER + f" r{n}", 302),
        "repeat (same reader)": lambda n: (codes[0], BROWSER + " r0", 302),
        "link-preview bot": lambda n: (codes[n % len(codes)], BOT, 302),
        "tampered code (404)": lambda n: (tampered(codes[n % len(codes)]), BROWSER, 404),
    }
    results = {}
    for name, make in kinds.items():
        timings = []
        for n in range(runs):
            code, agent, expected = make(n)
            start = time.perf_counter()
            answer = client.get(f"/r/{code}", headers={"User-Agent": agent})
            timings.append((time.perf_counter() - start) * 1000)
            assert answer.status_code == expected, answer.status_code
        results[name] = percentiles(timings)
    return results


def load(root: str, codes: list[str], seconds: float, clients: int, kind: str) -> float:
    done = [0] * clients
    stop = time.monotonic() + seconds

    def client(i: int) -> None:
        session = requests.Session()
        n = 0
        while time.monotonic() < stop:
            if kind == "health":
                session.get(f"{root}/api/v1/health", timeout=30)
            else:
                agent = {"counted": f"{BROWSER} c{i}-{n}", "repeat": BROWSER, "bot": BOT}[kind]
                answer = session.get(
                    f"{root}/r/{codes[i % len(codes)]}",
                    headers={"User-Agent": agent},
                    allow_redirects=False,
                    timeout=30,
                )
                assert answer.status_code == 302, answer.status_code
            n += 1
        done[i] = n

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each load run")
    parser.add_argument("--clients", type=int, default=8, help="concurrent load clients")
    parser.add_argument("--runs", type=int, default=500, help="in-process requests per kind")
    parser.add_argument(
        "--database-url", default=None, help="postgresql://… to run on PostgreSQL (default SQLite)"
    )
    args = parser.parse_args()

    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        if args.database_url:
            os.environ["FIRSTHAND_DATABASE_URL"] = stack.enter_context(
                postgres_schema(args.database_url)
            )
        backend = "PostgreSQL" if args.database_url else "SQLite"
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
        app, codes = seeded(folder, args.employees)
        env = {**os.environ, "FIRSTHAND_INSTANCE_PATH": folder}
        with gunicorn(env, workers=2, threads=4) as base:
            root = base.removesuffix("/api/v1")
            # Interleaved one-second rounds: the machine's other load drifts, and each kind
            # should see the same drift as the bare endpoint it is compared with.
            kinds = ("health", "counted", "repeat", "bot")
            rounds = max(1, round(args.seconds))
            totals = dict.fromkeys(kinds, 0.0)
            for _ in range(rounds):
                for kind in kinds:
                    totals[kind] += load(root, codes, 1.0, args.clients, kind)
            rates = {kind: total / rounds for kind, total in totals.items()}
        print(
            f"## Tracked links ({backend}): gunicorn, 2 gthread workers × 4 threads, "
            f"{args.clients} clients on the same 2 cores, {round(args.seconds)} interleaved "
            f"1 s rounds each; load average {os.getloadavg()[0]:.1f}\n"
        )
        print("| endpoint | requests/s | ratio to GET /health |\n| --- | --- | --- |")
        labels = {
            "health": "GET /health (bare JSON)",
            "counted": "GET /r/<code>, counted click (one upsert statement)",
            "repeat": "GET /r/<code>, repeat (not counted)",
            "bot": "GET /r/<code>, link-preview bot",
        }
        for kind, rate in rates.items():
            print(f"| {labels[kind]} | {rate:.0f} | {rate / rates['health']:.2f} |")

        print(f"\n## Redirect in-process ({backend}, {args.employees:,} employees): ms\n")
        print("| answer | p50 | p95 |\n| --- | --- | --- |")
        for name, (p50, p95) in in_process(app, codes, args.runs).items():
            print(f"| {name} | {p50:.2f} | {p95:.2f} |")
        close_pool()  # before the PostgreSQL schema is dropped
        print(f"\nload average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
