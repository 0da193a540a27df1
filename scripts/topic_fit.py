"""The topic model of scripts/train_topic_model.py: the feature columns (`Design`), the blend
of naive Bayes and a logistic regression over them (`Blend`), fitting, and each draft's log
score per class, in sample or out of fold."""

from __future__ import annotations

import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from topic_corpus import NONE, TOPICS  # noqa: E402
from topic_eval import classes_of  # noqa: E402
from topic_none import none_weights  # noqa: E402

from firsthand.analysis.topic import BLOCKS, idf  # noqa: E402


class Design:
    """Columns: concept features seen in training, then each n-gram block's vocabulary."""

    def __init__(self, found: list, params: dict) -> None:
        self.params = params
        self.concepts = sorted({f for item in found for f in item.concepts})
        self.concept_col = {f: i for i, f in enumerate(self.concepts)}
        self.vocab: dict[str, list[str]] = {}
        self.idf: dict[str, np.ndarray] = {}
        self.df: dict[str, list[int]] = {}
        n = len(found)
        for name in BLOCKS:
            df = Counter(g for item in found for g in item.ngrams[name])
            grams = sorted(g for g, k in df.items() if k >= params["min_df"])
            self.vocab[name] = grams
            self.df[name] = [df[g] for g in grams]
            self.idf[name] = idf(np.array(self.df[name], dtype=np.float64), n)
        self.documents = n

    def matrix(self, found: list) -> csr_matrix:
        rows, cols, vals = [], [], []
        for r, item in enumerate(found):
            for f, v in item.concepts.items():
                if f in self.concept_col:
                    rows.append(r), cols.append(self.concept_col[f])
                    vals.append(self.params["concept_scale"] * v)
        parts = [csr_matrix((vals, (rows, cols)), shape=(len(found), len(self.concepts)))]
        for name in BLOCKS:
            index = {g: i for i, g in enumerate(self.vocab[name])}
            rows, cols, vals = [], [], []
            for r, item in enumerate(found):
                known = [(index[g], k) for g, k in item.ngrams[name].items() if g in index]
                if not known:
                    continue
                v = np.array([(1 + math.log(k)) * self.idf[name][i] for i, k in known])
                v *= item.evidence * self.params[name] / math.sqrt(float(v @ v))
                rows += [r] * len(known)
                cols += [i for i, _ in known]
                vals += list(v)
            shape = (len(found), len(self.vocab[name]))
            parts.append(csr_matrix((vals, (rows, cols)), shape=shape))
        return hstack(parts).tocsr()


class Blend:
    """Naive Bayes log-probabilities + weight × a logistic regression's scores: one linear
    score per feature and topic (`rows`) plus a bias per topic (`prior`), classes_ order."""

    def __init__(self, matrix: csr_matrix, labels: np.ndarray, params: dict) -> None:
        weight = none_weights(labels, params)
        self.nb = MultinomialNB(alpha=params["alpha"]).fit(matrix, labels, sample_weight=weight)
        self.classes_ = self.nb.classes_
        self.weight = params["lr_weight"]
        self.rows = self.nb.feature_log_prob_.copy()
        self.prior = self.nb.class_log_prior_.copy()
        if self.weight:
            # tol 1e-3: the scores settle long before lbfgs' default; this keeps a run short.
            lr = LogisticRegression(C=params["lr_c"], max_iter=300, tol=1e-3)
            lr.fit(matrix, labels, sample_weight=weight)
            assert list(lr.classes_) == list(self.classes_)
            self.rows += self.weight * lr.coef_
            self.prior += self.weight * lr.intercept_

    def predict_joint_log_proba(self, matrix: csr_matrix) -> np.ndarray:
        return np.asarray(matrix @ self.rows.T) + self.prior


def fit(found: list, labels: np.ndarray, params: dict) -> tuple[Design, Blend]:
    # The columns (vocabulary, idf) come from the topical drafts alone: the topic-less ones
    # are scored in them but add none, so the voice's wording lean (same columns) is unmoved.
    design = Design([f for f, label in zip(found, labels, strict=True) if label != NONE], params)
    return design, Blend(design.matrix(found), labels, params)


def log_scores(design: Design, model: Blend, found: list) -> np.ndarray:
    """Each draft's joint log-likelihood per class (columns in classes_of order)."""
    scores = model.predict_joint_log_proba(design.matrix(found))
    known = list(model.classes_)
    return scores[:, [known.index(t) for t in TOPICS + [NONE] if t in known]]


def out_of_fold(found: list, labels: np.ndarray, params: dict, folds) -> np.ndarray:
    """Log-likelihoods per class for each draft from a model that did not see it."""
    scores = np.zeros((len(found), len(classes_of(labels))))
    for train, held in folds:
        design, model = fit([found[i] for i in train], labels[train], params)
        scores[held] = log_scores(design, model, [found[i] for i in held])
    return scores
