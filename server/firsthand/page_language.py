"""The words of the pages an employee opens from a link (the connect page), in the browser's
language: the languages the extension speaks (en, fr, de, es, nl, pt), English for any other.

The browser says which it prefers in Accept-Language; each language's words are in
locales/<lang>.json, as the extension's are in _locales/<lang>/messages.json. A message a
language lacks is shown in English rather than as its key.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

from flask import request

LANGUAGES = ("en", "fr", "de", "es", "nl", "pt")
LOCALES = Path(__file__).parent / "locales"


@cache
def catalogue(language: str) -> dict:
    """Every message in `language`, English where it has none."""
    english = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    if language == "en":
        return english
    own = json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))
    return {**english, **own}


def browser_language() -> str:
    """The supported language the request's browser prefers (fr-CA counts as fr)."""
    return request.accept_languages.best_match(LANGUAGES, default="en")


class Words:
    """A page's words in one language: `words("key", name=…)` fills {name} in the message."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.messages = catalogue(language)

    def __call__(self, key: str, **subs: object) -> str:
        # Only the message is a format string; what is put into it (names) is never parsed.
        return self.messages[key].format(**subs)

    def date(self, moment: datetime) -> str:
        """18 November 2026 · 18 novembre 2026 · 18. November 2026; French's first is 1er.
        The day and month keep together (a no-break space) when the line wraps."""
        month = self.messages["months"][moment.month - 1]
        key = "date.first" if moment.day == 1 else "date"
        return self(key, day=moment.day, month=month, year=moment.year)


def page_words() -> Words:
    """The words for this request's page, in its browser's language."""
    return Words(browser_language())
