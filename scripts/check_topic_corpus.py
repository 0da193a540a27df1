#!/usr/bin/env python3
"""Check the labelled drafts before they are trained on: keys, labels, ids, near-duplicates.

Every `tests/data/topic_corpus/w*.jsonl` line (or the files given) must have exactly the keys
id, text, voice, topic, lang, hard_case, writer; known labels; the writer its file is named
after; an id no other draft has. No two drafts (across the corpus, the older fresh drafts and
../shared/corpus/posts_dev.jsonl) may share half or more of their word triples: a near-copy in
train/dev of a test draft or of the dev set would inflate every figure. split.json must name
only drafts the corpus has, and the test part never changes size.

The topic-less drafts of none/ and none/blind/ (or the files given with --none) must have
exactly the keys id, text, voice, topic, lang, writer, with topic "none"; they take part in the
id and near-copy checks like any other draft.

    .venv/bin/python scripts/check_topic_corpus.py [NEW.jsonl ...] [--none NEW.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from topic_corpus import CORPUS, FRESH, NONE, NONE_CORPUS, REPO, TOPICS, read_jsonl  # noqa: E402

KEYS = {"id", "text", "voice", "topic", "lang", "hard_case", "writer"}
NONE_KEYS = KEYS - {"hard_case"}
VOICES = {"personal", "corporate"}
LANGS = {"en", "fr", "de", "es", "nl", "pt"}
TEST_SIZE = 200
NEAR = 0.5  # share of the shorter draft's word triples found in the other
DEV = REPO.parent / "shared" / "corpus" / "posts_dev.jsonl"
WORD = re.compile(r"\w+")


def triples(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def line_problems(path: Path, none: bool = False) -> tuple[list[dict], list[str]]:
    """Lines of a topical file, or (none) of a file of topic-less drafts."""
    keys, topics = (NONE_KEYS, {NONE}) if none else (KEYS, set(TOPICS))
    rows, problems = [], []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not JSON ({error})")
            continue
        if set(row) != keys:
            problems.append(f"{where}: keys {sorted(row)} (want {sorted(keys)})")
            continue
        if not isinstance(row["text"], str) or not row["text"].strip():
            problems.append(f"{where}: empty text")
        if row["voice"] not in VOICES or row["topic"] not in topics or row["lang"] not in LANGS:
            problems.append(f"{where}: label {row['voice']}/{row['topic']}/{row['lang']}")
        if row.get("hard_case") is not None and not isinstance(row["hard_case"], str):
            problems.append(f"{where}: hard_case must be null or a kind")
        if row["writer"] != path.stem:
            problems.append(f"{where}: writer {row['writer']!r} in {path.name}")
        rows.append(row)
    return rows, problems


def near_duplicates(rows: list[dict]) -> list[str]:
    """Pairs of drafts sharing at least NEAR of the shorter one's word triples."""
    shingles = [triples(r["text"]) for r in rows]
    index: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(shingles):
        for triple in found:
            index[triple].append(i)
    problems = []
    for i, found in enumerate(shingles):
        shared: dict[int, int] = defaultdict(int)
        for triple in found:
            for j in index[triple]:
                if j > i:
                    shared[j] += 1
        for j, n in shared.items():
            if n >= NEAR * max(1, min(len(found), len(shingles[j]))):
                problems.append(f"near-duplicates: {rows[i]['id']} and {rows[j]['id']}")
    return problems


def check(extra: list[Path], extra_none: list[Path] | None = None) -> list[str]:
    problems = []
    corpus = []
    for path in sorted(CORPUS.glob("w*.jsonl")) + extra:
        rows, found = line_problems(path)
        corpus += rows
        problems += found
    topicless = sorted(NONE_CORPUS.glob("*.jsonl")) + sorted(NONE_CORPUS.glob("blind/*.jsonl"))
    topical = {row["id"] for row in corpus}  # the test part can only name these
    for path in topicless + (extra_none or []):
        rows, found = line_problems(path, none=True)
        corpus += rows
        problems += found
    others = [row for path in FRESH for row in read_jsonl(path, "fresh")]
    if DEV.exists():
        others += read_jsonl(DEV, "dev")
    seen: set[str] = set()
    for row in corpus + others:
        if row["id"] in seen:
            problems.append(f"id {row['id']} is used twice")
        seen.add(row["id"])
    problems += near_duplicates(corpus + others)
    test = set(json.loads((CORPUS / "split.json").read_text())["test"])
    if test - topical:
        missing = sorted(test - topical)[:5]
        problems.append(f"split.json names drafts the topical corpus lacks: {missing}")
    if len(test) != TEST_SIZE:
        problems.append(f"the test part has {len(test)} drafts, not {TEST_SIZE}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="new files to check with the corpus")
    parser.add_argument(
        "--none", nargs="+", type=Path, default=[], help="new files of topic-less drafts"
    )
    args = parser.parse_args()
    problems = check(args.files, args.none)
    print("\n".join(problems) or "the corpus is sound")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
