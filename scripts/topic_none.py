"""The class "none" of scripts/train_topic_model.py, learned from the topic-less drafts of
tests/data/topic_corpus/none/ (`topic_corpus.none_drafts()`): those drafts, their weight in
training (--none-weight), what --none-bias adds to their tempered score, and how often the
engine still commits on them out of fold."""

from __future__ import annotations

import numpy as np
from topic_corpus import NONE, TOPICS, none_drafts
from topic_eval import answers, commit_threshold, softmax, summary


def none_rows(skipped: list[str]) -> list[dict]:
    """The topic-less drafts, but those of the `skipped` writers (--without)."""
    return [r for r in none_drafts() if r["writer"] not in skipped]


def none_weights(labels: np.ndarray, params: dict) -> np.ndarray:
    """Each draft's weight in training: the topic-less drafts may weigh more or less than the
    others (--none-weight)."""
    return np.where(labels == NONE, params.get("none_weight", 1.0), 1.0)


def none_shift(labels: np.ndarray, params: dict) -> np.ndarray | float:
    """What --none-bias adds to each class's tempered score (only to "none")."""
    if NONE not in set(labels):
        return 0.0
    return np.array([0.0] * len(TOPICS) + [params.get("none_bias", 0.0)])


def none_report(
    tempered: np.ndarray, labels: np.ndarray, langs: np.ndarray, topical: int, params, target
) -> None:
    """How often the engine commits on the topic-less drafts out of fold, per language; and
    what other biases on "none" would give (the threshold chosen again for each)."""
    for bias in sorted({params["none_bias"], 0.0, 1.0, 2.0, 3.0, 4.0}):
        probs = softmax(tempered + none_shift(labels, params | {"none_bias": bias}))
        threshold = commit_threshold(probs[:topical], labels[:topical], target)
        commits = answers(probs[topical:], threshold)[1]
        per = ", ".join(
            f"{g} {commits[langs[topical:] == g].mean():.3f}" for g in sorted(set(langs))
        )
        mark = " (this model)" if bias == params["none_bias"] else ""
        print(f"none bias {bias:+.1f}{mark}: threshold {threshold}")
        print("  " + summary("topical drafts", probs[:topical], labels[:topical], threshold))
        print(f"  topic-less drafts: commits on {commits.mean():.3f} ({per})")
