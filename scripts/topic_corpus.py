"""The labelled drafts the topic model learns from and is judged on, and its one split.

`train_dev` (and `none_drafts`, the drafts with no topic) is all the training and tuning code
may read. `test_part` is read by one caller only: scripts/eval_suggestions.py --report.
"""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "data" / "topic_corpus"
# Drafts with no topic at all ("Thoughts?", "Happy Monday!"): the model's class "none".
# none/blind/ is report-only, read by nothing here.
NONE_CORPUS = CORPUS / "none"
NONE = "none"
FRESH = [REPO / "tests" / "data" / name for name in ("fresh_drafts.jsonl", "fresh_drafts_2.jsonl")]
TOPICS = [
    "product_launch",
    "company_news",
    "hiring",
    "event",
    "award",
    "work_anniversary_or_promotion",
    "life_event",
    "industry_insight",
    "team_culture",
    "customer_story",
]


def read_jsonl(path: Path, writer: str | None = None) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    for row in rows:
        row.setdefault("writer", writer or path.stem)
    return rows


def _corpus() -> list[dict]:
    # w*.jsonl only: blind/ (w10) is report-only, read by nothing here.
    return [row for path in sorted(CORPUS.glob("w*.jsonl")) for row in read_jsonl(path)]


def _test_ids() -> set[str]:
    return set(json.loads((CORPUS / "split.json").read_text())["test"])


def train_dev() -> list[dict]:
    """The corpus without its test part, plus the 100 older fresh drafts (writer "fresh")."""
    test = _test_ids()
    rows = [row for row in _corpus() if row["id"] not in test]
    return rows + [row for path in FRESH for row in read_jsonl(path, "fresh")]


def test_part() -> list[dict]:
    """The 200 drafts set aside once: for reporting only, never for training or tuning."""
    test = _test_ids()
    return [row for row in _corpus() if row["id"] in test]


def none_drafts() -> list[dict]:
    """The topic-less drafts of none/*.jsonl (topic "none"; none/blind/ is not read)."""
    return [row for path in sorted(NONE_CORPUS.glob("*.jsonl")) for row in read_jsonl(path)]
