#!/usr/bin/env python3
"""Train the voice blend (server/.../suggestions/voice_weights.json) on the train/dev drafts.

Reads only `topic_corpus.train_dev()` (never the test part). For each draft: the voice rules'
score (voice_signals.json, voice_model.json), the wording lean and the shape cues of
firsthand.analysis.voice_blend, the same code the server runs. The wording lean of each writer's
drafts comes from a naive Bayes trained without that writer (as scripts/train_topic_model.py
trains it, on the same n-gram blocks): the server's lean is trained on every train/dev draft,
so in-sample leans would be too sure of themselves and the blend would lean on them too much.
Since the lean has a logistic regression in it (seventeenth version), the writers are dealt
into --lean-folds groups (10; 0: one per writer, an hour's run) and each group's leans come from
the drafts of the others.

A logistic regression (scikit-learn, training time only) weighs the cues: one weight per cue
(voice_blend.CUES, eighteen) for every language. It prints leave-one-writer-out voice
accuracy per language: the rules + the lean as before, and the blend (each writer scored by a
blend fitted without that writer), with the worst writer in each language.

    .venv/bin/python scripts/train_voice_weights.py [--C 1.0] [--pairs 2] [--lean-folds 10] \
        [--dry-run] [--extra FILE.jsonl ...] [--dump SCORES.jsonl]

--pairs: every product of two cues is weighed too (153 pairs of the eighteen cues), scaled by
this before the L2-penalised fit; 0 fits the cues alone.

--extra: more labelled drafts (same keys) scored after training, never trained on (fresh
writers: the best check that a change carries over).

--dump: each train/dev draft's leave-one-writer-out blend score (>= 0 is personal), to read
which drafts a writer the blend has not seen gets wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_topic_model as topic_training  # noqa: E402
from topic_corpus import read_jsonl, train_dev  # noqa: E402

from firsthand.analysis import Analyzer  # noqa: E402
from firsthand.analysis.text import prepare  # noqa: E402
from firsthand.analysis.topic import features, load_lexicon  # noqa: E402
from firsthand.analysis.voice_blend import CUES  # noqa: E402

DATA = REPO / "server" / "firsthand" / "data" / "suggestions"
LANGS = ("de", "en", "es", "fr", "nl", "pt")


def lean_groups(writers: np.ndarray, n: int, folds: int) -> np.ndarray:
    """Each draft's group for the wording lean: its writer, or with `folds` one of that many
    groups of writers (dealt at random, seed 7); the drafts after `n` are one group apart."""
    groups = writers.astype(object)
    if folds:
        names = sorted(set(writers[:n]))
        np.random.RandomState(7).shuffle(names)
        fold = {w: f"fold {i % folds}" for i, w in enumerate(names)}
        groups = np.array([fold[w] for w in writers[:n]] + list(writers[n:]), dtype=object)
    return np.where(np.arange(len(writers)) < n, groups, "\0extra")


def wording_leans(found: list, voices: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Each draft's wording lean from the naive Bayes and regression trained on the first `n`
    drafts without the draft's group (the drafts after `n` are never trained on)."""
    params = dict(topic_training.DEFAULTS)
    lean = np.zeros(len(found))
    trainable = np.arange(len(found)) < n
    for group in sorted(set(groups)):
        held = np.where(groups == group)[0]
        train = np.where(trainable & (groups != group))[0]
        design = topic_training.Design([found[i] for i in train], params)
        model = topic_training.fit_voice(
            design, [found[i] for i in train], voices[train], params["alpha"]
        )
        lean[held] = topic_training.voice_lean(design, model, [found[i] for i in held])
    return lean


def cue_matrix(analyzer: Analyzer, rows: list[dict], lean: np.ndarray) -> np.ndarray:
    judge = analyzer.judge
    matrix = np.zeros((len(rows), len(CUES)))
    for i, row in enumerate(rows):
        draft = prepare(row["text"])
        lang = analyzer.language.detect(draft)
        cues = judge.cues(draft, lang, float(lean[i]))
        matrix[i] = [cues[name] for name in CUES]
    return matrix


PAIRS = list(combinations(CUES, 2))


def with_pairs(matrix: np.ndarray, scale: float) -> np.ndarray:
    """The cues, and with a scale, every product of two cues times it (the scale sets how much
    the L2 penalty holds the pairs back against the cues alone)."""
    if not scale:
        return matrix
    products = [matrix[:, CUES.index(a)] * matrix[:, CUES.index(b)] for a, b in PAIRS]
    return np.hstack([matrix, scale * np.column_stack(products)])


def rule_score(analyzer: Analyzer, row: dict) -> float:
    draft = prepare(row["text"])
    return analyzer.judge.rule_score(draft, analyzer.language.detect(draft))


def report(name: str, right: np.ndarray, langs: np.ndarray, writers: np.ndarray) -> None:
    parts = []
    for lang in LANGS:
        mine = langs == lang
        if mine.any():
            worst = min(right[mine & (writers == w)].mean() for w in set(writers[mine]))
            parts.append(f"{lang} {right[mine].mean():.3f} (worst writer {worst:.2f})")
    print(f"{name:34} all {right.mean():.3f} | " + ", ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    parser.add_argument("--dry-run", action="store_true", help="report, do not write")
    parser.add_argument("--extra", nargs="*", default=[], help="held-out labelled drafts")
    parser.add_argument(
        "--lean-folds", type=int, default=10, help="writer groups for the leans (0: each writer)"
    )
    parser.add_argument(
        "--pairs",
        type=float,
        default=2.0,
        help="every product of two cues is weighed too, scaled by this (0: cues alone)",
    )
    parser.add_argument(
        "--dump", type=Path, help="write each train/dev draft's leave-one-writer-out score (JSONL)"
    )
    args = parser.parse_args()

    analyzer = Analyzer.load(DATA.parent)
    spec = json.loads((DATA / "topics.json").read_text("utf-8"))
    lexicon = load_lexicon(spec)
    rows = train_dev()
    extra = [row for path in args.extra for row in read_jsonl(Path(path))]
    found = [features(prepare(r["text"]), lexicon) for r in rows + extra]
    voices = np.array([r["voice"] for r in rows + extra])
    writers = np.array([r["writer"] for r in rows + extra])
    langs = np.array([r["lang"] for r in rows + extra])
    n = len(rows)
    # Extra drafts are one group the lean never trains on (it sees all of train/dev, as shipped).
    groups = lean_groups(writers, n, args.lean_folds)
    lean = wording_leans(found, voices, groups, n)
    matrix = with_pairs(cue_matrix(analyzer, rows + extra, lean), args.pairs)
    truth = voices == "personal"
    rules_lean = np.array([rule_score(analyzer, r) for r in rows + extra]) + lean

    held_out = np.zeros(n)
    for writer in sorted(set(writers[:n])):
        held = writers[:n] == writer
        model = LogisticRegression(C=args.C, max_iter=5000)
        model.fit(matrix[:n][~held], truth[:n][~held])
        held_out[held] = model.decision_function(matrix[:n][held])
    blended = held_out >= 0
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row, score in zip(rows, held_out, strict=True):
                out.write(json.dumps({"id": row["id"], "score": round(float(score), 3)}) + "\n")
    print("leave-one-writer-out voice accuracy on train/dev:")
    report("  rules + wording lean", (rules_lean[:n] >= 0) == truth[:n], langs[:n], writers[:n])
    report("  blend", blended == truth[:n], langs[:n], writers[:n])

    model = LogisticRegression(C=args.C, max_iter=5000).fit(matrix[:n], truth[:n])
    coef = model.coef_[0]
    weights = {name: round(float(w), 4) for name, w in zip(CUES, coef, strict=False)}
    pairs = {
        f"{a}*{b}": round(float(w) * args.pairs, 4)
        for (a, b), w in zip(PAIRS, coef[len(CUES) :], strict=True)
    }
    bias = round(float(model.intercept_[0]), 4)
    print("weights:", weights, "bias:", bias)
    if extra:
        print("extra drafts (never trained on):")
        for name, score in (
            ("  rules + wording lean", rules_lean[n:]),
            ("  blend", model.decision_function(matrix[n:])),
        ):
            report(name, (score >= 0) == truth[n:], langs[n:], writers[n:])
    if not args.dry_run:
        out = {
            "$comment": (
                "Generated by scripts/train_voice_weights.py: do not edit by hand, retrain "
                "(also after editing voice_signals.json or voice_model.json, or retraining "
                "the topic model's wording lean). The voice is personal when bias + the sum "
                "of each cue times its weight is >= 0 (cues: firsthand.analysis.voice_blend)."
            ),
            "trained_on": f"{n} train/dev drafts, logistic regression C={args.C}",
            "bias": bias,
            "weights": weights,
        } | ({"pairs": pairs} if args.pairs else {})
        path = DATA / "voice_weights.json"
        path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
