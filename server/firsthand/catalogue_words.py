"""Badge and level names in the employee's language.

The badge catalogue and the levels are admin data in English (badges.json, levels.json); each
entry may carry `translations` ({"fr": {"name": …, "description": …}, …}) for the languages the
extension speaks. The API answers in the language the caller's browser prefers
(Accept-Language, which the extension's requests carry), English where an entry has none.
Public badge pages and Open Badges assertions keep the catalogue's own English: they are
records for anyone, not the employee's screen.
"""

from __future__ import annotations

from flask import Response, g, has_request_context, request

from .page_language import LANGUAGES, browser_language


def reader_language() -> str:
    """The supported language of the request's browser ("en" outside a request)."""
    if not has_request_context():
        return "en"
    g.answer_varies_by_language = True
    return browser_language()


def stated_language() -> str | None:
    """The supported language the request's browser names (Accept-Language), or None when it
    names none of them: unlike reader_language, no English stands in for a missing header."""
    g.answer_varies_by_language = True
    return request.accept_languages.best_match(LANGUAGES)


def translated(entry: dict, field: str, language: str) -> str:
    """`entry[field]` in `language` when the data file gives it, else as written."""
    own = entry.get("translations", {}).get(language, {})
    return own.get(field) or entry[field]


def vary_by_language(response: Response) -> Response:
    """After a request whose answer used the reader's language: say so to caches."""
    if g.get("answer_varies_by_language"):
        response.vary.add("Accept-Language")
    return response
