"""The voice verdict: does a draft read like the employee's own words or like corporate copy?"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .scan import Scanner
from .text import REMEMBERED_LETTERS, WORD, Draft, lower_words, lowers_word_by_word, unquote
from .voice_blend import blend, cues, formal_words, pairs_of
from .voice_reasons import blend_reason

# A wording lean this strong is named among the signals: 1.0 since the lean has a logistic
# regression in it (about twice naive Bayes' scale alone, where it was 0.5).
WORDING_SHOWN = 1.0
WORDING_LABEL = {
    "personal": "worded like people's own posts",
    "corporate": "worded like company copy",
}
WORDING_EVIDENCE = {
    "personal": "its words and phrasing resemble personal posts",
    "corporate": "its words and phrasing resemble company posts",
}


@dataclass(frozen=True)
class SignalSet:
    ids: dict[str, tuple[str, float]]  # signal id -> (label, weight)
    strip_ids: frozenset[str]  # announcement formulas: their pronouns are not the author's
    personal: list[Scanner]  # run on the author's own words (quotes removed)
    corporate: list[Scanner]  # run on the whole prose


def compile_signals(spec: dict, languages: list[str]) -> dict[str, SignalSet]:
    """Group one language's phrase signals into a few combined scanners."""
    sets = {}
    for lang in languages:
        ids, groups = {}, {}
        for entry in spec["signals"]:
            patterns = entry["patterns"].get(lang, []) + entry["patterns"].get("*", [])
            if patterns:
                ids[entry["id"]] = (entry["label"], float(entry["weight"]))
                key = (
                    "personal" if entry["weight"] > 0 else "corporate",
                    bool(entry.get("case_sensitive")),
                )
                groups.setdefault(key, []).append((entry["id"], patterns))
        strip = frozenset(e["id"] for e in spec["signals"] if e.get("strip"))
        scanners = {
            kind: [
                Scanner(groups[(kind, cs)], lowercase=not cs)
                for cs in (False, True)
                if (kind, cs) in groups
            ]
            for kind in ("personal", "corporate")
        }
        sets[lang] = SignalSet(ids, strip, scanners["personal"], scanners["corporate"])
    return sets


class PronounSet:
    """First-person words: 'word', 'prefix*' (j'ai), '*suffix' (4+ letters), '!not_this'."""

    def __init__(self, words: list[str]) -> None:
        self.exact = frozenset(w for w in words if "*" not in w and not w.startswith("!"))
        self.unlike = frozenset(w[1:] for w in words if w.startswith("!"))
        self.prefixes = tuple(w[:-1] for w in words if w.endswith("*"))
        self.suffixes = tuple(w[1:] for w in words if w.startswith("*"))
        # Words already tested, first person or not (each draft repeats many).
        self.yes: set[str] = set()
        self.no: set[str] = set()

    def __contains__(self, word: str) -> bool:
        return bool(self.among([word]))

    def among(self, words: list[str]) -> set[str]:
        """The distinct words among `words` that are first person (set operations, so the
        words already tested cost no Python step each)."""
        distinct = set(words)
        new = distinct - self.yes - self.no
        if new:
            if len(self.yes) + len(self.no) >= 50_000:
                self.yes.clear()
                self.no.clear()
                new = distinct  # the words known before are forgotten too
            unkept = {w for w in new if len(w) > REMEMBERED_LETTERS}  # no words: not kept
            for word in new.difference(unkept) if unkept else new:
                (self.yes if self._has(word) else self.no).add(word)
            if unkept:
                return (distinct & self.yes) | set(filter(self._has, unkept))
        return distinct & self.yes

    def _has(self, word: str) -> bool:
        if word in self.exact:
            return True
        if self.prefixes and word.startswith(self.prefixes):
            return True
        if not self.suffixes or len(word) < 4 or word in self.unlike:
            return False
        return word.endswith(self.suffixes)


class VoiceJudge:
    """Weighs phrase signals and the draft's shape into a verdict with reasons."""

    def __init__(
        self,
        signals: dict[str, SignalSet],
        model: dict,
        languages: dict[str, dict],
        weights: dict | None = None,
    ):
        self.signals = signals
        self.model = model
        # voice_weights.json (voice_blend): without it, the rules' score plus the wording lean.
        self.weights = weights
        self.pairs = pairs_of(weights) if weights is not None else ()
        self.first_person = {c: PronounSet(d["first_person"]) for c, d in languages.items()}
        self.plural = {c: set(d["first_person_plural"]) for c, d in languages.items()}
        self.second = {c: set(d.get("second_person", [])) for c, d in languages.items()}
        self.third = {c: set(d.get("third_person_singular", [])) for c, d in languages.items()}
        self.formal = {
            c: formal_words(d.get("second_person_formal", [])) for c, d in languages.items()
        }

    def judge(
        self, draft: Draft, lang: str, is_clone: bool = False, wording: float | None = None
    ) -> dict:
        """Return {"label", "personal_score", "signals"} for a prepared draft.

        `wording` is the learned lean of its words and character n-grams (TopicModel.read:
        positive reads like personal posts), weighed with the rules and shape cues by the
        learned blend (voice_blend; without voice_weights.json, added to the rules' score);
        it is named among the signals when it weighs at least WORDING_SHOWN.
        """
        found, rules = self._weigh(draft, lang, is_clone)
        cues = self.cues(draft, lang, wording or 0.0, found) if self.weights is not None else None
        score = blend(self.weights, cues, self.pairs) if cues else rules + (wording or 0.0)
        if wording is not None and abs(wording) >= WORDING_SHOWN:
            leans = "personal" if wording > 0 else "corporate"
            found.append(("wording", WORDING_LABEL[leans], wording, WORDING_EVIDENCE[leans]))
        if cues and score < 0 and not any(weight < 0 for _, _, weight, _ in found):
            found += blend_reason(self.model, self.weights, self.pairs, cues, score, draft)
        found.sort(key=lambda item: -abs(item[2]))
        return {
            "label": "personal" if score >= 0 else "corporate",
            "personal_score": round(1 / (1 + math.exp(-score)), 3),
            "signals": [
                {
                    "id": i,
                    "label": label,
                    "evidence": evidence,
                    "leans": "personal" if weight > 0 else "corporate",
                }
                for i, label, weight, evidence in found
            ],
        }

    def rule_score(self, draft: Draft, lang: str) -> float:
        """The rules' score alone (≥ 0 is personal): what the wording lean is trained beside."""
        return self._weigh(draft, lang, False)[1]

    def cues(
        self, draft: Draft, lang: str, wording: float, found: list[tuple] | None = None
    ) -> dict[str, float]:
        """What voice_blend weighs: the rules in four parts (`found`: _weigh's, if at hand),
        the wording lean and shape cues."""
        if found is None:
            found = self._weigh(draft, lang, False)[0]
        words = draft.own_words
        first_person = self.first_person[lang]
        return cues(
            draft,
            found,
            wording,
            words,
            first_person.among(words),
            self.plural[lang],
            self.second[lang],
            self.third[lang],
            first_person.among,
            self.formal[lang],
        )

    def _weigh(self, draft: Draft, lang: str, is_clone: bool) -> tuple[list[tuple], float]:
        signal_set = self.signals[lang]
        matches: dict[str, str] = {}
        formulas: list[tuple[int, int]] = []
        # A quote is someone else's voice: it can show corporate copy (a CEO quote)
        # but never the author's own feelings or story.
        for scanner in signal_set.corporate:
            for key, match in scanner.matches(draft.prose):
                matches.setdefault(key, match.group(0))
                if key in signal_set.strip_ids:
                    formulas.append(match.span())
        for scanner in signal_set.personal:
            for key, match in scanner.matches(draft.own_prose):
                matches.setdefault(key, match.group(0))
        found = [(key, *signal_set.ids[key], _quote(text)) for key, text in matches.items()]
        # Without announcement formulas, the author's own words are the draft's own_prose.
        own = unquote(_cut(draft.prose, formulas)) if formulas else draft.own_prose
        copy_signals = any(weight < 0 for _, _, weight, _ in found) or bool(draft.urls)
        found += self._shape(draft, own, lang, is_clone, copy_signals)
        return found, self.model["bias"] + sum(weight for _, _, weight, _ in found)

    def _shape(
        self, draft: Draft, own: str, lang: str, is_clone: bool, copy_signals: bool
    ) -> list[tuple]:
        m = self.model
        words = draft.own_words if own is draft.own_prose else lower_words(own)
        first_person = self.first_person[lang]
        pronouns = first_person.among(words)
        mine = list(filter(pronouns.__contains__, words)) if pronouns else []
        wrapper = self._thin_wrapper(own, words, first_person) if mine and copy_signals else None
        if wrapper:
            mine = []  # the opening line's "I" is the wrapper's, not the post's
        ours = list(filter(self.plural[lang].__contains__, words))  # no Python step a word
        found = []
        if mine:
            count = min(len(mine), m["first_person"]["cap"])
            found.append(
                (
                    "first_person",
                    m["first_person"]["label"],
                    m["first_person"]["weight_each"] * count,
                    f"{len(mine)}× first person ({', '.join(sorted(set(mine))[:4])})",
                )
            )
        elif (
            draft.word_count >= m["no_first_person"]["min_words"]
            and not _clipped(draft, m)
            and not _plain(draft, m, copy_signals)
        ):
            found.append(
                (
                    "no_first_person",
                    m["no_first_person"]["label"],
                    m["no_first_person"]["weight"],
                    "no 'I', 'me' or 'my' in your own words",
                )
            )
        if not mine and len(ours) >= m["company_we"]["min_count"]:
            found.append(
                (
                    "company_we",
                    m["company_we"]["label"],
                    m["company_we"]["weight"],
                    f"{len(ours)}× {', '.join(sorted(set(ours))[:3])}",
                )
            )
        if draft.urls and draft.word_count <= m["link_only"]["max_words"]:
            found.append(
                (
                    "link_only",
                    m["link_only"]["label"],
                    m["link_only"]["weight"],
                    f"{draft.word_count} words beside the link",
                )
            )
        if len(draft.hashtags) >= m["hashtag_wall"]["min_hashtags"]:
            found.append(
                (
                    "hashtag_wall",
                    m["hashtag_wall"]["label"],
                    m["hashtag_wall"]["weight"],
                    f"{len(draft.hashtags)} hashtags",
                )
            )
        if wrapper:
            found.append(
                ("thin_wrapper", m["thin_wrapper"]["label"], m["thin_wrapper"]["weight"], wrapper)
            )
        if is_clone:
            found.append(
                (
                    "copied_boilerplate",
                    m["clone"]["label"],
                    m["clone"]["weight"],
                    "near-identical to posts colleagues logged",
                )
            )
        return found

    def _thin_wrapper(self, own: str, words: list[str], first_person: PronounSet) -> str | None:
        """An opening line in the first person above company copy that has none ("So proud of
        my team! 💪" over a press release): the evidence, or None. `words`: lower_words(own)."""
        opening, _, rest = own.strip().partition("\n")
        if lowers_word_by_word(own):
            rest_words = lower_words(rest)
        else:  # no word spans a newline: the rest's words follow the opening's
            rest_words = words[len(WORD.findall(opening.lower())) :]
        rules = self.model["thin_wrapper"]
        if len(WORD.findall(opening)) > rules["max_opening_words"]:
            return None
        if len(rest_words) < rules["min_words_below"]:
            return None
        if first_person.among(rest_words):
            return None
        return f"'{opening.strip()[:60]}' over {len(rest_words)} words with no 'I'"


def _clipped(draft: Draft, m: dict) -> bool:
    """A few clipped words of one's own ("Sub-3. Finally. Legs gone."), no link or hashtag:
    dropping the pronoun there does not make it corporate."""
    limit = m["no_first_person"].get("clipped_below_words", 0)
    return draft.word_count < limit and not draft.urls and not draft.hashtags


def _plain(draft: Draft, m: dict, copy_signals: bool) -> bool:
    """A short post with no link, no hashtag and no copy phrase: people drop the pronoun
    ("First day at the town hall. New badge, new desk 🙂"), while company copy almost always
    carries a link, a hashtag or a formula, so a missing "I" is no sign of copy there."""
    limit = m["no_first_person"].get("plain_below_words", 0)
    return draft.word_count < limit and not copy_signals and not draft.hashtags


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out the given spans (lowercasing kept offsets unless a rare letter grew)."""
    if not spans or len(text.lower()) != len(text):
        return text
    parts, last = [], 0
    for start, end in sorted(spans):
        parts.append(text[last:start])
        last = max(last, end)
    return " ".join(parts + [text[last:]])


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text[:60]}…'" if len(text) > 60 else f"'{text}'"
