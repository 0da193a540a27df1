"""Accuracy floors on labelled drafts: a regression net for edits to the phrase lists."""

import json
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "server" / "firsthand" / "data"
CORPORA = {
    "fresh": HERE / "data" / "fresh_drafts.jsonl",
    "fresh_2": HERE / "data" / "fresh_drafts_2.jsonl",
    "dev": HERE.parent.parent / "shared" / "corpus" / "posts_dev.jsonl",
}


def score(path: Path) -> dict:
    analyzer = Analyzer.load(DATA)
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    results = [(row, analyzer.analyze(row["text"])) for row in rows]
    hard = [(r, a) for r, a in results if r.get("hard_case")]
    return {
        "voice": sum(r["voice"] == a["voice"]["label"] for r, a in results) / len(rows),
        "hard": sum(r["voice"] == a["voice"]["label"] for r, a in hard) / len(hard),
        "topic": sum(r["topic"] == a["topic"]["id"] for r, a in results) / len(rows),
        "lang": sum(r["lang"] == a["lang"] for r, a in results) / len(rows),
        "angles": all(3 <= len(a["angles"]) <= 5 for _, a in results),
    }


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_accuracy_floors(corpus):
    path = CORPORA[corpus]
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    figures = score(path)
    assert figures["voice"] >= 0.95, figures
    assert figures["hard"] >= 0.90, figures
    assert figures["topic"] >= 0.80, figures
    assert figures["lang"] >= 0.95, figures
    assert figures["angles"], figures
