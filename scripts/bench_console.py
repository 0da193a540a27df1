"""Console benchmark: the people list at company scale, and a 10,000-row CSV import.

    ./scripts/bench console [--people 100000] [--rows 10000] [--runs 60]
        [--database-url postgresql://postgres@127.0.0.1:5432/test]

Seeds a database (SQLite in a temporary folder unless --database-url is given; on
PostgreSQL it works in a schema of its own and drops it afterwards) with people spread over
50 teams, most connected, some deactivated, a third of them with recent shares. Then, signed
in as an admin through Flask's test client (in-process: the full request, routing, session,
queries and Jinja rendering, without a socket), it times GET /console/people/ for the first
page, a page deep in the list, each filter and a search, and prints p50/p95 in ms. Then it
imports a CSV of new people (upload + preview page + confirm) and prints each step's time.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import percentiles  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.db import database, migrate  # noqa: E402
from firsthand.models import Share, Team, User, UserStats  # noqa: E402
from firsthand.signin import issue_sign_in_link  # noqa: E402

NOW = datetime.now(UTC)
FIRST = (
    "Ana Ben Chloé David Emma Farid Grace Hiro Ines Jonas Kemi Lars Maya Noah Olga Priya".split()
)
LAST = "Smith Müller García Rossi Dubois Novak Tanaka Okafor Silva Jensen Kowalski Haddad".split()
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def seed(people: int, teams: int = 50) -> None:
    rng = random.Random(13)
    now = NOW
    with database.atomic():
        Team.insert_many(
            [{"name": f"Team {t:02d}", "created_at": now} for t in range(teams)]
        ).execute()
    team_ids = [t for (t,) in Team.select(Team.id).tuples()]
    with database.atomic():
        for start in range(0, people, 2000):
            rows = []
            for i in range(start, min(people, start + 2000)):
                roll = rng.random()
                rows.append(
                    {
                        "email": f"p{i}@bench.example",
                        "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                        "team": team_ids[i % teams],
                        "role": "manager" if i % 40 == 0 else "employee",
                        "created_at": now - timedelta(days=90),
                        "connected_at": None if roll < 0.2 else now - timedelta(days=80),
                        "deactivated_at": now - timedelta(days=5) if roll > 0.97 else None,
                        "token_generation": 0,
                        "leaderboard_opt_out": False,
                    }
                )
            User.insert_many(rows).execute()
    ids = [u for (u,) in User.select(User.id).tuples()]
    with database.atomic():
        for start in range(0, len(ids), 5000):
            UserStats.insert_many([{"user": i} for i in ids[start : start + 5000]]).execute()
        sharers = rng.sample(ids, len(ids) // 3)
        for start in range(0, len(sharers), 2000):
            Share.insert_many(
                [
                    {
                        "user": uid,
                        "url": f"https://example.com/p/{uid}",
                        "canonical_url": f"https://example.com/p/{uid}",
                        "network": "linkedin",
                        "logged_at": now - timedelta(days=rng.randint(0, 60)),
                        "points": 10,
                    }
                    for uid in sharers[start : start + 2000]
                ]
            ).execute()


def signed_in_client(app):
    with app.app_context(), database.connection_context():
        admin = User.get_or_none(User.email == "admin@bench.example")
        if admin is None:
            admin = User.create(
                email="admin@bench.example", name="Bench Admin", role="admin", created_at=NOW
            )
            UserStats.create(user=admin)
        link = issue_sign_in_link(admin, NOW)
    client = app.test_client()
    path = urlparse(link).path
    token = TOKEN.search(client.get(path).text).group(1)
    assert client.post(path, data={"csrf_token": token}).status_code == 302
    return client


def time_get(client, url: str, runs: int) -> tuple[float, float, float, float]:
    """Wall-clock p50/p95 and CPU p50/p95 (this thread's, in ms) of GET url.

    The CPU time is what the request costs; the wall time also holds waiting for a core
    when other work shares the machine (see the load average printed with the table).
    """
    client.get(url)  # warm
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        answer = client.get(url)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, (url, answer.status_code)
    return (*percentiles(wall), *percentiles(cpu))


def deep_cursor(client) -> str:
    """The 'Next' link of a page about half-way through the list."""
    with client.application.app_context(), database.connection_context():
        middle = User.select(User.name, User.id).order_by(User.name, User.id)
        row = middle.offset(User.select().count() // 2).limit(1).tuples()[0]
    from firsthand.console.ui import encode_cursor

    return encode_cursor(list(row))


def bench_list(client, runs: int) -> list[tuple]:
    with client.application.app_context(), database.connection_context():
        team = Team.select().order_by(Team.name).first().id
    cases = [
        ("first page", "/console/people/"),
        ("a page half-way down", f"/console/people/?after={deep_cursor(client)}"),
        ("team filter", f"/console/people/?team={team}"),
        ("role: managers", "/console/people/?role=manager"),
        ("status: invited", "/console/people/?status=invited"),
        ("status: shared in 30 days", "/console/people/?status=active"),
        ("status: connected, quiet", "/console/people/?status=quiet"),
        ("status: deactivated", "/console/people/?status=deactivated"),
        ("search 'müller'", f"/console/people/?q={quote('müller')}"),
        ("search by email (prefix with @)", "/console/people/?q=p4242%40bench"),
        ("search matching no one (scans all)", "/console/people/?q=zzzz"),
        ("overview (status counts)", "/console/"),
    ]
    return [(name, *time_get(client, url, runs)) for name, url in cases]


def bench_import(client, rows: int) -> dict[str, float]:
    lines = ["email,name,team,role"] + [
        f"new{i}@import.example,New Person {i},Team {i % 60:02d},employee" for i in range(rows)
    ]
    body = "\n".join(lines).encode()
    page = client.get("/console/people/import/")
    token = TOKEN.search(page.text).group(1)
    times = {}
    start = time.perf_counter()
    answer = client.post(
        "/console/people/import/",
        data={"csrf_token": token, "file": (io.BytesIO(body), "people.csv")},
        content_type="multipart/form-data",
    )
    times["upload and read"] = time.perf_counter() - start
    preview_url = answer.headers["Location"]
    start = time.perf_counter()
    preview = client.get(preview_url)
    times["preview page"] = time.perf_counter() - start
    assert f"Confirm: invite {rows}, update 0" in preview.text, preview.text[:500]
    start = time.perf_counter()
    done = client.post(preview_url, data={"csrf_token": TOKEN.search(preview.text).group(1)})
    times["confirm (write)"] = time.perf_counter() - start
    assert done.status_code == 302, done.text[:500]
    times["total"] = sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["FIRSTHAND_INSTANCE_PATH"] = folder
        url, cleanup = args.database_url, None
        if url:
            schema = f"bench_console_{os.getpid()}"
            import psycopg

            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')
            cleanup = (url, schema)
            url += ("&" if "?" in url else "?") + "options=" + quote(f"-csearch_path={schema}")
        app = create_app({"RATELIMIT_ENABLED": False, **({"DATABASE_URL": url} if url else {})})
        migrate(database.obj)
        try:
            with app.app_context(), database.connection_context():
                started = time.perf_counter()
                seed(args.people)
                seeded = time.perf_counter() - started
            client = signed_in_client(app)
            backend = "PostgreSQL" if url else "SQLite"
            print(f"\n{backend}, {args.people:,} people (seeded in {seeded:.0f} s)")
            print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n")
            print("| people list | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms |")
            print("| --- | --- | --- | --- | --- |")
            for name, p50, p95, c50, c95 in bench_list(client, args.runs):
                print(f"| {name} | {p50:.1f} | {p95:.1f} | {c50:.1f} | {c95:.1f} |")
            print(f"\nload average after: {os.getloadavg()[0]:.1f}")
            print(f"\nImporting {args.rows:,} new people into it (one CSV)\n")
            print("| step | seconds |")
            print("| --- | --- |")
            for step, seconds in bench_import(client, args.rows).items():
                print(f"| {step} | {seconds:.2f} |")
        finally:
            database.close()
            if cleanup:
                import psycopg

                with psycopg.connect(cleanup[0], autocommit=True) as conn:
                    conn.execute(f'DROP SCHEMA "{cleanup[1]}" CASCADE')


if __name__ == "__main__":
    main()
