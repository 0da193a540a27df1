r"""Hostile and careless use, fifteenth round: drafts made to cost the analysis its time.

- One endless "word" (20,000 made-up letters, a hashtag of them, letters joined by hyphens,
  zero-width joiners or combining accents) or one endless first line took 12-69 ms to read
  where 20,000 characters of new made-up words take about 15 ms: the language's and the
  topic's letter runs were read over the whole "word", and the opening line was prepared a
  second time whole. Now only a word's first 64 letters (REMEMBERED_LETTERS, longer than any
  real word) and a first line's first 2,000 characters are read.
- Capitals joined by hyphens or apostrophes ("I-I-I-…", "A'A'…") took 1.0-3.8 s: the
  company-in-the-third-person patterns repeated [\w&'.-]+ without bound, so each capital tried
  the rest of the run. They are bounded now, and the data-file check refuses such a repeat.
- Thousands of made-up hashtags, new in each draft, took 70-120 ms: the words of the first 100
  are read, each tag to its 64th letter (no labelled draft has more than 15 tags, no tag over
  27 characters); the "hashtag wall" still counts them all. A new word's language scores are
  summed a language at a time (in C), bit for bit as before.

- Words of 63 capitals and full stops ("I.I.I…I") took 45 ms: each capital after a full
  stop started a company name and read up to four words. A name now starts at a capital that
  does not follow a joiner of its class (an apostrophe may: 'Acme'), as a word does; this also
  stopped "-Patienten startet" being read as a company (35 → 17 ms, docs/suggestions-speed.md).

(Measured once each; speed is for benchmarks, not asserts.) No labelled draft reads
differently (scripts/check_analysis_same.py)."""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

import pytest

from firsthand.analysis import Analyzer, language, ngram_blocks
from firsthand.analysis.lexicon import hashtag_words
from firsthand.analysis.scan import check_bounded
from firsthand.analysis.text import HASHTAGS_READ, REMEMBERED_LETTERS, prepare
from firsthand.analysis.topic import FIRST_WORDS, OPENING_CHARS, opening

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"

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


@pytest.mark.parametrize("run", ["I-", "A'", "Ab-", "Ab.", "Ab&", "Haus-", "I." * 31 + "I "])
def test_drafts_of_capitals_joined_into_one_run_get_suggestions(client, auth, run):
    text = (run * 10_000)[:20_000]
    answer = client.post("/api/v1/suggestions", json={"text": text}, headers=auth)
    assert answer.status_code == 200, answer.get_json()


def test_no_shipped_voice_pattern_repeats_a_word_class_with_joiners_without_bound():
    signals = json.loads((DATA / "suggestions" / "voice_signals.json").read_text("utf-8"))
    patterns = [p for s in signals["signals"] for ps in s["patterns"].values() for p in ps]
    bounded = [p for p in patterns if "{1,63}+" in p]
    assert len(bounded) >= 7  # the company-in-the-third-person patterns, one or more a language
    for pattern in patterns:
        check_bounded(pattern)  # raises re.error for [\w-]+ and the like
    with pytest.raises(re.error, match="without bound"):
        check_bounded(r"\b[A-Z][\w&'.-]+ (?:has|have) launched\b")


@pytest.mark.parametrize(
    "text,company",
    [
        ("Acme Robotics has today launched its new arm.", True),
        ("Die Bäckerei-Konditorei Müller hat heute die neue Filiale eröffnet.", True),
        ("Le Groupe Saint-Exupéry annonce l'ouverture d'un site à Lyon.", True),
        ("'Acme Robotics' has launched its new arm.", True),  # a quote may stand before it
        # A name starts where a word does, not after a joiner: "-Patienten startet" is no
        # company, and in "I.I.I…" each capital read up to four words (45 ms, now 18).
        (
            "Neue Sprechstunde für Long-Covid-Patientinnen und -Patienten startet am 1. Oktober.",
            False,
        ),
        ("Proud that our team-Acme has launched a bake sale for the hospice.", False),
        ("Demo day.Acme has launched its new arm.", False),
    ],
)
def test_the_bounded_patterns_find_a_company_in_the_third_person_where_a_word_starts(text, company):
    signals = [s["id"] for s in Analyzer.load(DATA).analyze(text)["voice"]["signals"]]
    assert ("third_person_company" in signals) is company


def test_only_the_first_hashtags_are_read_but_all_are_counted():
    tags = tuple(f"#Tag{n}Word" for n in range(HASHTAGS_READ + 50))
    assert hashtag_words(tags) == hashtag_words(tags[:HASHTAGS_READ])
    draft = prepare("Stolz auf mein Team! " + " ".join(tags))
    assert len(language.draft_words(draft)) == 4 + HASHTAGS_READ
    voice = Analyzer.load(DATA).analyze(draft.text)["voice"]
    wall = [s for s in voice["signals"] if s["id"] == "hashtag_wall"]
    assert wall and wall[0]["evidence"] == f"{HASHTAGS_READ + 50} hashtags"


def test_a_hashtag_is_split_into_words_to_its_64th_letter_only():
    rng = random.Random(64)
    camel = "#" + "".join(rng.choice(string.ascii_uppercase) + _nonsense(rng, 3) for _ in range(50))
    assert hashtag_words((camel,)) == hashtag_words((camel[: 1 + REMEMBERED_LETTERS],))
    assert len(hashtag_words((camel,))) <= 1 + REMEMBERED_LETTERS // 2
    assert hashtag_words(("#LifeAtKestrel",)) == ["lifeatkestrel", "life", "at", "kestrel"]


def test_a_words_language_scores_are_its_letter_runs_added_one_after_another():
    """word_scores sums a language at a time (in C) for speed: the same additions in the same
    order as adding each letter run's row in turn, so no draft's language moves by a bit."""
    model = Analyzer.load(DATA).language
    rng = random.Random(61)
    for word in ["", "ß", "straße", "zoë", *(_nonsense(rng, n) for n in (3, 12, 40, 64, 200))]:
        expected = [0.0] * len(model.codes)
        for gram in language.word_grams(word):
            row = model.grams.get(gram)
            if row:
                expected = [a + b for a, b in zip(expected, row, strict=True)]
        assert model.word_scores(word) == expected
