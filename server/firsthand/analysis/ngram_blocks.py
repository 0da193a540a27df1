"""The topic model's n-gram blocks: int8 weights decoded, TF-IDF scored with numpy.

Kept apart from topic.py (which builds the features and the softmax) so each stays short;
scripts/train_topic_model.py uses `idf` from here through topic.py, the one definition.
"""

from __future__ import annotations

import base64
import math
from collections import Counter
from functools import lru_cache

import numpy as np

from .text import REMEMBERED_LETTERS

CHAR_SIZES = (2, 3, 4, 5)


def word_grams(word: str) -> tuple[str, ...]:
    """The word's runs of 2 to 5 characters, padded with a space on each side; of its first
    REMEMBERED_LETTERS letters only (a longer one is no word: a 20,000-letter hashtag's
    80,000 runs took 13 ms to look up)."""
    padded = f" {word[:REMEMBERED_LETTERS]} "
    size = len(padded)
    return tuple(padded[i : i + n] for n in CHAR_SIZES for i in range(size - n + 1))


# For the training scripts' ngram_counts (the server's CharBlock remembers rows instead).
_grams = lru_cache(maxsize=65536)(word_grams)


def decode_weights(block: dict, width: int) -> np.ndarray:
    """A block's int8 weights (base64, row-major, one row per n-gram) times each class's step."""
    raw = np.frombuffer(base64.b64decode(block["weights"]), dtype=np.int8)
    if raw.size != len(block["df"]) * width:
        raise ValueError("topic_model.json: an n-gram block's weights do not fit its vocabulary")
    return raw.reshape(-1, width).astype(np.float64) * np.asarray(block["step"], dtype=np.float64)


def idf(df: np.ndarray, documents: int) -> np.ndarray:
    """scikit-learn's smoothed inverse document frequency: ln((1 + n) / (1 + df)) + 1."""
    return np.log((1.0 + documents) / (1.0 + df)) + 1.0


class NgramBlock:
    """One TF-IDF block: (1 + log tf) × idf over the known n-grams, scaled to unit length."""

    def __init__(self, block: dict, width: int) -> None:
        vocabulary = block["vocabulary"].split("\t") if block["vocabulary"] else []
        if len(vocabulary) != len(block["df"]):
            raise ValueError("topic_model.json: an n-gram block's df does not fit its vocabulary")
        self.index = {gram: i for i, gram in enumerate(vocabulary)}
        self.idf = idf(np.asarray(block["df"], dtype=np.float64), block["documents"])
        self.weights = decode_weights(block, width)
        self.scale = float(block["scale"])

    def rows(self, grams, dtype=np.intp) -> np.ndarray:
        """Rows of the known n-grams among `grams` (repeats kept)."""
        index = self.index
        return np.array([index[g] for g in grams if g in index], dtype=dtype)

    def score(
        self, rows: np.ndarray, counts: np.ndarray, unique: bool = False
    ) -> np.ndarray | None:
        """Scores added by n-gram rows seen `counts` times each (rows repeat unless `unique`)."""
        if not rows.size:
            return None
        if unique:
            seen, tf = rows, counts
        else:  # np.unique's inverse costs an argsort: a sort and a bincount are cheaper
            ordered = np.sort(rows)
            first = np.empty(ordered.size, dtype=bool)
            first[0] = True
            np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
            seen = ordered[first]
            tf = np.bincount(rows, weights=counts)[seen]
        values = (1.0 + np.log(tf)) * self.idf[seen]
        values *= self.scale / math.sqrt(float(values @ values))
        # take() gathers the same rows as weights[seen], several times faster for 2-D arrays.
        return values @ self.weights.take(seen, axis=0)


class CharBlock(NgramBlock):
    """The character n-gram block, with each word's known n-gram rows remembered.

    The rows are int32 (the vocabulary has far fewer than 2**31 n-grams): numpy sorts a
    3,000-character draft's ~3,500 rows about 2.5 times faster than as int64, the same order.
    """

    CACHE = 50_000  # distinct words remembered (cleared when full)

    def __init__(self, block: dict, width: int) -> None:
        super().__init__(block, width)
        self.word_rows: dict[str, tuple[np.ndarray, int]] = {}  # word -> (rows, how many)

    def of_word(self, word: str) -> tuple[np.ndarray, int]:
        """The word's known n-gram rows; a longer "word" than REMEMBERED_LETTERS is read, and
        kept, as its first letters (as word_grams reads it)."""
        word = word[:REMEMBERED_LETTERS]
        found = self.word_rows.get(word)
        if found is None:
            rows = self.rows(word_grams(word), np.int32)
            found = (rows, rows.size)
            if len(self.word_rows) >= self.CACHE:
                self.word_rows.clear()
            self.word_rows[word] = found
        return found

    def score_words(self, words: Counter) -> np.ndarray | None:
        """What ngram_counts' "char" block would score, from the words' remembered rows."""
        if not words:
            return None
        known, of_word = self.word_rows, self.of_word  # most words are remembered
        found = [known[w] if w in known else of_word(w) for w in words]
        rows = np.concatenate([r for r, _ in found])  # words without known n-grams add none
        if not rows.size:
            return None
        counts = np.fromiter(words.values(), dtype=np.float64, count=len(words))
        return self.score(rows, np.repeat(counts, [n for _, n in found]))
