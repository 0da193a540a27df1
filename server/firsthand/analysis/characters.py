"""Characters that change how a draft's words read but not what a person sees.

Inserted between a word's letters, an invisible character splits the word: a press release
read as personal and off topic, and unlike the colleagues' posts it was pasted from. What the
analyses read (text.normalise) goes through these first.
"""

from __future__ import annotations

import re

# Unicode's Default_Ignorable_Code_Point characters and the other format (Cf) characters:
# drawn as nothing (soft hyphen, joiners, direction marks and isolates, Hangul fillers…), so
# dropped. Also the control characters (but tab and newline) and lone surrogates.
IGNORABLE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufeff\uffa0\ufff0-\ufffb\ud800-\udfff\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e001f"
    "\U000e0080-\U000e00ff\U000e01f0-\U000e0fff"
    "]"
)
# Variation selectors and tag characters (ignorable too) shape an emoji ("❤️", a flag's tags):
# dropped where they follow a letter, an apostrophe or a hyphen (in a word: "thril\ufe0fled"),
# kept after a symbol. The emoji cues count pictographs, not these; dropped after one, they
# moved the character cut-offs (the n-grams' first 1,200 characters…) of real drafts.
SHAPERS = "\ufe00-\ufe0f\U000e0020-\U000e007f\U000e0100-\U000e01ef"
IN_WORD_SHAPERS = re.compile(f"(?:(?<=[^\\W\\d_])|(?<=['-]))[{SHAPERS}]+")


def drop_ignorable(text: str) -> str:
    """The text without IGNORABLE characters (before NFC: one between a letter and its mark
    kept them apart)."""
    return IGNORABLE.sub("", text)


def letters_as_drawn(text: str) -> str:
    """An NFC text (straight apostrophes) without SHAPERS in its words."""
    if IN_WORD_SHAPERS.search(text):
        text = IN_WORD_SHAPERS.sub("", text)
    return text
