"""Hostile and careless use, fifteenth round: drafts made to cost the analysis its time with
one endless "word" (20,000 made-up letters, a hashtag of them, letters joined by hyphens,
zero-width joiners or combining accents) or one endless first line.

Such a draft took 40-51 ms to read where a draft of 20,000 ordinary characters takes about
10 ms (measured once; speed is for benchmarks, not asserts): the language and the topic's
letter runs were read over the whole "word", and the opening line was prepared a second time
whole. Now only a word's first 64 letters (REMEMBERED_LETTERS, longer than any real word)
and a first line's first 2,000 characters are read; no labelled draft reads differently
(scripts/check_analysis_same.py)."""

from __future__ import annotations

import random
import string

import pytest

from firsthand.analysis import language, ngram_blocks
from firsthand.analysis.text import REMEMBERED_LETTERS, prepare
from firsthand.analysis.topic import FIRST_WORDS, OPENING_CHARS, opening

pytestmark = pytest.mark.usefixtures("no_rate_limits")  # (conftest)


def _nonsense(rng: random.Random, letters: int) -> str:
    return "".join(rng.choice(string.ascii_lowercase + "äöüéß") for _ in range(letters))


@pytest.mark.parametrize("grams", [language.word_grams, ngram_blocks.word_grams])
def test_an_endless_word_is_read_by_its_first_letters_only(grams):
    rng = random.Random(15)
    word = _nonsense(rng, 20_000)
    head = word[:REMEMBERED_LETTERS]
    assert sorted(grams(word)) == sorted(grams(head))
    assert len(grams(word)) < 5 * REMEMBERED_LETTERS
    # A real word, even a long German compound, is read whole, its end marked.
    compound = "donaudampfschifffahrtsgesellschaftskapitän"
    assert f"{compound[-2:]} " in grams(compound)


def test_a_real_opening_line_is_read_as_before_with_junk_after_it():
    words = " ".join(f"wort{chr(97 + i % 26)}" for i in range(FIRST_WORDS + 5))
    junk = "„" * 19_000
    read = opening(prepare(words + " " + junk + "\nzweite Zeile"))
    assert read == opening(prepare(words))
    assert len(read) == FIRST_WORDS


def test_an_opening_line_is_read_no_further_than_its_first_characters():
    # Prose words come first in the opening: before the cut, "später" would have been read.
    read = opening(prepare("Kurz. " + "🙂" * OPENING_CHARS + " später"))
    assert read[0] == "kurz" and "später" not in read
    assert opening(prepare("- " * (OPENING_CHARS // 2) + "ende")) == []
    assert opening(prepare("- " * (OPENING_CHARS // 2 - 10) + "ende")) == ["ende"]


@pytest.mark.parametrize(
    "shape",
    ["word", "hashtag", "hyphens", "joiners", "accents"],
)
def test_drafts_of_one_endless_word_get_suggestions(client, auth, shape):
    rng = random.Random(shape)
    letters = _nonsense(rng, 6_000)
    text = {
        "word": "Ich habe " + letters * 3,
        "hashtag": "Ich habe das gebaut #" + letters * 3,
        "hyphens": "-".join(letters[i : i + 2] for i in range(0, 6_000, 2)) * 2,
        "joiners": "\u200d".join(letters) + " wir",
        "accents": "\u0301".join(letters) + " wir",
    }[shape][:20_000]
    answer = client.post("/api/v1/suggestions", json={"text": text}, headers=auth)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["voice"]["label"] in {"personal", "corporate"}
    assert body["angles"]
