"""The voice's wording lean of scripts/train_topic_model.py: a naive Bayes over the topic
model's n-gram columns (personal against corporate wording), what the server adds to the voice
rules' score, and its out-of-fold report."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.naive_bayes import MultinomialNB

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "server"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from topic_fit import Design  # noqa: E402

from firsthand.analysis import Analyzer  # noqa: E402
from firsthand.analysis.text import detect_language  # noqa: E402

DATA = REPO / "server" / "firsthand" / "data" / "suggestions"
# The wording lean's share of the voice score (the rules' weights are in voice_model.json):
# rules + 0.3 × naive Bayes log-odds was best out of fold (0.1-0.3 within 0.005).
VOICE_WEIGHT = 0.3


def fit_voice(design: Design, found: list, voices: np.ndarray, alpha: float) -> MultinomialNB:
    """Naive Bayes over the n-gram columns alone: personal against corporate wording."""
    matrix = design.matrix(found)[:, len(design.concepts) :]
    return MultinomialNB(alpha=alpha).fit(matrix, voices == "personal")


def voice_lean(design: Design, model: MultinomialNB, found: list) -> np.ndarray:
    """VOICE_WEIGHT × the naive Bayes log-odds of personal: what the server adds to the rules."""
    scores = model.predict_joint_log_proba(design.matrix(found)[:, len(design.concepts) :])
    return VOICE_WEIGHT * (scores[:, 1] - scores[:, 0])


def voice_report(rows: list, drafts: list, found: list, params: dict, folds) -> None:
    """Out-of-fold voice accuracy per language: the rules alone, and with the wording lean."""
    analyzer = Analyzer.load(DATA.parent)
    rules = np.zeros(len(rows))
    for i, draft in enumerate(drafts):
        rules[i] = analyzer.judge.rule_score(draft, detect_language(draft, analyzer.languages))
    lean = np.zeros(len(rows))
    voices = np.array([r["voice"] for r in rows])
    for train, held in folds:
        design = Design([found[i] for i in train], params)
        model = fit_voice(design, [found[i] for i in train], voices[train], params["alpha"])
        lean[held] = voice_lean(design, model, [found[i] for i in held])
    truth = voices == "personal"
    langs = np.array([r["lang"] for r in rows])
    for name, score in (("voice, rules alone", rules), ("voice, rules + wording", rules + lean)):
        right = (score >= 0) == truth
        per = ", ".join(f"{g} {right[langs == g].mean():.3f}" for g in sorted(set(langs)))
        print(f"{name:28} {right.mean():.3f} out of fold ({per})")
