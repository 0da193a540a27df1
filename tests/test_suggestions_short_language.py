"""POST /suggestions on a draft too short to tell its language ("Montag."): the reader's own
language (Accept-Language, the extension's UI language) where the words cannot tell it
apart, so a German panel offers German angles; the words win where they can, and longer drafts
and a given `lang` are read as before (a real HTTP server on a SQLite database)."""

from __future__ import annotations

import pytest


@pytest.fixture
def ask(ask_suggestions):
    return ask_suggestions


# (draft, the reader's language, the language read): one word of their own language is read
# in it, in the six languages, and a reader's language the words do tell apart from is not.
SHORT = [
    ("Montag.", "de", "de"),
    ("Montag.", "de-DE,de;q=0.9,en;q=0.8", "de"),
    ("Lunes.", "es", "es"),
    ("Danke!", "de", "de"),
    ("Segunda.", "es-ES", "es"),
    ("Montag.", "nl", "nl"),
    ("Montag.", "fr-CA", "fr"),
    ("Estamos contratando.", "pt-BR", "pt"),
    # The words tell: a reader's language far behind is not taken.
    ("Heute.", "fr", "de"),
    ("Maandag.", "en", "nl"),
    ("Monday.", "de", "en"),
    ("Passed my exam today!", "pt", "en"),
    ("Gracias.", "en", "es"),
]


@pytest.mark.parametrize(("text", "ui", "lang"), SHORT)
def test_a_draft_too_short_to_tell_is_read_in_the_readers_language(ask, text, ui, lang):
    answer = ask(text, ui)
    assert answer.json()["lang"] == lang
    assert "Accept-Language" in answer.headers.get("Vary", "")


def test_the_angles_are_the_readers_language_ones(ask):
    german = ask("Montag.", "de").json()
    assert german["angles"] == ask("Montag.", lang="de").json()["angles"]
    assert german["angles"] != ask("Montag.", "en").json()["angles"]


def test_without_a_language_of_the_six_the_words_decide_as_before(ask):
    assert ask("Montag.").json()["lang"] == "en"  # no Accept-Language: English by default
    assert ask("Montag.", "ja").json()["lang"] == "en"
    assert ask("Lunes.", "it").json()["lang"] == "fr"  # the model's guess, unchanged


def test_a_given_lang_and_a_longer_draft_are_read_as_before(ask):
    assert ask("Montag.", "de", lang="fr").json()["lang"] == "fr"
    # Six words and more: the words alone, whatever the reader's language.
    sentence = "Montag. Neues Team, neuer Schreibtisch, guter Kaffee."
    assert ask(sentence, "fr").json()["lang"] == "de"
    assert ask("Passed my exam today, finally, after months!", "de").json()["lang"] == "en"
