#!/usr/bin/env python3
"""Train the topic model on the train/dev drafts and write server/.../topic_model.json.

Reads only `topic_corpus.train_dev()` (never the test part). Features come from
firsthand.analysis.topic.features, the same code the server scores with: concepts of the
multilingual lexicon in topics.json (present, named by 2+ or 3+ patterns, in the opening line),
the draft's shape (numbers, link, hashtags, length, list, question) and its words. A
multinomial logistic regression (scikit-learn, a training-time dependency only:
`pip install -e '.[train]'`) learns one weight per feature and topic.

It prints cross-validated figures (5 folds stratified by language × topic) and a
leave-one-writer-out figure (train without writer k, score writer k), picks the probability
above which the engine commits to a topic from the out-of-fold predictions, and checks that the
server's pure-Python scoring gives the same probabilities as scikit-learn.

    .venv/bin/python scripts/train_topic_model.py [--C 1.0] [--commit-accuracy 0.9] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from topic_corpus import TOPICS, train_dev  # noqa: E402

from firsthand.analysis.text import prepare  # noqa: E402
from firsthand.analysis.topic import TopicModel, features, load_lexicon  # noqa: E402

DATA = REPO / "server" / "firsthand" / "data" / "suggestions"
CONCEPT_SCALE = 0.5  # concept features against the length-normalised word block
MIN_WORD_DRAFTS = 2  # a word must appear in this many training drafts to get a weight
DECIMALS = 4


class Design:
    """Feature columns: concept features seen in training, then words seen in 2+ drafts."""

    def __init__(self, found: list) -> None:
        self.concepts = sorted({f for item in found for f in item.concepts})
        counts = Counter(w for item in found for w in item.words)
        self.words = sorted(w for w, n in counts.items() if n >= MIN_WORD_DRAFTS)
        self.concept_col = {f: i for i, f in enumerate(self.concepts)}
        self.word_col = {w: i for i, w in enumerate(self.words)}

    def matrix(self, found: list) -> csr_matrix:
        rows, cols, vals = [], [], []
        wrows, wcols, wvals = [], [], []
        for r, item in enumerate(found):
            for f, v in item.concepts.items():
                if f in self.concept_col:
                    rows.append(r), cols.append(self.concept_col[f]), vals.append(CONCEPT_SCALE * v)
            known = [self.word_col[w] for w in item.words if w in self.word_col]
            for c in known:
                wrows.append(r), wcols.append(c), wvals.append(1 / math.sqrt(len(known)))
        shape = (len(found), len(self.concepts))
        concepts = csr_matrix((vals, (rows, cols)), shape=shape)
        words = csr_matrix((wvals, (wrows, wcols)), shape=(len(found), len(self.words)))
        return hstack([concepts, words]).tocsr()


def fit(found: list, labels: np.ndarray, c: float) -> tuple[Design, LogisticRegression]:
    design = Design(found)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(design.matrix(found), labels)
    return design, model


def out_of_fold(found: list, labels: np.ndarray, groups: list[str], c: float, folds) -> np.ndarray:
    """Probabilities (columns in TOPICS order) for each draft from a model that did not see it."""
    probs = np.zeros((len(found), len(TOPICS)))
    for train, held in folds:
        design, model = fit([found[i] for i in train], labels[train], c)
        p = model.predict_proba(design.matrix([found[i] for i in held]))
        order = [list(model.classes_).index(t) for t in TOPICS]
        probs[held] = p[:, order]
    return probs


def commit_threshold(probs: np.ndarray, labels: np.ndarray, target: float) -> float:
    """The lowest probability above which out-of-fold answers are right at least `target`."""
    best = probs.max(1)
    right = np.array(TOPICS)[probs.argmax(1)] == labels
    for threshold in np.arange(0.20, 0.95, 0.01):
        chosen = best >= threshold
        if chosen.sum() and right[chosen].mean() >= target:
            return round(float(threshold), 2)
    return 0.95


def summary(name: str, probs: np.ndarray, labels: np.ndarray, threshold: float) -> str:
    pred = np.array(TOPICS)[probs.argmax(1)]
    commit = probs.max(1) >= threshold
    acc = (pred == labels).mean()
    covered = commit.mean()
    committed = (pred[commit] == labels[commit]).mean() if commit.any() else 0.0
    strict = ((pred == labels) & commit).mean()
    return (
        f"{name:28} top-1 {acc:.3f} | commits {covered:.3f}, right when committing "
        f"{committed:.3f}, right overall (unclear = miss) {strict:.3f}  (n={len(labels)})"
    )


def export(design: Design, model: LogisticRegression, threshold: float, c: float, n: int) -> dict:
    order = [list(model.classes_).index(t) for t in TOPICS]
    coef = model.coef_[order]
    bias = model.intercept_[order]

    def rows(names: list[str], offset: int) -> dict[str, list[float]]:
        out = {}
        for j, name in enumerate(names):
            weights = [round(float(w), DECIMALS) for w in coef[:, offset + j]]
            if any(weights):
                out[name] = weights
        return out

    return {
        "$comment": (
            "Generated by scripts/train_topic_model.py: do not edit by hand, retrain. "
            "Multinomial logistic regression over concept features (k:<concept> present, "
            "k2:/k3: named by 2+/3+ patterns, f: in the opening line, x: the draft's shape; "
            "each worth concept_scale) "
            "and words (each worth 1/sqrt(number of known words)). One weight per topic in "
            "`classes` order. Below commit_above the topic is 'unclear'."
        ),
        "classes": TOPICS,
        "trained_on": f"{n} train/dev drafts, C={c}",
        "commit_above": threshold,
        "concept_scale": CONCEPT_SCALE,
        "bias": [round(float(b), DECIMALS) for b in bias],
        "concept_weights": rows(design.concepts, 0),
        "word_weights": rows(design.words, len(design.concepts)),
    }


def check_parity(model_json: dict, drafts: list, expected: np.ndarray) -> float:
    """Largest gap between the server's pure-Python probabilities and scikit-learn's."""
    spec = json.loads((DATA / "topics.json").read_text("utf-8"))
    server = TopicModel(spec, model_json)
    gap = 0.0
    for draft, row in zip(drafts, expected, strict=True):
        got = server.probabilities(draft)
        gap = max(gap, max(abs(got[t] - row[i]) for i, t in enumerate(TOPICS)))
    return gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--commit-accuracy", type=float, default=0.9)
    parser.add_argument("--dry-run", action="store_true", help="report, do not write the model")
    parser.add_argument(
        "--no-cv", action="store_true", help="skip cross-validation (keeps the threshold)"
    )
    args = parser.parse_args()

    rows = train_dev()
    spec = json.loads((DATA / "topics.json").read_text("utf-8"))
    lexicon = load_lexicon(spec)
    drafts = [prepare(r["text"]) for r in rows]
    found = [features(d, lexicon) for d in drafts]
    labels = np.array([r["topic"] for r in rows])
    writers = np.array([r["writer"] for r in rows])
    previous = DATA / "topic_model.json"
    threshold = json.loads(previous.read_text())["commit_above"] if previous.exists() else 0.5
    if not args.no_cv:
        strata = [f"{r['lang']}/{r['topic']}" for r in rows]
        folds = list(StratifiedKFold(5, shuffle=True, random_state=16).split(rows, strata))
        probs = out_of_fold(found, labels, strata, args.C, folds)
        threshold = commit_threshold(probs, labels, args.commit_accuracy)
        print(f"commit threshold {threshold} (out-of-fold right ≥ {args.commit_accuracy})")
        print(summary("5-fold cross-validation", probs, labels, threshold))
        for writer in sorted(set(writers)):
            held = np.where(writers == writer)[0]
            train = np.where(writers != writer)[0]
            p = out_of_fold(found, labels, [], args.C, [(train, held)])
            print(summary(f"leave out writer {writer}", p[held], labels[held], threshold))
    design, model = fit(found, labels, args.C)
    model_json = export(design, model, threshold, args.C, len(rows))
    expected = model.predict_proba(design.matrix(found))
    expected = expected[:, [list(model.classes_).index(t) for t in TOPICS]]
    gap = check_parity(model_json, drafts[:200], expected[:200])
    print(f"server scoring vs scikit-learn: largest probability gap {gap:.4f}")
    if gap > 0.01:
        sys.exit("the server's scoring disagrees with the trained model")
    if not args.dry_run:
        path = DATA / "topic_model.json"
        path.write_text(json.dumps(model_json, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"wrote {path.relative_to(REPO)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
