"""What a draft is about: a small linear model over concept and word features, or "unclear".

The concepts (topics.json) are multilingual word lists: the same concept ("award": prize, prix,
Preis, premio, prijs, prémio…) fires in every language, so what the model learns from English
drafts carries over to Dutch ones. The draft's shape and its words add what the lists miss.
The weights (topic_model.json) are trained by scripts/train_topic_model.py; this module only
scores, in pure Python. `features` is the one definition both sides use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .lexicon import HASHTAGS, Lexicon, draft_words
from .text import Draft, prepare

UNCLEAR = "unclear"
FIRST_WORDS = 25  # the opening that names the topic: first line, at most this many words
COUNT_STEPS = (2, 3)  # a concept named by this many distinct patterns is a feature of its own


@dataclass(frozen=True)
class DraftFeatures:
    words: frozenset[str]  # distinct folded words (the model keeps those it knows)
    concepts: dict[str, float]  # concept features with their values


def load_lexicon(spec: dict) -> Lexicon:
    """All concepts of all topics, every language's patterns merged (drafts mix languages)."""
    concepts: dict[str, list[str]] = {}
    for topic, data in spec["topics"].items():
        for name, by_lang in data["concepts"].items():
            if name in concepts:
                raise ValueError(f"topics.json: concept {name!r} is named twice ({topic})")
            concepts[name] = [p for patterns in by_lang.values() for p in patterns]
    return Lexicon(concepts)


def features(draft: Draft, lexicon: Lexicon) -> DraftFeatures:
    """Concepts anywhere (with how many of their patterns), concepts in the opening, words."""
    words = draft_words(draft)
    found = lexicon.find(words)
    concepts = {}
    for concept, count in found.items():
        concepts[f"k:{concept}"] = 1.0
        for step in COUNT_STEPS:
            if count >= step:
                concepts[f"k{step}:{concept}"] = 1.0
    for concept in lexicon.find(opening(draft)):
        concepts[f"f:{concept}"] = 1.0
    concepts.update(dict.fromkeys(shape(draft, words), 1.0))
    return DraftFeatures(frozenset(w for w in words if w != HASHTAGS), concepts)


def shape(draft: Draft, words: list[str]) -> list[str]:
    """What the draft looks like: numbers, a link, hashtags, length, a list, a question."""
    size = draft.word_count
    lines = draft.text.splitlines()
    found = ["x:short" if size < 20 else "x:long" if size > 150 else "x:medium"]
    if "0" in words:
        found.append("x:number")
    if draft.urls:
        found.append("x:link")
    if draft.hashtags:
        found.append("x:hashtags")
    if sum(1 for line in lines if line.lstrip()[:1] in "•-–*✅👉🔹▪·" and line.strip()) >= 3:
        found.append("x:list")
    if "?" in draft.prose:
        found.append("x:question")
    return found


def opening(draft: Draft) -> list[str]:
    """The words of the first line, at most FIRST_WORDS."""
    first = draft.text.strip().split("\n", 1)[0]
    return [w for w in draft_words(prepare(first)) if w != HASHTAGS][:FIRST_WORDS]


class TopicModel:
    """Softmax over linear scores; below the commit threshold the answer is "unclear"."""

    def __init__(self, spec: dict, model: dict) -> None:
        self.lexicon = load_lexicon(spec)
        self.labels = {topic: data["label"] for topic, data in spec["topics"].items()}
        self.labels[UNCLEAR] = spec["unclear"]["label"]
        self.classes: list[str] = model["classes"]
        self.bias: list[float] = model["bias"]
        self.concept_weights: dict[str, list[float]] = model["concept_weights"]
        self.word_weights: dict[str, list[float]] = model["word_weights"]
        self.concept_scale = float(model["concept_scale"])
        self.commit_above = float(model["commit_above"])
        if sorted(self.classes) != sorted(spec["topics"]) or len(self.bias) != len(self.classes):
            raise ValueError("topic_model.json does not fit topics.json: retrain the model")
        width = len(self.classes)
        for table in (self.concept_weights, self.word_weights):
            if any(len(row) != width for row in table.values()):
                raise ValueError("topic_model.json: every weight list needs one weight per topic")

    def probabilities(self, draft: Draft) -> dict[str, float]:
        """Each topic's probability for a prepared draft."""
        found = features(draft, self.lexicon)
        scores = list(self.bias)
        rows = [self.concept_weights[f] for f in found.concepts if f in self.concept_weights]
        self._add(scores, rows, self.concept_scale)
        known = [self.word_weights[w] for w in found.words if w in self.word_weights]
        if known:
            self._add(scores, known, 1 / math.sqrt(len(known)))
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps, strict=True)}

    @staticmethod
    def _add(scores: list[float], rows: list[list[float]], value: float) -> None:
        if rows:
            for i, column in enumerate(zip(*rows, strict=True)):
                scores[i] += value * sum(column)

    def classify(self, draft: Draft) -> dict:
        """{"id", "label", "confidence", "candidates"}: a topic, or "unclear" when unsure."""
        ranked = sorted(self.probabilities(draft).items(), key=lambda kv: -kv[1])
        best, p = ranked[0]
        topic = best if p >= self.commit_above else UNCLEAR
        return {
            "id": topic,
            "label": self.labels[topic],
            "confidence": round(p, 3),
            "candidates": [
                {"id": t, "label": self.labels[t], "confidence": round(q, 3)} for t, q in ranked[:3]
            ],
        }
