"""A story's editable fields and the checks on its angle questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .errors import invalid
from .input_guard import text_key, tidy_line


@dataclass
class StoryFields:
    """A story's editable fields, checked; None in an update means "unchanged"."""

    title: str | None = None
    context: str | None = None
    link: str | None = None
    image_url: str | None = None
    everyone: bool | None = None
    team_ids: list[int] | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    questions: list[str] | None = None
    status: str | None = None  # draft, published, withdrawn
    clear: tuple[str, ...] = ()  # fields set to null on purpose (link, image_url, ends_at)


def clean_questions(questions: list[str]) -> list[str]:
    cleaned = [tidy_line(q) for q in questions]
    if any(not q for q in cleaned):
        raise invalid("questions", "must not hold an empty question")
    if not 2 <= len(cleaned) <= 4:
        raise invalid("questions", "must hold 2 to 4 angle questions")
    # NFKC: the same question typed in full-width letters ("Ｓame?") is the same question.
    if len({text_key(q) for q in cleaned}) != len(cleaned):
        raise invalid("questions", "must not repeat a question")
    return cleaned
