"""Which of the six languages a draft is in: a naive Bayes over the spelling of its words.

Why: the voice's phrase rules and pronouns and the angles' wording are per language, so a
draft read in the wrong language gets English angles and loses its "ich". The test this
replaces (some 40 common words a language, and a few accented letters) left drafts without
those words to English: "Messe vorbei. Füße kaputt. Auftragsbuch voll." Runs of one to three
letters, with a word's first and last letters marked, tell a language by its spelling, in
words no list holds. Their weights (language_model.json) are learnt from the labelled drafts
by scripts/train_language_model.py, which uses word_grams below, so training and the server
read a draft alike. Hashtags count too: a link and "#Recrutement #Infirmier" is French.
"""

from __future__ import annotations

from .text import HASHTAGS_READ, REMEMBERED_LETTERS, Draft

ENGLISH = "en"
# A draft of fewer words than this may be too short to tell its language ("Montag.", "Lunes.",
# "Danke!" score within a few points of two or three languages): `detect` then takes the
# language the person's own browser speaks, when the draft's scores cannot tell that apart.
SHORT_BELOW_WORDS = 6
# Enough words to tell the language many times over: a long draft costs no more than this.
MAX_WORDS = 200
CACHE_LIMIT = 50_000  # words whose scores are kept (the words of many drafts repeat)


def word_grams(word: str) -> list[str]:
    """The word's letters and its runs of two and three letters, the word padded with a space
    on each side (so a run at its start or end counts apart from the same run inside).

    Only a word's first REMEMBERED_LETTERS letters are read: a longer one is no word (no
    labelled draft has one over 40), and 20,000 made-up letters took 35-40 ms to score."""
    word = word[:REMEMBERED_LETTERS]
    padded = f" {word} "
    grams = list(word)
    for size in (2, 3):
        grams.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return grams


def draft_words(draft: Draft) -> list[str]:
    """The words the language is read from: the prose's first MAX_WORDS, and the hashtags
    (the first HASHTAGS_READ)."""
    tags = draft.hashtags[:HASHTAGS_READ]
    return list(draft.words[:MAX_WORDS]) + [tag[1:].lower() for tag in tags]


class LanguageModel:
    """Scores each language by the summed weights of a draft's letter runs; the best wins,
    but a language other than English must beat English by `english_margin` (a short
    English line with a foreign-looking name stays English, the default)."""

    def __init__(self, spec: dict) -> None:
        self.codes: tuple[str, ...] = tuple(spec["languages"])
        scale = float(spec["scale"])
        self.grams = {gram: [v / scale for v in row] for gram, row in spec["ngrams"].items()}
        self.english = self.codes.index(ENGLISH)
        self.margin = float(spec["english_margin"])
        self._words: dict[str, list[float]] = {}

    def word_scores(self, word: str) -> list[float]:
        """One score per language for a word (kept: a draft's words recur across drafts).
        A longer "word" than REMEMBERED_LETTERS is read, and kept, as its first letters, as
        word_grams reads it."""
        word = word[:REMEMBERED_LETTERS]
        found = self._words.get(word)
        if found is None:
            # A language at a time (sum runs in C): the same additions in the same order as
            # adding row after row, three times faster for a word of many letters.
            rows = list(filter(None, map(self.grams.get, word_grams(word))))
            found = [0.0] * len(self.codes)
            if rows:
                found = [sum(column) for column in zip(*rows, strict=True)]
            if len(self._words) >= CACHE_LIMIT:
                self._words.clear()
            self._words[word] = found
        return found

    def scores(self, words: list[str]) -> list[float]:
        """Each language's score for these words (0 for all: nothing to go by). Summed a
        language at a time over every word's scores (sum runs in C; a word met twice counts
        twice), not a word at a time."""
        rows = list(map(self.word_scores, words))
        if not rows:
            return [0.0] * len(self.codes)
        return [sum(column) for column in zip(*rows, strict=True)]

    def detect(self, draft: Draft, preferred: str | None = None) -> str:
        """The draft's language code; English when nothing tells another apart.

        `preferred`, the reader's own language (the API's Accept-Language), wins for a draft of
        a few words whose language it scores within `english_margin` of: the margin that keeps a
        short line English unless another language is clearly ahead, applied to the reader's
        language instead of English. "Montag." scored German 1.5 points over English, so it was
        English, and the panel of a German browser offered English angles. Longer drafts, and
        callers that give no preference (the analyses and their measured figures), are as
        before."""
        words = draft_words(draft)
        totals = self.scores(words)
        best = max(range(len(self.codes)), key=totals.__getitem__)
        found = self.codes[best] if totals[best] - totals[self.english] > self.margin else ENGLISH
        if preferred in self.codes and preferred != found and len(words) < SHORT_BELOW_WORDS:
            if totals[self.codes.index(found)] - totals[self.codes.index(preferred)] <= self.margin:
                return preferred
        return found
