"""A draft or share compared with its story's own text: does it read like the announcement
pasted, rather than told in the employee's own words?"""

from __future__ import annotations

from .analysis.fingerprint import _WORD, MIN_WORDS, _hash, sketch
from .analysis.text import prepare
from .stories_models import Story

# A draft holding this share of its word triples from the story reads like the announcement
# (the same estimate and threshold as the clone check on colleagues' posts).
STORY_COPY_THRESHOLD = 0.6


def _all_triples(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    return {_hash(" ".join(words[i : i + 3])) for i in range(len(words) - 2)}


def story_similarity(story: Story, text: str) -> float:
    """The estimated share of the text's word triples taken from the story's own text. Both
    are read as the analysis reads a draft (its prose: no links or hashtags, invisible
    characters, look-alike letters and piled-up marks undone), so neither a tracked link nor
    a soft hyphen in every word hides a copy."""
    draft = sketch(prepare(text).prose)
    if not draft:
        return 0.0
    source = _all_triples(prepare(f"{story.title}\n{story.context}").prose)
    return round(sum(h in source for h in draft) / len(draft), 2)


def reads_like_story(story: Story, text: str) -> bool:
    return len(_WORD.findall(text)) >= MIN_WORDS and story_similarity(story, text) >= (
        STORY_COPY_THRESHOLD
    )
