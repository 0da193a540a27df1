"""Cross-validation helpers of scripts/train_topic_model.py: the folds, the temperature and
topic biases fitted on the out-of-fold answers, the probability above which the engine commits,
and the one-line accuracy summaries it prints."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize
from sklearn.model_selection import GroupKFold, StratifiedKFold
from topic_corpus import NONE, TOPICS

TEMPERATURES = np.arange(1.0, 5.01, 0.1)


def make_folds(rows: list, topical: int, kind: str) -> list:
    """5 folds: of drafts (stratified by language × topic; the topical drafts' folds are
    those of a run without the topic-less ones, which are split by language on their own)
    or of whole writers."""
    if kind == "writers":
        groups = [r["writer"] for r in rows]
        return [(a, b) for a, b in GroupKFold(5).split(rows, groups=groups)]
    strata = [f"{r['lang']}/{r['topic']}" for r in rows[:topical]]
    folds = StratifiedKFold(5, shuffle=True, random_state=16).split(rows[:topical], strata)
    folds = list(folds)
    if len(rows) == topical:
        return folds
    rest = [r["lang"] for r in rows[topical:]]
    split = StratifiedKFold(5, shuffle=True, random_state=16).split(rest, rest)
    return [
        (np.concatenate([a, topical + c]), np.concatenate([b, topical + d]))
        for (a, b), (c, d) in zip(folds, split, strict=True)
    ]


def softmax(scores: np.ndarray) -> np.ndarray:
    exps = np.exp(scores - scores.max(1, keepdims=True))
    return exps / exps.sum(1, keepdims=True)


def classes_of(labels: np.ndarray) -> list[str]:
    """The model's classes in order: the ten topics, then "none" if any draft has no topic."""
    return TOPICS + ([NONE] if NONE in set(labels) else [])


def temperature(scores: np.ndarray, labels: np.ndarray) -> float:
    """The divisor of the scores that gives the out-of-fold answers the lowest log loss."""
    truth = np.array([classes_of(labels).index(t) for t in labels])

    def loss(t: float) -> float:
        probs = softmax(scores / t)
        return float(-np.log(probs[np.arange(len(truth)), truth] + 1e-12).mean())

    return round(float(min(TEMPERATURES, key=loss)), 1)


def topic_biases(scores: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """What to add to each topic's tempered score for the lowest out-of-fold log loss."""
    classes = classes_of(labels)
    truth = np.array([classes.index(t) for t in labels])
    rows = np.arange(len(truth))

    def loss(b: np.ndarray) -> tuple[float, np.ndarray]:
        z = scores + b
        z = z - z.max(1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(1, keepdims=True))
        grad = np.exp(logp)
        grad[rows, truth] -= 1
        return float(-logp[rows, truth].mean()), grad.mean(0)

    found = minimize(loss, np.zeros(len(classes)), jac=True, method="L-BFGS-B").x
    return found - found.mean()


def answers(probs: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The most probable class of each draft, and whether the engine commits to it: a topic
    (not "none", if the model has that class) at or above the threshold."""
    pred = np.array(TOPICS + [NONE])[probs.argmax(1)]
    return pred, (probs.max(1) >= threshold) & (pred != NONE)


def commit_threshold(probs: np.ndarray, labels: np.ndarray, target: float) -> float:
    """The lowest probability above which out-of-fold answers are right at least `target`."""
    for threshold in np.arange(0.15, 0.95, 0.01):
        pred, chosen = answers(probs, threshold)
        right = pred == labels
        if chosen.sum() and right[chosen].mean() >= target:
            return round(float(threshold), 2)
    return 0.95


def summary(name: str, probs: np.ndarray, labels: np.ndarray, threshold: float) -> str:
    pred, commit = answers(probs, threshold)
    acc = (pred == labels).mean()
    covered = commit.mean()
    committed = (pred[commit] == labels[commit]).mean() if commit.any() else 0.0
    strict = ((pred == labels) & commit).mean()
    return (
        f"{name:28} top-1 {acc:.3f} | commits {covered:.3f}, right when committing "
        f"{committed:.3f}, right overall (unclear = miss) {strict:.3f}  (n={len(labels)})"
    )
