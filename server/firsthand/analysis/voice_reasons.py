"""A reason for a verdict that no named signal explains.

The learned blend (voice_blend) weighs shape cues no rule names: a post of 30 words in "we"
with no "I" can read as company copy with every named signal leaning personal, or none at all.
The panel then said "Sounds like a press release" alone, or "(though: worded like people's own
posts)", a verdict with nothing behind it (a cold review of drafts by people far from tech:
retirement tributes, a harvest supper's thanks, a site manager's question in "we"). Here the
cue that tipped it is found by asking the blend what the score would be without it, and named
in the employee's terms ("no first-person voice", "more 'we' than 'I'"). The verdict itself
is untouched: only its explanation.
"""

from __future__ import annotations

from .voice_blend import blend

# Below this many words of one's own the reading may be too early (analysis.early), which a
# named reason would change: the reason is only added from here on.
FROM_WORDS = 6
# A cue is named only if taking it away moves the score this far towards the other side.
MIN_SHIFT = 0.3


def blend_reason(
    judge_model: dict, weights: dict, pairs: tuple, found: dict[str, float], score: float, draft
) -> list[tuple[str, str, float, str]]:
    """[(id, label, weight, evidence)] of the cue that most pulls a corporate verdict (`score`
    below 0) its way, when taking it away shifts the score by MIN_SHIFT at least; [] otherwise.
    `found`: the blend's cues for the prepared `draft` (voice_blend.cues); `judge_model`:
    voice_model.json, whose `blend_reasons` name the cues that can be told to the employee."""
    if score >= 0 or len(draft.own_words) < FROM_WORDS:
        return []
    best = None
    for reason in judge_model.get("blend_reasons", []):
        if any(found[cue] != value for cue, value in reason.get("when", {}).items()):
            continue
        if reason["cues"] and not any(found[cue] for cue in reason["cues"]):
            continue
        shift = blend(weights, found | reason["instead"], pairs) - score
        if shift >= MIN_SHIFT and (best is None or shift > best[0]):
            best = (shift, reason)
    if best is None:
        return []
    shift, reason = best
    return [(reason["id"], reason["label"], -shift, reason["evidence"])]
