"""The API's error messages in the caller's language.

A refusal a person reads (the extension shows it in its share card, popup and options page,
whose own words follow the browser's UI language) is raised with `say(key, **subs)`: a str
whose text is the message in English, from locales/en.json (what logs, the console's pages
and a caller without Accept-Language get), which keeps its key so that the JSON error
handler words it again in the language the request prefers (Accept-Language, which the
extension sets to its UI language; locales/<lang>.json, English where one lacks it). The
error's `code` and `details` are the same in every language: they are for programs.
Messages only a broken client meets (a body against the schema, an unknown endpoint) stay
English.
"""

from __future__ import annotations

from .catalogue_words import reader_language
from .page_language import Words


class Said(str):
    """A message by its key (`say`), or several said together (`together`)."""

    key: str | None
    subs: dict
    parts: tuple[Said, ...]

    def __new__(
        cls,
        text: str,
        key: str | None = None,
        subs: dict | None = None,
        parts: tuple[Said, ...] = (),
    ) -> Said:
        said = super().__new__(cls, text)
        said.key, said.subs, said.parts = key, subs or {}, parts
        return said

    def worded(self, language: str) -> str:
        """The message in `language` (a supported one); in English, its own text (which may
        name the field where the other languages say "the address", see web_address)."""
        if language == "en":
            return str(self)
        if self.key is None:
            return " ".join(part.worded(language) for part in self.parts)
        return Words(language)(self.key, **self.subs)


def say(key: str, **subs: object) -> Said:
    """The message `key` of the locales (`error.…`), `{name}`s filled from `subs`."""
    return Said(Words("en")(key, **subs), key, subs)


def together(messages: list[str]) -> str:
    """Messages one after another; still worded per language when each of them is."""
    text = " ".join(messages)
    if messages and all(isinstance(m, Said) for m in messages):
        return Said(text, parts=tuple(messages))
    return text


def in_reader_language(message: str) -> str:
    """`message` in the request's language when it was said by key; else as it is."""
    return message.worded(reader_language()) if isinstance(message, Said) else message
