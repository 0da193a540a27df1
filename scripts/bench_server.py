#!/usr/bin/env python3
"""Server benchmarks at company scale, printed as tables:

1. throughput under gunicorn, driven by wrk (C, one thread, its own CPU time measured so it
   is shown not to be the bottleneck): POST /shares next to the bare JSON endpoint
   (GET /health) in the same server, and SQLite against PostgreSQL with 4 workers;
2. "my rank" (the leaderboard call: top 10 plus the caller's own standing) with the caller at
   the top, in the middle and at the bottom, company and team boards, at each company size;
3. logging one share (in-process) at each company size;
4. paging through one's shares and kudos, and deleting a share, at 10 and 10,000 of them.

Each figure is printed at 10k, 100k and 1M employees (--employees) with the ratio of the
largest to the smallest. Seeded databases are kept under .bench/ (SQLite files; PostgreSQL
databases named firsthand_bench_<size>) and reused: the 1M one takes minutes to build once.

    ./scripts/bench server [--employees 10000,100000,1000000] [--postgres URL]
        [--seconds 5] [--connections 8] [--skip throughput,rank,log,paging]
        [--backends sqlite,postgresql] [--seed-only] [--linkedin]

Seeding takes the shared bench lock (`flock -s`), measuring the exclusive one (`flock -x`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from benchkit import gunicorn_process, percentiles, process_cpu_seconds, wrk  # noqa: E402
from peewee import fn  # noqa: E402

from firsthand import create_app  # noqa: E402
from firsthand.accounts import create_user  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import close_pool, database, insert_rows, migrate  # noqa: E402
from firsthand.kudos import give_kudos, kudos_received  # noqa: E402
from firsthand.ledger import PERIODS, period_key  # noqa: E402
from firsthand.models import PeriodStats, Team, User  # noqa: E402
from firsthand.sharing import ShareRequest, delete_share, log_share, shares_of  # noqa: E402

NOW = datetime.now(UTC)
BENCH_DIR = REPO / ".bench"
SEED_VERSION = 2  # bump when the seeded shape changes: cached databases are rebuilt
TEAMS = 50


def load_note() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min: {five:.1f})"


def app_for(url: str, instance: str):
    os.environ["FIRSTHAND_INSTANCE_PATH"] = instance
    app = create_app({"RATELIMIT_ENABLED": False, "DATABASE_URL": url})
    migrate(database.obj)
    return app


# ---------------------------------------------------------------- seeding (cached)


def kept_database_url(backend: str, stem: str, pg_name: str, pg_base: str, fresh: bool) -> str:
    """The URL of a kept benchmark database (a file under .bench/ or a PostgreSQL database),
    emptied first when `fresh`."""
    if backend == "sqlite":
        if fresh:
            for leftover in BENCH_DIR.glob(f"{stem}.db*"):
                leftover.unlink()
        return f"sqlite:///{BENCH_DIR / f'{stem}.db'}"
    return pg_database_url(pg_base, pg_name, fresh=fresh)


def pg_database_url(base: str, name: str, *, fresh: bool = False) -> str:
    """The URL of database `name` on the server of `base`, created when missing (dropped and
    created again when `fresh`)."""
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(base)._replace(path=f"/{name}").geturl()


def seeded(backend: str, employees: int, pg_base: str | None):
    """An app bound to a database with `employees` people in 50 teams and their period totals
    (this week, this month, all time), seeded once and reused."""
    BENCH_DIR.mkdir(exist_ok=True)
    instance = str(BENCH_DIR / "instance")
    week = period_key("week", NOW)
    for attempt in ("cached", "fresh"):
        url = kept_database_url(
            backend,
            f"server-{employees}",
            f"firsthand_bench_{employees}",
            pg_base,
            fresh=attempt == "fresh",
        )
        app = app_for(url, instance)
        with app.app_context(), database.connection_context():
            database.execute_sql(
                "CREATE TABLE IF NOT EXISTS bench_seed "
                "(version INTEGER, employees INTEGER, week TEXT)"
            )
            row = database.execute_sql("SELECT version, employees, week FROM bench_seed").fetchone()
            if row and tuple(row) == (SEED_VERSION, employees, week):
                return app
            if not row and not User.select().exists():
                break  # empty: seed it
        close_pool()  # seeded differently, another week, or an interrupted seeding: rebuild
    with app.app_context(), database.connection_context():
        started = time.perf_counter()
        print(f"  seeding {employees:,} employees on {backend} (once)...", file=sys.stderr)
        seed(employees)
        database.execute_sql(
            f"INSERT INTO bench_seed VALUES ({database.param}, {database.param}, {database.param})",
            (SEED_VERSION, employees, week),
        )
        print(f"  seeded in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return app


def seed(employees: int) -> None:
    """Seed with set-based SQL on the server side: one INSERT … SELECT per table over a
    generated series, the rank histogram's triggers held back and the histogram built after
    in one GROUP BY (as migration 0006 does), instead of a Python loop of rows.

    The shape: 50 teams; each person's all-time points drawn from a Pareto tail (multiples of
    5, as the rules give them: about 4,000 distinct values at 1M), this month's and this
    week's a part of them; 3% opted out."""
    sqlite = database.param == "?"
    p = database.param
    run = database.execute_sql
    if not sqlite:
        # One bulk transaction: no flush per statement, room to build indexes in memory.
        run("SET synchronous_commit = off")
        run("SET maintenance_work_mem = '256MB'")
    with database.atomic(), _indexes_held_back(("user", "user_stats", "period_stats")):
        insert_rows(Team, [{"name": f"Team {t}", "created_at": NOW} for t in range(TEAMS)])
        first_team = Team.select(fn.MIN(Team.id)).scalar()
        series = (
            f"WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series "
            f"WHERE i < {p} - 1) SELECT i FROM series"
            if sqlite
            else f"SELECT generate_series(0, {p} - 1) AS i"
        )

        # A uniform draw in [0, 1) per row and column, the same on both back ends: a hash
        # of the row number and a salt, so a reseed builds the same company.
        def uniform(salt: int) -> str:
            return (
                f"CAST(mod((i + 1) * 2654435761 + {salt} * 40503, 1000003) AS DOUBLE PRECISION)"
                " / 1000003"
            )

        run(
            "CREATE TEMPORARY TABLE bench_people (i INTEGER PRIMARY KEY, total INTEGER, "
            "month INTEGER, week INTEGER, hidden BOOLEAN)"
        )
        total = f"5 * CAST(floor(20 * power(1 - {uniform(1)}, -1 / 1.2)) AS INTEGER)"
        run(
            f"INSERT INTO bench_people (i, total) SELECT i, {total} FROM ({series}) AS s",
            (employees,),
        )
        least = "min" if sqlite else "least"
        run(
            f"UPDATE bench_people SET month = 5 * CAST(floor({uniform(2)} * "
            f"({least}(total / 5, 200) + 1)) AS INTEGER), hidden = {uniform(3)} < 0.03"
        )
        run(
            f"UPDATE bench_people SET week = 5 * CAST(floor({uniform(4)} * "
            f"({least}(month / 5, 60) + 1)) AS INTEGER)"
        )
        created = User.created_at.db_value(NOW - timedelta(days=400))
        connected = User.connected_at.db_value(NOW - timedelta(days=399))
        concat = "||"
        run(
            'INSERT INTO "user" (email, name, name_folded, team_id, role, token_generation, '
            "created_at, leaderboard_opt_out, connected_at, invites_used) "
            f"SELECT 'e' {concat} i {concat} '@bench.example', 'Employee ' {concat} i, "
            f"'employee ' {concat} i, "
            f"{first_team} + mod(i, {TEAMS}), 'employee', 0, {p}, hidden, {p}, 0 "
            "FROM bench_people ORDER BY i",
            (created, connected),
        )
        first_user = User.select(fn.MIN(User.id)).scalar()
        run(
            "INSERT INTO user_stats (user_id, points, shares, personal_shares, original_shares, "
            "networks, streak_weeks, longest_streak_weeks, scored_today, kudos_received, "
            "leadership_kudos, kudos_givers, listed_shares, network_counts, best_post_comments, "
            f"best_post_reactions) SELECT {first_user} + i, total, total / 10, total / 25, 0, "
            "'', 0, 0, 0, 0, 0, 0, 0, '', 0, 0 FROM bench_people"
        )
        _without_rank_triggers(
            lambda: [
                run(
                    "INSERT INTO period_stats (user_id, period, team_id, hidden, points, "
                    "shares, personal_shares) "
                    f"SELECT {first_user} + i, {p}, {first_team} + mod(i, {TEAMS}), hidden, "
                    f"{column}, {column} / 10, {column} / 25 FROM bench_people",
                    (key,),
                )
                for key, column in zip(
                    [period_key(x, NOW) for x in PERIODS], ("week", "month", "total"), strict=True
                )
            ]
        )
        run("DROP TABLE bench_people")
    database.execute_sql("ANALYZE")


@contextmanager
def _indexes_held_back(tables: tuple[str, ...]):
    """Drop the tables' secondary indexes (not those of primary keys or constraints) for a
    bulk load and build them again after: one sort per index instead of a B-tree insert per
    row, the cheapest way to load millions of rows."""
    run = database.execute_sql
    names = ", ".join(f"'{t}'" for t in tables)
    if database.param == "?":
        saved = run(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({names}) "
            "AND sql IS NOT NULL"
        ).fetchall()
    else:
        saved = run(
            f"SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ({names}) "
            "AND schemaname = current_schema() AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint)"
        ).fetchall()
    for name, _ in saved:
        run(f'DROP INDEX "{name}"')
    yield
    for _, sql in saved:
        run(sql)


def _without_rank_triggers(insert) -> None:
    """Insert period totals with the histogram's row triggers off, then build the histogram
    from scratch in two GROUP BYs: a trigger per row is what made seeding take minutes."""
    run = database.execute_sql
    if database.param == "?":
        saved = run(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'period_stats'"
        ).fetchall()
        for (sql,) in saved:
            run(f"DROP TRIGGER {sql.split()[2]}")
        insert()
        for (sql,) in saved:
            run(sql)
    else:
        run("ALTER TABLE period_stats DISABLE TRIGGER USER")
        insert()
        run("ALTER TABLE period_stats ENABLE TRIGGER USER")
    run("DELETE FROM rank_histogram")
    run(
        "INSERT INTO rank_histogram (period, team_key, points, people) "
        "SELECT period, 0, points, COUNT(*) FROM period_stats WHERE NOT hidden "
        "GROUP BY period, points"
    )
    run(
        "INSERT INTO rank_histogram (period, team_key, points, people) "
        "SELECT period, team_id, points, COUNT(*) FROM period_stats "
        "WHERE NOT hidden AND team_id IS NOT NULL GROUP BY period, team_id, points"
    )


# ---------------------------------------------------------------- 1. throughput

WRK_SCRIPT = """
local tokens = {}
for t in string.gmatch(os.getenv("BENCH_TOKENS"), "[^,]+") do tokens[#tokens + 1] = t end
local run = os.getenv("BENCH_RUN")
local linkedin = tonumber(os.getenv("BENCH_LINKEDIN_MS") or "")
local n = 0
request = function()
  n = n + 1
  local body = '{"url": "https://example.com/load/' .. run .. '/' .. n .. '", "network": "other"}'
  if linkedin then
    -- A LinkedIn activity id minted now (unix_ms << 22, then n): dated, so looked up with
    -- its share and ugcPost siblings. 64-bit arithmetic: LuaJIT's ULL numbers.
    local id = string.gsub(tostring(linkedin * 4194304ULL + n), "ULL", "")
    body = '{"url": "https://www.linkedin.com/feed/update/urn:li:activity:' .. id ..
      '/", "network": "linkedin"}'
  end
  return wrk.format("POST", "/api/v1/shares", {
    ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1],
    ["Content-Type"] = "application/json",
  }, body)
end
"""


def postgres_cpu_seconds() -> float:
    """CPU time of every PostgreSQL process on this machine (the server runs beside the
    benchmark, on the same cores; SQLite works inside the server's own processes)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name, _, rest = stat.read_text().partition(") ")
        except OSError:
            continue
        if name.endswith("(postgres"):
            fields = rest.split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def throughput(
    url: str, workers: int, seconds: float, connections: int, linkedin: bool = False
) -> dict[str, dict]:
    """GET /health and POST /shares under one gunicorn (gthread, 4 threads a worker); with
    `linkedin`, the shares are LinkedIn posts by their activity ids (minted now, one
    millisecond per run: no two runs log the same post) instead of example.com links."""
    with tempfile.TemporaryDirectory() as folder:
        app = app_for(url, folder)
        with app.app_context(), database.connection_context():
            users = [
                create_user(f"t{uuid.uuid4().hex[:12]}@bench.example", "T", NOW)
                for _ in range(connections)
            ]
            tokens = [issue_token(u) for u in users]
        close_pool()
        env = {
            **os.environ,
            "FIRSTHAND_INSTANCE_PATH": folder,
            "FIRSTHAND_DATABASE_URL": url,
            "FIRSTHAND_RATELIMIT_WRITES": "100000000/minute",
            "BENCH_TOKENS": ",".join(tokens),
            "BENCH_RUN": uuid.uuid4().hex,
        }
        if linkedin:
            env["BENCH_LINKEDIN_MS"] = str(int(time.time() * 1000))
        script = Path(folder) / "share.lua"
        script.write_text(WRK_SCRIPT)
        results = {}
        with gunicorn_process(env, workers=workers, threads=4) as (base, pid):
            wrk(f"{base}/health", 1, connections, None, env)  # warm every worker up
            for name, path, lua in (
                ("GET /health", "/health", None),
                ("POST /shares", "/shares", str(script)),
            ):
                cpu_before, db_before = process_cpu_seconds(pid), postgres_cpu_seconds()
                result = wrk(f"{base}{path}", seconds, connections, lua, env)
                result["server_cores"] = (process_cpu_seconds(pid) - cpu_before) / seconds
                if not url.startswith("sqlite"):
                    result["db_cores"] = (postgres_cpu_seconds() - db_before) / seconds
                results[name] = result
        return results


def print_throughput(rows: list[tuple[str, dict]]) -> None:
    print(
        "| server | endpoint | requests/s | p50 ms | non-2xx | server CPU, cores "
        "| PostgreSQL CPU, cores | wrk CPU, cores |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, results in rows:
        for name, r in results.items():
            print(
                f"| {label} | {name} | {r['rate']:.0f} | {r['p50_ms']:.2f} | {r['non_2xx']} | "
                f"{r['server_cores']:.2f} | {_cores(r.get('db_cores'))} | {r['wrk_cores']:.2f} |"
            )


def _cores(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# ---------------------------------------------------------------- 2. my rank


def callers(employees: int) -> dict[str, User]:
    """Visible people at the top, in the middle and at the bottom of the all-time board."""
    visible = (
        PeriodStats.select(PeriodStats.user)
        .where(PeriodStats.period == "all", PeriodStats.hidden == False)  # noqa: E712
        .order_by(PeriodStats.points.desc(), PeriodStats.user)
    )
    count = visible.count()
    picks = {"top": 0, "middle": count // 2, "bottom": count - 1}
    return {
        where: User.get_by_id(visible.offset(at).limit(1).scalar()) for where, at in picks.items()
    }


class Timer:
    """Wall time and this thread's CPU time of each call, in ms. On a shared machine the CPU
    time is what the call costs; wall time adds the wait for a core (and, on PostgreSQL, the
    server's own work, which this thread's CPU time does not include)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._wall, self._cpu = time.perf_counter(), time.thread_time()
        return self

    def __exit__(self, *_) -> None:
        self.wall.append((time.perf_counter() - self._wall) * 1000)
        self.cpu.append((time.thread_time() - self._cpu) * 1000)

    def figures(self) -> tuple[float, float, float]:
        """(wall p50, wall p95, CPU p95)."""
        return (*percentiles(self.wall), percentiles(self.cpu)[1])


def time_call(function, runs: int) -> tuple[float, float, float]:
    timer = Timer()
    for _ in range(runs):
        with timer:
            function()
    return timer.figures()


def rank_figures(app, runs: int) -> dict[str, tuple[float, float, float]]:
    """GET /leaderboard through the app's whole request stack (Flask's test client: token
    check, the caller's row, the two board statements, JSON), in this thread."""
    with app.app_context(), database.connection_context():
        tokens = {where: issue_token(caller) for where, caller in callers(0).items()}
    client = app.test_client()
    figures = {}
    for where, token in tokens.items():
        headers = {"Authorization": f"Bearer {token}"}
        for scope in ("company", "team"):
            for period in ("week", "all"):
                path = f"/api/v1/leaderboard?scope={scope}&period={period}"

                def call(path=path, headers=headers) -> None:
                    answer = client.get(path, headers=headers)
                    assert answer.status_code == 200, answer.get_data(as_text=True)

                call()  # the statements rendered and the pages cached: measure the steady state
                figures[f"{scope}, {period}, caller at the {where}"] = time_call(call, runs)
    return figures


def log_share_figures(app, runs: int) -> dict[str, tuple[float, float]]:
    book = app.extensions["firsthand.rulebook"]
    people = list(User.select().order_by(User.id).limit(runs))
    tag = uuid.uuid4().hex[:10]
    timer = Timer()
    for n, user in enumerate(people):
        request = ShareRequest(url=f"https://example.com/bench/{tag}/{n}", network="other")
        with timer:
            log_share(user, request, book, NOW, analyzer=None)
    return {"log one share": timer.figures()}


# ---------------------------------------------------------------- 4. paging and deleting


PAGED = "paged@bench.example"


def paging_database(backend: str, items: int, pg_base: str | None) -> str:
    """The URL of a fresh copy of a database where one person has `items` shares and `items`
    kudos received, over many weeks. The original is built once (through the real write
    paths, so it takes minutes at 10,000) and kept; each run measures on a copy, since it
    deletes shares."""
    instance = str(BENCH_DIR / "instance")
    BENCH_DIR.mkdir(exist_ok=True)
    for attempt in ("cached", "fresh"):
        url = kept_database_url(
            backend,
            f"paging-{items}",
            f"firsthand_bench_paging_{items}",
            pg_base,
            fresh=attempt == "fresh",
        )
        app = app_for(url, instance)
        with app.app_context(), database.connection_context():
            database.execute_sql(
                "CREATE TABLE IF NOT EXISTS bench_seed "
                "(version INTEGER, employees INTEGER, week TEXT)"
            )
            done = database.execute_sql("SELECT 1 FROM bench_seed WHERE week = 'paging'")
            if done.fetchone():
                break
            if attempt == "fresh":
                started = time.perf_counter()
                print(
                    f"  building {items:,} shares and kudos on {backend} (once)...", file=sys.stderr
                )
                build_paging(app, items)
                print(f"  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        close_pool()
    close_pool()
    if backend == "sqlite":
        for leftover in BENCH_DIR.glob("paging-copy.db*"):
            leftover.unlink()
        for part in BENCH_DIR.glob(f"paging-{items}.db*"):
            shutil.copy(part, BENCH_DIR / part.name.replace(f"paging-{items}", "paging-copy"))
        return f"sqlite:///{BENCH_DIR / 'paging-copy.db'}"
    import psycopg

    with psycopg.connect(pg_base, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "firsthand_bench_paging_copy" WITH (FORCE)')
        kept = f"firsthand_bench_paging_{items}"
        conn.execute(f'CREATE DATABASE "firsthand_bench_paging_copy" TEMPLATE "{kept}"')
    return urlsplit(pg_base)._replace(path="/firsthand_bench_paging_copy").geturl()


def drop_paging_copy(backend: str, pg_base: str | None) -> None:
    """Remove the copy a run measured on (the kept original stays)."""
    if backend == "sqlite":
        for part in BENCH_DIR.glob("paging-copy.db*"):
            part.unlink()
        return
    import psycopg

    with psycopg.connect(pg_base, autocommit=True) as conn:
        conn.execute('DROP DATABASE IF EXISTS "firsthand_bench_paging_copy" WITH (FORCE)')


def build_paging(app, items: int) -> None:
    book = app.extensions["firsthand.rulebook"]
    for team in ("Team 0", "Team 1"):
        Team.get_or_create(name=team, defaults={"created_at": NOW})
    giver = create_user("giver@bench.example", "Giver", NOW - timedelta(days=400), "Team 1")
    person = create_user(PAGED, "Paged", NOW - timedelta(days=400), "Team 0")  # last: the mark
    # A commit every 100: one transaction of 20,000 updates of the same counters' row makes
    # PostgreSQL walk ever longer chains of that row's versions (quadratic).
    for batch in range(0, items, 100):
        with database.atomic():
            for n in range(batch, min(batch + 100, items)):
                moment = NOW - timedelta(hours=items - n)  # over many weeks
                request = ShareRequest(url=f"https://example.com/paged/{n}", network="other")
                log_share(person, request, book, moment, analyzer=None)
                give_kudos(giver, person.id, f"thanks {n}", None, book, moment)
    database.execute_sql("ANALYZE")  # as autovacuum would by now: plans from real statistics
    database.execute_sql("INSERT INTO bench_seed VALUES (2, 0, 'paging')")


def paging_figures(runs: int) -> dict[str, tuple[float, float, float]]:
    """The person's first page, the page after the middle (by cursor), and deleting a
    share."""
    person = User.get(User.email == PAGED)
    items = shares_of(person, 1, 0)[1]
    middle_shares = shares_of(person, max(items // 2, 1), 0)[2]
    middle_kudos = kudos_received(person, max(items // 2, 1), 0)[2]
    figures = {
        "GET /shares, first page": time_call(lambda: shares_of(person, 20, 0), runs),
        "GET /shares, page after the middle (cursor)": time_call(
            lambda: shares_of(person, 20, 0, middle_shares), runs
        ),
        "GET /me/kudos, first page": time_call(lambda: kudos_received(person, 20, 0), runs),
        "GET /me/kudos, page after the middle (cursor)": time_call(
            lambda: kudos_received(person, 20, 0, middle_kudos), runs
        ),
    }
    live = [s.id for s in shares_of(person, min(runs, items), 0)[0]]
    timer = Timer()
    for share_id in live:
        with timer:
            delete_share(person, share_id, NOW)
    figures["DELETE /shares/<id>"] = timer.figures()
    return figures


# ---------------------------------------------------------------- tables


def print_scaling(title: str, by_size: dict[int, dict[str, tuple[float, float, float]]]) -> None:
    """Wall p50 and p95 and CPU p95 per size, and the ratios of the largest to the smallest."""
    sizes = sorted(by_size)
    print(f"\n{title}\n")
    head = " | ".join(f"{s:,}: p50 | p95 | CPU p95" for s in sizes)
    print(f"| figure | {head} | ratio, largest / smallest: p95 | CPU p95 |")
    print("| --- |" + " --- | --- | --- |" * len(sizes) + " --- | --- |")
    for name in by_size[sizes[0]]:
        cells = " | ".join(" | ".join(f"{v:.2f}" for v in by_size[s][name]) for s in sizes)
        small, large = by_size[sizes[0]][name], by_size[sizes[-1]][name]
        print(f"| {name} | {cells} | {large[1] / small[1]:.2f} | {large[2] / small[2]:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", default="10000,100000,1000000")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("FIRSTHAND_BENCH_POSTGRES"),
        help="a PostgreSQL server URL (e.g. postgresql://postgres@127.0.0.1:5432/"
        "postgres): also measure it; benchmark databases are created there",
    )
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each load run")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    parser.add_argument("--runs", type=int, default=200, help="timed calls per figure")
    parser.add_argument("--paging", default="10,10000", help="shares and kudos of one person")
    parser.add_argument(
        "--seed-only", action="store_true", help="build the seeded companies, measure nothing"
    )
    parser.add_argument("--skip", default="", help="sections to skip, comma-separated")
    parser.add_argument(
        "--linkedin",
        action="store_true",
        help="throughput: log LinkedIn post links (dated ids) rather than example.com ones",
    )
    parser.add_argument(
        "--backends", default="sqlite,postgresql", help="in-process sections: which databases"
    )
    args = parser.parse_args()
    skip = set(args.skip.split(","))
    sizes = [int(x) for x in args.employees.split(",")]
    backends = [
        b
        for b in args.backends.split(",")
        if b == "sqlite" or (b == "postgresql" and args.postgres)
    ]
    print(f"Started {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, {load_note()}")

    if args.seed_only:
        for backend in backends:
            for size in sizes:
                seeded(backend, size, args.postgres)
                close_pool()
            if "paging" not in skip:
                for items in (int(x) for x in args.paging.split(",")):
                    paging_database(backend, items, args.postgres)
        return

    if "throughput" not in skip:
        with tempfile.TemporaryDirectory() as folder:
            sqlite_url = f"sqlite:///{folder}/load.db"
            rows = []
            for workers in (2, 4):
                rates = throughput(
                    sqlite_url, workers, args.seconds, args.connections, args.linkedin
                )
                rows.append((f"SQLite, {workers} workers", rates))
            if args.postgres:
                pg = pg_database_url(args.postgres, "firsthand_bench_load")
                rows.append(
                    (
                        "PostgreSQL, 4 workers",
                        throughput(pg, 4, args.seconds, args.connections, args.linkedin),
                    )
                )
        print(
            f"\n## Throughput: gunicorn gthread × 4 threads, wrk -t1 -c{args.connections}, "
            f"{args.seconds:g} s each, on the same cores ({load_note()})\n"
        )
        print_throughput(rows)
        for label, results in rows:
            ratio = results["POST /shares"]["rate"] / results["GET /health"]["rate"]
            print(f"\n**{label}: log-share / bare JSON = {ratio:.2f}**")

    for backend in backends:
        rank, logging_ = {}, {}
        for size in sizes:
            if {"rank", "log"} <= skip:
                break
            app = seeded(backend, size, args.postgres)
            if "rank" not in skip:
                rank[size] = rank_figures(app, args.runs)
            if "log" not in skip:
                with app.app_context(), database.connection_context():
                    logging_[size] = log_share_figures(app, args.runs)
            close_pool()
        if rank:
            print_scaling(
                f"## {backend}: leaderboard, top 10 plus the caller's own rank, by employees: ms "
                f"({load_note()})",
                rank,
            )
        if logging_:
            print_scaling(
                f"## {backend}: logging one share (in-process), by employees: ms", logging_
            )
        if "paging" not in skip:
            paging = {}
            for items in (int(x) for x in args.paging.split(",")):
                app = app_for(
                    paging_database(backend, items, args.postgres), str(BENCH_DIR / "instance")
                )
                with app.app_context(), database.connection_context():
                    paging[items] = paging_figures(min(args.runs, items))
                close_pool()
                drop_paging_copy(backend, args.postgres)
            print_scaling(
                f"## {backend}: one person's shares and kudos, by how many they have: ms "
                f"({load_note()})",
                paging,
            )


if __name__ == "__main__":
    main()
