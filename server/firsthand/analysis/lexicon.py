"""Words of a draft for the topic model, and a lexicon of concepts found among them.

Both sides go through one `fold`: lowercase, accents off (people drop them when typing fast),
French elisions off (l'équipe → equipe) and every run of digits read as 0, so a pattern "0 years
at" matches "12 years at". Lookups are per distinct word plus one pass for phrases, so matching
costs the same however large the lexicon grows.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .text import Draft

TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
DIGITS = re.compile(r"\d+")
ACCENTS = re.compile("[\u0300-\u036f]")  # combining marks left by NFKD
CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\W\d_]+")
ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'(?=\w)")
LETTERS = (("ß", "ss"), ("œ", "oe"), ("æ", "ae"), ("ø", "o"), ("ł", "l"), ("đ", "d"))
HEAD = 3  # characters of a word checked before trying its prefixes or suffixes
HASHTAGS = "|"  # separates the prose from hashtag words so no phrase spans both
# Numbers from two up, written out, read as digits ("three lessons" is "0 lessons").
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred deux trois quatre cinq six sept huit neuf dix onze douze quinze vingt trente "
    "quarante cinquante cent zwei drei vier funf sechs sieben acht neun zehn elf zwolf "
    "funfzehn zwanzig dreissig vierzig funfzig hundert dos tres cuatro cinco seis siete ocho "
    "nueve diez once doce quince veinte treinta cuarenta cincuenta cien twee drie vijf zes "
    "zeven negen tien twaalf vijftien twintig dertig veertig vijftig honderd dois duas quatro "
    "sete oito nove dez onze doze quinze vinte trinta quarenta cinquenta cem".split()
)


def fold(text: str) -> str:
    """Lowercase, accents and apostrophe variants off, digits as 0."""
    text = text.lower()
    if text.isascii():  # no letter to spell out, accent or curly apostrophe: the common case
        return DIGITS.sub("0", text)
    for letter, spelled in LETTERS:  # str.replace finds a letter far faster than translate
        if letter in text:
            text = text.replace(letter, spelled)
    text = ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    return DIGITS.sub("0", text.replace("’", "'"))


def words_of(text: str) -> list[str]:
    """Folded words of a text, elisions dropped, numbers written out read as 0."""
    folded = fold(text)
    words = TOKEN.findall(folded)
    # Each rewrite only when the text has something for it (a long draft has hundreds of words).
    if "'" in folded:
        words = [ELISION.sub("", w) if "'" in w else w for w in words]
    if NUMBER_WORDS.isdisjoint(words):
        return words
    return ["0" if w in NUMBER_WORDS else w for w in words]


def hashtag_words(tags: Iterable[str]) -> list[str]:
    """#LifeAtKestrel → lifeatkestrel, life, at, kestrel."""
    out = []
    for tag in tags:
        body = tag.lstrip("#")
        parts = CAMEL.findall(body)
        out.append(fold(body))
        if len(parts) > 1:
            out += [fold(p) for p in parts]
    return out


def draft_words(draft: Draft) -> list[str]:
    """The prose's words, then a separator, hashtag words and emoji."""
    return joined_words(words_of(draft.prose), hashtag_words(draft.hashtags), draft)


def joined_words(prose: list[str], tags: list[str], draft: Draft) -> list[str]:
    """draft_words from the prose's words and the hashtag words, when they are at hand."""
    return prose + [HASHTAGS] + tags + EMOJI.findall(draft.text)


def words_and_head(prose: str, head: int) -> tuple[list[str], list[str]]:
    """words_of(prose) and words_of(prose[:head]), folding the prose once.

    Folding and the word pattern never reach across a space or a newline (folding is
    character by character but for a capital sigma, which looks no further than the
    letters around it), so the words of a text cut at one are the words of each part.
    """
    if len(prose) <= head:
        words = words_of(prose)
        return words, list(words)
    cut = max(prose.rfind(" ", 0, head), prose.rfind("\n", 0, head))
    if cut < 0:
        return words_of(prose), words_of(prose[:head])
    before = words_of(prose[:cut])
    return before + words_of(prose[cut:]), before + words_of(prose[cut:head])


@dataclass(frozen=True)
class _Phrase:
    rest: tuple[str, ...]  # the words after the first, each exact, "pre*" or "*suf"
    key: str


class _Bucket:
    """The phrases sharing a first token, found by their second word in one lookup."""

    def __init__(self) -> None:
        self.by_second: dict[str, list[_Phrase]] = {}
        self.wild: list[_Phrase] = []  # second token is "pre*" or "*suf"

    def add(self, phrase: _Phrase) -> None:
        second = phrase.rest[0]
        if second.startswith("*") or second.endswith("*"):
            self.wild.append(phrase)
        else:
            self.by_second.setdefault(second, []).append(phrase)

    def candidates(self, following: str) -> list[_Phrase]:
        exact = self.by_second.get(following)
        if exact is None:
            return self.wild
        return exact + self.wild if self.wild else exact


def _fits(word: str, token: str) -> bool:
    if token.endswith("*"):
        return word.startswith(token[:-1])
    if token.startswith("*"):
        return word.endswith(token[1:]) and len(word) > len(token)
    return word == token


class Lexicon:
    """Concept → patterns: 'word', 'prefix*', '*suffix' (compounds) or phrases of those.

    `find` answers which concepts a draft's words name, with how many distinct patterns each.
    """

    CACHE = 50_000  # distinct words whose lookups are remembered (cleared when full)

    def __init__(self, concepts: dict[str, Iterable[str]]) -> None:
        self.exact: dict[str, set[str]] = {}
        self.prefix: dict[str, set[str]] = {}
        self.suffix: dict[str, set[str]] = {}
        # first token → second token (exact) → phrases, and phrases whose second is a wildcard
        self.phrases: dict[str, _Bucket] = {}
        for concept, patterns in concepts.items():
            for pattern in patterns:
                tokens = [t for part in pattern.split() for t in _fold_token(part)]
                if not tokens or all(t.strip("*") == "0" for t in tokens):
                    continue  # nothing, or only numbers: would match every draft
                key = f"{concept}\t{' '.join(tokens)}"
                first = tokens[0]
                if len(tokens) > 1:
                    self.phrases.setdefault(first, _Bucket()).add(_Phrase(tuple(tokens[1:]), key))
                    continue
                if first.endswith("*") and len(first) > 2:
                    self.prefix.setdefault(first[:-1], set()).add(key)
                elif first.startswith("*") and len(first) > 2:
                    self.suffix.setdefault(first[1:], set()).add(key)
                else:
                    self.exact.setdefault(first, set()).add(key)
        self.prefix_lengths = sorted({len(p) for p in self.prefix})
        self.suffix_lengths = sorted({len(s) for s in self.suffix})
        # Most words start and end like no pattern: one set lookup rules them out.
        self.prefix_heads = {p[:HEAD] for p in self.prefix}
        self.suffix_tails = {s[-HEAD:] for s in self.suffix}
        self.phrase_prefixes = {f[:-1] for f in self.phrases if f.endswith("*")}
        self.phrase_prefix_lengths = sorted({len(p) for p in self.phrase_prefixes})
        self.by_word: dict[str, tuple[frozenset[str], list[_Bucket]]] = {}

    def find(self, words: list[str]) -> dict[str, int]:
        """Concept → number of distinct patterns of it among the words."""
        counts: dict[str, int] = {}
        for key in self.find_patterns(words):
            concept = key.split("\t", 1)[0]
            counts[concept] = counts.get(concept, 0) + 1
        return counts

    def find_patterns(self, words: list[str]) -> set[str]:
        """The "concept<TAB>pattern" keys found among the words."""
        keys: set[str] = set()
        starts: dict[str, list[_Bucket]] = {}
        known = self.by_word
        for word in set(words):
            found = known.get(word)
            if found is None:
                if len(known) >= self.CACHE:
                    known.clear()
                found = known[word] = self._word(word)
            if found[0]:
                keys.update(found[0])
            if found[1]:
                starts[word] = found[1]
        if starts:
            keys.update(self._phrases(words, starts))
        return keys

    def _word(self, word: str) -> tuple[frozenset[str], list[_Bucket]]:
        """One word's own pattern keys, and the phrase buckets it may start (remembered per
        word: the same words recur in every draft)."""
        keys: set[str] = set(self.exact.get(word, ()))
        size = len(word)
        if word[:HEAD] in self.prefix_heads:
            for n in self.prefix_lengths:
                if n > size:
                    break
                keys.update(self.prefix.get(word[:n], ()))
        if word[-HEAD:] in self.suffix_tails:
            for n in self.suffix_lengths:
                if n >= size:
                    break
                keys.update(self.suffix.get(word[-n:], ()))
        found = [self.phrases[word]] if word in self.phrases else []
        for n in self.phrase_prefix_lengths:
            if n > size:
                break
            if word[:n] in self.phrase_prefixes:
                found.append(self.phrases[word[:n] + "*"])
        return frozenset(keys), found

    @staticmethod
    def _phrases(words: list[str], starts: dict[str, list[_Bucket]]) -> set[str]:
        found = set()
        last = len(words) - 1
        # Where phrases may start, found first: most words start none.
        at = [i for i, word in enumerate(words[:-1]) if word in starts]
        for i in at:
            following = words[i + 1]
            for bucket in starts[words[i]]:
                if following not in bucket.by_second and not bucket.wild:
                    continue  # the common case: no phrase goes on with this word
                for phrase in bucket.candidates(following):
                    rest = phrase.rest
                    end = i + 1 + len(rest)
                    if phrase.key in found or end > last + 1:
                        continue
                    # A two-word phrase named exactly (most are) fits without a token test.
                    if (end == i + 2 and rest[0] == following) or all(
                        map(_fits, words[i + 1 : end], rest)
                    ):
                        found.add(phrase.key)
        return found


def _fold_token(token: str) -> list[str]:
    """Fold a pattern token like a draft's words ("0.0" is two), keeping a leading or trailing *."""
    folded = words_of(token.strip("*"))
    if folded and token.startswith("*"):
        folded[0] = "*" + folded[0]
    if folded and token.endswith("*") and len(token) > 1:
        folded[-1] += "*"
    return folded
