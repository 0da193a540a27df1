"""Finding many phrase patterns in one pass over a text."""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD_CHAR = re.compile(r"\w")
SPECIAL = frozenset("\\.^$*+?{}()|[]")  # outside a class: not a literal character
QUANTIFIERS = ("?", "*", "+", "{")
MAX_CLASS = 64  # a leading [...] with more characters than this is left as it is
GROUP_DEPTH = 3  # characters after the first by which a group's branches are regrouped
# A character class repeated without bound ("+", "*", "{2,}"), as written in a pattern; the
# joiners that make one run of words of "I-I-I-…"; what makes a class one of word characters.
UNBOUNDED_CLASS = re.compile(r"\[((?:\\.|[^\]\\])*)\](?:[+*]|\{\d*,\})")
JOINERS = ("-", "'", ".", "&")
WORDY = ("\\w", "^\\W")  # \w, [^\W…]; or letter ranges (RANGE)
RANGE = re.compile(r"(?<!\\)[^\\\]]-[^\\\]]")


def check_bounded(pattern: str) -> None:
    """Raise re.error for [\\w-]+ and the like: across one run of joined words ("I-I-I-…",
    20,000 characters) such a repeat is tried from each word start to the run's end, 3.6 s a
    draft. The data files' check and every Scanner refuse it, so an edited phrase list can
    neither pass `firsthand check-data` nor start a server with it."""
    for found in UNBOUNDED_CLASS.finditer(pattern):
        body = found.group(1)
        single = RANGE.sub("", body)  # "a-z" is letters, not a hyphen
        joiners = [j for j in JOINERS if j in single]
        if joiners and (single != body or any(w in body for w in WORDY)):
            raise re.error(
                f"[{body}] is repeated without bound: across a run of words joined by "
                f"{' '.join(joiners)} it is tried from each word "
                "start to the run's end; give it a bound, e.g. {1,63}+"
            )


class Scanner:
    """Many keyed pattern lists compiled into one regular expression.

    One pass with a large alternation is several times faster than one search per
    list. Patterns that start at a word boundary share one boundary test, so their
    branches are only tried where a word starts. There, sre tries each branch in turn, but
    skips one that starts with a literal character other than the text's at once; so the
    branches are regrouped by their first character (`dispatch`): a word start tries one
    literal per character, then only the branches that can begin with its own. (Guarding
    branches with a lookahead on their first character was measured slower: sre skips a
    branch on a failing literal far faster than it runs a lookahead.)
    """

    def __init__(self, entries: list[tuple[str, list[str]]], lowercase: bool) -> None:
        self.lowercase = lowercase  # lowercased text without re.I is faster than re.I
        for _, patterns in entries:
            for pattern in patterns:
                check_bounded(pattern)
        at_word, elsewhere = [], []  # (key, patterns) in the order the alternation tries them
        for key, patterns in entries:
            starts = [p for p in patterns if p.startswith(r"\b")]
            others = [p for p in patterns if not p.startswith(r"\b")]
            if starts:
                at_word.append((key, starts))
            if others:
                elsewhere.append((key, others))
        # Without named groups the scan is ~30% faster; the few matches it finds are
        # then attributed by trying each key's own pattern at the match, in scan order.
        self.keyed = [
            (key, re.compile("|".join(f"(?:{p})" for p in pats)))
            for key, pats in at_word + elsewhere
        ]
        word_branches = dispatch([p[2:] for _, pats in at_word for p in pats])
        other_branches = [f"(?:{p})" for _, pats in elsewhere for p in pats]
        branches = ([rf"\b(?:{word_branches})"] if at_word else []) + other_branches
        self.pattern = re.compile("|".join(branches) or r"(?!)")

    def matches(self, text: str) -> Iterator[tuple[str, re.Match]]:
        """Yield (key, match) for every non-overlapping match, left to right.

        Every key whose patterns match where a match starts is yielded, so a general cue
        ("won the") does not hide a more specific one ("won the city's hackathon").
        """
        text = text.lower() if self.lowercase else text
        for found in self.pattern.finditer(text):
            for key, pattern in self.keyed:
                own = pattern.match(text, found.start())
                if own is not None:
                    yield key, own


def dispatch(branches: list[str]) -> str:
    """An alternation of `branches` (each tried where a word starts, (?=\\w) implied) that
    matches what theirs does, the same branch winning, with each run of branches that start
    with a known character grouped by it: "a(?:bc|x)|b(?:ee)" for "abc|bee|ax".

    In a group, the branches keep their order, and at any place only the group of the
    text's character can match: the first branch to match is the same. Those whose first
    character is unknown (a lookaround, a class with escapes, a quantified first item, a
    scoped flag) stay as they are, between runs; a branch's first character that is no
    word character can never match after (?=\\w), so it is dropped.
    """
    split = [
        item
        for branch in branches
        for alt in alternatives(branch)
        for item in first_characters(alt)
    ]
    if sum(1 for char, _ in split if char is None) * 10 > len(split):
        # Mostly unknown first characters (case-sensitive lists, with their (?i:...)):
        # regrouping gains nothing there and the expanded classes cost more.
        return "(?=\\w)(?:" + "|".join(f"(?:{b})" for b in branches) + ")"
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for char, rest in split + [(None, None)]:
        if char is not None:
            if WORD_CHAR.match(char):
                run.setdefault(char, []).append(rest)
            continue
        out += [f"{re.escape(c)}(?:{regroup(rests, GROUP_DEPTH)})" for c, rests in run.items()]
        run = {}
        if rest is not None:
            out.append(f"(?=\\w)(?:{rest})")
    return "|".join(out) or r"(?!)"


def regroup(branches: list[str], depth: int) -> str:
    """ "|".join(branches), with each run of them that starts with a known character grouped
    by it, and so on `depth` characters down: at a word start the group of its first letter
    held some 20 branches (" love", " miss", "'ll never forget"…), each tried in turn at every
    "i" of 20,000 characters of "I I I…" (4.6 ms for one scanner); now one each.

    As in dispatch, the branches of a group keep their order and only one group can match at
    a place, so the first branch to match is the same; those whose first character is not
    known (an escape such as \\s, a quantified first item, a lookaround) stay where they were."""
    if depth <= 0 or len(branches) < 2:
        return "|".join(branches)
    split = [
        item
        for branch in branches
        for alt in alternatives(branch)
        for item in first_characters(alt)
    ]
    if len(split) > 2 * len(branches):  # classes spelt out: longer, not faster
        return "|".join(branches)
    out: list[str] = []
    run: dict[str, list[str]] = {}
    for char, rest in split + [(None, None)]:
        if char is not None:
            run.setdefault(char, []).append(rest)
            continue
        out += [f"{re.escape(c)}(?:{regroup(rests, depth - 1)})" for c, rests in run.items()]
        run = {}
        if rest is not None:
            out.append(f"(?:{rest})")
    return "|".join(out)


def first_characters(branch: str) -> list[tuple[str | None, str]]:
    """The branch as alternatives in order, each (its first character, the rest of it) or
    (None, the alternative) when its first character is not known."""
    if not branch:
        return [(None, branch)]
    first = branch[0]
    if branch.startswith("(?:"):
        end = _closing(branch, 0)
        after = branch[end:]
        if after[:1] in QUANTIFIERS:
            return [(None, branch)]
        # (?:A|B)R tries A then R, then B then R: as AR|BR does.
        return [
            item
            for alt in alternatives(branch[3 : end - 1])
            for item in first_characters(alt + after)
        ]
    if first == "[":
        end = _closing(branch, 0)
        chars = _class_characters(branch[1 : end - 1])
        after = branch[end:]
        if chars is None or after[:1] in QUANTIFIERS:
            return [(None, branch)]
        return [(char, after) for char in chars]  # one character: their order is moot
    if first in SPECIAL or branch[1:2] in QUANTIFIERS:
        return [(None, branch)]
    return [(first, branch[1:])]


def alternatives(pattern: str) -> list[str]:
    """The pattern split at its top-level "|"."""
    parts, start, i = [], 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char in "[(":  # a class or group: its "|" are its own
            i = _closing(pattern, i)
            continue
        if char == "|":
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return parts + [pattern[start:]]


def _closing(pattern: str, i: int) -> int:
    """The index just past the group or class that opens at pattern[i]."""
    if pattern[i] == "[":
        i += 1
        i += pattern[i] == "^"
        i += pattern[i] == "]"  # a "]" first is a literal
        while pattern[i] != "]":
            i += 2 if pattern[i] == "\\" else 1
        return i + 1
    depth = 0
    while True:
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _closing(pattern, i)
            continue
        depth += (char == "(") - (char == ")")
        i += 1
        if not depth:
            return i


def _class_characters(body: str) -> list[str] | None:
    """The characters of a class of plain characters and ranges ("a-z"), or None."""
    if not body or body[0] == "^" or "\\" in body or "[" in body:
        return None
    chars, i = [], 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            chars += map(chr, range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            chars.append(body[i])
            i += 1
    return list(dict.fromkeys(chars)) if len(chars) <= MAX_CLASS else None
