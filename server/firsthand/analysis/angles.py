"""Choosing the personal angles a draft lacks, for its topic, voice and language."""

from __future__ import annotations

import re

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
    its language (an event tip for before it, on a draft written after it).
    In a personal draft a gap also counts as filled when the prose (without links and
    hashtags) matches one of the catalogue's gap_patterns for it: the voice's signals, tuned
    for the verdict, miss "Gracias a Íñigo" or a Dutch "Benieuwd wat jullie ervan vinden!",
    and the tip would then ask for what the draft already does.
    """
    label = voice["label"]
    present = {s["id"] for s in voice["signals"] if s["leans"] == "personal"}
    if label == "personal":  # company copy's angles ask for the person's own version anyway
        present |= _filled_by_patterns(catalogue.get("gap_patterns", {}), lang, prose)
    limit = catalogue["limits"][label]
    fitting = [
        angle
        for angle in catalogue["angles"]
        if angle["voice"] == label
        and _needed(angle, present, hashtags)
        and not _says(angle.get("skip_when"), lang, words)
        and (topic in angle["topics"] or "*" in angle["topics"])
    ]
    # Topic-specific angles before generic ones; catalogue order within each.
    fitting.sort(key=lambda a: (a["fills"] != "hashtags", "*" in a["topics"]))
    if len(fitting) < MIN_ANGLES:  # a draft that has every gap filled still gets ideas
        fitting += [
            angle
            for angle in catalogue["angles"]
            if angle["voice"] == label and "*" in angle["topics"] and angle not in fitting
        ][: MIN_ANGLES - len(fitting)]
    return [_localised(a, lang) for a in fitting[:limit]]


def _filled_by_patterns(patterns: dict, lang: str, prose: str) -> set[str]:
    """The gaps whose patterns (for the draft's language, or any: '*') the prose matches,
    named as filled gaps ("gap:thanks") beside the voice's signal ids."""
    if not prose:
        return set()
    return {
        f"gap:{gap}"
        for gap, by_lang in patterns.items()
        if any(re.search(p, prose) for p in (*by_lang.get(lang, ()), *by_lang.get("*", ())))
    }


def _needed(angle: dict, present: set[str], hashtags: int) -> bool:
    """Whether the draft still lacks what the angle is about."""
    gap = angle["fills"]
    if gap == "hashtags":
        return hashtags >= 5
    return not ((GAP_SIGNALS.get(gap, set()) | {f"gap:{gap}"}) & present)


def _says(phrases: dict | None, lang: str, words: tuple[str, ...]) -> bool:
    """Whether the words hold one of the phrases listed for their language, as whole words."""
    listed = phrases.get(lang) if phrases else None
    if not listed:
        return False
    spoken = f" {' '.join(words)} "
    return any(f" {phrase.lower()} " in spoken for phrase in listed)


def _localised(angle: dict, lang: str) -> dict:
    return {"id": angle["id"], **(angle["text"].get(lang) or angle["text"]["en"])}
