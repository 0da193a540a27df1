"""Preparing a draft for analysis: normalised text, words, links, hashtags."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from itertools import filterfalse

from .characters import drop_ignorable, letters_as_drawn

APOSTROPHES = ("’", "‘", "ʼ", "´", "`")  # each read as a straight apostrophe
# Line breaks other than "\n" (CR alone or before LF, vertical tab, form feed, the file,
# group and record separators, NEL): read as "\n", not dropped with the controls, which
# glued the words on either side into one ("team\rWe" was "teamwe").
LINE_BREAK = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85]")
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
# The longest word (or hashtag) whose reading the analyses remember, as they do each word's (words
# recur from draft to draft). Real words are shorter (German compounds run to some 40 letters);
# a longer one is read each time: remembered, 20,000 made-up letters with their 80,000 letter
# runs made each draft some 5 MB a worker kept, until it ran out of memory.
REMEMBERED_LETTERS = 64
# The hashtags whose words the analyses read: the first this many (no labelled draft has more
# than 15). 2,800 made-up hashtags, new in each draft, took 70 ms to read; a count of them
# (len(Draft.hashtags), "a wall of hashtags") still sees them all.
HASHTAGS_READ = 100
# Quoted speech is someone else's voice: its pronouns are not the author's. A quote runs from
# its opening mark to the first mark that may end it, which must close it within QUOTE_REACH
# characters (as the regex r'“[^”]{0,800}”|„[^“”]{0,800}[“”]|«[^»]{0,800}»|"[^"\n]{0,800}"'
# read it); unquote finds them by looking each end up, not by trying each opening mark over
# the next 800 characters (20,000 „ with no end took 0.26 s a reading, three readings a draft).
QUOTE_STOPS = {"“": "”", "„": "“”", "«": "»", '"': '"\n'}  # opening mark: what ends its quote
QUOTE_CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"'}  # of those, what closes it
QUOTE_REACH = 800
OPENING = re.compile('[“„«"]')
STOP_PLACES = {mark: re.compile(f"[{ends}]") for mark, ends in QUOTE_STOPS.items()}


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
    """NFC, straight apostrophes, control and invisible characters dropped (keeps newlines),
    the marks left on Latin letters dropped, Cyrillic and Greek look-alikes of Latin letters
    read as those (characters.py). The suggestions, the share-time reading and the sketch the
    clone check looks up all read this text."""
    if LINE_BREAK.search(text):  # before the controls go: a line break is no control
        text = LINE_BREAK.sub("\n", text)
    text = unicodedata.normalize("NFC", drop_ignorable(text))
    for mark in APOSTROPHES:  # str.replace finds a mark far faster than translate
        if mark in text:
            text = text.replace(mark, "'")
    return letters_as_drawn(text)


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


def unquote(text: str) -> str:
    """The text with each quote (QUOTE_STOPS) replaced by a space, in one pass: each opening
    mark's first stop is looked up (bisect) among the stops' places, found once."""
    openings = [m.start() for m in OPENING.finditer(text)]
    if not openings:
        return text
    stops = {
        mark: [m.start() for m in places.finditer(text)]
        for mark, places in STOP_PLACES.items()
        if mark in text
    }
    parts, done = [], 0
    for start in openings:
        if start < done:  # inside the quote just found
            continue
        mark = text[start]
        places = stops[mark]
        at = bisect_right(places, start)
        if at == len(places):
            continue
        end = places[at]
        if text[end] in QUOTE_CLOSERS[mark] and end - start - 1 <= QUOTE_REACH:
            parts.append(text[done:start])
            parts.append(" ")
            done = end + 1
    if not parts:
        return text
    parts.append(text[done:])
    return "".join(parts)


def prepare(text: str) -> Draft:
    """Split a raw draft into the parts the analyses read."""
    text = normalise(text)
    urls, unlinked = _unlink(text)
    hashtags = tuple(HASHTAG.findall(unlinked))
    prose = HASHTAG.sub(" ", unlinked)
    own_prose = unquote(prose)
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
