#!/usr/bin/env python3
"""Score the suggestion engine's topic and voice on labelled drafts.

For each corpus: topic accuracy with "unclear" counted as a miss, coverage (how often the engine
commits to a topic), accuracy when it commits, top-1 accuracy ignoring the threshold, voice
accuracy (and on hard cases), language detection, per-language and per-topic figures and the
topic confusion matrix.

    .venv/bin/python scripts/eval_suggestions.py           # ../shared/corpus/posts_dev.jsonl
    .venv/bin/python scripts/eval_suggestions.py --corpus tests/data/fresh_drafts.jsonl --errors
    .venv/bin/python scripts/eval_suggestions.py --report  # the corpus's test part
    .venv/bin/python scripts/eval_suggestions.py --none tests/data/topic_corpus/none/blind/v4.jsonl

--none FILE: drafts with no topic (topic "none"): how often the engine commits to a topic on
them anyway, per language, and to which topics (it should answer "unclear").

--report scores the test part of tests/data/topic_corpus (split.json): it is there to report
the figures in the README, never to tune against. Training and tuning read only the rest.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from topic_corpus import TOPICS, read_jsonl, test_part  # noqa: E402

from firsthand.analysis import Analyzer  # noqa: E402
from firsthand.analysis.topic import UNCLEAR  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "posts_dev.jsonl"
SHORT = {t: t.split("_")[0][:8] for t in TOPICS} | {
    "work_anniversary_or_promotion": "anniv",
    "company_news": "company",
    "customer_story": "customer",
    "industry_insight": "insight",
    UNCLEAR: "unclear",
}


def ratio(hits: int, total: int) -> str:
    return f"{hits / total:.3f}" if total else "  -  "


def topic_line(rows: list[dict]) -> dict:
    n = len(rows)
    committed = [r for r in rows if r["pred_topic"] != UNCLEAR]
    return {
        "n": n,
        "acc": ratio(sum(r["topic"] == r["pred_topic"] for r in rows), n),
        "coverage": ratio(len(committed), n),
        "acc_committed": ratio(
            sum(r["topic"] == r["pred_topic"] for r in committed), len(committed)
        ),
        "top1": ratio(sum(r["topic"] == r["top1"] for r in rows), n),
        "voice": ratio(sum(r["voice"] == r["pred_voice"] for r in rows), n),
    }


def report(name: str, rows: list[dict]) -> list[str]:
    if not rows:
        return [f"## {name}: no drafts"]
    t = topic_line(rows)
    hard = [r for r in rows if r.get("hard_case")]
    lines = [
        f"## {name} ({len(rows)} drafts)",
        f"topic accuracy (unclear = miss)  {t['acc']}",
        f"coverage (commits to a topic)    {t['coverage']}",
        f"accuracy when it commits         {t['acc_committed']}",
        f"top-1 accuracy, no abstaining    {t['top1']}",
        f"voice accuracy                   {t['voice']}",
        f"  on hard cases                  "
        f"{ratio(sum(r['voice'] == r['pred_voice'] for r in hard), len(hard))} ({len(hard)})",
        f"language detection               "
        f"{ratio(sum(r['lang'] == r['pred_lang'] for r in rows), len(rows))}",
        "",
        "| language | drafts | topic (unclear = miss) | coverage | when committing | voice |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for lang in sorted({r["lang"] for r in rows}):
        f = topic_line([r for r in rows if r["lang"] == lang])
        lines.append(
            f"| {lang} | {f['n']} | {f['acc']} | {f['coverage']} | {f['acc_committed']} "
            f"| {f['voice']} |"
        )
    lines += ["", "| topic | drafts | recall (unclear = miss) | unclear | precision, committed |"]
    lines.append("| --- | --- | --- | --- | --- |")
    for topic in TOPICS:
        actual = [r for r in rows if r["topic"] == topic]
        said = [r for r in rows if r["pred_topic"] == topic]
        lines.append(
            f"| {topic} | {len(actual)} | "
            f"{ratio(sum(r['pred_topic'] == topic for r in actual), len(actual))} | "
            f"{ratio(sum(r['pred_topic'] == UNCLEAR for r in actual), len(actual))} | "
            f"{ratio(sum(r['topic'] == topic for r in said), len(said))} |"
        )
    columns = TOPICS + [UNCLEAR]
    confusion = Counter((r["topic"], r["pred_topic"]) for r in rows)
    lines += ["", "| true \\ predicted | " + " | ".join(SHORT[c] for c in columns) + " |"]
    lines.append("| --- " * (len(columns) + 1) + "|")
    for topic in TOPICS:
        cells = " | ".join(str(confusion[(topic, c)] or ".") for c in columns)
        lines.append(f"| {SHORT[topic]} | {cells} |")
    voice = Counter((r["voice"], r["pred_voice"]) for r in rows)
    lines += ["", "| voice: true \\ predicted | personal | corporate |", "| --- | --- | --- |"]
    for label in ("personal", "corporate"):
        lines.append(f"| {label} | {voice[(label, 'personal')]} | {voice[(label, 'corporate')]} |")
    return lines


def none_report(name: str, rows: list[dict]) -> list[str]:
    """How often topic-less drafts get a topic anyway (a wrong topic is worse than none)."""
    committed = [r for r in rows if r["pred_topic"] != UNCLEAR]
    lines = [
        f"## {name} ({len(rows)} drafts with no topic)",
        f"commits to a topic anyway        {ratio(len(committed), len(rows))} "
        f"({len(committed)} of {len(rows)})",
        "",
        "| language | drafts | commits |",
        "| --- | --- | --- |",
    ]
    for lang in sorted({r["lang"] for r in rows}):
        mine = [r for r in rows if r["lang"] == lang]
        hits = sum(r["pred_topic"] != UNCLEAR for r in mine)
        lines.append(f"| {lang} | {len(mine)} | {ratio(hits, len(mine))} ({hits}) |")
    fell = Counter(r["pred_topic"] for r in committed)
    lines += ["", "fell to: " + (", ".join(f"{t} {n}" for t, n in fell.most_common()) or "-")]
    return lines


def score(analyzer: Analyzer, rows: list[dict]) -> list[dict]:
    for row in rows:
        result = analyzer.analyze(row["text"])
        row.update(
            pred_voice=result["voice"]["label"],
            pred_topic=result["topic"]["id"],
            top1=result["topic"]["candidates"][0]["id"],
            pred_lang=result["lang"],
            result=result,
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="a JSON Lines corpus")
    parser.add_argument("--report", action="store_true", help="score the test part (report only)")
    parser.add_argument("--errors", action="store_true", help="list every misjudged draft")
    parser.add_argument(
        "--none", type=Path, action="append", default=[], help="drafts with no topic (JSON Lines)"
    )
    args = parser.parse_args()
    analyzer = Analyzer.load(REPO / "server" / "firsthand" / "data")
    corpora = []
    if args.report:
        corpora.append(("test part of tests/data/topic_corpus", test_part()))
    for path in args.none:
        if not path.exists():
            sys.exit(f"corpus not found: {path}")
        rows = score(analyzer, read_jsonl(path))
        print("\n".join(none_report(str(path), rows)) + "\n")
        if args.errors:
            for r in rows:
                if r["pred_topic"] != UNCLEAR:
                    top = r["result"]["topic"]
                    said = f"{top['id']} ({top['confidence']})"
                    print(f"- {r['id']} [{r['lang']}] {said} {r['text'][:90]!r}")
            print()
    for path in args.corpus or ([] if args.report or args.none else [DEFAULT_CORPUS]):
        if not path.exists():
            sys.exit(f"corpus not found: {path}")
        corpora.append((str(path), read_jsonl(path)))
    for name, rows in corpora:
        print("\n".join(report(name, score(analyzer, rows))) + "\n")
        by_writer = Counter(r.get("writer") for r in rows)
        if len(by_writer) > 1:
            for writer in sorted(by_writer):
                f = topic_line([r for r in rows if r.get("writer") == writer])
                print(
                    f"writer {writer}: topic {f['acc']} (commits {f['coverage']}, "
                    f"{f['acc_committed']} when committing), voice {f['voice']}"
                )
            print()
        if args.errors:
            print("## misjudged")
            for r in rows:
                if r["voice"] != r["pred_voice"] or r["topic"] != r["pred_topic"]:
                    sig = ", ".join(s["id"] for s in r["result"]["voice"]["signals"])
                    print(
                        f"- {r['id']} [{r['lang']}] voice {r['voice']}→{r['pred_voice']} "
                        f"({r['result']['voice']['personal_score']}) topic {r['topic']}→"
                        f"{r['pred_topic']} ({r['result']['topic']['confidence']}) | {sig} | "
                        f"{r['text'][:90]!r}"
                    )
            print()


if __name__ == "__main__":
    main()
