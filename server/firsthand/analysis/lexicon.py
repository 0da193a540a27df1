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
from itertools import compress, islice, pairwise

from .text import HASHTAGS_READ, REMEMBERED_LETTERS, Draft

TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50]")
# \d+ as \d\d*: the same runs, but a pattern that opens with a class lets sre skip to the
# next digit (it finds no such start in a repeat and tries every place: twice as slow).
DIGITS = re.compile(r"\d\d*")
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
    """#LifeAtKestrel → lifeatkestrel, life, at, kestrel (of the first HASHTAGS_READ tags,
    each read to its REMEMBERED_LETTERS-th letter: 100 made-up CamelCase tags of 200 letters
    split into 5,000 new words, 70-100 ms a draft; no labelled tag is over 27)."""
    out = []
    for tag in islice(tags, HASHTAGS_READ):
        body = tag.lstrip("#")[:REMEMBERED_LETTERS]
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


class _Node:
    """Phrases as a tree of their tokens after the first: each word goes one step down (a
    dict lookup for a token named exactly), and a node holds the keys of the phrases that
    end there."""

    __slots__ = ("exact", "wild", "keys")

    def __init__(self) -> None:
        self.exact: dict[str, _Node] = {}
        self.wild: list[tuple[str, _Node]] = []  # ("pre*" or "*suf", node), in file order
        self.keys: list[str] = []

    def add(self, rest: list[str], key: str) -> None:
        node = self
        for token in rest:
            if token.startswith("*") or token.endswith("*"):
                child = next((n for t, n in node.wild if t == token), None)
                if child is None:
                    child = _Node()
                    node.wild.append((token, child))
            else:
                child = node.exact.setdefault(token, _Node())
            node = child
        node.keys.append(key)

    def walk(self, words: list[str], at: int, found: set[str]) -> None:
        """Add the keys of the phrases that go on with words[at:] from here."""
        if self.keys:
            found.update(self.keys)
        if at >= len(words):
            return
        word = words[at]
        child = self.exact.get(word)
        if child is not None:
            child.walk(words, at + 1, found)
        for token, child in self.wild:
            if _fits(word, token):
                child.walk(words, at + 1, found)


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
        # first token → the tree of the phrases' other tokens
        self.phrases: dict[str, _Node] = {}
        for concept, patterns in concepts.items():
            for pattern in patterns:
                tokens = [t for part in pattern.split() for t in _fold_token(part)]
                if not tokens or all(t.strip("*") == "0" for t in tokens):
                    continue  # nothing, or only numbers: would match every draft
                key = f"{concept}\t{' '.join(tokens)}"
                first = tokens[0]
                if len(tokens) > 1:
                    self.phrases.setdefault(first, _Node()).add(tokens[1:], key)
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
        # Where a phrase may start: a word and the next that begin some phrase named exactly.
        self.pairs = {(f, second) for f, node in self.phrases.items() for second in node.exact}
        self.checked: set[str] = set()  # words looked up (most name nothing)
        # Those that name something: (their pattern keys, the phrase buckets they may start,
        # whether a phrase may start with them whatever the next word is).
        self.hits: dict[str, tuple[frozenset[str], list[_Node], bool]] = {}

    def find(self, words: list[str]) -> dict[str, int]:
        """Concept → number of distinct patterns of it among the words."""
        counts: dict[str, int] = {}
        for key in self.find_patterns(words):
            concept = key.split("\t", 1)[0]
            counts[concept] = counts.get(concept, 0) + 1
        return counts

    def find_patterns(self, words: list[str]) -> set[str]:
        """The "concept<TAB>pattern" keys found among the words."""
        distinct = set(words)
        new = distinct - self.checked  # set operations: no Python step for a known word
        unkept: dict[str, tuple[frozenset[str], list[_Node], bool]] = {}
        if new:
            if len(self.checked) + len(new) > self.CACHE:
                self.checked.clear()
                self.hits.clear()
                new = distinct
            for word in new:
                found = self._word(word)
                if len(word) > REMEMBERED_LETTERS:  # no word: read, not kept
                    unkept[word] = found
                elif found[0] or found[1]:
                    self.hits[word] = found
            self.checked |= new.difference(unkept)
        keys: set[str] = set()
        starts: dict[str, list[_Node]] = {}
        loose = []
        hits = self.hits
        found_here = [(word, hits[word]) for word in distinct & hits.keys()]
        for word, (own, buckets, anywhere) in found_here + list(unkept.items()):
            if own:
                keys.update(own)
            if buckets:
                starts[word] = buckets
                if anywhere:
                    loose.append(word)
        if starts:
            keys.update(self._phrases(words, starts, loose))
        return keys

    def _word(self, word: str) -> tuple[frozenset[str], list[_Node], bool]:
        """One word's own pattern keys, the phrase buckets it may start and whether they hold
        phrases to try wherever it is (remembered per word: words recur in every draft)."""
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
        anywhere = bool(found and found[0].wild)
        for n in self.phrase_prefix_lengths:
            if n > size:
                break
            if word[:n] in self.phrase_prefixes:
                found.append(self.phrases[word[:n] + "*"])
                anywhere = True  # (word, next) is in no pair: each place is tried
        return frozenset(keys), found, anywhere

    def _phrases(
        self, words: list[str], starts: dict[str, list[_Node]], loose: list[str]
    ) -> set[str]:
        found: set[str] = set()
        # Where phrases may start, found first: a word and the next that begin a phrase named
        # exactly (most words start none), and each place of a word in `loose`.
        # (compress and map: no Python step a word.)
        places = range(len(words) - 1)
        pairs = map(self.pairs.__contains__, pairwise(words))
        at = list(compress(places, pairs))
        if loose:
            at += compress(places, map(set(loose).__contains__, words))
        for i in at:
            for node in starts[words[i]]:
                node.walk(words, i + 1, found)
        return found


def _fold_token(token: str) -> list[str]:
    """Fold a pattern token like a draft's words ("0.0" is two), keeping a leading or trailing *."""
    folded = words_of(token.strip("*"))
    if folded and token.startswith("*"):
        folded[0] = "*" + folded[0]
    if folded and token.endswith("*") and len(token) > 1:
        folded[-1] += "*"
    return folded
