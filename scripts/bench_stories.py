#!/usr/bin/env python3
"""Tracked-link redirect benchmarks (/r/<code>), printed as tables:

1. throughput under gunicorn next to a bare JSON endpoint (GET /health) in the same server,
   for clicks that are counted (a new reader each time: each written to the worker's click
   journal before its 302, in the database about 50 ms later), repeats (the same reader
   again: no write) and link-preview bots: the ratios are the figures (goal ≥ 0.8). Each
   kind's ratio is the median over the rounds of its rate in a round to /health's in the
   same round (the machine's drift is shared by neighbouring rounds; a whole run's totals
   are printed too).
   The load comes from wrk (C, one thread, keep-alive connections; its own CPU is printed
   to show it is not what limits the figures), in interleaved one-second rounds, and the
   clicks the database counted are checked against the counted-click answers. The server's
   CPU time a request (gunicorn's master and workers; not PostgreSQL's own processes) is
   printed too: on a machine shared with other work, it swings less than requests/s;
2. in-process latency (p50, p95) of each kind of answer, tampered codes included.

On SQLite; with `--postgres postgresql://…` on PostgreSQL too, in the same run (in a schema
of its own, dropped afterwards). The load average is printed with the figures.

    ./scripts/bench stories [--employees 1000] [--rounds 10] [--connections 16] [--runs 500]
                            [--postgres postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from benchkit import gunicorn_process, percentiles, process_cpu_seconds, wrk  # noqa: E402
from peewee import fn  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.db import close_pool, database, migrate  # noqa: E402
from firsthand.gunicorn_conf import threads as THREADS  # noqa: E402
from firsthand.stories import StoryFields, create_story  # noqa: E402
from firsthand.stories_click_journal import apply_click_journals  # noqa: E402
from firsthand.stories_clicks import journal_folder  # noqa: E402
from firsthand.stories_links import make_code  # noqa: E402
from firsthand.stories_models import StoryClicks  # noqa: E402

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
    for code in codes:  # warm: every code resolved once, as in a server that has run a while
        client.get(f"/r/{code}", headers={"User-Agent": BOT})
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


# wrk scripts: one Lua state (wrk -t1), so `n` numbers this run's requests. A counted click
# is a new reader each time (a user agent never sent before: BENCH_RUN is new for every wrk
# run, so no round repeats an earlier one), over every employee's code; a repeat is the same
# reader on the same code; a bot is LinkedInBot over every code.
LUA = {
    "health": None,
    "counted": """
local codes, run, n = {}, os.getenv("BENCH_RUN"), 0
for c in string.gmatch(os.getenv("BENCH_CODES"), "[^,]+") do codes[#codes + 1] = c end
request = function()
  n = n + 1
  return wrk.format("GET", "/r/" .. codes[(n % #codes) + 1],
    {["User-Agent"] = os.getenv("BENCH_BROWSER") .. " " .. run .. "-" .. n})
end
""",
    "repeat": """
local code = string.match(os.getenv("BENCH_CODES"), "[^,]+")
local agent = os.getenv("BENCH_BROWSER")
request = function() return wrk.format("GET", "/r/" .. code, {["User-Agent"] = agent}) end
""",
    "bot": """
local codes, bot, n = {}, {["User-Agent"] = os.getenv("BENCH_BOT")}, 0
for c in string.gmatch(os.getenv("BENCH_CODES"), "[^,]+") do codes[#codes + 1] = c end
request = function()
  n = n + 1
  return wrk.format("GET", "/r/" .. codes[(n % #codes) + 1], bot)
end
""",
}
LABELS = {
    "health": "GET /health (bare JSON)",
    "counted": "GET /r/<code>, counted click (a journal line)",
    "repeat": "GET /r/<code>, repeat (not counted)",
    "bot": "GET /r/<code>, link-preview bot",
}


def clicks_counted(journals: Path) -> int:
    """The clicks in the database once every worker's click journal written so far is
    applied (they are about 50 ms behind the answers)."""
    apply_click_journals(journals)
    with database.connection_context():
        return StoryClicks.select(fn.COALESCE(fn.SUM(StoryClicks.clicks), 0)).scalar()


def throughput(env: dict, codes: list[str], args, journals: Path) -> dict[str, dict]:
    """Each kind driven by wrk in interleaved one-second rounds against one gunicorn: the
    machine's other load drifts, and each kind sees the same drift as /health. Totals per
    kind: requests/s, the server's and wrk's CPU (cores), answers that were not 2xx/3xx."""
    folder = Path(env["FIRSTHAND_INSTANCE_PATH"])
    scripts = {}
    for kind, lua in LUA.items():
        if lua:
            scripts[kind] = folder / f"{kind}.lua"
            scripts[kind].write_text(lua)
    env = {**env, "BENCH_CODES": ",".join(codes), "BENCH_BROWSER": BROWSER, "BENCH_BOT": BOT}
    totals = {k: {"requests": 0, "server": 0.0, "wrk": 0.0, "bad": 0, "seconds": 0.0} for k in LUA}
    per_round: dict[str, list[float]] = {k: [] for k in LUA}
    rounds, connections = args.rounds, args.connections
    with gunicorn_process(env, workers=args.workers, threads=args.threads) as (base, pid):
        root = base.removesuffix("/api/v1")
        for kind in LUA:  # warm up: every worker, every code resolved once
            wrk(
                f"{root}/api/v1/health" if kind == "health" else root,
                1,
                connections,
                str(scripts[kind]) if kind in scripts else None,
                {**env, "BENCH_RUN": "warm"},
            )
        clicks_before = clicks_counted(journals)
        for _ in range(rounds):
            for kind in LUA:
                url = f"{root}/api/v1/health" if kind == "health" else root
                cpu_before, started = process_cpu_seconds(pid), time.monotonic()
                result = wrk(
                    url,
                    1,
                    connections,
                    str(scripts[kind]) if kind in scripts else None,
                    {**env, "BENCH_RUN": uuid.uuid4().hex},
                )
                seconds = time.monotonic() - started
                total = totals[kind]
                total["requests"] += result["requests"]
                per_round[kind].append(result["requests"])  # each round is wrk -d1s
                total["seconds"] += 1.0
                total["server"] += process_cpu_seconds(pid) - cpu_before
                total["wrk"] += result["wrk_cores"] * seconds
                total["bad"] += result["non_2xx"] + result["socket_errors"]
        clicks = clicks_counted(journals) - clicks_before
    results = {}
    for kind, total in totals.items():
        results[kind] = {
            "rate": total["requests"] / total["seconds"],
            "server_cores": total["server"] / total["seconds"],
            "wrk_cores": total["wrk"] / total["seconds"],
            "bad": total["bad"],
            "requests": total["requests"],
            "cpu_ms": total["server"] / max(total["requests"], 1) * 1000,
            "round_ratio": statistics.median(
                mine / health
                for mine, health in zip(per_round[kind], per_round["health"], strict=True)
            ),
        }
    # Each counted request must have been counted (and nothing else: repeats and bots add
    # nothing but the repeat run's first request), else the figure is not what it says.
    results["counted"]["clicks"] = clicks
    return results


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min: {five:.1f})"


def bench_backend(backend: str, url: str | None, args) -> None:
    with ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        os.environ.pop("FIRSTHAND_DATABASE_URL", None)
        if url:
            os.environ["FIRSTHAND_DATABASE_URL"] = stack.enter_context(postgres_schema(url))
        app, codes = seeded(folder, args.employees)
        env = {**os.environ, "FIRSTHAND_INSTANCE_PATH": folder}
        results = throughput(env, codes, args, journal_folder(app))
        print(
            f"\n## Tracked links ({backend}): gunicorn, {args.workers} gthread workers × "
            f"{args.threads} threads; wrk -t1 "
            f"-c{args.connections} (keep-alive), {args.rounds} interleaved 1 s rounds each; "
            f"{load_note()}\n"
        )
        print(
            "| endpoint | requests/s | ratio to GET /health: median of rounds | whole run | "
            "server CPU, cores | server CPU a request, ms | its ratio, /health's / this | "
            "wrk CPU, cores | non-2xx/3xx or errors |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        health = results["health"]
        for kind, r in results.items():
            print(
                f"| {LABELS[kind]} | {r['rate']:.0f} | **{r['round_ratio']:.2f}** | "
                f"{r['rate'] / health['rate']:.2f} | "
                f"{r['server_cores']:.2f} | {r['cpu_ms']:.2f} | "
                f"{health['cpu_ms'] / r['cpu_ms']:.2f} | {r['wrk_cores']:.2f} | {r['bad']} |"
            )
        counted = results["counted"]
        print(
            f"\nclicks counted in the database during the rounds: {counted['clicks']:,} "
            f"for {counted['requests']:,} counted-click answers wrk saw (at most "
            f"{args.connections} a round still in flight when wrk stopped)"
        )
        if (
            not counted["requests"]
            <= counted["clicks"]
            <= counted["requests"] + (args.connections * args.rounds)
        ):
            print("**the counted clicks do not match the requests: the figure is wrong**")

        print(f"\n## Redirect in-process ({backend}, {args.employees:,} employees): ms\n")
        print("| answer | p50 | p95 |\n| --- | --- | --- |")
        for name, (p50, p95) in in_process(app, codes, args.runs).items():
            print(f"| {name} | {p50:.2f} | {p95:.2f} |")
        close_pool()  # before the PostgreSQL schema is dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20, help="interleaved 1 s rounds per kind")
    parser.add_argument("--connections", type=int, default=16, help="wrk's open connections")
    parser.add_argument("--runs", type=int, default=500, help="in-process requests per kind")
    parser.add_argument(
        "--postgres",
        default=None,
        help="postgresql://… : also run on PostgreSQL (in a schema of its own, dropped after)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's gthread workers")
    parser.add_argument("--threads", type=int, default=THREADS, help="threads a worker")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    args = parser.parse_args()
    print(f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, {load_note()}")
    if not args.no_sqlite:
        bench_backend("SQLite", None, args)
    if args.postgres:
        bench_backend("PostgreSQL", args.postgres, args)
    print(f"\n{load_note()}")


if __name__ == "__main__":
    main()
