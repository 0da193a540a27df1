"""Preparing a draft for analysis: normalised text, words, links, hashtags, language."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import filterfalse

APOSTROPHES = ("’", "‘", "ʼ", "´", "`")  # each read as a straight apostrophe
# Control characters (but tab and newline), lone surrogates, zero-width and direction marks.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ud800-\udfff]"
)
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
# URL on lowercased text: case-sensitive, its branches start with a letter, so sre skips to an
# h or a w instead of trying every position (see _unlink).
URL_LOWER = re.compile(r"(?:https?://|www\.)\S+")
HASHTAG = re.compile(r"#[^\W_][\w]*")
MENTION = re.compile(r"@(?=[A-Z])")
# Words: letters, with inner apostrophes or hyphens (j'ai, don't, e-book, moi-même).
WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# Words and sentence ends in one pass: no word holds an end, so its words are WORD's.
WORD_OR_END = re.compile(WORD.pattern + r"|[.!?\n]")
ENDS = frozenset(".!?\n")
# Quoted speech is someone else's voice: its pronouns are not the author's.
QUOTED = re.compile(r"“[^”]{0,800}”|„[^“”]{0,800}[“”]|«[^»]{0,800}»|\"[^\"\n]{0,800}\"")
# Letters and word shapes that give a language away: each match is one of the draft's
# distinct words, one a line, that has them (one scan per language, not a test per word).
# Most start with a letter and run to the line's end, so sre skips from one such letter to
# the next rather than trying every line (ção and ções have ã and õ; a line that ends in
# ción has no ñ after it).
LANGUAGE_HINTS = {
    code: re.compile(pattern, re.M)
    for code, pattern in {
        "pt": r"[ãõ][^\n]*",
        "es": r"ñ[^\n]*|ción$",
        "de": r"[ßäöü][^\n]*",
        "fr": r"^(?:[^\n]*[èêœ]|(?:j|d|l|qu)')",
        "nl": r"(?:ij|aa|uu)[^\n]*",
    }.items()
}
WORD_HINTS = {"nl": "één"}  # a whole word that gives a language away (it has no other hint)
# What each hint cannot match without, in "\n" + the words: most drafts hold none, and a
# substring test is far cheaper than running the hint's pattern over every word.
HINT_NEEDS = {
    "pt": ("ã", "õ", "ç"),
    "es": ("ñ", "ción"),
    "de": ("ß", "ä", "ö", "ü"),
    "fr": ("è", "ê", "œ", "\nj'", "\nd'", "\nl'", "\nqu'"),  # an elision starts a word
    "nl": ("ij", "aa", "uu", "één"),
}


@dataclass(frozen=True)
class Draft:
    """A draft ready for the voice, topic and clone analyses."""

    text: str  # normalised: NFC, straight apostrophes, no control characters
    prose: str  # without links and hashtags
    own_prose: str  # prose without quoted speech
    words: tuple[str, ...]  # lowercase words of the prose
    urls: tuple[str, ...]
    hashtags: tuple[str, ...]
    tokens: tuple[str, ...] = ()  # the words with the sentence ends (ENDS) between them

    @property
    def word_count(self) -> int:
        return len(self.words)

    @cached_property
    def own_words(self) -> list[str]:
        """lower_words(own_prose): several of the voice's rules read them, so they are found
        once. Without İ or Σ they are own_tokens' words (without quotes, the prose's)."""
        own = self.own_prose
        if lowers_word_by_word(own):
            return lower_words(own)
        if own == self.prose:
            return list(self.words)
        return list(filterfalse(ENDS.__contains__, self.own_tokens))

    @cached_property
    def own_tokens(self) -> tuple[str, ...]:
        """WORD_OR_END's tokens of the lowercased own_prose (the voice splits it in sentences)."""
        if self.own_prose == self.prose:
            return self.tokens
        return tuple(WORD_OR_END.findall(self.own_prose.lower()))


def normalise(text: str) -> str:
    """NFC, straight apostrophes, control and invisible characters dropped (keeps newlines)."""
    text = unicodedata.normalize("NFC", text)
    for mark in APOSTROPHES:  # str.replace finds a mark far faster than translate
        if mark in text:
            text = text.replace(mark, "'")
    return INVISIBLE.sub("", text)


def lowers_word_by_word(text: str) -> bool:
    """Whether lowercasing the text whole differs from lowercasing its words one by one: İ
    lowercases to two characters, Σ to ς or σ by the letters around it."""
    return "İ" in text or "Σ" in text


def lower_words(text: str) -> list[str]:
    """The text's words, each lowercased. Lowercasing the whole text first is faster and the
    same unless lowers_word_by_word(text)."""
    if lowers_word_by_word(text):
        return [w.lower() for w in WORD.findall(text)]
    return WORD.findall(text.lower())


def prepare(text: str) -> Draft:
    """Split a raw draft into the parts the analyses read."""
    text = normalise(text)
    urls, unlinked = _unlink(text)
    hashtags = tuple(HASHTAG.findall(unlinked))
    prose = HASHTAG.sub(" ", unlinked)
    own_prose = QUOTED.sub(" ", prose)
    tokens = tuple(WORD_OR_END.findall(prose.lower()))
    words = tuple(filterfalse(ENDS.__contains__, tokens))
    return Draft(text, prose, own_prose, words, urls, hashtags, tokens)


def _unlink(text: str) -> tuple[tuple[str, ...], str]:
    """URL.findall(text) and URL.sub(" ", text), found in the lowercased text.

    The same: ignoring case, h, t, p, w, s match only their capitals but for s, which also
    matches ſ; no other character lowercases to them; lowercasing keeps every other offset
    unless the text holds İ (lowercased to two characters)."""
    lowered = text.lower()
    if len(lowered) != len(text) or "ſ" in text:
        return tuple(URL.findall(text)), URL.sub(" ", text)
    spans = [found.span() for found in URL_LOWER.finditer(lowered)]
    if not spans:
        return (), text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return tuple(text[start:end] for start, end in spans), " ".join(parts)


def detect_language(draft: Draft, languages: dict[str, dict]) -> str:
    """Return the language whose common words and letters the draft uses most (default en)."""
    counts = Counter(draft.words)
    # A set meets a set by its smaller side (a stopword list), and map sums with no Python
    # step a word.
    distinct, count = set(counts), counts.__getitem__
    scores = {
        code: float(sum(map(count, data["stopword_set"] & distinct)))
        for code, data in languages.items()
    }
    distinct = "\n".join(counts)  # words hold no newline
    lines = "\n" + distinct  # every word after a newline, for HINT_NEEDS
    for code, hint in LANGUAGE_HINTS.items():
        if code in scores and any(need in lines for need in HINT_NEEDS[code]):
            found = len(hint.findall(distinct))
            if code in WORD_HINTS:  # distinct words: it is there once at most
                found += f"\n{WORD_HINTS[code]}\n" in f"{lines}\n"
            scores[code] += 1.5 * min(found, 4)
    best = max(scores, key=lambda code: (scores[code], code == "en"))
    return best if scores[best] >= 2 else "en"
