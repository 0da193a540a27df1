"""The voice verdict's last step: the rules' score, the wording lean and a few shape cues,
weighed by a small logistic regression (voice_weights.json, trained by
scripts/train_voice_weights.py on the train/dev drafts, each writer's wording lean taken from a
model that did not see that writer).

Why: the rules and the wording lean were simply added, and warm company-page copy ("Our kitchen
family is getting bigger 💛 … we eat together before every service") fooled both: its words
are warm, and it has no "I". What gives such copy away holds in every language: "we" and "our"
with no "I", the reader addressed as "you", emoji, a link, the draft's length. Each cue is one
weight learned across all languages and writers (nothing per phrase), so it carries over.

Five more cues (issue 16, leave-one-writer-out on train/dev) catch copy that does say "I" or
reads warm: a sign-off under the post ("— Ruth Halvorsen, Managing Director": a company page
signed by someone), quoted speech with its attribution ("…", says our founder), a story told
about someone else in the third person with no "I" (the employee spotlight, the customer
story), more sentences in "we" than in "I" (the personal line on top of "we" copy), and "you"
counted apart when the author also says "I" (a person talking to their network, not a page
addressing its customers).

Two more (twenty-third version) catch a small business's page where the owner writes "I" as
the business: the post signed on its own last line with no dash ("Salon Vanessa Ruhl",
"Weingut Fröhlich, Winningen"; on train/dev 264 corporate drafts to 12 personal beyond the
dashed sign-off), and a telephone number to call (54 to 1).

One more (twenty-fourth version): the reader addressed formally where only case tells the
address apart ("Besuchen Sie uns", "Ihre Vorteile": German "Sie" is also "she" and "they", so
the lowercased "you" cue never saw it; Dutch "u", French "vous", Spanish "usted" it already
counts). On German train/dev drafts, such an address mid-sentence stands in 308 corporate
drafts to 71 personal ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from .lexicon import EMOJI
from .text import WORD, Draft, lowers_word_by_word

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
# A sign-off closing the post: a dash, then a capitalised name and maybe a role, to the end.
SIGN_OFF = re.compile(rf"(?:^|\s)(?:[—–]|--?)\s*[{UPPER}][^\n.!?—–]{{0,70}}\s*$")
# Quoted speech followed by its attribution: "…," says X / "…", sagt X / "…" — X.
# Each branch opens with its own quotation mark (not one class for four): when all branches
# open with a literal, sre skips to the next place one could start instead of trying each.
ATTRIBUTED = re.compile("(?:" + "|".join(rf"{q}\s*(?:,|[—–-])" for q in '”"»“') + r'|,[”"»“])\s*\w')
QUOTE_MARKS = '”"»“'  # ATTRIBUTED cannot match without one
# A signature alone on the last line: at most eight words, its first or second word
# capitalised ("Eure Backstube Hubmann"), no sentence end, no emoji (a person's closing
# "Beste Brigade im ganzen Berner Oberland ❤️" is not one).
SIGNATURE = re.compile(rf"(?:[—–-]\s*)?(?:\S+\s+)?[{UPPER}][^.!?:;…]*")
SIGNATURE_WORDS = 8
# A telephone number: national (0…) or international (+…), 9 to 15 digits in groups; dates
# (03.06.2026: 8 digits) and figures (28.000) do not start so or are too short; a comma or a
# full stop may follow it ("0561 4478 21, wir backen…"), but not a decimal part. It opens with a
# literal so that sre jumps to each "+", "(" or "0"; what may not stand before it (a letter, a
# digit, "." "," "/" "+") is checked in _phone: as a lookbehind it made sre try every position
# (0.11 ms on a 3,000-character draft, against 0.012).
PHONE = re.compile(r"(?:\+\d{1,3}|\(0|0)[\d ()./-]{7,22}\d(?![\w/]|[.,]\d)")
NOT_BEFORE_PHONE = "_.,/+"
# What may stand between a sentence's start and a formal "Sie" that opens it (quotes, a
# bracket, a bullet's star, any space but a line break), and what ends the sentence before it:
# a "Sie" there may be "she".
OPENERS = "\"'„»“(*"
LINE_BREAKS = "\n\u2028\u2029"  # prepare() has taken \r and the other controls out
STARTS = ".!?:…«•-–—" + LINE_BREAKS
FORMAL_CAP = 6
END = re.compile(r"[.!?\n]")
SENTENCE = re.compile(r"[^.!?\n]+")

# Cues and their scaling (capped counts, so a long draft cannot pile one cue up). The rules
# come in four parts, each its weights' sum (voice_signals.json, voice_model.json) / 3: the
# blend learns how far to trust each; an edit to a rule's weight still moves the verdict.
CUES = (
    "first_person",
    "personal_signals",
    "no_first_person",
    "corporate_signals",
    "wording",
    "plural_no_i",
    "you",
    "emoji",
    "url",
    "length",
    "signed",
    "attributed_quote",
    "third_person",
    "we_over_i",
    "you_with_i",
    "signature_line",
    "phone",
    "formal_you",
)
RULE_PARTS = {"first_person", "no_first_person"}  # the other rules fall in the two sums


def cues(
    draft: Draft,
    found: list[tuple],
    wording: float,
    words: list[str],
    pronouns: set[str],
    plural: set[str],
    second_person: set[str],
    third_person: set[str],
    first_person: Callable[[list[str]], set[str]],
    formal: re.Pattern | None = None,
) -> dict[str, float]:
    """The blend's inputs for a prepared draft. `found`: the rules that apply (id, label,
    weight, evidence); `words`: its own words (quotes out), lowercased (Draft.own_words);
    `pronouns`: the distinct first person singular words among them; `first_person`: those
    among a list of words; `formal`: the language's formal address told by case (formal_words),
    if it has one."""
    mine = bool(pronouns)
    parts = dict.fromkeys(CUES[:4], 0.0)
    for key, _, weight, _ in found:
        if key in RULE_PARTS:
            parts[key] += weight / 3
        else:
            parts["personal_signals" if weight > 0 else "corporate_signals"] += weight / 3
    # Counted by map and sum, with no Python step a word (a long draft has hundreds).
    ours = sum(map(plural.__contains__, words))
    yours = sum(map(second_person.__contains__, words))
    theirs = 0 if mine else sum(map(third_person.__contains__, words))
    return parts | {
        "wording": wording,
        "plural_no_i": 0.0 if mine else min(ours, 6) / 3,
        "you": min(yours, 6) / 3,
        "emoji": min(len(EMOJI.findall(draft.text)), 5) / 5,
        "url": 1.0 if draft.urls else 0.0,
        "length": math.log1p(draft.word_count) / 5,
        # The tail only: a sign-off is the last thing in the post (its last 90 characters).
        "signed": 1.0 if SIGN_OFF.search(draft.prose.rstrip()[-90:]) else 0.0,
        "attributed_quote": 1.0 if _attributed(draft.prose) else 0.0,
        "third_person": min(theirs, 4) / 4,
        "we_over_i": _we_over_i(draft, plural, first_person, pronouns) if mine or ours else 0.0,
        "you_with_i": min(yours, 6) / 3 if mine else 0.0,
        "signature_line": 1.0 if _signature_line(draft.prose) else 0.0,
        "phone": 1.0 if _phone(draft.text) else 0.0,
        "formal_you": _formal_you(draft.own_prose, formal) / 3 if formal else 0.0,
    }


def formal_words(words: list[str]) -> re.Pattern | None:
    """A language's formal address as written (languages.json second_person_formal), matched
    case-sensitively as whole words; None for a language without one."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def _formal_you(prose: str, formal: re.Pattern) -> int:
    """How many times (at most FORMAL_CAP) the author's own prose addresses the reader with
    `formal` other than at a sentence's start, where a capital says nothing."""
    count = 0
    for found in formal.finditer(prose):
        i = found.start() - 1
        while i >= 0 and (prose[i] in OPENERS or _space(prose[i])):
            i -= 1
        if i >= 0 and prose[i] not in STARTS:
            count += 1
            if count == FORMAL_CAP:
                break
    return count


def _space(char: str) -> bool:
    """Whether `char` is a space within a line (a no-break space too), not a line break."""
    return char.isspace() and char not in LINE_BREAKS


def _signature_line(prose: str) -> bool:
    """Whether the prose's last line, below others, is a signature (SIGNATURE)."""
    text = prose.rstrip()
    cut = text.rfind("\n")
    if cut < 0 or not text[:cut].strip():
        return False
    line = text[cut + 1 :].strip()
    return (
        0 < len(line.split()) <= SIGNATURE_WORDS
        and SIGNATURE.fullmatch(line) is not None
        and not EMOJI.search(line)
    )


def _phone(text: str) -> bool:
    """Whether the text holds a telephone number (PHONE, not right after a letter, a digit or
    NOT_BEFORE_PHONE, with 9 to 15 digits)."""
    for found in PHONE.finditer(text):
        start = found.start()
        before = text[start - 1] if start else " "
        if before.isalnum() or before in NOT_BEFORE_PHONE:
            continue
        if 9 <= sum(c.isdigit() for c in found.group()) <= 15:
            return True
    return False


def _attributed(prose: str) -> bool:
    """ATTRIBUTED.search(prose), skipped when no quotation mark (both branches need one) is
    in the prose: sre finds no prefix to skip to and would try every position."""
    return any(mark in prose for mark in QUOTE_MARKS) and bool(ATTRIBUTED.search(prose))


def _we_over_i(
    draft: Draft,
    plural: set[str],
    first_person: Callable[[list[str]], set[str]],
    pronouns: set[str],
) -> float:
    """Share of the sentences in "we" less the share in "I" (-1 … 1): one opening line in "I"
    over sentences in "we" is company copy with a personal wrapper. `pronouns`: the first
    person words among Draft.own_words."""
    sentences = _sentences(draft)
    if not sentences:
        return 0.0
    ours = sum(1 for s in sentences if not plural.isdisjoint(s))
    # Which words are first person is asked once for all the sentences, not once a sentence.
    # Unless the own prose lowercases otherwise word by word (İ, Σ), the sentences' words are
    # own_tokens' words, Draft.own_words, whose first person words are at hand.
    if lowers_word_by_word(draft.own_prose):
        pronouns = first_person([w for s in sentences for w in s])
    mine = sum(1 for s in sentences if not pronouns.isdisjoint(s))
    return (ours - mine) / len(sentences)


def _sentences(draft: Draft) -> list[list[str]]:
    """The lowercased words of each sentence of the author's own words that has any."""
    own = draft.own_prose
    if "Σ" in own:  # lowercased alone, a sentence's last Σ may become ς, not σ
        parts = [part.lower() for part in SENTENCE.findall(own)]
        return [s for s in map(WORD.findall, parts) if s]
    # Lowercasing never makes nor unmakes a sentence end, and no word holds an end or a
    # space: the words between ends in own_tokens are each sentence's, found once.
    joined = " ".join(draft.own_tokens)
    return [s for s in (part.split() for part in END.split(joined)) if s]


Pairs = tuple[tuple[tuple[str, str], float], ...]


def blend(weights: dict, found: dict[str, float], pairs: Pairs = ()) -> float:
    """The verdict's score (≥ 0 is personal): bias + each cue times its weight, + each pair of
    cues times its weight (`pairs`: pairs_of(weights)): a cue can mean more beside another (a
    'we' with no 'I' in a long draft, say) than alone."""
    score = weights["bias"] + sum(weights["weights"][name] * found[name] for name in CUES)
    for (a, b), weight in pairs:
        score += weight * found[a] * found[b]
    return score


def pairs_of(weights: dict) -> Pairs:
    """The blend's pair weights ("a*b": w in voice_weights.json) as ((a, b), w)."""
    return tuple((tuple(name.split("*")), w) for name, w in weights.get("pairs", {}).items())
