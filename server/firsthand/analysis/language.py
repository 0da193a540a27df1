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

import re

from .text import ENDS, HASHTAGS_READ, REMEMBERED_LETTERS, WORD, Draft

ENGLISH = "en"
# A draft of fewer words than this may be too short to tell its language ("Montag.", "Lunes.",
# "Danke!" score within a few points of two or three languages): `detect` then takes the
# language the person's own browser speaks, when the draft's scores cannot tell that apart.
SHORT_BELOW_WORDS = 6
# Enough words to tell the language many times over: a long draft costs no more than this.
MAX_WORDS = 200
CACHE_LIMIT = 50_000  # words whose scores are kept (the words of many drafts repeat)
# A draft mostly in one language with a closing line or a quote in another ("… Danke an alle,
# ihr seid großartig! Bis bald in München."): summed, a few long, strongly German words
# outweighed many short, mildly English ones. From MAJORITY_FROM_WORDS words, when the
# author's sentences that clearly read as one language (ahead of the next by SENTENCE_MARGIN)
# hold MAJORITY_SHARE of the words, that language wins (quotes, someone else's words, vote for
# none). Below that share the sum decides, as before:
# the labelled drafts that switch language every other sentence are labelled by the language
# the sum finds. Measured on the train/dev and blind drafts (docs/suggestions-quality.md): no
# draft's answer changes; of 2,342 drafts with 25-45% of their words in a closing from another
# language, 133 are misread instead of 169 (1 of 911 under a third instead of 9).
MAJORITY_FROM_WORDS = 30
MAJORITY_SHARE = 0.6
SENTENCE_MARGIN = 6.0
# A draft in none of the six (Polish, Turkish, Czech…) still scores best in one of them. Its
# words fit none well: on average over its letter runs, each word's best language (a word may
# be in another language than the next) scores below FAMILIAR_AT, and a letter run no labelled
# draft has counts UNKNOWN_RUN. Only words written in lower case count (at least
# FOREIGN_FROM_WORDS of them): names are spelt in their own language whatever the post's ("Huge
# thanks to Krzysztof Wojciechowski, Małgorzata Szczepańska…" read -2.2 with its names, as
# Polish does). The lowest any train/dev or blind draft reaches is -0.65 (a Swiss German one);
# the Polish, Turkish and Czech posts of tests/data/unsupported_languages.jsonl read -1.7 to
# -2.2, Swedish -0.8 to -1.1 (not told: too few of its words are foreign to the six). The floor
# leaves a third of a point below the
# lowest real draft: a wrong "unsupported" costs a draft its topic. Italian and Catalan spell
# too much like Spanish, French and Portuguese to be told apart by letters (-0.5 to -0.7).
FAMILIAR_AT = -1.0
# And at least FOREIGN_SHARE of those words each fit none of the six (below FOREIGN_WORD per
# letter run): at most 0.29 of any train/dev or blind draft's words do; 0.63-0.73 of the Polish
# and Czech posts', 0.54 and 0.67 of the Turkish (one told); 0.29 of a post half in Hebrew,
# half in English, 0.55 of an English thank-you to colleagues named in lower case (both read
# as English: a wrong "unsupported" costs a draft its topic, a missed one only its tips).
FOREIGN_WORD = -0.7
FOREIGN_SHARE = 0.6
# Or at least AGREEING_FOREIGN_SHARE of them fit none, and the rest do not agree on a language:
# under AGREEMENT of the words that fit (two letters or more) have the same best language.
# Czech, Turkish, Hungarian, Norwegian or Romanian keep many short words the six also spell
# ("v", "a", "do", "se", "bir", "og"), each nearest a different one of them, and so fell short
# of 60%; the English thank-you to colleagues named in lower case (0.56 foreign) has English
# for the rest (0.82 agree). No train/dev draft has 30% foreign words with under 0.5 agreeing.
AGREEING_FOREIGN_SHARE = 0.3
AGREEMENT = 0.5
# A draft mostly in another script (Chinese, Japanese, Cyrillic, Greek, Arabic, Hebrew…) is in
# none of the six whatever its words: Chinese and Japanese separate few "words" (a clause runs
# from one stop to the next), so the word tests never saw them. Latin and its extensions are
# the six languages' script; a post half in Hebrew and half in English is not "mostly".
OTHER_SCRIPT_SHARE = 0.6
OTHER_SCRIPT_LETTERS = 20
LATIN_END = 0x250  # Basic Latin to Latin Extended-B
LATIN_ADDITIONAL = (0x1E00, 0x1EFF)  # Latin Extended Additional (Vietnamese letters…)
# Runs of the letters in those ranges (as str.isalpha tells them), and of the word characters
# (letters, and numerals other than digits) outside them.
LATIN_LETTERS = re.compile(
    "["
    + "".join(
        re.escape(char)
        for code in (*range(LATIN_END), *range(LATIN_ADDITIONAL[0], LATIN_ADDITIONAL[1] + 1))
        if (char := chr(code)).isalpha()
    )
    + "]+"
)
OTHER_WORD_CHARS = re.compile(
    f"[^\\W\\d_\\x00-{chr(LATIN_END - 1)}{chr(LATIN_ADDITIONAL[0])}-{chr(LATIN_ADDITIONAL[1])}]+"
)
# @handles are names, whatever the post's language ("@kwojciechowski @mszczepanska…").
HANDLE = re.compile(r"@[\w.-]+")
ALL_WORDS_FAMILIAR = -0.5  # names in: a draft reading above this is one of the six
UNKNOWN_RUN = -10.0
FOREIGN_FROM_WORDS = 12


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
        # Per word: its best language's score, a letter run no language has counting
        # UNKNOWN_RUN (familiarity adds them up, found with the word's scores).
        self._fit: dict[str, float] = {}

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
                self._fit.clear()
            self._words[word] = found
            unknown = 3 * len(word) + 1 - len(rows)  # word_grams gives 3n + 1 runs
            self._fit[word] = max(found) + UNKNOWN_RUN * unknown
        return found

    def familiarity(self, words: list[str]) -> float:
        """How well the six languages know these words: per letter run, the summed score of
        each word's best language, a run none of them has counting UNKNOWN_RUN (0: none)."""
        words = [word[:REMEMBERED_LETTERS] for word in words]
        fits = list(map(self._fit.get, words))  # the draft's words were mostly just scored
        if None in fits:
            fits = [self._fit_of(word) for word in words]
        runs = 3 * sum(map(len, words)) + len(words)
        return sum(fits) / runs if runs else 0.0

    def _fit_of(self, word: str) -> float:
        found = self._fit.get(word)
        if found is None:  # scored before the cache was cleared, or never
            self._words.pop(word, None)
            self.word_scores(word)
            found = self._fit[word]
        return found

    def unsupported(self, draft: Draft) -> bool:
        """Whether the draft is clearly in none of the six languages (never a short one in
        their script): most of its letters are of another script (Chinese, Cyrillic…), or its
        words written in lower case (not names, not @handles) fit none of them."""
        words = list(draft.words[:MAX_WORDS])
        # All its words first, scored already when its language was read: a draft they fit
        # (nearly every real one reads above -0.5) needs no second look, a pass over its prose.
        if len(words) >= FOREIGN_FROM_WORDS and self.familiarity(words) >= ALL_WORDS_FAMILIAR:
            return False
        if _other_script(draft.prose):  # Chinese and Japanese have few "words" between stops
            return True
        if len(words) < FOREIGN_FROM_WORDS:
            return False
        prose = HANDLE.sub(" ", draft.prose)
        own = [w.lower() for w in WORD.findall(prose) if not w[0].isupper()][:MAX_WORDS]
        if len(own) < FOREIGN_FROM_WORDS:  # Title Case or capitals throughout: every word
            own = [w.lower() for w in WORD.findall(prose)][:MAX_WORDS]
        if len(own) < FOREIGN_FROM_WORDS or self.familiarity(own) >= FAMILIAR_AT:
            return False
        fitting = self._fitting(own)
        foreign = 1 - len(fitting) / len(own)
        if foreign >= FOREIGN_SHARE:
            return True
        return foreign >= AGREEING_FOREIGN_SHARE and self._agreement(fitting) < AGREEMENT

    def _fitting(self, words: list[str]) -> list[str]:
        """The `words` some of the six know (at least FOREIGN_WORD per letter run).

        Why the share of those that fit none, beside the average: a few words of an unknown
        script pull the average down however many words are ours ("אני גאה בצוות שלנו 🎉 I
        am proud of my team today…" averaged -2.95 with ten English words of fourteen)."""
        words = [word[:REMEMBERED_LETTERS] for word in words]
        return [word for word in words if self._fit_of(word) >= FOREIGN_WORD * (3 * len(word) + 1)]

    def _agreement(self, words: list[str]) -> float:
        """The share of `words` (of two letters or more) whose best language is the one most
        of them have; 1.0 for none."""
        best = [self._best_of(word) for word in words if len(word) >= 2]
        return max(map(best.count, set(best))) / len(best) if best else 1.0

    def _best_of(self, word: str) -> int:
        scores = self.word_scores(word)
        return scores.index(max(scores))

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
        rows = list(map(self.word_scores, words))
        totals = [sum(column) for column in zip(*rows, strict=True)] or [0.0] * len(self.codes)
        best = max(range(len(self.codes)), key=totals.__getitem__)
        found = self.codes[best] if totals[best] - totals[self.english] > self.margin else ENGLISH
        if len(words) >= MAJORITY_FROM_WORDS:
            found = self._majority(draft, rows) or found
        if preferred in self.codes and preferred != found and len(words) < SHORT_BELOW_WORDS:
            if totals[self.codes.index(found)] - totals[self.codes.index(preferred)] <= self.margin:
                return preferred
        return found

    def _majority(self, draft: Draft, rows: list[list[float]]) -> str | None:
        """The language of the sentences holding MAJORITY_SHARE of the draft's words (`rows`:
        the scores of the prose's first MAX_WORDS and of the hashtags), if one does. Quoted
        speech and hashtags vote for none: a German quote made an English sentence German."""
        quoted = draft.own_prose != draft.prose
        tokens = draft.own_tokens if quoted else draft.tokens
        words = [0] * len(self.codes)
        start = seen = 0
        # Sentences are the runs of words between ends; without quotes their scores are the
        # rows already found (the prose's words in order), not looked up again.
        for end in [*(i for i, token in enumerate(tokens) if token in ENDS), len(tokens)]:
            size = min(end - start, MAX_WORDS - seen)
            if size > 0:
                found = (
                    list(map(self.word_scores, tokens[start : start + size]))
                    if quoted
                    else rows[seen : seen + size]
                )
                totals = [sum(column) for column in zip(*found, strict=True)]
                best = max(range(len(totals)), key=totals.__getitem__)
                if totals[best] - max(totals[:best] + totals[best + 1 :]) > SENTENCE_MARGIN:
                    words[best] += size
                seen += size
            start = end + 1
        most = max(range(len(self.codes)), key=words.__getitem__)
        return self.codes[most] if words[most] >= MAJORITY_SHARE * len(rows) else None


def _other_script(prose: str) -> bool:
    """Whether OTHER_SCRIPT_SHARE of the prose's letters (at least OTHER_SCRIPT_LETTERS of
    them) are of a script the six languages do not write in (not Latin).

    Letters are what str.isalpha counts, as a loop over the characters did (6-8 ms for 20,000):
    runs found by pattern, in C, and counted whole when all letters (mostly: "①" is a word
    character, not a letter)."""
    if prose.isascii():
        return False  # no other script's letter: other is 0
    runs = "".join(OTHER_WORD_CHARS.findall(prose))
    other = len(runs) if runs.isalpha() else sum(map(str.isalpha, runs))
    if other < OTHER_SCRIPT_SHARE * OTHER_SCRIPT_LETTERS:
        return False  # too few, whatever the Latin letters
    letters = other + sum(map(len, LATIN_LETTERS.findall(prose)))
    return letters >= OTHER_SCRIPT_LETTERS and other >= OTHER_SCRIPT_SHARE * letters
