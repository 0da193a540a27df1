#!/usr/bin/env python3
"""Logging a share as a company's stories pile up: POST /shares (in process, the WSGI app
called directly, rate limits off) with 0, 1,000 and 10,000 published stories that have links,
on SQLite and (with --postgres) PostgreSQL. Every share with a link asks which story it
tells; this shows whether that costs more as the stories grow. p50 and p95 in ms, and the
ratio of the largest count's p50 to the smallest's.

    ./scripts/bench share_stories [--stories 0,1000,10000] [--runs 300] [--postgres URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_server import NOW, app_for, load_note, pg_database_url  # noqa: E402
from benchkit import percentiles  # noqa: E402

from firsthand.accounts import create_user  # noqa: E402
from firsthand.auth import issue_token  # noqa: E402
from firsthand.db import close_pool, database, insert_rows  # noqa: E402
from firsthand.stories_models import Story, story_link_key  # noqa: E402


def add_stories(upto: int) -> None:
    """Published, standing stories with links, up to `upto` in all (set-based, one commit)."""
    have = Story.select().count()
    rows = [
        {
            "title": f"Story {n}",
            "context": "What happened.",
            "link": f"https://news.example.com/2026/story-{n}",
            "link_key": story_link_key(f"https://news.example.com/2026/story-{n}"),
            "everyone": True,
            "starts_at": NOW,
            "questions": "[]",
            "published_at": NOW,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for n in range(have, upto)
    ]
    with database.atomic():
        insert_rows(Story, rows)


def figures(url: str, counts: list[int], runs: int) -> dict[int, tuple[float, float]]:
    app = app_for(url, tempfile.mkdtemp())
    client = app.test_client()
    with app.app_context(), database.connection_context():
        token = issue_token(create_user(f"b{uuid.uuid4().hex[:10]}@bench.example", "B", NOW))
    headers = {"Authorization": f"Bearer {token}"}
    found = {}
    for count in counts:
        with app.app_context(), database.connection_context():
            add_stories(count)
        timings = []
        for _ in range(runs):
            body = {"url": f"https://example.com/p/{uuid.uuid4().hex}", "network": "other"}
            start = time.perf_counter()
            answer = client.post("/api/v1/shares", json=body, headers=headers)
            timings.append((time.perf_counter() - start) * 1000)
            assert answer.status_code == 201, answer.get_json()
        found[count] = percentiles(timings)
    close_pool()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", default="0,1000,10000")
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: also measure it")
    args = parser.parse_args()
    counts = [int(x) for x in args.stories.split(",")]
    print(f"## Logging a share, by published stories with links: ms ({load_note()})\n")
    heads = " | ".join(f"{c:,} p50 / p95" for c in counts)
    print(f"| back end | {heads} | largest / smallest |")
    print("| --- |" + " --- |" * (len(counts) + 1))
    with tempfile.TemporaryDirectory() as folder:
        urls = [("SQLite", f"sqlite:///{folder}/stories.db")]
        if args.postgres:
            pg = pg_database_url(args.postgres, "firsthand_bench_stories", fresh=True)
            urls.append(("PostgreSQL", pg))
        for label, url in urls:
            found = figures(url, counts, args.runs)
            cells = " | ".join(f"{found[c][0]:.2f} / {found[c][1]:.2f}" for c in counts)
            ratio = found[counts[-1]][0] / found[counts[0]][0]
            print(f"| {label} | {cells} | {ratio:.2f} |")


if __name__ == "__main__":
    main()
