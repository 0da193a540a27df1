#!/usr/bin/env python3
"""Split the labelled topic corpus once: a seeded, stratified test part used only to report.

Within each writer and language, a quarter of the drafts go to the test part, spread evenly
over the ten topics (stratified by language × topic; where a topic's quarter is not a whole
number, a seeded draw decides which topics give one more). The ids are written to
tests/data/topic_corpus/split.json, which is committed: the split is made once and never
redrawn, so no tuning can drift towards the test part. Run again, it only checks the file.

    .venv/bin/python scripts/split_topic_corpus.py [--write]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "topic_corpus"
SPLIT = CORPUS / "split.json"
SEED = 16
TEST_SHARE = 0.25


def read_corpus() -> list[dict]:
    rows = []
    for path in sorted(CORPUS.glob("w*.jsonl")):
        rows += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
    return rows


def draw(rows: list[dict]) -> list[str]:
    """Test ids: per writer and language, a quarter of each topic, remainders by a seeded draw."""
    rng = random.Random(SEED)
    groups: dict[tuple, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        groups[(row["writer"], row["lang"])][row["topic"]].append(row["id"])
    test = []
    for key in sorted(groups):
        by_topic = groups[key]
        total = round(TEST_SHARE * sum(len(ids) for ids in by_topic.values()))
        quota = {topic: int(TEST_SHARE * len(ids)) for topic, ids in by_topic.items()}
        extra = sorted(by_topic)
        rng.shuffle(extra)
        for topic in extra[: total - sum(quota.values())]:
            quota[topic] += 1
        for topic in sorted(by_topic):
            ids = sorted(by_topic[topic])
            rng.shuffle(ids)
            test += ids[: quota[topic]]
    return sorted(test)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write split.json (once only)")
    args = parser.parse_args()
    rows = read_corpus()
    test = draw(rows)
    if args.write:
        if SPLIT.exists():
            sys.exit(f"{SPLIT} exists: the split is made once. Delete it only to start over.")
        note = (
            "Drafts whose id is listed here are the test part: used only to report "
            "(scripts/eval_suggestions.py --report), never to train or tune."
        )
        SPLIT.write_text(json.dumps({"$comment": note, "seed": SEED, "test": test}, indent=1))
    elif not SPLIT.exists():
        sys.exit(f"{SPLIT} is missing: run with --write once.")
    committed = set(json.loads(SPLIT.read_text())["test"])
    ids = {row["id"] for row in rows}
    print(f"{len(rows)} drafts, {len(committed & ids)} in the test part")
    if committed - ids:
        sys.exit(f"split.json names drafts the corpus no longer has: {sorted(committed - ids)}")


if __name__ == "__main__":
    main()
