"""The voice verdict's last step: the rules' score, the wording lean and a few shape cues,
weighed by a small logistic regression (voice_weights.json, trained by
scripts/train_voice_weights.py on the train/dev drafts, each writer's wording lean taken from a
model that did not see that writer).

Why: the rules and the wording lean were simply added, and warm company-page copy ("Our kitchen
family is getting bigger 💛 … we eat together before every service") fooled both: its words
are warm, and it has no "I". What gives such copy away holds in every language: "we" and "our"
with no "I", the reader addressed as "you", emoji, a link, the draft's length. Each cue is one
weight learned across all languages and writers (nothing per phrase), so it carries over.
"""

from __future__ import annotations

import math

from .lexicon import EMOJI
from .text import Draft

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
)
RULE_PARTS = {"first_person", "no_first_person"}  # the other rules fall in the two sums


def cues(
    draft: Draft,
    found: list[tuple],
    wording: float,
    words: list[str],
    mine: bool,
    plural: set[str],
    second_person: set[str],
) -> dict[str, float]:
    """The blend's inputs for a prepared draft. `found`: the rules that apply (id, label,
    weight, evidence); `words`: its own words (quotes out), lowercased; `mine`: whether any of
    them is first person singular."""
    parts = dict.fromkeys(CUES[:4], 0.0)
    for key, _, weight, _ in found:
        if key in RULE_PARTS:
            parts[key] += weight / 3
        else:
            parts["personal_signals" if weight > 0 else "corporate_signals"] += weight / 3
    ours = sum(1 for w in words if w in plural)
    yours = sum(1 for w in words if w in second_person)
    return parts | {
        "wording": wording,
        "plural_no_i": 0.0 if mine else min(ours, 6) / 3,
        "you": min(yours, 6) / 3,
        "emoji": min(len(EMOJI.findall(draft.text)), 5) / 5,
        "url": 1.0 if draft.urls else 0.0,
        "length": math.log1p(draft.word_count) / 5,
    }


def blend(weights: dict, found: dict[str, float]) -> float:
    """The verdict's score (≥ 0 is personal): bias + each cue times its weight."""
    return weights["bias"] + sum(weights["weights"][name] * found[name] for name in CUES)
