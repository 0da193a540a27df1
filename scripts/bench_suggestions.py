#!/usr/bin/env python3
"""Latency of the draft analysis, in-process and through HTTP, for drafts of three lengths.

In-process: Analyzer.analyze alone (no database). HTTP: POST /api/v1/suggestions to a
gunicorn server on loopback with a fresh SQLite database holding --shares logged shares
(so the clone lookup has something to search), token auth and JSON included.

    ./scripts/bench suggestions [--runs 300] [--shares 2000] [--baseline DIR] [--cpu-time]
                                [--no-http]

--baseline DIR (another version, e.g. `git archive main | tar -x -C /tmp/base`) times its
analysis too, draft by draft in the same run, and prints the ratio: on a shared machine
whose speed swings, the ratio holds where absolute figures do not.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from benchkit import gunicorn, percentiles  # noqa: E402

from firsthand.analysis import Analyzer  # noqa: E402

SIZES = (200, 1000, 3000)
CORPORA = [
    REPO.parent / "shared" / "corpus" / "posts_dev.jsonl",
    REPO / "tests" / "data" / "fresh_drafts.jsonl",
]


def load_posts() -> list[str]:
    """Real labelled posts to build drafts from (keyword density matters for speed)."""
    posts = []
    for path in CORPORA:
        if path.exists():
            posts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return posts


POSTS = load_posts()
SENTENCES = [part.strip() for post in POSTS for part in post.split(". ") if len(part) > 30]


def draft(size: int, seed: int) -> str:
    """A draft of exactly `size` characters: posts, in a seeded random order, run together."""
    rng = random.Random(seed)
    text = ""
    while len(text) < size:
        text += rng.choice(POSTS) + "\n\n"
    return text[:size]


def load_baseline(checkout: Path):
    """Another version's Analyzer, imported under its own name beside this one."""
    package = checkout / "server" / "firsthand" / "analysis"
    spec = importlib.util.spec_from_file_location(
        "baseline_analysis", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["baseline_analysis"] = module
    spec.loader.exec_module(module)
    return module.Analyzer.load(checkout / "server" / "firsthand" / "data")


def bench_in_process(
    runs: int, baseline=None, cpu_time: bool = False
) -> dict[int, list[tuple[float, float]]]:
    """(p50, p95) per size for this version, then the baseline's, timed alternately.

    With cpu_time, each draft's time is the least CPU time of three analyses: on a machine
    other jobs load, wall-clock time mostly measures waiting for a core."""
    clock = time.process_time if cpu_time else time.perf_counter
    repeats = 3 if cpu_time else 1
    analyzers = [Analyzer.load(REPO / "server" / "firsthand" / "data")]
    analyzers += [baseline] if baseline else []
    results = {}
    for size in SIZES:
        texts = [draft(size, seed) for seed in range(runs)]
        for text in texts[:20]:
            for analyzer in analyzers:
                analyzer.analyze(text)  # warm caches
        timings = [[] for _ in analyzers]
        for text in texts:
            for analyzer, spent in zip(analyzers, timings, strict=True):
                best = float("inf")
                for _ in range(repeats):
                    start = clock()
                    analyzer.analyze(text)
                    best = min(best, clock() - start)
                spent.append(best * 1000)
        results[size] = [percentiles(spent) for spent in timings]
    return results


def seed_database(instance: str, shares: int) -> str:
    """Log `shares` colleagues' shares with text into a fresh database; return a token."""
    from firsthand import create_app
    from firsthand.accounts import create_user
    from firsthand.auth import issue_token
    from firsthand.clock import utc_now
    from firsthand.db import database, migrate
    from firsthand.sharing import ShareRequest, log_share

    os.environ["FIRSTHAND_INSTANCE_PATH"] = instance
    app = create_app()
    migrate(database.obj)
    rng = random.Random(1)
    with app.app_context(), database.connection_context():
        book = app.extensions["firsthand.rulebook"]
        me = create_user("bench@example.com", "Bench", utc_now())
        others = [create_user(f"c{i}@example.com", f"C{i}", utc_now()) for i in range(20)]
        for n in range(shares):
            # Mostly original posts that share some sentences, as real colleagues' do.
            text = " ".join(rng.sample(SENTENCES, 4)) + f" (post {n})"
            share = ShareRequest(url=f"https://example.com/p/{n}", network="other", text=text)
            log_share(others[n % 20], share, book, utc_now(), analyzer=None)
        token = issue_token(me)
    database.close()
    return token


def bench_http(runs: int, shares: int) -> dict:
    with tempfile.TemporaryDirectory() as instance:
        env = {
            **os.environ,
            "FIRSTHAND_INSTANCE_PATH": instance,
            "FIRSTHAND_RATELIMIT_SUGGESTIONS": "1000000/minute",
        }
        env.pop("FIRSTHAND_DATABASE_URL", None)
        token = seed_database(instance, shares)
        with gunicorn(env, workers=1, threads=2) as base:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            health = []
            for _ in range(runs):
                start = time.perf_counter()
                session.get(f"{base}/health", timeout=10)
                health.append((time.perf_counter() - start) * 1000)
            results = {"health": percentiles(health)}
            for size in SIZES:
                texts = [draft(size, seed) for seed in range(runs)]
                for text in texts[:20]:
                    session.post(f"{base}/suggestions", json={"text": text}, timeout=10)
                timings = []
                for text in texts:
                    start = time.perf_counter()
                    answer = session.post(f"{base}/suggestions", json={"text": text}, timeout=10)
                    timings.append((time.perf_counter() - start) * 1000)
                    assert answer.status_code == 200, answer.text
                results[size] = percentiles(timings)
            return results


def analysis_table(local: dict) -> list[str]:
    """The --no-http table: this version's p50 and p95 per size, and with a baseline its own
    and the ratio (without one, those columns printed "nan")."""
    baseline = all(len(local[size]) > 1 for size in SIZES)
    head = "| draft | in-process p50 | in-process p95 |"
    lines = [
        head + (" baseline p50 | baseline p95 | ratio |" if baseline else ""),
        "| --- | --- | --- |" + (" --- | --- | --- |" if baseline else ""),
    ]
    for size in SIZES:
        (lp50, lp95), *rest = local[size]
        row = f"| {size:,} chars | {lp50:.2f} | {lp95:.2f} |"
        if baseline:
            bp50, bp95 = rest[0]
            row += f" {bp50:.2f} | {bp95:.2f} | {lp50 / bp50:.2f} |"
        lines.append(row)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="drafts timed per size")
    parser.add_argument("--shares", type=int, default=2000, help="shares in the HTTP database")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare in-process")
    parser.add_argument(
        "--cpu-time", action="store_true", help="in-process: least CPU time of 3 runs per draft"
    )
    parser.add_argument("--no-http", action="store_true", help="time the analysis only")
    args = parser.parse_args()
    baseline = load_baseline(args.baseline.resolve()) if args.baseline else None
    local = bench_in_process(args.runs, baseline, args.cpu_time)
    if args.no_http:
        print("\n".join(analysis_table(local)))
        return
    http = bench_http(args.runs, args.shares)
    print(
        f"Suggestion latency, {args.runs} drafts per size, ms "
        f"(HTTP: gunicorn gthread on loopback, SQLite with {args.shares} logged shares)\n"
    )
    extra = " baseline p50 | baseline p95 | p50 ratio |" if baseline else ""
    print("| draft | in-process p50 | in-process p95 | HTTP p50 | HTTP p95 |" + extra)
    print("| --- | --- | --- | --- | --- |" + (" --- | --- | --- |" if baseline else ""))
    for size in SIZES:
        (lp50, lp95), (hp50, hp95) = local[size][0], http[size]
        row = f"| {size:,} chars | {lp50:.2f} | {lp95:.2f} | {hp50:.2f} | {hp95:.2f} |"
        if baseline:
            bp50, bp95 = local[size][1]
            row += f" {bp50:.2f} | {bp95:.2f} | {lp50 / bp50:.2f} |"
        print(row)
    hp50, hp95 = http["health"]
    tail = " | | |" if baseline else ""
    print(f"| GET /health (HTTP baseline) | | | {hp50:.2f} | {hp95:.2f} |{tail}")


if __name__ == "__main__":
    main()
