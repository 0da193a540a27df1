"""A draft mostly in one language with a closing line or a quote in another is read in the
language most of its prose is in (firsthand.analysis.language, MAJORITY_SHARE); drafts that
switch language every other sentence keep the summed reading."""

from pathlib import Path

import pytest

from firsthand.analysis import Analyzer
from firsthand.analysis.text import prepare

DATA = Path(__file__).resolve().parents[1] / "server" / "firsthand" / "data"

LAUNCH = (
    "We launched the new Orbit dashboard today after nine months of hard work. Customers can "
    "now see every shipment on one screen, with live alerts when something is late. I am "
    "proud of what we built."
)
# Closing lines (and a quote) from another language, each a third or more of the words: the
# sum read each of these as the closing's language, the author's prose is English.
MOSTLY_ENGLISH = [
    LAUNCH + " Danke an alle, ihr seid großartig! Bis bald in München. Ein herzliches "
    "Dankeschön an unsere Kolleginnen und Kollegen in der Entwicklungsabteilung.",
    "Spent the week with our partners in Berlin and came home with a notebook full of ideas. "
    "Their CEO summed up the whole visit in one line I keep thinking about: „Wir entwickeln "
    "keine Software, wir lösen Probleme für Menschen, und Zuverlässigkeit ist unsere "
    "wichtigste Eigenschaft.“",
]
MOSTLY_GERMAN = (
    "Heute haben wir unsere neue Werkstatt in Augsburg eröffnet. Nach zwei Jahren Planung und "
    "einem halben Jahr Umbau ist alles fertig, und ich bin unglaublich stolz auf das ganze "
    "Team. Thank you all so much, you are amazing, see you soon in London!"
)


@pytest.fixture(scope="module")
def engine() -> Analyzer:
    return Analyzer.load(DATA)


@pytest.mark.parametrize("text", MOSTLY_ENGLISH)
def test_an_english_draft_with_a_german_closing_or_quote_is_english(engine, text):
    found = engine.analyze(text)
    assert found["lang"] == "en"
    assert found["angles"] == engine.analyze(text, "en")["angles"]


def test_a_german_draft_with_an_english_closing_is_german(engine):
    assert engine.language.detect(prepare(MOSTLY_GERMAN)) == "de"


def test_a_draft_half_in_each_language_keeps_the_summed_reading(engine):
    # Sentences alternate (a writer learning Dutch): no language holds the majority's share of
    # the words, so the sum decides, as the labelled drafts of this kind are labelled.
    text = (
        "Last week I moved with my family from Porto to Eindhoven for my new job. Het is voor "
        "ons een groot avontuur. The children now go to the international school. Nederlands "
        "is moeilijk maar de mensen zijn heel vriendelijk. Fietsen in de regen moet ik nog leren."
    )
    assert engine.language.detect(prepare(text)) == "nl"


def test_short_drafts_are_read_by_the_sum(engine):
    # Under MAJORITY_FROM_WORDS words the sentences do not vote: "Danke ans Team!" after two
    # English words stays the sum's German.
    draft = prepare("Befördert zum Senior Consultant. Danke ans Team!")
    assert engine.language.detect(draft) == "de"
