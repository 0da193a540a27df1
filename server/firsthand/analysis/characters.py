"""Characters that change how a draft's words read but not what a person sees.

Inserted between a word's letters, an invisible character, a stack of combining marks or a
Cyrillic "а" for a Latin "a" splits the word or makes it another: a press release read as
personal, off topic, in no supported language, and unlike the colleagues' posts it was pasted
from. What the analyses read (text.normalise) goes through these first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import partial
from itertools import islice

# Unicode's Default_Ignorable_Code_Point characters and the other format (Cf) characters:
# drawn as nothing (soft hyphen, joiners, direction marks and isolates, Hangul fillers…), so
# dropped. Also the control characters (but tab and newline) and lone surrogates.
IGNORABLE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufeff\uffa0\ufff0-\ufffb\ud800-\udfff"
    "]"
)
# Beyond the BMP, looked for only in a text with a character of their two spans (emoji are
# in neither): a class of many ranges past the BMP is read range by range (0.3 ms for 20,000),
# one within it at a glance.
ASTRAL_SPANS = re.compile("[\U000110bd-\U0001d17a\U000e0000-\U000e0fff]")
IGNORABLE_ASTRAL = re.compile(
    "["
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e001f\U000e0080-\U000e00ff\U000e01f0-\U000e0fff"
    "]"
)
# Variation selectors and tag characters (ignorable too) shape an emoji ("❤️", a flag's tags):
# a run of them is dropped after a letter, an apostrophe or a hyphen (in a word:
# "thril\ufe0fled") and kept after a symbol. The emoji cues count pictographs, not these;
# dropped after one, they moved the character cut-offs (the n-grams' first 1,200 characters…)
# of real drafts. The lookbehind, after the first, is tried at shapers only, not at every
# character (1 ms on 20,000). E0080-E00FF, between the two ranges, are gone by then.
_S = "\ufe00-\ufe0f\U000e0020-\U000e01ef"
IN_WORD_SHAPERS = re.compile(f"[{_S}](?<=(?:[^\\W\\d_]|['-])[{_S}])[{_S}]*")

# Latin letters (Basic Latin to Latin Extended-B, IPA, Latin Extended Additional, C, D, E and
# the full-width ones): where a leftover combining mark is decoration, not spelling.
LATIN = (
    "A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02af\u1d00-\u1dbf\u1e00-\u1eff"
    "\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f\uff21-\uff3a\uff41-\uff5a"
)
# The combining marks of no script (the Combining Diacritical Marks blocks), which zalgo text
# stacks on letters; a Latin letter NFC left one of them on; a run of Latin letters and marks.
MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
MARK_RUN = re.compile(f"[{MARKS}]+")
ANY_MARK = re.compile(f"[{MARKS}]")  # found first: far faster than LEFT_MARK where there is none
LEFT_MARK = re.compile(f"[{LATIN}][{MARKS}]")
LATIN_RUN = re.compile(f"(?<![{LATIN}{MARKS}])[{LATIN}{MARKS}]+")
# The accented letters the six languages write; in a text with marks left on several of its
# letters (DECORATED_FROM; an "i̇", the dot a lowercased "İ" keeps, is not counted), a word with
# another (zalgo's "Ȋ", a mark NFC composed) is decorated too.
DECORATED_FROM = 3
DECORATION = re.compile(f"(?!i\u0307)[{LATIN}][{MARKS}]")
SIX_ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿ"
UNCOMMON_ACCENTED = re.compile(
    "["
    + "".join(
        char
        for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))
        if unicodedata.decomposition(char := chr(code))[:1].isalnum()  # <compat> is not
        and char.lower() not in SIX_ACCENTED
    )
    + "]"
)
# Cyrillic and Greek letters drawn like Latin ones, and the Latin letter each is read as.
LOOKALIKES = {
    **dict(zip("аеорсухіјѕԁԛԝһӏүѐёїӓӧ", "aeopcyxijsdqwhlyèëïäö", strict=True)),
    **dict(zip("АВЕКМНОРСТУХІЈЅԚԜҺӀҮЀЁЇӒӦ", "ABEKMHOPCTYXIJSQWHIYÈËÏÄÖ", strict=True)),
    **dict(zip("αονρικυχϲϳάόίύϊϋ", "aovpikuxcjáóíúïü", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧΪΫϹͿ", "ABEZHIKMNOPTYXÏŸCJ", strict=True)),
}
FOLD = str.maketrans(LOOKALIKES)
CYRILLIC_GREEK = ((0x370, 0x3FF), (0x400, 0x52F), (0x1C80, 0x1C8F), (0x1F00, 0x1FFF))
ANY_CYRILLIC_GREEK = re.compile("[\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1f00-\u1fff]")
# The Cyrillic and Greek letters no Latin one looks like: a text holding one is (partly)
# written in Cyrillic or Greek, so its words of look-alikes alone are left as they are.
OWN_CYRILLIC_GREEK = re.compile(
    "["
    + "".join(
        re.escape(char)
        for first, last in CYRILLIC_GREEK
        for char in map(chr, range(first, last + 1))
        if char.isalpha() and char not in LOOKALIKES
    )
    + "]"
)
_LOOK = "".join(map(re.escape, LOOKALIKES))
# A run of letters holding both a Latin letter and a look-alike ("thrіlled"). The lookbehind
# starts it at a run's first letter only, so each run is looked through once.
MIXED_RUN = re.compile(rf"(?<![^\W\d_])(?=[^\W\d_]*?[{LATIN}])(?=[^\W\d_]*?[{_LOOK}])[^\W\d_]+")


def drop_ignorable(text: str) -> str:
    """The text without IGNORABLE characters (before NFC: one between a letter and its mark
    kept them apart); those beyond the BMP go in letters_as_drawn."""
    return IGNORABLE.sub("", text)


# Any character letters_as_drawn may change, or that may follow one: variation selectors,
# general combining marks, Cyrillic and Greek, beyond the BMP. One pass tells most drafts need
# nothing more (a pass for each took 0.4 ms on 20,000 characters).
UNUSUAL = re.compile(
    f"[\ufe00-\ufe0f{MARKS}\u0370-\u03ff\u0400-\u052f\u1c80-\u1c8f\u1f00-\u1fff"
    "\U00010000-\U0010ffff]"
)


def letters_as_drawn(text: str) -> str:
    """An NFC text (straight apostrophes) without IGNORABLE_ASTRAL characters nor shapers in
    its words (IN_WORD_SHAPERS), with Cyrillic and Greek look-alikes read as Latin letters,
    without the marks left on Latin letters."""
    if text.isascii() or not UNUSUAL.search(text):
        return text
    if ASTRAL_SPANS.search(text):
        dropped = IGNORABLE_ASTRAL.sub("", text)
        if dropped != text:  # NFC again: one between a letter and its mark kept them apart
            text = unicodedata.normalize("NFC", dropped)
    return drop_marks_on_latin(fold_lookalikes(IN_WORD_SHAPERS.sub("", text)))


def fold_lookalikes(text: str) -> str:
    """Cyrillic and Greek look-alikes read as the Latin letters they are drawn like, in a word
    that also has Latin letters, and in every word when the text has no Cyrillic or Greek
    letter of their own (then it is no Russian or Greek text: those stay as they are)."""
    if not ANY_CYRILLIC_GREEK.search(text):
        return text
    if not OWN_CYRILLIC_GREEK.search(text):
        return text.translate(FOLD)
    return MIXED_RUN.sub(lambda found: found.group().translate(FOLD), text)


def drop_marks_on_latin(text: str) -> str:
    """The text without the combining marks left on Latin letters once it is NFC. A mark NFC
    could not compose with its letter ("t̸h̴r̷i̵l̶l̷e̶d̴") is decoration, and it split the word
    (a word is letters, a mark is none). A word bearing one is read without any of its marks,
    and so is a word with a letter the six languages do not write ("Ȋ") in a text decorated
    so (DECORATED_FROM): zalgo text composes some ("wè àré"). Marks on other scripts' letters
    are their spelling (Devanagari, Thai, Hebrew…) and stay; so do those scripts' marks on a
    Latin letter (drawn on it, not hidden)."""
    if not (ANY_MARK.search(text) and LEFT_MARK.search(text)):
        return text
    decorated = len(list(islice(DECORATION.finditer(text), DECORATED_FROM))) == DECORATED_FROM
    return LATIN_RUN.sub(partial(_bare, decorated), text)


def _bare(decorated: bool, found: re.Match) -> str:
    run = found.group()
    if not (LEFT_MARK.search(run) or (decorated and UNCOMMON_ACCENTED.search(run))):
        return run  # spelling ("café", and "Łódź" beside one odd name)
    return unicodedata.normalize("NFC", MARK_RUN.sub("", unicodedata.normalize("NFD", run)))
