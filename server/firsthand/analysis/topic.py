"""What a draft is about: a linear model over concepts and n-grams, or "unclear".

Two kinds of evidence, one softmax:
- concepts (topics.json): multilingual word lists; the same concept ("award": prize, prix, Preis,
  premio, prijs, prémio…) fires in every language, so what is learned from English drafts carries
  over to Dutch ones;
- n-grams: the draft's words, the character 2–5-grams inside them and, as a block of its own,
  the words of its opening line (TF-IDF, each block scaled to unit length), which catch what the
  lists miss (other professions' words, inflections, compounds, typos; what the first line is
  about weighs more, whoever wrote it). Only the first NGRAM_CHARS characters are read for them:
  drafts name their topic early, and the cost stays bounded for a 3,000-character post.

The weights (topic_model.json) are trained by scripts/train_topic_model.py; this module only
scores (numpy, for the n-gram rows). `features` and `ngram_counts` are the one definition both
sides use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from .lexicon import (
    EMOJI,
    HASHTAGS,
    Lexicon,
    draft_words,
    hashtag_words,
    joined_words,
    words_and_head,
    words_of,
)
from .ngram_blocks import CharBlock, NgramBlock, _grams, idf  # noqa: F401 (idf: the training script reads it here)
from .text import Draft, prepare

UNCLEAR = "unclear"
# A model may have one class more than topics.json's topics: drafts with no topic at all
# ("Thoughts?", "Happy Monday!"). When it is the most probable, the answer is "unclear".
NONE = "none"
FIRST_WORDS = 25  # the opening that names the topic: first line, at most this many words
# Of the first line, only this many characters are read: 25 words fit many times over, and
# a one-line 20,000-character draft was otherwise prepared a second time whole.
OPENING_CHARS = 2000
COUNT_STEPS = (2, 3)  # a concept named by this many distinct patterns is a feature of its own
NGRAM_CHARS = 1200  # prose characters read for n-grams (p95 of labelled drafts: ~700)
BLOCKS = ("word", "char", "first")  # n-gram blocks, in the order of their columns
# Each block is scaled to unit length whatever the draft's size, so "Hi" alone would carry a
# full block: below this many words (prose and hashtag) the n-grams count in proportion.
FULL_EVIDENCE = 8


@dataclass(frozen=True)
class DraftFeatures:
    concepts: dict[str, float]  # concept and shape features with their values
    ngrams: dict[str, Counter]  # block -> n-gram -> count
    evidence: float  # the share of a full block the n-grams are worth (short drafts: less)


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
    """Concepts anywhere (with how many of their patterns), in the opening, shape; n-grams."""
    first = opening(draft)
    words, tags, _ = _ngram_words(draft)
    return DraftFeatures(
        concept_features(draft, lexicon, first),
        ngram_counts(draft, first),
        evidence(words, tags),
    )


def evidence(words: list[str], tags: list[str]) -> float:
    """How much of a full block a draft's n-grams are worth: 1 from FULL_EVIDENCE words."""
    return min(1.0, (len(words) + len(tags)) / FULL_EVIDENCE)


def concept_features(
    draft: Draft,
    lexicon: Lexicon,
    first: list[str] | None = None,
    words: list[str] | None = None,
) -> dict[str, float]:
    """k:/k2:/k3: concepts named (by 2+, 3+ patterns), f: in the opening line, x: shape.

    `words`, when given, must be draft_words(draft) (the caller has them at hand)."""
    words = draft_words(draft) if words is None else words
    found = lexicon.find(words)
    concepts = {}
    for concept, count in found.items():
        concepts[f"k:{concept}"] = 1.0
        for step in COUNT_STEPS:
            if count >= step:
                concepts[f"k{step}:{concept}"] = 1.0
    for concept in lexicon.find(opening(draft) if first is None else first):
        concepts[f"f:{concept}"] = 1.0
    concepts.update(dict.fromkeys(shape(draft, words), 1.0))
    return concepts


def ngram_counts(draft: Draft, first: list[str] | None = None) -> dict[str, Counter]:
    """Words (with hashtag words and emoji), character n-grams of words (and hashtag words),
    the opening line's words."""
    words, tags, emoji = _ngram_words(draft)
    single = Counter(words)
    chars: Counter = Counter()
    for word, n in (single + Counter(tags)).items():
        for gram in _grams(word):
            chars[gram] += n
    single.update("#" + t for t in tags)
    single.update(emoji)
    first = opening(draft) if first is None else first
    return {"word": single, "char": chars, "first": Counter(first)}


def _ngram_words(draft: Draft) -> tuple[list[str], list[str], list[str]]:
    """The folded words of the prose's first NGRAM_CHARS characters, hashtag words, emoji."""
    words = words_of(draft.prose[:NGRAM_CHARS])
    return words, hashtag_words(draft.hashtags), EMOJI.findall(draft.text[:NGRAM_CHARS])


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
    """The words of the first line (its first OPENING_CHARS characters), at most FIRST_WORDS."""
    first = draft.text.strip().split("\n", 1)[0][:OPENING_CHARS]
    return [w for w in draft_words(prepare(first)) if w != HASHTAGS][:FIRST_WORDS]


class TopicModel:
    """Softmax over linear scores; below the commit threshold the answer is "unclear"."""

    def __init__(self, spec: dict, model: dict) -> None:
        self.lexicon = load_lexicon(spec)
        self.labels = {topic: data["label"] for topic, data in spec["topics"].items()}
        self.labels[UNCLEAR] = spec["unclear"]["label"]
        self.classes: list[str] = model["classes"]
        self.bias = np.asarray(model["bias"], dtype=np.float64)
        self.concept_scale = float(model["concept_scale"])
        self.commit_above = float(model["commit_above"])
        topics = [c for c in self.classes if c != NONE]
        if (
            sorted(topics) != sorted(spec["topics"])
            or len(self.classes) - len(topics) > 1
            or len(self.bias) != len(self.classes)
        ):
            raise ValueError("topic_model.json does not fit topics.json: retrain the model")
        width = len(self.classes)
        if any(len(row) != width for row in model["concept_weights"].values()):
            raise ValueError("topic_model.json: every weight list needs one weight per topic")
        # The voice's wording lean, when trained: one more column of the n-gram blocks (the
        # same vocabulary and TF-IDF values, so it costs one column more, not another pass).
        self.voice = model.get("voice")
        names = list(model["concept_weights"])
        self.concept_row = {name: i for i, name in enumerate(names)}
        self.concept_weights = self.concept_scale * np.array(
            [model["concept_weights"][name] for name in names], dtype=np.float64
        ).reshape(len(names), width)
        columns = width + (1 if self.voice else 0)
        self.words = NgramBlock(model["ngrams"]["word"], columns)
        self.chars = CharBlock(model["ngrams"]["char"], columns)
        # The opening line's words (models trained before it have no such block).
        first = model["ngrams"].get("first")
        self.first = NgramBlock(first, columns) if first else None

    def probabilities(self, draft: Draft) -> dict[str, float]:
        """Each class's probability for a prepared draft (the topics, and "none" if the model
        has that class)."""
        return self._scores(draft)[0]

    def _scores(self, draft: Draft) -> tuple[dict[str, float], float | None]:
        """Each topic's probability, and the voice's wording lean (None if not trained)."""
        width = len(self.classes)
        first = opening(draft)
        # The prose is folded once for both the concepts (all of it) and the n-grams (its
        # head), and the hashtag words are read once.
        prose, head = words_and_head(draft.prose, NGRAM_CHARS)
        tags = hashtag_words(draft.hashtags)
        ngrams = np.zeros(width + (1 if self.voice else 0))
        added, worth = self._ngram_scores(draft, first, (head, tags))
        for block in added:
            if block is not None:
                ngrams += block
        ngrams *= worth
        scores = self.bias + ngrams[:width]
        found = [
            (self.concept_row[name], value)
            for name, value in concept_features(
                draft, self.lexicon, first, joined_words(prose, tags, draft)
            ).items()
            if name in self.concept_row
        ]
        if found:
            # In row order: the lexicon finds concepts as a set, whose order follows the
            # process's hash seed, and a float sum in another order can differ in its last
            # bit; two gunicorn workers must give a draft on the threshold the same answer.
            found.sort()
            rows = np.fromiter((i for i, _ in found), dtype=np.intp, count=len(found))
            values = np.fromiter((v for _, v in found), dtype=np.float64, count=len(found))
            scores += values @ self.concept_weights.take(rows, axis=0)  # as [rows], faster
        exps = np.exp(scores - scores.max())
        exps /= exps.sum()
        probs = {c: float(p) for c, p in zip(self.classes, exps, strict=True)}
        lean = float(self.voice["bias"] + ngrams[width]) if self.voice else None
        return probs, lean

    def _ngram_scores(
        self, draft: Draft, first: list[str], read: tuple[list[str], list[str]] | None = None
    ) -> tuple[list[np.ndarray | None], float]:
        """ngram_counts' blocks, scored without building the character n-grams' counts
        (each word's rows are remembered): the same figures, several times faster; and what
        they are worth (`evidence`). `read`: the head's words and the hashtag words, if the
        caller has them (as _ngram_words reads them)."""
        if read is None:
            words, tags, emoji = _ngram_words(draft)
        else:
            (words, tags), emoji = read, EMOJI.findall(draft.text[:NGRAM_CHARS])
        both = Counter(words)
        single = both.copy()
        both.update(tags)  # as Counter(words) + Counter(tags), without a third Counter
        single.update("#" + t for t in tags)
        single.update(emoji)
        index = self.words.index
        # (map and fromiter: no Python step an n-gram.)
        rows = np.fromiter(map(index.get, single, repeat(-1)), dtype=np.intp, count=len(single))
        tf = np.fromiter(single.values(), dtype=np.float64, count=len(single))
        known = rows >= 0
        words_score = self.words.score(rows[known], tf[known], unique=True)
        scores = [words_score, self.chars.score_words(both)]
        if self.first is not None:
            rows = self.first.rows(first)  # repeats kept: score() counts them
            scores.append(self.first.score(rows, np.ones(rows.size)))
        return scores, evidence(words, tags)

    def classify(self, draft: Draft) -> dict:
        """{"id", "label", "confidence", "candidates"}: a topic, or "unclear" when unsure."""
        return self.read(draft)[0]

    def read(self, draft: Draft) -> tuple[dict, float | None]:
        """classify's answer, and the voice's wording lean (positive: reads as personal)."""
        probs, lean = self._scores(draft)
        nothing = probs.pop(NONE, 0.0)  # "none" is never a candidate, only a reason to abstain
        ranked = sorted(probs.items(), key=lambda kv: -kv[1])
        best, p = ranked[0]
        topic = best if p >= self.commit_above and p >= nothing else UNCLEAR
        answer = {
            "id": topic,
            "label": self.labels[topic],
            "confidence": round(p, 3),
            "candidates": [
                {"id": t, "label": self.labels[t], "confidence": round(q, 3)} for t, q in ranked[:3]
            ],
        }
        return answer, lean
