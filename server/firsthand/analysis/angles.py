"""Choosing the personal angles a draft lacks, for its topic, voice and language."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from functools import lru_cache

GAP_SIGNALS = {
    # gap -> the voice signals that show the draft already has it
    "first_person": {"first_person"},
    "feelings": {"feelings"},
    "thanks": {"thanks_by_name"},
    "question": {"question_to_network"},
    "lesson": {"lived_experience"},
}


MIN_ANGLES = 3


def pick_angles(
    catalogue: dict,
    topic: str,
    voice: dict,
    lang: str,
    hashtags: int,
    words: tuple[str, ...] = (),
    prose: str = "",
) -> list[dict]:
    """Return 3–5 angles: topic-specific first, skipping gaps the draft already fills.

    An unclear topic matches no topic list, so it gets the angles that fit any post ('*').
    A hashtag wall is the one gap seen in the draft rather than inferred from something
    missing, so its tip leads: otherwise a topic's own tips would always crowd it out.
    An angle with `skip_when` phrases is left out when the draft's words say one of them in
    its language (an event tip for before it, on a draft written after it), or match one of
    its `skip_when_patterns` ("zondag sta ik", a weekday and a verb in the present).
    A gap also counts as filled when the prose (without links and hashtags) matches one of
    the catalogue's gap_patterns for it: the voice's signals, tuned for the verdict, miss
    "Gracias a Íñigo" or a Dutch "Benieuwd wat jullie ervan vinden!", and the tip would then
    ask for what the draft already does. An angle whose starter the draft holds is left
    out, and its gap counts as filled. An angle for "any" voice fits both.
    A case the prose shows (a death: "passed away", "ist verstorben") stands for the topic,
    whatever the model read, and only its own angles are offered (no '*' ones: no question
    to the network under a bereavement). A case may hold only for some of the model's topics
    (someone else's award: a launch that congratulates the team is still a launch) and not
    when the prose says one of its `unless` patterns (the author's own award).
    """
    label = voice["label"]
    case = _case(catalogue, topic, lang, prose)
    pool = case or "*"  # the angles that fit any draft, or only the case's
    topic = case or topic
    written = _written(catalogue["angles"], lang, prose)
    spoken = Spoken(words)
    filled = Filled(voice, {a["fills"] for a in written}, catalogue, lang, prose)
    limit = catalogue["limits"][label]
    candidates = [
        angle
        for angle in catalogue["angles"]
        if angle["voice"] in (label, "any")
        and angle not in written
        and (topic in angle["topics"] or pool in angle["topics"])
        and not spoken.says(angle, lang)
    ]
    # Topic-specific angles before generic ones; catalogue order within each. A gap is
    # looked for only while angles are still wanted (its patterns read the whole prose).
    candidates.sort(key=lambda a: (a["fills"] != "hashtags", pool in a["topics"]))
    fitting = []
    for angle in candidates:
        if len(fitting) == limit:
            break
        if _needed(angle, filled, hashtags):
            fitting.append(angle)
    if len(fitting) < MIN_ANGLES:  # a draft that has every gap filled still gets ideas
        fitting += [
            angle
            for angle in catalogue["angles"]
            if angle["voice"] in (label, "any")
            and pool in angle["topics"]
            and angle not in fitting
            and angle not in written
            and not spoken.says(angle, lang)  # (an offer already made)
        ][: MIN_ANGLES - len(fitting)]
    return [_localised(a, lang) for a in fitting[:limit]]


class Filled:
    """Whether the draft already does what a gap asks: by the voice's personal signals, by
    an angle's starter written (its gap), or by the catalogue's patterns for the gap (company
    copy that thanks people by name needs no "who should be thanked?"); each gap's patterns
    are read once, and only when asked."""

    def __init__(self, voice: dict, written: set[str], catalogue: dict, lang: str, prose: str):
        self.signals = {s["id"] for s in voice["signals"] if s["leans"] == "personal"}
        self.known = dict.fromkeys(written, True)
        self.patterns = catalogue.get("gap_patterns", {})
        self.includes = catalogue.get("gap_includes", {})  # "names": filled by "thanks" too
        self.lang, self.prose = lang, prose
        self.folded: str | None = None  # the prose casefolded, once a pattern is read

    def __call__(self, gap: str) -> bool:
        if gap not in self.known:
            self.known[gap] = False  # (a gap that includes itself, through others)
            self.known[gap] = (
                bool(GAP_SIGNALS.get(gap, set()) & self.signals)
                or any(map(self, self.includes.get(gap, ())))
                or self._said(gap)
            )
        return self.known[gap]

    def _said(self, gap: str) -> bool:
        if self.folded is None:
            self.folded = self.prose.casefold()
        return _matches(self.patterns.get(gap), self.lang, self.prose, self.folded)


def _matches(by_lang: dict | None, lang: str, prose: str, folded: str) -> bool:
    """Whether the prose matches one of the patterns listed for its language or for '*'."""
    if not by_lang or not prose:
        return False
    found = (*by_lang.get(lang, ()), *by_lang.get("*", ()))
    return any(
        re.search(pattern, prose)
        for pattern in found
        if _may_match(_openings(pattern), folded) and _may_match(_needles(pattern), folded)
    )


def _case(catalogue: dict, topic: str, lang: str, prose: str) -> str | None:
    """The first of the catalogue's cases (a death) that holds for the topic the model read
    (all, when it lists none) and whose `when` patterns the prose matches, not its `unless`."""
    cases = catalogue.get("cases")
    if not cases or not prose:
        return None
    folded = prose.casefold()
    for name, case in cases.items():
        if "topics" in case and topic not in case["topics"]:
            continue
        if _matches(case["when"], lang, prose, folded) and not _matches(
            case.get("unless"), lang, prose, folded
        ):
            return name
    return None


def _may_match(openings: tuple[str, ...] | None, folded: str) -> bool:
    """Whether the prose (casefolded) holds one of the texts every match starts with."""
    return openings is None or any(opening in folded for opening in openings)


MAX_OPENINGS = 16  # read on past a group only while it opens no more ways than this


@lru_cache(maxsize=512)
def _openings(pattern: str) -> tuple[str, ...] | None:
    """The texts (casefolded) one of which every match of `pattern` starts with, or None
    when that cannot be told. A pattern like \\b(?i:thank you|grateful to)… costs sre a
    try at every position of a long draft (no literal to skip to, case ignored); "thank"
    or "grateful" not in the draft at all says no match for a fraction of that."""
    try:
        found = _heads(list(sre_parse.parse(pattern)))
    except (re.error, TypeError, ValueError):
        return None
    return tuple(found) if found else None


def _heads(items: list) -> list[str] | None:
    """The literal openings of a parsed sequence (zero-width \\b and ^ skipped), one per
    alternative; None if some alternative opens with anything else.

    A group or an alternation after the first letters is read on, each of its alternatives
    with what follows it (at most MAX_OPENINGS): "i " opened "i (?:want|would like) to thank",
    and 20,000 characters of "I I I…" held it everywhere, so the pattern ran over all of them
    (1.3 ms); "i want to thank" and "i would like to thank" they do not hold."""
    text = ""
    for at, (op, av) in enumerate(items):
        if op is sre.AT and not text:
            continue
        if op is sre.LITERAL:
            text += chr(av)
            continue
        if op is sre.SUBPATTERN:
            alternatives = [list(av[3])]
        elif op is sre.BRANCH:
            alternatives = [list(branch) for branch in av[1]]
        else:
            break
        rest = items[at + 1 :]
        found = []
        for alternative in alternatives:
            heads = _heads(alternative + rest)
            if heads is None:
                return [text.casefold()] if text else None
            found += heads
        if text and len(found) > MAX_OPENINGS:
            return [text.casefold()]
        return [text.casefold() + head for head in found]
    return [text.casefold()] if text else None


ASCII_DIGIT = [(sre.RANGE, (ord("0"), ord("9")))]


@lru_cache(maxsize=512)
def _needles(pattern: str) -> tuple[str, ...] | None:
    """Texts (casefolded) one of which every match of `pattern` holds somewhere, or None when
    that cannot be told. The loss case's "(?<!her )…(mum|…|he|she) … died" opens with a
    lookbehind and tried every position of a 3,000-character draft (1.2 ms a draft); a draft
    without "died" cannot match it."""
    try:
        found = _must_hold(list(sre_parse.parse(pattern)))
    except (re.error, TypeError, ValueError):
        return None
    return tuple(found) if found else None


def _must_hold(items: list) -> list[str] | None:
    """The best set of texts one of which a match of the sequence `items` must hold: its
    longest run of literals, or the texts a mandatory group must hold (one per alternative),
    whichever has the longest shortest text; None when nothing is mandatory."""
    best: list[str] | None = None
    run = ""

    def better(found: list[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        better([run.casefold()] if run else None)
        run = ""
        if op is sre.SUBPATTERN:
            better(_must_hold(list(av[3])))
        elif op is sre.BRANCH:
            branches = [_must_hold(list(branch)) for branch in av[1]]
            if all(branches):
                better([text for found in branches for text in found])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] >= 1:
            better(_must_hold(list(av[2])))
        elif op is sre.IN and av == ASCII_DIGIT:  # [0-9]: one of ten digits
            better(list("0123456789"))
    better([run.casefold()] if run else None)
    return best


MIN_STARTER = 8  # shorter starters ("I ") say nothing about what was written


def _written(angles: list[dict], lang: str, prose: str) -> list[dict]:
    """The angles whose starter (in the draft's language) the prose holds."""
    if not prose:
        return []
    said = _plain(prose)
    found = []
    for angle in angles:
        text = angle["text"].get(lang) or angle["text"]["en"]
        starter = _plain_starter(text["starter"])
        if len(starter) >= MIN_STARTER and starter in said:
            found.append(angle)
    return found


@lru_cache(maxsize=1024)
def _plain_starter(starter: str) -> str:
    return _plain(starter)


def _plain(text: str) -> str:
    """Lowercase, one kind of apostrophe, single spaces, no closing colon or space: how a
    starter and a draft are compared (the person may have retyped it, or their editor
    curled its apostrophe)."""
    text = " ".join(text.casefold().replace("\u2019", "'").split())
    return text.rstrip(" :")


def _needed(angle: dict, filled: Filled, hashtags: int) -> bool:
    """Whether the draft still lacks what the angle is about."""
    gap = angle["fills"]
    if gap == "hashtags":
        return hashtags >= 5
    return not filled(gap)


class Spoken:
    """The draft's words as one lowercase line, joined once when an angle's skip lists ask."""

    def __init__(self, words: tuple[str, ...]):
        self.words, self.line = words, ""

    def says(self, angle: dict, lang: str) -> bool:
        """Whether the words hold one of the angle's `skip_when` phrases for their language, as
        whole words, or match one of its `skip_when_patterns` for it."""
        phrases = (angle.get("skip_when") or {}).get(lang)
        patterns = (angle.get("skip_when_patterns") or {}).get(lang)
        if not phrases and not patterns:
            return False
        if not self.line:
            self.line = f" {' '.join(self.words)} "
        line = self.line
        return any(f" {phrase.lower()} " in line for phrase in phrases or ()) or any(
            re.search(pattern, line)
            for pattern in patterns or ()
            if _may_match(_needles(pattern), line)
        )


def _localised(angle: dict, lang: str) -> dict:
    return {"id": angle["id"], **(angle["text"].get(lang) or angle["text"]["en"])}
