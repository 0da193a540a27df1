#!/usr/bin/env python3
"""Score the suggestion engine on the labelled drafts in ../shared/corpus/posts_dev.jsonl.

Prints voice accuracy, per-class precision/recall, accuracy on the hard cases, topic accuracy
and a confusion table, for the whole set and for its two halves: "tune" (the drafts rules were
developed against) and "aside" (kept out of development, a stand-in for the held-out set).
The split is a stable hash of each draft's id.

    .venv/bin/python scripts/eval_suggestions.py [--corpus PATH] [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))

from firsthand.analysis import Analyzer  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "posts_dev.jsonl"


def split_of(item_id: str) -> str:
    return "aside" if hashlib.sha256(item_id.encode()).digest()[0] % 10 < 3 else "tune"


def report(name: str, rows: list[dict]) -> list[str]:
    if not rows:
        return [f"{name}: no drafts"]
    lines = [f"## {name} ({len(rows)} drafts)"]
    voice_ok = sum(r["voice"] == r["pred_voice"] for r in rows)
    topic_ok = sum(r["topic"] == r["pred_topic"] for r in rows)
    hard = [r for r in rows if r.get("hard_case")]
    hard_ok = sum(r["voice"] == r["pred_voice"] for r in hard)
    lines.append(f"voice accuracy      {voice_ok / len(rows):.3f}  ({voice_ok}/{len(rows)})")
    if hard:
        lines.append(f"  on hard cases     {hard_ok / len(hard):.3f}  ({hard_ok}/{len(hard)})")
    lines.append(f"topic accuracy      {topic_ok / len(rows):.3f}  ({topic_ok}/{len(rows)})")
    lines.append("")
    lines.append("| class | precision | recall | support |")
    lines.append("| --- | --- | --- | --- |")
    for label in ("personal", "corporate"):
        predicted = [r for r in rows if r["pred_voice"] == label]
        actual = [r for r in rows if r["voice"] == label]
        hits = sum(r["voice"] == label for r in predicted)
        precision = hits / len(predicted) if predicted else 0.0
        recall = hits / len(actual) if actual else 0.0
        lines.append(f"| {label} | {precision:.3f} | {recall:.3f} | {len(actual)} |")
    lines.append("")
    lines.append("| true \\ predicted | personal | corporate |")
    lines.append("| --- | --- | --- |")
    confusion = Counter((r["voice"], r["pred_voice"]) for r in rows)
    for label in ("personal", "corporate"):
        lines.append(
            f"| {label} | {confusion[(label, 'personal')]} | {confusion[(label, 'corporate')]} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every misjudged draft")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    analyzer = Analyzer.load(REPO / "server" / "firsthand" / "data")
    rows = [json.loads(line) for line in args.corpus.read_text().splitlines() if line.strip()]
    for row in rows:
        result = analyzer.analyze(row["text"])
        row.update(
            pred_voice=result["voice"]["label"],
            pred_topic=result["topic"]["id"],
            pred_lang=result["lang"],
            split=split_of(row["id"]),
            result=result,
        )
    lines = report("all", rows)
    for split in ("tune", "aside"):
        lines += [""] + report(split, [r for r in rows if r["split"] == split])
    lang_ok = sum(r["lang"] == r["pred_lang"] for r in rows)
    lines += ["", f"language detection  {lang_ok / len(rows):.3f}  ({lang_ok}/{len(rows)})"]
    print("\n".join(lines))
    if args.errors:
        print("\n## misjudged")
        for r in rows:
            if r["voice"] != r["pred_voice"] or r["topic"] != r["pred_topic"]:
                sig = ", ".join(s["id"] for s in r["result"]["voice"]["signals"])
                print(
                    f"- {r['id']} [{r['split']}] voice {r['voice']}→{r['pred_voice']} "
                    f"({r['result']['voice']['personal_score']}) topic {r['topic']}→"
                    f"{r['pred_topic']} | {sig} | {r['text'][:90]!r}"
                )


if __name__ == "__main__":
    main()
